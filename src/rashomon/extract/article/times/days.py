"""Days and times of day: weekdays, today/yesterday, parts of a day, clock times, holidays, and
days resolved against the last date the text stated ("the next day")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .calendar import week
from .context import Hit, Result, State, TimePattern, i, rule, weekday_date
from .vocabulary import (
    DEICTIC_DAYS,
    DEICTIC_RE,
    DEICTIC_WORDS,
    MONTH_RE,
    PART_RE,
    PARTS,
    WEEKDAY_RE,
    WEEKDAY_WORDS,
    WEEKDAYS,
)

_WEEKDAY_ALT = "|".join(WEEKDAYS)


def _named_day(words: list[str], x: Hit) -> date | None:
    """The day ``[last|next|this] <weekday>`` or ``today``/``yesterday``/``tomorrow`` names."""
    a = x.anchor
    assert a is not None
    if words[-1] in WEEKDAYS:
        rel = words[0] if len(words) > 1 else None
        return weekday_date(WEEKDAYS[words[-1]], x.state, rel, x.future)
    return a + timedelta(days=DEICTIC_DAYS[words[-1]])


def _clock_day(x: Hit) -> Result | None:
    """``5 p.m. Friday``, ``noon yesterday``: a time on a named day."""
    if x.anchor is None:
        return "TIME", None, x.span
    d2 = _named_day(x.low("d").split(), x)
    if d2 is None:
        return "TIME", None, x.span
    t = x.low("t")
    if t == "noon":
        hhmm = "12:00"
    elif t == "midnight":
        hhmm = "24:00"
    elif "afternoon" in t:
        return "TIME", f"{d2.isoformat()}TAF", x.span
    elif "morning" in t:
        return "TIME", f"{d2.isoformat()}TMO", x.span
    else:
        cm = re.match(r"(\d+)(?::(\d\d))? ?([ap])", t)
        if cm is None:
            return None
        h = int(cm.group(1)) % 12 + (12 if cm.group(3) == "p" else 0)
        hhmm = f"{h:02d}:{cm.group(2) or '00'}"
    return "TIME", f"{d2.isoformat()}T{hhmm}", x.span


def _weekday(x: Hit) -> Result | None:
    """``Friday``, ``last Tuesday``, ``Friday night`` (TimeBank gives the night the day)."""
    rel = x.low("rel")
    if rel in ("early", "late"):
        rel = ""
    d2 = weekday_date(WEEKDAYS[x.low("wd")], x.state, rel, x.future)
    if d2 is None:
        return "DATE", "XXXX-XX-XX", x.span
    x.state.last_date = d2
    if x.group("part"):
        # TimeBank/AQUAINT mostly give "Friday night" the day's value, not ...TNI.
        return "TIME", d2.isoformat(), x.span
    return "DATE", d2.isoformat(), x.span


def _part_of_day(x: Hit) -> Result | None:
    """``the early hours of Tuesday``: TimeBank gives a part of a named day the day's value."""
    if x.anchor is None:
        return "TIME", None, x.span
    d2 = _named_day(x.low("d").split(), x)
    if d2 is None:
        return "TIME", None, x.span
    x.state.last_date = d2
    return "TIME", d2.isoformat(), x.span


def _deictic(x: Hit) -> Result | None:
    """``today``, ``yesterday morning``, ``tonight``."""
    w = x.low("w")
    shift = DEICTIC_DAYS[w]
    a = x.anchor
    if a is None:
        return "DATE", "XXXX-XX-XX", x.span
    d2 = a + timedelta(days=shift)
    part = x.low("part")
    if w == "tonight":
        return "TIME", f"{d2.isoformat()}TNI", x.span
    if part:
        return "TIME", f"{d2.isoformat()}T{PARTS[part]}", x.span
    return "DATE", d2.isoformat(), x.span


