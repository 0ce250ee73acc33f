"""The ``ray`` engine: Ray actors, each holding a pipeline; joins a cluster with ``address``.

Without ``address`` Ray starts locally; ``address="auto"`` joins an existing cluster. Ray is
an optional extra, imported here only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from rashomon.config import PipelineConfig
from rashomon.engines._batches import Worker, batched, in_order
from rashomon.errors import MissingExtraError
from rashomon.model import ArticleDoc, EventDoc, Failure
from rashomon.pipeline import OnError


class RayEngine:
    """Run the article stages on Ray actors, keeping input order."""

    def __init__(
        self,
        config: PipelineConfig,
        *,
        workers: int | None,
        on_error: OnError,
        batch_size: int,
        address: str | None,
        budget: float | None = None,
    ) -> None:
        try:
            import ray
        except ImportError as exc:
            raise MissingExtraError(
                "the ray engine needs Ray: pip install 'rashomon[ray]'"
            ) from exc
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                ray.init(
                    num_cpus=workers or os.cpu_count() or 2,
                    include_dashboard=False,
                    log_to_driver=False,
                )
            self._started = True
        cpus = ray.available_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
        n = workers or max(1, int(cpus))
        actor = ray.remote(num_cpus=1)(Worker)
        self.actors: list[Any] = [actor.remote(config, on_error, budget) for _ in range(n)]
        self.batch_size = batch_size

    def map(self, docs: Iterable[ArticleDoc]) -> Iterator[ArticleDoc | Failure]:
        """Yield analysed docs in input order; two batches per actor are in flight."""

        def submit(i: int, batch: list[ArticleDoc]) -> Any:
            return self.actors[i % len(self.actors)].run.remote(batch)

        limit = 2 * len(self.actors)
        for done in in_order(batched(docs, self.batch_size), submit, self._get, limit):
            yield from done

    def reduce(self, events: Iterable[EventDoc]) -> Iterator[EventDoc]:
        """Yield each event with the event stages run on an actor, in input order."""

        def submit(i: int, event: EventDoc) -> Any:
            return self.actors[i % len(self.actors)].reduce.remote(event)

        yield from in_order(events, submit, self._get, 2 * len(self.actors))

    def _get(self, ref: Any) -> Any:
        return self._ray.get(ref)

    def close(self) -> None:
        """Release the actors, and Ray itself when this engine started it."""
        for actor in self.actors:
            self._ray.kill(actor)
        if self._started:
            self._ray.shutdown()
