"""Numbers in a parsed sentence: where they are, their value, their qualifier, what they are not.

A figure is a run of number tokens (``two hundred``, ``1.5 million``, ``seventy-five``,
``dozens``), possibly with a qualifier before it (``at least``); dates, clock times, years,
ordinals and rankings are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from .vocabulary import (
    AMBIGUOUS_QUALIFIERS,
    CARDINALS,
    DATE_WORDS,
    DIGITS_RE,
    MAX_QUALIFIER_WORDS,
    ORDINAL_RE,
    QUALIFIERS,
    RANK_CUES,
    SCALES,
    SKIP_ENTS,
    VAGUE,
    YEAR_RE,
)

_ABBREVIATED_SCALES = {"m", "bn"}  # "$5m": a scale only right after a number


def parse_number(words: Sequence[str]) -> float | None:
    """Return the value of a number written in digits and/or words, or None.

    Args:
        words: the tokens of the number, e.g. ``["6,200"]``, ``["two", "hundred"]``,
            ``["seventy", "-", "five"]``, ``["1.5", "million"]``, ``["a", "dozen"]``.

    Returns:
        The value, or None when the tokens are not a number.
    """
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower()
        if w in {"-", "and", "a", "an"}:
            continue
        if DIGITS_RE.match(w):
            current += float(w.replace(",", ""))
        elif w in CARDINALS:
            current += CARDINALS[w]
        elif w in SCALES:
            scale = SCALES[w]
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def interval(value: float, qualifier_kind: str | None) -> tuple[float | None, float | None]:
    """Return ``(low, high)`` for a value and a qualifier kind (see the package docstring).

    Args:
        value: the stated figure.
        qualifier_kind: one of ``min``, ``gt``, ``near``, ``approx``, ``max``, ``lt``,
            ``exact`` or None.

    Returns:
        Closed bounds; None means unbounded.
    """
    if qualifier_kind in {"min", "gt"}:
        return value, None
    if qualifier_kind == "near":
        return round(0.9 * value, 6), value
    if qualifier_kind == "approx":
        return round(0.9 * value, 6), round(1.1 * value, 6)
    if qualifier_kind in {"max", "lt"}:
        return 0.0, value
    return value, value


def is_number_word(tok: Token) -> bool:
    """Whether ``tok`` can start or continue a figure."""
    low = tok.lower_
    if low in VAGUE or low in CARDINALS or low in SCALES and low not in _ABBREVIATED_SCALES:
        return True
    return bool(tok.tag_ == "CD" and (DIGITS_RE.match(low) or low in CARDINALS or low in SCALES))


def _continues(doc: Doc, j: int) -> bool:
    """Whether token ``j`` continues the number before it ("hundred", "1.5 million")."""
    nxt = doc[j]
    if nxt.lower_ in SCALES and nxt.lower_ not in _ABBREVIATED_SCALES:
        return True
    return is_number_word(nxt) and nxt.lower_ not in VAGUE and doc[j - 1].lower_ != ","


def number_end(doc: Doc, sent: TokenSpan, i: int) -> int:
    """The token after the number that starts at ``i``: "two hundred", "seventy-five"."""
    j = i + 1
    while j < sent.end:
        if _continues(doc, j):
            j += 1
        elif (
            doc[j].text == "-"
            and j + 1 < sent.end
            and doc[j + 1].lower_ in CARDINALS
            and doc[j - 1].lower_ in CARDINALS
        ):
            j += 2
        else:
            break
    return j


def _is_date_number(doc: Doc, sent: TokenSpan, i: int, j: int) -> bool:
    """A month or weekday right next to the number: "March 22", "22 March", "March 27, 2024";
    or a day in brackets after its weekday or month: "on Tuesday (10)"."""
    first = doc[i]
    ent = first.ent_type_
    window = [doc[k].lower_ for k in range(max(sent.start, i - 3), min(sent.end, j + 2))]
    if any(w.rstrip(".") in DATE_WORDS for w in window) and (
        ent in {"DATE", ""} or first.tag_ == "CD"
    ):
        near = doc[max(sent.start, i - 1) : min(sent.end, j + 1)]
        if any(t.lower_.rstrip(".") in DATE_WORDS for t in near) or (
            i >= sent.start + 2 and doc[i - 1].text == "," and doc[i - 2].like_num
        ):
            return True
    return (
        i >= sent.start + 2
        and j < sent.end
        and doc[i - 1].text == "("
        and doc[j].text == ")"
        and doc[i - 2].lower_.rstrip(".") in DATE_WORDS
    )


def _is_clock_or_year(doc: Doc, sent: TokenSpan, i: int, j: int) -> bool:
    """``8 pm``, ``three o'clock``; a bare year in 1800-2099 that counts nothing."""
    if j < sent.end and (
        doc[j].lower_ in {"am", "pm", "a.m.", "p.m."} or doc[j].lower_.startswith(("o'c", "o’c"))
    ):
        return True
    if len(doc[i:j]) == 1 and YEAR_RE.match(doc[j - 1].text):
        nxt = doc[j] if j < sent.end else None
        if nxt is None or doc[i].ent_type_ == "DATE" or not (
            nxt.pos_ == "NOUN" and nxt.tag_ == "NNS"
        ):
            return True  # "since 2008", "2005 levels"; "2000 people" stays
    return False


