"""Quotation marks paired over raw text, and how much of a content span they cover."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rashomon.extract.article.attributions.found import Kind, rstrip_at
from rashomon.model import Span

_OPEN_QUOTES = "“«„‟"


_CLOSE_QUOTES = "”»"


def find_quotes(text: str, *, offset: int = 0) -> list[Span]:
    """Pair quotation marks over raw text and return the quoted stretches, marks included.

    Handles curly and straight double quotes (and ``''``/````` pairs), quotes spanning
    sentences, and quotes spanning paragraphs in the newspaper convention (an unclosed quote
    whose next paragraph opens with a quote mark continues there). An unclosed quote stops at
    the end of its paragraph.

    Args:
        text: the raw text.
        offset: added to every returned offset.

    Returns:
        Spans in order, each starting at an opening and ending after a closing mark.
    """
    # Hand-written: no maintained library pairs straight and curly quotes over paragraphs.
    marks: list[tuple[int, int, str]] = []  # (start, end, role) role in open/close/either
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN_QUOTES:
            marks.append((i, i + 1, "open"))
        elif ch in _CLOSE_QUOTES:
            marks.append((i, i + 1, "open" if _opens_line(text, i) else "close"))
        elif ch == '"':
            marks.append((i, i + 1, _straight_role(text, i, i + 1)))
        elif text.startswith("``", i):
            marks.append((i, i + 2, "open"))
            i += 1
        elif text.startswith("''", i):
            marks.append((i, i + 2, _straight_role(text, i, i + 2)))
            i += 1
        i += 1

    spans: list[Span] = []
    open_at: int | None = None
    seg = 0  # start of the current paragraph of an open quote
    for start, end, role in marks:
        if open_at is not None and "\n" in text[seg:start]:
            # The quote ran to the end of its paragraph without closing.
            para_end = text.index("\n", seg)
            if role in ("open", "either") and _only_breaks(text[para_end:start]):
                # Multi-paragraph quote: the next paragraph reopens it; keep going.
                seg = start
                continue
            spans.append(Span(open_at, rstrip_at(text, para_end)))
            open_at = None
        if open_at is None:
            if role in ("open", "either"):
                open_at = seg = start
        elif role in ("close", "either"):
            if end - open_at > 2:
                spans.append(Span(open_at, end))
            open_at = None
    if open_at is not None:
        stop = text.find("\n", seg)
        stop = n if stop < 0 else stop
        spans.append(Span(open_at, rstrip_at(text, stop)))
    return [Span(s.start + offset, s.end + offset) for s in spans if s.end - s.start > 2]


def _opens_line(text: str, i: int) -> bool:
    """Whether a closing mark opens its line before a word (``”Fear. I am afraid...”``):
    a typed-over opening mark, since nothing on the line can be closed yet."""
    j = i - 1
    while j >= 0 and text[j] != "\n" and text[j].isspace():
        j -= 1  # back over the line's indent only: linear even on one very long line
    return (j < 0 or text[j] == "\n") and i + 1 < len(text) and not text[i + 1].isspace()


def _straight_role(text: str, start: int, end: int) -> str:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if (before.isspace() or before in "([{—–-:") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "either"


def _only_breaks(s: str) -> bool:
    return not s.strip()


def widen_to_quotes(span: Span, quotes: Sequence[Span], text: str) -> Span:
    """Grow a content span to cover the whole of any quotation it overlaps at its edges."""
    start, end = span.start, span.end
    for q in quotes:
        if q.overlaps(Span(start, end)) or q.start == end or q.end == start:
            if q.start < start <= q.end or (q.start <= start and q.end >= end):
                start = min(start, q.start)
            if q.start <= end < q.end or (q.start <= start and q.end >= end):
                end = max(end, q.end)
    # A closing mark right after the span (after . or ,) belongs to it.
    tail = text[end : end + 3]
    m = re.match(r"^[.,!?]?[”\"»]", tail)
    if m and any(q.end == end + m.end() for q in quotes):
        end += m.end()
    return Span(start, end)


def quote_kind(content: Span, quotes: Sequence[Span]) -> Kind:
    covered = 0
    for q in quotes:
        if q.overlaps(content):
            covered += min(q.end, content.end) - max(q.start, content.start)
    if covered == 0:
        return "indirect"
    if covered >= 0.9 * len(content):
        return "direct"
    return "mixed"

