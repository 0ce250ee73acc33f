"""Alliances (extract/event/disputes/alliances.py): the two camps of an event's holders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.extract.event.disputes.alliances import (
    Alliances,
    Edge,
    accusations,
    agreeing,
    agreements,
)
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


@pytest.mark.parametrize(("edges", "pair", "steps", "near"), [
    ([("A", "B", -1)], ("A", "B"), 1, -1),
    ([("A", "B", -1), ("B", "C", -1)], ("A", "C"), 1, 0),  # two signals apart
    ([("A", "B", -1), ("B", "C", -1)], ("A", "C"), 2, 1),
    # A tie to one's own organisation is free: the spokesman stands where the senator does.
    ([("A", "B", -1), ("B", "B spokesman", 1)], ("A", "B spokesman"), 1, -1),
])
def test_near_counts_the_signals_between_two_holders(
        edges: list[tuple[str, str, int]], pair: tuple[str, str], steps: int,
        near: int) -> None:
    camps = Alliances()
    for a, b, sign in edges:
        camps.add(Edge(a, b, sign, 2.0 if sign > 0 else 1.0))
    assert camps.near(*pair, steps=steps) == near


@pytest.mark.model
def test_praise_sets_the_speaker_with_the_praised(analyse: Analyse) -> None:
    event = analyse(("Northern Ledger",
                     "Councillor Mara Holt praised the Harbour Authority for its new safety plan. "
                     "Pieter Dunn accused the Harbour Authority of hiding the accounts."))
    holders = HolderIndex(event)
    edges = {(e.a, e.b, e.sign) for e in accusations(build_propositions(event, holders), holders)}
    assert any(a.endswith("Mara Holt") and b == "Harbour Authority" and sign == 1
               for a, b, sign in edges), edges
    assert ("Pieter Dunn", "Harbour Authority", -1) in edges


@pytest.mark.parametrize(("cue", "agrees"), [
    ("echoed", True), ("were echoed", True), ("agreed", True), ("seconded", True),
    ("said", False), ("denied", False),
])
def test_agreeing_cues(cue: str, agrees: bool) -> None:
    assert agreeing(cue) is agrees


@pytest.mark.model
@pytest.mark.parametrize(("text", "pair"), [
    # The echoed is named in the statement ...
    ('Harbour clerk Pieter Dunn said the levy would ruin the docks. Councillor Bea Marsh echoed '
     'Dunn\'s warning, adding that "the fishermen will leave".', ("Bea Marsh", "Pieter Dunn")),
    # ... or said the words just before.
    ('"The levy will ruin the docks," harbour clerk Pieter Dunn said on Monday. Councillor '
     'Sarah Miller echoed that warning on Tuesday: "The fishermen will leave."',
     ("Sarah Miller", "Pieter Dunn")),
    # ... or, "their calls", by everyone who spoke in the sentence before.
    ('Harbour clerk Pieter Dunn urged the council to drop the levy, and trader Ann Kolb said '
     'it "will ruin the docks". Their calls were echoed by Councillor Sarah Miller.',
     ("Sarah Miller", "Pieter Dunn")),
    ('Harbour clerk Pieter Dunn urged the council to drop the levy, and trader Ann Kolb said '
     'it "will ruin the docks". Their calls were echoed by Councillor Sarah Miller.',
     ("Sarah Miller", "Ann Kolb")),
])
def test_an_echo_binds_the_speaker_to_the_echoed(analyse: Analyse, text: str,
                                                 pair: tuple[str, str]) -> None:
    event = analyse(("Northern Ledger", text))
    holders = HolderIndex(event)
    props = build_propositions(event, holders)
    edges = [(e.a, e.b, e.sign) for e in agreements(props, holders)]
    # ("Councillor Bea Marsh" is how the entity layer may name her.)
    assert any(a.endswith(pair[0]) and b.endswith(pair[1]) and sign == 1
               for a, b, sign in edges), edges
