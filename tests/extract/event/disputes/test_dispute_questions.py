"""Questions and positions (extract/event/disputes/questions.py)."""

from __future__ import annotations

import pytest

from rashomon.extract.event.disputes.questions import about, askable, is_clause, position, question


@pytest.mark.parametrize(("claim", "asked"), [
    ("that the conversations might be illegal or improper",
     "Might the conversations be illegal or improper?"),
    ("AARP has not changed its position on Social Security.",
     "Has AARP changed its position on Social Security?"),  # asks the claim, not its negation
    ("Obama has cut $716 billion from Medicare", "Has Obama cut $716 billion from Medicare?"),
    ("Colorado's legalization is unconstitutional under federal law",
     "Is Colorado's legalization unconstitutional under federal law?"),
    ("he sent the photo himself", "Is it true that he sent the photo himself?"),
    # "I" opens a clause whose verb is not the auxiliary: no inversion.
    ("I know the pain the family is going through",
     "Is it true that I know the pain the family is going through?"),
    # A statement that only names a claim asks the claim itself.
    ("accusations that she had misled the council in earlier testimony",
     "Had she misled the council in earlier testimony?"),
    ("Republican claims that the harbour levy was illegal", "Was the harbour levy illegal?"),
    # "have" as the verb itself asks with "do"; as an auxiliary it moves to the front.
    ("the mayor has real doubts about the harbour accounts",
     "Does the mayor have real doubts about the harbour accounts?"),
    ("the clerk had ever hidden the accounts", "Had the clerk ever hidden the accounts?"),
    ("the port has one berth left", "Does the port have one berth left?"),
    # An aside that answers the statement is no part of the question.
    ("the clerk hid the harbour accounts, a claim the harbour board denies",
     "Is it true that the clerk hid the harbour accounts?"),
    # A quotation the statement's span leaves open is closed.
    ("the clerk had \u201cserved in the harbour guard",
     "Had the clerk \u201cserved in the harbour guard\u201d?"),
    # A verb after "to" is no auxiliary; a statement cut short loses its dangling "and"; a
    # statement that was a question is asked once.
    ("the unions needed to do more to keep the port open",
     "Is it true that the unions needed to do more to keep the port open?"),
    ("the board will \"repudiate the toll increase and",
     "Will the board \"repudiate the toll increase\"?"),
    ("the harbour levy was higher than the national average?",
     "Was the harbour levy higher than the national average?"),
    # A sentence's capital is not the question's.
    ("The report omits key facts about the harbour levy",
     "Is it true that the report omits key facts about the harbour levy?"),
])
def test_question_from_the_disputed_statement(claim: str, asked: str) -> None:
    assert question(claim) == asked


@pytest.mark.parametrize(("claim", "speaker", "asked"), [
    # "it" in "it was possible that ..." stands for the clause, not for the speaker.
    ("it was possible that the port could refute the claims at a trial", "Ruth Vane",
     "Was it possible that the port could refute the claims at a trial?"),
    ("it had warned the port two weeks before", "the United States",
     "Had the United States warned the port two weeks before?"),
    # "they" is a body's, never one person's.
    ("they were using loaded terms in the letters", "Lois Vane",
     "Were they using loaded terms in the letters?"),
    ("they were using loaded terms in the letters", "the harbour board",
     "Were the harbour board using loaded terms in the letters?"),
])
def test_a_pronoun_subject_is_the_speaker_only_where_it_can_be(
        claim: str, speaker: str, asked: str) -> None:
    assert question(claim, speaker) == asked


@pytest.mark.parametrize(("text", "clause"), [
    ("a report in the New York Times", False),
    ("racist elements in the movement", False),
    ("the lawsuit was without merit", True),
    ("Obama cut $716 billion from Medicare", True),
    ("to push back on claims by Democrats and Republicans", False),
    ("how genuine his presidential ambition is", False),
    ("will go a long way to making the schools safer", False),
    ("are informed by the company about how to use that discretion", False),
    ("We're the ones who are offering a plan to save the port", False),
])
def test_is_clause(text: str, clause: bool) -> None:
    assert is_clause(text) is clause


def test_about_names_the_subject_only_when_the_question_does_not() -> None:
    assert about("Might the talks be illegal?", ["Joe Sestak"]) == (
        "On Joe Sestak: might the talks be illegal?")
    assert about("Did Sestak take the job?", ["Joe Sestak"]) == "Did Sestak take the job?"
    assert about("Was it lawful?", []) == "Was it lawful?"
    # A question that names something already needs no lead ("On Capitol and House: ...").
    assert about("Had the clerk's Twitter account been hacked?", ["Capitol", "House"]) == (
        "Had the clerk's Twitter account been hacked?")


def test_position_is_the_statement_shortened_at_a_clause() -> None:
    long = ("the offer was illegal, according to the senator, because it traded a post for a "
            "withdrawal from a primary race that the party wanted to avoid at any cost in the fall")
    got = position(long, max_words=12)
    assert got.startswith("the offer was illegal") and got.endswith("\u2026")
    assert len(got.split()) <= 12


@pytest.mark.parametrize(("content", "asked"), [
    ("the ferry operator Brandt Lines of hiding safety reports from inspectors",
     "Was the ferry operator Brandt Lines hiding safety reports from inspectors?"),
    ("AARP of effectively abandoning its core constituency",
     "Was AARP effectively abandoning its core constituency?"),
])
def test_an_accusation_asks_whether_the_accused_did_it(content: str, asked: str) -> None:
    assert question(content) == asked
    assert is_clause(content)


def test_a_pronoun_subject_of_reported_speech_is_its_speaker() -> None:
    assert question("it had warned Russia two weeks before", "the United States") == (
        "Had the United States warned Russia two weeks before?")
    assert question("the report had warned Russia", "the United States") == (
        "Had the report warned Russia?")


@pytest.mark.parametrize(("texts", "ok"), [
    (["what some have said", "what some have said"], False),  # a denial of "what some said"
    (["a report in the Northern Ledger", "to push back on claims"], False),
    (["not hard to meet", "the levy was illegal"], True),  # one clause is enough
    ([], False),
])
def test_askable(texts: list[str], ok: bool) -> None:
    assert askable(texts) is ok
