"""Responses (extract/event/disputes/responses.py): answers and the claims they answer."""

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
)
from rashomon.extract.event.disputes.responses import (
    Response,
    appositive_answers,
    detect_responses,
    label_of,
    link_responses,
    response_kind,
)
from rashomon.model import EventDoc, Span

Analyse = Callable[..., EventDoc]

# One sentence per case: (text, words of the answering statement, kind, target holder,
# target words). Kind None: the statement answers no one.
CASES = [
    ("The Harbour Authority disputed claims by Senator Mara Holt that the levy was illegal.",
     "the levy was illegal", "cue", "Mara Holt", "the levy was illegal"),
    # A place after the claim's author ("claims by X in Congress that ...").
    ("The port union disputed claims by Councillor Ann Kolb in Vell that the harbour levy was "
     "legal.", "harbour levy was legal", "cue", "Councillor Ann Kolb",
     "the harbour levy was legal"),
    ("Pieter Dunn called the report in the Coastal Times an outrageous distortion.",
     "an outrageous distortion", "label", "Coastal Times", "the report in the Coastal Times"),
    ("Mayor Lena Ito said the lawsuit is without merit.", "without merit", "phrase", None, None),
    ("A union spokeswoman said its position has not changed.", "has not changed", "phrase",
     None, None),
    ("Ravi Sen said those are savings, not cuts.", "savings, not cuts", "recast", None, None),
    ("Councillor Bea Marsh denied that she had leaked the memo.", "she had leaked the memo",
     "cue", None, "she had leaked the memo"),
    ("Ms. Marsh questioned the report on the harbour accounts.", "the harbour accounts", "cue",
     None, None),
    # Not answers: an intention, a negated denial, an attack on a law, a plain statement.
    ("Governor Alma Reyes vowed to defend the harbour charter.", "harbour charter", None, None,
     None),
    ("The statement does not deny that the union is open to cuts.", "open to cuts", None,
     None, None),
    ("Ms. Marsh challenged the new parking law.", "parking law", None, None, None),
    ("Senator Mara Holt said the port will reopen on Friday.", "reopen", None, None, None),
    # Criticism of a named statement answers it; criticism of a law does not.
    ("Councillor Bea Marsh criticized the study as a waste of the harbour's money.",
     "waste of the harbour", "cue", None, None),
    ("Councillor Bea Marsh criticized the new harbour tax.", "harbour tax", None, None, None),
    # A refusal to comment and an offer turned down deny no one's statement.
    ("A spokesman for the harbour police said he could not confirm, deny or comment on the "
     "inquiry.", "comment on the inquiry", None, None, None),
    ("Councillor Tom Reed rejected the overture and stayed in the race.", "overture", None,
     None, None),
    ("Councillor Tom Reed rejected claims that he had been offered a post.", "offered a post",
     "cue", None, "he had been offered a post"),
    # The verdict closing a statement is said of the claims, not part of them.
    ("Trader Ann Kolb said claims that the fishermen had hidden their catch were false.",
     "hidden their catch", "phrase", None, "the fishermen had hidden their catch"),
]


@pytest.fixture(scope="module")
def found(analyse: Analyse) -> tuple[EventDoc, list[Response], list[str]]:
    event = analyse(("Northern Ledger", "\n\n".join(text for text, *_rest in CASES)))
    props = build_propositions(event, HolderIndex(event))
    texts = [p.text for p in props]
    return event, detect_responses(event, props, HolderIndex(event)), texts


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "kind", "holder", "target"), CASES)
def test_responses_and_what_they_name(
        found: tuple[EventDoc, list[Response], list[str]], text: str, words: str,
        kind: str | None, holder: str | None, target: str | None) -> None:
    event, responses, texts = found
    hits = [r for r in responses if words in texts[r.prop]]
    if kind is None:
        assert hits == [], [texts[r.prop] for r in hits]
        return
    assert hits, f"no response found in {text!r}"
    r = hits[0]
    assert r.kind == kind
    if target is None:
        return
    assert r.target is not None and r.target.text == target
    assert r.target.holder == holder


@pytest.mark.parametrize(("text", "label"), [
    ("the episode as a prank", "prank"),
    ("the report as just a partisan stunt", "stunt"),
    ("the claims as baseless", "baseless"),
    ("the suit was without merit", None),  # no label named
])
def test_the_label_a_response_gives(text: str, label: str | None) -> None:
    assert label_of(text) == label


