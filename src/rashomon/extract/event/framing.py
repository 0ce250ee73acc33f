"""Framing: loaded or evaluative words per outlet, in the author's own voice or quoted."""

from __future__ import annotations

from collections.abc import Callable

from rashomon.extract.article.loaded_words import LOADED_WORDS, find_loaded
from rashomon.extract.event.text import in_quotes, sentences
from rashomon.model import ArticleDoc, EventDoc, FramingUse, Span

__all__ = ["LOADED_WORDS", "framing"]


def framing(
    event: EventDoc,
    *,
    is_quoted: Callable[[ArticleDoc, int], bool] | None = None,
) -> list[FramingUse]:
    """Loaded or evaluative words per outlet, in the author's voice or inside quotes.

    The words are the one list of :mod:`rashomon.extract.article.loaded_words` (lexicon
    ``loaded_words``), the same that hedges mark as ``loaded``.

    Args:
        event: the event.
        is_quoted: decides whether a position is quoted or attributed; by default, inside
            quotation marks or the content of an attribution.

    Returns:
        One use per loaded word in an article body, in article and text order.
    """
    out: list[FramingUse] = []
    for doc in event.docs:
        sents = sentences(doc)
        for body in doc.body_spans():
            for m in find_loaded(doc.text, body.start, body.end):
                pos = m.start()
                if is_quoted is not None:
                    quoted = is_quoted(doc, pos)
                else:
                    sent = next((s for s in sents if s.start <= pos < s.end), body)
                    quoted = _quoted(doc, pos, sent)
                out.append(FramingUse(article_id=doc.id, outlet=event.outlet_of(doc.id),
                                      word=m.group(0).lower(), span=Span(m.start(), m.end()),
                                      authorial=not quoted))  # fmt: skip
    return out


def _quoted(doc: ArticleDoc, pos: int, sent: Span) -> bool:
    # "We know what the government did: ... its so-called advisory": the writer's own first
    # person is the authorial voice.
    return in_quotes(doc.text, pos, sent) or any(
        a.content.start <= pos < a.content.end
        and a.kind != "according-to"
        and (a.speaker_text or "").strip().lower() not in {"i", "we"}
        # A mixed quote with no source: only its quoted words are quoted.
        and not (a.kind == "mixed" and not a.speaker_text)
        for a in doc.attributions
    )
