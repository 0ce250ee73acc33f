"""Framing: loaded words in an outlet's own voice, quoted, or in a source's attributed words
(extract/event/framing.py and its stage framing.v1), on sentences we write, parsed for real."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from builders import article_doc
from rashomon.extract.article.loaded_words import LOADED_WORDS, find_loaded
from rashomon.extract.event.framing import framing
from rashomon.model import ArticleDoc, EventDoc, FramingUse
from rashomon.registry import registry
from rashomon.stages.attributions import make_attribution_stage
from rashomon.stages.nlp import SpacyStage


@pytest.fixture(scope="module")
def analyse() -> Callable[[str], ArticleDoc]:
    """An article as the article stages leave it: parsed, sentences and attributions."""
    nlp_stage = SpacyStage()
    attributions = make_attribution_stage()

    def run(text: str) -> ArticleDoc:
        return attributions(nlp_stage(article_doc(text, outlet="Ledger")))

    return run


def _event(*docs: ArticleDoc) -> EventDoc:
    return EventDoc(id="e", name="framing test", docs=docs)


# (text, the loaded words found as written, True when in the outlet's own voice)
CASES = [
    ("The regime shelled the town overnight.", [("regime", True)]),
    ('"It was a massacre," a witness said.', [("massacre", False)]),
    ("The mayor said the response was a cover-up.", [("cover-up", False)]),
    ("The union said in a statement that the inquiry was a whitewash.", [("whitewash", False)]),
    # "According to" is the outlet's own paraphrase of a source: the wording is the outlet's.
    ("According to the union, the inquiry was a whitewash.", [("whitewash", True)]),
    ("The bloodbath in the square shocked the city.", [("bloodbath", True)]),
    ('Critics called it "a shameful farce", but the ministry stood firm.',
     [("shameful", False), ("farce", False)]),
    ("The regime cut the power. The minister said the killings were atrocities.",
     [("regime", True), ("atrocities", False)]),
    ("The army massacred villagers, the report found.", [("massacred", False)]),
    ("The new tax regime starts in May.", []),  # a technical sense
    ("Calls for regime change grew louder.", []),
    ("The talks ended without agreement.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_framing_voice(analyse: Callable[[str], ArticleDoc], text: str,
                       expected: list[tuple[str, bool]]) -> None:
    doc = analyse(text)
    found = [(f.span.of(text), f.authorial) for f in framing(_event(doc))]
    assert found == expected


def test_framing_uses_carry_evidence_and_outlet(analyse: Callable[[str], ArticleDoc]) -> None:
    text = 'The junta ignored the warnings. "This is propaganda," an aide said.'
    doc = analyse(text)
    uses = framing(_event(doc))
    assert uses == [
        FramingUse(article_id=doc.id, outlet="Ledger", word="junta",
                   span=uses[0].span, authorial=True),
        FramingUse(article_id=doc.id, outlet="Ledger", word="propaganda",
                   span=uses[1].span, authorial=False),
    ]
    assert [u.span.of(doc.text) for u in uses] == ["junta", "propaganda"]


def test_framing_reads_only_the_body() -> None:
    text = "Massacre on the coast\nShare this\nThe carnage went on for hours."
    junk = text.index("Massacre on the coast\n"), len("Massacre on the coast\n")
    doc = article_doc(text, outlet="Ledger", boilerplate=[junk])
    assert [f.word for f in framing(_event(doc))] == ["carnage"]


@pytest.mark.parametrize(("text", "words"), [
    ("massacres and a massacre, massacred", ["massacres", "massacre", "massacred"]),
    ("atrocities, an atrocity", ["atrocities", "atrocity"]),
    ("a cover-up, a coverup, to cover up", ["cover-up", "coverup", "cover up"]),
    ("witch hunt and witch-hunts", ["witch hunt", "witch-hunts"]),
    ("the regime's cronies", ["regime", "cronies"]),
    ("its henchmen", ["henchmen"]),
    ("counter-terror units", []),  # part of a hyphenated word
    ("the sanctions regimes", []),
    ("shamefully", []),  # a whole word only
])
def test_one_list_with_regular_inflections(text: str, words: list[str]) -> None:
    assert [m.group(0) for m in find_loaded(text)] == words


def test_the_list_is_one_lemma_per_line() -> None:
    assert len(LOADED_WORDS) == len(set(LOADED_WORDS)) > 40
    assert {"massacre", "regime", "so-called", "criminal negligence"} <= set(LOADED_WORDS)
    assert not [w for w in LOADED_WORDS if w.endswith(("ies", "ed")) and w != "so-called"]


def test_framing_stage_is_in_the_default_pipeline(
        analyse: Callable[[str], ArticleDoc]) -> None:
    from rashomon.stages import DEFAULT_PIPELINE

    assert DEFAULT_PIPELINE.index("disputes.v1") < DEFAULT_PIPELINE.index("framing.v1")
    info = registry.get("framing.v1")
    assert info.produces == {"framing"}
    doc = analyse("The regime denied it.")
    out = info.factory()(_event(doc))
    assert [(f.word, f.authorial) for f in out.framing] == [("regime", True)]
    assert replace(out, framing=()) == _event(doc)
