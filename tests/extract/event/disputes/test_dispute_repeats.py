"""Repeats (extract/event/disputes/repeats.py): one question with the same camps is one dispute."""

from __future__ import annotations

import pytest

from rashomon.extract.event.disputes.repeats import merge_repeats, question_key
from rashomon.model import Dispute, Evidence, Side, Span


@pytest.mark.parametrize(("a", "b", "same"), [
    ("On Ilse Varga: was the harbour fee illegal?", "Was the harbour fee illegal?", True),
    ("Was the harbour fee illegal?", "was the  harbour fee illegal?", True),
    ("Was the harbour fee illegal?", "Was the harbour fee lawful?", False),
    ("On Varnholm: should the docks close?", "On Ostby: should the docks close?", True),
])
def test_question_key(a: str, b: str, same: bool) -> None:
    assert (question_key(a) == question_key(b)) is same


def _side(position: str, *holders: str) -> Side:
    return Side(position=position, holders=holders, outlets=("Ledger",),
                evidence=(Evidence(article_id="a", span=Span(0, 5)),))


def _dispute(id_: str, question: str, score: float, *sides: Side) -> Dispute:
    return Dispute(id=id_, question=question, kind="explicit", score=score, sides=sides)


def test_a_repeat_with_the_same_camps_is_folded_into_the_better_one() -> None:
    first = _dispute("d1", "Was the fee illegal?", 9.0,
                     _side("the fee", "Mara Holt", "Bea Marsh"),
                     _side("rejected that", "Olaf Berg"))
    repeat = _dispute("d2", "On Varnholm: was the fee illegal?", 7.0,
                      _side("the fee is illegal", "Olaf Berg", "Pieter Dahl"),  # sides swapped
                      _side("the harbour fee broke the law twice over", "Mara Holt"))
    (kept,) = merge_repeats([first, repeat])
    assert kept.id == "d1"
    assert kept.question == "On Varnholm: was the fee illegal?"  # says what it is about
    assert kept.sides[0].position == "the harbour fee broke the law twice over"
    assert kept.sides[1].position == "the fee is illegal"
    # The repeat's holders stay out: only wording travels.
    assert kept.sides[0].holders == ("Mara Holt", "Bea Marsh")
    assert kept.sides[1].holders == ("Olaf Berg",)


def test_camps_that_do_not_line_up_stay_two_disputes() -> None:
    first = _dispute("d1", "Was the fee illegal?", 9.0,
                     _side("the fee", "Mara Holt"), _side("rejected that", "Olaf Berg"))
    other = _dispute("d2", "Was the fee illegal?", 7.0,  # Holt on both sides of this one
                     _side("yes", "Mara Holt", "Olaf Berg"), _side("no", "Pieter Dahl"))
    different = _dispute("d3", "Was the levy fair?", 6.0,
                         _side("the levy", "Mara Holt"), _side("no", "Olaf Berg"))
    assert [d.id for d in merge_repeats([first, other, different])] == ["d1", "d2", "d3"]