def skip(doc: Doc, sent: TokenSpan, i: int, j: int) -> bool:
    """Whether ``doc[i:j]`` is a date, clock time, year, ordinal, ranking or part of a name."""
    first = doc[i]
    low = first.lower_
    if ORDINAL_RE.match(low) or first.ent_type_ == "ORDINAL":
        return True
    if ":" in first.text or "/" in first.text:
        return True  # clock times (1:57) and numeric dates
    # ISO dates are split at hyphens: "2024-03-28" -> 2024 - 03 - 28.
    if (i >= sent.start + 2 and doc[i - 1].text == "-" and doc[i - 2].is_digit) or (
        j + 1 < sent.end and doc[j].text == "-" and doc[j + 1].is_digit
    ):
        return True
    if i > sent.start and doc[i - 1].lower_ in RANK_CUES:
        return True
    if first.ent_type_ in SKIP_ENTS and low not in VAGUE:
        return True
    if _is_date_number(doc, sent, i, j):
        return True
    # "Not one rescuer has found a trace" denies that any did; it counts no rescuers.
    if low == "one" and i > sent.start and doc[i - 1].lower_ in {"not", "no"}:
        return True
    # Decades ("the 1990s") are one token that parse_number rejects anyway.
    return _is_clock_or_year(doc, sent, i, j)


def qualifier(
    doc: Doc, sent: TokenSpan, start_tok: int, num_toks: Sequence[Token]
) -> tuple[str | None, str | None, int]:
    """Return ``(qualifier text, kind, first token index)`` for words before the number."""
    num_idx = {t.i for t in num_toks}
    for n in range(MAX_QUALIFIER_WORDS, 0, -1):
        k = start_tok - n
        if k < sent.start:
            continue
        phrase = " ".join(t.lower_ for t in doc[k:start_tok])
        kind = QUALIFIERS.get(phrase)
        if kind is None:
            continue
        if n == 1 and phrase in AMBIGUOUS_QUALIFIERS:
            q = doc[k]
            # "over two weeks" (a preposition) is not "over 140" (a quantity modifier); a
            # number that is itself the preposition's object ("injured over 200") is.
            number_is_object = any(t.head.i == q.i and t.dep_ == "pobj" for t in num_toks)
            if (
                q.head.i not in num_idx
                and q.dep_ not in {"quantmod", "advmod", "nmod"}
                and not number_is_object
            ):
                continue
            if phrase == "some" and q.head.i not in num_idx and q.dep_ == "det":
                continue
        if kind == "exact":
            return None, None, start_tok
        return phrase, kind, k
    return None, None, start_tok

