"""Tests for the extractive brief (stages/brief.py, brief.v1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.extract.event.numbers import reconcile
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    EventDoc,
    MetaField,
    Quantity,
    Sentence,
    Span,
    content_id,
)
from rashomon.registry import registry
from rashomon.stages.brief import build_brief, consensus_lines


def _doc(text: str, outlet: str, surface: str, value: float) -> ArticleDoc:
    aid = Article.make_id(text)
    start = text.index(surface)
    q = Quantity(id=content_id(aid, "q", str(start)), article_id=aid,
                 span=Span(start, start + len(surface)), text=surface, slot="evacuated",
                 value=value, low=value, high=value)
    sentences = []
    pos = 0
    for part in text.split(". "):
        end = pos + len(part) + (1 if pos + len(part) < len(text) else 0)
        sentences.append(Sentence(article_id=aid, span=Span(pos, min(end, len(text)))))
        pos += len(part) + 2
    return ArticleDoc(article=Article(id=aid, source=f"{outlet}.txt", text=text),
                      meta=ArticleMeta(outlet=MetaField(value=outlet, origin="declared")),
                      sentences=tuple(sentences), quantities=(q,))


def _event() -> EventDoc:
    docs = (
        _doc("Rain fell all night. Some 400 residents were evacuated from Tolmen.", "Ledger",
             "400 residents", 400),
        _doc("Police said 400 residents left their homes in Tolmen. Roads were shut.", "Times",
             "400 residents", 400),
    )
    ev = EventDoc(id="e", name="t", docs=docs)
    return EventDoc(id="e", name="t", docs=docs, numbers=tuple(reconcile(ev)))


def test_consensus_from_agreeing_figures_cites_whole_sentences() -> None:
    ev = _event()
    lines = list(consensus_lines(ev))
    assert len(lines) == 1
    line = lines[0]
    # the figure's most readable whole sentence, and who stands behind it
    assert line.section == "consensus"
    assert line.text == ("Police said 400 residents left their homes in Tolmen. "
                         "— reported by 2 outlets (2 independent)")
    cited = sorted(ev.doc(c.article_id).text[c.span.start:c.span.end] for c in line.citations)
    assert cited == ["Police said 400 residents left their homes in Tolmen.",
                     "Some 400 residents were evacuated from Tolmen."]


def test_brief_stage_never_emits_an_uncited_line() -> None:
    ev = _event()
    out = registry.get("brief.v1").factory()(ev)
    assert out.brief and all(line.citations for line in out.brief)


@pytest.fixture(scope="module")
def crocus(crocus_dir: Path) -> EventDoc:
    from rashomon.api import build_event

    return build_event([crocus_dir])


@pytest.mark.model
def test_crocus_brief_cites_every_line(crocus: EventDoc) -> None:
    brief = crocus.brief
    assert brief == tuple(build_brief(crocus))
    sections = [b.section for b in brief]
    assert {"dispute", "timeline"} <= set(sections)
    # Consensus first, then disputes, then the timeline.
    order = {"consensus": 0, "dispute": 1, "timeline": 2}
    assert [order[s] for s in sections] == sorted(order[s] for s in sections)
    for line in brief:
        assert line.citations, line.text
        for c in line.citations:
            text = crocus.doc(c.article_id).text
            assert 0 <= c.span.start < c.span.end <= len(text)
    questions = [b.text for b in brief if b.section == "dispute"]
    assert any(q.startswith("Who is behind the attack?") for q in questions)
    # A dispute line quotes, per side, a clause found verbatim in one of its cited sentences
    # (inner quotation marks turned to single ones), and counts the outlets behind it.
    line = next(b for b in brief if b.section == "dispute")
    quoted = re.findall(r"“([^“”]+)”", line.text)
    assert len(quoted) >= 2 and re.search(r"\(\d+ outlets?[,)]", line.text)
    cited = [" ".join(crocus.doc(c.article_id).text[c.span.start:c.span.end].split())
             .replace("“", "‘").replace("”", "’") for c in line.citations]
    for q in quoted:
        assert any(q in c for c in cited), q
    for b in brief:
        if b.section != "timeline":
            assert b.text.count("“") == b.text.count("”"), b.text
            assert b.text[0].isupper(), b.text
