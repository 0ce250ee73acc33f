"""Registries of named, versioned stages (``layer.method.vN``), as spaCy registers factories.

A stage factory is registered with the layers it ``requires`` and ``produces``; the pipeline
checks that order before any text is processed. Third-party stages register through the
``rashomon.stages`` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, TypeVar

from .errors import ConfigError
from .model import ArticleDoc, EventDoc


class ArticleStage(Protocol):
    """A map stage: one article doc in, one article doc out."""

    def __call__(self, doc: ArticleDoc) -> ArticleDoc: ...


class EventStage(Protocol):
    """A reduce stage: one event doc in, one event doc out."""

    def __call__(self, event: EventDoc) -> EventDoc: ...


F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class StageInfo:
    """A registered stage factory and its declared layers."""

    name: str
    kind: str  # "article" or "event"
    factory: Callable[..., Any]
    requires: frozenset[str]
    produces: frozenset[str]
    doc: str


class Registry:
    """Name -> stage factory."""

    def __init__(self) -> None:
        self._stages: dict[str, StageInfo] = {}
        self._entry_points_loaded = False

    def _register(
        self, kind: str, name: str, requires: Iterable[str], produces: Iterable[str]
    ) -> Callable[[F], F]:
        def decorate(factory: F) -> F:
            if name in self._stages and self._stages[name].factory is not factory:
                raise ConfigError(f"stage {name!r} is registered twice")
            self._stages[name] = StageInfo(
                name=name,
                kind=kind,
                factory=factory,
                requires=frozenset(requires),
                produces=frozenset(produces),
                doc=(factory.__doc__ or "").strip().splitlines()[0] if factory.__doc__ else "",
            )
            return factory

        return decorate

    def article_stage(
        self, name: str, *, requires: Iterable[str] = (), produces: Iterable[str] = ()
    ) -> Callable[[F], F]:
        """Register an article (map) stage factory under ``name``."""
        return self._register("article", name, requires, produces)

    def event_stage(
        self, name: str, *, requires: Iterable[str] = (), produces: Iterable[str] = ()
    ) -> Callable[[F], F]:
        """Register an event (reduce) stage factory under ``name``."""
        return self._register("event", name, requires, produces)

    def get(self, name: str) -> StageInfo:
        """Return the stage registered as ``name``.

        Raises:
            ConfigError: no such stage; the message lists what exists.
        """
        _load_builtin_stages()
        if name not in self._stages:
            self.load_entry_points()
        try:
            return self._stages[name]
        except KeyError:
            known = ", ".join(sorted(self._stages))
            raise ConfigError(f"unknown stage {name!r}; registered stages: {known}") from None

    def __iter__(self) -> Iterator[StageInfo]:
        _load_builtin_stages()
        return iter(sorted(self._stages.values(), key=lambda s: (s.kind != "article", s.name)))

    def load_entry_points(self) -> None:
        """Load third-party stages from the ``rashomon.stages`` entry-point group, once."""
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        for ep in entry_points(group="rashomon.stages"):
            ep.load()


registry = Registry()


def _load_builtin_stages() -> None:
    # Importing the stages package runs the @registry decorators; deferred to avoid cycles.
    from . import stages  # noqa: F401
