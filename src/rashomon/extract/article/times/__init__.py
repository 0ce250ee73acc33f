"""Temporal expressions: a rule-based TIMEX3 tagger with TimeML values.

:func:`tag_timexes` finds temporal expressions with TimeML extents (``Friday``, ``last week``,
``the third quarter``, ``two weeks``) and gives each a TimeML ``value`` (``1998-01-08``,
``1998-W02``, ``1989-Q3``, ``P2W``, ``PRESENT_REF``...) resolved against an anchor date, as
HeidelTime does for news: a weekday or month without a year is the most recent one on or before
the anchor unless the clause is future tense. Turning those into dated
:class:`~rashomon.model.TimeMention` objects tied to the happenings they date is the anchoring
layer's work (:mod:`rashomon.extract.article.dated_events`, and across the articles of one event
:mod:`rashomon.extract.event.dates`).

How it is laid out: each pattern is a :class:`TimePattern` that carries its regex, the
normaliser that reads its match, and its trigger words, in the module of its family
(:mod:`.dates`, :mod:`.days`, :mod:`.relative`, :mod:`.quarters`, :mod:`.durations`);
:mod:`.patterns` orders them by precedence; :mod:`.tagger` runs them; the word lists (months,
weekdays, number words, units, seasons, parts of the day...) are lexicon files read by
:mod:`.vocabulary`. To add a pattern: write it and its normaliser in its family's module and
give it a place in :data:`~.patterns.PRECEDENCE`.

The tagger is hand-written regular expressions rather than ``dateparser``: dateparser parses a
string that *is* a date but does not find dates in running text, has no notion of TimeML extents,
weeks, quarters, durations or tense, and resolves ``Friday`` to the future by default. Every
date our patterns find is already split into year, month and day by the pattern itself, so
handing the string to ``dateparser`` would add nothing but a second, inconsistent reading.
"""

from __future__ import annotations

from .calendar import number, shift_months
from .context import Granularity, TimePattern, Timex, TimexType, Window
from .dates import DATE_KINDS_WITH_DAY
from .patterns import PATTERNS
from .tagger import candidates, sentence_bounds, tag_timexes, trigger_windows
from .timeml import timeml_to_iso
from .vocabulary import NUM_RE, UNIT_RE, YEAR_RE

__all__ = [
    "DATE_KINDS_WITH_DAY",
    "NUM_RE",
    "PATTERNS",
    "UNIT_RE",
    "YEAR_RE",
    "Granularity",
    "TimePattern",
    "Timex",
    "TimexType",
    "Window",
    "candidates",
    "number",
    "sentence_bounds",
    "shift_months",
    "tag_timexes",
    "timeml_to_iso",
    "trigger_windows",
]