@pytest.mark.model
def test_a_label_response_does_not_answer_a_statement_that_uses_its_label(
        analyse: Analyse) -> None:
    lead = ("The harbour of Varnholm has been at the centre of a long quarrel over fees, jobs "
            "and the old docks, and the city council is expected to vote next month.\n\n")
    event = analyse(
        ("Northern Ledger", lead + "A fake notice appeared on the harbour master's page. "
         "\"It was a prank,\" harbour master Olaf Berg said on Tuesday. Harbour clerk Pieter "
         "Dahl dismissed the notice as a prank."),
        ("Coastal Times", lead + "A fake notice appeared on the harbour master's page."),
    )
    holders = HolderIndex(event)
    props = build_propositions(event, holders)
    found = detect_responses(event, props, holders)
    # Every statement is alike here: only the label keeps the answer off "It was a prank".
    linked = link_responses(found, props, lambda i, j: 0.9)
    (dismissal,) = [r for r in linked if "as a prank" in props[r.prop].text]
    assert dismissal.claim is None or "prank" not in props[dismissal.claim].text


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "answered"), [
    # Equally alike statements: the verdict goes to the party it names, not the last speaker.
    ("Trader Ann Kolb said the fishermen had been treated unfairly for years. Harbour clerk "
     "Pieter Dahl said the docks must close by June. Mayor Lena Ito told the Ledger that Pieter "
     "Dahl trying to close the docks is \"outrageous.\"", "outrageous", "Pieter Dahl"),
    # ... or the one a pronoun points back to.
    ("Trader Ann Kolb said the fishermen had been treated unfairly for years. Harbour clerk "
     "Lena Ito said the accounts had been kept in good order. Councillor Pieter Dahl called "
     "her answer evasive.", "evasive", "Lena Ito"),
])
def test_a_verdict_answers_the_party_it_is_passed_on(analyse: Analyse, text: str, word: str,
                                                     answered: str) -> None:
    lead = ("The harbour of Varnholm has been at the centre of a long quarrel over fees, jobs "
            "and the old docks, and the city council is expected to vote next month.\n\n")
    event = analyse(("Northern Ledger", lead + text),
                    ("Coastal Times", lead + "The docks may close."))
    holders = HolderIndex(event)
    props = build_propositions(event, holders)
    found = detect_responses(event, props, holders)
    linked = link_responses(found, props, lambda i, j: 0.9)
    (verdict,) = [r for r in linked if word in props[r.prop].text]
    assert verdict.claim is not None
    assert str(props[verdict.claim].holder).endswith(answered)


@pytest.mark.parametrize(("cue", "text", "kind"), [
    ("may soon be dismissed", "a pending lawsuit against the harbour board", None),  # passive
    ("dismissed", "the lawsuit against the harbour board", "cue"),
    # A passive cue may still carry a rebuttal in its words.
    ("were echoed", "the bill has been mischaracterized by its opponents", "phrase"),
])
def test_a_passive_cue_is_no_answer_of_its_own(cue: str, text: str, kind: str | None) -> None:
    p = Proposition(index=0, id=text, article_id="a", outlet="o", sentence=0,
                    span=Span(0, len(text)), frame=Span(0, len(text)), text=text, cue=cue,
                    holder="Mara Holt", holder_kind="person", voice="attributed",
                    negated=negated(text), modality=modality(text), entities=frozenset(),
                    words=content_words(text))
    assert response_kind(p) == kind


@pytest.mark.model
def test_an_aside_answers_the_statement_it_closes(analyse: Analyse) -> None:
    event = analyse(("Northern Ledger", "The harbour levy was debated on Monday. Councillors "
                                        "argued that by signing the contract, she had given up "
                                        "her right to the fees and could be compelled to repay "
                                        "them, a contention Ms. Holt\u2019s lawyer disputed."))
    holders = HolderIndex(event)
    props = build_propositions(event, holders)
    asides, answers = appositive_answers(event, props, holders, len(props))
    (aside,) = asides
    (answer,) = answers
    assert aside.holder is not None and "lawyer" in aside.holder
    assert answer.prop == aside.index and answer.claim is not None
    claim = props[answer.claim]
    assert claim.holder == "Councillors" and "given up her right" in claim.text
    assert event.doc(aside.article_id).text[aside.span.start:aside.span.end] == (
        "contention Ms. Holt\u2019s lawyer disputed")
