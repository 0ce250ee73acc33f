"""Camps (extract/event/disputes/camps.py): the event's alliances have the last word on sides."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from rashomon.extract.event.disputes.alliances import Alliances, Edge
from rashomon.extract.event.disputes.camps import Camps, Seed, align, enlist, expand
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


@pytest.mark.parametrize(("noun", "joins"), [
    ("suggestion", False),  # an unowned suggestion: restating it tells the story
    ("reports", True),  # an unowned report: restated by whoever wrote it
])
def test_restating_an_unowned_claim(noun: str, joins: bool) -> None:
    claim = replace(_prop(0, noun, "the harbour board offered the clerk a paid post"),
                    cue="", holder_kind="anonymous")
    props = [claim,
             _prop(1, "Pieter Dunn", "the harbour board never offered anyone a paid post"),
             replace(_prop(2, "Ona Brandt", "the harbour board offered the clerk an unpaid post"),
                     article_id="b")]
    seed = Seed(claim=0, answer=1, strength=1.0, kind="response")
    camps = Camps(seeds=[seed], side={0: 0, 1: 1}, core=seed)
    sims = np.full((3, 3), 0.2, dtype=np.float32)
    sims[2, 0] = sims[0, 2] = 0.6
    expand(camps, props, sims, lambda a, b: False, taken=set(), threshold=0.3)
    assert (camps.side.get(2) == 0) is joins


@pytest.mark.parametrize(("naming", "joins"), [
    (frozenset(), True),  # alike a plain answer: restates it
    (frozenset({1}), False),  # alike an answer that names the report: alike the report
])
def test_restating_an_answer_that_names_what_it_answers(naming: frozenset[int],
                                                         joins: bool) -> None:
    props = [_prop(0, "Mara Holt", "the harbour report recommends armed guards at the port"),
             _prop(1, "Pieter Dunn", "the harbour report a cruel hoax"),
             replace(_prop(2, "Ona Brandt", "the harbour report found local boards decide"),
                     article_id="b")]
    seed = Seed(claim=0, answer=1, strength=1.0, kind="response")
    camps = Camps(seeds=[seed], side={0: 0, 1: 1}, core=seed)
    sims = np.full((3, 3), 0.2, dtype=np.float32)
    sims[2, 1] = sims[1, 2] = 0.7  # most alike the answer
    expand(camps, props, sims, lambda a, b: False, taken=set(), threshold=0.3,
           answers=frozenset({1}), naming=naming)
    assert (2 in camps.side) is joins


@pytest.mark.parametrize(("holder", "joins"), [
    ("Pieter Dunn", 1),  # already in camp 1: his statement goes with him
    ("Ona Brandt", None),  # in no camp: taken by another dispute, it stays there
])
def test_a_statement_another_dispute_took_joins_only_its_holders_camp(
        holder: str, joins: int | None) -> None:
    props = [_prop(0, "Mara Holt", "the levy is illegal"),
             _prop(1, "Pieter Dunn", "the levy is lawful"),
             _prop(2, holder, "the levy is lawful and fair")]
    seed = Seed(claim=0, answer=1, strength=1.0, kind="response")
    camps = Camps(seeds=[seed], side={0: 0, 1: 1}, core=seed)
    sims = np.full((3, 3), 0.7, dtype=np.float32)
    expand(camps, props, sims, lambda a, b: a == b, taken={2}, threshold=0.3)
    assert camps.side.get(2) == joins
