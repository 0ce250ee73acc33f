"""Stages numbers.reconcile.v1 and disputes.v1: figures and disagreements, each side with how
each outlet carries it."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.event.disputes import find_disputes
from rashomon.extract.event.disputes.scorer import contradiction_scores
from rashomon.extract.event.disputes.stances import side_stances
from rashomon.extract.event.numbers import reconcile

from ..model import Dispute, EventDoc
from ..registry import EventStage, registry

DEFAULT = ["numbers.reconcile.v1", "disputes.v1"]


@registry.event_stage("numbers.reconcile.v1", requires={"quantities"}, produces={"numbers"})
def make_numbers_stage() -> EventStage:
    """Every outlet's figure per slot (killed, injured...) and whether they can all be true."""

    def stage(event: EventDoc) -> EventDoc:
        return replace(event, numbers=tuple(reconcile(event)))

    return stage


@registry.event_stage("disputes.v1", produces={"disputes"})
def make_disputes_stage(*, limit: int = 20, use_scorer: bool = False,
                        learned_cut: float = 0.8, on_subject: float = 0.27,
                        join: float = 0.6, grow: float = 0.3,
                        enlist_at: float = 0.0) -> EventStage:
    """Disagreements as questions with sides, holders, outlets and evidence, ranked.

    Args:
        limit: keep at most this many disputes.
        use_scorer: let the learned pair scorer (:mod:`rashomon.extract.event.disputes.scorer`)
            add opposed pairs the rules miss.
        learned_cut: the scorer probability a pair needs to count as opposed.
        on_subject: similarity above which two statements may oppose each other.
        join: similarity of claims above which two seeds are one dispute.
        grow: similarity to a seed above which a statement joins its dispute.
        enlist_at: similarity to a dispute's core from which a holder the event's alliances
            place joins its side.
    """

    def stage(event: EventDoc) -> EventDoc:
        numbers = event.numbers if "numbers" in event.layers else None
        disputes = find_disputes(event, numbers=numbers, limit=limit,
                                 scorer=contradiction_scores if use_scorer else None,
                                 learned_cut=learned_cut, on_subject=on_subject,
                                 join=join, grow=grow, enlist_at=enlist_at)
        return replace(event, disputes=tuple(with_side_stances(event, d) for d in disputes))

    return stage


def with_side_stances(event: EventDoc, dispute: Dispute) -> Dispute:
    """``dispute`` with each side's stances: for every outlet carrying the side, whether it
    ``asserts`` it in its own voice or only ``reports`` it (:func:`side_stances`)."""
    sides = tuple(
        replace(side, stances=tuple(stances.items()))
        for side, stances in zip(dispute.sides, side_stances(event, dispute), strict=True)
    )
    return replace(dispute, sides=sides)
