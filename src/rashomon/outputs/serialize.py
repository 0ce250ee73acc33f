"""Turn an :class:`EventDoc` into the ``analysis.json`` document (and back to plain rows).

Field names follow the published ``analysis.json`` contract (``schemas/analysis.schema.json``);
fields are only ever added, never renamed.
"""

from __future__ import annotations

from typing import Any

from rashomon.model import (
    SCHEMA_VERSION,
    ArticleDoc,
    EventDoc,
    Evidence,
    MetaField,
    QuoteDiscrepancy,
    Span,
)


def _value(field: MetaField | None) -> str | None:
    return field.value if field is not None else None


def _ev(e: Evidence) -> dict[str, Any]:
    return {"article": e.article_id, "start": e.span.start, "end": e.span.end}


def _span_or_none(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def article_to_json(doc: ArticleDoc) -> dict[str, Any]:
    """The ``articles[]`` entry of one article."""
    a, m = doc.article, doc.meta
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "format": a.format,
        "outlet": _value(m.outlet) or a.outlet,
        # What findings name the article by when no outlet is known (file name or host).
        "outlet_label": doc.outlet_label,
        "title": _value(m.title) or a.title,
        "published": _value(m.published) or a.published,
        "author": _value(m.author) or a.author,
        "language": _value(m.language) or a.language,
        "translated_from": _value(m.translated_from),
        "relays": [
            {"outlet": r.outlet, "start": r.span.start, "end": r.span.end, "cue": r.cue,
             "relation": r.cue, **_cue(r.cue_span)}
            for r in m.relays
        ],
        "metadata_evidence": {
            name: {"origin": f.origin, **(_span_or_none(f.span) or {})}
            for name in ("outlet", "title", "published", "author", "language", "translated_from")
            if (f := getattr(m, name)) is not None
        },
        "text": a.text,
        "boilerplate": [
            {"start": b.span.start, "end": b.span.end, "reason": b.reason, "score": b.score}
            for b in doc.boilerplate
        ],
        "body": doc.body,
        "body_spans": [{"start": s.start, "end": s.end} for s in doc.body_spans()],
        "duplicate_of": doc.duplicate_of,
    }


