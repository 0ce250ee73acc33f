"""TimeML values turned into the ISO date and granularity a :class:`TimeMention` carries."""

from __future__ import annotations

import re
from datetime import date

from .context import Granularity


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
