"""What a stream ingest reports: progress ticks, the run's counts, and an interrupted run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rashomon.model import Failure


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamReport:
    """What one ``ingest_stream`` run did.

    Attributes:
        db: the store written.
        read: articles read from the sources (before skipping).
        new: articles analysed and stored by this run.
        skipped: articles already in the store, or repeated in the input.
        failed: inputs and articles that failed (each in the ``ingest_errors`` table); a
            failed article is not stored, so the next run tries it again.
        notes: problems the store noted in stored articles (an annotation id shared by two
            different annotations, a link to nothing); in ``ingest_errors`` with
            ``stage = 'store'``.
        events_new: stories opened by this run.
        events_touched: stories this run added articles to (new ones included).
        batches: transactions committed.
        seconds: wall time of the run.
        interrupted: the run was stopped (Ctrl-C) after ``batches`` commits.
        failures: the first failures (at most 100).
        timings: seconds spent reading and skipping (``read``), in the article stages
            (``stages``), embedding and clustering (``cluster``) and committing (``write``).
    """

    db: Path
    read: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    notes: int = 0
    events_new: int = 0
    events_touched: int = 0
    batches: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: tuple[Failure, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """New articles analysed per second."""
        return self.new / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamProgress:
    """A progress tick: counts so far and the estimated total of articles (None: unknown)."""

    read: int
    new: int
    skipped: int
    failed: int
    total: int | None


class IngestInterrupted(KeyboardInterrupt):  # noqa: N818  (it is a KeyboardInterrupt)
    """Ctrl-C during :func:`ingest_stream`; ``report`` says what was committed before it."""

    def __init__(self, report: StreamReport) -> None:
        super().__init__(
            f"interrupted after {report.batches} batches ({report.new} new articles committed); "
            "run the same command again to continue"
        )
        self.report = report
