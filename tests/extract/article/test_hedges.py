"""Hedges: kinds, spans, sentence links and voice (author or attributed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.extract.article.hedges import find_hedges, hedge_voice, hedges_in
from rashomon.model import Article, ArticleDoc, Attribution, Sentence, Span
from rashomon.registry import registry


def _hedges(text: str) -> list[tuple[str, str]]:
    found = find_hedges(text, [Span(0, len(text))], article_id="a")
    return [(h.kind, h.span.of(text)) for h in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The suspects allegedly fled south.", [("hedge", "allegedly")]),
        ("The convoy was reportedly hit twice.", [("reported", "reportedly")]),
        ("It's reported that ten people died.", [("reported", "It's reported")]),
        ("He is said to have left the country.", [("reported", "is said to")]),
        ("The so-called ceasefire collapsed.", [("so-called", "so-called")]),
        ("The video is unverified.", [("unverified", "unverified")]),
        (
            "The claim could not be independently verified.",
            [("unverified", "could not be independently verified")],
        ),
        ("The toll would have been higher.", [("conditional", "would have been")]),
        ("The bridge could be closed.", [("conditional", "could be closed")]),
        ("Talks may resume next week.", [("conditional", "may resume")]),
        ("Talks resume on May 5.", []),
        ("The supposed mastermind was arrested.", [("hedge", "supposed")]),
        ("He was supposed to arrive.", []),
        ("Moscow's claims that the warning was vague were false.", [("hedge", "claims that")]),
        ("The council met on Tuesday and voted.", []),
        (
            "He blamed saboteurs, a claim for which he has offered no evidence.",
            [("unsupported", "offered no evidence")],
        ),
        ("No proof was presented.", [("unsupported", "No proof was presented")]),
        ("She repeated the accusation without evidence.", [("unsupported", "without evidence")]),
        (
            "The minister did not provide any evidence.",
            [("unsupported", "did not provide any evidence")],
        ),
        ("The theory remains unproven.", [("unsupported", "unproven")]),
        ("Police found no evidence of foul play.", []),  # a finding, not a missing proof
        ("It was a massacre by neglect.", [("loaded", "massacre")]),
        ("The regime denied it.", [("loaded", "regime")]),
        ('"It was a massacre," the mayor said.', []),  # the mayor's word, not the writer's
        ("He called it “a shameful cover-up” on Monday.", []),
        ("Senator Ann Slaughter voted against the bill.", []),  # a name
        ("The new tax regime starts in May.", []),  # a technical sense
    ],
)
def test_hedge_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert _hedges(text) == expected


def test_hedges_carry_their_sentence() -> None:
    text = "Nothing here. The plan allegedly failed."
    sents = [
        Sentence(article_id="a", span=Span(0, 13)),
        Sentence(article_id="a", span=Span(14, 40)),
    ]
    (h,) = find_hedges(text, sents, article_id="a")
    assert h.sentence == Span(14, 40)
    assert h.span.of(text) == "allegedly"
    assert list(hedges_in(Span(14, 40), [h])) == [h]
    assert list(hedges_in(Span(0, 13), [h])) == []


def test_distancing_cue_and_voice() -> None:
    text = "Ivan Petrov claims the army would have won easily."
    claims = text.index("claims")
    content = Span(claims + 7, len(text) - 1)
    a = Attribution(
        id="x",
        article_id="a",
        kind="indirect",
        span=Span(0, len(text) - 1),
        content=content,
        cue=Span(claims, claims + 6),
        speaker=Span(0, 11),
    )
    found = find_hedges(text, [Span(0, len(text))], article_id="a", attributions=[a])
    kinds = {(h.kind, h.span.of(text)) for h in found}
    assert ("hedge", "claims") in kinds
    assert ("conditional", "would have won") in kinds
    voices = {h.span.of(text): hedge_voice(h, [a]) for h in found}
    assert voices == {"claims": "author", "would have won": "attributed"}


def test_loaded_word_inside_an_attribution_is_the_sources() -> None:
    text = "The mayor said the flood was a massacre. The massacre shocked the valley."
    first = text.index("massacre")
    a = Attribution(
        id="x",
        article_id="a",
        kind="indirect",
        span=Span(0, first + 8),
        content=Span(text.index("the flood"), first + 8),
        cue=Span(10, 14),
        speaker=Span(0, 9),
    )
    sents = [Span(0, first + 9), Span(first + 10, len(text))]
    found = find_hedges(text, sents, article_id="a", attributions=[a])
    assert [(h.kind, h.span.start) for h in found] == [
        ("loaded", text.index("massacre", first + 1))
    ]


def test_stage_registered() -> None:
    info = registry.get("hedges.rules.v1")
    assert info.requires == {"sentences", "attributions"}
    assert info.produces == {"hedges"}


@pytest.mark.model
def test_hedges_on_crocus(crocus_dir: Path) -> None:
    nlp_stage = registry.get("nlp.spacy.v1").factory()
    att_stage = registry.get("attribution.rules.v1").factory()
    hedge_stage = registry.get("hedges.rules.v1").factory()
    found: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(crocus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = ArticleDoc(article=Article(id=Article.make_id(text), source=path.name, text=text))
        doc = hedge_stage(att_stage(nlp_stage(doc)))
        assert all(h.sentence is not None and h.sentence.contains(h.span) for h in doc.hedges)
        found[path.name[:3]] = {(h.kind, h.span.of(text).lower()) for h in doc.hedges}
    assert ("unverified", "unverified") in found["002"]
    assert ("so-called", "so-called") in found["004"]
    assert ("hedge", "allegedly") in found["004"]
    assert ("reported", "it's reported") in found["004"]
    assert ("hedge", "supposed") in found["004"]
    assert any(k == "conditional" and s.startswith("would not have") for k, s in found["003"])
