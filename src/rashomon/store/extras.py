"""Store tables for where claims come from, how outlets print quotations, how each outlet
sources its story, and happenings the outlets date differently (migration m005), and the
loaded words each outlet uses (framing, migration m006).

Written and read beside the event layers of :mod:`rashomon.store.sqlite`, which calls these
with its writer and a map from claim-group id to row key.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol

from ..model import (
    DateConflict,
    DatedVersion,
    EventDoc,
    Evidence,
    FramingUse,
    QuoteDiscrepancy,
    QuoteVersion,
    SourceOrigin,
    SourcingProfile,
    Span,
)

__all__ = ["Writer", "read_extras", "read_group_sources", "write_extras"]


class Writer(Protocol):
    """What these functions need of the store's event writer."""

    event: EventDoc
    texts: dict[str, str]

    def insert(self, sql: str, row: tuple[Any, ...]) -> int: ...

    def many(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None: ...

    def evidence_ok(self, ev: Evidence, owner: str) -> bool: ...


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _evidence(w: Writer, items: Sequence[Evidence], col: str, owner: int, what: str) -> None:
    w.many(
        f"INSERT INTO finding_evidence (event_id, article_id, start, \"end\", text, {col}, ord)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(w.event.id, ev.article_id, ev.span.start, ev.span.end,
          ev.span.of(w.texts[ev.article_id]), owner, j)
         for j, ev in enumerate(items) if w.evidence_ok(ev, what)],
    )  # fmt: skip


def write_group_sources(w: Writer, group_pk: dict[str, int]) -> None:
    """Each claim group's origins, with the relay cues as evidence."""
    for g in w.event.groups:
        if g.id not in group_pk:
            continue
        for i, s in enumerate(g.sources):
            spk = w.insert(
                "INSERT INTO group_sources (group_pk, origin, relation, outlets, ord)"
                " VALUES (?, ?, ?, ?, ?)",
                (group_pk[g.id], s.origin, s.relation, _j(list(s.outlets)), i),
            )
            _evidence(w, s.evidence, "source_pk", spk, f"sources of claim group {g.id}")


def _write_quotes(w: Writer) -> None:
    seen: set[str] = set()
    for i, q in enumerate(w.event.quote_discrepancies):
        ok = all(w.evidence_ok(Evidence(article_id=v.article_id, span=v.span),
                               f"quote discrepancy {q.id}") for v in q.versions)  # fmt: skip
        if q.id in seen or not ok:
            continue
        seen.add(q.id)
        qpk = w.insert(
            "INSERT INTO quote_discrepancies (event_id, id, flags, similarity, detail, ord)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (w.event.id, q.id, _j(list(q.flags)), q.similarity, q.detail, i),
        )
        w.many(
            "INSERT INTO quote_versions (discrepancy_pk, article_id, outlet, start, \"end\","
            " text, speaker, speaker_start, speaker_end, quoted, attribution_id, ord)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(qpk, v.article_id, v.outlet, v.span.start, v.span.end, v.text, v.speaker,
              v.speaker_span.start if v.speaker_span else None,
              v.speaker_span.end if v.speaker_span else None, int(v.quoted), v.attribution_id,
              j) for j, v in enumerate(q.versions)],
        )  # fmt: skip


def _write_profiles(w: Writer) -> None:
    for i, p in enumerate(w.event.sourcing):
        ppk = w.insert(
            "INSERT INTO sourcing_profiles (event_id, scope, key, outlet, total, counts, ord)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (w.event.id, p.scope, p.key, p.outlet, p.total, _j(dict(p.counts)), i),
        )
        w.many(
            "INSERT INTO sourcing_attributions (profile_pk, category, attribution_id, ord)"
            " VALUES (?, ?, ?, ?)",
            [(ppk, cat, aid, j) for cat, ids in p.attribution_ids for j, aid in enumerate(ids)],
        )


def _write_conflicts(w: Writer) -> None:
    seen: set[str] = set()
    for i, c in enumerate(w.event.date_conflicts):
        if c.id in seen:
            continue
        seen.add(c.id)
        cpk = w.insert(
            "INSERT INTO date_conflicts (event_id, id, text, ord) VALUES (?, ?, ?, ?)",
            (w.event.id, c.id, c.text, i),
        )
        for j, v in enumerate(c.versions):
            vpk = w.insert(
                "INSERT INTO date_conflict_versions (conflict_pk, date, outlets, ord)"
                " VALUES (?, ?, ?, ?)",
                (cpk, v.date, _j(list(v.outlets)), j),
            )
            _evidence(w, v.evidence, "conflict_version_pk", vpk, f"date conflict {c.id}")


def _write_framing(w: Writer) -> None:
    w.many(
        "INSERT INTO framing (event_id, article_id, outlet, word, start, \"end\", text,"
        " authorial, ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(w.event.id, f.article_id, f.outlet, f.word, f.span.start, f.span.end,
          f.span.of(w.texts[f.article_id]), int(f.authorial), i)
         for i, f in enumerate(w.event.framing)
         if w.evidence_ok(Evidence(article_id=f.article_id, span=f.span),
                          f"framing word {f.word!r}")],
    )  # fmt: skip


