"""Finding: every pattern run near its trigger words, overlaps resolved, each match normalised."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from datetime import date

from .context import Hit, State, TimePattern, Timex, Window, is_future
from .patterns import PATTERNS, RANK, TRIGGER_INDEX

# A candidate: start, end, pattern name, match.
Candidate = tuple[int, int, str, re.Match[str]]

_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_BY_NAME = {p.name: p for p in PATTERNS}


def trigger_windows(
    positions: list[tuple[int, int]], start: int, end: int, margins: tuple[int, int]
) -> Iterator[tuple[int, int]]:
    """Merged ``[p - left, p + right]`` stretches around trigger tokens."""
    left, right = margins
    lo = hi = -1
    for p, _ in positions:
        if p - left > hi:
            if hi >= 0:
                yield lo, hi
            lo = max(start, p - left)
        hi = min(end, p + right)
    if hi >= 0:
        yield lo, hi


def _trigger_hits(text: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """Pattern name -> the spans of its trigger tokens in ``text[start:end]``, in text order."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for tok in _TOKEN.finditer(text, start, end):
        w = tok.group()
        key = "#" if w[0].isdigit() else w.lower()
        names = TRIGGER_INDEX.get(key)
        if names is None and key.endswith("s"):
            names = TRIGGER_INDEX.get(key[:-1])
        for name in names or ():
            hits.setdefault(name, []).append(tok.span())
    return hits


def _near(pat: TimePattern, toks: list[tuple[int, int]], text: str, start: int,
          end: int) -> Iterator[Candidate]:  # fmt: skip
    """``pat``'s matches in the stretches around its trigger tokens that contain one."""
    starts = [t[0] for t in toks]
    for lo, hi in trigger_windows(toks, start, end, pat.margins):
        for m in pat.regex.finditer(text, lo, hi):
            i = bisect_right(starts, m.end() - 1) - 1  # the last trigger starting inside
            if m.end() > m.start() and i >= 0 and toks[i][1] > m.start():
                yield m.start(), m.end(), pat.name, m


def candidates(text: str, start: int, end: int) -> list[Candidate]:
    """Every pattern's matches in ``text[start:end]``, as a scan of the whole block finds them.

    Running a pattern only near its triggers gives the same matches as running it over the
    whole block at a fraction of the cost: most patterns try their optional prefixes at every
    word boundary, and most blocks hold a few dates among hundreds of words. Each pattern runs
    only in stretches around its trigger tokens, and a match counts only if it overlaps one:
    every match of the whole-block scan contains a trigger and is shorter than the margin, so
    it is found; a match the stretch's artificial end created ("daily" cut from "dailymail")
    contains none, so it is dropped.
    """
    hits = _trigger_hits(text, start, end)
    found: list[Candidate] = []
    for pat in PATTERNS:
        if not pat.triggers:  # a pattern without declared triggers reads everything
            found.extend((m.start(), m.end(), pat.name, m) for m in pat.regex.finditer(
                text, start, end) if m.end() > m.start())  # fmt: skip
            continue
        found.extend(_near(pat, hits.get(pat.name, []), text, start, end))
    return found


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest match wins; on ties the earlier pattern in PATTERNS (more specific) wins."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), RANK[c[2]], c[0]))
    taken: list[Candidate] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken


_SENT_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])|\n\s*\n|\n(?=[A-Z])")


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence stretches of ``text[start:end]`` by punctuation, for when no parser ran."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def tag_timexes(
    text: str,
    *,
    anchor: date | None,
    start: int = 0,
    end: int | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    window: Window = None,
) -> list[Timex]:
    """Find temporal expressions in ``text[start:end]`` and give each a TimeML value.

    Args:
        text: the text (offsets in the result index into it).
        anchor: the date relative expressions are resolved against (the document creation
            time); None leaves relative values underspecified (``XXXX-XX-XX``).
        start: where to start looking.
        end: where to stop (defaults to the end of the text).
        sentences: sentence ``(start, end)`` offsets for tense detection; when None a simple
            punctuation splitter is used.
        window: the anchor is not the publication date but inferred from dates the text
            states: ``"forward"`` resolves a past-tense weekday to the first one after it (the
            anchor is the latest dated event), ``"nearest"`` to the closest one (the anchor is
            a date stamp near publication); None resolves it on or before the anchor.

    Returns:
        The expressions in text order, non-overlapping, with TimeML extents.
    """
    end = len(text) if end is None else end
    sents = list(sentences) if sentences is not None else sentence_bounds(text, start, end)
    state = State(anchor=anchor, window=window)
    state.quarter_context = bool(re.search(r"\bquarter|\bfiscal\b|\bnet income\b|\bper share\b",
                                           text[start:end], re.IGNORECASE))  # fmt: skip
    out: list[Timex] = []
    si = 0
    for s, _e, kind, m in _select(candidates(text, start, end)):
        while si + 1 < len(sents) and sents[si][1] <= s:
            si += 1
        sent = sents[si] if sents else (start, end)
        # Every normaliser may read the sentence and its tense.
        state.sentence = text[sent[0] : sent[1]]
        state.future = is_future(state.sentence, m.start() - sent[0])
        try:
            res = _BY_NAME[kind].normalise(Hit(m, text, state))
        except (OverflowError, ValueError):
            # The date falls outside the calendar (before year 1, after 9999): reached from
            # an anchor at its edge, such as a declared date of 9999-12-31. Left untagged.
            continue
        if res is None:
            continue
        ttype, value, (s2, e2) = res
        out.append(Timex(s2, e2, text[s2:e2], ttype, value, kind))
    return out
