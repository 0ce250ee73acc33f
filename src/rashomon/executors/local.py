"""The ``local`` engine: one process, batches through the stages in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..config import PipelineConfig
from ..model import ArticleDoc, Failure
from ..pipeline import OnError, Pipeline


class LocalEngine:
    """Run the article stages in this process."""

    def __init__(self, config: PipelineConfig, *, on_error: OnError, batch_size: int) -> None:
        self.pipeline = Pipeline.from_config(config)
        self.on_error: OnError = on_error
        self.batch_size = batch_size

    def map(self, docs: Iterable[ArticleDoc]) -> Iterator[ArticleDoc | Failure]:
        """Yield each analysed doc (or its Failure) in input order."""
        yield from self.pipeline.map_articles(
            docs, on_error=self.on_error, batch_size=self.batch_size
        )

    def close(self) -> None:
        """Nothing to release."""
