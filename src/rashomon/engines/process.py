"""The ``process`` engine: a pool of worker processes, each loading the models once."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from rashomon.config import PipelineConfig
from rashomon.engines._batches import Worker, batched, in_order
from rashomon.model import ArticleDoc, EventDoc, Failure
from rashomon.pipeline import OnError

_WORKER: Worker | None = None
_INIT_ERROR: BaseException | None = None


def _init(config: PipelineConfig, on_error: OnError, budget: float | None) -> None:
    # An exception escaping a Pool initializer makes the pool respawn workers forever;
    # keep it and raise it from the first task instead, so the driver sees it.
    global _WORKER, _INIT_ERROR
    try:
        _WORKER = Worker(config, on_error, budget)
    except BaseException as exc:  # noqa: BLE001
        _INIT_ERROR = exc


def _run(batch: list[ArticleDoc]) -> list[ArticleDoc | Failure]:
    if _WORKER is None:
        raise RuntimeError(f"worker failed to start: {_INIT_ERROR!r}") from _INIT_ERROR
    return _WORKER.run(batch)


def _reduce(event: EventDoc) -> EventDoc:
    if _WORKER is None:
        raise RuntimeError(f"worker failed to start: {_INIT_ERROR!r}") from _INIT_ERROR
    return _WORKER.reduce(event)


class ProcessEngine:
    """Run the article stages in a ``multiprocessing`` pool (spawned, so safe with threads)."""

    def __init__(
        self, config: PipelineConfig, *, workers: int | None, on_error: OnError, batch_size: int,
        budget: float | None = None,
    ) -> None:
        self.workers = workers or max(1, (os.cpu_count() or 2))
        self.batch_size = batch_size
        ctx = mp.get_context("spawn")
        self.pool = ctx.Pool(self.workers, initializer=_init,
                             initargs=(config, on_error, budget))

    def map(self, docs: Iterable[ArticleDoc]) -> Iterator[ArticleDoc | Failure]:
        """Yield analysed docs in input order; at most two batches per worker are in flight."""
        for done in in_order(batched(docs, self.batch_size), self._submit_batch,
                             AsyncResult.get, 2 * self.workers):  # fmt: skip
            yield from done

    def reduce(self, events: Iterable[EventDoc]) -> Iterator[EventDoc]:
        """Yield each event with the event stages run over it, in input order.

        Events are independent, so they are spread over the workers; at most two per worker
        are in flight, which bounds memory on a long list of events.
        """
        yield from in_order(events, self._submit_event, AsyncResult.get, 2 * self.workers)

    def _submit_batch(
        self, _i: int, batch: list[ArticleDoc]
    ) -> AsyncResult[list[ArticleDoc | Failure]]:
        return self.pool.apply_async(_run, (batch,))

    def _submit_event(self, _i: int, event: EventDoc) -> AsyncResult[EventDoc]:
        return self.pool.apply_async(_reduce, (event,))

    def close(self) -> None:
        """Stop the workers."""
        self.pool.close()
        self.pool.join()
