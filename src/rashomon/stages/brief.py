"""Stage brief.v1: an extractive, neutral brief in which every line cites article spans."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from rashomon.extract.event.numbers import figure_text

from ..model import BriefLine, EventDoc, Evidence
from ..registry import EventStage, registry

DEFAULT = ["brief.v1"]


def _sentence_of(event: EventDoc, ev: Evidence) -> Evidence:
    # Widen a span to its sentence so the brief quotes whole statements, not fragments.
    doc = event.doc(ev.article_id)
    for s in doc.sentences:
        if s.span.start <= ev.span.start < s.span.end:
            return Evidence(article_id=ev.article_id, span=s.span)
    return ev


def _quote(event: EventDoc, ev: Evidence, max_words: int = 40) -> str:
    text = " ".join(event.doc(ev.article_id).text[ev.span.start:ev.span.end].split())
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def consensus_lines(event: EventDoc, *, min_outlets: int = 2, limit: int = 8
                    ) -> Iterator[BriefLine]:
    """Facts several independent outlets state: claim groups, else agreeing figures.

    Args:
        event: the analysed event.
        min_outlets: independent outlets a fact needs.
        limit: most lines to give.
    """
    n = 0
    claims = {c.id: c for c in event.claims}
    for g in sorted(event.groups, key=lambda g: -g.independent_outlets):
        if g.independent_outlets < min_outlets or n >= limit:
            continue
        members = [claims[c] for c in g.claim_ids if c in claims]
        if not members:
            continue
        label = claims.get(g.label_claim, members[0])
        cites = tuple(Evidence(article_id=c.article_id, span=c.span) for c in members)
        quote = _quote(event, Evidence(article_id=label.article_id, span=label.span))
        # What several outlets agree on for attributed speech is that it was said.
        text = (f"{label.speaker}: “{quote}”" if label.voice == "attributed" and label.speaker
                else quote)
        yield BriefLine(section="consensus", text=text, citations=cites)
        n += 1
    for slot in event.numbers:
        if n >= limit:
            break
        outlets = {v.outlet for v in slot.values}
        if slot.verdict != "compatible" or len(outlets) < min_outlets:
            continue
        cites = tuple(_sentence_of(event, Evidence(article_id=v.article_id, span=v.span))
                      for v in slot.values)
        figures = ", ".join(sorted({figure_text(v) for v in slot.values}))
        yield BriefLine(
            section="consensus",
            text=f"{slot.slot}: {figures} ({len(outlets)} outlets agree). "
                 f"“{_quote(event, cites[0])}”",
            citations=cites,
        )
        n += 1
    if n == 0:
        yield from _repeated_sentences(event, min_outlets=min_outlets, limit=limit)


def _repeated_sentences(event: EventDoc, *, min_outlets: int, limit: int) -> Iterator[BriefLine]:
    # Without claim groups: sentences whose content words recur in other outlets' sentences.
    word = re.compile(r"[a-z]{4,}")
    rows = []
    for d in event.docs:
        if d.duplicate_of is not None:
            continue
        for s in d.sentences:
            ws = frozenset(word.findall(d.text[s.span.start:s.span.end].lower()))
            if len(ws) >= 5:
                rows.append((event.outlet_of(d.id), d.id, s.span, ws))
    used = 0
    for outlet, aid, span, ws in rows:
        if used >= limit:
            break
        same = [(o, a, sp) for o, a, sp, w2 in rows
                if o != outlet and len(ws & w2) / len(ws | w2) >= 0.45]
        if len({o for o, _, _ in same}) + 1 < min_outlets:
            continue
        cites = (Evidence(article_id=aid, span=span),
                 *(Evidence(article_id=a, span=sp) for _, a, sp in same))
        yield BriefLine(section="consensus", text=_quote(event, cites[0]), citations=cites)
        used += 1


def dispute_lines(event: EventDoc, *, limit: int = 6) -> Iterator[BriefLine]:
    """One line per side of the top disputes: the position, who holds it, and a citation."""
    for d in event.disputes[:limit]:
        cites = tuple(e for s in d.sides for e in s.evidence[:2])
        yield BriefLine(section="dispute", text=d.question, citations=cites)
        for s in d.sides:
            holders = ", ".join(s.holders) if s.holders else "stated by " + ", ".join(s.outlets)
            yield BriefLine(
                section="dispute",
                text=f"{s.position} ({holders}): "
                     f"“{_quote(event, _sentence_of(event, s.evidence[0]), 30)}”",
                citations=s.evidence,
            )


def timeline_lines(event: EventDoc, *, limit: int = 12) -> Iterator[BriefLine]:
    """The dated entries reported by the most articles, in date order."""
    top = sorted(event.timeline, key=lambda t: -len(t.article_ids))[:limit]
    for t in sorted(top, key=lambda t: t.date):
        yield BriefLine(section="timeline", text=f"{t.date}: {t.text}", citations=t.evidence)


def build_brief(event: EventDoc) -> list[BriefLine]:
    """The whole brief: consensus, disputes with their sides, timeline; cited throughout."""
    lines = [*consensus_lines(event), *dispute_lines(event), *timeline_lines(event)]
    return [line for line in lines if line.citations]


@registry.event_stage("brief.v1", produces={"brief"})
def make_brief_stage() -> EventStage:
    """An extractive neutral brief: consensus, disputes with sides, timeline; all cited."""

    def stage(event: EventDoc) -> EventDoc:
        return replace(event, brief=tuple(build_brief(event)))

    return stage


__all__: Sequence[str] = ["build_brief", "consensus_lines", "dispute_lines", "timeline_lines"]
