"""Streams: ingest feeds and archives into a store in batches, cluster stories, analyse each.

``ingest_stream`` reads any number of sources (JSONL, WARC, folders, RSS/Atom feeds, URLs) as a
stream, in bounded memory: batch by batch it skips articles already stored (content-hash ids),
runs the article stages on the rest through an engine (``local``, ``process``, ``ray``), assigns
each to a story with :class:`~rashomon.clustering.StoryClusterer`, and commits the batch's
articles, all their layers, their story links and the clusterer's new state in **one**
transaction. A run killed at any point therefore leaves whole batches only, and running the
same command again continues exactly where it stopped (the clusterer resumes from its stored
state, so the stories come out as an uninterrupted run would make them).

``list_events`` summarises the stories in a store; ``analyze_stored`` runs the event (reduce)
stages on stored stories and writes each one's ``analysis.json`` and report.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .clustering import ArticleFeatures, ClusterParams, StoryClusterer, features_many
from .config import Limits, PipelineConfig
from .embeddings import DEFAULT_ENCODER, get_encoder
from .errors import ConfigError, StoreError
from .executors import get_engine
from .ingest import KNOWN_SUFFIXES, iter_articles
from .ingest_feeds import FEED_SUFFIXES, is_feed, iter_feed, iter_feed_url, looks_like_feed_url
from .model import SCHEMA_VERSION, Article, ArticleDoc, EventDoc, Failure
from .pipeline import BASE_LAYERS, OnError, Pipeline
from .registry import registry
from .store import open_store, read_event, write_event
from .store.sqlite import _Writer

__all__ = [
    "STREAM_LIMITS",
    "EventSummary",
    "IngestInterrupted",
    "StreamProgress",
    "StreamReport",
    "analyze_stored",
    "estimate_total",
    "ingest_stream",
    "iter_stream",
    "list_events",
    "load_clusterer",
    "rich_progress",
]

DEFAULT_BATCH = 64
# Failures kept in the report object (all of them are in the ``ingest_errors`` table).
_REPORT_FAILURES = 100
_URL = re.compile(r"^https?://", re.I)

# A stream reads archives far larger than one event's files: only single articles and JSONL
# lines keep their caps, the stream as a whole is not capped.
STREAM_LIMITS = Limits(max_decompressed_bytes=1 << 50, max_articles=1 << 62)

# The clusterer's state and the ingest log. Created here (CREATE ... IF NOT EXISTS) because
# the store's migrations belong to the store module; proposed there as migration m003.
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS story_params (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        params TEXT NOT NULL,           -- JSON: ClusterParams + dim + n_docs
        encoder TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS story_events (
        id TEXT PRIMARY KEY,            -- = events.id
        seq INTEGER NOT NULL,
        label TEXT NOT NULL,
        size INTEGER NOT NULL,
        first_day TEXT,
        last_day TEXT,
        entities TEXT NOT NULL,         -- JSON object: cheap entity -> members naming it
        entity_total INTEGER NOT NULL,
        vector_sum BLOB NOT NULL        -- float32 little-endian sum of member embeddings
    )""",
    """CREATE TABLE IF NOT EXISTS story_members (
        article_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        seq INTEGER NOT NULL            -- global arrival order, replayed on load
    )""",
    "CREATE INDEX IF NOT EXISTS idx_story_members_event ON story_members(event_id)",
    """CREATE TABLE IF NOT EXISTS story_df (
        entity TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS ingest_errors (
        pk INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        stage TEXT,
        at TEXT NOT NULL
    )""",
)


