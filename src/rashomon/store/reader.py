"""Read events back from the store: the inverse of :mod:`rashomon.store.writer`."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..errors import StoreError
from ..model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    Attribution,
    Boilerplate,
    BriefLine,
    Claim,
    ClaimGroup,
    Coverage,
    Dispute,
    Entity,
    EventDoc,
    Evidence,
    Failure,
    Hedge,
    LocalEntity,
    Mention,
    MetaField,
    Notice,
    NumberSlot,
    NumberValue,
    Quantity,
    Relay,
    Role,
    Sentence,
    Side,
    Span,
    TimelineEntry,
    TimeMention,
)
from .extras import read_extras, read_group_sources
from .writer import ARTICLE_KEYED_TABLES, NOTICE_STAGE


def list_events(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """The stored events (id, name, articles, written_at), newest first."""
    return conn.execute(
        "SELECT id, name, articles, written_at, layers FROM events ORDER BY written_at DESC, name"
    ).fetchall()


def _span(row: sqlite3.Row, start: str = "start", end: str = "end") -> Span | None:
    if row[start] is None or row[end] is None:
        return None
    return Span(row[start], row[end])


def _req_span(row: sqlite3.Row, start: str = "start", end: str = "end") -> Span:
    return Span(row[start], row[end])


def _rows(conn: sqlite3.Connection, sql: str, *args: Any) -> list[sqlite3.Row]:
    return conn.execute(sql, args).fetchall()


def _read_doc(conn: sqlite3.Connection, arow: sqlite3.Row) -> ArticleDoc:
    aid = arow["id"]
    declared = json.loads(arow["declared"])
    article = Article(
        id=aid, source=arow["source"], text=arow["text"], url=arow["url"],
        format=arow["format"], **declared,
    )
    meta_fields: dict[str, MetaField] = {
        r["field"]: MetaField(value=r["value"], origin=r["origin"], span=_span(r))
        for r in _rows(conn, "SELECT * FROM article_meta WHERE article_id = ? ORDER BY pk", aid)
    }
    relays = tuple(
        Relay(outlet=r["outlet"], cue=r["cue"], span=_req_span(r),
              cue_span=_span(r, "cue_start", "cue_end"))
        for r in _rows(conn, "SELECT * FROM relays WHERE article_id = ? ORDER BY pk", aid)
    )
    def rows(table: str) -> list[sqlite3.Row]:
        order = "ord" if table in ARTICLE_KEYED_TABLES else "rowid"
        return _rows(
            conn, f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", aid
        )

    return ArticleDoc(
        article=article,
        meta=ArticleMeta(**meta_fields, relays=relays),
        boilerplate=tuple(
            Boilerplate(article_id=aid, span=_req_span(r), reason=r["reason"], score=r["score"])
            for r in rows("boilerplate")
        ),
        sentences=tuple(Sentence(article_id=aid, span=_req_span(r)) for r in rows("sentences")),
        mentions=tuple(
            Mention(article_id=aid, span=_req_span(r), text=r["text"], label=r["label"],
                    entity=r["entity_ref"])
            for r in rows("mentions")
        ),
        entities=tuple(
            LocalEntity(
                id=r["id"], article_id=aid, name=r["name"], label=r["label"],
                mention_spans=tuple(Span(s, e) for s, e in json.loads(r["mention_spans"])),
                roles=tuple(Role(text=x["text"], span=Span(x["start"], x["end"]))
                            for x in json.loads(r["roles"])),
            )
            for r in rows("local_entities")
        ),
        attributions=tuple(
            Attribution(
                id=r["id"], article_id=aid, kind=r["kind"], span=_req_span(r),
                content=_req_span(r, "content_start", "content_end"),
                cue=_span(r, "cue_start", "cue_end"),
                speaker=_span(r, "speaker_start", "speaker_end"),
                speaker_text=r["speaker"], speaker_resolved=r["speaker_resolved"],
                speaker_entity=r["speaker_entity_id"], anonymous=bool(r["anonymous"]),
                relayed_from=r["relayed_from"], speaker_kind=r["speaker_kind"],
                speaker_affiliation=r["speaker_affiliation"],
            )
            for r in rows("attributions")
        ),
        quantities=tuple(
            Quantity(
                id=r["id"], article_id=aid, span=_req_span(r), text=r["text"], slot=r["slot"],
                value=r["value"], low=r["low"], high=r["high"], qualifier=r["qualifier"],
                unit=r["unit"], attributed_to=r["attributed_to"],
                attribution_id=r["attribution_id"],
            )
            for r in rows("quantities")
        ),
        times=tuple(
            TimeMention(
                id=r["id"], article_id=aid, span=_req_span(r), text=r["text"], value=r["value"],
                granularity=r["granularity"], anchor=r["anchor"],
                sentence=_span(r, "sentence_start", "sentence_end"), event_text=r["event_text"],
                happening=_span(r, "happening_start", "happening_end"),
                anchor_from=r["anchor_from"], anchor_date=r["anchor_date"],
            )
            for r in rows("times")
        ),
        hedges=tuple(
            Hedge(article_id=aid, span=_req_span(r), kind=r["kind"],
                  sentence=_span(r, "sentence_start", "sentence_end"))
            for r in rows("hedges")
        ),
        duplicate_of=arow["duplicate_of"],
        layers=frozenset(json.loads(arow["layers"])),
    )


def _evidence(conn: sqlite3.Connection, col: str, pk: int) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(article_id=r["article_id"], span=_req_span(r))
        for r in _rows(conn, f"SELECT * FROM evidence WHERE {col} = ? ORDER BY ord", pk)
    )


def _read_entities(conn: sqlite3.Connection, eid: str) -> tuple[Entity, ...]:
    return tuple(
        Entity(
            id=r["id"], name=r["name"], label=r["label"],
            aliases=tuple(json.loads(r["aliases"])), roles=tuple(json.loads(r["roles"])),
            merge_reasons=tuple(json.loads(r["merge_reasons"])),
            mentions=tuple(
                Evidence(article_id=m["article_id"], span=_req_span(m))
                for m in _rows(conn, "SELECT * FROM entity_mentions WHERE entity_pk = ?"
                               " ORDER BY pk", r["pk"])
            ),
        )
        for r in _rows(conn, "SELECT * FROM entities WHERE event_id = ? ORDER BY ord", eid)
    )


def _read_claims(conn: sqlite3.Connection, eid: str) -> tuple[Claim, ...]:
    return tuple(
        Claim(
            id=r["id"], article_id=r["article_id"], span=_req_span(r), text=r["text"],
            voice=r["voice"], speaker=r["speaker"], relayed_from=r["relayed_from"],
            attribution_id=r["attribution_id"], negated=bool(r["negated"]),
            hedged=bool(r["hedged"]),
        )
        for r in _rows(conn, "SELECT * FROM claims WHERE event_id = ? ORDER BY ord", eid)
    )


def _read_groups(conn: sqlite3.Connection, eid: str) -> tuple[ClaimGroup, ...]:
    return tuple(
        ClaimGroup(
            id=r["id"], label=r["label"], label_claim=r["label_claim"],
            outlets=tuple(json.loads(r["outlets"])),
            independent_outlets=r["independent_outlets"],
            sourcing_note=r["sourcing_note"], sources=read_group_sources(conn, r["pk"]),
            claim_ids=tuple(
                m["id"] for m in _rows(
                    conn,
                    "SELECT c.id FROM claim_group_members m JOIN claims c ON c.pk = m.claim_pk"
                    " WHERE m.group_pk = ? ORDER BY m.ord", r["pk"])
            ),
        )
        for r in _rows(conn, "SELECT * FROM claim_groups WHERE event_id = ? ORDER BY ord", eid)
    )


def _read_coverage(conn: sqlite3.Connection, eid: str) -> tuple[Coverage, ...]:
    return tuple(
        Coverage(outlet=r["outlet"], group_id=r["group_id"], state=r["state"],
                 claim_ids=tuple(json.loads(r["claim_ids"])), origin=r["origin"])
        for r in _rows(
            conn,
            "SELECT c.*, g.id AS group_id FROM coverage c JOIN claim_groups g ON g.pk = c.group_pk"
            " WHERE c.event_id = ? ORDER BY c.ord", eid)
    )


def _read_numbers(conn: sqlite3.Connection, eid: str) -> tuple[NumberSlot, ...]:
    return tuple(
        NumberSlot(
            slot=r["slot"], verdict=r["verdict"], explanation=r["explanation"],
            values=tuple(
                NumberValue(
                    article_id=v["article_id"], outlet=v["outlet"], span=_req_span(v),
                    value=v["value"], low=v["low"], high=v["high"], qualifier=v["qualifier"],
                    published=v["published"], attributed_to=v["attributed_to"],
                )
                for v in _rows(conn, "SELECT * FROM number_values WHERE slot_pk = ? ORDER BY ord",
                               r["pk"])
            ),
        )
        for r in _rows(conn, "SELECT * FROM number_slots WHERE event_id = ? ORDER BY ord", eid)
    )


def _read_disputes(conn: sqlite3.Connection, eid: str) -> tuple[Dispute, ...]:
    return tuple(
        Dispute(
            id=r["id"], question=r["question"], kind=r["kind"], score=r["score"],
            outlet_stances=tuple(
                (s["outlet"], s["stance"])
                for s in _rows(conn, "SELECT * FROM dispute_stances WHERE dispute_pk = ?"
                               " ORDER BY ord", r["pk"])
            ),
            sides=tuple(
                Side(position=s["position"], holders=tuple(json.loads(s["holders"])),
                     outlets=tuple(json.loads(s["outlets"])),
                     evidence=_evidence(conn, "side_pk", s["pk"]),
                     stances=tuple(
                         (t["outlet"], t["stance"])
                         for t in _rows(conn, "SELECT * FROM side_stances WHERE side_pk = ?"
                                        " ORDER BY ord", s["pk"])
                     ))
                for s in _rows(conn, "SELECT * FROM sides WHERE dispute_pk = ? ORDER BY ord",
                               r["pk"])
            ),
        )
        for r in _rows(conn, "SELECT * FROM disputes WHERE event_id = ? ORDER BY ord", eid)
    )


def _read_timeline(conn: sqlite3.Connection, eid: str) -> tuple[TimelineEntry, ...]:
    return tuple(
        TimelineEntry(date=r["date"], text=r["text"],
                      article_ids=tuple(json.loads(r["article_ids"])),
                      evidence=_evidence(conn, "timeline_pk", r["pk"]),
                      outlets=tuple(json.loads(r["outlets"])), note=r["note"])
        for r in _rows(conn, "SELECT * FROM timeline WHERE event_id = ? ORDER BY ord", eid)
    )


def _read_brief(conn: sqlite3.Connection, eid: str) -> tuple[BriefLine, ...]:
    return tuple(
        BriefLine(section=r["section"], text=r["text"],
                  citations=_evidence(conn, "brief_pk", r["pk"]))
        for r in _rows(conn, "SELECT * FROM brief WHERE event_id = ? ORDER BY ord", eid)
    )


def _read_errors(
    conn: sqlite3.Connection, eid: str
) -> tuple[tuple[Failure, ...], tuple[Notice, ...]]:
    """The event's failures and its notices (kept in the same table, told apart by stage)."""
    rows = _rows(conn, "SELECT * FROM errors WHERE event_id = ? AND"
                 " (stage IS NULL OR stage != 'store') ORDER BY ord", eid)
    errors = tuple(
        Failure(source=r["source"], reason=r["reason"], stage=r["stage"])
        for r in rows if not (r["stage"] or "").startswith(NOTICE_STAGE)
    )
    notices = tuple(
        Notice(source=r["source"], reason=r["reason"], kind=r["stage"][len(NOTICE_STAGE):])
        for r in rows if (r["stage"] or "").startswith(NOTICE_STAGE)
    )
    return errors, notices