def _this_part(x: Hit) -> Result | None:
    """``this morning``, ``last night``."""
    rel = x.low("rel")
    a = x.anchor
    if a is None:
        return "TIME", None, x.span
    shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    part = x.low("part")
    if rel == "last" and part != "night":
        return None
    return "TIME", f"{(a + timedelta(days=shift)).isoformat()}T{PARTS[part]}", x.span


def _time_of_day(x: Hit, hhmm: str) -> Result:
    """A clock time on the last stated date (or the anchor)."""
    base = x.state.last_date or x.anchor
    day_s = base.isoformat() if base else "XXXX-XX-XX"
    return "TIME", f"{day_s}T{hhmm}", x.span


def _clock(x: Hit) -> Result | None:
    """``5:30 p.m.``."""
    h, mi = int(x.group("h")), int(x.group("mi") or 0)
    ap = x.low("ap")
    if ap.startswith("p") and h < 12:
        h += 12
    if ap.startswith("a") and h == 12:
        h = 0
    return _time_of_day(x, f"{h:02d}:{mi:02d}")


def _clock24(x: Hit) -> Result | None:
    """``19:58``: a time only with a zone or after ``at`` (else scores, ratios, verses)."""
    h, mi = int(x.group("h")), int(x.group("mi") or 0)
    if not x.group("tz") and not re.search(r"\b(?:at)\s*$", x.before(4).lower()):
        return None
    return _time_of_day(x, f"{h:02d}:{mi:02d}")


def _noon(x: Hit) -> Result | None:
    return _time_of_day(x, "12:00" if x.low("w") != "midnight" else "24:00")


def _holiday_date(w: str, a: date) -> date | None:
    y = a.year
    if w.startswith("Christmas"):
        return date(y, 12, 24 if w.endswith("Eve") else 25)
    if w.startswith("New Year"):
        return date(y, 12, 31) if w.endswith("Eve") else date(y + (1 if a.month == 12 else 0), 1, 1)
    if w.startswith("Thanksgiving"):
        nov1 = date(y, 11, 1)
        return nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)
    return {"Independence Day": date(y, 7, 4), "Halloween": date(y, 10, 31),
            "Valentine's Day": date(y, 2, 14)}.get(w)  # fmt: skip


def _holiday(x: Hit) -> Result | None:
    """``Christmas``, ``Thanksgiving``: this year's, or last year's when it is still ahead and
    the clause is not future tense."""
    a = x.anchor
    if a is None:
        return "DATE", None, x.span
    d2 = _holiday_date(x.group("w"), a)
    if d2 is None:
        return "DATE", None, x.span
    if d2 > a + timedelta(days=7) and not x.future:
        # Again as of the end of last year, with a fresh state (nothing it set carries over).
        last_year = date(a.year - 1, 12, 31) if d2.month < 12 else date(a.year - 1, 12, 30)
        state = State(anchor=last_year, sentence=x.state.sentence, future=x.future)
        return _holiday(Hit(x.m, x.text, state))
    return "DATE", d2.isoformat(), x.span


def _anaphoric(x: Hit) -> Result | None:
    """``that year``, ``the next day``: resolved against the last date the text stated."""
    w, span = x.low("w"), x.span
    ref = x.state.last_date
    if ref is None:
        return "DATE", None, span
    words = w.split()
    if w.startswith("that"):
        unit = words[-1]
        if unit == "year":
            return "DATE", str(ref.year), span
        if unit == "month":
            return "DATE", f"{ref.year}-{ref.month:02d}", span
        if unit == "week":
            return "DATE", week(ref), span
        return "DATE", ref.isoformat(), span
    if words[-1] in WEEKDAYS:
        wd = WEEKDAYS[words[-1]]
        if words[1] == "previous":
            d2 = ref - timedelta(days=(ref.weekday() - wd - 1) % 7 + 1)
        else:
            d2 = ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
        return "DATE", d2.isoformat(), span
    shift = -1 if ("previous" in words or "before" in words) else 1
    d2 = ref + timedelta(days=shift)
    if words[-1] in PARTS:
        return "TIME", f"{d2.isoformat()}T{PARTS[words[-1]]}", span
    return "DATE", d2.isoformat(), span


