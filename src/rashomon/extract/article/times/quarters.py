"""Quarters and halves of a (fiscal) year: ``the third quarter``, ``the year-earlier period``."""

from __future__ import annotations

import re

from .calendar import prev_quarter, quarter
from .context import Hit, Result, TimePattern, i, rule
from .vocabulary import ORDINALS

_WHICH = re.compile(
    r"\b(?:the|latest|year-earlier|year-ago|same|current|previous|prior|recent|comparable|fiscal)\b"
)


def _ordinal(words: str) -> int:
    """The quarter or half an ordinal in ``words`` names (the last listed wins), 0 if none."""
    qnum = 0
    for w, n in ORDINALS.items():
        if re.search(rf"\b{w}\b", words):
            qnum = n
    return qnum


def _half(x: Hit, qnum: int, span: tuple[int, int]) -> Result | None:
    """``the second half``: the latest such half unless a year is given."""
    a = x.anchor
    if not qnum:
        return None
    if a is None:
        return "DATE", f"XXXX-H{qnum}", span
    y = int(x.group("y")) if x.group("y") else a.year - (1 if qnum == 2 and a.month <= 6 else 0)
    return "DATE", f"{y}-H{qnum}", span


def _numbered(x: Hit, qnum: int, year: str, span: tuple[int, int]) -> Result:
    """``the third quarter [of 1998]``: a quarter after the anchor's is this year's when
    spoken of in the future tense ("fourth-quarter profit will..."), last year's in the past."""
    a = x.anchor
    assert a is not None
    later = qnum > quarter(a) and not x.future
    y = int(year) if year else a.year - 1 if later else a.year
    x.state.last_quarter = (y, qnum)
    x.state.quarter_sentence = x.state.sentence
    return "DATE", f"{y}-Q{qnum}", span


def _unnumbered(x: Hit, words: str, span: tuple[int, int]) -> Result:
    """``the previous quarter``, ``the current quarter``, ``the quarter``: from the last quarter
    the text named, else the one before the anchor's."""
    a = x.anchor
    assert a is not None
    if re.search(r"\b(?:previous|prior)\b", words):
        yq, q = x.state.last_quarter or prev_quarter(a)
        idx = yq * 4 + q - 2
        return "DATE", f"{idx // 4}-Q{idx % 4 + 1}", span
    if re.search(r"\bcurrent\b", words):
        return "DATE", f"{a.year}-Q{quarter(a)}", span
    yq, q = x.state.last_quarter or prev_quarter(a)
    return "DATE", f"{yq}-Q{q}", span


def _quarter(x: Hit) -> Result | None:
    """A quarter, half or period of a year, resolved against the anchor and the last quarter."""
    a, span = x.anchor, x.span
    the, q_s, unit = x.low("the"), x.low("q"), x.low("u")
    lead = re.match(r"(?:its |their |the (?=\w+-quarter))", x.text[span[0] : span[1]], re.I)
    if lead:
        span = (span[0] + lead.end(), span[1])
    words = the + " " + q_s
    qnum = _ordinal(words)
    if unit == "period" and not re.search(
        r"\b(?:latest|year-earlier|year-ago|same|comparable)\b", words
    ):
        return None
    if unit == "half":
        return _half(x, qnum, span)
    if not qnum and not the.strip() and not q_s:
        return None  # bare "quarter" ("a quarter of the votes")
    if not qnum and not _WHICH.search(words):
        return None
    if a is None:
        return "DATE", f"XXXX-Q{qnum}" if qnum else None, span
    year = x.group("yy").strip() if x.group("yy") else x.group("y")
    if re.search(r"\blatest\b", words) and not qnum:
        yq, q = prev_quarter(a)
        return "DATE", f"{yq}-Q{q}", span
    if "next year's" in words and qnum:
        return "DATE", f"{a.year + 1}-Q{qnum}", span
    if re.search(r"\b(?:year-earlier|year-ago|comparable)\b", words) or "last year's" in words:
        yq, q = x.state.last_quarter or prev_quarter(a)
        return "DATE", f"{yq - 1}-Q{qnum or q}", span
    if qnum:
        return _numbered(x, qnum, year, span)
    return _unnumbered(x, words, span)


PATTERNS: dict[str, TimePattern] = {p.name: p for p in (
    rule("quarter", i(
        r"\b(?P<the>(?:the |this year's |last year's |next year's |its |their )?"
        r"(?P<yy>\d{4} )?(?:(?:fiscal|calendar|latest|"
        r"same|year-earlier|year-ago|comparable|current|previous|prior|recent|first|second|"
        r"third|fourth|fiscal first|fiscal second|fiscal third|fiscal fourth|1st|2nd|3rd|4th|"
        r"final)[- ])*)(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|fiscal|latest|"
        r"year-earlier|year-ago|same|current|previous|prior|recent|comparable)?[- ]?"
        r"(?P<u>quarter|half|period)(?:s)?(?: of (?:fiscal )?(?P<y>\d{4}))?\b"
    ), _quarter, "quarter half period"),
)}  # fmt: skip
