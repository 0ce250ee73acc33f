"""Temporal expressions: a rule-based TIMEX3 tagger with TimeML values.

:func:`tag_timexes` finds temporal expressions with TimeML extents (``Friday``, ``last week``,
``the third quarter``, ``two weeks``) and gives each a TimeML ``value`` (``1998-01-08``,
``1998-W02``, ``1989-Q3``, ``P2W``, ``PRESENT_REF``...) resolved against an anchor date, as
HeidelTime does for news: a weekday or month without a year is the most recent one on or before
the anchor unless the clause is future tense. Turning those into dated
:class:`~rashomon.model.TimeMention` objects tied to the happenings they date is the anchoring
layer's work (:mod:`rashomon.extract.article.dated_events`, and across the articles of one event
:mod:`rashomon.extract.event.dates`).

The tagger is hand-written regular expressions rather than ``dateparser``: dateparser parses a
string that *is* a date but does not find dates in running text, has no notion of TimeML extents,
weeks, quarters, durations or tense, and resolves ``Friday`` to the future by default. Every
date our patterns find is already split into year, month and day by the pattern itself, so
handing the string to ``dateparser`` would add nothing but a second, inconsistent reading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# How to resolve a past-tense weekday against an anchor that is not the publication date:
# "forward" (the first such day after it) or "nearest" (the closest one either side).
Window = Literal["forward", "nearest"] | None
Granularity = Literal["day", "week", "month", "year", "time", "duration", "unknown"]

# --------------------------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
    "couple": 2, "a couple of": 2, "a dozen": 12, "dozen": 12,
}  # fmt: skip
_VAGUE = {"several", "a few", "few", "some", "many", "the", "recent", "a number of"}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
_UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q",
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
    r"|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_WEEKDAY_RE = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|hundred)"
)
_NUM = (
    rf"(?:\d+(?:\.\d+)?(?: 1/2)?|{_NUMWORD}(?: and a half)?|a couple of|a few|a dozen|several"
    r"|a|an|few|many|some|half an?)"
)
_UNIT_RE = r"(?:second|minute|hour|day|night|week|month|year|decade|century|centuries|quarter)"
_PRE_MOD = (
    r"(?:(?:more than|less than|fewer than|over|under|about|almost|nearly|roughly|around"
    r"|approximately|at least|at most|up to|some|just|only|barely|well over) )"
)

_F = re.IGNORECASE


def _i(pattern: str) -> str:
    return f"(?i:{pattern})"


# --------------------------------------------------------------------------------------------
# Result types


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
class _State:
    """Document state that later expressions depend on (HeidelTime's reference dates)."""

    anchor: date | None
    window: Window = None  # how a weekday relates to an anchor that is not the publication date
    last_quarter: tuple[int, int] | None = None  # (year, quarter) last mentioned
    last_date: date | None = None
    fiscal: bool = False
    quarter_context: bool = False
    extras: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Date arithmetic (hand-written: dateutil.relativedelta would do month shifts, but the rest,
# ISO weeks, quarters and TimeML formatting, has no library we can lean on)


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    m += 1
    day = min(d.day, [31, 29 if _leap(y) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return date(y, m, day)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _num(s: str) -> float | None:
    """Parse a number word or digits (``twenty-four``, ``16``, ``a``); None if vague."""
    s = s.lower().strip()
    s = re.sub(r"^(?:more than|less than|fewer than|over|under|about|almost|nearly|roughly"
               r"|around|approximately|at least|at most|up to|some|just|only|barely|well over) ",
               "", s)  # fmt: skip
    if s in _VAGUE:
        return None
    if s.startswith("half a"):
        return 0.5
    extra = 0.0
    if s.endswith(" and a half"):
        extra, s = 0.5, s[: -len(" and a half")]
    if s.endswith(" 1/2"):
        extra, s = 0.5, s[:-4]
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s) + extra
    if s in _SMALL:
        return _SMALL[s] + extra
    if s == "a hundred":
        return 100 + extra
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return _SMALL[parts[0]] + _SMALL[parts[1]] + extra
    return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _duration(n: float | None, unit: str) -> str:
    """TimeML duration: ``P3D``, ``PT5H``, ``P20Y`` for two decades, ``PXY`` for vague counts."""
    u = _UNITS[unit.lower().rstrip("s").replace("centurie", "century")]
    if n is None:
        if u in ("H", "S") or (u == "M" and unit.lower().startswith("min")):
            return f"PTX{u}"
        return {"DE": "PXE", "CE": "PXC"}.get(u, f"PX{u}")
    if u == "DE":
        n, u = n * 10, "Y"
    elif u == "CE":
        n, u = n * 100, "Y"
    elif u == "Q":
        n, u = n * 3, "M"
    if not float(n).is_integer():
        # 1.5 years -> P18M, 2.5 hours -> PT2H30M, as TimeML prefers whole numbers.
        if u == "Y":
            n, u = n * 12, "M"
        elif u == "D":
            n, u = n * 24, "H"
        elif u == "W":
            n, u = n * 7, "D"
        elif u == "H":
            return f"PT{int(n)}H{int(round((n % 1) * 60))}M"
    if u in ("H", "S") or (u == "M" and unit.lower().startswith("min")):
        return f"PT{_fmt_num(n)}{u}"
    return f"P{_fmt_num(n)}{u}"


# --------------------------------------------------------------------------------------------
# Tense (HeidelTime looks at the POS tags of the sentence; we look at auxiliaries near the
# expression, which is what decides the direction of ``Friday`` in news copy)

_FUTURE_CUE = (
    r"will|won't|'ll|shall|would|going to|plans? to|planning to|scheduled(?: for)?|expected to"
    r"|as soon as|as early as|no later than|until|set to|due to|is to|are to|intends? to"
    r"|upcoming|(?<!the )(?<!The )next|will be|tomorrow"
)
_PAST_CUE = r"said|says|was|were|had|did|told|announced|last|ago|earlier|\w{3,}ed"
_TENSE = re.compile(rf"\b(?:(?P<f>{_FUTURE_CUE})|(?P<p>{_PAST_CUE}))\b", re.IGNORECASE)


def _is_future(sentence: str, pos: int) -> bool:
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
# Patterns. Each has a name; the value is computed by _normalise from the match groups.

_PATTERNS: list[tuple[str, re.Pattern[str]]] = []


def _p(name: str, pattern: str, flags: int = 0) -> None:
    _PATTERNS.append((name, re.compile(pattern, flags)))


_REL = r"(?:last|this|next|past|coming|previous|current|following)"

# Absolute dates
_p(
    "anaphoric",
    _i(
        r"\b(?P<pre>(?:earlier|later|early|late) )?(?P<w>that (?:same )?(?:year|day|month|week)"
        r"|the (?:next|following|previous) (?:day|morning|evening|night)"
        r"|the day (?:before|after)(?=\s*[,.;:!?)]|\s*$)"
        r"|the (?:previous|following) (?:monday|tuesday|wednesday|thursday|friday|saturday"
        r"|sunday))\b"
    ),
)
_p("period_year", _i(r"\b(?P<w>the (?P<y>(?:19|20)\d\d) (?:period|fiscal year|year))\b"))
_p("year_end", _i(r"\b(?P<w>year(?:'s)?[- ]end|the end of the year)\b"))
_p(
    "clock_day",
    _i(
        r"\b(?P<t>(?:1[0-2]|0?[1-9])(?::[0-5]\d)? ?(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight"
        r"|mid-?afternoon|mid-?morning|late morning)(?: (?:[ECMP][SD]T|GMT|UTC))?,? (?:on )?"
        r"(?P<d>(?:last |next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
        r"|today|yesterday|tomorrow)\b"
    ),
)
_p(
    "spelled_year",
    _i(
        r"\b(?:(?P<pre>the (?:winter|summer|spring|fall) of) )?nineteen[- ]"
        r"(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[- ](?P<u>one|two|three|four|five|six|seven|eight|nine))?\b"
    ),
)
_p(
    "century",
    _i(r"\b(?P<the>the )?(?P<n>1\d|2[01]|[2-9])(?:st|nd|rd|th)[- ]century\b"),
)
_p(
    "nineties",
    _i(
        r"\b(?P<mod>the (?:early |late |mid-?)?)(?P<w>twenties|thirties|forties|fifties|sixties"
        r"|seventies|eighties|nineties)\b"
    ),
)
_p(
    "month_rel_year",
    rf"\b(?P<mon>{_MONTH_RE}) (?P<rel>{_i('last|this|next')}) {_i('year')}\b",
)
_p("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>\d\d):(?P<mi>\d\d))?\b")
_p("mdy_num", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)?\d\d)\b")
_p(
    "wmdy",
    rf"\b(?:(?P<wd>{_WEEKDAY_RE}),? )?(?:(?:the )?(?P<mod>early|late|mid-?) )?"
    rf"(?P<mon>{_MONTH_RE})(?: |\xa0)(?P<d>{_DAY_RE})\b(?:,? (?P<y>{_YEAR_RE})\b)?",
)
_p(
    "dmy",
    rf"\b(?:(?P<wd>{_WEEKDAY_RE}),? )?(?:the )?(?P<d>{_DAY_RE})(?: of)? (?P<mon>{_MONTH_RE})"
    rf"(?:,? (?P<y>{_YEAR_RE}))?\b",
)
_p(
    "month_year",
    rf"\b(?:(?P<mod>[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]he end of|[Tt]he beginning of|[Tt]he start of"
    rf"|[Tt]he middle of) ?)?(?P<mon>{_MONTH_RE})(?:,? (?:of )?(?P<y>{_YEAR_RE}|'\d\d))\b",
)
_MONTH_REL = (
    "last|this|next|early|late|mid|the end of|the beginning of|the start of|the middle of"
    "|early last|late last|early next|late next|earlier this|later this"
)
_YEAR_MOD = (
    "early|late|mid|the end of|the beginning of|the start of|the middle of|fiscal|calendar"
    "|the fiscal year|the year|fiscal year|the summer of|the fall of|the spring of"
    "|the winter of|the first half of|the second half of"
)
_p(
    "month",
    rf"\b(?:(?P<rel>{_i(_MONTH_REL)})[- ])?"
    rf"(?P<mon>{_MONTH_RE})(?!\.?\w)",
)
_p(
    "year",
    rf"(?<![$\d.,])\b(?:(?P<mod>{_i(_YEAR_MOD)})[- ])?"
    rf"(?P<y>{_YEAR_RE})(?P<s>'?s)?\b(?![,.]\d|%| percent| million| billion| \w+s per)",
)
_p(
    "decade",
    rf"\b(?:(?P<the>{_i('the|the early|the late|the mid|early|late|mid')})[- ])?'(?P<dd>\d)0s\b",
)
_p(
    "weekday",
    rf"\b(?:(?P<rel>{_i('last|this|next|this past|this coming|early|late')}) )?"
    rf"(?<!Super )(?<!Black )(?<!Good )(?<!Cyber )(?<!Ash )(?<!Holy )(?P<wd>{_WEEKDAY_RE})"
    rf"(?:(?:'s)? (?P<part>{_i('morning|afternoon|evening|night')}))?\b(?!,? {_MONTH_RE} )",
)
_p(
    "part_of_day",
    rf"\b(?:{_i('the')} )?(?P<part>{_i('(?:early|small|wee|late) hours|(?:early |late )?morning')}"
    rf"|{_i('afternoon|evening|night')})"
    rf" of (?P<d>(?:{_i('last|this|next')} )?{_WEEKDAY_RE}|{_i('today|yesterday|tomorrow')})"
    # "the night of Friday, Oct. 23", "the early hours of Thursday morning": TimeBank marks
    # the date alone.
    rf"\b(?!,? {_MONTH_RE}|,? \d|(?:'s)? {_i('morning|afternoon|evening|night')})",
)
_p(
    "deictic",
    _i(
        r"\b(?:(?P<mod>early|late|earlier|later)\s)?(?P<w>today|tonight|yesterday|tomorrow"
        r"|the day before yesterday|the day after tomorrow)(?:(?:'s)?\s(?P<part>morning|afternoon"
        r"|evening|night))?\b"
    ),
)
_p(
    "this_part",
    _i(r"\b(?P<rel>this|last|yesterday|tomorrow) (?P<part>morning|afternoon|evening|night)\b"),
)
_p(
    "ref",
    _i(
        r"\b(?P<w>now|right now|currently|at present|the present|the moment|present-day|nowadays"
        r"|these days|recently|lately|in recent years|recent years|recent months|recent weeks"
        r"|recent days|previously|formerly|the past|the future|in the future|soon|shortly"
        r"|current|recent|future|once|so far|to date|any time|a while|the time being|"
        r"the near future|the near term|the long term|the short term|the long run|"
        r"the foreseeable future)\b"
    ),
)
_p(
    "rel_unit",
    _i(
        rf"\b(?P<pre>(?:earlier |later |early |late |so far |the rest of |the end of |the "
        rf"beginning of |the start of |the middle of |the first half of |the second half of "
        rf"|the remainder of )?)(?P<rel>{_REL}|this past|the past|the previous|the next|the "
        rf"coming|the last|the current|the following|the latest|the same) (?P<u>week|month|year"
        rf"|quarter|weekend|decade|century|season|period|fiscal year|half)\b"
    ),
)
_p(
    "the_unit",
    _i(
        r"\b(?P<w>the (?:same |whole |entire |full )?(?:week|month|year|weekend|quarter|period"
        r"|decade|day|fiscal year)|(?:year|month|week|quarter)-(?:end|earlier|ago))\b(?!-)"
    ),
)
_p(
    "season",
    _i(
        r"\b(?:(?P<rel>last|this|next|this past|this coming|early|late|mid|the|earlier this"
        r"|later this)[- ])?(?P<s>spring|summer|fall|autumn|winter)(?: of (?P<y>\d{4}))?\b"
    ),
)
_p(
    "quarter",
    _i(
        r"\b(?P<the>(?:the |this year's |last year's |next year's |its |their )?"
        r"(?P<yy>\d{4} )?(?:(?:fiscal|calendar|latest|"
        r"same|year-earlier|year-ago|comparable|current|previous|prior|recent|first|second|"
        r"third|fourth|fiscal first|fiscal second|fiscal third|fiscal fourth|1st|2nd|3rd|4th|"
        r"final)[- ])*)(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|fiscal|latest|"
        r"year-earlier|year-ago|same|current|previous|prior|recent|comparable)?[- ]?"
        r"(?P<u>quarter|half|period)(?:s)?(?: of (?:fiscal )?(?P<y>\d{4}))?\b"
    ),
)
_p(
    "ago",
    _i(
        rf"\b(?P<mod>{_PRE_MOD})?(?P<n>{_NUM}|several|a few|many|some)(?: or so)?[- ]"
        rf"(?P<u>{_UNIT_RE})s?"
        rf"(?: or so)? (?P<dir>ago|earlier|later|before|after|from now|hence|previously|"
        rf"prior|since)\b"
    ),
)
_p(
    "duration",
    _i(
        rf"\b(?P<det>(?:the |a |an |its |their |his |her )?(?:(?:past|last|next|first|final|"
        rf"previous|coming|following|remaining|ensuing|other|latest|same|better part of the|"
        rf"entire|whole|full|succeeding) )?)(?P<mod>{_PRE_MOD})?(?P<n>{_NUM})(?: or so)?[- ]"
        rf"(?P<extra>(?:and-a-half|and a half|or (?:two|three|four|five|six|more)) )?"
        rf"(?P<u>{_UNIT_RE})s?(?:-long)?\b(?!-old| old)"
    ),
)
_p(
    "vague_dur",
    _i(
        r"\b(?P<det>(?:the )?(?:(?:past|last|next|coming|previous|recent|many|several|few|"
        r"some|a few|the last few|the past few|the next few|the past several|the last several"
        r"|the next several|the coming)\s)?)(?P<u>second|minute|hour|day|week|month|year|decade"
        r"|centurie)s\b(?! ago| earlier| later| old)"
    ),
)
_p(
    "set",
    _i(
        r"\b(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|"
        r"(?:every|each|per|a) (?:day|week|month|year|quarter|hour|night))\b"
    ),
)
_p(
    "clock",
    _i(
        r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))? ?(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
        r"(?: (?P<tz>[ECMP][SD]T|GMT|UTC))?"
    ),
)
_p("clock24", r"\b(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?: (?P<tz>[ECMP][SD]T|GMT|UTC))?\b")
_p("noon", r"(?<![Hh]igh )\b(?P<w>(?i:noon|midnight|midday))\b")
_p(
    "holiday",
    r"\b(?P<w>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Thanksgiving(?: Day)?"
    r"|Independence Day|Labor Day|Memorial Day|Easter|Halloween|Valentine's Day)\b",
)

_DATE_KINDS_WITH_DAY = {"iso", "mdy_num", "wmdy", "dmy"}


# --------------------------------------------------------------------------------------------
# Finding


# Each pattern's trigger words: every match of the pattern contains one of them as a token
# ("#" stands for any run of digits). Running a pattern only near its triggers gives the same
# matches as running it over the whole block (see _windows) at a fraction of the cost: most
# patterns try their optional prefixes at every word boundary, and most blocks hold a few
# dates among hundreds of words.
_MONTH_WORDS = "january february march april may june july august september october november \
december jan feb mar apr jun jul aug sep sept oct nov dec"
_WEEKDAY_WORDS = "monday tuesday wednesday thursday friday saturday sunday"
_UNIT_WORDS = "second minute hour day night week month year decade century centurie quarter"
_DEICTIC_WORDS = "today tonight yesterday tomorrow"
_TRIGGER_WORDS: dict[str, str] = {
    "anaphoric": f"year day month week morning evening night {_WEEKDAY_WORDS}",
    "period_year": "#",
    "year_end": "year",
    "clock_day": f"{_WEEKDAY_WORDS} {_DEICTIC_WORDS}",
    "spelled_year": "nineteen",
    "century": "century",
    "nineties": "twenties thirties forties fifties sixties seventies eighties nineties",
    "month_rel_year": _MONTH_WORDS,
    "iso": "#",
    "mdy_num": "#",
    "wmdy": _MONTH_WORDS,
    "dmy": _MONTH_WORDS,
    "month_year": _MONTH_WORDS,
    "month": _MONTH_WORDS,
    "year": "#",
    "decade": "#",
    "weekday": _WEEKDAY_WORDS,
    "part_of_day": f"{_WEEKDAY_WORDS} {_DEICTIC_WORDS}",
    "deictic": _DEICTIC_WORDS,
    "this_part": "morning afternoon evening night",
    "ref": "now currently present moment nowadays day recently lately recent previously formerly"
    " past future soon shortly current once far date time while term run",
    "rel_unit": "week month year quarter weekend decade century season period half",
    "the_unit": "week month year weekend quarter period decade day",
    "season": "spring summer fall autumn winter",
    "quarter": "quarter half period",
    "ago": _UNIT_WORDS,
    "duration": _UNIT_WORDS,
    "vague_dur": _UNIT_WORDS,
    "set": f"daily weekly monthly annually yearly hourly nightly {_UNIT_WORDS}",
    "clock": "#",
    "clock24": "#",
    "noon": "noon midnight midday",
    "holiday": "christmas year thanksgiving independence labor memorial easter halloween"
    " valentine",
}
_TRIGGER_INDEX: dict[str, list[str]] = {}
for _name, _words in _TRIGGER_WORDS.items():
    for _w in _words.split():
        _TRIGGER_INDEX.setdefault(_w, []).append(_name)
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_MARGIN = 160  # longer than any match plus the context its lookarounds read
# Tighter (left, right) margins for patterns whose triggers are frequent (digits, unit words),
# each still longer than the pattern can reach from its trigger: the words it allows before
# the trigger token and after its start, plus what its lookarounds read.
_MARGINS: dict[str, tuple[int, int]] = {
    "year": (40, 60), "clock": (12, 40), "clock24": (12, 30), "iso": (24, 24),
    "mdy_num": (12, 12), "period_year": (12, 30), "decade": (24, 12), "set": (16, 24),
    "duration": (110, 40), "ago": (110, 50), "vague_dur": (60, 40), "rel_unit": (90, 40),
    "the_unit": (40, 30), "weekday": (40, 50), "month": (50, 40), "ref": (40, 40),
}  # fmt: skip


def _windows(
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


def _candidates(text: str, start: int, end: int) -> list[tuple[int, int, str, re.Match[str]]]:
    """Every pattern's matches in ``text[start:end]``, as a scan of the whole block finds them.

    Each pattern runs only in stretches around its trigger tokens, and a match counts only if
    it overlaps one: every match of the whole-block scan contains a trigger and is shorter than
    the margin, so it is found; a match the stretch's artificial end created ("daily" cut from
    "dailymail") contains none, so it is dropped.
    """
    hits: dict[str, list[tuple[int, int]]] = {}
    for tok in _TOKEN.finditer(text, start, end):
        w = tok.group()
        key = "#" if w[0].isdigit() else w.lower()
        names = _TRIGGER_INDEX.get(key)
        if names is None and key.endswith("s"):
            names = _TRIGGER_INDEX.get(key[:-1])
        for name in names or ():
            hits.setdefault(name, []).append(tok.span())
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for name, pat in _PATTERNS:
        if name not in _TRIGGER_WORDS:  # a pattern without declared triggers reads everything
            found.extend((m.start(), m.end(), name, m) for m in pat.finditer(text, start, end)
                         if m.end() > m.start())  # fmt: skip
            continue
        toks = hits.get(name, [])
        starts = [t[0] for t in toks]
        for lo, hi in _windows(toks, start, end, _MARGINS.get(name, (_MARGIN, _MARGIN))):
            for m in pat.finditer(text, lo, hi):
                i = bisect_right(starts, m.end() - 1) - 1  # the last trigger starting inside
                if m.end() > m.start() and i >= 0 and toks[i][1] > m.start():
                    found.append((m.start(), m.end(), name, m))
    return found


def _select(
    cands: list[tuple[int, int, str, re.Match[str]]],
) -> list[tuple[int, int, str, re.Match[str]]]:
    """Longest match wins; on ties the earlier pattern in _PATTERNS (more specific) wins."""
    order = {name: i for i, (name, _) in enumerate(_PATTERNS)}
    cands.sort(key=lambda c: (-(c[1] - c[0]), order[c[2]], c[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken


_SENT_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])|\n\s*\n|\n(?=[A-Z])")


def _sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
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
    sents = list(sentences) if sentences is not None else _sentence_bounds(text, start, end)
    state = _State(anchor=anchor, window=window)
    state.quarter_context = bool(re.search(r"\bquarter|\bfiscal\b|\bnet income\b|\bper share\b",
                                           text[start:end], _F))  # fmt: skip
    out: list[Timex] = []
    si = 0
    for s, _e, kind, m in _select(_candidates(text, start, end)):
        while si + 1 < len(sents) and sents[si][1] <= s:
            si += 1
        sent = sents[si] if sents else (start, end)
        res = _normalise(kind, m, text, sent, state)
        if res is None:
            continue
        ttype, value, (s2, e2) = res
        out.append(Timex(s2, e2, text[s2:e2], ttype, value, kind))
    return out


# --------------------------------------------------------------------------------------------
# Normalising

_Res = tuple[TimexType, str | None, tuple[int, int]]


def _month_num(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")]


def _choose_year_for(month: int, day: int | None, state: _State, future: bool) -> int | None:
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


def _weekday_date(wd: int, state: _State, rel: str | None, future: bool) -> date | None:
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


def _span(m: re.Match[str]) -> tuple[int, int]:
    return m.span()


def _normalise(
    kind: str, m: re.Match[str], text: str, sent: tuple[int, int], state: _State
) -> _Res | None:
    g = m.groupdict()
    a = state.anchor
    span = _span(m)
    sentence = text[sent[0] : sent[1]]
    state.extras["sentence"] = sentence
    pos = m.start() - sent[0]
    future = _is_future(sentence, pos)
    state.extras["future"] = future

    if kind == "clock_day":
        day_words = g["d"].lower().split()
        if a is None:
            return "TIME", None, span
        if day_words[-1] in _WEEKDAYS:
            d2 = _weekday_date(
                _WEEKDAYS[day_words[-1]],
                state,
                day_words[0] if len(day_words) > 1 else None,
                future,
            )
        else:
            d2 = a + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[day_words[-1]])
        if d2 is None:
            return "TIME", None, span
        t = g["t"].lower()
        if t == "noon":
            hhmm = "12:00"
        elif t == "midnight":
            hhmm = "24:00"
        elif "afternoon" in t:
            return "TIME", f"{d2.isoformat()}TAF", span
        elif "morning" in t:
            return "TIME", f"{d2.isoformat()}TMO", span
        else:
            cm = re.match(r"(\d+)(?::(\d\d))? ?([ap])", t)
            if cm is None:
                return None
            h = int(cm.group(1)) % 12 + (12 if cm.group(3) == "p" else 0)
            hhmm = f"{h:02d}:{cm.group(2) or '00'}"
        return "TIME", f"{d2.isoformat()}T{hhmm}", span
    if kind == "spelled_year":
        tens = _SMALL[g["t"].lower()]
        units = _SMALL[g["u"].lower()] if g["u"] else 0
        y = 1900 + int(tens) + int(units)
        if g["pre"]:
            return "DATE", f"{y}-{_SEASONS[g['pre'].split()[1].lower()]}", span
        return "DATE", str(y), span
    if kind == "century":
        return "DATE", f"{int(g['n']) - 1:02d}", span
    if kind == "nineties":
        tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}[g["w"].lower()]  # fmt: skip
        return "DATE", f"19{tens}", span
    if kind == "month_rel_year":
        if a is None:
            return "DATE", None, span
        y = a.year + {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        return "DATE", f"{y}-{_month_num(g['mon']):02d}", span
    if kind == "anaphoric":
        return _anaphoric(g["w"].lower(), span, state)
    if kind == "period_year":
        return "DATE", g["y"], span
    if kind == "year_end":
        if a is None:
            return "DATE", None, span
        # Past-tense year-end talk late in the year is this year's; early in the year, last's.
        y = a.year if a.month > 3 or future else a.year - 1
        return "DATE", str(y), span
    if kind == "iso":
        try:
            d = date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        state.last_date = d
        if g["hh"]:
            return "TIME", f"{d.isoformat()}T{g['hh']}:{g['mi']}", span
        return "DATE", d.isoformat(), span
    if kind == "mdy_num":
        y = int(g["y"])
        y = y + (1900 if y >= 30 else 2000) if y < 100 else y
        try:
            d = date(y, int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        state.last_date = d
        return "DATE", d.isoformat(), span
    if kind in ("wmdy", "dmy"):
        mon = _month_num(g["mon"])
        day = int(re.sub(r"\D", "", g["d"]))
        if g.get("mod"):
            # "late March 5" is not a thing; "early March" followed by a number is a count.
            return None
        yr: int | None
        if g["y"]:
            yr = int(g["y"])
        elif g["wd"] and a is not None:
            # A weekday pins the year: pick the candidate year whose date has that weekday.
            yr = _choose_year_for(mon, day, state, future)
            wd = _WEEKDAYS[g["wd"].lower()]
            for cy in (a.year, a.year - 1, a.year + 1):
                try:
                    if date(cy, mon, day).weekday() == wd:
                        yr = cy
                        break
                except ValueError:
                    pass
        else:
            yr = _choose_year_for(mon, day, state, future)
        if yr is None:
            return "DATE", f"XXXX-{mon:02d}-{day:02d}", span
        try:
            d = date(yr, mon, day)
        except ValueError:
            return None
        state.last_date = d
        return "DATE", d.isoformat(), span
    if kind == "month_year":
        mon = _month_num(g["mon"])
        ys = g["y"]
        y = int(ys) if not ys.startswith("'") else 1900 + int(ys[1:])
        return "DATE", f"{y}-{mon:02d}", span
    if kind == "month":
        mon_s = g["mon"]
        if mon_s in ("May", "March", "MARCH") and not g["rel"]:
            # "May" is a modal at sentence start; "March" a noun. Need a date-like context.
            before = text[max(0, m.start() - 12) : m.start()].lower()
            if not re.search(r"\b(?:in|since|until|by|of|through|during|from|to|early|late|last|"
                             r"next|this|mid|between|and)\s*$", before):  # fmt: skip
                return None
        mon = _month_num(mon_s)
        rel = (g["rel"] or "").lower()
        if a is None:
            return "DATE", f"XXXX-{mon:02d}", span
        if "last" in rel:
            y = a.year if mon < a.month else a.year - 1
        elif "next" in rel:
            y = a.year if mon > a.month else a.year + 1
        elif "this" in rel:
            y = a.year
        else:
            y = _choose_year_for(mon, None, state, future) or a.year
        return "DATE", f"{y}-{mon:02d}", span
    if kind == "year":
        y = int(g["y"])
        mod = (g["mod"] or "").lower()
        if g["s"]:
            if g["s"] == "'s" and not mod:
                return None  # "1990's budget": keep it simple, skip possessive-like forms
            if y % 10:
                return None
            return "DATE", f"{str(y)[:3]}X", span
        # Guard against quantities ("2000 troops", "1,500"): a year-like number followed by a
        # plural count noun or a unit is a count, not a year.
        after = text[m.end() : m.end() + 20].lower()
        if (
            not mod
            and re.match(
                r"^\s*(?:[a-z]+s\b(?<!\bitems)(?<!\bss)|feet|foot|men|people"
                r"|children|sq|km|kg|mph|meters?|metres?|pounds?|tons?)",
                after,
            )
            and not re.match(
                r"^\s*(?:elections|olympics|games|campaigns|levels|results|earnings|figures|sales"
                r"|profits|losses|accounts|years|was|is|has|models|plans|budgets)\b",
                after,
            )
        ):
            return None
        before = text[max(0, m.start() - 3) : m.start()]
        if re.search(r"[#№]\s*$|\bNo\.\s*$", before):
            return None
        if "half" in mod:
            return "DATE", f"{y}-H{1 if 'first' in mod else 2}", span
        for s_word, code in _SEASONS.items():
            if s_word in mod:
                return "DATE", f"{y}-{code}", span
        return "DATE", str(y), span
    if kind == "decade":
        dd = g["dd"]
        # '90s: the century from the anchor (or 19xx by default).
        cent = "19" if a is None or int(dd) * 10 > (a.year % 100) else str(a.year)[:2]
        return "DATE", f"{cent}{dd}", span
    if kind == "weekday":
        wd = _WEEKDAYS[g["wd"].lower()]
        rel = (g["rel"] or "").lower()
        if rel in ("early", "late"):
            rel = ""
        d2 = _weekday_date(wd, state, rel, future)
        part = (g["part"] or "").lower()
        if d2 is None:
            return "DATE", "XXXX-XX-XX", span
        state.last_date = d2
        if part:
            # TimeBank/AQUAINT mostly give "Friday night" the day's value, not ...TNI.
            return "TIME", d2.isoformat(), span
        return "DATE", d2.isoformat(), span
    if kind == "part_of_day":
        # "the early hours of Tuesday": TimeBank gives a part of a named day the day's value
        # (as for "Friday night" above).
        words = g["d"].lower().split()
        if a is None:
            return "TIME", None, span
        if words[-1] in _WEEKDAYS:
            d2 = _weekday_date(_WEEKDAYS[words[-1]], state, words[0] if len(words) > 1 else None,
                               future)  # fmt: skip
        else:
            d2 = a + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[words[-1]])
        if d2 is None:
            return "TIME", None, span
        state.last_date = d2
        return "TIME", d2.isoformat(), span
    if kind == "deictic":
        w = g["w"].lower()
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                 "the day before yesterday": -2, "the day after tomorrow": 2}[w]  # fmt: skip
        if a is None:
            return "DATE", "XXXX-XX-XX", span
        d2 = a + timedelta(days=shift)
        part = (g["part"] or "").lower()
        if w == "tonight":
            return "TIME", f"{d2.isoformat()}TNI", span
        if part:
            return "TIME", f"{d2.isoformat()}T{_PARTS[part]}", span
        return "DATE", d2.isoformat(), span
    if kind == "this_part":
        rel = g["rel"].lower()
        if a is None:
            return "TIME", None, span
        shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
        if rel == "last" and g["part"].lower() != "night":
            return None
        return (
            "TIME",
            f"{(a + timedelta(days=shift)).isoformat()}T{_PARTS[g['part'].lower()]}",
            span,
        )
    if kind == "ref":
        w = g["w"].lower()
        s2, e2 = span
        if w.startswith("in "):
            s2 += 3
        table = {
            "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
            "at present": "PRESENT_REF", "the present": "PRESENT_REF", "the moment": None,
            "present-day": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
            "current": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
            "in recent years": "PAST_REF", "recent years": "PAST_REF", "recent months": "PXM",
            "recent weeks": "PXW", "recent days": "PXD", "previously": None,
            "formerly": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF",
            "in the future": "FUTURE_REF", "soon": None, "shortly": None,
            "recent": "PAST_REF", "future": "FUTURE_REF", "once": None, "so far": None,
            "to date": None, "any time": None, "a while": None, "the time being": None,
            "the near future": "FUTURE_REF", "the near term": None, "the long term": None,
            "the short term": None, "the long run": None, "the foreseeable future": "FUTURE_REF",
        }  # fmt: skip
        val = table.get(w)
        if val is None:
            return None
        if w in ("current", "recent", "future"):
            # Adjectives: only when they modify a time-ish or status noun is it a timex in
            # TimeBank; "the current account" is not. Keep the frequent safe cases.
            after = text[e2 : e2 + 25].lower()
            if (
                w == "future"
                and not re.match(r"^\s*[,.;]", after)
                and not text[max(0, s2 - 4) : s2].lower().startswith("the")
            ):
                return None
            if w == "recent" and not re.match(
                r"^\s*(?:years|months|weeks|days|decades|times|history|past|period|quarters?)\b",
                after,
            ):
                return None
            if w == "current" and re.match(
                r"^\s*(?:account|accounts|affairs|events|assets|liabilities)\b", after
            ):
                return None
            if w == "recent" and re.match(r"^\s*(?:years|months|weeks|days)\b", after):
                return None  # covered by "recent years" etc.
        if val.startswith("PX"):
            return "DURATION", val, (s2, e2)
        return "DATE", val, (s2, e2)
    if kind == "rel_unit":
        return _rel_unit(g, span, state, future)
    if kind == "the_unit":
        w = g["w"].lower()
        if a is None:
            return "DATE", None, span
        if w in ("year-end",):
            return "DATE", f"{a.year}-12-31", span
        if w in ("year-earlier", "year-ago"):
            if state.last_quarter and state.quarter_context:
                yq, q = state.last_quarter
                return "DATE", f"{yq - 1}-Q{q}", span
            return "DATE", str(a.year - 1), span
        if w.endswith("quarter"):
            yq, q = state.last_quarter or _prev_quarter(a)
            return "DATE", f"{yq}-Q{q}", span
        if w in ("the year", "the fiscal year"):
            before = text[max(0, m.start() - 5) : m.start()]
            money = re.search(
                r"\$|\byen\b|#\d|\b(?:net income|revenue|profit|loss|earnings)\b", sentence, _F
            )
            if money and re.search(r"\b(?:for|in) $", before):
                # Earnings copy: "net income for the year" is the fiscal year as a period.
                return "DURATION", "P1Y", span
        if w in ("the year", "the full year", "the whole year", "the fiscal year"):
            return "DATE", str(a.year), span
        if w in ("the month", "the same month"):
            return "DATE", f"{a.year}-{a.month:02d}", span
        if w in ("the week", "the same week"):
            return "DATE", _week(a), span
        if w == "the weekend":
            d2 = (
                a - timedelta(days=(a.weekday() - 5) % 7)
                if a.weekday() >= 5
                else a - timedelta(days=a.weekday() + 2)
            )
            return "DATE", f"{_week(d2)}-WE", span
        if w == "the decade":
            return "DATE", str(a.year)[:3], span
        return None
    if kind == "season":
        code = _SEASONS[g["s"].lower()]
        rel = (g["rel"] or "").lower()
        if g["y"]:
            return "DATE", f"{g['y']}-{code}", span
        if rel == "the" and a is not None:
            # "over the summer": the latest such season that has begun.
            start_m = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
            return "DATE", f"{a.year if start_m <= a.month else a.year - 1}-{code}", span
        if not rel:
            # Bare "summer": needs a preposition to be a date ("in summer").
            before = text[max(0, m.start() - 8) : m.start()].lower()
            if not re.search(r"\b(?:in|this|by|until|since|during|over|through)\s*$", before):
                return None
        if a is None:
            return "DATE", f"XXXX-{code}", span
        season_start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        y = a.year
        if "last" in rel or rel == "this past":
            y = a.year if season_start + 3 <= a.month else a.year - 1
        elif "next" in rel or rel == "this coming":
            y = a.year if season_start > a.month else a.year + 1
        return "DATE", f"{y}-{code}", span
    if kind == "quarter":
        return _quarter_expr(g, span, text, state)
    if kind == "ago":
        return _ago(g, span, state)
    if kind == "duration":
        n_s = g["n"]
        unit = g["u"].lower()
        det = (g["det"] or "").lower().strip()
        n = _num(n_s)
        if n_s.lower() in ("a", "an") and det in ("", "the"):
            if (
                unit in ("second", "minute", "day", "night")
                and re.match(r"\s*(?:or|and)\b", text[m.end() : m.end() + 5]) is None
            ):
                pass
            # "a day" inside "twice a day" is a SET; "$5 a year" too.
            before = text[max(0, m.start() - 12) : m.start()].lower()
            if re.search(r"(?:\d|times|twice|once|percent|%|cents?|dollars?|a)\s*$", before):
                return "SET", _duration(1, unit), span
        if n_s.lower() in ("some", "many") and unit in ("time",):
            return None
        if unit == "quarter" and (
            "fiscal" in det
            or re.match(r"\s*of\b", text[m.end() : m.end() + 4])
            or "-quarters" in m.group(0).lower()
        ):
            return None  # "three-quarters of the vote" is a fraction
        if unit == "second" and n_s.lower() in ("a",):
            return None
        s2 = span[0]
        hyphenated = bool(re.search(r"\w-" + unit, m.group(0).lower()))
        if det.startswith(("its ", "their ", "his ", "her ")) or (
            det in ("a", "an") and n_s.lower() not in ("a", "an", "few", "couple of")
        ):
            s2 += len(det.split(" ")[0]) + 1
        elif det == "the" and hyphenated:
            s2 += 4  # "the eight-year agreement": the article belongs to the noun
        if g["mod"] and g["mod"].strip().lower() in ("only", "just", "over", "barely"):
            s2 = m.start("n")
        val = _duration(n, unit)
        if g["extra"] and "or" in g["extra"].lower():
            val = _duration(None, unit)
        return "DURATION", val, (s2, span[1])
    if kind == "vague_dur":
        unit = g["u"].lower()
        det = (g["det"] or "").lower().strip()
        if not det:
            before = text[max(0, m.start() - 12) : m.start()].lower()
            after = text[m.end() : m.end() + 12].lower()
            if (
                re.search(r"\b(?:the|their|its|his|her|for|of)\s*$", before) is None
                and not re.match(r"\s*(?:of|to come|later|before|after|ago)", after)
                and unit in ("second", "minute", "hour")
            ):
                return None
            if re.search(r"\bthe\s*$", before):
                return None
        s2 = span[0] + 4 if det == "the" else span[0]
        return "DURATION", _duration(None, unit), (s2, span[1])
    if kind == "set":
        w = g["w"].lower()
        unit = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
                "yearly": "year", "hourly": "hour", "nightly": "night"}.get(w)  # fmt: skip
        if unit is None:
            unit = w.split()[-1]
            if w.startswith("a "):
                before = text[max(0, m.start() - 12) : m.start()].lower()
                if not re.search(
                    r"(?:\d|times|twice|once|percent|%|cents?|dollars?|million|billion)\s*$", before
                ):
                    return None
            if w.startswith("per "):
                return None
        if unit == "quarter":
            return "SET", "P3M", span
        return "SET", _duration(1, unit), span
    if kind in ("clock", "clock24"):
        h = int(g["h"])
        mi = int(g["mi"] or 0)
        if kind == "clock":
            ap = g["ap"].lower()
            if ap.startswith("p") and h < 12:
                h += 12
            if ap.startswith("a") and h == 12:
                h = 0
        if kind == "clock24" and not g["tz"]:
            before = text[max(0, m.start() - 4) : m.start()].lower()
            if not re.search(r"\b(?:at)\s*$", before):
                return None
        base = state.last_date or a
        day_s = base.isoformat() if base else "XXXX-XX-XX"
        return "TIME", f"{day_s}T{h:02d}:{mi:02d}", span
    if kind == "noon":
        w = g["w"].lower()
        base = state.last_date or a
        day_s = base.isoformat() if base else "XXXX-XX-XX"
        return "TIME", f"{day_s}T{'12:00' if w != 'midnight' else '24:00'}", span
    if kind == "holiday":
        if a is None:
            return "DATE", None, span
        w = g["w"]
        y = a.year
        if w.startswith("Christmas"):
            d2 = date(y, 12, 24 if w.endswith("Eve") else 25)
        elif w.startswith("New Year"):
            d2 = (
                date(y, 12, 31)
                if w.endswith("Eve")
                else date(y + (1 if a.month == 12 else 0), 1, 1)
            )
        elif w.startswith("Thanksgiving"):
            nov1 = date(y, 11, 1)
            d2 = nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)
        elif w == "Independence Day":
            d2 = date(y, 7, 4)
        elif w == "Halloween":
            d2 = date(y, 10, 31)
        elif w == "Valentine's Day":
            d2 = date(y, 2, 14)
        else:
            return "DATE", None, span
        if d2 > a + timedelta(days=7) and not future:
            return _normalise(
                kind,
                m,
                text,
                sent,
                _State(
                    anchor=date(a.year - 1, 12, 31) if d2.month < 12 else date(a.year - 1, 12, 30)
                ),
            )
        return "DATE", d2.isoformat(), span
    return None


