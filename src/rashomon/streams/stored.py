"""Stored stories read back for the event stages, with the article layers they lack redone."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from rashomon.config import PipelineConfig
from rashomon.engines import Engine
from rashomon.model import ArticleDoc, EventDoc, Failure
from rashomon.pipeline import BASE_LAYERS
from rashomon.registry import registry
from rashomon.store import read_event


def needed_layers(config: PipelineConfig) -> frozenset[str]:
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


def stored_events(
    conn: sqlite3.Connection, refs: Sequence[str], runner: Engine, needed: frozenset[str]
) -> Iterator[EventDoc]:
    """The stored events ``refs`` (ids or names), ready for the event stages.

    The article stages are not run again, except on articles that lack a layer the event
    stages need (a feed ingested with cheap stages only, to cluster it quickly): those get
    the engine's article stages now. An article that fails there becomes the event's error.
    """
    for ref in refs:
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
        yield EventDoc(id=stored.id, name=stored.name, docs=tuple(docs), errors=tuple(errors))
