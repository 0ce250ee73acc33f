"""Found records (attributions before their speaker is resolved) and span helpers."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from rashomon.extract.article.attributions.phrases import Phrase
from rashomon.model import Attribution, AttributionKind, Span

Kind = AttributionKind


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """An attribution found in text, before its speaker is resolved (article offsets).

    Attributes:
        kind: direct, indirect, according-to or mixed.
        content: the reported content.
        cue: the cue (verb with auxiliaries, ``according to``, a colon...), if any.
        speaker: the literal source span in this sentence, if any.
        speaker_text: text of ``speaker``.
        speaker_kind: how the source is expressed: ``name``, ``pronoun``, ``role``,
            ``anonymous``, ``outlet``, ``relative``, ``other`` or ``continued`` (a quote that
            continues the previous speaker).
        head_lemma: lemma of the source's head noun (for role phrases), lower case.
        modifiers: lower-cased modifiers of the source's head (``russian``, ``ukrainian``).
        antecedent: for ``relative`` sources, the span of the noun the pronoun stands for.
        clause: the reporting clause after a quotation, with the cue's adverbials
            (``"...," Trump warned in Everett on Monday``), when it reaches past the cue.
        relay: an outlet named in the sentence as the channel (``according to Bloomberg``),
            with its span.
        nested: True when the cue lies inside another attribution's content.
        phrase: what the source phrase names (a person, an unnamed source, a document...),
            read off the parse; article offsets.
    """

    kind: Kind
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_text: str | None = None
    speaker_kind: str = "other"
    head_lemma: str = ""
    modifiers: tuple[str, ...] = ()
    antecedent: Span | None = None
    relay: tuple[str, Span] | None = None
    nested: bool = False
    clause: Span | None = None
    phrase: Phrase | None = None

    @property
    def span(self) -> Span:
        """The whole attribution: speaker, cue, content and the rest of the cue clause."""
        parts = [s for s in (self.content, self.cue, self.speaker, self.clause) if s is not None]
        if self.speaker_kind == "continued":
            parts = [s for s in (self.content, self.cue) if s is not None]
        return Span(min(s.start for s in parts), max(s.end for s in parts))


def rstrip_at(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def shift(f: Found, offset: int) -> Found:
    if offset == 0:
        return f

    def sh(s: Span | None) -> Span | None:
        return None if s is None else Span(s.start + offset, s.end + offset)

    content = sh(f.content)
    assert content is not None
    relay = (
        None
        if f.relay is None
        else (f.relay[0], Span(f.relay[1].start + offset, f.relay[1].end + offset))
    )
    return replace(
        f,
        content=content,
        cue=sh(f.cue),
        speaker=sh(f.speaker),
        antecedent=sh(f.antecedent),
        relay=relay,
        clause=sh(f.clause),
    )


def _is_nested(cue: Span | None, content: Span, other_cue: Span | None, other: Span) -> bool:
    """Whether an attribution (cue, content) lies inside another's content.

    When two attributions each hold the other's cue (a misparse), the wider one is outer. Of
    two with the same content, one whose cue lies inside that content (a word of the quotation,
    '"... the promise of equality," she said') is inside the other, whose cue is outside it.
    """
    anchor = cue or content
    if content == other and cue is not None and content.contains(cue):
        return other_cue is None or not other.contains(other_cue)
    if not other.contains(anchor) or content.contains(other):
        return False
    other_anchor = other_cue or other
    return not content.contains(other_anchor) or len(other) > len(content)


def mark_nested(found: list[Found]) -> list[Found]:
    """Mark each attribution that lies inside another's content.

    Only attributions whose content starts at or before the anchor can hold it; walking those
    back from the anchor stops once no earlier content reaches it (a running maximum of the
    ends), so a long block with hundreds of attributions is not compared pair by pair.
    """
    order = sorted(range(len(found)), key=lambda i: found[i].content.start)
    starts = [found[i].content.start for i in order]
    reach: list[int] = []  # the furthest content end among the first k in start order
    for i in order:
        reach.append(max(reach[-1] if reach else 0, found[i].content.end))
    out = []
    for f in found:
        anchor = f.cue or f.content
        k = bisect.bisect_right(starts, anchor.start) - 1
        nested = False
        while k >= 0 and reach[k] >= anchor.end and not nested:
            g = found[order[k]]
            nested = g is not f and _is_nested(f.cue, f.content, g.cue, g.content)
            k -= 1
        out.append(replace(f, nested=nested))
    return out


def tok_span(tokens: Iterable[Token]) -> Span | None:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))


def is_punct(tok: Token) -> bool:
    return bool(tok.is_punct or tok.is_space) and not is_quote_tok(tok)


def is_quote_tok(tok: Token) -> bool:
    return tok.text in {'"', "“", "”", "''", "``", "«", "»", "„"}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range [start, end) without edge punctuation or spaces (quote marks kept)."""
    while start < end and (is_punct(doc[start]) or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (is_punct(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    start, end = _trim(doc, start, end)
    if start >= end:
        return None
    return Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def iter_outermost(attributions: Iterable[Attribution]) -> Iterator[Attribution]:
    """Attributions whose cue does not lie inside another attribution's content."""
    items = list(attributions)
    for a in items:
        if not any(b is not a and _is_nested(a.cue, a.content, b.cue, b.content) for b in items):
            yield a