def _anaphoric(w: str, span: tuple[int, int], state: _State) -> _Res | None:
    """``that year``, ``the next day``: resolved against the last date the text stated."""
    ref = state.last_date
    if ref is None:
        return "DATE", None, span
    if w.startswith("that"):
        unit = w.split()[-1]
        if unit == "year":
            return "DATE", str(ref.year), span
        if unit == "month":
            return "DATE", f"{ref.year}-{ref.month:02d}", span
        if unit == "week":
            return "DATE", _week(ref), span
        return "DATE", ref.isoformat(), span
    words = w.split()
    if words[-1] in _WEEKDAYS:
        wd = _WEEKDAYS[words[-1]]
        if words[1] == "previous":
            d2 = ref - timedelta(days=(ref.weekday() - wd - 1) % 7 + 1)
        else:
            d2 = ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
        return "DATE", d2.isoformat(), span
    shift = -1 if ("previous" in words or "before" in words) else 1
    d2 = ref + timedelta(days=shift)
    if words[-1] in _PARTS:
        return "TIME", f"{d2.isoformat()}T{_PARTS[words[-1]]}", span
    return "DATE", d2.isoformat(), span


def _prev_quarter(a: date) -> tuple[int, int]:
    q = _quarter(a) - 1
    return (a.year, q) if q >= 1 else (a.year - 1, 4)


