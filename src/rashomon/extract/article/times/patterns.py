"""The tagger's patterns in order of precedence.

Where two matches of the same length overlap, the pattern earlier in :data:`PATTERNS` wins,
so the more specific patterns come first. Each pattern lives beside its normaliser in its
family's module: :mod:`.dates` (calendar dates), :mod:`.days` (weekdays, parts of days, clock
times, holidays), :mod:`.relative` (``now``, ``last week``, seasons), :mod:`.quarters` and
:mod:`.durations` (counted stretches, ``ago``, sets).
"""

from __future__ import annotations

from . import dates, days, durations, quarters, relative
from .context import TimePattern

_FAMILIES = {**dates.PATTERNS, **days.PATTERNS, **relative.PATTERNS, **quarters.PATTERNS,
             **durations.PATTERNS}  # fmt: skip

PRECEDENCE = (
    "anaphoric", "period_year", "year_end", "clock_day", "spelled_year", "century", "nineties",
    "month_rel_year", "iso", "mdy_num", "wmdy", "dmy", "month_year", "month", "year", "decade",
    "weekday", "part_of_day", "deictic", "this_part", "ref", "rel_unit", "the_unit", "season",
    "quarter", "ago", "duration", "vague_dur", "set", "clock", "clock24", "noon", "holiday",
)  # fmt: skip

PATTERNS: tuple[TimePattern, ...] = tuple(_FAMILIES[name] for name in PRECEDENCE)
RANK = {name: i for i, name in enumerate(PRECEDENCE)}  # pattern name -> precedence

if set(PRECEDENCE) != set(_FAMILIES):  # a pattern added to a family must get its place here
    raise RuntimeError(f"patterns without a precedence: {sorted(set(_FAMILIES) - set(RANK))}")

# Trigger word -> the patterns it can start a search for.
TRIGGER_INDEX: dict[str, list[str]] = {}
for _p in PATTERNS:
    for _w in _p.triggers:
        TRIGGER_INDEX.setdefault(_w, []).append(_p.name)
