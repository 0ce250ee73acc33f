"""Stage timeline.v1: dated happenings merged across outlets, and dates outlets disagree on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rashomon.extract.event.timeline import timeline_and_conflicts
from rashomon.model import EventDoc
from rashomon.registry import EventStage, registry

DEFAULT = ["timeline.v1"]


@registry.event_stage("timeline.v1", requires={"times"}, produces={"timeline"})
def make_timeline_stage(
    *, similarity: float = 0.3, granularity: Sequence[str] = ("day", "week")
) -> EventStage:
    """Dated happenings (day and week granularity) merged across articles, each with evidence;
    happenings that outlets place on different days are flagged as date conflicts.

    Args:
        similarity: content-word overlap needed to merge two happenings with the same date.
        granularity: which time granularities make timeline entries ("this weekend" and
            "next week" are weeks).
    """
    kept = frozenset(granularity)

    def stage(event: EventDoc) -> EventDoc:
        entries, conflicts = timeline_and_conflicts(event, similarity=similarity, granularity=kept)
        return replace(event, timeline=tuple(entries), date_conflicts=tuple(conflicts))

    return stage
