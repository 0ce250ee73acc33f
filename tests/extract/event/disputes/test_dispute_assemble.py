"""Whole disputes (extract/event/disputes/assemble.py) from events we write, through the whole
default pipeline: the general shapes of a dispute, each one event."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.model import Dispute, EventDoc, Side
from rashomon.registry import registry

Analyse = Callable[..., EventDoc]

LEAD = ("The harbour of Varnholm has been at the centre of a long quarrel over fees, jobs and the "
        "future of the old docks, and the city council is expected to vote next month.\n\n")

# X says P; Y disputes P by name; others side with each.
CLAIM_AND_DENIAL = (
    ("Northern Ledger", LEAD + "Senator Mara Holt said the port levy was illegal and should be "
     "scrapped. \"This levy breaks the harbour law,\" Holt said on Tuesday.\n\nThe levy raised "
     "eleven million last year, according to the council."),
    ("Coastal Times", LEAD + "The Harbour Authority disputed claims by Senator Mara Holt that "
     "the levy was illegal. \"The levy is fully lawful,\" said Pieter Dunn, the chairman of the "
     "Harbour Authority.\n\nCritics say the levy is illegal and unfair to small traders."),
    ("Harbour Voice", LEAD + "Pieter Dunn, chairman of the Harbour Authority, rejected the "
     "senator's claim that the levy was illegal, calling it a political stunt.\n\nDock workers "
     "said they had not been consulted."),
)

# X accuses Y; Y dismisses it.
ACCUSATION = (
    ("Northern Ledger", LEAD + "Councillor Bea Marsh accused the ferry operator Brandt Lines of "
     "hiding safety reports from inspectors. \"They kept the reports in a drawer,\" she said."),
    ("Coastal Times", LEAD + "Brandt Lines dismissed the accusation as baseless. \"Every report "
     "was sent to the inspectors on time,\" said Otto Brandt, the company's chief executive."),
)


def _side(d: Dispute, holder: str) -> Side:
    # The side a holder is on ("Bea Marsh" is on the side of "Councillor Bea Marsh").
    return next(s for s in d.sides if any(holder in h for h in s.holders))


def _text(event: EventDoc, side: Side) -> str:
    return " ".join(event.doc(e.article_id).text[e.span.start:e.span.end] for e in side.evidence)


@pytest.mark.model
def test_a_claim_and_its_denial_are_one_dispute_across_outlets(analyse: Analyse) -> None:
    event = analyse(*CLAIM_AND_DENIAL)
    d = next(d for d in event.disputes if "levy" in d.question.lower())
    assert d.kind == "explicit"
    illegal, lawful = _side(d, "Mara Holt"), _side(d, "Pieter Dunn")
    assert illegal is not lawful
    assert "Critics" in illegal.holders  # "critics say the levy is illegal": Holt's side
    # "the chairman of the Harbour Authority" speaks for it: shown with it.
    assert {"Harbour Authority", "Pieter Dunn (Harbour Authority)"} <= set(lawful.holders)
    assert "Mara Holt" not in lawful.holders  # the accused is never the answer's holder
    assert "illegal" in _text(event, illegal) and "lawful" in _text(event, lawful)
    assert {"Coastal Times", "Harbour Voice"} <= set(lawful.outlets)
    assert dict(d.outlet_stances).keys() == {"Northern Ledger", "Coastal Times", "Harbour Voice"}
    # One dispute per question: the other outlets' wordings of it are not disputes of their own.
    assert sum("levy" in x.question.lower() and "illegal" in x.question.lower()
               for x in event.disputes) == 1


@pytest.mark.model
def test_an_accusation_and_its_dismissal(analyse: Analyse) -> None:
    event = analyse(*ACCUSATION)
    assert event.disputes, "no dispute"
    d = event.disputes[0]
    assert d.question == (
        "Was the ferry operator Brandt Lines hiding safety reports from inspectors?")
    accuser, accused = _side(d, "Bea Marsh"), _side(d, "Brandt Lines")
    assert accuser is not accused
    # Its chief speaking right after the dismissal goes on with the company's side.
    assert "Otto Brandt" in accused.holders
    assert "Brandt Lines" not in accuser.holders  # the accused holds no part of the charge


@pytest.mark.model
def test_a_quarrel_one_outlet_reports_between_two_people_is_noise(analyse: Analyse) -> None:
    event = analyse(("Northern Ledger", LEAD + "Ann Voss said the new bus lane was too narrow. "
                     "Her neighbour Tim Roe denied that the lane was too narrow."))
    assert [d for d in event.disputes if d.kind != "number"] == []


def test_stage_registered_with_its_options() -> None:
    info = registry.get("disputes.v1")
    assert "disputes" in info.produces
    stage = info.factory(limit=3, join=0.7)
    assert callable(stage)


@pytest.mark.parametrize(("holder", "is_named"), [
    ("Darrell Issa", True),
    ("AARP spokeswoman", True),
    ("Republicans", True),
    ("critics", True),
    ("some local officers", True),
    ("claims", False),
    ("suggestion", False),
    ("reports", False),
])
def test_a_side_needs_a_named_holder(holder: str, is_named: bool) -> None:
    from rashomon.extract.event.disputes.assemble import named

    assert named(holder) is is_named


def _figure_dispute(*holders: tuple[str, ...]) -> Dispute:
    sides = tuple(Side(position=str(k), holders=h, outlets=("Ledger",), evidence=())
                  for k, h in enumerate(holders))
    return Dispute(id="d", question="How many people were hurt?", kind="number", score=1.0,
                   sides=sides)


@pytest.mark.parametrize(("holders", "one"), [
    ((("Asa Hutchinson",), ("Hutchinson",)), True),  # one source's two counts
    ((("Asa Hutchinson",), ("Asa Hutchinson",), ()), True),
    ((("Mara Holt",), ("Pieter Dunn",)), False),  # rivals
    ((("Mara Holt",), ("Mara Holt", "Pieter Dunn")), False),  # a revision and a rival
    ((("Harbour Authority",), ("Harbour Authority", "Coast Guard"), ()), False),
    ((("Mara Holt",), ()), False),
])
def test_figures_of_one_authority_are_no_dispute(holders: tuple[tuple[str, ...], ...],
                                                 one: bool) -> None:
    from rashomon.extract.event.disputes.figures import one_authority

    assert one_authority(_figure_dispute(*holders)) is one


# A spokesman and the senator he speaks for: one side, whatever their wording.
ONE_SIDE = (
    ("Northern Ledger", LEAD + "Senator Mara Holt said the port levy was lawful and should stay. "
     "\"This levy follows the harbour law,\" Holt said on Tuesday."),
    ("Coastal Times", LEAD + "Pieter Dunn, a spokesman for Senator Holt, said the port levy was "
     "not lawful in its current form and would be rewritten."),
    ("Harbour Voice", LEAD + "The harbour board said the levy raised eleven million last year."),
)


@pytest.mark.model
def test_a_spokesman_and_the_one_he_speaks_for_are_no_dispute(analyse: Analyse) -> None:
    event = analyse(*ONE_SIDE)
    assert not [d for d in event.disputes
                if any("Mara Holt" in h for s in d.sides for h in s.holders)
                and any("Pieter Dunn" in h for s in d.sides for h in s.holders)]
