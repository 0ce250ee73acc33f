"""Stages sourcing.v1 and quotes.integrity.v1: where claims come from, how each outlet
sources its story, and how outlets print the same quotation."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.event.quote_integrity import quote_discrepancies
from rashomon.extract.event.sourcing import annotate_groups, sourcing_profiles
from rashomon.model import EventDoc
from rashomon.registry import EventStage, registry

DEFAULT = ["sourcing.v1", "quotes.integrity.v1"]


@registry.event_stage("sourcing.v1", requires={"coverage", "attributions"}, produces={"sourcing"})
def make_sourcing_stage() -> EventStage:
    """Independent sources per claim group (outlets relaying one original count once, with the
    relay cues as evidence) and sourcing profiles per article and outlet (named, anonymous,
    official and relayed attributions)."""

    def stage(event: EventDoc) -> EventDoc:
        event = annotate_groups(event)
        return replace(event, sourcing=tuple(sourcing_profiles(event)))

    return stage


@registry.event_stage(
    "quotes.integrity.v1", requires={"attributions", "merged_entities"},
    produces={"quote_integrity"},
)  # fmt: skip
def make_quote_integrity_stage() -> EventStage:
    """The same quotation as different outlets print it, aligned word by word: truncated,
    words changed, given to a different speaker, or a paraphrase printed as a quote."""

    def stage(event: EventDoc) -> EventDoc:
        return replace(event, quote_discrepancies=tuple(quote_discrepancies(event)))

    return stage
