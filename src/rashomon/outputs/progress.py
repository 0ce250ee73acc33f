"""Progress bars on stderr for the command line (rich), as callbacks for ``rashomon.api``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from rashomon.streams.report import StreamProgress


@contextmanager
def analysis_progress(console: Console, *, show: bool) -> Iterator[Callable[[int, int], None]]:
    """A transient bar for one event's articles: ``(done, total)`` with the rate and ETA.

    Args:
        console: where to draw (stderr).
        show: draw at all (not with ``--quiet``, nor when stderr is not a terminal).

    Yields:
        The ``progress`` callback of :func:`rashomon.api.analyze`.
    """
    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        "{task.fields[rate]}", TimeRemainingColumn(), console=console, disable=not show,
        transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("analysing", total=None, rate="")

        def progress(done: int, total: int) -> None:
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:.1f} art/s" if elapsed > 0 else ""
            bar.update(task, completed=done, total=total, rate=rate)

        yield progress


@contextmanager
def ingest_progress(
    total: int | None = None, *, disable: bool = False
) -> Iterator[Callable[[StreamProgress], None]]:
    """A rich progress bar on stderr (rate and ETA) as a :func:`rashomon.api.ingest` callback.

    Args:
        total: the expected number of articles (an indeterminate bar when None).
        disable: show nothing (``--quiet``, or stderr is not a terminal).

    Yields:
        The callback.
    """
    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} art/s"),
        TextColumn("new {task.fields[new]} · skipped {task.fields[skipped]} · "
                   "failed {task.fields[failed]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
        disable=disable,
    )  # fmt: skip
    started = time.monotonic()
    with bar:
        task = bar.add_task("ingest", total=total, rate=0.0, new=0, skipped=0, failed=0)

        def update(p: StreamProgress) -> None:
            elapsed = max(time.monotonic() - started, 1e-9)
            bar.update(task, completed=p.read, total=p.total, rate=p.new / elapsed, new=p.new,
                       skipped=p.skipped, failed=p.failed)  # fmt: skip

        yield update
