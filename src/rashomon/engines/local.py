"""The ``local`` engine: one process, batches through the stages in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rashomon.config import PipelineConfig
from rashomon.model import ArticleDoc, EventDoc, Failure
from rashomon.pipeline import OnError, Pipeline


class LocalEngine:
    """Run the article stages in this process."""

    def __init__(
        self, config: PipelineConfig, *, on_error: OnError, batch_size: int,
        budget: float | None = None,
    ) -> None:
        self.pipeline = Pipeline.from_config(config)
        self.on_error: OnError = on_error
        self.batch_size = batch_size
        self.budget = budget

    def map(self, docs: Iterable[ArticleDoc]) -> Iterator[ArticleDoc | Failure]:
        """Yield each analysed doc (or its Failure) in input order."""
        yield from self.pipeline.map_articles(
            docs, on_error=self.on_error, batch_size=self.batch_size, budget=self.budget
        )

    def reduce(self, events: Iterable[EventDoc]) -> Iterator[EventDoc]:
        """Yield each event with the event stages run over it, in input order."""
        for event in events:
            yield self.pipeline.reduce_event(event, on_error=self.on_error, budget=self.budget)

    def close(self) -> None:
        """Nothing to release."""
