"""Date arithmetic and TimeML value formatting for the tagger's normalisers.

Hand-written: ``dateutil.relativedelta`` would do month shifts, but the rest (ISO weeks,
quarters, TimeML durations) has no library we can lean on.
"""

from __future__ import annotations

import re
from datetime import date

from .vocabulary import COUNTS, MONTHS, PRE_MODIFIER_RE, UNITS, VAGUE_COUNTS

_PRE_MODIFIER = re.compile(rf"^(?:{PRE_MODIFIER_RE}) ")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def leap(y: int) -> bool:
    """Whether ``y`` is a leap year."""
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def shift_months(d: date, months: int) -> date:
    """``d`` moved by whole months, its day clipped to the new month's length."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    m += 1
    last = 29 if m == 2 and leap(y) else _DAYS_IN_MONTH[m - 1]
    return date(y, m, min(d.day, last))


def week(d: date) -> str:
    """The TimeML ISO week of ``d`` (``2024-W12``)."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter(d: date) -> int:
    """The quarter (1-4) ``d`` falls in."""
    return (d.month - 1) // 3 + 1


def prev_quarter(a: date) -> tuple[int, int]:
    """``(year, quarter)`` of the quarter before the one ``a`` falls in."""
    q = quarter(a) - 1
    return (a.year, q) if q >= 1 else (a.year - 1, 4)


def month_num(s: str) -> int:
    """The number of a month name or abbreviation (``Sept.`` -> 9)."""
    return MONTHS[s.lower().rstrip(".")]


def number(s: str) -> float | None:
    """Parse a number word or digits (``twenty-four``, ``16``, ``a``); None if vague."""
    s = _PRE_MODIFIER.sub("", s.lower().strip())
    if s in VAGUE_COUNTS:
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
    if s in COUNTS:
        return COUNTS[s] + extra
    if s == "a hundred":
        return 100 + extra
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in COUNTS and parts[1] in COUNTS:
        return COUNTS[parts[0]] + COUNTS[parts[1]] + extra
    return None


def fmt_num(n: float) -> str:
    """``3`` for 3.0, ``1.5`` for 1.5."""
    return str(int(n)) if float(n).is_integer() else str(n)


def _is_clock_unit(u: str, unit: str) -> bool:
    return u in ("H", "S") or (u == "M" and unit.lower().startswith("min"))


def designator(unit: str) -> str:
    """The TimeML designator of a unit word, singular or plural (``centuries`` -> ``CE``)."""
    return UNITS[unit.lower().rstrip("s").replace("centurie", "century")]


def duration(n: float | None, unit: str) -> str:
    """TimeML duration: ``P3D``, ``PT5H``, ``P20Y`` for two decades, ``PXY`` for vague counts."""
    u = designator(unit)
    if n is None:
        if _is_clock_unit(u, unit):
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
    if _is_clock_unit(u, unit):
        return f"PT{fmt_num(n)}{u}"
    return f"P{fmt_num(n)}{u}"
