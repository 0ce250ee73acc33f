"""Engines that run the article (map) and event (reduce) stages: ``local``, ``process``, ``ray``.

Like httpx transports, each engine has the same two methods, ``map(docs) -> Iterator[ArticleDoc
| Failure]`` and ``reduce(events) -> Iterator[EventDoc]``, and they are interchangeable: the same
input gives the same output on every engine (a test compares them). Workers build the pipeline
once, so models load once per worker; workers never write the database — the driver does, in
batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from rashomon.config import PipelineConfig
from rashomon.errors import ConfigError
from rashomon.model import ArticleDoc, EventDoc, Failure
from rashomon.pipeline import OnError

ENGINES = ("local", "process", "ray")


class Engine(Protocol):
    """Runs the article stages over docs and the event stages over events, in input order."""

    def map(self, docs: Iterable[ArticleDoc]) -> Iterator[ArticleDoc | Failure]: ...

    def reduce(self, events: Iterable[EventDoc]) -> Iterator[EventDoc]: ...

    def close(self) -> None: ...


def get_engine(
    name: str,
    config: PipelineConfig | None = None,
    *,
    workers: int | None = None,
    on_error: OnError = "record",
    batch_size: int = 16,
    address: str | None = None,
    budget: float | None = None,
) -> Engine:
    """Build the engine called ``name``.

    ``budget`` is the seconds each article may spend in the article stages (see
    :meth:`~rashomon.pipeline.Pipeline.map_articles`); every engine enforces it where the
    stages run.

    Raises:
        ConfigError: unknown engine name.
        MissingExtraError: ``ray`` without the ``ray`` extra installed.
    """
    config = config or PipelineConfig.default()
    if name == "local":
        from rashomon.engines.local import LocalEngine

        return LocalEngine(config, on_error=on_error, batch_size=batch_size, budget=budget)
    if name == "process":
        from rashomon.engines.process import ProcessEngine

        return ProcessEngine(config, workers=workers, on_error=on_error, batch_size=batch_size,
                             budget=budget)
    if name == "ray":
        from rashomon.engines.ray import RayEngine

        return RayEngine(
            config, workers=workers, on_error=on_error, batch_size=batch_size, address=address,
            budget=budget,
        )
    raise ConfigError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
