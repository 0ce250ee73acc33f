"""Streams: ingest feeds and archives into a store in batches and cluster them into stories.

``ingest_stream`` reads any number of sources (JSONL, WARC, folders, RSS/Atom feeds, URLs) as a
stream, in bounded memory: batch by batch it skips articles already stored (content-hash ids),
runs the article stages on the rest through an engine (``local``, ``process``, ``ray``), assigns
each to a story with :class:`~rashomon.streams.clustering.StoryClusterer`, and commits the batch's
articles, all their layers, their story links and the clusterer's new state in **one**
transaction (:func:`rashomon.store.write_story_batch`). A run killed at any point therefore
leaves whole batches only, and running the same command again continues exactly where it
stopped (the clusterer resumes from its stored state, so the stories come out as an
uninterrupted run would make them).

The stories are listed by :func:`rashomon.store.event_summaries` and analysed by
:func:`rashomon.streams.stored.analyze_stored`; ``rashomon.api`` is the front door to all three.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from rashomon.config import Limits, PipelineConfig
from rashomon.engines import Engine, get_engine
from rashomon.errors import ConfigError, StoreError
from rashomon.model import Article, ArticleDoc, Failure
from rashomon.nlp.encoders import DEFAULT_ENCODER, Encoder, get_encoder
from rashomon.pipeline import BASE_LAYERS, OnError, Pipeline
from rashomon.store import StoryBatch, open_store, stored_article_ids, write_story_batch
from rashomon.streams.clustering import (
    ArticleFeatures,
    ClusterParams,
    StoryClusterer,
    features_many,
)
from rashomon.streams.report import IngestInterrupted, StreamProgress, StreamReport
from rashomon.streams.sources import STREAM_LIMITS, iter_stream
from rashomon.streams.state import changed_state, load_clusterer

__all__ = ["DEFAULT_BATCH", "ingest_stream", "stream_engine"]

DEFAULT_BATCH = 64
# Failures kept in the report object (all of them are in the ``ingest_errors`` table).
_REPORT_FAILURES = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class _Options:
    """How the article stages run."""

    config: PipelineConfig | None
    engine: str
    workers: int | None
    address: str | None
    batch_size: int
    on_error: OnError
    budget: float | None = None  # seconds per article (Limits.max_article_seconds)


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


def stream_engine(
    name: str,
    config: PipelineConfig,
    *,
    workers: int | None,
    on_error: OnError,
    batch_size: int,
    address: str | None,
    budget: float | None = STREAM_LIMITS.max_article_seconds,
) -> Engine:
    """The engine for a stream's batches: each batch goes to the engine whole, split so that
    every worker gets a share of it; ``budget`` is the seconds each article may take."""
    n = 1 if name == "local" else max(1, workers or os.cpu_count() or 1)
    chunk = max(1, -(-batch_size // n))
    return get_engine(name, config, workers=workers, on_error=on_error, batch_size=chunk,
                      address=address, budget=budget)  # fmt: skip


class _Ingest:
    """One ingest run: the store, the clusterer, the engine (built on the first new article,
    so a re-run with nothing new never loads the stages) and the counts so far."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        db: Path,
        opts: _Options,
        clusterer: StoryClusterer,
        encoder_name: str,
        progress: Callable[[StreamProgress], None] | None,
        total: int | None,
    ) -> None:
        self.conn, self.db, self.opts = conn, db, opts
        self.clusterer, self.encoder_name = clusterer, encoder_name
        self.progress, self.total = progress, total
        self.counts = Counter[str]()
        self.failures: list[Failure] = []
        self.touched: set[str] = set()
        self.known = {e.id for e in clusterer.events}
        self.timings: dict[str, float] = {}
        self.runner: Engine | None = None
        self.encoder: Encoder | None = None
        self.mark = time.monotonic()

    def tick(self) -> None:
        """Report progress."""
        if self.progress is not None:
            c = self.counts
            self.progress(StreamProgress(read=c["read"], new=c["new"], skipped=c["skipped"],
                                         failed=c["failed"], total=self.total))  # fmt: skip

    def lap(self, key: str) -> None:
        """Add the time since the last lap to ``timings[key]``."""
        now = time.monotonic()
        self.timings[key] = self.timings.get(key, 0.0) + now - self.mark
        self.mark = now

    def new_articles(self, batch: Sequence[Article | Failure]) -> list[ArticleDoc]:
        """The batch's articles that are neither repeated in it nor stored already."""
        articles: dict[str, Article] = {}
        for x in batch:
            if isinstance(x, Article):
                self.counts["read"] += 1
                if x.id in articles:
                    self.counts["skipped"] += 1
                else:
                    articles[x.id] = x
        stored = stored_article_ids(self.conn, list(articles))
        self.counts["skipped"] += len(stored)
        return [ArticleDoc(article=a, layers=BASE_LAYERS)
                for aid, a in articles.items() if aid not in stored]  # fmt: skip

    def analyse(self, todo: list[ArticleDoc], failures: list[Failure]) -> list[ArticleDoc]:
        """Run the article stages on ``todo``; the failed ones go to ``failures``."""
        if self.runner is None:
            o = self.opts
            config = o.config or PipelineConfig.default()
            Pipeline.from_config(config, kinds=frozenset())  # order check, no models
            self.runner = stream_engine(o.engine, config, workers=o.workers,
                                        on_error=o.on_error, batch_size=o.batch_size,
                                        address=o.address, budget=o.budget)  # fmt: skip
        docs: list[ArticleDoc] = []
        for item in self.runner.map(todo):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                docs.append(item)
        return docs

    def cluster(self, docs: list[ArticleDoc]) -> tuple[list[ArticleFeatures], list[str]]:
        """Embed the articles and put each in a story."""
        self.encoder = self.encoder or get_encoder(self.encoder_name)
        feats = features_many([_cluster_article(d) for d in docs], encoder=self.encoder)
        return feats, [self.clusterer.add(f) for f in feats]

    def commit(self, docs: list[ArticleDoc], failures: list[Failure],
               feats: list[ArticleFeatures], stories: list[str]) -> None:  # fmt: skip
        """Write the batch in one transaction and count it."""
        state = changed_state(self.clusterer, self.encoder_name, events=set(stories),
                              members={d.id for d in docs},
                              entities={e for f in feats for e in f.entities})  # fmt: skip
        labels = {eid: self.clusterer.event(eid).label for eid in stories}
        notes = write_story_batch(self.conn, StoryBatch(docs=docs, stories=stories,
                                                        labels=labels, state=state,
                                                        failures=failures))  # fmt: skip
        self.lap("write")
        self.counts["batches"] += 1
        self.counts["new"] += len(docs)
        self.touched.update(stories)
        for f in failures:
            self.counts["failed"] += 1
            if len(self.failures) < _REPORT_FAILURES:
                self.failures.append(f)
        self.counts["notes"] += len(notes)

    def batch(self, batch: list[Article | Failure]) -> None:
        """Read, analyse, cluster and commit one batch."""
        failures = [x for x in batch if isinstance(x, Failure)]
        todo = self.new_articles(batch)
        docs: list[ArticleDoc] = []
        self.lap("read")
        if todo:
            docs = self.analyse(todo, failures)
            self.lap("stages")
        if not docs and not failures:
            self.tick()
            return
        feats: list[ArticleFeatures] = []
        stories: list[str] = []
        if docs:
            feats, stories = self.cluster(docs)
            self.lap("cluster")
        self.commit(docs, failures, feats, stories)
        self.tick()
        self.mark = time.monotonic()

    def report(self, started: float, *, interrupted: bool) -> StreamReport:
        """What this run did so far."""
        c = self.counts
        return StreamReport(
            db=self.db, read=c["read"], new=c["new"], skipped=c["skipped"], failed=c["failed"],
            notes=c["notes"], events_new=len(self.touched - self.known),
            events_touched=len(self.touched), batches=c["batches"],
            seconds=time.monotonic() - started, interrupted=interrupted,
            failures=tuple(self.failures),
            timings={k: round(v, 3) for k, v in self.timings.items()},
        )  # fmt: skip

    def stop(self) -> None:
        """Ctrl-C: workers got it too; a graceful close would wait for their queued work,
        which the next run redoes anyway (nothing of this batch was committed)."""
        pool = getattr(self.runner, "pool", None)
        if pool is not None and hasattr(pool, "terminate"):
            pool.terminate()
            self.runner = None

    def close(self) -> None:
        """Close the engine."""
        if self.runner is not None:
            self.runner.close()


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
    opts = _Options(config=config, engine=engine, workers=workers, address=address,
                    batch_size=batch_size, on_error=on_error,
                    budget=(limits or STREAM_LIMITS).max_article_seconds)  # fmt: skip
    with _single_writer(db):
        conn = open_store(db)
        try:
            clusterer, encoder_name = _clusterer(conn, db, encoder, params)
            run = _Ingest(conn, db, opts, clusterer, encoder_name, progress, total)
            try:
                run.tick()
                for batch in _batched(iter_stream(sources, limits=limits), batch_size):
                    run.batch(batch)
            except KeyboardInterrupt:
                run.stop()
                raise IngestInterrupted(run.report(started, interrupted=True)) from None
            finally:
                run.close()
        finally:
            conn.close()
    return run.report(started, interrupted=False)


def _clusterer(
    conn: sqlite3.Connection, db: Path, encoder: str | None, params: ClusterParams | None
) -> tuple[StoryClusterer, str]:
    """The store's clusterer and encoder, or a new one when the store has none yet."""
    loaded = load_clusterer(conn)
    if loaded is None:
        return StoryClusterer(params), encoder or DEFAULT_ENCODER
    clusterer, encoder_name = loaded
    if encoder is not None and encoder != encoder_name:
        raise ConfigError(
            f"{db}: its stories were clustered with encoder {encoder_name!r}; "
            f"vectors of {encoder!r} cannot join them (use a new store for it)"
        )
    return clusterer, encoder_name


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