def read_event(conn: sqlite3.Connection, event_id: str | None = None) -> EventDoc:
    """Rebuild an :class:`EventDoc` from the store (the inverse of :func:`write_event`).

    Args:
        conn: an open store.
        event_id: the event's id or name; the most recently written event when ``None``.

    Raises:
        StoreError: no such event.
    """
    if event_id is None:
        erow = conn.execute("SELECT * FROM events ORDER BY written_at DESC LIMIT 1").fetchone()
    else:
        erow = conn.execute(
            "SELECT * FROM events WHERE id = ? OR name = ? ORDER BY id = ? DESC LIMIT 1",
            (event_id, event_id, event_id),
        ).fetchone()
    if erow is None:
        what = "no events" if event_id is None else f"no event {event_id!r}"
        raise StoreError(f"the store holds {what}")
    eid = erow["id"]
    docs = tuple(
        _read_doc(conn, r)
        for r in _rows(
            conn,
            "SELECT a.* FROM articles a JOIN event_articles ea ON ea.article_id = a.id"
            " WHERE ea.event_id = ? ORDER BY ea.ord",
            eid,
        )
    )
    entities = _read_entities(conn, eid)
    claims = _read_claims(conn, eid)
    groups = _read_groups(conn, eid)
    coverage = _read_coverage(conn, eid)
    numbers = _read_numbers(conn, eid)
    disputes = _read_disputes(conn, eid)
    timeline = _read_timeline(conn, eid)
    brief = _read_brief(conn, eid)
    errors, notices = _read_errors(conn, eid)
    return EventDoc(
        id=eid, name=erow["name"], docs=docs, entities=entities, claims=claims, groups=groups,
        coverage=coverage, numbers=numbers, disputes=disputes, timeline=timeline, brief=brief,
        errors=errors, notices=notices, layers=frozenset(json.loads(erow["layers"])),
        **read_extras(conn, eid),
    )
