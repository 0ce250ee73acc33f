"""Expressions relative to the anchor without a count: ``now``, ``last week``, ``the year``,
``this summer``, ``the third quarter``."""

from __future__ import annotations

import re
from datetime import timedelta

from .calendar import duration, prev_quarter, quarter, shift_months, week
from .context import Hit, Result, TimePattern, i, rule
from .vocabulary import REFERENCE_RE, REFERENCES, SEASON_START, SEASONS

_F = re.IGNORECASE


def _adjective_is_timex(w: str, x: Hit) -> bool:
    """``current``, ``recent``, ``future`` are a timex in TimeBank only where they modify a
    time-ish or status noun; "the current account" is not. Keeps the frequent safe cases."""
    s2, e2 = x.span
    after = x.text[e2 : e2 + 25].lower()
    if (
        w == "future"
        and not re.match(r"^\s*[,.;]", after)
        and not x.text[max(0, s2 - 4) : s2].lower().startswith("the")
    ):
        return False
    if w == "recent" and not re.match(
        r"^\s*(?:years|months|weeks|days|decades|times|history|past|period|quarters?)\b", after
    ):
        return False
    if w == "current" and re.match(
        r"^\s*(?:account|accounts|affairs|events|assets|liabilities)\b", after
    ):
        return False
    # "recent years" and the like are their own entries.
    return not (w == "recent" and re.match(r"^\s*(?:years|months|weeks|days)\b", after))


def _ref(x: Hit) -> Result | None:
    """``now``, ``recently``, ``the future``: PRESENT_REF, PAST_REF, FUTURE_REF."""
    w = x.low("w")
    s2, e2 = x.span
    if w.startswith("in "):
        s2 += 3
    val = REFERENCES.get(w)
    if not val:
        return None
    if w in ("current", "recent", "future") and not _adjective_is_timex(w, x):
        return None
    if val.startswith("PX"):
        return "DURATION", val, (s2, e2)
    return "DATE", val, (s2, e2)


_STEP = {"last": -1, "past": -1, "previous": -1, "this past": -1, "the past": -1,
         "the previous": -1, "the last": -1, "next": 1, "coming": 1, "the next": 1,
         "the coming": 1, "following": 1, "the following": 1}  # fmt: skip


def _the_rel_unit(rel: str, unit: str, x: Hit) -> Result | None:
    """``the past year`` is a date (last year) in TimeBank; ``the next week`` a duration."""
    a = x.anchor
    assert a is not None
    if unit == "year" and rel in ("the past", "the last", "the previous"):
        return "DATE", str(a.year - 1), x.span
    if unit in ("decade", "century"):
        return "DURATION", duration(1, unit), x.span
    if unit == "year" and rel in ("the next", "the coming", "the following"):
        return "DURATION", "P1Y", x.span
    if unit in ("week", "month", "quarter"):
        return "DURATION", duration(1, unit), x.span
    return None


