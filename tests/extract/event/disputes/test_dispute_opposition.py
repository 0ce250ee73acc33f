"""Opposition rules (extract/event/disputes/opposition.py) on statements we write."""

from __future__ import annotations

import pytest

from rashomon.extract.event.disputes.opposition import (
    antonym_clash,
    camp_clash,
    negated_words,
    opposition,
    polarity_clash,
    recast_clash,
)
from rashomon.extract.event.disputes.propositions import (
    Proposition,
    content_words,
    modality,
    negated,
)
from rashomon.model import Span


def _p(text: str, holder: str = "A") -> Proposition:
    return Proposition(index=0, id=text, article_id="a", outlet="o", sentence=0,
                       span=Span(0, len(text)), frame=Span(0, len(text)), text=text, cue="said",
                       holder=holder, holder_kind="person", voice="attributed",
                       negated=negated(text), modality=modality(text), entities=frozenset(),
                       words=content_words(text))


@pytest.mark.parametrize(("a", "b", "clash"), [
    ("the White House offered him the Navy job", "the White House never offered him the Navy job",
     True),
    ("nothing improper took place", "the talks might be improper", True),
    ("AARP has changed its position", "AARP has not changed its position", True),
    ("its position remains unchanged", "our position has not changed", False),  # one side
    ("the fee is illegal under port law", "the fee is legal", True),  # said of the fee
    # A prefix negates only what is said of something, not a word naming something.
    ("the harbour fee is illegal under port law", "legal fishing has grown since May", False),
    ("the plan was for him to remain in the House", "the White House never offered the job",
     False),
    # A doubt asserts nothing: "whether he was born here" is not "he was born here".
    ("he had real doubts about whether the mayor was born in Vell",
     "the mayor was not born in Vell", False),
    ("the mayor was born in Vell", "the mayor was not born in Vell", True),
])
def test_polarity_clash(a: str, b: str, clash: bool) -> None:
    assert polarity_clash(_p(a), _p(b, "B")) is clash


@pytest.mark.parametrize(("a", "b", "clash"), [
    ("the suit is unconstitutional", "the law is constitutional", True),
    ("the offer was illegal", "the offer was legal", True),
    ("the warning was too vague", "the warning was specific", True),
    ("legal weed is sold there", "illegal products are trafficked", False),  # names, says nothing
    ("the offer was illegal", "the offer was illegal", False),
    # A word inside a phrase after the verb is said of nothing: "small" names the town.
    ("all eyes are on this small town", "the protests were large and peaceful", False),
    ("the town is small", "the town is large", True),
])
def test_antonym_clash(a: str, b: str, clash: bool) -> None:
    assert antonym_clash(_p(a), _p(b, "B")) is clash


@pytest.mark.parametrize(("a", "b", "clash"), [
    ("those are savings, not cuts", "Obama cut $716 billion from Medicare", True),
    ("it was a protest, not a planned attack", "the attack was planned for weeks", True),
    ("not a single benefit is cut", "Obama cut $716 billion from Medicare", False),
])
def test_recast_clash(a: str, b: str, clash: bool) -> None:
    assert recast_clash(_p(a), _p(b, "B")) is clash


@pytest.mark.parametrize(("ha", "hb", "clash"), [
    ("critics", "supporters of the bill", True),
    ("opponents of the bill", "backers", True),
    ("critics", "skeptics", False),
    ("Jon Bruning", "critics", False),
])
def test_camp_clash(ha: str, hb: str, clash: bool) -> None:
    assert camp_clash(_p("the bill is good", ha), _p("the bill is bad", hb)) is clash


def test_negated_words_and_prefix_negation() -> None:
    assert negated_words("the savings do not cut a single benefit") == {"cut"}
    assert negated_words("its position remains unchanged") == {"chang"}
    assert negated_words("There was no such impropriety") == {"impropriety"}


def test_one_holder_never_opposes_itself_and_polarity_needs_alike_statements() -> None:
    a, b = _p("the offer was illegal"), _p("the offer was legal")
    assert opposition(a, b) == 0.0
    b2 = _p("the offer was not illegal", "B")
    assert opposition(a, b2, similarity=0.9) == pytest.approx(0.7)
    assert opposition(a, b2, similarity=0.2) == 0.0


def test_a_denial_agrees_with_the_negated_statement() -> None:
    from dataclasses import replace
    denial = replace(_p("that she had ever hidden the accounts from the council"), cue="denied")
    # "denied that she had hidden the accounts" says what "I have not hidden the accounts" says.
    assert not polarity_clash(denial, _p("I have not hidden the accounts from the council", "B"))
    # Said plainly, the same words clash with the negated statement.
    plain = _p("that she had ever hidden the accounts from the council")
    assert polarity_clash(plain, _p("I have not hidden the accounts from the council", "B"))


def test_nearly_the_same_statement_with_a_not_opposes() -> None:
    a = _p("I'm not aware of anyone in my office having seen the harbour cable")
    b = _p("somebody within your office should have seen this harbour cable", "B")
    assert not polarity_clash(a, b)  # the "not" governs "aware", a word b never uses
    assert opposition(a, b, similarity=0.85) >= 0.6
    assert opposition(a, b, similarity=0.6) == 0.0  # merely on one subject
    assert opposition(a, _p("I'm not aware of it", "A"), similarity=0.9) == 0.0  # one holder


def test_a_question_asserts_nothing_to_deny() -> None:
    a = _p("this is the harbour plan of the council, it is not the plan of the mayor")
    b = _p("Why can't the mayor run his harbour plan and I'll run mine?", "B")
    assert opposition(a, b, similarity=0.9) == 0.0
    c = _p("this is the harbour plan of the mayor", "B")
    assert opposition(a, c, similarity=0.9) >= 0.6
