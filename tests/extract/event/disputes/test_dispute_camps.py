"""Camps (extract/event/disputes/camps.py): the event's alliances have the last word on sides."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.extract.event.disputes.alliances import Alliances, Edge
from rashomon.extract.event.disputes.camps import Camps, Seed, align, enlist
from rashomon.extract.event.disputes.propositions import Proposition, content_words
from rashomon.model import Span


def _prop(index: int, holder: str, text: str) -> Proposition:
    return Proposition(index=index, id=f"p{index}", article_id="a", outlet="Ledger",
                       sentence=index, span=Span(index * 100, index * 100 + len(text)),
                       frame=Span(index * 100, index * 100 + len(text)), text=text,
                       cue="said", holder=holder, holder_kind="person", voice="attributed",
                       negated=False, modality="is", entities=frozenset(),
                       words=content_words(text))


PROPS = [
    _prop(0, "Mara Holt", "the levy is illegal"),
    _prop(1, "Pieter Dunn", "the levy is lawful"),
    _prop(2, "Holt campaign", "the levy breaks the harbour charter"),
    _prop(3, "Ilse Varga", "the charter allows the levy"),
    _prop(4, "Ona Brandt", "the port will reopen in May"),
]


@pytest.mark.parametrize(("start", "aligned"), [
    # A statement put on the wrong side by its wording moves to its holder's camp.
    ({0: 0, 1: 1, 2: 1, 3: 0, 4: 1}, {0: 0, 1: 1, 2: 0, 3: 1, 4: 1}),
    # Already right: nothing moves; a holder the alliances do not place keeps its side.
    ({0: 0, 1: 1, 2: 0, 3: 1, 4: 0}, {0: 0, 1: 1, 2: 0, 3: 1, 4: 0}),
])
def test_align_follows_the_alliances(start: dict[int, int], aligned: dict[int, int]) -> None:
    alliances = Alliances()
    for e in (Edge("Mara Holt", "Pieter Dunn", -1, 1.0), Edge("Holt campaign", "Mara Holt", 1, 2.0),
              Edge("Ilse Varga", "Mara Holt", -1, 0.7)):
        alliances.add(e)
    seed = Seed(claim=0, answer=1, strength=1.0, kind="response")
    camps = Camps(seeds=[seed], side=dict(start), core=seed)
    align(camps, PROPS, alliances)
    assert camps.side == aligned


def test_enlist_adds_the_holders_the_alliances_place() -> None:
    alliances = Alliances()
    for e in (Edge("Mara Holt", "Pieter Dunn", -1, 1.0), Edge("Ilse Varga", "Mara Holt", -1, 0.7)):
        alliances.add(e)
    seed = Seed(claim=0, answer=1, strength=1.0, kind="response")
    camps = Camps(seeds=[seed], side={0: 0, 1: 1}, core=seed)
    sims = np.full((len(PROPS), len(PROPS)), 0.5, dtype=np.float32)
    enlist(camps, PROPS, sims, alliances, threshold=0.2)
    # Varga answered Holt: she joins Dunn's side; Brandt and the campaign have no edge.
    assert camps.side == {0: 0, 1: 1, 3: 1}
    sims[3, 0] = sims[3, 1] = 0.1
    camps = Camps(seeds=[seed], side={0: 0, 1: 1}, core=seed)
    enlist(camps, PROPS, sims, alliances, threshold=0.2)
    assert camps.side == {0: 0, 1: 1}  # too unlike the core to be on this subject