def event_to_json(event: EventDoc) -> dict[str, Any]:
    """The whole ``analysis.json`` document for one event."""
    docs = event.docs
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "event": {"id": event.id, "name": event.name},
        "articles": [article_to_json(d) for d in docs],
        "errors": [
            {"source": f.source, "reason": f.reason, "stage": f.stage} for f in event.errors
        ],
        "notices": [
            {"source": n.source, "reason": n.reason, "kind": n.kind} for n in event.notices
        ],
        "sentences": [
            {"article": s.article_id, "start": s.span.start, "end": s.span.end}
            for d in docs
            for s in d.sentences
        ],
        "mentions": [
            {
                "article": m.article_id,
                "start": m.span.start,
                "end": m.span.end,
                "text": m.text,
                "label": m.label,
                "entity": m.entity,
            }
            for d in docs
            for m in d.mentions
        ],
        "local_entities": [
            {
                "id": e.id,
                "article": e.article_id,
                "name": e.name,
                "label": e.label,
                "roles": [
                    {"text": r.text, "start": r.span.start, "end": r.span.end} for r in e.roles
                ],
            }
            for d in docs
            for e in d.entities
        ],
        "attributions": [
            {
                "id": q.id,
                "article": q.article_id,
                "kind": q.kind,
                "speaker": q.speaker_text,
                "speaker_resolved": q.speaker_resolved,
                "speaker_start": q.speaker.start if q.speaker else None,
                "speaker_end": q.speaker.end if q.speaker else None,
                "speaker_kind": q.speaker_kind,
                "speaker_affiliation": q.speaker_affiliation,
                "anonymous": q.anonymous,
                "cue": q.cue.of(d.text) if q.cue else None,
                "cue_start": q.cue.start if q.cue else None,
                "cue_end": q.cue.end if q.cue else None,
                "content": q.content.of(d.text),
                "content_start": q.content.start,
                "content_end": q.content.end,
                "start": q.span.start,
                "end": q.span.end,
                "relayed_from": q.relayed_from,
            }
            for d in docs
            for q in d.attributions
        ],
        "quantities": [
            {
                "id": n.id,
                "article": n.article_id,
                "text": n.text,
                "slot": n.slot,
                "value": n.value,
                "low": n.low,
                "high": n.high,
                "qualifier": n.qualifier,
                "unit": n.unit,
                "attributed_to": n.attributed_to,
                "start": n.span.start,
                "end": n.span.end,
            }
            for d in docs
            for n in d.quantities
        ],
        "times": [
            {
                "id": t.id,
                "article": t.article_id,
                "text": t.text,
                "date": t.value,
                "granularity": t.granularity,
                "anchor": t.anchor,
                "anchor_from": t.anchor_from,
                "anchor_date": t.anchor_date,
                "event": t.event_text,
                "start": t.span.start,
                "end": t.span.end,
                "happening": _span_or_none(t.happening),
            }
            for d in docs
            for t in d.times
        ],
        "hedges": [
            {"article": h.article_id, "kind": h.kind, "start": h.span.start, "end": h.span.end}
            for d in docs
            for h in d.hedges
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.label,
                "aliases": list(e.aliases),
                "roles": list(e.roles),
                "mentions": [_ev(m) for m in e.mentions],
                "merge_reasons": list(e.merge_reasons),
            }
            for e in event.entities
        ],
        "claims": [
            {
                "id": c.id,
                "article": c.article_id,
                "start": c.span.start,
                "end": c.span.end,
                "text": c.text,
                "voice": c.voice,
                "speaker": c.speaker,
                "relayed_from": c.relayed_from,
                "negated": c.negated,
                "hedged": c.hedged,
            }
            for c in event.claims
        ],
        "claim_groups": [
            {
                "id": g.id,
                "label": g.label,
                "label_claim": g.label_claim,
                "claims": list(g.claim_ids),
                "outlets": list(g.outlets),
                "independent_outlets": g.independent_outlets,
                "independent_sources": [
                    {"origin": o.origin, "relation": o.relation, "outlets": list(o.outlets),
                     "evidence": [_ev(e) for e in o.evidence]}
                    for o in g.sources
                ],
                "sourcing_note": g.sourcing_note,
            }
            for g in event.groups
        ],
        "coverage": _coverage(event),
        "coverage_origins": _coverage_origins(event),
        "quote_integrity": [_quote_discrepancy(q) for q in event.quote_discrepancies],
        "sourcing": _sourcing(event),
        "blindspots": _blindspots(event),
        "numbers": [
            {
                "slot": s.slot,
                "verdict": s.verdict,
                "explanation": s.explanation,
                "values": [
                    {
                        "article": v.article_id,
                        "outlet": v.outlet,
                        "value": v.value,
                        "low": v.low,
                        "high": v.high,
                        "qualifier": v.qualifier,
                        "published": v.published,
                        "attributed_to": v.attributed_to,
                        "start": v.span.start,
                        "end": v.span.end,
                    }
                    for v in s.values
                ],
            }
            for s in event.numbers
        ],
        "disputes": [
            {
                "id": p.id,
                "question": p.question,
                "kind": p.kind,
                "score": p.score,
                "sides": [
                    {
                        "position": side.position,
                        "holders": list(side.holders),
                        "outlets": list(side.outlets),
                        "stances": dict(side.stances),
                        "evidence": [_ev(e) for e in side.evidence],
                    }
                    for side in p.sides
                ],
                "outlet_stances": {o: s for o, s in p.outlet_stances},
            }
            for p in event.disputes
        ],
        "framing": [
            {
                "article": f.article_id,
                "outlet": f.outlet,
                "word": f.word,
                "authorial": f.authorial,
                "start": f.span.start,
                "end": f.span.end,
            }
            for f in event.framing
        ],
        "timeline": [
            {
                "date": t.date,
                "text": t.text,
                "articles": list(t.article_ids),
                "outlets": list(t.outlets),
                "note": t.note,
                "evidence": [_ev(e) for e in t.evidence],
            }
            for t in event.timeline
        ],
        "timeline_conflicts": [
            {
                "id": c.id,
                "text": c.text,
                "versions": [
                    {"date": v.date, "outlets": list(v.outlets),
                     "evidence": [_ev(e) for e in v.evidence]}
                    for v in c.versions
                ],
            }
            for c in event.date_conflicts
        ],
        "brief": [
            {"section": b.section, "text": b.text, "citations": [_ev(e) for e in b.citations]}
            for b in event.brief
        ],
    }
    return out


def _blindspots(event: EventDoc) -> dict[str, list[str]]:
    if not event.coverage:
        return {}
    from rashomon.extract.event.claims import (
        blindspots,  # deferred: pulls in numpy and scikit-learn
    )

    return blindspots(event)


def _coverage(event: EventDoc) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for c in event.coverage:
        table.setdefault(c.outlet, {})[c.group_id] = c.state
    return table


def _cue(span: Span | None) -> dict[str, int]:
    return {} if span is None else {"cue_start": span.start, "cue_end": span.end}


def _coverage_origins(event: EventDoc) -> dict[str, dict[str, str]]:
    """outlet -> claim group -> the source its claims trace to (itself, or a relayed outlet)."""
    table: dict[str, dict[str, str]] = {}
    for c in event.coverage:
        if c.origin is not None:
            table.setdefault(c.outlet, {})[c.group_id] = c.origin
    return table


def _quote_discrepancy(q: QuoteDiscrepancy) -> dict[str, Any]:
    return {
        "id": q.id,
        "flags": list(q.flags),
        "similarity": q.similarity,
        "detail": q.detail,
        "versions": [
            {
                "article": v.article_id,
                "outlet": v.outlet,
                "start": v.span.start,
                "end": v.span.end,
                "text": v.text,
                "speaker": v.speaker,
                "speaker_start": v.speaker_span.start if v.speaker_span else None,
                "speaker_end": v.speaker_span.end if v.speaker_span else None,
                "quoted": v.quoted,
                "attribution": v.attribution_id,
            }
            for v in q.versions
        ],
    }


def _sourcing(event: EventDoc) -> list[dict[str, Any]]:
    """Sourcing profiles: counts and shares of named, anonymous, official, relayed... sources,
    with the attributions behind each count."""
    return [
        {
            "scope": p.scope,
            "key": p.key,
            "outlet": p.outlet,
            "total": p.total,
            "counts": dict(p.counts),
            "shares": {c: (round(n / p.total, 3) if p.total else 0.0) for c, n in p.counts},
            "attributions": {c: list(ids) for c, ids in p.attribution_ids},
        }
        for p in event.sourcing
    ]
