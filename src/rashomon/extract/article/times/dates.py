"""Calendar dates the text states: ISO and numeric dates, month-day, months, years, decades."""

from __future__ import annotations

import re
from datetime import date

from .calendar import month_num
from .context import Hit, Result, State, TimePattern, choose_year_for, i, rule
from .vocabulary import (
    COUNTS,
    DAY_RE,
    DECADE_RE,
    DECADES,
    MONTH_RE,
    MONTH_WORDS,
    SEASONS,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
)

# Rules whose value carries a day of the month.
DATE_KINDS_WITH_DAY = {"iso", "mdy_num", "wmdy", "dmy"}


def _period_year(x: Hit) -> Result | None:
    return "DATE", x.group("y"), x.span


def _year_end(x: Hit) -> Result | None:
    a = x.anchor
    if a is None:
        return "DATE", None, x.span
    # Past-tense year-end talk late in the year is this year's; early in the year, last's.
    y = a.year if a.month > 3 or x.future else a.year - 1
    return "DATE", str(y), x.span


def _spelled_year(x: Hit) -> Result | None:
    """``nineteen ninety-eight``, ``the winter of nineteen eighty``."""
    y = 1900 + int(COUNTS[x.low("t")]) + int(COUNTS[x.low("u")] if x.group("u") else 0)
    if x.group("pre"):
        return "DATE", f"{y}-{SEASONS[x.group('pre').split()[1].lower()]}", x.span
    return "DATE", str(y), x.span


def _century(x: Hit) -> Result | None:
    return "DATE", f"{int(x.group('n')) - 1:02d}", x.span


def _decade_word(x: Hit) -> Result | None:
    return "DATE", f"19{DECADES[x.low('w')]}", x.span


def _month_rel_year(x: Hit) -> Result | None:
    """``March last year``."""
    a = x.anchor
    if a is None:
        return "DATE", None, x.span
    y = a.year + {"last": -1, "this": 0, "next": 1}[x.low("rel")]
    return "DATE", f"{y}-{month_num(x.group('mon')):02d}", x.span


def _dated(d: date, x: Hit) -> Result:
    x.state.last_date = d
    return "DATE", d.isoformat(), x.span


def _iso(x: Hit) -> Result | None:
    try:
        d = date(int(x.group("y")), int(x.group("m")), int(x.group("d")))
    except ValueError:
        return None
    x.state.last_date = d
    if x.group("hh"):
        return "TIME", f"{d.isoformat()}T{x.group('hh')}:{x.group('mi')}", x.span
    return "DATE", d.isoformat(), x.span


def _mdy_num(x: Hit) -> Result | None:
    """``3/22/24``."""
    y = int(x.group("y"))
    y = y + (1900 if y >= 30 else 2000) if y < 100 else y
    try:
        return _dated(date(y, int(x.group("m")), int(x.group("d"))), x)
    except ValueError:
        return None


def _year_by_weekday(mon: int, day: int, wd: int, state: State, future: bool) -> int | None:
    """A weekday pins the year: the candidate year whose date has that weekday."""
    yr = choose_year_for(mon, day, state, future)
    a = state.anchor
    assert a is not None
    for cy in (a.year, a.year - 1, a.year + 1):
        try:
            if date(cy, mon, day).weekday() == wd:
                return cy
        except ValueError:
            pass
    return yr


def _month_day(x: Hit) -> Result | None:
    """``Friday, March 22, 2024``, ``22nd of March``: month and day, year when given."""
    mon = month_num(x.group("mon"))
    day = int(re.sub(r"\D", "", x.group("d")))
    if x.group("mod"):
        # "late March 5" is not a thing; "early March" followed by a number is a count.
        return None
    yr: int | None
    if x.group("y"):
        yr = int(x.group("y"))
    elif x.group("wd") and x.anchor is not None:
        yr = _year_by_weekday(mon, day, WEEKDAYS[x.low("wd")], x.state, x.future)
    else:
        yr = choose_year_for(mon, day, x.state, x.future)
    if yr is None:
        return "DATE", f"XXXX-{mon:02d}-{day:02d}", x.span
    try:
        return _dated(date(yr, mon, day), x)
    except ValueError:
        return None


def _month_year(x: Hit) -> Result | None:
    mon = month_num(x.group("mon"))
    ys = x.group("y")
    y = int(ys) if not ys.startswith("'") else 1900 + int(ys[1:])
    return "DATE", f"{y}-{mon:02d}", x.span


_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|by|of|through|during|from|to|early|late|last|next|this|mid|between"
    r"|and)\s*$"
)


def _month(x: Hit) -> Result | None:
    """A month alone: the nearest one, or the one ``last``/``next``/``this`` names."""
    mon_s = x.group("mon")
    # "May" is a modal at sentence start; "March" a noun. Alone they need a date-like context.
    if (mon_s in ("May", "March", "MARCH") and not x.group("rel")
            and not _MONTH_CONTEXT.search(x.before(12).lower())):  # fmt: skip
        return None
    mon = month_num(mon_s)
    rel = x.low("rel")
    a = x.anchor
    if a is None:
        return "DATE", f"XXXX-{mon:02d}", x.span
    if "last" in rel:
        y = a.year if mon < a.month else a.year - 1
    elif "next" in rel:
        y = a.year if mon > a.month else a.year + 1
    elif "this" in rel:
        y = a.year
    else:
        y = choose_year_for(mon, None, x.state, x.future) or a.year
    return "DATE", f"{y}-{mon:02d}", x.span


