"""Build a pipeline of registered stages from config, check its order, and run it.

Article stages are a map (each article alone, so they scale out); event stages are a reduce
over all articles of one event. A stage may offer ``pipe(docs)`` to work on a batch (spaCy's
``nlp.pipe``); otherwise it is called on each doc.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from .config import PipelineConfig, StageConfig
from .errors import ConfigError, RashomonError, StageError
from .model import ArticleDoc, EventDoc, Failure
from .registry import StageInfo, registry

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


class Pipeline:
    """An ordered list of article stages and event stages."""

    def __init__(self, article_stages: Sequence[BuiltStage], event_stages: Sequence[BuiltStage]):
        self.article_stages = list(article_stages)
        self.event_stages = list(event_stages)

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
    ) -> Iterator[ArticleDoc | Failure]:
        """Run the article stages on each doc, in batches.

        A doc that fails in a stage becomes a :class:`Failure` (``record``), is dropped
        (``skip``), or stops the run (``raise``). The other docs go on.
        """
        batch: list[ArticleDoc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, on_error)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            yield from self._run_batch(batch, on_error)
            if progress:
                progress(len(batch))

    def _run_batch(
        self, batch: list[ArticleDoc], on_error: OnError
    ) -> Iterator[ArticleDoc | Failure]:
        live: list[ArticleDoc] = batch
        failures: list[Failure] = []
        for built in self.article_stages:
            try:
                out = built.run_batch(live)
            except Exception:
                # One bad doc must not sink the batch: redo it doc by doc to find the culprit.
                out = []
                for d in live:
                    try:
                        out.extend(built.run_batch([d]))
                    except Exception as exc:
                        if on_error == "raise":
                            raise _stage_error(built.info.name, d.article.source, exc) from exc
                        if on_error == "record":
                            failures.append(
                                Failure(
                                    source=d.article.source,
                                    reason=f"{type(exc).__name__}: {exc}",
                                    stage=built.info.name,
                                )
                            )
            live = [replace(d, layers=d.layers | built.info.produces) for d in out]
        for d in live:
            yield replace(d, parsed=None)
        yield from failures

    def reduce_event(self, event: EventDoc, *, on_error: OnError = "raise") -> EventDoc:
        """Run the event stages over all articles of one event."""
        for built in self.event_stages:
            try:
                event = built.stage(event)
            except Exception as exc:
                if on_error == "raise":
                    raise _stage_error(built.info.name, f"event {event.name}", exc) from exc
                failure = Failure(
                    source=f"event {event.name}",
                    reason=f"{type(exc).__name__}: {exc}",
                    stage=built.info.name,
                )
                event = replace(event, errors=event.errors + (failure,))
                continue
            event = replace(event, layers=event.layers | built.info.produces)
        return event


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
