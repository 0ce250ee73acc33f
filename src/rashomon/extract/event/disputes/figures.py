"""Figures for the same counted thing that cannot all be true: number disputes.

The numbers layer (:mod:`rashomon.extract.event.numbers`) decides per slot whether the figures
of all outlets can hold at once. A slot whose question is known (``killed``, ``injured``...,
``lexicon/en/number_questions.toml``) becomes a dispute when its verdict is ``conflict``. Any
other count becomes one only when two outlets count visibly the same thing (the words around
the two figures agree: ``47 pages of the indictment`` / ``48 pages of the indictment``) and the
figures differ; ages, sums of money and counts of different things never do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from rashomon.extract.event.disputes.holders import HolderIndex, good_holder
from rashomon.extract.event.disputes.propositions import content_words
from rashomon.extract.event.disputes.stances import outlet_stances
from rashomon.extract.event.numbers import figure_text, intersect, value_sides
from rashomon.lexicon import table
from rashomon.model import Dispute, EventDoc, Evidence, NumberSlot, NumberValue, Side, content_id

__all__ = ["counted_thing", "figure_disputes", "one_authority"]

# Counts that are not facts outlets dispute, whatever the words around them.
_NEVER = frozenset({"age", "money", "percent", "years", "people", "times"})
_AFTER = re.compile(r"^\s*(?P<noun>[a-z][a-z-]+)\s+(?P<rest>[^.;:,]*)")
_LINK = frozenset(
    ["of", "the", "a", "an", "in", "on", "at", "for", "to", "from", "by", "with", "and"]
)


def counted_thing(event: EventDoc, v: NumberValue) -> str | None:
    """What a figure counts: the noun right after it and the next content word
    (``47 pages of the indictment`` -> ``pages of the indictment``), or ``None``."""
    text = event.doc(v.article_id).text
    m = _AFTER.match(text[v.span.end : v.span.end + 80].lower())
    if m is None:
        return None
    words = m.group("rest").split()
    lead = []
    for w in words:
        lead.append(w)
        if w not in _LINK:
            return m.group("noun") + " " + " ".join(lead)
    return None


def _holders(event: EventDoc, holders: HolderIndex, v: NumberValue) -> list[str]:
    # The source the figure is attributed to, and every speaker whose words hold it
    # ("Volunteers ... say the real figure is more than 60").
    out = [v.attributed_to] if v.attributed_to else []
    doc = event.doc(v.article_id)
    for a in doc.attributions:
        if a.content.contains(v.span):
            h = holders.of_attribution(doc, a)
            if h is not None:
                out.append(h.name)
    near = (v.attributed_to or "").lower()
    return [h for h in dict.fromkeys(out)
            if good_holder(h) and (h == v.attributed_to or h.lower() not in near)]


def _dispute(event: EventDoc, holders: HolderIndex, key: str, question: str,
             sides: Sequence[Sequence[NumberValue]]) -> Dispute:
    out = []
    for side in sides:
        position = Counter(figure_text(v) for v in side).most_common(1)[0][0]
        names = [h for v in side for h in _holders(event, holders, v)]
        out.append(Side(
            position=position,
            holders=tuple(dict.fromkeys(names)),
            outlets=tuple(dict.fromkeys(v.outlet for v in side)),
            evidence=tuple(dict.fromkeys(Evidence(article_id=v.article_id, span=v.span)
                                         for v in side)),
        ))
    outlets = {o for s in out for o in s.outlets}
    return Dispute(id=content_id("dispute", key), question=question, kind="number",
                   score=float(len(outlets) + len(out)), sides=tuple(out),
                   outlet_stances=outlet_stances(event, out))


def _same_thing(event: EventDoc, slot: NumberSlot) -> Iterator[tuple[str, list[list[NumberValue]]]]:
    # Figures of one slot grouped by the thing they count; a group of several outlets whose
    # figures cannot all hold is a dispute over that thing.
    groups: dict[str, list[NumberValue]] = {}
    for v in slot.values:
        thing = counted_thing(event, v)
        if thing is not None and content_words(thing):
            groups.setdefault(thing, []).append(v)
    for thing, values in groups.items():
        if len({v.outlet for v in values}) < 2 or intersect(values) is not None:
            continue
        sides = value_sides(NumberSlot(slot=slot.slot, values=tuple(values), verdict="conflict"))
        if len(sides) >= 2 and all(len({v.outlet for v in s}) >= 1 for s in sides):
            yield thing, sides


def _rival_sides(sides: Sequence[Sequence[NumberValue]]) -> list[Sequence[NumberValue]]:
    # An outlet never disputes itself: a figure stated only by outlets that also state, on
    # the same authority, a figure it cannot agree with is a second count ("six arrests
    # Wednesday, 47 the night before": neither attributed), not a rival one; two
    # authorities' figures in one report ("112 injured, the directorate says; doctors have
    # treated over 300") are, and so is a figure its source gives against the outlet's own
    # ("at least 12, colleagues say"; "officials have kept their count at seven").
    out = []
    for k, side in enumerate(sides):
        def self_disputed(v: NumberValue, k: int = k) -> bool:
            return any(w.outlet == v.outlet and intersect([v, w]) is None
                       and v.attributed_to == w.attributed_to
                       for j, s in enumerate(sides) if j != k for w in s)
        if not all(self_disputed(v) for v in side):
            out.append(side)
    return out


def figure_disputes(
    event: EventDoc, slots: Sequence[NumberSlot], holders: HolderIndex
) -> list[Dispute]:
    """Disputes over figures: slots whose figures cannot all be true.

    Args:
        event: the event.
        slots: its reconciled number slots.
        holders: the event's holder index.

    Returns:
        One dispute per conflicting count, sides by stated figure, most reported first.
    """
    questions: dict[str, str] = {k: str(v) for k, v in table("number_questions").items()}
    out = []
    for slot in slots:
        if slot.verdict != "conflict" or slot.slot in _NEVER:
            continue
        if slot.slot in questions:
            rivals = _rival_sides(value_sides(slot))
            if len(rivals) >= 2:
                out.append(_dispute(event, holders, f"number:{slot.slot}",
                                    questions[slot.slot], rivals))
            continue
        for thing, sides in _same_thing(event, slot):
            out.append(_dispute(event, holders, f"number:{slot.slot}:{thing}",
                                f"How many {thing}?", sides))
    return [d for d in out if not one_authority(d)]


def one_authority(d: Dispute) -> bool:
    """Whether all the figures come from one named source (``Hutchinson`` and ``Asa
    Hutchinson`` on two sides, nobody else): a source revising or breaking down its own
    count, not rival counts. With another source beside it, it is a dispute."""
    keys = {h.split()[-1].lower() for side in d.sides for h in side.holders}
    spread = sum(1 for side in d.sides if side.holders)
    return len(keys) == 1 and spread >= 2
