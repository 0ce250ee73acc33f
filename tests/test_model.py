"""The data model: spans, content ids, body reconstruction."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.model import Article, ArticleDoc, Boilerplate, Span, content_id


def _doc(text: str, cuts: list[tuple[int, int]]) -> ArticleDoc:
    a = Article(id=Article.make_id(text), source="t.txt", text=text)
    return ArticleDoc(
        article=a,
        boilerplate=tuple(
            Boilerplate(article_id=a.id, span=Span(s, e), reason="x") for s, e in cuts
        ),
    )


def test_span_rejects_negative_and_reversed() -> None:
    with pytest.raises(ValueError):
        Span(-1, 3)
    with pytest.raises(ValueError):
        Span(5, 2)


def test_same_text_same_id_and_parts_are_separated() -> None:
    assert Article.make_id("Floods hit Velmora.") == Article.make_id("Floods hit Velmora.")
    assert Article.make_id("Floods hit Velmora.") != Article.make_id("Floods hit Velmora!")
    assert content_id("ab", "c") != content_id("a", "bc")


def test_body_is_text_minus_boilerplate() -> None:
    text = "MENU Home News\nThe dam gave way at dawn.\nTags: dam flood\nRescuers arrived by noon."
    nav = text.index("\nThe")
    tags = (text.index("Tags"), text.index("\nRescuers"))
    doc = _doc(text, [(0, nav), tags])
    assert doc.body == "The dam gave way at dawn.\n\nRescuers arrived by noon."
    assert [doc.text[s.start : s.end].strip() for s in doc.body_spans()] == [
        "The dam gave way at dawn.",
        "Rescuers arrived by noon.",
    ]


def test_docs_pickle_for_worker_processes() -> None:
    doc = _doc("One sentence here.", [(0, 4)])
    assert pickle.loads(pickle.dumps(doc)) == doc


@given(st.text(max_size=200), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200))))
def test_body_spans_stay_inside_text_and_skip_cuts(text: str, raw: list[tuple[int, int]]) -> None:
    cuts = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw]
    doc = _doc(text, cuts)
    for span in doc.body_spans():
        assert 0 <= span.start <= span.end <= len(text)
        assert not any(span.overlaps(Span(s, e)) for s, e in cuts)
    for span in doc.all_spans():
        assert span.end <= len(text)
