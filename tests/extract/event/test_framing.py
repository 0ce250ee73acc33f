"""Tests for framing: loaded words in an outlet's own voice or quoted (extract/event/framing.py)."""

from __future__ import annotations

from rashomon.extract.event.framing import framing
from rashomon.model import Article, ArticleDoc, ArticleMeta, EventDoc, MetaField


def _event(text: str) -> EventDoc:
    doc = ArticleDoc(article=Article(id=Article.make_id(text), source="a.txt", text=text),
                     meta=ArticleMeta(outlet=MetaField(value="Ledger", origin="declared")))
    return EventDoc(id="e", name="t", docs=(doc,))


def test_framing_authorial_versus_quoted() -> None:
    text = ('The bloodbath in the square shocked the city. '
            '"It was a massacre," a witness said.')
    ev = _event(text)
    found = {(text[f["span"].start:f["span"].end], f["authorial"])  # type: ignore[union-attr]
             for f in framing(ev)}
    assert found == {("bloodbath", True), ("massacre", False)}


