"""What the CLI calls: ingest inputs, run the pipeline, write the outputs."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rashomon.engines import get_engine
from rashomon.outputs.report import output_writers
from rashomon.outputs.serialize import event_to_json

from .config import Limits, PipelineConfig
from .ingest import display_name, iter_articles
from .model import ArticleDoc, EventDoc, Failure, Notice, content_id
from .pipeline import BASE_LAYERS, OnError, Pipeline


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
