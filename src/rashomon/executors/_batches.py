"""Shared helpers for engines that ship batches of docs to workers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from ..config import PipelineConfig
from ..model import ArticleDoc, EventDoc, Failure
from ..pipeline import OnError, Pipeline


def batched(docs: Iterable[ArticleDoc], size: int) -> Iterator[list[ArticleDoc]]:
    """Split ``docs`` into lists of at most ``size``."""
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


class Worker:
    """A pipeline built once in a worker, then applied to batch after batch.

    The event stages are built on the first event, so a worker that only ever maps articles
    never loads the sentence encoder or the stance model.
    """

    def __init__(self, config: PipelineConfig, on_error: OnError) -> None:
        self.config = config
        self.pipeline = Pipeline.from_config(config, kinds=frozenset({"article"}))
        self.events: Pipeline | None = None
        self.on_error: OnError = on_error

    def reduce(self, event: EventDoc) -> EventDoc:
        """Run the event stages over one event."""
        if self.events is None:
            self.events = Pipeline.from_config(self.config, kinds=frozenset({"event"}))
        return self.events.reduce_event(event, on_error=self.on_error)

    def run(self, batch: list[ArticleDoc]) -> list[ArticleDoc | Failure]:
        """Analyse one batch; every doc comes back (or its Failure), in order."""
        out = self.pipeline.map_articles(batch, on_error=self.on_error, batch_size=len(batch))
        return list(out)
