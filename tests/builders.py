"""Builders for the data model in tests: one way to make an article document from a text we
write, so each test file does not grow its own helper."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.extract.article.entities import RawMention
from rashomon.extract.article.name_linking import link_mentions
from rashomon.extract.event.aliases import translit_key
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    Attribution,
    Boilerplate,
    MetaField,
    Span,
)
from rashomon.registry import registry


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


def linked_doc(
    text: str, names: Sequence[tuple[str, str]], pairs: Sequence[tuple[str, str]] = ()
) -> ArticleDoc:
    """An article whose mentions are the given (surface, label) at each occurrence, linked into
    local entities as the nlp stage links them.

    ``pairs`` are (long form, acronym) stated together, as the nlp stage marks them.
    """
    art = Article(id=Article.make_id(text), source="test", text=text)
    raw: list[RawMention] = []
    taken: set[int] = set()
    for surface, label in sorted(names, key=lambda n: -len(n[0])):
        pos = text.find(surface)
        assert pos >= 0, surface
        while pos >= 0:
            if not taken & set(range(pos, pos + len(surface))):
                raw.append(RawMention(start=pos, end=pos + len(surface), label=label))
                taken.update(range(pos, pos + len(surface)))
            pos = text.find(surface, pos + 1)
    raw.sort(key=lambda m: m.start)
    for long, short in pairs:
        li = next(i for i, m in enumerate(raw) if text[m.start : m.end] == long)
        si = next(i for i, m in enumerate(raw) if text[m.start : m.end] == short)
        raw[li].partner, raw[si].partner = si, li
    mentions, entities = link_mentions(art.id, text, raw, translit=translit_key)
    return ArticleDoc(article=art, mentions=mentions, entities=entities)


def attributed_doc(text: str) -> ArticleDoc:
    """``text`` through the spaCy stage and the attribution stage, as the pipeline runs them."""
    nlp_stage = registry.get("nlp.spacy.v1").factory()
    attribution_stage = registry.get("attribution.rules.v1").factory()
    return attribution_stage(nlp_stage(article_doc(text)))  # type: ignore[no-any-return]


def attribution_holding(doc: ArticleDoc, needle: str) -> Attribution:
    """The attribution with the narrowest content holding ``needle``, one with a source before
    a source-less one (an "according to" may wrap a whole sentence; a passive inside a clause
    has no source)."""
    hits = sorted(
        (a for a in doc.attributions if needle in a.content.of(doc.text)),
        key=lambda a: (a.speaker is None, len(a.content)),
    )
    assert hits, f"no attribution holds {needle!r}: " + repr(
        [(a.content.of(doc.text), a.speaker_text) for a in doc.attributions]
    )
    return hits[0]
