"""What a normaliser sees: the match, its sentence's tense, and the document's reference dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .vocabulary import TENSE_CUES

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# How to resolve a past-tense weekday against an anchor that is not the publication date:
# "forward" (the first such day after it) or "nearest" (the closest one either side).
Window = Literal["forward", "nearest"] | None
Granularity = Literal["day", "week", "month", "year", "time", "duration", "unknown"]
# A normaliser's result: TimeML type, value, and the extent (it may trim the match).
Result = tuple[TimexType, str | None, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression with a TimeML type and value.

    Attributes:
        start: start offset in the text that was tagged.
        end: end offset (exclusive).
        text: the expression's characters.
        type: TimeML type (DATE, TIME, DURATION, SET).
        value: TimeML value (``2024-03-22``, ``1998-W02``, ``P2W``, ``PAST_REF``...), or None.
        kind: the rule that found it (for debugging and evaluation breakdowns).
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    kind: str


@dataclass(slots=True)
class State:
    """Document state that later expressions depend on (HeidelTime's reference dates)."""

    anchor: date | None
    window: Window = None  # how a weekday relates to an anchor that is not the publication date
    last_quarter: tuple[int, int] | None = None  # (year, quarter) last mentioned
    last_date: date | None = None
    quarter_context: bool = False  # the text reads as earnings copy (quarters, per share)
    sentence: str = ""  # the sentence of the expression being normalised
    future: bool = False  # whether that expression's clause is future tense
    quarter_sentence: str | None = None  # the sentence that named ``last_quarter``


@dataclass(frozen=True, slots=True)
class Hit:
    """One pattern match handed to its normaliser.

    Attributes:
        m: the match.
        text: the whole text (context before and after the match is read from it).
        state: the document state (read and updated in text order).
    """

    m: re.Match[str]
    text: str
    state: State

    @property
    def span(self) -> tuple[int, int]:
        """The match's extent."""
        return self.m.span()

    @property
    def anchor(self) -> date | None:
        """The date relative expressions resolve against."""
        return self.state.anchor

    @property
    def future(self) -> bool:
        """Whether the expression's clause is future tense."""
        return self.state.future

    def group(self, name: str) -> str:
        """A named group's text, ``""`` when it did not take part in the match (or the
        pattern has no such group)."""
        if name not in self.m.re.groupindex:
            return ""
        return self.m.group(name) or ""

    def low(self, name: str) -> str:
        """A named group lower-cased, ``""`` when it did not take part in the match."""
        return self.group(name).lower()

    def before(self, n: int) -> str:
        """The ``n`` characters before the match."""
        return self.text[max(0, self.m.start() - n) : self.m.start()]

    def after(self, n: int) -> str:
        """The ``n`` characters after the match."""
        return self.text[self.m.end() : self.m.end() + n]


# --------------------------------------------------------------------------------------------
# Tense (HeidelTime looks at the POS tags of the sentence; we look at auxiliaries near the
# expression, which is what decides the direction of ``Friday`` in news copy)

_TENSE = re.compile(
    rf"\b(?:(?P<f>{'|'.join(TENSE_CUES['future'])})|(?P<p>{'|'.join(TENSE_CUES['past'])}))\b",
    re.IGNORECASE,
)


def is_future(sentence: str, pos: int) -> bool:
    """Whether the verb nearest to offset ``pos`` of ``sentence`` is future tense.

    HeidelTime reads the tense of the sentence from POS tags; news sentences often mix tenses
    ("said Wednesday they will appeal"), so the closest tense cue on either side decides.
    """
    lo = max(0, pos - 70)
    best: tuple[int, bool] | None = None
    for m in _TENSE.finditer(sentence, lo, min(len(sentence), pos + 40)):
        if m.start() <= pos < m.end():
            continue
        dist = pos - m.end() if m.end() <= pos else (m.start() - pos) * 1.5
        if best is None or dist < best[0]:
            best = (int(dist), m.group("f") is not None)
    return best is not None and best[1]


# --------------------------------------------------------------------------------------------
# Resolving a month or weekday without a year against the anchor


def choose_year_for(month: int, day: int | None, state: State, future: bool) -> int | None:
    """Year of a month(-day) without one: the closest to the anchor, leaning on tense."""
    a = state.anchor
    if a is None:
        return None
    d0 = day or 15
    try:
        cand = date(a.year, month, min(d0, 28) if month == 2 and d0 > 28 else d0)
    except ValueError:
        return a.year
    if future:
        if cand < a - timedelta(days=31 if day is None else 1):
            return a.year + 1
        return a.year
    # Otherwise the closest candidate, with days ahead of the anchor counting double: news
    # mostly reports the past, but "Feb. 1" written in late October is next February.
    best_y, best_cost = a.year, float("inf")
    for y in (a.year - 1, a.year, a.year + 1):
        c = cand.replace(year=y)
        cost = (c - a).days * 2.2 if c > a else (a - c).days
        if cost < best_cost:
            best_y, best_cost = y, cost
    return best_y


def weekday_date(wd: int, state: State, rel: str | None, future: bool) -> date | None:
    """The date of weekday ``wd`` (0 = Monday) relative to the anchor.

    ``rel`` is the word before it (``last``, ``next``, ``this past``...); without one the tense
    and the state's window decide between the last and the next such day.
    """
    a = state.anchor
    if a is None:
        return None
    delta = (a.weekday() - wd) % 7
    prev = a - timedelta(days=delta)  # on or before
    nxt = a + timedelta(days=(wd - a.weekday()) % 7)  # on or after
    rel = (rel or "").lower()
    if rel in ("last", "this past"):
        return prev if delta else a - timedelta(days=7)
    if rel in ("next", "this coming"):
        return nxt if nxt != a else a + timedelta(days=7)
    if future:
        return nxt
    if state.window == "forward":
        # The anchor is only the earliest possible publication date (the latest date the text
        # states); a past-tense weekday is most plausibly the first one after it.
        return a + timedelta(days=(wd - a.weekday() - 1) % 7 + 1)
    if state.window == "nearest":
        return nxt if (nxt - a).days < delta else prev
    return prev


# --------------------------------------------------------------------------------------------
# A pattern and the normaliser that reads its match

Normaliser = Callable[[Hit], Result | None]
MARGIN = 160  # longer than any match plus the context its lookarounds read


@dataclass(frozen=True, slots=True)
class TimePattern:
    """A temporal pattern, what its match means, and where it can match.

    Attributes:
        name: the rule's name (``Timex.kind``).
        regex: the compiled pattern.
        normalise: turns a match into ``(type, value, extent)``, or None to drop it.
        triggers: words one of which every match contains as a token (``#`` for any run of
            digits); the pattern runs only near them. Empty: it runs over the whole text.
        margins: how far before and after a trigger token a match can reach, lookarounds
            included.
    """

    name: str
    regex: re.Pattern[str]
    normalise: Normaliser
    triggers: tuple[str, ...] = ()
    margins: tuple[int, int] = (MARGIN, MARGIN)


def rule(
    name: str,
    pattern: str,
    normalise: Normaliser,
    triggers: str = "",
    margins: tuple[int, int] = (MARGIN, MARGIN),
) -> TimePattern:
    """A :class:`TimePattern` from a pattern string and space-separated trigger words."""
    return TimePattern(name, re.compile(pattern), normalise, tuple(triggers.split()), margins)


def i(pattern: str) -> str:
    """``pattern`` matched case-insensitively inside a case-sensitive one."""
    return f"(?i:{pattern})"
