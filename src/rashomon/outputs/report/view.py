"""Turn an :class:`EventDoc` into plain, template-ready data shared by the report and the viewer.

Everything here is pure (no I/O, no HTML): strings stay untrusted text and are escaped by the
Jinja2 templates, never here. Chart geometry (relay graph, number intervals) is computed here so
the templates only place shapes.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from rashomon.extract.event.translit import with_latin
from rashomon.model import ArticleDoc, ClaimGroup, EventDoc, Evidence, NumberSlot, Span

# Longest evidence text shown inline in a card (the reader always shows the whole article).
MAX_EVIDENCE_CHARS = 400
CONTEXT_CHARS = 160
# Caps that keep a big event's report readable (the store and exports keep everything).
MAX_GROUPS = 40
MAX_ENTITIES = 150

STATE_SYMBOL = {"carries": "●", "attributed": "◐", "contradicts": "✕", "omits": "○"}
STATE_LABEL = {
    "carries": "states it in its own voice",
    "attributed": "reports it, attributed to a source",
    "contradicts": "contradicts it",
    "omits": "does not mention it",
}
SIDE_STANCE_TITLE = {"asserts": "states this side in its own voice",
                     "reports": "reports this side, attributed to a source"}
BRIEF_SECTIONS = ("consensus", "dispute", "timeline")
BRIEF_TITLES = {"consensus": "What the outlets agree on", "dispute": "Where they disagree",
                "timeline": "What happens next / when"}


@dataclass(frozen=True, slots=True)
class Ev:
    """One clickable piece of evidence."""

    article: str
    start: int
    end: int
    outlet: str
    text: str
    title: str | None = None
    before: str = ""  # the rest of the sentence around a short span, for context
    after: str = ""


def _clip(text: str, limit: int = MAX_EVIDENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _squash(text: str) -> str:
    # Collapse whitespace runs but keep a boundary space next to the highlighted span.
    return re.sub(r"\s+", " ", text)


class _Index:
    """Fast look-ups of articles and outlets by id."""

    def __init__(self, event: EventDoc) -> None:
        self.event = event
        self.docs: dict[str, ArticleDoc] = {d.id: d for d in event.docs}
        self.starts: dict[str, tuple[list[int], list[Span]]] = {}
        # Without a known outlet the model falls back to the source path; show its file name.
        self.short = {d.article.source: PurePath(d.article.source.split("#")[0]).name
                      or d.article.source for d in event.docs}

    def name(self, outlet: str) -> str:
        """How an outlet string from any layer is displayed (Cyrillic with its romanization)."""
        return with_latin(self.short.get(outlet, outlet))

    def outlet(self, article_id: str) -> str:
        if article_id not in self.docs:
            return "unknown article"
        return self.name(self.event.outlet_of(article_id))

    def ev(self, article_id: str, span: Span) -> Ev | None:
        doc = self.docs.get(article_id)
        if doc is None or span.end > len(doc.text):
            return None
        title = doc.meta.title.value if doc.meta.title else doc.article.title
        before = after = ""
        sent = self.sentence(doc, span)
        if sent is not None:
            before = _squash(doc.text[sent.start : span.start]).lstrip()
            after = _squash(doc.text[span.end : sent.end]).rstrip()
            if len(before) > CONTEXT_CHARS:
                before = "…" + before[-CONTEXT_CHARS:]
            if len(after) > CONTEXT_CHARS:
                after = after[:CONTEXT_CHARS] + "…"
        return Ev(article_id, span.start, span.end, self.outlet(article_id),
                  _clip(span.of(doc.text)), title, before, after)

    def sentence(self, doc: ArticleDoc, span: Span) -> Span | None:
        """The body sentence strictly containing ``span`` (None if it is a whole sentence)."""
        starts = self.starts.get(doc.id)
        if starts is None:
            ordered = sorted((s.span for s in doc.sentences), key=lambda x: (x.start, x.end))
            starts = self.starts[doc.id] = ([s.start for s in ordered], ordered)
        keys, spans = starts
        i = bisect.bisect_right(keys, span.start) - 1
        if i < 0:
            return None
        sent = spans[i]
        if sent.contains(span) and sent != span:
            return sent
        return None

    def evs(self, items: tuple[Evidence, ...]) -> list[Ev]:
        return [e for x in items if (e := self.ev(x.article_id, x.span)) is not None]


def _meta(doc: ArticleDoc, name: str) -> str | None:
    field = getattr(doc.meta, name)
    if field is not None:
        return str(field.value)
    value = getattr(doc.article, name, None)
    return None if value is None else str(value)


def build_view(event: EventDoc) -> dict[str, Any]:
    """All sections of the report as plain data.

    Args:
        event: the analysed event (any layer may be empty).

    Returns:
        A dict with one entry per section; each section says whether its layer was computed
        (``computed``) so templates can tell "none found" from "not run".
    """
    ix = _Index(event)
    layers = set(event.layers)
    articles = [_article_row(ix, d) for d in event.docs]
    dates = sorted(str(a["published"])[:10] for a in articles if a["published"])
    outlets = sorted({a["outlet"] for a in articles})
    return {
        "event": {
            "id": event.id, "name": event.name, "articles": len(event.docs),
            "outlets": outlets, "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None, "errors": len(event.errors),
        },
        "articles": articles,
        "relay_graph": relay_graph(event),
        "disputes": {"computed": "disputes" in layers or bool(event.disputes),
                     "entries": _disputes(ix)},
        "framing": {"computed": "framing" in layers or bool(event.framing),
                    "rows": _framing(ix)},
        "coverage": {"computed": "coverage" in layers or bool(event.coverage),
                     **_coverage(ix)},
        "numbers": {"computed": "numbers" in layers or bool(event.numbers),
                    "entries": [_number_slot(ix, s) for s in event.numbers]},
        "timeline": {"computed": "timeline" in layers or bool(event.timeline),
                     "entries": _timeline(ix), "conflicts": _date_conflicts(ix)},
        "integrity": {"computed": "quote_integrity" in layers or bool(event.quote_discrepancies),
                      "entries": _integrity(ix)},
        "sourcing": {"computed": "sourcing" in layers or bool(event.sourcing),
                     **_sourcing(ix)},
        "quotes": {"computed": any("attributions" in d.layers or d.attributions
                                   for d in event.docs),
                   "entries": _quotes(ix)},
        "entities": {"computed": "merged_entities" in layers or bool(event.entities),
                     "entries": _entities(ix), "total": len(event.entities)},
        "brief": {"computed": "brief" in layers or bool(event.brief), "sections": _brief(ix)},
        "errors": [{"source": f.source, "reason": f.reason, "stage": f.stage}
                   for f in event.errors],
        "notices": [{"source": n.source, "reason": n.reason, "kind": n.kind}
                    for n in event.notices],
    }


def _article_row(ix: _Index, d: ArticleDoc) -> dict[str, Any]:
    return {
        "id": d.id,
        "outlet": ix.outlet(d.id),
        "title": _meta(d, "title"),
        "published": _meta(d, "published"),
        "language": _meta(d, "language"),
        "author": _meta(d, "author"),
        "source": d.article.source,
        "url": d.article.url,
        "format": d.article.format,
        "duplicate_of": ix.outlet(d.duplicate_of) if d.duplicate_of else None,
        "chars": len(d.text),
        "sentences": len(d.sentences),
        "relays": list({
            r.outlet: e for r in reversed(d.meta.relays) if (e := ix.ev(d.id, r.span)) is not None
        }.values())[::-1],
        "relayed_outlets": sorted({r.outlet for r in d.meta.relays}),
    }


def _outlet_key(name: str) -> str:
    # "The Kestrel Post", "Kestrel Post" and "KESTREL POST" are one outlet in the graph.
    key = re.sub(r"[^\w]+", " ", name.casefold()).strip()
    return re.sub(r"^the ", "", key)


def relay_graph(event: EventDoc, *, width: int = 620, height: int = 320) -> dict[str, Any]:
    """Who relays whom: outlets on a circle, an arrow from the relaying outlet to its source.

    Outlets that are cited but not in the corpus are drawn as hollow nodes; a cited name that
    differs from a corpus outlet only by case, punctuation or a leading "The" is that outlet.
    """
    ix = _Index(event)
    corpus = sorted({ix.outlet(d.id) for d in event.docs})
    by_key = {_outlet_key(o): o for o in corpus}
    edges: Counter[tuple[str, str]] = Counter()
    for d in event.docs:
        src = ix.outlet(d.id)
        for r in d.meta.relays:
            target = by_key.get(_outlet_key(r.outlet), r.outlet)
            if target != src:
                edges[(src, target)] += 1
    cited = sorted({b for _, b in edges} - set(corpus))
    names = corpus + cited
    cx, cy = width / 2, height / 2
    radius = min(cx, cy) - 40
    pos: dict[str, tuple[float, float]] = {}
    for i, name in enumerate(names):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(names), 1)
        rad = radius if len(names) > 1 else 0.0
        pos[name] = (round(cx + rad * math.cos(angle), 1), round(cy + rad * math.sin(angle), 1))
    nodes = [
        {"name": n, "label": n if len(n) <= 24 else n[:23] + "…", "x": pos[n][0],
         "y": pos[n][1], "in_corpus": n in corpus,
         "anchor": "start" if pos[n][0] > cx + 1 else "end" if pos[n][0] < cx - 1 else "middle",
         "label_x": pos[n][0] + (10 if pos[n][0] > cx + 1 else -10 if pos[n][0] < cx - 1 else 0),
         "label_y": pos[n][1] + (4 if abs(pos[n][0] - cx) > 1 else -12 if pos[n][1] <= cy
                                 else 20)}
        for n in names
    ]
    lines = []
    for (a, b), count in sorted(edges.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        dist = math.hypot(x2 - x1, y2 - y1) or 1.0
        # Stop the line short of the node circles so the arrowhead stays visible.
        ux, uy = (x2 - x1) / dist, (y2 - y1) / dist
        lines.append({"source": a, "target": b, "count": count,
                      "x1": round(x1 + ux * 9, 1), "y1": round(y1 + uy * 9, 1),
                      "x2": round(x2 - ux * 12, 1), "y2": round(y2 - uy * 12, 1)})
    return {"width": width, "height": height, "nodes": nodes, "edges": lines}


def _disputes(ix: _Index) -> list[dict[str, Any]]:
    out = []
    for d in sorted(ix.event.disputes, key=lambda d: -d.score):
        out.append({
            "id": d.id, "question": d.question, "kind": d.kind, "score": d.score,
            "sides": [
                {"position": s.position, "holders": [with_latin(h) for h in s.holders],
                 "outlets": [ix.name(o) for o in s.outlets],
                 "stances": [{"outlet": ix.name(o), "stance": st,
                              "title": SIDE_STANCE_TITLE.get(st, st)} for o, st in s.stances],
                 "evidence": ix.evs(s.evidence)}
                for s in d.sides
            ],
            "stances": [{"outlet": ix.name(o), "stance": st} for o, st in d.outlet_stances],
        })
    return out


def _framing(ix: _Index) -> list[dict[str, Any]]:
    """Per outlet, the loaded words it uses in its own voice and those it quotes or
    attributes, each use with its evidence (the word, in its sentence); outlets with the most
    own-voice uses first."""
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for f in ix.event.framing:
        ev = ix.ev(f.article_id, f.span)
        if ev is None:
            continue
        row = rows.setdefault(ix.name(f.outlet), {"own": [], "quoted": []})
        row["own" if f.authorial else "quoted"].append({"word": f.word, "evidence": ev})
    return [{"outlet": o, **r}
            for o, r in sorted(rows.items(), key=lambda kv: (-len(kv[1]["own"]), kv[0]))]


def _coverage(ix: _Index) -> dict[str, Any]:
    event = ix.event
    # Widest-reported groups first; a matrix wider than MAX_GROUPS columns is unreadable.
    ranked = sorted(event.groups, key=lambda g: (-len(g.outlets), -g.independent_outlets))
    groups = ranked[:MAX_GROUPS]
    table: dict[tuple[str, str], str] = {(c.outlet, c.group_id): c.state for c in event.coverage}
    cell_claims = {(c.outlet, c.group_id): c.claim_ids for c in event.coverage}
    outlets = sorted({c.outlet for c in event.coverage}
                     | {event.outlet_of(d.id) for d in event.docs})
    claims = {c.id: c for c in event.claims}
    cols = []
    for i, g in enumerate(groups):
        label_claim = claims.get(g.label_claim)
        ev = ix.ev(label_claim.article_id, label_claim.span) if label_claim else None
        cols.append({"id": g.id, "n": i + 1, "label": g.label, "evidence": ev,
                     "independent": g.independent_outlets, "outlets": len(g.outlets),
                     "note": g.sourcing_note, "sources": _group_sources(ix, g)})
    rows = []
    for outlet in outlets:
        cells = []
        for g in groups:
            state = table.get((outlet, g.id))
            reporting = sum(1 for o in outlets
                            if table.get((o, g.id)) in ("carries", "attributed"))
            # A blindspot: this outlet is silent on a claim at least two others report.
            blind = state == "omits" and reporting >= 2
            # The cell links to the outlet's own sentence for this claim, when it has one.
            ids = cell_claims.get((outlet, g.id)) or tuple(
                cid for cid in g.claim_ids
                if cid in claims and event.outlet_of(claims[cid].article_id) == outlet
            )
            first = next((claims[c] for c in ids if c in claims), None)
            cells.append({"state": state or "none", "symbol": STATE_SYMBOL.get(state or "", "·"),
                          "evidence": ix.ev(first.article_id, first.span) if first else None,
                          "blindspot": blind,
                          "title": f"{outlet}: {STATE_LABEL.get(state or '', 'no data')}"
                                   + (" (blindspot)" if blind else "")})
        rows.append({"outlet": ix.name(outlet), "cells": cells})
    return {"groups": cols, "rows": rows, "total_groups": len(ranked), "legend": [
        {"state": s, "symbol": STATE_SYMBOL[s], "label": STATE_LABEL[s]} for s in STATE_SYMBOL]}


def _group_sources(ix: _Index, g: ClaimGroup) -> list[dict[str, Any]]:
    return [{"origin": ix.name(o.origin), "relation": o.relation,
             "outlets": [ix.name(x) for x in o.outlets], "evidence": ix.evs(o.evidence)}
            for o in g.sources]  # fmt: skip


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _number_slot(ix: _Index, slot: NumberSlot, *, width: int = 560) -> dict[str, Any]:
    values = list(slot.values)
    label_w, pad, row_h = 170, 16, 24
    finite = [x for v in values for x in (v.value, v.low, v.high) if x is not None]
    lo = min(finite) if finite else 0.0
    hi = max(finite) if finite else 1.0
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    span = hi - lo
    lo, hi = lo - span * 0.08, hi + span * 0.08
    x0, x1 = label_w + pad, width - pad

    def x(val: float) -> float:
        return round(x0 + (val - lo) / (hi - lo) * (x1 - x0), 1)

    rows = []
    for i, v in enumerate(values):
        y = 14 + i * row_h
        rows.append({
            "y": y, "outlet": ix.name(v.outlet), "value": _fmt(v.value), "x": x(v.value),
            "lx": x(v.low) if v.low is not None else x0,
            "hx": x(v.high) if v.high is not None else x1,
            "open_low": v.low is None, "open_high": v.high is None,
            "qualifier": v.qualifier, "published": v.published, "attributed_to": v.attributed_to,
            "low": None if v.low is None else _fmt(v.low),
            "high": None if v.high is None else _fmt(v.high),
            "evidence": ix.ev(v.article_id, v.span),
        })
    height = 14 + len(values) * row_h + 22
    ticks = [{"x": x(t), "label": _fmt(t)} for t in _ticks(lo, hi)]
    return {"slot": slot.slot, "verdict": slot.verdict, "explanation": slot.explanation,
            "rows": rows, "width": width, "height": height, "axis_y": height - 20,
            "x0": x0, "x1": x1, "ticks": ticks}


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    t = float(math.ceil(lo / step) * step)
    out: list[float] = []
    while t <= hi + 1e-9:
        out.append(round(t, 10))
        t += step
    return out


def _timeline(ix: _Index) -> list[dict[str, Any]]:
    return [
        {"date": t.date, "text": t.text, "evidence": ix.evs(t.evidence),
         "outlets": sorted({ix.outlet(a) for a in t.article_ids}), "note": t.note}
        for t in sorted(ix.event.timeline, key=lambda t: t.date)
    ]


def _date_conflicts(ix: _Index) -> list[dict[str, Any]]:
    return [
        {"text": c.text, "versions": [
            {"date": v.date, "outlets": [ix.name(o) for o in v.outlets],
             "evidence": ix.evs(v.evidence)} for v in c.versions]}
        for c in ix.event.date_conflicts
    ]


FLAG_LABEL = {
    "truncated": "truncated",
    "words-changed": "words changed",
    "different-speaker": "different speaker",
    "paraphrase-as-quote": "paraphrase printed as a quote",
}


def _integrity(ix: _Index) -> list[dict[str, Any]]:
    """Quote discrepancies: both versions, each linked to its words and its speaker."""
    out = []
    for q in ix.event.quote_discrepancies:
        versions = []
        for v in q.versions:
            speaker = ix.ev(v.article_id, v.speaker_span) if v.speaker_span else None
            versions.append({"outlet": ix.name(v.outlet), "speaker": v.speaker,
                             "quoted": v.quoted, "evidence": ix.ev(v.article_id, v.span),
                             "speaker_evidence": speaker})
        out.append({"flags": [FLAG_LABEL.get(f, f) for f in q.flags], "detail": q.detail,
                    "similarity": q.similarity, "versions": versions})
    return out


SOURCING_LABEL = {"named": "named", "anonymous": "anonymous", "official": "official",
                  "relayed": "via another outlet", "document": "document", "other": "no source"}


def _sourcing(ix: _Index) -> dict[str, Any]:
    """Sourcing profiles as rows of counts and shares, with example attributions."""
    spans = {a.id: (d.id, a.span) for d in ix.event.docs for a in d.attributions}
    rows = []
    for p in ix.event.sourcing:
        examples = {c: [e for aid in ids[:3] if aid in spans
                        and (e := ix.ev(*spans[aid])) is not None]
                    for c, ids in p.attribution_ids}  # fmt: skip
        rows.append({
            "scope": p.scope, "outlet": ix.name(p.outlet), "total": p.total,
            "title": _meta(ix.docs[p.key], "title") if p.scope == "article" and p.key in ix.docs
            else None,
            "cells": [{"category": c, "count": n,
                       "share": round(100 * n / p.total) if p.total else 0,
                       "examples": examples.get(c, [])} for c, n in p.counts],
        })
    return {"rows": rows, "categories": [{"key": k, "label": v} for k, v in SOURCING_LABEL.items()]}


def _quotes(ix: _Index) -> list[dict[str, Any]]:
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    anonymous: dict[str, bool] = {}
    for d in ix.event.docs:
        for q in d.attributions:
            who = q.speaker_resolved or q.speaker_text or "Unattributed"
            anonymous[who] = anonymous.get(who, True) and q.anonymous
            by_speaker[who].append({
                "kind": q.kind, "content": _clip(q.content.of(d.text)),
                "outlet": ix.outlet(d.id),
                "relayed_from": with_latin(q.relayed_from) if q.relayed_from else None,
                "evidence": ix.ev(d.id, q.span),
            })
    return [
        {"speaker": with_latin(who), "anonymous": anonymous[who], "quotes": items,
         "outlets": sorted({i["outlet"] for i in items})}
        for who, items in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def _entities(ix: _Index) -> list[dict[str, Any]]:
    out = []
    ranked = sorted(ix.event.entities, key=lambda e: (-len(e.mentions), e.name))
    for e in ranked[:MAX_ENTITIES]:
        evs = ix.evs(e.mentions)
        out.append({"id": e.id, "name": with_latin(e.name), "label": e.label,
                    "aliases": [a for a in e.aliases if a != e.name], "roles": list(e.roles),
                    "mentions": len(e.mentions), "outlets": sorted({v.outlet for v in evs}),
                    "evidence": evs[:3], "merge_reasons": list(e.merge_reasons)})
    return out


def _brief(ix: _Index) -> list[dict[str, Any]]:
    sections: dict[str, list[dict[str, Any]]] = {}
    for b in ix.event.brief:
        sections.setdefault(b.section, []).append(
            {"text": b.text, "citations": ix.evs(b.citations)})
    order = [s for s in BRIEF_SECTIONS if s in sections] + [
        s for s in sections if s not in BRIEF_SECTIONS]
    return [{"section": s, "title": BRIEF_TITLES.get(s, s.title()), "lines": sections[s]}
            for s in order]


def articles_payload(event: EventDoc) -> dict[str, Any]:
    """The article texts the report's reader needs, keyed by article id (embedded once)."""
    ix = _Index(event)
    return {
        d.id: {
            "outlet": ix.outlet(d.id),
            "title": _meta(d, "title"),
            "published": _meta(d, "published"),
            "source": d.article.source,
            "text": d.text,
            "boilerplate": [[b.span.start, b.span.end] for b in d.boilerplate],
        }
        for d in event.docs
    }