def _rel_unit(g: dict[str, Any], span: tuple[int, int], state: _State, future: bool) -> _Res | None:
    a = state.anchor
    rel = g["rel"].lower()
    unit = g["u"].lower()
    pre = (g["pre"] or "").strip().lower()
    if a is None:
        return "DATE", None, span
    if rel in (
        "the past",
        "the last",
        "the next",
        "the coming",
        "the following",
        "the previous",
    ) and unit not in ("weekend",):
        # "the past year" is a date (last year) in TimeBank; "the next week" a duration-ish.
        if unit == "year" and rel in ("the past", "the last", "the previous"):
            return "DATE", str(a.year - 1), span
        if unit in ("decade", "century"):
            return "DURATION", _duration(1, unit), span
        if unit == "year" and rel in ("the next", "the coming", "the following"):
            return "DURATION", "P1Y", span
        if unit in ("week", "month", "quarter"):
            return "DURATION", _duration(1, unit), span
    step = {"last": -1, "past": -1, "previous": -1, "this past": -1, "the past": -1,
            "the previous": -1, "the last": -1, "next": 1, "coming": 1, "the next": 1,
            "the coming": 1, "following": 1, "the following": 1}.get(rel, 0)  # fmt: skip
    if rel in ("the latest",) and unit in ("period", "quarter"):
        yq, q = _prev_quarter(a)
        return "DATE", f"{yq}-Q{q}", span
    if unit == "week":
        return "DATE", _week(a + timedelta(weeks=step)), span
    if unit == "weekend":
        d2 = a + timedelta(weeks=step)
        if step == 0 and a.weekday() < 5 and not future:
            d2 = a - timedelta(days=7)
        return "DATE", f"{_week(d2)}-WE", span
    if unit == "month":
        d2 = _shift_months(a, step)
        return "DATE", f"{d2.year}-{d2.month:02d}", span
    if unit in ("year", "fiscal year"):
        return "DATE", str(a.year + step), span
    if unit == "quarter":
        idx = a.year * 4 + _quarter(a) - 1 + step
        y, q = divmod(idx, 4)
        state.last_quarter = (y, q + 1)
        return "DATE", f"{y}-Q{q + 1}", span
    if unit == "half":
        h = 1 if a.month <= 6 else 2
        idx = a.year * 2 + h - 1 + step
        y, h0 = divmod(idx, 2)
        return "DATE", f"{y}-H{h0 + 1}", span
    if unit == "decade":
        return "DATE", str(a.year // 10 + step), span
    if unit == "century":
        return "DATE", str(a.year // 100 + step), span
    if unit == "season":
        return None
    if unit == "period":
        return None
    _ = pre
    return None


def _quarter_expr(
    g: dict[str, Any], span: tuple[int, int], text: str, state: _State
) -> _Res | None:
    a = state.anchor
    the = (g["the"] or "").lower()
    lead = re.match(r"(?:its |their |the (?=\w+-quarter))", text[span[0] : span[1]], re.I)
    if lead:
        span = (span[0] + lead.end(), span[1])
    q_s = (g["q"] or "").lower()
    unit = g["u"].lower()
    words = the + " " + q_s
    qnum = 0
    for w, n in _ORDINALS.items():
        if re.search(rf"\b{w}\b", words):
            qnum = n
    if unit == "period" and not re.search(
        r"\b(?:latest|year-earlier|year-ago|same|comparable)\b", words
    ):
        return None
    if unit == "half":
        if not qnum:
            return None
        if a is None:
            return "DATE", f"XXXX-H{qnum}", span
        y = int(g["y"]) if g["y"] else a.year - (1 if qnum == 2 and a.month <= 6 else 0)
        return "DATE", f"{y}-H{qnum}", span
    if not qnum and not the.strip() and not q_s:
        return None  # bare "quarter" ("a quarter of the votes")
    if not qnum and not re.search(
        r"\b(?:the|latest|year-earlier|year-ago|same|current|previous|prior|recent|comparable|fiscal)\b",
        words,
    ):
        return None
    if a is None:
        return "DATE", f"XXXX-Q{qnum}" if qnum else None, span
    if g["yy"]:
        g = dict(g, y=g["yy"].strip())
    if re.search(r"\blatest\b", words) and not qnum:
        yq, q = _prev_quarter(a)
        return "DATE", f"{yq}-Q{q}", span
    if "next year's" in words and qnum:
        return "DATE", f"{a.year + 1}-Q{qnum}", span
    if re.search(r"\b(?:year-earlier|year-ago|comparable)\b", words) or "last year's" in words:
        yq, q = state.last_quarter or _prev_quarter(a)
        if qnum:
            q = qnum
        return "DATE", f"{yq - 1}-Q{q}", span
    if qnum:
        if g["y"]:
            y = int(g["y"])
        else:
            aq = _quarter(a)
            # A quarter after the anchor's is this year's when spoken of in the future tense
            # ("fourth-quarter profit will..."), last year's when in the past.
            y = a.year if qnum <= aq or state.extras.get("future") else a.year - 1
        state.last_quarter = (y, qnum)
        state.extras["q_sent"] = state.extras.get("sentence")
        return "DATE", f"{y}-Q{qnum}", span
    if re.search(r"\b(?:previous|prior)\b", words):
        yq, q = state.last_quarter or _prev_quarter(a)
        idx = yq * 4 + q - 2
        return "DATE", f"{idx // 4}-Q{idx % 4 + 1}", span
    if re.search(r"\bcurrent\b", words):
        return "DATE", f"{a.year}-Q{_quarter(a)}", span
    yq, q = state.last_quarter or _prev_quarter(a)
    return "DATE", f"{yq}-Q{q}", span


def _ago(g: dict[str, Any], span: tuple[int, int], state: _State) -> _Res | None:
    a = state.anchor
    n = _num(g["n"])
    unit = g["u"].lower()
    d = g["dir"].lower()
    if d in ("before", "after", "since", "prior", "previously"):
        # Relative to another event: TimeML marks the duration only ("three days").
        m_end = span[0] + len(g["mod"] or "") + len(g["n"]) + 1 + len(unit)
        full = span
        s2 = span[0]
        _ = full
        return "DURATION", _duration(n, unit), (s2, _trim_plural(m_end, unit, g, span))
    if d in ("earlier", "later") and not (unit == "year" and n == 1):
        return "DURATION", _duration(n, unit), span
    if a is None:
        return "DATE", None, span
    if n is None:
        return "DATE", "PAST_REF" if d in ("ago", "earlier") else "FUTURE_REF", span
    sign = -1 if d in ("ago", "earlier") else 1
    u = _UNITS[unit]
    sentence = str(state.extras.get("sentence", ""))
    if u == "Y" and n == 1 and d in ("earlier", "ago") and state.quarter_context:
        # Earnings copy: "net income rose from $5 million a year earlier" compares quarters.
        if re.search(r"\bquarter|\bperiod\b", sentence, _F):
            yq, q = (
                state.last_quarter
                if state.extras.get("q_sent") == sentence and state.last_quarter
                else _prev_quarter(a)
            )
            return "DATE", f"{yq - 1}-Q{q}", span
        if re.search(
            r"\b(?:net|profit|earnings|income|loss|revenue|sales|per share|earned)\b", sentence, _F
        ) and not re.search(r"\byear\b(?! (?:earlier|ago))", sentence, _F):
            yq, q = _prev_quarter(a)
            return "DATE", f"{yq - 1}-Q{q}", span
    k = int(n) if float(n).is_integer() else n
    if u == "D":
        return "DATE", (a + timedelta(days=sign * int(k))).isoformat(), span
    if u == "W":
        return "DATE", _week(a + timedelta(weeks=sign * int(k))), span
    if u == "M" and unit == "month":
        d2 = _shift_months(a, sign * int(k))
        return "DATE", f"{d2.year}-{d2.month:02d}", span
    if u == "Y":
        return "DATE", str(a.year + sign * int(k)), span
    if u == "DE":
        return "DATE", str(a.year + sign * 10 * int(k)), span
    if u == "H":
        return "TIME", None, span
    return "DATE", None, span


def _trim_plural(m_end: int, unit: str, g: dict[str, Any], span: tuple[int, int]) -> int:
    # The duration ends after the unit word, plural "s" included ("three days before").
    return m_end + 1 if span[1] > m_end and g["u"] and g["n"] and _num(g["n"]) != 1 else m_end


# --------------------------------------------------------------------------------------------
# TimeML value -> our model


def timeml_to_iso(value: str | None, ttype: str) -> tuple[str | None, Granularity]:
    """Map a TimeML value to an ISO date and a granularity for :class:`TimeMention`.

    Args:
        value: the TimeML value.
        ttype: the TimeML type.

    Returns:
        ``(iso, granularity)``: a day gives ``YYYY-MM-DD``; a week its Monday; a month its first
        day; a year its 1 January; times their day; durations and references give None.
    """
    if value is None:
        return None, "duration" if ttype == "DURATION" else "unknown"
    if value.endswith("_REF"):
        return None, "unknown"  # PRESENT_REF, PAST_REF, FUTURE_REF: no calendar date
    if ttype in ("DURATION", "SET") or value.startswith("P"):
        return None, "duration"
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(T.*)?", value)
    if m:
        iso = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        return iso, "time" if m.group(4) else "day"
    m = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value)
    if m:
        # A week is dated by its Monday; a weekend by its Saturday, the day it starts.
        first = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
        return first.isoformat(), "week"
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if m:
        return f"{m.group(1)}-{m.group(2)}-01", "month"
    m = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if m:
        return f"{m.group(1)}-{(int(m.group(2)) - 1) * 3 + 1:02d}-01", "month"
    m = re.fullmatch(r"(\d{4})(?:-(?:H\d|SP|SU|FA|WI))?", value)
    if m:
        return f"{m.group(1)}-01-01", "year"
    return None, "unknown"


# --------------------------------------------------------------------------------------------
# The tagger's pieces the anchoring layer (extract.article.dated_events) builds on

DATE_KINDS_WITH_DAY = _DATE_KINDS_WITH_DAY  # rules whose value carries a day of the month
NUM_RE = _NUM  # a number in digits or words
UNIT_RE = _UNIT_RE  # a calendar unit word (singular)
YEAR_RE = _YEAR_RE  # a four-digit year
number = _num  # a number's value from digits or words
sentence_bounds = _sentence_bounds  # sentence stretches when no parser ran
shift_months = _shift_months  # a date moved by whole months
trigger_windows = _windows  # merged stretches around trigger tokens
