"""Framing: loaded or evaluative words per outlet, in the author's own voice or quoted."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rashomon.extract.event.text import in_quotes, sentences
from rashomon.lexicon import entries
from rashomon.model import ArticleDoc, EventDoc, Span

__all__ = ["LOADED_WORDS", "framing"]

LOADED_WORDS: tuple[str, ...] = entries("loaded_words")
"""Evaluative words whose use in the author's own voice frames the story."""


def framing(
    event: EventDoc,
    *,
    words: Sequence[str] = LOADED_WORDS,
    is_quoted: Callable[[ArticleDoc, int], bool] | None = None,
) -> list[dict[str, object]]:
    """Loaded or evaluative words per outlet, in the author's voice or inside quotes.

    Args:
        event: the event.
        words: the loaded words to look for (whole words, case-insensitive).
        is_quoted: decides whether a position is quoted or attributed; by default, inside
            quotation marks or the content of an attribution.

    Returns:
        One dict per use: ``outlet``, ``article_id``, ``word``, ``span`` (:class:`Span`) and
        ``authorial`` (``True`` when the outlet uses the word in its own voice).
    """
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE
    )
    out: list[dict[str, object]] = []
    for doc in event.docs:
        sents = sentences(doc)
        for body in doc.body_spans():
            for m in pattern.finditer(doc.text, body.start, body.end):
                pos = m.start()
                if is_quoted is not None:
                    quoted = is_quoted(doc, pos)
                else:
                    sent = next((s for s in sents if s.start <= pos < s.end), body)
                    quoted = _quoted(doc, pos, sent)
                out.append(
                    {
                        "outlet": event.outlet_of(doc.id),
                        "article_id": doc.id,
                        "word": m.group(0).lower(),
                        "span": Span(m.start(), m.end()),
                        "authorial": not quoted,
                    }
                )
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
