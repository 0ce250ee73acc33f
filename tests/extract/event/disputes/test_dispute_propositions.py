"""Propositions (extract/event/disputes/propositions.py) on sentences we write, parsed for real."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.extract.event.disputes.holders import HolderIndex
from rashomon.extract.event.disputes.propositions import (
    Proposition,
    build_propositions,
    content_words,
    modality,
    negated,
    stem,
)
from rashomon.model import EventDoc

Analyse = Callable[..., EventDoc]

LEDGER = ("Senator Mara Holt said the port levy was illegal. "
          "The harbour board said the levy could not be cancelled this year. "
          "Officials, who asked not to be named, said the budget should be cut. "
          "Ilsa Vorn, a spokeswoman for the Harbour Authority, said the port will reopen on "
          "Friday. "
          "The levy raised eleven million last year. "
          "Grant Ferrow said many speculated that the board offered to halve the levy. "
          "Pieter Dunn did not believe the levy merited a federal inquiry.")


def _props(analyse: Analyse) -> list[Proposition]:
    event = analyse(("Northern Ledger", LEDGER))
    return build_propositions(event, HolderIndex(event))


@pytest.mark.model
@pytest.mark.parametrize(("words", "holder", "kind", "neg", "mode"), [
    ("the port levy was illegal", "Mara Holt", "person", False, "is"),
    ("the levy could not be cancelled", "harbour board", "group", True, "can"),
    ("the budget should be cut", "Officials", "anonymous", False, "should"),
    ("the port will reopen on Friday", "Ilsa Vorn", "person", False, "will"),
    # The outlet's own voice: the outlet holds it.
    ("The levy raised eleven million", "Northern Ledger", "outlet", False, "is"),
    # A belief its speaker does not hold is held negated.
    ("the levy merited a federal inquiry", "Pieter Dunn", "person", True, "is"),
])
def test_every_statement_has_its_holder_polarity_and_modality(
        analyse: Analyse, words: str, holder: str, kind: str, neg: bool, mode: str) -> None:
    found = [p for p in _props(analyse) if words in p.text]
    assert found, f"no proposition for {words!r}"
    p = found[0]
    assert (p.holder, p.holder_kind, p.negated, p.modality) == (holder, kind, neg, mode)
    doc_text = LEDGER
    assert words in doc_text[p.span.start:p.span.end]


@pytest.mark.model
def test_a_nested_act_is_not_a_statement_of_its_own(analyse: Analyse) -> None:
    # "the board offered to halve the levy" inside someone's speculation is not the board's.
    props = _props(analyse)
    assert not any(p.cue == "offered" for p in props)
    assert any("speculated" in p.text or p.cue == "speculated" for p in props)


@pytest.mark.parametrize(("text", "neg", "mode"), [
    ("There was no such impropriety", True, "is"),
    ("nothing improper took place", True, "is"),
    ("the savings do not cut a single benefit", True, "is"),
    ("AARP hasn't changed its position", True, "is"),
    ("the prosecutor can be impartial", False, "can"),
    ("she ought to stand here and answer our questions", False, "should"),
    ("the levy might be illegal", False, "may"),
    ("the company would restore the funding", False, "will"),
])
def test_polarity_and_modality_from_the_words(text: str, neg: bool, mode: str) -> None:
    assert (negated(text), modality(text)) == (neg, mode)


@pytest.mark.parametrize(("word", "stemmed"), [
    ("denied", "deny"), ("claims", "claim"), ("legally", "legal"), ("studies", "study"),
    ("cuts", "cut"), ("AARP's", "aarp"),
])
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_content_words_leave_out_stop_words_and_short_words() -> None:
    assert content_words("The suit is without merit, he said") == {"suit", "merit"}


@pytest.mark.model
def test_a_refusal_to_comment_is_no_proposition(analyse: Analyse) -> None:
    event = analyse(("Northern Ledger", "Senator Mara Holt said the port levy was illegal. "
                                        "Pieter Dunn, the harbour master, would not comment on "
                                        "the levy, his office said. Councillor Ann Kolb "
                                        "declined to comment on the levy. A port spokesman "
                                        "said he could not confirm, deny or comment on the "
                                        "levy."))
    texts = [p.text for p in build_propositions(event, HolderIndex(event))]
    assert any("levy was illegal" in t for t in texts)
    assert not any("comment" in t for t in texts), texts


@pytest.mark.model
def test_each_signatory_of_a_joint_statement_holds_it(analyse: Analyse) -> None:
    text = ("Five former state senators urged Ann Cole to step aside on Tuesday.\n\n"
            '"The right decision is to step aside," they said. The statement came from Sen. '
            "Ben Hall and former Sens. Tom Reyes, Maria Soto and Paul Grant.")
    event = analyse(("Northern Ledger", text))
    held = {p.holder for p in build_propositions(event, HolderIndex(event))
            if "right decision" in p.text}
    assert {"Ben Hall", "Tom Reyes", "Maria Soto", "Paul Grant"} <= held


@pytest.mark.model
def test_a_group_no_sentence_names_holds_alone(analyse: Analyse) -> None:
    # "The company came from ..." names no document: no one else holds the group's words.
    text = ('Five senators urged Ann Cole to step aside. "The right decision is to step '
            'aside," they said. The company came from Tom Reyes and Maria Soto.')
    event = analyse(("Northern Ledger", text))
    held = {p.holder for p in build_propositions(event, HolderIndex(event))
            if "right decision" in p.text}
    assert held and not {"Tom Reyes", "Maria Soto"} & held
