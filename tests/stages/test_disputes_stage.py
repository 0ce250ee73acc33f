"""The disputes stage gives each side its stances: per outlet, whether it asserts the side in its
own voice or only reports it from a source (stages/disputes.py), on sentences we write."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import article_doc
from rashomon.model import ArticleDoc, Dispute, EventDoc, Evidence, Side, Span
from rashomon.stages.attributions import make_attribution_stage
from rashomon.stages.disputes import with_side_stances
from rashomon.stages.hedges import make_hedge_stage
from rashomon.stages.nlp import SpacyStage


@pytest.fixture(scope="module")
def analyse() -> Callable[[str, str], ArticleDoc]:
    """An article as the article stages leave it: parsed, attributions and hedges."""
    nlp_stage, attributions, hedges = SpacyStage(), make_attribution_stage(), make_hedge_stage()

    def run(outlet: str, text: str) -> ArticleDoc:
        return hedges(attributions(nlp_stage(article_doc(text, outlet=outlet))))

    return run


def _side(docs: list[ArticleDoc], needles: list[str]) -> Side:
    evidence = []
    for needle in needles:
        doc = next(d for d in docs if needle in d.text)
        start = doc.text.index(needle)
        evidence.append(Evidence(article_id=doc.id, span=Span(start, start + len(needle))))
    outlets = tuple(dict.fromkeys(d.outlet_label for d in docs
                                  if any(e.article_id == d.id for e in evidence)))
    return Side(position="p", holders=(), outlets=outlets, evidence=tuple(evidence))


# (outlet, article text, the evidence sentences of one side, the side's expected stances)
CASES = [
    ("Ledger", "The levy is illegal. It raised eleven million.", ["The levy is illegal."],
     [("Ledger", "asserts")]),
    ("Ledger", "The mayor said the levy was lawful.", ["the levy was lawful"],
     [("Ledger", "reports")]),
    ("Ledger", '"The levy is lawful," the mayor told reporters.', ["The levy is lawful"],
     [("Ledger", "reports")]),
    ("Ledger", "The levy is reportedly illegal.", ["The levy is reportedly illegal."],
     [("Ledger", "reports")]),
    # One outlet, two pieces of evidence: it asserts the side once in its own voice.
    ("Ledger", "The mayor said the levy was illegal. The levy is illegal.",
     ["the levy was illegal", "The levy is illegal."], [("Ledger", "asserts")]),
]


@pytest.mark.parametrize(("outlet", "text", "needles", "expected"), CASES)
def test_side_stances(analyse: Callable[[str, str], ArticleDoc], outlet: str, text: str,
                      needles: list[str], expected: list[tuple[str, str]]) -> None:
    doc = analyse(outlet, text)
    event = EventDoc(id="e", name="stances", docs=(doc,))
    dispute = Dispute(id="d", question="q?", kind="explicit", score=1.0,
                      sides=(_side([doc], needles),))
    (side,) = with_side_stances(event, dispute).sides
    assert list(side.stances) == expected


def test_two_outlets_on_two_sides(analyse: Callable[[str, str], ArticleDoc]) -> None:
    ledger = analyse("Ledger", "The bridge fell because of the storm.")
    voice = analyse("Voice", "Engineers said the bridge fell because of poor upkeep.")
    event = EventDoc(id="e", name="stances", docs=(ledger, voice))
    dispute = Dispute(id="d", question="Why did it fail?", kind="explicit", score=1.0,
                      sides=(_side([ledger], ["The bridge fell because of the storm."]),
                             _side([voice], ["the bridge fell because of poor upkeep"])))
    out = with_side_stances(event, dispute)
    assert [s.stances for s in out.sides] == [(("Ledger", "asserts"),), (("Voice", "reports"),)]
    assert out.outlet_stances == dispute.outlet_stances  # the dispute's own stances untouched


@pytest.mark.model
def test_the_default_pipeline_gives_every_side_its_outlets_stances(tmp_path: Path) -> None:
    from rashomon.api import build_event

    articles = [
        ("Northern Ledger", "Senator Mara Holt said the port levy was illegal and should be "
         "scrapped. \"This levy breaks the harbour law,\" Holt said on Tuesday."),
        ("Coastal Times", "The Harbour Authority disputed claims by Senator Mara Holt that the "
         "levy was illegal. \"The levy is fully lawful,\" said Pieter Dunn, the chairman of the "
         "Harbour Authority."),
        ("Harbour Voice", "Pieter Dunn rejected the senator's claim that the levy was illegal. "
         "The levy is lawful under the harbour act of 1990."),
    ]
    lines = [json.dumps({"text": text, "outlet": outlet, "title": text.split(".")[0],
                         "published": "2031-05-02"}) for outlet, text in articles]
    (tmp_path / "event.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    event = build_event([tmp_path / "event.jsonl"])
    assert event.disputes
    for d in event.disputes:
        for side in d.sides:
            carried = {event.outlet_of(e.article_id) for e in side.evidence}
            assert dict(side.stances).keys() == carried
            assert set(dict(side.stances).values()) <= {"asserts", "reports"}