def _rel_unit(x: Hit) -> Result | None:
    """``last week``, ``next month``, ``this quarter``, ``the coming weekend``."""
    a, span = x.anchor, x.span
    rel, unit = x.low("rel"), x.low("u")
    if a is None:
        return "DATE", None, span
    if rel in ("the past", "the last", "the next", "the coming", "the following",
               "the previous") and unit not in ("weekend",):  # fmt: skip
        res = _the_rel_unit(rel, unit, x)
        if res is not None:
            return res
    step = _STEP.get(rel, 0)
    if rel in ("the latest",) and unit in ("period", "quarter"):
        yq, q = prev_quarter(a)
        return "DATE", f"{yq}-Q{q}", span
    if unit == "week":
        return "DATE", week(a + timedelta(weeks=step)), span
    if unit == "weekend":
        d2 = a + timedelta(weeks=step)
        if step == 0 and a.weekday() < 5 and not x.future:
            d2 = a - timedelta(days=7)
        return "DATE", f"{week(d2)}-WE", span
    if unit == "month":
        d2 = shift_months(a, step)
        return "DATE", f"{d2.year}-{d2.month:02d}", span
    if unit in ("year", "fiscal year"):
        return "DATE", str(a.year + step), span
    if unit == "quarter":
        y, q = divmod(a.year * 4 + quarter(a) - 1 + step, 4)
        x.state.last_quarter = (y, q + 1)
        return "DATE", f"{y}-Q{q + 1}", span
    if unit == "half":
        h = 1 if a.month <= 6 else 2
        y, h0 = divmod(a.year * 2 + h - 1 + step, 2)
        return "DATE", f"{y}-H{h0 + 1}", span
    if unit == "decade":
        return "DATE", str(a.year // 10 + step), span
    if unit == "century":
        return "DATE", str(a.year // 100 + step), span
    return None  # a season or a period: no value


def _the_unit_money(w: str, x: Hit) -> bool:
    """Earnings copy: "net income for the year" is the fiscal year as a period."""
    if w not in ("the year", "the fiscal year"):
        return False
    money = re.search(
        r"\$|\byen\b|#\d|\b(?:net income|revenue|profit|loss|earnings)\b", x.state.sentence, _F
    )
    return bool(money and re.search(r"\b(?:for|in) $", x.before(5)))


def _the_unit(x: Hit) -> Result | None:
    """``the year``, ``the same week``, ``year-end``, ``the weekend``: the anchor's."""
    w, a, span = x.low("w"), x.anchor, x.span
    if a is None:
        return "DATE", None, span
    if w in ("year-end",):
        return "DATE", f"{a.year}-12-31", span
    if w in ("year-earlier", "year-ago"):
        if x.state.last_quarter and x.state.quarter_context:
            yq, q = x.state.last_quarter
            return "DATE", f"{yq - 1}-Q{q}", span
        return "DATE", str(a.year - 1), span
    if w.endswith("quarter"):
        yq, q = x.state.last_quarter or prev_quarter(a)
        return "DATE", f"{yq}-Q{q}", span
    if _the_unit_money(w, x):
        return "DURATION", "P1Y", span
    if w in ("the year", "the full year", "the whole year", "the fiscal year"):
        return "DATE", str(a.year), span
    if w in ("the month", "the same month"):
        return "DATE", f"{a.year}-{a.month:02d}", span
    if w in ("the week", "the same week"):
        return "DATE", week(a), span
    if w == "the weekend":
        back = (a.weekday() - 5) % 7 if a.weekday() >= 5 else a.weekday() + 2
        return "DATE", f"{week(a - timedelta(days=back))}-WE", span
    if w == "the decade":
        return "DATE", str(a.year)[:3], span
    return None


def _season(x: Hit) -> Result | None:
    """``summer``, ``last winter``, ``the fall of 1998``."""
    code, rel, a = SEASONS[x.low("s")], x.low("rel"), x.anchor
    if x.group("y"):
        return "DATE", f"{x.group('y')}-{code}", x.span
    if rel == "the" and a is not None:
        # "over the summer": the latest such season that has begun.
        start_m = SEASON_START[code]
        return "DATE", f"{a.year if start_m <= a.month else a.year - 1}-{code}", x.span
    # Bare "summer": needs a preposition to be a date ("in summer").
    if not rel and not re.search(r"\b(?:in|this|by|until|since|during|over|through)\s*$",
                                 x.before(8).lower()):  # fmt: skip
        return None
    if a is None:
        return "DATE", f"XXXX-{code}", x.span
    season_start = SEASON_START[code]
    y = a.year
    if "last" in rel or rel == "this past":
        y = a.year if season_start + 3 <= a.month else a.year - 1
    elif "next" in rel or rel == "this coming":
        y = a.year if season_start > a.month else a.year + 1
    return "DATE", f"{y}-{code}", x.span


PATTERNS: dict[str, TimePattern] = {p.name: p for p in (
    rule("ref", i(rf"\b(?P<w>{REFERENCE_RE})\b"), _ref,
         "now currently present moment nowadays day recently lately recent previously formerly"
         " past future soon shortly current once far date time while term run", (40, 40)),
    rule("rel_unit", i(
        r"\b(?P<pre>(?:earlier |later |early |late |so far |the rest of |the end of |the "
        r"beginning of |the start of |the middle of |the first half of |the second half of "
        r"|the remainder of )?)(?P<rel>(?:last|this|next|past|coming|previous|current|following)"
        r"|this past|the past|the previous|the next|the "
        r"coming|the last|the current|the following|the latest|the same) (?P<u>week|month|year"
        r"|quarter|weekend|decade|century|season|period|fiscal year|half)\b"
    ), _rel_unit, "week month year quarter weekend decade century season period half", (90, 40)),
    rule("the_unit", i(
        r"\b(?P<w>the (?:same |whole |entire |full )?(?:week|month|year|weekend|quarter|period"
        r"|decade|day|fiscal year)|(?:year|month|week|quarter)-(?:end|earlier|ago))\b(?!-)"
    ), _the_unit, "week month year weekend quarter period decade day", (40, 30)),
    rule("season", i(
        r"\b(?:(?P<rel>last|this|next|this past|this coming|early|late|mid|the|earlier this"
        r"|later this)[- ])?(?P<s>spring|summer|fall|autumn|winter)(?: of (?P<y>\d{4}))?\b"
    ), _season, " ".join(SEASONS)),
)}  # fmt: skip
