"""Stages claims.v1, groups.v1 and coverage.v1: claims with voice, cross-outlet groups, coverage."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING

from rashomon.extract.event.claims import (
    DEFAULT_THRESHOLD,
    DEFAULT_THRESHOLDS,
    GroupingWeights,
    coverage,
    extract_claims,
    group_claims,
)
from rashomon.nlp.encoders import DEFAULT_ENCODER, get_encoder

from ..model import EventDoc
from ..registry import EventStage, registry

if TYPE_CHECKING:
    from rashomon.extract.event.stance import StanceClassifier

DEFAULT = ["claims.v1", "groups.v1", "coverage.v1"]


@registry.event_stage("claims.v1", requires={"sentences", "attributions"}, produces={"claims"})
def make_claims_stage() -> EventStage:
    """Body sentences and reported speech as claims in the author's or a speaker's voice."""

    def stage(event: EventDoc) -> EventDoc:
        # Near-duplicates keep their claims; groups.v1 counts them as their original's outlet.
        claims = tuple(c for doc in event.docs for c in extract_claims(doc))
        return replace(event, claims=claims)

    return stage


@registry.event_stage("groups.v1", requires={"claims"}, produces={"groups"})
def make_groups_stage(
    *,
    encoder: str = DEFAULT_ENCODER,
    threshold: float | None = None,
    min_outlets: int = 2,
) -> EventStage:
    """Claims that say the same thing across outlets (embeddings + entities, numbers, dates).

    Args:
        encoder: registered sentence encoder (``use.v3`` or ``minilm.v1``).
        threshold: minimum average combined score inside a group; the encoder's tuned value
            when omitted.
        min_outlets: keep groups whose claims come from at least this many outlets.
    """
    cut = DEFAULT_THRESHOLDS.get(encoder, DEFAULT_THRESHOLD) if threshold is None else threshold
    weights = GroupingWeights(threshold=cut)

    def stage(event: EventDoc) -> EventDoc:
        groups = group_claims(event, event.claims, encoder=get_encoder(encoder),
                              weights=weights, min_outlets=min_outlets)
        return replace(event, groups=tuple(groups))

    return stage


@registry.event_stage("coverage.v1", requires={"groups"}, produces={"coverage"})
def make_coverage_stage(*, use_stance: bool = True, min_disagree: float = 0.65) -> EventStage:
    """Outlet x claim group: carries, attributed, contradicts (stance or polarity) or omits.

    Args:
        use_stance: ask the FNC-1 stance classifier whether each claim disagrees with its
            group's label claim; without it, or when its weights file is not installed,
            polarity alone decides contradictions.
        min_disagree: probability of ``disagree`` needed to count a contradiction. The model
            was trained on headline/body pairs and gives near-identical sentence pairs about
            0.5 ``disagree``, so its argmax alone would flag restatements.
    """

    def stage(event: EventDoc) -> EventDoc:
        stance: dict[tuple[str, str], str] = {}
        if use_stance and event.groups:
            claims = {c.id: c for c in event.claims}
            pairs = [(g.label_claim, cid) for g in event.groups for cid in g.claim_ids
                     if cid != g.label_claim and g.label_claim in claims and cid in claims]
            clf = _classifier() if pairs else None
            if clf is not None:
                proba = clf.predict_proba([(claims[a].text, claims[b].text) for a, b in pairs])
                col = clf.labels.index("disagree")
                stance = {pair: "disagree" for pair, row in zip(pairs, proba, strict=True)
                          if float(row[col]) >= min_disagree}
        return replace(event, coverage=tuple(coverage(event, stance=stance)))

    return stage


@functools.cache
def _classifier() -> StanceClassifier | None:
    # Loaded once per process: parsing the weights file and its encoder takes a while.
    from rashomon.extract.event.stance import StanceClassifier

    try:
        return StanceClassifier.load()
    except FileNotFoundError:
        # No trained weights shipped (scripts/train_stance.py writes them): polarity decides.
        return None
