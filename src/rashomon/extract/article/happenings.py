"""The happening a date dates, as a whole clause or phrase: who did what.

A timeline entry reads as a statement of what happened on a day: ``The Kremlin said on Monday
that no country was immune to terrorism`` (the clause the date modifies, with its subject and
what was said), or ``Friday's deadly attack on a concert hall`` (the noun phrase the date
qualifies). Cutting the sentence at a character count clips it mid-phrase and may file one
happening (the Monday statement) under another's day (the Friday attack); the dependency
parse says which words the date belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rashomon.model import Span
from rashomon.nlp.pipelines import doc_text

__all__ = ["happening_span"]

# Dependents that make a date part of a noun phrase ("Friday's attack", "the March 22 attack").
_NOUN_MODIFIER = frozenset({"poss", "compound", "nmod", "amod", "npadvmod"})
# A verb's dependents that are other clauses: left out unless the date is inside them.
_OTHER_CLAUSE = frozenset({"advcl", "parataxis", "conj", "cc"})
_EDGE_JUNK = frozenset({"punct", "cc", "mark"})
_MAX_CLIMB = 8


def _block(parsed: Sequence[tuple[int, Any]], pos: int) -> tuple[int, Any] | None:
    for offset, sdoc in parsed:
        if offset <= pos < offset + len(doc_text(sdoc)):
            return offset, sdoc
    return None


def _head_of(sdoc: Any, start: int, end: int) -> Any | None:
    """The date expression's own head: its token whose syntactic head lies outside it."""
    window = sdoc.char_span(start, end, alignment_mode="expand")
    inside = [t for t in window or () if start <= t.idx < end]
    if not inside:
        return None
    return next((t for t in inside if not start <= t.head.idx < end), inside[0])


def _noun_phrase(tok: Any) -> Any | None:
    """The noun whose phrase the date belongs to: ``Friday's attack``, ``a meeting at the
    mayor's office on May 3``, ``the bloodbath at the concert hall on March 22``.

    Through prepositional phrases (``on March 22`` hanging off ``Moscow``, which hangs off
    ``at``...), the first common noun reached before any verb heads the phrase.
    """
    if tok.dep_ in _NOUN_MODIFIER and tok.head.pos_ in ("NOUN", "PROPN") and tok.head is not tok:
        return tok.head
    node = tok
    for _ in range(_MAX_CLIMB):
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            return None
        holder = node.head.head
        if holder.pos_ == "NOUN":
            return holder
        if holder.pos_ != "PROPN":
            return None
        node = holder
    return None


def _clause(verb: Any, date_tok: Any) -> tuple[int, int]:
    """Token range of ``verb``'s clause: its subject, objects and complements; other clauses
    hanging off it (``advcl``, ``conj``, ``parataxis``) only when the date is inside them."""
    left, right = verb.i, verb.i
    for child in verb.children:
        holds_date = child.left_edge.i <= date_tok.i <= child.right_edge.i
        if child.dep_ in _OTHER_CLAUSE and not holds_date:
            continue
        left = min(left, child.left_edge.i)
        right = max(right, child.right_edge.i)
    return left, right


def _has_subject(verb: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def _trim(sdoc: Any, left: int, right: int) -> tuple[int, int]:
    while left < right and (sdoc[left].dep_ in _EDGE_JUNK or sdoc[left].is_space):
        left += 1
    while right > left and (
        (sdoc[right].dep_ in _EDGE_JUNK or sdoc[right].is_punct or sdoc[right].is_space)
        and not sdoc[right].is_quote
    ):
        right -= 1
    return left, right


def happening_span(parsed: Sequence[tuple[int, Any]], start: int, end: int) -> Span | None:
    """The whole clause or noun phrase that the date expression at ``[start, end)`` dates.

    Args:
        parsed: ``(offset, spacy Doc)`` blocks of the article.
        start: the expression's start in the article text.
        end: its end.

    Returns:
        The span in the article text, or None when the expression is not in a parsed block.
    """
    block = _block(parsed, start)
    if block is None:
        return None
    offset, sdoc = block
    tok = _head_of(sdoc, start - offset, end - offset)
    if tok is None:
        return None
    noun = _noun_phrase(tok)
    if noun is not None:
        left, right = noun.left_edge.i, noun.right_edge.i
    else:
        head = tok
        for _ in range(_MAX_CLIMB):
            if head.pos_ in ("VERB", "AUX") or head.head is head:
                break
            head = head.head
        # "vowed to remain in the race on Tuesday": an infinitive has no subject of its own,
        # so the clause is the verb it completes.
        while head.dep_ == "xcomp" and head.head is not head and not _has_subject(head):
            head = head.head
        left, right = _clause(head, tok) if head.pos_ in ("VERB", "AUX") else (
            tok.sent.start, tok.sent.end - 1
        )
    left, right = _trim(sdoc, left, right)
    return Span(offset + sdoc[left].idx, offset + sdoc[right].idx + len(sdoc[right]))