# A year-like number followed by a plural count noun or a unit is a count ("2000 troops")...
_COUNTED = re.compile(
    r"^\s*(?:[a-z]+s\b(?<!\bitems)(?<!\bss)|feet|foot|men|people"
    r"|children|sq|km|kg|mph|meters?|metres?|pounds?|tons?)"
)
# ... unless the plural is something a year qualifies ("2024 elections").
_YEAR_NOUNS = re.compile(
    r"^\s*(?:elections|olympics|games|campaigns|levels|results|earnings|figures|sales"
    r"|profits|losses|accounts|years|was|is|has|models|plans|budgets)\b"
)


def _year(x: Hit) -> Result | None:
    """A four-digit year, with a half, a season or a decade ``s`` when given."""
    y = int(x.group("y"))
    mod = x.low("mod")
    if x.group("s"):
        if x.group("s") == "'s" and not mod:
            return None  # "1990's budget": keep it simple, skip possessive-like forms
        if y % 10:
            return None
        return "DATE", f"{str(y)[:3]}X", x.span
    after = x.after(20).lower()
    if not mod and _COUNTED.match(after) and not _YEAR_NOUNS.match(after):
        return None
    if re.search(r"[#№]\s*$|\bNo\.\s*$", x.before(3)):
        return None
    if "half" in mod:
        return "DATE", f"{y}-H{1 if 'first' in mod else 2}", x.span
    for s_word, code in SEASONS.items():
        if s_word in mod:
            return "DATE", f"{y}-{code}", x.span
    return "DATE", str(y), x.span


def _decade(x: Hit) -> Result | None:
    """``the '90s``: the century from the anchor (or 19xx by default)."""
    dd = x.group("dd")
    a = x.anchor
    cent = "19" if a is None or int(dd) * 10 > (a.year % 100) else str(a.year)[:2]
    return "DATE", f"{cent}{dd}", x.span


_MONTH_REL = (
    "last|this|next|early|late|mid|the end of|the beginning of|the start of|the middle of"
    "|early last|late last|early next|late next|earlier this|later this"
)
_YEAR_MOD = (
    "early|late|mid|the end of|the beginning of|the start of|the middle of|fiscal|calendar"
    "|the fiscal year|the year|fiscal year|the summer of|the fall of|the spring of"
    "|the winter of|the first half of|the second half of"
)

PATTERNS: dict[str, TimePattern] = {p.name: p for p in (
    rule("period_year", i(r"\b(?P<w>the (?P<y>(?:19|20)\d\d) (?:period|fiscal year|year))\b"),
         _period_year, "#", (12, 30)),
    rule("year_end", i(r"\b(?P<w>year(?:'s)?[- ]end|the end of the year)\b"), _year_end, "year"),
    rule("spelled_year", i(
        r"\b(?:(?P<pre>the (?:winter|summer|spring|fall) of) )?nineteen[- ]"
        r"(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[- ](?P<u>one|two|three|four|five|six|seven|eight|nine))?\b"
    ), _spelled_year, "nineteen"),
    rule("century", i(r"\b(?P<the>the )?(?P<n>1\d|2[01]|[2-9])(?:st|nd|rd|th)[- ]century\b"),
         _century, "century"),
    rule("nineties", i(rf"\b(?P<mod>the (?:early |late |mid-?)?)(?P<w>{DECADE_RE})\b"),
         _decade_word, " ".join(DECADES)),
    rule("month_rel_year", rf"\b(?P<mon>{MONTH_RE}) (?P<rel>{i('last|this|next')}) {i('year')}\b",
         _month_rel_year, MONTH_WORDS),
    rule("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>\d\d):(?P<mi>\d\d))?\b",
         _iso, "#", (24, 24)),
    rule("mdy_num", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)?\d\d)\b",
         _mdy_num, "#", (12, 12)),
    rule("wmdy",
         rf"\b(?:(?P<wd>{WEEKDAY_RE}),? )?(?:(?:the )?(?P<mod>early|late|mid-?) )?"
         rf"(?P<mon>{MONTH_RE})(?: |\xa0)(?P<d>{DAY_RE})\b(?:,? (?P<y>{YEAR_RE})\b)?",
         _month_day, MONTH_WORDS),
    rule("dmy",
         rf"\b(?:(?P<wd>{WEEKDAY_RE}),? )?(?:the )?(?P<d>{DAY_RE})(?: of)? (?P<mon>{MONTH_RE})"
         rf"(?:,? (?P<y>{YEAR_RE}))?\b",
         _month_day, MONTH_WORDS),
    rule("month_year",
         r"\b(?:(?P<mod>[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]he end of|[Tt]he beginning of"
         rf"|[Tt]he start of|[Tt]he middle of) ?)?(?P<mon>{MONTH_RE})"
         rf"(?:,? (?:of )?(?P<y>{YEAR_RE}|'\d\d))\b",
         _month_year, MONTH_WORDS),
    rule("month", rf"\b(?:(?P<rel>{i(_MONTH_REL)})[- ])?(?P<mon>{MONTH_RE})(?!\.?\w)",
         _month, MONTH_WORDS, (50, 40)),
    rule("year",
         rf"(?<![$\d.,])\b(?:(?P<mod>{i(_YEAR_MOD)})[- ])?"
         rf"(?P<y>{YEAR_RE})(?P<s>'?s)?\b(?![,.]\d|%| percent| million| billion| \w+s per)",
         _year, "#", (40, 60)),
    rule("decade",
         rf"\b(?:(?P<the>{i('the|the early|the late|the mid|early|late|mid')})[- ])?"
         r"'(?P<dd>\d)0s\b",
         _decade, "#", (24, 12)),
)}  # fmt: skip
