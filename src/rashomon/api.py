"""What the CLI calls: ingest inputs, run the pipeline, write the outputs.

One event from files: :func:`analyze` (or :func:`build_event` without writing). A stream into a
store: :func:`ingest` (articles in batches, clustered into stories), :func:`event_summaries`
(the stories), :func:`analyze_stored` (the event stages on stored stories).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rashomon.engines import get_engine
from rashomon.outputs.report import output_writers
from rashomon.outputs.serialize import event_to_json
from rashomon.store import EventSummary, open_store, write_event
from rashomon.store import event_summaries as _summaries
from rashomon.streams.report import IngestInterrupted, StreamProgress, StreamReport

from .config import Limits, PipelineConfig
from .ingest import display_name, iter_articles
from .model import ArticleDoc, EventDoc, Failure, Notice, content_id
from .pipeline import BASE_LAYERS, OnError, Pipeline

__all__ = [
    "AnalysisResult",
    "EventSummary",
    "IngestInterrupted",
    "StreamProgress",
    "StreamReport",
    "analyze",
    "analyze_stored",
    "build_event",
    "estimate_total",
    "event_summaries",
    "ingest",
    "load_docs",
    "write_json",
]


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    """The analysed event and the files written for it."""

    event: EventDoc
    outdir: Path
    files: dict[str, Path]

    @property
    def analysed(self) -> int:
        """Number of articles analysed."""
        return len(self.event.docs)

    @property
    def failures(self) -> tuple[Failure, ...]:
        """Inputs or stages that failed, each with its reason."""
        return self.event.errors


@dataclass(frozen=True, slots=True)
class Ingested:
    """What :func:`read_inputs` read: docs ready for the pipeline, failures and notices."""

    docs: list[ArticleDoc]
    failures: list[Failure]
    notices: list[Notice]


def read_inputs(sources: Iterable[str | Path], *, limits: Limits | None = None) -> Ingested:
    """Ingest every source; the same text ingested twice is kept once, and the later copy gets
    a :class:`Notice` naming the input it repeats.

    Returns:
        The article docs (ready for the pipeline), the failures and the notices, in input
        order.
    """
    docs: list[ArticleDoc] = []
    failures: list[Failure] = []
    notices: list[Notice] = []
    first: dict[str, str] = {}  # article id -> the source that brought it first
    limits = limits or Limits()
    for item in iter_articles(sources, limits=limits):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        if item.id in first:
            notices.append(Notice(
                source=item.source, kind="duplicate",
                reason=f"same text as {first[item.id]}; analysed once",
            ))
            continue
        if len(docs) >= limits.max_articles:
            failures.append(
                Failure(
                    source=item.source,
                    reason=f"over the limit of {limits.max_articles} articles per event "
                    "(--max-articles); skipped",
                )
            )
            continue
        first[item.id] = item.source
        docs.append(ArticleDoc(article=item, layers=BASE_LAYERS))
    return Ingested(docs, failures, notices)


def load_docs(
    sources: Iterable[str | Path], *, limits: Limits | None = None
) -> tuple[list[ArticleDoc], list[Failure]]:
    """Ingest every source; the same text ingested twice is kept once (see :func:`read_inputs`,
    which also returns the notices naming such copies).

    Returns:
        The article docs (ready for the pipeline) and the failures, in input order.
    """
    got = read_inputs(sources, limits=limits)
    return got.docs, got.failures


def build_event(
    sources: Iterable[str | Path],
    *,
    name: str | None = None,
    config: PipelineConfig | None = None,
    limits: Limits | None = None,
    on_error: OnError = "record",
    progress: Callable[[int, int], None] | None = None,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
) -> EventDoc:
    """Ingest ``sources`` as one event and run the whole pipeline on it.

    Args:
        sources: files, folders and URLs.
        name: the event's name (defaults to the first source's name).
        config: the stages to run; the default pipeline when ``None``.
        limits: input caps.
        on_error: what a failing stage does to its article (``record`` keeps a Failure).
        progress: called with (articles done, articles total) as the map stage advances.
        engine: ``local``, ``process`` or ``ray`` for the article stages; results are identical.
        workers: worker processes/actors for ``process`` and ``ray``.
        address: Ray cluster address (``auto`` joins a running cluster).
    """
    sources = list(sources)
    config = config or PipelineConfig.default()
    Pipeline.from_config(config, kinds=frozenset())  # a bad config fails before any input is read
    got = read_inputs(sources, limits=limits)
    docs, failures = got.docs, got.failures
    total = len(docs)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    analysed: list[ArticleDoc] = []
    event_name = display_name(name or (Path(str(sources[0])).name if sources else "event"))
    budget = (limits or Limits()).max_article_seconds
    runner = get_engine(engine, config, workers=workers, on_error=on_error, address=address,
                        budget=budget)
    try:
        for item in runner.map(docs):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                analysed.append(item)
            tick(1)
        event = EventDoc(
            id=content_id(*sorted(d.id for d in analysed)),
            name=event_name,
            docs=tuple(analysed),
            errors=tuple(failures),
            notices=tuple(got.notices),
        )
        if analysed:
            # The event stages run where the engine runs them (a worker for process and
            # ray), which the engine-equality test then covers too.
            event = next(iter(runner.reduce([event])))
    finally:
        runner.close()
    return event


def write_json(event: EventDoc, path: Path) -> Path:
    """Write ``analysis.json`` atomically (a crash never leaves half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = event_to_json(event)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".analysis-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def analyze(
    sources: Iterable[str | Path],
    outdir: Path,
    *,
    name: str | None = None,
    config: PipelineConfig | None = None,
    limits: Limits | None = None,
    on_error: OnError = "record",
    progress: Callable[[int, int], None] | None = None,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
) -> AnalysisResult:
    """Analyse ``sources`` as one event and write ``OUTDIR/analysis.json`` and friends.

    See :func:`build_event` for the arguments.
    """
    event = build_event(
        sources,
        name=name,
        config=config,
        limits=limits,
        on_error=on_error,
        progress=progress,
        engine=engine,
        workers=workers,
        address=address,
    )
    files = {"json": write_json(event, outdir / "analysis.json")}
    for writer in _OUTPUT_WRITERS:
        files.update(writer(event, outdir))
    return AnalysisResult(event=event, outdir=outdir, files=files)


