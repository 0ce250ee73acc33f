"""Builders for the data model in tests: one way to make an article document from a text we
write, so each test file does not grow its own helper."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.model import Article, ArticleDoc, ArticleMeta, Boilerplate, MetaField, Span


def article_doc(
    text: str,
    *,
    article_id: str | None = None,
    source: str = "test",
    outlet: str | None = None,
    published: str | None = None,
    boilerplate: Sequence[tuple[int, int]] = (),
) -> ArticleDoc:
    """An article document holding ``text``, as ingest would make it.

    Args:
        text: the article text.
        article_id: its id; by default the content id of ``text``.
        source: the file or URL it came from.
        outlet: the outlet, as a declared metadata field.
        published: the publication date (ISO), as given by a manifest.
        boilerplate: (start, end) character spans marked as boilerplate.
    """
    aid = article_id or Article.make_id(text)
    meta = ArticleMeta(
        outlet=MetaField(value=outlet, origin="declared") if outlet else None,
        published=MetaField(value=published, origin="manifest") if published else None,
    )
    junk = tuple(
        Boilerplate(article_id=aid, span=Span(s, e), reason="test") for s, e in boilerplate
    )
    article = Article(id=aid, source=source, text=text)
    return ArticleDoc(article=article, meta=meta, boilerplate=junk)