# --------------------------------------------------------------------------------------------
# Results and progress


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamReport:
    """What one ``ingest_stream`` run did.

    Attributes:
        db: the store written.
        read: articles read from the sources (before skipping).
        new: articles analysed and stored by this run.
        skipped: articles already in the store, or repeated in the input.
        failed: inputs and articles that failed (each in the ``ingest_errors`` table); a
            failed article is not stored, so the next run tries it again.
        notes: problems the store noted in stored articles (an annotation id shared by two
            different annotations, a link to nothing); in ``ingest_errors`` with
            ``stage = 'store'``.
        events_new: stories opened by this run.
        events_touched: stories this run added articles to (new ones included).
        batches: transactions committed.
        seconds: wall time of the run.
        interrupted: the run was stopped (Ctrl-C) after ``batches`` commits.
        failures: the first failures (at most 100).
        timings: seconds spent reading and skipping (``read``), in the article stages
            (``stages``), embedding and clustering (``cluster``) and committing (``write``).
    """

    db: Path
    read: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    notes: int = 0
    events_new: int = 0
    events_touched: int = 0
    batches: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: tuple[Failure, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """New articles analysed per second."""
        return self.new / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamProgress:
    """A progress tick: counts so far and the estimated total of articles (None: unknown)."""

    read: int
    new: int
    skipped: int
    failed: int
    total: int | None


class IngestInterrupted(KeyboardInterrupt):  # noqa: N818  (it is a KeyboardInterrupt)
    """Ctrl-C during :func:`ingest_stream`; ``report`` says what was committed before it."""

    def __init__(self, report: StreamReport) -> None:
        super().__init__(
            f"interrupted after {report.batches} batches ({report.new} new articles committed); "
            "run the same command again to continue"
        )
        self.report = report


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSummary:
    """One stored story (event) as ``rashomon events`` lists it."""

    id: str
    name: str
    label: str
    size: int
    outlets: tuple[str, ...]
    first: str | None  # ISO day of the earliest article, when known
    last: str | None
    top_entities: tuple[str, ...]
    analysed: bool  # event layers stored (``analyze --db``)
    stale: bool = False  # articles were added after the last analysis

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out = asdict(self)
        out["outlets"] = list(self.outlets)
        out["top_entities"] = list(self.top_entities)
        return out


# --------------------------------------------------------------------------------------------
# Sources


def iter_stream(
    sources: Iterable[str | Path], *, limits: Limits | None = None
) -> Iterator[Article | Failure]:
    """Read sources as one stream of articles: everything :func:`~rashomon.ingest.iter_articles`
    reads, plus RSS/Atom feeds (files, feed files inside folders, and feed URLs).

    Args:
        sources: files, folders and ``http(s)://`` URLs.
        limits: input caps (:data:`STREAM_LIMITS` when None: no cap on a whole stream).

    Yields:
        Articles and failures, in input order; a JSONL or WARC file is read lazily.
    """
    limits = limits or STREAM_LIMITS
    for src in sources:
        text = str(src)
        if isinstance(src, str) and _URL.match(text):
            if looks_like_feed_url(text):
                yield from iter_feed_url(text, limits=limits)
            else:
                yield from iter_articles([text], limits=limits)
            continue
        path = Path(src)
        if path.is_file() and is_feed(path):
            yield from iter_feed(path, source=text, limits=limits)
        elif path.is_dir():
            feeds = _feeds_in(path)
            for item in iter_articles([path], limits=limits):
                # iter_articles knows no feeds; a folder of feeds only is not empty.
                if (feeds and isinstance(item, Failure) and item.source == str(path)
                        and item.reason.startswith("no articles in this folder")):
                    continue
                yield item
            for feed in feeds:
                yield from iter_feed(feed, limits=limits)
        else:
            yield from iter_articles([src], limits=limits)


def _feeds_in(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if not name.startswith(".") and p.suffix.lower() in FEED_SUFFIXES and is_feed(p):
                out.append(p)
    return out


def estimate_total(sources: Iterable[str | Path]) -> int | None:
    """A quick count of the articles in ``sources`` for the progress bar, or None if unknown.

    Counts lines of plain JSON Lines files, entries of feeds (by tag) and files in folders; a
    WARC, a gzip file or a URL makes the total unknown (counting would mean reading it all).
    """
    total = 0
    for src in sources:
        text = str(src)
        if _URL.match(text):
            return None
        path = Path(src)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for name in filenames:
                    n = _count_file(Path(dirpath) / name, in_folder=True)
                    if n is None:
                        return None
                    total += n
        elif path.is_file():
            n = _count_file(path, in_folder=False)
            if n is None:
                return None
            total += n
    return total


def _count_file(path: Path, *, in_folder: bool) -> int | None:
    name = path.name.lower()
    if name.startswith(".") and in_folder:
        return 0
    suffix = path.suffix.lower()
    if name.endswith(".gz") or suffix == ".warc":
        return None
    try:
        if suffix in (".jsonl", ".ndjson"):
            n = 0
            with path.open("rb") as fh:
                for line in fh:
                    n += bool(line.strip())
            return n
        if suffix in FEED_SUFFIXES:
            if not is_feed(path):
                return 0 if in_folder else 1
            data = path.read_bytes()
            return data.count(b"<item") + data.count(b"<entry")
        if suffix == ".json":
            return None
    except OSError:
        return 0
    return 1 if (suffix in KNOWN_SUFFIXES or not in_folder) else 0


# --------------------------------------------------------------------------------------------
# Store: the clusterer's tables


def _ensure_schema(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for stmt in _SCHEMA:
            conn.execute(stmt)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"cannot add the story tables to the store: {exc}") from exc


def _has_story_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_params'"
    ).fetchone()
    return row is not None


def load_clusterer(conn: sqlite3.Connection) -> tuple[StoryClusterer, str] | None:
    """The story clusterer saved in a store, with its encoder name, or None if there is none."""
    if not _has_story_tables(conn):
        return None
    prow = conn.execute("SELECT params, encoder FROM story_params WHERE id = 1").fetchone()
    if prow is None:
        return None
    rows = {
        "params": [json.loads(prow["params"])],
        "events": [dict(r) for r in conn.execute("SELECT * FROM story_events ORDER BY seq")],
        "members": [dict(r) for r in conn.execute("SELECT * FROM story_members ORDER BY seq")],
        "df": [dict(r) for r in conn.execute("SELECT * FROM story_df")],
    }
    return StoryClusterer.from_rows(rows), str(prow["encoder"])


def _save_clusterer(
    conn: sqlite3.Connection,
    clusterer: StoryClusterer,
    encoder: str,
    *,
    events: set[str],
    members: set[str],
    entities: set[str],
) -> None:
    """Write the rows of the clusterer's state that this batch changed (inside its transaction)."""
    rows = clusterer.to_rows()
    conn.execute(
        "INSERT INTO story_params (id, params, encoder) VALUES (1, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET params = excluded.params, encoder = excluded.encoder",
        (json.dumps(rows["params"][0]), encoder),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO story_events (id, seq, label, size, first_day, last_day,"
        " entities, entity_total, vector_sum) VALUES (:id, :seq, :label, :size, :first_day,"
        " :last_day, :entities, :entity_total, :vector_sum)",
        [r for r in rows["events"] if r["id"] in events],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO story_members (article_id, event_id, seq)"
        " VALUES (:article_id, :event_id, :seq)",
        [r for r in rows["members"] if r["article_id"] in members],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO story_df (entity, df) VALUES (:entity, :df)",
        [r for r in rows["df"] if r["entity"] in entities],
    )


def _stored_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    rows = conn.execute(
        "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
    ).fetchall()
    return {r[0] for r in rows}


def _event_name(event_id: str, label: str) -> str:
    # events.name is UNIQUE and write_event replaces by name too: the id keeps it unique.
    label = " ".join(label.split())
    return f"{label[:80]} [{event_id}]" if label else event_id


def _write_batch(
    conn: sqlite3.Connection,
    docs: Sequence[ArticleDoc],
    event_ids: Sequence[str],
    clusterer: StoryClusterer,
    encoder: str,
    feats: Sequence[ArticleFeatures],
    failures: Sequence[Failure],
) -> list[Failure]:
    """Commit one batch: articles with all layers, story links, clusterer state, failures."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    notes: list[Failure] = []
    by_event: dict[str, list[ArticleDoc]] = {}
    for doc, eid in zip(docs, event_ids, strict=True):
        by_event.setdefault(eid, []).append(doc)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for eid, members in by_event.items():
            conn.execute(
                "INSERT INTO events (id, name, schema_version, layers, articles, written_at)"
                " VALUES (?, ?, ?, '[]', 0, ?) ON CONFLICT(id) DO NOTHING",
                (eid, _event_name(eid, clusterer.event(eid).label), SCHEMA_VERSION, now),
            )
            start = conn.execute(
                "SELECT COALESCE(MAX(ord) + 1, 0) FROM event_articles WHERE event_id = ?", (eid,)
            ).fetchone()[0]
            # The store's own article writer, so stream-ingested articles are stored exactly
            # as `analyze` stores them (same tables, same checks).
            writer = _Writer(conn, EventDoc(id=eid, name=eid, docs=tuple(members)))
            for i, doc in enumerate(members):
                writer.write_article(doc, start + i)
            notes.extend(writer.notes)
            # An analysed event keeps the article count of its analysis, so that
            # list_events can tell it is stale; a fresh one counts its articles.
            conn.execute(
                "UPDATE events SET articles = (SELECT COUNT(*) FROM event_articles"
                " WHERE event_id = ?1), written_at = ?2 WHERE id = ?1 AND layers = '[]'",
                (eid, now),
            )
        _save_clusterer(
            conn, clusterer, encoder,
            events=set(by_event), members={d.id for d in docs},
            entities={e for f in feats for e in f.entities},
        )
        conn.executemany(
            "INSERT INTO ingest_errors (source, reason, stage, at) VALUES (?, ?, ?, ?)",
            [(f.source, f.reason, f.stage, now) for f in [*failures, *notes]],
        )
        conn.execute("COMMIT")
    except (sqlite3.Error, UnicodeEncodeError) as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot write a batch of {len(docs)} articles: {exc}") from exc
    return notes


# --------------------------------------------------------------------------------------------
# Ingest


def _batched(items: Iterator[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    """Lists holding ``size`` articles each (failures ride along and do not count)."""
    batch: list[Article | Failure] = []
    n = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Article):
            n += 1
            if n >= size:
                yield batch
                batch, n = [], 0
    if batch:
        yield batch


def _cluster_article(doc: ArticleDoc) -> Article:
    """The article as the clusterer should see it: resolved title and date when inferred."""
    a, m = doc.article, doc.meta
    title = a.title or (m.title.value if m.title is not None else None)
    published = a.published or (m.published.value if m.published is not None else None)
    return replace(a, title=title, published=published)


def ingest_stream(
    sources: Iterable[str | Path],
    db: Path | str,
    *,
    config: PipelineConfig | None = None,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    on_error: OnError = "record",
    limits: Limits | None = None,
    encoder: str | None = None,
    params: ClusterParams | None = None,
    progress: Callable[[StreamProgress], None] | None = None,
    total: int | None = None,
) -> StreamReport:
    """Ingest a stream of articles into the store at ``db``, batch by batch, and cluster them.

    Every batch is committed in one transaction: the new articles with all their layers, each
    one's story (event) link, the clusterer's updated state and the batch's failures. Articles
    whose content hash is already stored are skipped before any analysis, so running the same
    command again (after new input arrived, or after a crash or Ctrl-C) processes only what
    is not stored yet, and the stories continue from the stored clusterer state.

    Args:
        sources: files (JSONL, WARC, HTML, text, RSS/Atom), folders and URLs.
        db: the SQLite store (created when missing).
        config: the pipeline; only its article stages run here (the default pipeline's when
            None).
        engine: ``local``, ``process`` or ``ray`` for the article stages.
        workers: worker processes/actors for ``process`` and ``ray``.
        address: Ray cluster address.
        batch_size: articles per batch (and per transaction); memory is bounded by it.
        on_error: a failing stage's article is recorded (``record``) and retried by the next
            run, dropped (``skip``), or stops the run (``raise``).
        limits: input caps; :data:`STREAM_LIMITS` when None.
        encoder: sentence encoder for clustering; a store keeps the one it started with.
        params: clustering parameters for a new store (a stored clusterer keeps its own).
        progress: called after each batch (and once at the start).
        total: the expected number of articles, for the progress callback (None: unknown).

    Returns:
        The counts of this run.

    Raises:
        IngestInterrupted: Ctrl-C; the batches committed before it stay (its ``report`` says
            how many).
        StoreError: the store cannot be opened or written, or another ingest is writing to
            it.
        StageError: a stage failed with ``on_error="raise"``.
        ConfigError: a bad pipeline, or an encoder other than the one the store's stories
            were clustered with.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.monotonic()
    db = Path(db)
    with _single_writer(db):
        return _ingest(
            sources, db, config=config, engine=engine, workers=workers, address=address,
            batch_size=batch_size, on_error=on_error, limits=limits, encoder=encoder,
            params=params, progress=progress, total=total, started=started,
        )


@contextmanager
def _single_writer(db: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``db`` while ingesting.

    Two runs on one store would each continue the clusterer from the same saved state and
    overwrite each other's; the second run is refused instead. The OS drops the lock when
    the process dies, so a killed run never leaves it behind.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one run at a time is on the user
        yield
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".ingest-lock"), "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"{db}: another `rashomon ingest` is writing to this store; wait for it to "
                "finish (or stop it) and run this one again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _ingest(
    sources: Iterable[str | Path],
    db: Path,
    *,
    config: PipelineConfig | None,
    engine: str,
    workers: int | None,
    address: str | None,
    batch_size: int,
    on_error: OnError,
    limits: Limits | None,
    encoder: str | None,
    params: ClusterParams | None,
    progress: Callable[[StreamProgress], None] | None,
    total: int | None,
    started: float,
) -> StreamReport:
    conn = open_store(db)
    counts = Counter[str]()
    failures: list[Failure] = []
    touched: set[str] = set()
    known_events: set[str] = set()
    timings: dict[str, float] = {}
    runner = None
    try:
        _ensure_schema(conn)
        loaded = load_clusterer(conn)
        if loaded is not None:
            clusterer, encoder_name = loaded
            if encoder is not None and encoder != encoder_name:
                raise ConfigError(
                    f"{db}: its stories were clustered with encoder {encoder_name!r}; "
                    f"vectors of {encoder!r} cannot join them (use a new store for it)"
                )
        else:
            clusterer, encoder_name = StoryClusterer(params), encoder or DEFAULT_ENCODER
        known_events = {e.id for e in clusterer.events}
        enc = None

        def tick() -> None:
            if progress is not None:
                progress(StreamProgress(read=counts["read"], new=counts["new"],
                                        skipped=counts["skipped"], failed=counts["failed"],
                                        total=total))

        def fail(items: Iterable[Failure]) -> None:
            for f in items:
                counts["failed"] += 1
                if len(failures) < _REPORT_FAILURES:
                    failures.append(f)

        tick()
        mark = time.monotonic()
        for batch in _batched(iter_stream(sources, limits=limits), batch_size):
            batch_failures = [x for x in batch if isinstance(x, Failure)]
            articles: dict[str, Article] = {}
            for x in batch:
                if isinstance(x, Article):
                    counts["read"] += 1
                    if x.id in articles:
                        counts["skipped"] += 1
                    else:
                        articles[x.id] = x
            stored = _stored_ids(conn, list(articles))
            counts["skipped"] += len(stored)
            todo = [ArticleDoc(article=a, layers=BASE_LAYERS)
                    for aid, a in articles.items() if aid not in stored]
            docs: list[ArticleDoc] = []
            mark = _lap(timings, "read", mark)
            if todo:
                if runner is None:
                    # Built on the first new article: a re-run with nothing new never loads
                    # the stages (importing them and their models takes seconds).
                    config = config or PipelineConfig.default()
                    Pipeline.from_config(config, kinds=frozenset())  # order check, no models
                    runner = _engine(engine, config, workers=workers, on_error=on_error,
                                     batch_size=batch_size, address=address)
                for item in runner.map(todo):
                    if isinstance(item, Failure):
                        batch_failures.append(item)
                    else:
                        docs.append(item)
                mark = _lap(timings, "stages", mark)
            if not docs and not batch_failures:
                tick()
                continue
            feats: list[ArticleFeatures] = []
            event_ids: list[str] = []
            if docs:
                enc = enc or get_encoder(encoder_name)
                feats = features_many([_cluster_article(d) for d in docs], encoder=enc)
                event_ids = clusterer.add_many(feats)
                mark = _lap(timings, "cluster", mark)
            notes = _write_batch(conn, docs, event_ids, clusterer, encoder_name, feats,
                                 batch_failures)
            mark = _lap(timings, "write", mark)
            counts["batches"] += 1
            counts["new"] += len(docs)
            touched.update(event_ids)
            fail(batch_failures)
            counts["notes"] += len(notes)
            tick()
            mark = time.monotonic()
    except KeyboardInterrupt:
        # Workers got the same Ctrl-C; a graceful close would wait for their queued work,
        # which the next run redoes anyway (nothing of this batch was committed).
        pool = getattr(runner, "pool", None)
        if pool is not None and hasattr(pool, "terminate"):
            pool.terminate()
            runner = None
        raise IngestInterrupted(_report(db, counts, touched, known_events, failures, timings,
                                        started, interrupted=True)) from None
    finally:
        if runner is not None:
            runner.close()
        conn.close()
    return _report(db, counts, touched, known_events, failures, timings, started,
                   interrupted=False)


def _engine(
    name: str,
    config: PipelineConfig,
    *,
    workers: int | None,
    on_error: OnError,
    batch_size: int,
    address: str | None,
) -> Any:
    # Each batch goes to the engine whole; split it so every worker gets a share of it.
    n = 1 if name == "local" else max(1, workers or os.cpu_count() or 1)
    chunk = max(1, -(-batch_size // n))
    return get_engine(name, config, workers=workers, on_error=on_error, batch_size=chunk,
                      address=address)


def _report(
    db: Path,
    counts: Counter[str],
    touched: set[str],
    known: set[str],
    failures: list[Failure],
    timings: dict[str, float],
    started: float,
    *,
    interrupted: bool,
) -> StreamReport:
    return StreamReport(
        db=db, read=counts["read"], new=counts["new"], skipped=counts["skipped"],
        failed=counts["failed"], notes=counts["notes"], events_new=len(touched - known),
        events_touched=len(touched),
        batches=counts["batches"], seconds=time.monotonic() - started, interrupted=interrupted,
        failures=tuple(failures), timings={k: round(v, 3) for k, v in timings.items()},
    )


def _lap(timings: dict[str, float], key: str, since: float) -> float:
    now = time.monotonic()
    timings[key] = timings.get(key, 0.0) + now - since
    return now


@contextmanager
def rich_progress(
    total: int | None = None, *, disable: bool = False
) -> Iterator[Callable[[StreamProgress], None]]:
    """A rich progress bar on stderr (rate and ETA) as an ``ingest_stream`` progress callback.

    Args:
        total: the expected number of articles (an indeterminate bar when None).
        disable: show nothing (``--quiet``, or stderr is not a terminal).

    Yields:
        The callback.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} art/s"),
        TextColumn("new {task.fields[new]} · skipped {task.fields[skipped]} · "
                   "failed {task.fields[failed]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
        disable=disable,
    )
    started = time.monotonic()
    with bar:
        task = bar.add_task("ingest", total=total, rate=0.0, new=0, skipped=0, failed=0)

        def update(p: StreamProgress) -> None:
            elapsed = max(time.monotonic() - started, 1e-9)
            bar.update(task, completed=p.read, total=p.total, rate=p.new / elapsed, new=p.new,
                       skipped=p.skipped, failed=p.failed)

        yield update


# --------------------------------------------------------------------------------------------
# Events


_EVENT_LAYERS = frozenset(
    {"duplicates", "merged_entities", "claims", "groups", "coverage", "numbers", "disputes",
     "timeline", "brief"}
)


def list_events(db: Path | str, *, min_size: int = 1) -> list[EventSummary]:
    """The stories (events) in a store, largest first.

    Args:
        db: the store.
        min_size: leave out events with fewer articles.

    Returns:
        One summary per event: size, outlets, date range (articles' resolved dates, else the
        clusterer's), top entities (spaCy entities named by most articles when the article
        pipeline found any, else the clusterer's cheap names) and whether it was analysed.

    Raises:
        StoreError: no store at ``db``.
    """
    conn = open_store(Path(db), readonly=True)
    try:
        story = _has_story_tables(conn)
        rows = conn.execute(
            "SELECT e.id, e.name, e.layers, e.articles,"
            " (SELECT COUNT(*) FROM event_articles ea WHERE ea.event_id = e.id) AS size,"
            " (SELECT MIN(substr(a.published, 1, 10)) FROM articles a JOIN event_articles ea"
            "   ON ea.article_id = a.id WHERE ea.event_id = e.id) AS first,"
            " (SELECT MAX(substr(a.published, 1, 10)) FROM articles a JOIN event_articles ea"
            "   ON ea.article_id = a.id WHERE ea.event_id = e.id) AS last"
            " FROM events e WHERE size >= ? ORDER BY size DESC, e.written_at, e.id",
            (min_size,),
        ).fetchall()
        out = []
        for r in rows:
            eid = r["id"]
            outlets = tuple(
                x[0] for x in conn.execute(
                    "SELECT a.outlet, COUNT(*) AS n FROM articles a JOIN event_articles ea"
                    " ON ea.article_id = a.id WHERE ea.event_id = ? AND a.outlet IS NOT NULL"
                    " GROUP BY a.outlet ORDER BY n DESC, a.outlet", (eid,))
            )
            ents = tuple(
                x[0] for x in conn.execute(
                    "SELECT le.name, COUNT(DISTINCT le.article_id) AS n FROM local_entities le"
                    " JOIN event_articles ea ON ea.article_id = le.article_id"
                    " WHERE ea.event_id = ? GROUP BY le.name ORDER BY n DESC, le.name LIMIT 5",
                    (eid,))
            )
            label, first, last = r["name"], r["first"], r["last"]
            srow = conn.execute("SELECT * FROM story_events WHERE id = ?", (eid,)).fetchone() \
                if story else None
            if srow is not None:
                label = srow["label"] or label
                first = first or srow["first_day"]
                last = last or srow["last_day"]
                if not ents:
                    counts = json.loads(srow["entities"])
                    ents = tuple(sorted(counts, key=lambda k: (-counts[k], k))[:5])
            layers = set(json.loads(r["layers"]))
            analysed = bool(layers & _EVENT_LAYERS)
            out.append(EventSummary(
                id=eid, name=r["name"], label=label, size=r["size"], outlets=outlets,
                first=first, last=last, top_entities=ents, analysed=analysed,
                stale=analysed and r["articles"] != r["size"],
            ))
        return out
    finally:
        conn.close()


def analyze_stored(
    db: Path | str,
    outdir: Path | str,
    *,
    event_ids: Sequence[str] = (),
    all_events: bool = False,
    min_size: int = 2,
    config: PipelineConfig | None = None,
    on_error: OnError = "record",
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Run the event (cross-outlet) stages on stored stories and write their outputs.

    Each event's article docs are read back from the store, the event stages run over them,
    the event layers are written back to the store (replacing an earlier analysis of that
    event), and ``OUTDIR/<event-id>/analysis.json`` and ``report.html`` are written.

    The article stages are not run again, except on articles that lack a layer the event
    stages need (a feed ingested with cheap stages only, to cluster it quickly): those get
    the config's article stages now, and their new layers are stored too. So a large
    stream can be ingested cheaply and only the stories of interest analysed in full.

    Args:
        db: the store written by :func:`ingest_stream`.
        outdir: the folder for the per-event outputs.
        event_ids: the events to analyse (ids or names).
        all_events: analyse every event with at least ``min_size`` articles instead.
        min_size: the least articles an event needs for ``all_events`` (one article has
            nothing to compare).
        config: the pipeline; only its event stages run (the default pipeline's when None).
        on_error: what a failing event stage does (``record`` keeps a Failure in the event).
        engine: where article stages run for articles missing layers (see above).
        workers: worker processes/actors for ``process`` and ``ray``.
        address: Ray cluster address.
        progress: called with (events done, events total).

    Returns:
        The ``analysis.json`` paths written, in order.

    Raises:
        StoreError: no store, or no such event.
        ValueError: neither ``event_ids`` nor ``all_events`` given.
    """
    from .api import write_json
    from .report import report_writer

    if not event_ids and not all_events:
        raise ValueError("name the events to analyse or ask for all of them")
    config = config or PipelineConfig.default()
    needed = _needed_layers(config)
    outdir = Path(outdir)
    conn = open_store(Path(db))
    written: list[Path] = []
    runner: Any = None
    try:
        ids = (
            [s.id for s in list_events(db, min_size=min_size)] if all_events else list(event_ids)
        )
        runner = _engine(engine, config, workers=workers, on_error=on_error,
                         batch_size=DEFAULT_BATCH, address=address)  # fmt: skip

        def stored_events() -> Iterator[EventDoc]:
            for ref in ids:
                stored = read_event(conn, ref)
                docs, errors = list(stored.docs), []
                lacking = [d for d in docs if not needed <= d.layers]
                if lacking:
                    redone: dict[str, ArticleDoc] = {}
                    for item in runner.map(
                        [ArticleDoc(article=d.article, layers=BASE_LAYERS) for d in lacking]
                    ):
                        if isinstance(item, Failure):
                            errors.append(item)
                        else:
                            redone[item.id] = item
                    docs = [redone.get(d.id, d) for d in docs]
                yield EventDoc(id=stored.id, name=stored.name, docs=tuple(docs),
                               errors=tuple(errors))  # fmt: skip

        # Events are independent: the engine runs their stages in parallel (process, ray);
        # only this driver writes the store and the output folders.
        for i, event in enumerate(runner.reduce(stored_events())):
            write_event(conn, event)
            folder = outdir / event.id
            write_json(event, folder / "analysis.json")
            report_writer(event, folder)
            written.append(folder / "analysis.json")
            if progress is not None:
                progress(i + 1, len(ids))
    finally:
        if runner is not None:
            runner.close()
        conn.close()
    return written


def _needed_layers(config: PipelineConfig) -> frozenset[str]:
    """Article layers the event stages require (what no earlier event stage produces).

    Read from the registry: the stages themselves are built once, by the engine.
    """
    needed: set[str] = set()
    made: set[str] = set()
    for info in (registry.get(sc.name) for sc in config.stages):
        if info.kind == "event":
            needed |= info.requires - made
            made |= info.produces
    return frozenset(needed)