# Outputs written beside analysis.json: (event, outdir) -> {kind: path}.
_OUTPUT_WRITERS: list[Callable[[EventDoc, Path], dict[str, Path]]] = output_writers()


# --------------------------------------------------------------------------------------------
# Streams into a store


def ingest(
    sources: Iterable[str | Path],
    db: Path | str,
    *,
    config: PipelineConfig | None = None,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    batch_size: int = 64,
    max_file_bytes: int | None = None,
    follow_symlinks: bool = False,
    max_article_seconds: float | None = 30.0,
    on_error: OnError = "record",
    progress: Callable[[StreamProgress], None] | None = None,
    total: int | None = None,
) -> StreamReport:
    """Add a stream of articles to the store at ``db``, batch by batch, clustered into stories.

    Articles already stored are skipped, so running it again after new input arrived, or after
    an interrupted run, processes only what is missing. See
    :func:`rashomon.streams.runner.ingest_stream` for the details.

    Args:
        sources: files (JSONL, WARC, HTML, text, RSS/Atom), folders and URLs.
        db: the SQLite store (created when missing).
        config: the pipeline; only its article stages run here.
        engine: ``local``, ``process`` or ``ray`` for the article stages.
        workers: worker processes/actors for ``process`` and ``ray``.
        address: Ray cluster address.
        batch_size: articles per batch (and per transaction).
        max_file_bytes: refuse single articles (files, JSONL lines) larger than this.
        follow_symlinks: read symbolic links in folders that lead outside them.
        max_article_seconds: skip (and report) an article taking longer than this.
        on_error: what a failing stage does to its article (``record`` logs it, retried later).
        progress: called after each batch (and once at the start).
        total: the expected number of articles, for ``progress`` (see :func:`estimate_total`).

    Raises:
        IngestInterrupted: Ctrl-C; the batches committed before it stay.
        StoreError: the store cannot be opened or written, or another ingest is writing to it.
    """
    from rashomon.streams.runner import ingest_stream
    from rashomon.streams.sources import STREAM_LIMITS

    limits = replace(STREAM_LIMITS, follow_symlinks=follow_symlinks,
                     max_article_seconds=max_article_seconds)
    if max_file_bytes is not None:
        limits = replace(limits, max_file_bytes=max_file_bytes)
    return ingest_stream(
        sources, db, config=config, engine=engine, workers=workers, address=address,
        batch_size=batch_size, on_error=on_error, limits=limits, progress=progress, total=total,
    )  # fmt: skip


def estimate_total(sources: Iterable[str | Path]) -> int | None:
    """A quick count of the articles in ``sources`` for a progress bar, or None if unknown."""
    from rashomon.streams.sources import estimate_total as estimate

    return estimate(sources)


def event_summaries(db: Path | str, *, min_size: int = 1) -> list[EventSummary]:
    """The events (stories) in the store at ``db``, largest first, with their outlets, dates
    and top entities.

    Raises:
        StoreError: no store at ``db``.
    """
    conn = open_store(Path(db), readonly=True)
    try:
        return _summaries(conn, min_size=min_size)
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
        db: the store written by :func:`ingest`.
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
    from rashomon.outputs.report import report_writer
    from rashomon.streams.runner import DEFAULT_BATCH, stream_engine
    from rashomon.streams.stored import needed_layers, stored_events

    if not event_ids and not all_events:
        raise ValueError("name the events to analyse or ask for all of them")
    config = config or PipelineConfig.default()
    needed = needed_layers(config)
    outdir = Path(outdir)
    conn = open_store(Path(db))
    written: list[Path] = []
    runner = None
    try:
        ids = [s.id for s in _summaries(conn, min_size=min_size)] if all_events else list(event_ids)
        runner = stream_engine(engine, config, workers=workers, on_error=on_error,
                               batch_size=DEFAULT_BATCH, address=address)  # fmt: skip
        # Events are independent: the engine runs their stages in parallel (process, ray);
        # only this driver writes the store and the output folders.
        for i, event in enumerate(runner.reduce(stored_events(conn, ids, runner, needed))):
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
