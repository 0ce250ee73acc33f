"""Shared helpers for engines that ship batches of docs to workers."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

from rashomon.config import PipelineConfig
from rashomon.model import ArticleDoc, EventDoc, Failure
from rashomon.pipeline import OnError, Pipeline


def batched(docs: Iterable[ArticleDoc], size: int) -> Iterator[list[ArticleDoc]]:
    """Split ``docs`` into lists of at most ``size``."""
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


T = TypeVar("T")
F = TypeVar("F")
R = TypeVar("R")


def in_order(
    tasks: Iterable[T], submit: Callable[[int, T], F], get: Callable[[F], R], limit: int
) -> Iterator[R]:
    """Submit tasks as they come, at most ``limit`` in flight, and yield results in order.

    Submitting one by one (rather than ``Pool.imap``, which drains its whole input in a feeder
    thread) keeps memory bounded on long streams.

    Args:
        tasks: the work items.
        submit: starts item ``i`` and returns its future.
        get: waits for a future and returns its result.
        limit: futures in flight at most.
    """
    pending: deque[F] = deque()
    for i, task in enumerate(tasks):
        pending.append(submit(i, task))
        if len(pending) >= limit:
            yield get(pending.popleft())
    while pending:
        yield get(pending.popleft())


class Worker:
    """A pipeline built once in a worker, then applied to batch after batch.

    The event stages are built on the first event, so a worker that only ever maps articles
    never loads the sentence encoder or the stance model.
    """

    def __init__(
        self, config: PipelineConfig, on_error: OnError, budget: float | None = None
    ) -> None:
        self.config = config
        self.pipeline = Pipeline.from_config(config, kinds=frozenset({"article"}))
        self.events: Pipeline | None = None
        self.on_error: OnError = on_error
        self.budget = budget

    def reduce(self, event: EventDoc) -> EventDoc:
        """Run the event stages over one event."""
        if self.events is None:
            self.events = Pipeline.from_config(self.config, kinds=frozenset({"event"}))
        return self.events.reduce_event(event, on_error=self.on_error, budget=self.budget)

    def run(self, batch: list[ArticleDoc]) -> list[ArticleDoc | Failure]:
        """Analyse one batch; every doc comes back (or its Failure), in order."""
        out = self.pipeline.map_articles(batch, on_error=self.on_error, batch_size=len(batch),
                                         budget=self.budget)
        return list(out)
