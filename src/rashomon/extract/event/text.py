"""Small text helpers the event stages share: sentence spans, clauses, quotation marks."""

from __future__ import annotations

import re

from rashomon.model import ArticleDoc, Span

__all__ = ["QUOTE_PAIRS", "clause", "in_quotes", "sentence_of", "sentences"]

QUOTE_PAIRS = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}
"""Opening quotation mark -> its closing mark."""


def sentences(doc: ArticleDoc) -> list[Span]:
    """Body sentence spans of ``doc`` (a punctuation split when the sentence layer is missing).

    Args:
        doc: an article, with or without its sentence layer.

    Returns:
        Sentence spans in text order.
    """
    if doc.sentences:
        return [s.span for s in doc.sentences]
    from rashomon.extract.event.stance import sentence_spans

    out: list[Span] = []
    for body in doc.body_spans():
        for s in sentence_spans(doc.text[body.start : body.end]):
            out.append(Span(body.start + s.start, body.start + s.end))
    return out


def sentence_of(spans: list[Span], pos: int) -> int:
    """Index of the sentence in ``spans`` that holds ``pos`` (the nearest one before it)."""
    best = 0
    for i, s in enumerate(spans):
        if s.start <= pos:
            best = i
        else:
            break
    return best


def in_quotes(text: str, pos: int, sent: Span) -> bool:
    """Whether ``pos`` sits inside a quotation opened earlier in its sentence ``sent``."""
    left = text[sent.start : pos]
    for o, c in QUOTE_PAIRS.items():
        if o == c:
            if left.count(o) % 2 == 1:
                return True
        elif left.count(o) > left.count(c):
            return True
    return False


def clause(text: str, sent: Span, pos: int, *, max_chars: int = 240) -> Span:
    """The clause of sentence ``sent`` around ``pos``: cut at semicolons, at most
    ``max_chars`` long, on word boundaries, without edge whitespace."""
    start, end = sent.start, sent.end
    for m in re.finditer(r";\s*", text[sent.start : sent.end]):
        cut = sent.start + m.end()
        if cut <= pos:
            start = cut
        elif sent.start + m.start() > pos:
            end = min(end, sent.start + m.start())
            break
    if end - start > max_chars:
        start = max(start, pos - max_chars // 2)
        end = min(end, start + max_chars)
        start = text.rfind(" ", sent.start, start) + 1 if start > sent.start else start
        end_space = text.find(" ", end, sent.end)
        end = end_space if end_space != -1 else sent.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
