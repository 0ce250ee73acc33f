"""Stage entities.merge.v1: one entity per real-world referent across the event's articles."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.event.aliases import merge_entities

from ..model import EventDoc
from ..registry import EventStage, registry

DEFAULT = ["entities.merge.v1"]


@registry.event_stage("entities.merge.v1", requires={"entities"}, produces={"merged_entities"})
def make_merge_stage(*, skip_duplicates: bool = False) -> EventStage:
    """Merge article-local entities across articles (aliases, acronyms, spellings, types)."""

    def stage(event: EventDoc) -> EventDoc:
        docs = [d for d in event.docs if not (skip_duplicates and d.duplicate_of)]
        return replace(event, entities=merge_entities(docs))

    return stage
