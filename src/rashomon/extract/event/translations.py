"""Translated relays: an article that is a translation of another article of the event.

A Russian agency's report translated into English by another outlet says nothing the original
did not: it relays the original, and its claims are not independent confirmation. Word
shingles (the near-duplicate stage) cannot see this across languages; the multilingual sentence
encoder can. Two articles in different languages are a translation pair when most sentences of
the shorter one have a counterpart in the other (cosine at least ``min_cos``), in about the same
order, and the two are of comparable length.

Which one is the original: the one a translation note does not mark as translated (``Translated
from Russian``), else the one published first, else the one not in English (rashomon's reports
are read in English, and translations into English are what an English-language event
gathers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rashomon.model import ArticleDoc, Span
from rashomon.nlp.encoders import Encoder
from rashomon.nlp.languages import article_language

__all__ = ["Translation", "find_translations"]

MAX_SENTENCES = 60  # enough to judge a whole news article, bounded for long ones


@dataclass(frozen=True, slots=True)
class Translation:
    """Article ``translated`` (index) translates article ``original``.

    Attributes:
        translated: index of the translation among the docs.
        original: index of the original.
        share: share of the translation's sentences with a counterpart in the original.
        matched: the translation's sentences that have one (spans into its text).
    """

    translated: int
    original: int
    share: float
    matched: tuple[Span, ...]


def _sentences(doc: ArticleDoc) -> list[Span]:
    return [s.span for s in doc.sentences if len(s.span) >= 20][:MAX_SENTENCES]


def _published(doc: ArticleDoc) -> str | None:
    if doc.meta.published is not None and doc.meta.published.value:
        return doc.meta.published.value
    return doc.article.published


def _original_first(a: int, b: int, docs: Sequence[ArticleDoc]) -> tuple[int, int]:
    """``(original, translation)`` of a translation pair (see the module docstring)."""
    da, db = docs[a], docs[b]
    if (da.meta.translated_from is None) != (db.meta.translated_from is None):
        return (b, a) if da.meta.translated_from is not None else (a, b)
    pa, pb = _published(da), _published(db)
    if pa and pb and pa[:10] != pb[:10]:
        return (a, b) if pa[:10] < pb[:10] else (b, a)
    if article_language(da) == "en" and article_language(db) != "en":
        return b, a
    return a, b


def find_translations(
    docs: Sequence[ArticleDoc],
    encoder: Encoder,
    *,
    min_cos: float = 0.7,
    min_share: float = 0.6,
    min_sentences: int = 3,
) -> list[Translation]:
    """Pairs of articles in different languages where one translates the other.

    Args:
        docs: the event's article docs (with ``sentences``).
        encoder: a multilingual sentence encoder.
        min_cos: cosine for two sentences to be counterparts.
        min_share: share of the shorter article's sentences that need a counterpart, in order.
        min_sentences: articles with fewer sentences are not judged.

    Returns:
        One :class:`Translation` per translated article (its best original), in doc order.
    """
    langs = [article_language(d) for d in docs]
    if len(set(langs)) < 2:
        return []
    spans = [_sentences(d) for d in docs]
    texts = [d.text[s.start : s.end] for d, ss in zip(docs, spans, strict=True) for s in ss]
    vectors = encoder.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)
    bounds = np.cumsum([0, *[len(ss) for ss in spans]])
    best: dict[int, Translation] = {}
    for a in range(len(docs)):
        for b in range(a + 1, len(docs)):
            if langs[a] == langs[b] or min(len(spans[a]), len(spans[b])) < min_sentences:
                continue
            if min(len(spans[a]), len(spans[b])) < 0.6 * max(len(spans[a]), len(spans[b])):
                continue  # a short item quoting a long report is no translation of it
            original, translated = _original_first(a, b, docs)
            va = vectors[bounds[translated] : bounds[translated + 1]]
            vb = vectors[bounds[original] : bounds[original + 1]]
            share, matched = _aligned(va @ vb.T, min_cos)
            if share >= min_share and (
                translated not in best or share > best[translated].share
            ):
                best[translated] = Translation(
                    translated=translated,
                    original=original,
                    share=round(share, 3),
                    matched=tuple(spans[translated][i] for i in matched),
                )
    return [best[k] for k in sorted(best)]


def _aligned(sim: np.ndarray, min_cos: float) -> tuple[float, list[int]]:
    """Share of rows with a counterpart column, counted along one increasing path (order)."""
    rows = sim.shape[0]
    if rows == 0:
        return 0.0, []
    matched: list[int] = []
    last = -1
    for i in range(rows):
        cols = np.flatnonzero(sim[i] >= min_cos)
        # A counterpart later than the last one keeps the order; a translation may merge or
        # split sentences, so the same column may serve twice.
        later = cols[cols >= last]
        if later.size:
            last = int(later[0])
            matched.append(i)
    return len(matched) / rows, matched