def write_extras(w: Writer, group_pk: dict[str, int]) -> None:
    """Write the event's group sources, quote discrepancies, profiles, date conflicts and
    framing."""
    write_group_sources(w, group_pk)
    _write_quotes(w)
    _write_profiles(w)
    _write_conflicts(w)
    _write_framing(w)


# --------------------------------------------------------------------------------------------
# Reading


def _rows(conn: sqlite3.Connection, sql: str, *args: Any) -> list[sqlite3.Row]:
    return list(conn.execute(sql, args).fetchall())


def _found(conn: sqlite3.Connection, col: str, pk: int) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(article_id=r["article_id"], span=Span(r["start"], r["end"]))
        for r in _rows(conn, f"SELECT * FROM finding_evidence WHERE {col} = ? ORDER BY ord", pk)
    )


def read_group_sources(conn: sqlite3.Connection, group_pk: int) -> tuple[SourceOrigin, ...]:
    """One claim group's origins."""
    return tuple(
        SourceOrigin(origin=r["origin"], relation=r["relation"],
                     outlets=tuple(json.loads(r["outlets"])),
                     evidence=_found(conn, "source_pk", r["pk"]))
        for r in _rows(conn, "SELECT * FROM group_sources WHERE group_pk = ? ORDER BY ord",
                       group_pk)
    )  # fmt: skip


def _version(r: sqlite3.Row) -> QuoteVersion:
    speaker = None
    if r["speaker_start"] is not None:
        speaker = Span(r["speaker_start"], r["speaker_end"])
    return QuoteVersion(article_id=r["article_id"], outlet=r["outlet"],
                        span=Span(r["start"], r["end"]), text=r["text"], speaker=r["speaker"],
                        speaker_span=speaker, quoted=bool(r["quoted"]),
                        attribution_id=r["attribution_id"])  # fmt: skip


def _read_quotes(conn: sqlite3.Connection, eid: str) -> tuple[QuoteDiscrepancy, ...]:
    out: list[QuoteDiscrepancy] = []
    for r in _rows(conn, "SELECT * FROM quote_discrepancies WHERE event_id = ? ORDER BY ord",
                   eid):
        vs = [_version(v) for v in _rows(
            conn, "SELECT * FROM quote_versions WHERE discrepancy_pk = ? ORDER BY ord", r["pk"])]
        if len(vs) == 2:
            out.append(QuoteDiscrepancy(id=r["id"], flags=tuple(json.loads(r["flags"])),
                                        similarity=r["similarity"], detail=r["detail"],
                                        versions=(vs[0], vs[1])))  # fmt: skip
    return tuple(out)


def _read_profiles(conn: sqlite3.Connection, eid: str) -> tuple[SourcingProfile, ...]:
    out: list[SourcingProfile] = []
    for r in _rows(conn, "SELECT * FROM sourcing_profiles WHERE event_id = ? ORDER BY ord", eid):
        ids: dict[str, list[str]] = {}
        for a in _rows(conn, "SELECT * FROM sourcing_attributions WHERE profile_pk = ?"
                       " ORDER BY rowid", r["pk"]):  # fmt: skip
            ids.setdefault(a["category"], []).append(a["attribution_id"])
        out.append(SourcingProfile(
            scope=r["scope"], key=r["key"], outlet=r["outlet"], total=r["total"],
            counts=tuple(json.loads(r["counts"]).items()),
            attribution_ids=tuple((c, tuple(v)) for c, v in ids.items()),
        ))  # fmt: skip
    return tuple(out)


def _read_conflicts(conn: sqlite3.Connection, eid: str) -> tuple[DateConflict, ...]:
    return tuple(
        DateConflict(id=r["id"], text=r["text"], versions=tuple(
            DatedVersion(date=v["date"], outlets=tuple(json.loads(v["outlets"])),
                         evidence=_found(conn, "conflict_version_pk", v["pk"]))
            for v in _rows(conn, "SELECT * FROM date_conflict_versions WHERE conflict_pk = ?"
                           " ORDER BY ord", r["pk"])))
        for r in _rows(conn, "SELECT * FROM date_conflicts WHERE event_id = ? ORDER BY ord", eid)
    )  # fmt: skip


def _read_framing(conn: sqlite3.Connection, eid: str) -> tuple[FramingUse, ...]:
    return tuple(
        FramingUse(article_id=r["article_id"], outlet=r["outlet"], word=r["word"],
                   span=Span(r["start"], r["end"]), authorial=bool(r["authorial"]))
        for r in _rows(conn, "SELECT * FROM framing WHERE event_id = ? ORDER BY ord", eid)
    )  # fmt: skip


def read_extras(conn: sqlite3.Connection, eid: str) -> dict[str, Any]:
    """The stored quote discrepancies, sourcing profiles, date conflicts and framing of one
    event, as keyword arguments for :class:`~rashomon.model.EventDoc`."""
    return {
        "quote_discrepancies": _read_quotes(conn, eid),
        "sourcing": _read_profiles(conn, eid),
        "date_conflicts": _read_conflicts(conn, eid),
        "framing": _read_framing(conn, eid),
    }
