"""Owners (extract/event/disputes/owners.py): whose document a response answers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.extract.event.disputes.holders import HolderIndex
from rashomon.extract.event.disputes.owners import document_owners, owner_of
from rashomon.extract.event.disputes.propositions import build_propositions
from rashomon.extract.event.disputes.responses import detect_responses
from rashomon.model import EventDoc

Analyse = Callable[..., EventDoc]

CASES = [
    # (text, document group, author or None)
    ("The Harbour Authority filed a lawsuit on Monday against the city of Vell.",
     "suit", "Harbour Authority"),
    ("Mara Holt and Pieter Dunn filed a complaint against the ferry company.",
     "suit", "Mara Holt and Pieter Dunn"),
    ("On Monday a report by the Harbour Authority found the dock unsafe.", "report",
     "Harbour Authority"),
    ("The levy vote is on Friday. Senator Pieter Dunn will run again, he said. Dunn's new "
     "advertisement ran on Tuesday night.", "ad", "Pieter Dunn"),
    ("The dock was shut on Monday. The Harbour Authority report found the dock unsafe.",
     "report", "Harbour Authority"),
    # An inquiry is someone's too: whoever runs it.
    ("The dock fees are under a Harbour Authority investigation that began in May.",
     "inquiry", "Harbour Authority"),
    ("The Harbour Authority opened a probe into the ferry company on Monday.", "inquiry",
     "Harbour Authority"),
    # Its own: an answer to the document, not the document.
    ("The Harbour Authority issued its own report on the dock.", "report", None),
    # Said of the document, not made: no author.
    ("Pieter Dunn said the report was wrong.", "report", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "group", "author"), CASES)
def test_who_made_a_document(analyse: Analyse, text: str, group: str,
                             author: str | None) -> None:
    event = analyse(("Northern Ledger", text))
    owners = document_owners(event, HolderIndex(event))
    assert owners.get(group) == author


def test_owner_of_a_target_noun() -> None:
    owners = {"suit": "Harbour Authority"}
    assert owner_of("lawsuit", owners) == "Harbour Authority"
    assert owner_of("the challenge", owners) == "Harbour Authority"
    assert owner_of("report", owners) is None


@pytest.mark.model
def test_a_response_to_the_suit_answers_whoever_filed_it(analyse: Analyse) -> None:
    event = analyse(
        ("Northern Ledger", "The Harbour Authority filed a lawsuit against the city of Vell on "
                            "Monday, saying the new levy was illegal."),
        ("Coastal Times", "The city of Vell will fight the levy case in court. Mayor Ilse Varga "
                          "said the suit was without merit."),
    )
    holders = HolderIndex(event)
    props = build_propositions(event, holders)
    answers = [r for r in detect_responses(event, props, holders) if r.target is not None
               and props[r.prop].holder == "Ilse Varga"]
    assert answers, "the mayor's answer is a response"
    target = answers[0].target
    assert target is not None and (target.holder, target.owned) == ("Harbour Authority", True)
