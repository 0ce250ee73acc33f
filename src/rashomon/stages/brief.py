"""Stage brief.v1: an extractive, neutral brief in which every line cites article spans."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from rashomon.extract.event.brief import (
    consensus_line,
    dispute_lines,
    finish_sentence,
    outlet_counts,
    whole_sentence,
)

from ..model import BriefLine, EventDoc, Evidence
from ..registry import EventStage, registry

DEFAULT = ["brief.v1"]


def consensus_lines(event: EventDoc, *, min_outlets: int = 2, limit: int = 8
                    ) -> Iterator[BriefLine]:
    """Facts several independent outlets state, each as a whole sentence with its backing.

    Claim groups first (their most readable member sentence), then agreeing figures, else
    sentences repeated across outlets.

    Args:
        event: the analysed event.
        min_outlets: independent outlets a fact needs.
        limit: most lines to give.
    """
    n = 0
    seen: set[str] = set()
    claims = {c.id: c for c in event.claims}
    for g in sorted(event.groups, key=lambda g: -g.independent_outlets):
        if g.independent_outlets < min_outlets or n >= limit:
            continue
        members = [claims[c] for c in g.claim_ids if c in claims]
        if not members:
            continue
        label = claims.get(g.label_claim, members[0])
        line = consensus_line(
            event, [Evidence(article_id=c.article_id, span=c.span) for c in members],
            n_outlets=len(g.outlets), n_independent=g.independent_outlets,
            prefer=Evidence(article_id=label.article_id, span=label.span),
            speaker=label.speaker if label.voice == "attributed" else None)
        if line is not None and line.text not in seen:
            # two groups can share their best sentence; say it once
            seen.add(line.text)
            yield line
            n += 1
    for slot in event.numbers:
        if n >= limit:
            break
        outlets = {v.outlet for v in slot.values}
        if slot.verdict != "compatible" or len(outlets) < min_outlets:
            continue
        _, indep = outlet_counts(event, [v.article_id for v in slot.values])
        line = consensus_line(
            event, [Evidence(article_id=v.article_id, span=v.span) for v in slot.values],
            n_outlets=len(outlets), n_independent=min(indep, len(outlets)))
        if line is not None and line.text not in seen:
            # two groups can share their best sentence; say it once
            seen.add(line.text)
            yield line
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
        outlets = {outlet, *(o for o, _, _ in same)}
        if len(outlets) < min_outlets:
            continue
        evs = [Evidence(article_id=aid, span=span),
               *(Evidence(article_id=a, span=sp) for _, a, sp in same)]
        _, indep = outlet_counts(event, [e.article_id for e in evs])
        line = consensus_line(event, evs, n_outlets=len(outlets),
                              n_independent=min(indep, len(outlets)), prefer=evs[0])
        if line is not None:
            yield line
            used += 1


def timeline_lines(event: EventDoc, *, limit: int = 12) -> Iterator[BriefLine]:
    """The dated entries reported by the most articles, in date order, each as its first
    evidence's whole sentence (the entry's own text where that has none)."""
    top = sorted(event.timeline, key=lambda t: -len(t.article_ids))[:limit]
    seen: set[str] = set()
    for t in sorted(top, key=lambda t: t.date):
        text = ""
        if t.evidence:
            try:
                whole = whole_sentence(event, t.evidence[0])
                text = finish_sentence(
                    event.doc(whole.article_id).text[whole.span.start:whole.span.end])
            except KeyError:
                text = ""
        text = text or finish_sentence(t.text)
        if text in seen:
            continue  # two dates read off one sentence: it is shown once, at the first
        seen.add(text)
        yield BriefLine(section="timeline", text=f"{t.date}: {text}", citations=t.evidence)


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
