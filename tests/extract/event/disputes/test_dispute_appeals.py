"""Appeals (extract/event/disputes/appeals.py): "should X do Y?" from calls and refusals."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.extract.event.disputes.appeals import answers_callers, poles, stance_on
from rashomon.extract.event.disputes.propositions import (
    Proposition,
    content_words,
    modality,
    negated,
)
from rashomon.model import EventDoc, Span

Analyse = Callable[..., EventDoc]


def _p(cue: str, text: str) -> Proposition:
    return Proposition(index=0, id=text, article_id="a", outlet="o", sentence=0,
                       span=Span(0, len(text)), frame=Span(0, len(text)), text=text, cue=cue,
                       holder="A", holder_kind="person", voice="attributed",
                       negated=negated(text), modality=modality(text), entities=frozenset(),
                       words=content_words(text))


@pytest.mark.parametrize(("pole", "cue", "text", "stance"), [
    ("leave", "urged", "him to step aside", 1),
    ("leave", "said", "he should withdraw from the race", 1),
    ("leave", "refused", "to step down from his race", -1),  # a refusal is the other side
    ("leave", "said", "he is not quitting", -1),  # so is a negated action
    ("leave", "vowed", "to remain in the race", -1),
    ("leave", "said", "the polls have stayed in his favour", None),  # no call for anything
    ("veto", "called", "to veto it", 1),
    ("veto", "urged", "her to sign the bill", -1),
    ("veto", "said", "they would put up a sign next to the museum", None),  # a noun
    ("veto", "said", "23 states have enacted such laws", None),
    ("veto", "calling for", "a veto", 1),  # the action asked for as a noun
    ("veto", "said", "a veto would be a mistake", None),  # a noun, and nothing asked
    ("veto", "urged", "her to reject the measure", 1),
])
def test_stance_on_an_action(pole: str, cue: str, text: str, stance: int | None) -> None:
    p = next(x for x in poles() if x.name == pole)
    assert stance_on(_p(cue, text), p) == stance


@pytest.mark.parametrize(("cue", "text", "answers"), [
    ("said", "our opponents have employed a new political tactic", True),
    ("has been deriding", "what she called fear-mongering from the measure's opponents", True),
    ("said", "critics of the plan have twisted its words", True),
    ("said", "the criticism was unfair", False),  # the noun of the act, not its makers
    ("were echoed", "the bill has been mischaracterized by its opponents", False),  # siding
    ("said", "the polls have stayed in his favour", False),
])
def test_a_response_that_answers_the_callers(cue: str, text: str, answers: bool) -> None:
    assert answers_callers(_p(cue, text)) is answers


LEAD = ("The harbour of Varnholm has been at the centre of a long quarrel over fees, jobs and the "
        "future of the old docks, and the city council is expected to vote next month.\n\n")


@pytest.mark.model
def test_calls_to_step_aside_and_a_refusal_are_one_dispute(analyse: Analyse) -> None:
    event = analyse(
        ("Northern Ledger", LEAD + "Harbour master Olaf Berg faced calls to resign on Tuesday. "
         "Senator Mara Holt urged Berg to step aside. Councillor Bea Marsh said Berg should "
         "resign at once."),
        ("Coastal Times", LEAD + "Olaf Berg refused to step down. \"I am not quitting,\" Berg "
         "said on Tuesday."),
    )
    d = next(d for d in event.disputes if d.kind == "appeal")
    assert d.question == "Should Olaf Berg step aside?"
    pro, con = d.sides
    for name in ("Mara Holt", "Bea Marsh"):  # "Councillor Bea Marsh" names her too
        assert any(name in h for h in pro.holders), pro.holders
    assert con.holders == ("Olaf Berg",)
    assert con.outlets == ("Coastal Times",)


@pytest.mark.model
def test_answering_the_opponents_is_the_other_side_of_their_call(analyse: Analyse) -> None:
    event = analyse(
        ("Northern Ledger", LEAD + "Senator Mara Holt and Councillor Bea Marsh called on Gov. "
         "Ilse Varga to veto the harbour bill. The port workers' union also called for a veto."),
        ("Coastal Times", LEAD + "\"Our opponents have employed a scare tactic, and it is "
         "working,\" said Pieter Dahl, who drafted the harbour bill."),
    )
    d = next(d for d in event.disputes if d.kind == "appeal")
    assert d.question == "Should Ilse Varga veto the harbour bill?"
    pro, con = d.sides
    assert any("Mara Holt" in h for h in pro.holders), pro.holders
    assert con.holders == ("Pieter Dahl",)
    assert "Pieter Dahl" not in pro.holders


@pytest.mark.model
def test_an_echo_of_a_call_stands_with_the_callers(analyse: Analyse) -> None:
    event = analyse(
        ("Northern Ledger", LEAD + "Senator Mara Holt urged Gov. Ilse Varga to veto the "
         "harbour bill. Councillor Sarah Miller echoed that call on Tuesday: \"The fishermen "
         "will leave.\""),
        ("Coastal Times", LEAD + "\"Our opponents have employed a scare tactic, and it is "
         "working,\" said Pieter Dahl, who drafted the harbour bill."),
    )
    d = next(d for d in event.disputes if d.kind == "appeal")
    pro, con = d.sides
    assert any(h.endswith("Sarah Miller") for h in pro.holders), pro.holders
    assert con.holders == ("Pieter Dahl",)


@pytest.mark.model
def test_the_one_called_on_stays_the_question_when_she_does_it(analyse: Analyse) -> None:
    event = analyse(
        ("Northern Ledger", LEAD + "Senator Mara Holt and Councillor Bea Marsh called on Gov. "
         "Ilse Varga to veto the harbour bill. The port workers' union also called for a veto."),
        ("Coastal Times", LEAD + "Gov. Ilse Varga announced her decision to veto the harbour "
         "bill on Wednesday that would have let the board raise fees. \"Our opponents have "
         "employed a scare tactic,\" said Pieter Dahl, who drafted the harbour bill."),
    )
    d = next(d for d in event.disputes if d.kind == "appeal")
    assert d.question == "Should Ilse Varga veto the harbour bill?"
