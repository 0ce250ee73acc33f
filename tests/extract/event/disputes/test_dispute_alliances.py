"""Alliances (extract/event/disputes/alliances.py): the two camps of an event's holders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.extract.event.disputes.alliances import Alliances, Edge, accusations
from rashomon.extract.event.disputes.holders import HolderIndex
from rashomon.extract.event.disputes.propositions import build_propositions
from rashomon.model import EventDoc

Analyse = Callable[..., EventDoc]


@pytest.mark.parametrize(("edges", "pair", "relation"), [
    ([("A", "B", -1)], ("A", "B"), -1),
    ([("A", "B", -1), ("B", "C", -1)], ("A", "C"), 1),  # my opponent's opponent
    ([("A", "B", 1), ("B", "C", -1)], ("A", "C"), -1),
    # A weaker edge that contradicts stronger ones is left out.
    ([("A", "B", -1), ("B", "C", -1), ("A", "C", -1)], ("A", "C"), 1),
    ([("A", "B", -1)], ("A", "Z"), 0),  # no signal, no camp
])
def test_signed_camps(edges: list[tuple[str, str, int]], pair: tuple[str, str],
                      relation: int) -> None:
    camps = Alliances()
    for w, (a, b, sign) in enumerate(edges):
        camps.add(Edge(a, b, sign, 1.0 - w / 10))
    assert camps.relation(*pair) == relation


@pytest.mark.model
def test_an_accusation_sets_the_speaker_against_the_accused(analyse: Analyse) -> None:
    event = analyse(("Northern Ledger",
                     "Senator Mara Holt accused Pieter Dunn of hiding the harbour accounts. "
                     "Dunn said the accounts were public."))
    props = build_propositions(event, HolderIndex(event))
    edges = list(accusations(props, HolderIndex(event)))
    assert [(e.a, e.b, e.sign) for e in edges] == [("Mara Holt", "Pieter Dunn", -1)]
