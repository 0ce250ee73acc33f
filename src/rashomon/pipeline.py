"""Build a pipeline of registered stages from config, check its order, and run it.

Article stages are a map (each article alone, so they scale out); event stages are a reduce
over all articles of one event. A stage may offer ``pipe(docs)`` to work on a batch (spaCy's
``nlp.pipe``); otherwise it is called on each doc.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from .config import PipelineConfig, StageConfig
from .errors import ConfigError, RashomonError, StageError
from .model import Article, ArticleDoc, EventDoc, Failure
from .registry import StageInfo, registry
from .timecap import StageTimeout, time_cap

OnError = Literal["raise", "skip", "record"]

# Layers every doc has from ingest on.
BASE_LAYERS = frozenset({"text", "article"})


@dataclass(slots=True)
class BuiltStage:
    """A stage instance with its registry entry."""

    info: StageInfo
    stage: Any

    def run_batch(self, docs: list[ArticleDoc]) -> list[ArticleDoc]:
        """Run this article stage on a batch, using ``pipe`` when the stage has one."""
        pipe = getattr(self.stage, "pipe", None)
        if pipe is not None:
            return list(pipe(docs))
        return [self.stage(d) for d in docs]


def over_budget(budget: float, stage: str) -> str:
    """The reason given for an article that ran out of its time budget."""
    return (f"analysis took longer than the {budget:g} s allowed per article (stopped in "
            f"stage {stage}); skipped; raise the limit with --max-article-seconds")


# Run through the stages once before the first timed article: models and tables that stages
# load on first use (spaCy, langid, the sentence encoder) must not count against an article.
WARM_UP_TEXT = (
    "Harbour reopens\n\nThe harbour at Lorn Point reopened on Wednesday, the port office said. "
    "\u201cWe cleared 12 wrecks in three days,\u201d said harbour master Ilse Brandt, according "
    "to the Harbour Gazette.\n"
)


class Pipeline:
    """An ordered list of article stages and event stages."""

    def __init__(self, article_stages: Sequence[BuiltStage], event_stages: Sequence[BuiltStage]):
        self.article_stages = list(article_stages)
        self.event_stages = list(event_stages)
        self._warm_articles = False
        self._warm_events = False

    def warm_up(self) -> None:
        """Run the article stages once on a small invented article (untimed; any error is left
        for the real articles to meet), so that what they load on first use is loaded."""
        if self._warm_articles:
            return
        self._warm_articles = True
        article = Article(id=Article.make_id(WARM_UP_TEXT), source="warm-up",
                          text=WARM_UP_TEXT, format="txt")
        with contextlib.suppress(Exception):
            list(self._run_batch([ArticleDoc(article=article, layers=BASE_LAYERS)], "skip"))

    def _warm_up_events(self, event: EventDoc) -> None:
        """Run the event stages once, untimed, on an event of the first article of ``event``."""
        if self._warm_events or not event.docs:
            return
        self._warm_events = True
        small = replace(event, id="warm-up", name="warm-up", docs=event.docs[:1])
        with contextlib.suppress(Exception):
            self.reduce_event(small, on_error="record")

    @classmethod
    def from_config(
        cls,
        config: PipelineConfig | None = None,
        *,
        kinds: frozenset[str] = frozenset({"article", "event"}),
    ) -> Pipeline:
        """Build the stages named in ``config``, checking requires/produces first.

        ``kinds`` limits which stages are built (the driver of a multi-process run builds only
        the event stages; its workers build the article stages), but the whole order is checked.

        Raises:
            ConfigError: an unknown stage, a stage of the wrong kind, or a stage whose required
                layer no earlier stage produces (the message names the stage to add).
        """
        config = config or PipelineConfig.default()
        infos = [(registry.get(sc.name), sc) for sc in config.stages]
        check_order([i for i, _ in infos])
        art: list[BuiltStage] = []
        evt: list[BuiltStage] = []
        for info, sc in infos:
            if info.kind not in kinds:
                continue
            built = BuiltStage(info=info, stage=_build(info, sc))
            (art if info.kind == "article" else evt).append(built)
        return cls(art, evt)

    @property
    def names(self) -> list[str]:
        """Names of all stages in order."""
        return [s.info.name for s in self.article_stages + self.event_stages]

    def map_articles(
        self,
        docs: Iterable[ArticleDoc],
        *,
        on_error: OnError = "raise",
        batch_size: int = 32,
        progress: Callable[[int], None] | None = None,
        budget: float | None = None,
    ) -> Iterator[ArticleDoc | Failure]:
        """Run the article stages on each doc, in batches.

        A doc that fails in a stage becomes a :class:`Failure` (``record``), is dropped
        (``skip``), or stops the run (``raise``). The other docs go on.

        Args:
            docs: the docs.
            on_error: what a failing doc does.
            batch_size: docs per batch.
            progress: called with the number of docs of each batch done.
            budget: seconds each doc may spend in the article stages together (None: no
                limit). A stage run over a batch is capped at ``budget``; when it runs out,
                the stage is run again doc by doc, each capped at what is left of its own
                budget, so only the slow doc fails. Between stages, a doc whose share of the
                time spent is over its budget fails too.
        """
        if budget is not None:
            self.warm_up()
        batch: list[ArticleDoc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, on_error, budget)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            yield from self._run_batch(batch, on_error, budget)
            if progress:
                progress(len(batch))

    def _run_batch(
        self, batch: list[ArticleDoc], on_error: OnError, budget: float | None = None
    ) -> Iterator[ArticleDoc | Failure]:
        live: list[ArticleDoc] = batch
        failures: list[Failure] = []
        spent = [0.0] * len(batch)  # seconds each doc has used, by its position in ``batch``
        where = {d.id: i for i, d in enumerate(batch)}
        for built in self.article_stages:
            out = self._run_stage(built, live, on_error, budget, spent, where, failures)
            if budget is not None:
                late = [d for d in out if spent[where[d.id]] > budget]
                for d in late:
                    self._fail(d, built.info.name, StageTimeout(budget), on_error, failures,
                               budget)
                out = [d for d in out if spent[where[d.id]] <= budget]
            live = [replace(d, layers=d.layers | built.info.produces) for d in out]
        for d in live:
            yield replace(d, parsed=None)
        yield from failures

    def _run_stage(
        self,
        built: BuiltStage,
        live: list[ArticleDoc],
        on_error: OnError,
        budget: float | None,
        spent: list[float],
        where: dict[str, int],
        failures: list[Failure],
    ) -> list[ArticleDoc]:
        """One stage over the live docs: as a batch, or doc by doc when the batch fails."""
        # The batch may run as long as its most patient doc still may; a doc that had less
        # left is caught by the deadline between stages.
        cap = None if budget is None else max(
            (budget - spent[where[d.id]] for d in live), default=budget)
        start = time.perf_counter()
        try:
            with time_cap(None if cap is None else max(cap, 0.001)):
                out = built.run_batch(live)
        except (Exception, StageTimeout):
            # One bad or slow doc must not sink the batch: redo it doc by doc to find it. Which
            # doc used the time is unknown, so only a lone doc is charged for it; in a larger
            # batch the slow doc then gets its own cap, the run stalling at most twice that.
            if len(live) == 1:
                _share(time.perf_counter() - start, live, spent, where)
            out = []
            for d in live:
                i = where[d.id]
                left = None if budget is None else budget - spent[i]
                if left is not None and left <= 0:
                    self._fail(d, built.info.name, StageTimeout(budget), on_error, failures,
                               budget)
                    continue
                began = time.perf_counter()
                try:
                    with time_cap(left):
                        out.extend(built.run_batch([d]))
                except (Exception, StageTimeout) as exc:
                    self._fail(d, built.info.name, exc, on_error, failures, budget)
                spent[i] += time.perf_counter() - began
            return out
        _share(time.perf_counter() - start, live, spent, where)
        return out

    @staticmethod
    def _fail(
        d: ArticleDoc,
        stage: str,
        exc: BaseException,
        on_error: OnError,
        failures: list[Failure],
        budget: float | None,
    ) -> None:
        if isinstance(exc, StageTimeout):
            reason = over_budget(budget or 0.0, stage)
            if on_error == "raise":
                raise StageError(stage, d.article.source, reason) from None
        else:
            reason = f"{type(exc).__name__}: {exc}"
            if on_error == "raise":
                raise _stage_error(stage, d.article.source, exc) from exc  # type: ignore[arg-type]
        if on_error == "record":
            failures.append(Failure(source=d.article.source, reason=reason, stage=stage))

    def reduce_event(
        self, event: EventDoc, *, on_error: OnError = "raise", budget: float | None = None
    ) -> EventDoc:
        """Run the event stages over all articles of one event.

        Args:
            event: the event.
            on_error: what a failing stage does (``record``: the event goes on without its
                layer, the failure in ``errors``).
            budget: seconds per article; each event stage is capped at ``budget`` times the
                number of articles (None: no cap).
        """
        if budget is not None:
            self._warm_up_events(event)
        cap = None if budget is None else budget * max(1, len(event.docs))
        for built in self.event_stages:
            try:
                with time_cap(cap):
                    event = built.stage(event)
            except (Exception, StageTimeout) as exc:
                said = (f"took longer than {cap:g} s ({budget:g} s per article)"
                        if isinstance(exc, StageTimeout) else f"{type(exc).__name__}: {exc}")
                if on_error == "raise":
                    if isinstance(exc, StageTimeout):
                        raise StageError(built.info.name, f"event {event.name}", said) from None
                    raise _stage_error(built.info.name, f"event {event.name}", exc) from exc
                failure = Failure(
                    source=f"event {event.name}",
                    reason=said,
                    stage=built.info.name,
                )
                event = replace(event, errors=event.errors + (failure,))
                continue
            event = replace(event, layers=event.layers | built.info.produces)
        return event


def _share(took: float, docs: list[ArticleDoc], spent: list[float], where: dict[str, int]) -> None:
    """Charge a batch's time to its docs in proportion to their length."""
    total = sum(len(d.text) for d in docs) or 1
    for d in docs:
        spent[where[d.id]] += took * len(d.text) / total


def _stage_error(stage: str, target: str, exc: Exception) -> RashomonError:
    if isinstance(exc, RashomonError):
        return exc
    return StageError(stage, target, f"{type(exc).__name__}: {exc}")


def _build(info: StageInfo, sc: StageConfig) -> Any:
    try:
        return info.factory(**sc.options)
    except TypeError as exc:
        raise ConfigError(f"stage {info.name!r}: bad options {sc.options!r}: {exc}") from exc


def check_order(infos: Sequence[StageInfo]) -> None:
    """Check that every stage's required layers are produced by an earlier stage.

    Raises:
        ConfigError: naming the stage, the missing layer and a registered stage producing it.
    """
    have: set[str] = set(BASE_LAYERS)
    seen_event = False
    for info in infos:
        if info.kind == "event":
            seen_event = True
        elif seen_event:
            raise ConfigError(f"article stage {info.name!r} comes after an event stage")
        missing = info.requires - have
        if missing:
            layer = sorted(missing)[0]
            producers = [s.name for s in registry if layer in s.produces]
            hint = f"; add {producers[0]!r} before it" if producers else ""
            raise ConfigError(f"stage {info.name!r} requires layer {layer!r}{hint}")
        have |= info.produces