_TZ = "(?: (?:[ECMP][SD]T|GMT|UTC))"

PATTERNS: dict[str, TimePattern] = {p.name: p for p in (
    rule("anaphoric", i(
        r"\b(?P<pre>(?:earlier|later|early|late) )?(?P<w>that (?:same )?(?:year|day|month|week)"
        r"|the (?:next|following|previous) (?:day|morning|evening|night)"
        r"|the day (?:before|after)(?=\s*[,.;:!?)]|\s*$)"
        rf"|the (?:previous|following) (?:{_WEEKDAY_ALT}))\b"
    ), _anaphoric, f"year day month week morning evening night {WEEKDAY_WORDS}"),
    rule("clock_day", i(
        r"\b(?P<t>(?:1[0-2]|0?[1-9])(?::[0-5]\d)? ?(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight"
        rf"|mid-?afternoon|mid-?morning|late morning){_TZ}?,? (?:on )?"
        rf"(?P<d>(?:last |next |this )?(?:{_WEEKDAY_ALT})"
        r"|today|yesterday|tomorrow)\b"
    ), _clock_day, f"{WEEKDAY_WORDS} {DEICTIC_WORDS}"),
    rule("weekday",
         rf"\b(?:(?P<rel>{i('last|this|next|this past|this coming|early|late')}) )?"
         rf"(?<!Super )(?<!Black )(?<!Good )(?<!Cyber )(?<!Ash )(?<!Holy )(?P<wd>{WEEKDAY_RE})"
         rf"(?:(?:'s)? (?P<part>{i(PART_RE)}))?\b(?!,? {MONTH_RE} )",
         _weekday, WEEKDAY_WORDS, (40, 50)),
    rule("part_of_day",
         rf"\b(?:{i('the')} )?(?P<part>"
         rf"{i('(?:early|small|wee|late) hours|(?:early |late )?morning')}"
         rf"|{i('afternoon|evening|night')})"
         rf" of (?P<d>(?:{i('last|this|next')} )?{WEEKDAY_RE}|{i('today|yesterday|tomorrow')})"
         # "the night of Friday, Oct. 23", "the early hours of Thursday morning": TimeBank marks
         # the date alone.
         rf"\b(?!,? {MONTH_RE}|,? \d|(?:'s)? {i(PART_RE)})",
         _part_of_day, f"{WEEKDAY_WORDS} {DEICTIC_WORDS}"),
    rule("deictic", i(
        rf"\b(?:(?P<mod>early|late|earlier|later)\s)?(?P<w>{DEICTIC_RE})(?:(?:'s)?\s(?P<part>"
        rf"{PART_RE}))?\b"
    ), _deictic, DEICTIC_WORDS),
    rule("this_part", i(rf"\b(?P<rel>this|last|yesterday|tomorrow) (?P<part>{PART_RE})\b"),
         _this_part, " ".join(PARTS)),
    rule("clock", i(
        r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))? ?(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
        r"(?: (?P<tz>[ECMP][SD]T|GMT|UTC))?"
    ), _clock, "#", (12, 40)),
    rule("clock24", r"\b(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?: (?P<tz>[ECMP][SD]T|GMT|UTC))?\b",
         _clock24, "#", (12, 30)),
    rule("noon", r"(?<![Hh]igh )\b(?P<w>(?i:noon|midnight|midday))\b", _noon,
         "noon midnight midday"),
    rule("holiday",
         r"\b(?P<w>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Thanksgiving(?: Day)?"
         r"|Independence Day|Labor Day|Memorial Day|Easter|Halloween|Valentine's Day)\b",
         _holiday, "christmas year thanksgiving independence labor memorial easter halloween"
         " valentine"),
)}  # fmt: skip
