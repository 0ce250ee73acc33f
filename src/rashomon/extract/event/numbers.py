"""Number reconciliation: each outlet's figure for a slot, and whether all can be true."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rashomon.model import EventDoc, NumberSlot, NumberValue

__all__ = [
    "FALLING_SLOTS",
    "RECONCILED_SLOTS",
    "figure_text",
    "intersect",
    "number_values",
    "reconcile",
    "refine_slot",
    "reconcile_slot",
    "value_sides",
]

RECONCILED_SLOTS: frozenset[str] | None = None
"""Slots to reconcile; ``None`` reconciles every slot the quantities layer names."""

# Durations and counts of the story's own furniture are not facts outlets dispute.
_SKIP_SLOTS = frozenset(
    {
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
        "seconds",
        "decades",
        "occasions",
        "sources",
        "times",
        "percent",
        "people",
        "metres",
        "meters",
        "kilometres",
        "km",
    }
)


# Words that say what a bare count of people counts, nearest first. The quantities layer names
# the slot from the noun it counts; "over 300 people" or "now stands at 43" need the clause.
_SLOT_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "killed",
        re.compile(
            r"\b(?:killed|dead|died|deaths?|death toll|toll|bodies|fatalities|"
            r"lives)\b",
            re.I,
        ),
    ),
    ("injured", re.compile(r"\b(?:injured|injuries|wounded|hurt|treated|hospitali[sz]ed)\b", re.I)),
    ("missing", re.compile(r"\bmissing\b", re.I)),
    ("arrested", re.compile(r"\barrest(?:ed|s)?\b", re.I)),
    ("detained", re.compile(r"\bdetain(?:ed|ees)?\b", re.I)),
    ("evacuated", re.compile(r"\bevacuat(?:ed|ion)\b", re.I)),
)
_REFINED_FROM = frozenset({"people", "persons", "residents"})
_PART_OF = re.compile(r"\b(?:including|among\s+them|of\s+whom|among\s+whom)\s+(?:the\s+)?$", re.I)


def refine_slot(
    text: str,
    start: int,
    end: int,
    slot: str | None,
    *,
    window: int = 60,
    others: Sequence[tuple[int, int]] = (),
) -> str | None:
    """Name the slot of a bare count (``over 300 people``) from the words around it.

    Only counts of people without a slot, or with the generic ``people`` slot, are refined;
    the nearest slot word within ``window`` characters on the same sentence wins.

    Args:
        text: the article text.
        start: the quantity's start.
        end: the quantity's end.
        slot: the slot the quantities layer gave.
        window: how far to look on each side.
        others: spans of the other numbers in the text; a slot word right after another
            number (``182 injured``) belongs to that number.

    Returns:
        The refined slot, or ``slot`` unchanged.
    """
    if slot is not None and slot not in _REFINED_FROM:
        return slot
    # "killed 40 people, including 12 children": a part of a group counted elsewhere is not a
    # rival figure for the slot the words around it name.
    if _PART_OF.search(text, max(0, start - 20), start):
        return slot
    lo = max(0, start - window, text.rfind(".", 0, start) + 1, text.rfind("\n", 0, start) + 1)
    hi = min(len(text), end + window)
    for stop in (text.find(". ", end, hi), text.find("\n", end, hi)):
        if stop != -1:
            hi = min(hi, stop)
    best: tuple[int, str] | None = None
    for name, pat in _SLOT_WORDS:
        for m in pat.finditer(text, lo, hi):
            if any(
                o_end <= m.start() <= o_end + 15
                and o_start != start
                and not text[o_end : m.start()].strip(" -").count(" ") > 1
                for o_start, o_end in others
            ):
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            if best is None or dist < best[0]:
                best = (max(dist, 0), name)
    return best[1] if best is not None else slot


def _interval(v: NumberValue) -> tuple[float, float]:
    # A missing bound means the qualifier leaves that side open (``at least 41``).
    low = v.low if v.low is not None else -math.inf
    high = v.high if v.high is not None else math.inf
    return low, high


def intersect(values: Iterable[NumberValue]) -> tuple[float, float] | None:
    """The interval every value allows, or ``None`` when they cannot all be true.

    Args:
        values: figures with their qualifier intervals.

    Returns:
        ``(low, high)`` of the common interval (infinite bounds stay open), or ``None``.
    """
    low, high = -math.inf, math.inf
    for v in values:
        lo, hi = _interval(v)
        low, high = max(low, lo), min(high, hi)
    return (low, high) if low <= high else None


def _day(published: str | None) -> str | None:
    return published[:10] if published and len(published) >= 10 else None


def number_values(
    event: EventDoc, *, slots: frozenset[str] | None = None
) -> dict[str, list[NumberValue]]:
    """Every figure of every slot, per article, with its outlet and publication date.

    The same figure stated twice in one article (headline and body) counts once.

    Args:
        event: the event with the ``quantities`` layer on its docs.
        slots: restrict to these slots; ``None`` keeps every named slot except durations.

    Returns:
        Slot name -> values in article order.
    """
    out: dict[str, list[NumberValue]] = defaultdict(list)
    for doc in event.docs:
        published = (
            doc.meta.published.value if doc.meta.published is not None else doc.article.published
        )
        outlet = event.outlet_of(doc.id)
        seen: set[tuple[str, float, float | None, float | None]] = set()
        spans = [(q.span.start, q.span.end) for q in doc.quantities]
        for q in doc.quantities:
            if q.unit is not None and q.slot is None:
                continue
            slot = refine_slot(doc.text, q.span.start, q.span.end, q.slot, others=spans)
            if slot is None or slot in _SKIP_SLOTS:
                continue
            if slots is not None and slot not in slots:
                continue
            key = (slot, q.value, q.low, q.high)
            if key in seen:
                continue
            seen.add(key)
            out[slot].append(
                NumberValue(
                    article_id=doc.id,
                    outlet=outlet,
                    span=q.span,
                    value=q.value,
                    low=q.low,
                    high=q.high,
                    qualifier=q.qualifier,
                    published=published,
                    attributed_to=q.attributed_to,
                )
            )
    return dict(out)


def figure_text(v: NumberValue) -> str:
    """A figure as a reader would say it: ``at least 137``, ``182``."""
    num = f"{v.value:,.0f}" if float(v.value).is_integer() else f"{v.value:,}"
    return f"{v.qualifier} {num}" if v.qualifier else num


# Counts that fall as the story goes on (the missing are found); the rest only rise.
FALLING_SLOTS = frozenset({"missing", "trapped", "unaccounted"})


def _time_explains(values: Sequence[NumberValue], *, falling: bool = False) -> bool:
    # Each date's figures must agree among themselves, and no later report may be lower
    # than an earlier one (higher, for a falling count): a toll that only rises as counting
    # goes on.
    days = [_day(v.published) for v in values]
    if any(d is None for d in days) or len(set(days)) < 2:
        return False
    by_day: dict[str, list[NumberValue]] = defaultdict(list)
    for d, v in zip(days, values, strict=True):
        by_day[str(d)].append(v)
    if any(intersect(vs) is None for vs in by_day.values()):
        return False
    for a in values:
        for b in values:
            da, db = _day(a.published), _day(b.published)
            if da is None or db is None or da >= db:
                continue
            earlier, later = (b, a) if falling else (a, b)
            if _interval(earlier)[0] > _interval(later)[1]:
                return False
    return True


def reconcile_slot(slot: str, values: Sequence[NumberValue]) -> NumberSlot:
    """Decide whether one slot's figures can all be true.

    Verdicts: ``single`` (one article gives the slot), ``compatible`` (the intervals share a
    value: ``at least 137`` and ``139``), ``explained-by-time`` (they do not, but each date's
    figures agree and later reports are never lower), ``conflict`` otherwise.

    Args:
        slot: the slot name.
        values: its figures.

    Returns:
        The slot with its verdict and a one-line explanation.
    """
    figures = ", ".join(sorted({figure_text(v) for v in values}))
    if len({v.article_id for v in values}) <= 1:
        return NumberSlot(
            slot=slot,
            values=tuple(values),
            verdict="single",
            explanation=f"only one article gives a figure ({figures})",
        )
    common = intersect(values)
    if common is not None:
        lo, hi = common
        low = "" if math.isinf(lo) else f"{lo:,.0f}"
        high = "" if math.isinf(hi) else f"{hi:,.0f}"
        where = low if lo == hi else f"{low}..{high}"
        return NumberSlot(
            slot=slot,
            values=tuple(values),
            verdict="compatible",
            explanation=f"all figures ({figures}) fit {where}",
        )
    falling = slot in FALLING_SLOTS
    if _time_explains(values, falling=falling):
        return NumberSlot(
            slot=slot,
            values=tuple(values),
            verdict="explained-by-time",
            explanation=f"figures ({figures}) {'fall' if falling else 'rise'} "
            "with the publication date and each fits its own date",
        )
    return NumberSlot(
        slot=slot,
        values=tuple(values),
        verdict="conflict",
        explanation=f"figures ({figures}) cannot all be true",
    )


def reconcile(
    event: EventDoc, *, slots: frozenset[str] | None = RECONCILED_SLOTS
) -> list[NumberSlot]:
    """Reconcile every slot's figures across outlets.

    Args:
        event: the event with quantities on its docs.
        slots: restrict to these slots (``None``: all named slots but durations).

    Returns:
        One :class:`NumberSlot` per slot, the most reported first.
    """
    found = number_values(event, slots=slots)
    out = [reconcile_slot(slot, vals) for slot, vals in found.items()]
    out.sort(key=lambda s: (-len({v.outlet for v in s.values}), s.slot))
    return out


def value_sides(slot: NumberSlot) -> list[list[NumberValue]]:
    """Split a slot's figures into sides: the same stated figure is one side.

    ``at least 41`` and ``41`` are one side (the same number stated), ``43`` another, and
    ``nearly 140`` is not ``over 140``; the verdict says whether sides can be reconciled.

    Args:
        slot: a reconciled slot.

    Returns:
        Sides, each a list of values, the most reported first.
    """
    by_value: dict[tuple[float, bool], list[NumberValue]] = defaultdict(list)
    for v in slot.values:
        # "41" and "at least 41" state the same count; "nearly 140" and "over 140" do not.
        below = v.high is not None and v.high <= v.value and v.low is not None and v.low < v.value
        by_value[(v.value, below)].append(v)
    sides = list(by_value.values())
    sides.sort(key=lambda vs: (-len({v.outlet for v in vs}), vs[0].value))
    return sides
