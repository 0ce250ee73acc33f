"""Stages numbers.reconcile.v1 and disputes.v1: figures and disagreements."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING

from rashomon.extract.event.disputes import find_disputes
from rashomon.extract.event.numbers import reconcile

from ..model import EventDoc
from ..registry import EventStage, registry

if TYPE_CHECKING:
    from rashomon.extract.event.stance import StanceClassifier

DEFAULT = ["numbers.reconcile.v1", "disputes.v1"]


@registry.event_stage("numbers.reconcile.v1", requires={"quantities"}, produces={"numbers"})
def make_numbers_stage() -> EventStage:
    """Every outlet's figure per slot (killed, injured...) and whether they can all be true."""

    def stage(event: EventDoc) -> EventDoc:
        return replace(event, numbers=tuple(reconcile(event)))

    return stage


@registry.event_stage("disputes.v1", produces={"disputes"})
def make_disputes_stage(*, limit: int = 20, use_stance: bool = True,
                        stance_threshold: float = 0.8) -> EventStage:
    """Disagreements as questions with sides, holders, outlets and evidence, ranked.

    Args:
        limit: keep at most this many disputes.
        use_stance: ask the FNC-1 stance classifier whether grouped claims disagree with their
            group's label claim (only when the claims layer exists and weights are installed).
        stance_threshold: the ``disagree`` probability a pair needs. FNC-1 was trained on
            headline/body pairs; on two short claims it gives ``no evidence`` vs ``no trace``
            about 0.5, and 0.64-0.75 to pairs that agree or are unrelated on the example event
            ("issued an advisory on Saturday" vs "an alert was emitted three days before"), so
            only confident disagreements count.
    """

    def stage(event: EventDoc) -> EventDoc:
        stance: dict[tuple[str, str], str] = {}
        clf = _classifier() if use_stance and event.groups else None
        if clf is not None:
            claims = {c.id: c for c in event.claims}
            pairs = [(g.label_claim, cid) for g in event.groups for cid in g.claim_ids
                     if cid != g.label_claim and g.label_claim in claims and cid in claims]
            if pairs:
                try:
                    proba = clf.predict_proba([(claims[a].text, claims[b].text)
                                               for a, b in pairs])
                except ValueError:
                    # Weights that do not fit the installed featurizer: polarity alone decides
                    # (coverage.v1 reports the mismatch as an event error already).
                    proba = None
                if proba is not None:
                    col = list(clf.labels).index("disagree")
                    stance = {pair: "disagree" for pair, row in zip(pairs, proba, strict=True)
                              if float(row[col]) >= stance_threshold}
        numbers = event.numbers if "numbers" in event.layers else None
        disputes = find_disputes(event, numbers=numbers, stance=stance, limit=limit)
        return replace(event, disputes=tuple(disputes))

    return stage


@functools.cache
def _classifier() -> StanceClassifier | None:
    """The shipped stance classifier, or ``None`` when its weights are not installed."""
    from rashomon.extract.event.stance import StanceClassifier

    try:
        return StanceClassifier.load()
    except (FileNotFoundError, ValueError):
        # No trained weights shipped: polarity flips alone mark group disagreements.
        return None
