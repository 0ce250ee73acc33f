"""Holders (extract/event/disputes/holders.py): who holds a position, as the event names it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.extract.event.disputes.holders import (
    HolderIndex,
    affiliation,
    clean_phrase,
    good_holder,
    head_noun,
    holder_matches,
    patron,
    same_holder,
    shown,
)
from rashomon.extract.event.disputes.propositions import build_propositions
from rashomon.model import EventDoc

Analyse = Callable[..., EventDoc]


@pytest.mark.parametrize(("phrase", "good"), [
    ("Jon Bruning", True),
    ("critics", True),
    ("some local law-enforcement officers", True),
    ("opponents of the bill", True),
    ("AARP spokeswoman", True),
    ("Marijuana Policy Project", True),
    ("executive from Apple Inc.", True),  # one of the plural heads, in the singular
    ("Some Republican senators", True),  # people by role, any role noun
    ("lawmakers", True),
    ("his", False),  # a possessive alone names no one
    ("their", False),
    ("he", False),
    ("who", False),
    ("the report", False),  # a document is argued over; it argues nothing
    ("a memo", False),
    ("Friday", False),
    ("day before the US Embassy in Moscow", False),
    ("of the people", False),
    ("handling of last September", False),
    ("64 percent", False),
    ("R-Texas", False),  # the party tag after a name
    ("D-N.Y.", False),
    ("Dr. Ann Cole", True),
    ("Democrats", True),
])
def test_good_holder(phrase: str, good: bool) -> None:
    assert good_holder(phrase) is good


@pytest.mark.parametrize(("phrase", "clean"), [
    ("Government officials, who asked not to be identified", "Government officials"),
    ("an AARP spokeswoman", "AARP spokeswoman"),
    ("AARP, the powerful lobby for older Americans", "AARP"),
    ("the White House", "White House"),
])
def test_clean_phrase(phrase: str, clean: str) -> None:
    assert clean_phrase(phrase) == clean


@pytest.mark.parametrize(("a", "b", "same", "matches"), [
    ("The New York Times", "New York Times", True, True),
    ("Nebraska", "Nebraska and Oklahoma", False, True),
    ("states of Nebraska and Oklahoma", "Nebraska and Oklahoma", False, True),
    ("Oklahoma", "Nebraska", False, False),
    ("US", "USA Today", False, False),
])
def test_same_holder_and_holder_matches(a: str, b: str, same: bool, matches: bool) -> None:
    assert (same_holder(a, b), holder_matches(a, b)) == (same, matches)


@pytest.mark.parametrize(("phrase", "head"), [
    ("opponents of the bill", "opponents"), ("Tea Party critics", "critics"),
    ("sheriffs in bordering states", "sheriffs"),
])
def test_head_noun(phrase: str, head: str) -> None:
    assert head_noun(phrase) == head


@pytest.mark.model
def test_a_person_speaks_for_the_organisation_of_their_role(analyse: Analyse) -> None:
    event = analyse(("Northern Ledger",
                     "The Harbour Authority said the levy was lawful. Harbour Authority "
                     "chairman Pieter Dunn said the senator was wrong. An Authority spokeswoman "
                     "said the port would reopen. Senator Mara Holt disagreed."))
    index = HolderIndex(event)
    assert affiliation(index, "Pieter Dunn") == "Harbour Authority"
    assert affiliation(index, "Harbour Authority") == "Harbour Authority"
    assert affiliation(index, "Mara Holt") is None


@pytest.mark.model
@pytest.mark.parametrize(("holder", "seen"), [
    ("Nora Fell", "Nora Fell (Harbour Workers Union)"),  # "president of the ... Union"
    ("Otto Brandt", "Otto Brandt (Brandt Lines)"),  # "chairman and chief executive of"
    ("Ann Cole", "Ann Cole"),  # "Secretary of State": an office's title
    ("Betty Lane", "Betty Lane"),  # "a Brandt Lines greeter" does not speak for it
])
def test_a_leader_or_spokesperson_is_shown_with_the_body_they_speak_for(
        analyse: Analyse, holder: str, seen: str) -> None:
    event = analyse(("Northern Ledger",
                     "Nora Fell, president of the Harbour Workers Union, said the levy was "
                     "illegal. Otto Brandt, chairman and chief executive of Brandt Lines, said "
                     "the port must close. Secretary of State Ann Cole said the vote was fair. "
                     "Betty Lane, a Brandt Lines greeter, said the levy was lawful."))
    assert shown(HolderIndex(event), holder) == seen


@pytest.mark.model
@pytest.mark.parametrize(("holder", "principal"), [
    ("Pieter Dunn", "Mara Holt"),  # "a spokesman for Senator Holt"
    ("Holt campaign", "Mara Holt"),
    ("Ilse Varga", None),  # "a critic of Senator Holt" serves no one
])
def test_a_holder_speaks_for_the_person_it_serves(analyse: Analyse, holder: str,
                                                   principal: str | None) -> None:
    event = analyse(("Northern Ledger",
                     "Senator Mara Holt said the levy was illegal. Pieter Dunn, a spokesman "
                     "for Senator Holt, said the port must close. The Holt campaign said the "
                     "vote was rigged. Ilse Varga, a critic of Senator Holt, said the levy was "
                     "lawful."))
    index = HolderIndex(event)
    assert patron(index, holder) == principal


@pytest.mark.model
def test_short_outlet_names_and_possessed_speakers(analyse: Analyse) -> None:
    event = analyse(
        ("Coastal Times", "Senator Mara Holt spoke in Vell on Monday about the harbour. Her "
                          "campaign said the levy was illegal, and the senator agreed."),
        ("Northern Ledger", "The harbour levy was debated again. The Times reported that the "
                            "levy was lawful, Pieter Dunn said. The Harbour Watch Alliance, a "
                            "pressure group, ran an advertisement on Tuesday. The group said "
                            "the levy would ruin the port."),
    )
    index = HolderIndex(event)
    assert index.canonical("the Times") == "Coastal Times"
    assert index.canonical("the Ledger") == "Northern Ledger"
    holders = {p.holder for p in build_propositions(event, index)}
    assert "Mara Holt's campaign" in holders
    assert "Harbour Watch Alliance" in holders and "group" not in holders


@pytest.mark.model
@pytest.mark.parametrize(("text", "holders"), [
    ("The harbour levy was debated on Monday. Senators Mara Holt and Pieter Dunn said the "
     "levy was illegal and must go.", {"Mara Holt", "Pieter Dunn"}),
    # "X, along with Attorney General Y": both speak, whatever title stands between.
    ("The harbour levy was debated on Monday. Senator Mara Holt spoke first. Holt, along "
     "with Attorney General Pieter Dunn, argued that the levy was illegal and must go.",
     {"Mara Holt", "Pieter Dunn"}),
    # "a lawyer for X and Y" lists no speakers: one holder.
    ("The harbour levy was debated on Monday. Ilse Varga, a lawyer for Senator Mara Holt, said "
     "the levy was illegal and must go.", {"Ilse Varga"}),
])
def test_every_speaker_of_a_joint_statement_holds_it(analyse: Analyse, text: str,
                                                     holders: set[str]) -> None:
    event = analyse(("Northern Ledger", text))
    props = build_propositions(event, HolderIndex(event))
    held = {p.holder for p in props if p.voice == "attributed" and "illegal" in p.text}
    assert held == holders


@pytest.mark.model
def test_a_role_speaker_named_soon_after_is_that_person(analyse: Analyse) -> None:
    event = analyse(
        ("Coastal Times", "The port official denied on Wednesday that she had ever hidden the "
                          "accounts from the council.\n\nAs the official, Lena Marsh, appeared "
                          "before the council, she said she had done nothing wrong.\n\nThe "
                          "port spokesman said the fees would be repaid."),
    )
    index = HolderIndex(event)
    by_text = {p.text: p.holder for p in build_propositions(event, index)}
    denial = next(h for t, h in by_text.items() if "hidden the accounts" in t)
    assert denial == "Lena Marsh"
    # A role never named stays what the text calls it.
    repaid = next(h for t, h in by_text.items() if "repaid" in t)
    assert repaid is None or "Marsh" not in str(repaid)


@pytest.mark.model
def test_her_lawyer_speaks_for_her(analyse: Analyse) -> None:
    event = analyse(
        ("Coastal Times", "Harbour clerk Lena Marsh appeared before the council on Monday. Her "
                          "lawyer, Pieter Dunn, said she would not testify.\n\nCouncillor Ann "
                          "Kolb said the inquiry would go on. After reporter Ona Brandt filed "
                          "her report, Kolb left the hall."),
    )
    index = HolderIndex(event)
    assert patron(index, "Pieter Dunn") == "Lena Marsh"
    # "her report, Kolb": a report is no role held for anyone.
    assert patron(index, "Ann Kolb") is None


@pytest.mark.model
@pytest.mark.parametrize(("words", "holder"), [
    ("the levy was a tax on fishermen", "Republicans"),  # not the adjective "Republican"
    ("the port would close", "Lusovian media"),  # the people only qualifies the media
])
def test_a_people_speaks_in_the_plural_and_qualifies_what_it_modifies(
        analyse: Analyse, words: str, holder: str) -> None:
    event = analyse(("Northern Ledger",
                     "A Republican senator opposed the levy. Republicans said the levy was a tax "
                     "on fishermen. Lusovian media said the port would close."))
    props = [p for p in build_propositions(event, HolderIndex(event)) if words in p.text]
    assert props and props[0].holder == holder
