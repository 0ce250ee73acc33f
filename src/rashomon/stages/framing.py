"""Stage framing.v1: loaded words per outlet, in its own voice or quoted."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.event.framing import framing
from rashomon.model import EventDoc
from rashomon.registry import EventStage, registry

DEFAULT = ["framing.v1"]


@registry.event_stage("framing.v1", requires={"attributions"}, produces={"framing"})
def make_framing_stage() -> EventStage:
    """Every use of a loaded word (lexicon ``loaded_words``) in the article bodies, with its
    outlet and whether the outlet uses it in its own voice or quotes or attributes it."""

    def stage(event: EventDoc) -> EventDoc:
        return replace(event, framing=tuple(framing(event)))

    return stage
