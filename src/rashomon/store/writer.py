"""Write an :class:`EventDoc` to the store in one transaction.

Identity rules (what makes re-runs idempotent):

* an article is its content hash (``articles.id``); writing it again updates it in place and
  replaces its per-article layers;
* an event is its name: writing an event whose name (or id) is already stored replaces that
  event's layers, so analysing the same files twice leaves one copy and adding articles to an
  event updates it. Articles no longer in any event are removed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import (
    SCHEMA_VERSION,
    ArticleDoc,
    Coverage,
    EventDoc,
    Evidence,
    Failure,
    MetaField,
    Span,
)
from .extras import write_extras
from .sqlite import open_store

# The stage column of a notice (kept in the errors table): "notice:duplicate".
NOTICE_STAGE = "notice:"

_META_FIELDS = ("outlet", "title", "published", "author", "language", "translated_from")
_DECLARED_FIELDS = ("outlet", "title", "published", "author", "language")

# Per-article tables, deleted and rewritten whenever their article is written.
ARTICLE_LAYER_TABLES = (
    "article_meta",
    "relays",
    "boilerplate",
    "sentences",
    "hedges",
    "times",
    "quantities",
    "mentions",
)
# Tables other rows point at (claims, quantities, mentions): upserted in place and pruned, so
# rewriting an article shared with another event never breaks that event's links.
ARTICLE_KEYED_TABLES = ("attributions", "local_entities")


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _s(span: Span | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span.start, span.end)


def _meta_value(field: MetaField | None) -> str | None:
    return field.value if field is not None else None


def _upsert(*columns: str) -> str:
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns)
    return f" ON CONFLICT(id) DO UPDATE SET {sets}"


def dedupe_by_id(items: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    """Split items into the first of each id and the later, different items sharing an id.

    Ids are content hashes, so an exact repeat is the same annotation and is dropped quietly;
    a *different* item with a taken id (a stage hashed too little) is returned as a clash.
    """
    seen: dict[str, Any] = {}
    clashes: list[Any] = []
    for item in items:
        first = seen.setdefault(item.id, item)
        if first is not item and first != item:
            clashes.append(item)
    return list(seen.values()), clashes


class StoreWriter:
    """Writes one event's articles and layers on an open connection, inside the caller's
    transaction, and notes each cross-reference that points at nothing (``notes``).

    :func:`write_event` writes a whole analysed event with it; the story store
    (:mod:`rashomon.store.stories`) writes a batch of stream-ingested articles with it, so both
    store articles the same way.
    """

    def __init__(self, conn: sqlite3.Connection, event: EventDoc) -> None:
        self.conn = conn
        self.event = event
        self.notes: list[Failure] = []
        self.article_ids = {d.id for d in event.docs}
        self.texts = {d.id: d.text for d in event.docs}
        self.attribution_ids = {a.id for d in event.docs for a in d.attributions}
        self.local_entity_ids = {e.id for d in event.docs for e in d.entities}

    def unique(self, items: Iterable[Any]) -> list[Any]:
        kept, clashes = dedupe_by_id(items)
        for item in clashes:
            self.note(f"{type(item).__name__.lower()} {item.id} shares its id with a different "
                      "one (the stage that made it should hash more fields); kept the first")
        return kept

    def note(self, reason: str) -> None:
        self.notes.append(Failure(source=f"store:{self.event.name}", reason=reason, stage="store"))

    def ref(self, value: str | None, known: set[str], what: str, owner: str) -> str | None:
        """A cross-reference, or None (with a recorded note) when it points at nothing."""
        if value is None or value in known:
            return value
        self.note(f"{owner} refers to unknown {what} {value!r}; stored without the link")
        return None

    def evidence_ok(self, ev: Evidence, owner: str) -> bool:
        text = self.texts.get(ev.article_id)
        if text is None or ev.span.end > len(text):
            self.note(f"{owner}: evidence {ev.article_id}[{ev.span.start}:{ev.span.end}] "
                      "is not inside an article of this event; left out")
            return False
        return True

    def many(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            self.conn.executemany(sql, rows)

    def insert(self, sql: str, row: tuple[Any, ...]) -> int:
        cur = self.conn.execute(sql, row)
        assert cur.lastrowid is not None
        return cur.lastrowid

    # -- event row and old versions -------------------------------------------------------

    def replace_event(self) -> None:
        e = self.event
        self.conn.execute("DELETE FROM events WHERE id = ? OR name = ?", (e.id, e.name))
        self.conn.execute(
            "INSERT INTO events (id, name, schema_version, layers, articles, written_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (e.id, e.name, SCHEMA_VERSION, _j(sorted(e.layers)), len(e.docs),
             datetime.now(UTC).isoformat(timespec="seconds")),
        )

    # -- articles -------------------------------------------------------------------------

    def write_article(self, doc: ArticleDoc, ord_: int) -> None:
        a, m, text = doc.article, doc.meta, doc.text
        declared = {f: getattr(a, f) for f in _DECLARED_FIELDS}
        row = (
            a.id, a.source, a.url, a.format,
            _meta_value(m.outlet) or a.outlet, _meta_value(m.title) or a.title,
            _meta_value(m.published) or a.published, _meta_value(m.author) or a.author,
            _meta_value(m.language) or a.language, _meta_value(m.translated_from),
            doc.duplicate_of, _j(sorted(doc.layers)), _j(declared), len(text), text, doc.body,
        )
        # An UPSERT, not INSERT OR REPLACE: replacing would delete the row and cascade into
        # the other events that share this article.
        self.conn.execute(
            "INSERT INTO articles (id, source, url, format, outlet, title, published, author,"
            " language, translated_from, duplicate_of, layers, declared, chars, text, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET source = excluded.source, url = excluded.url,"
            " format = excluded.format, outlet = excluded.outlet, title = excluded.title,"
            " published = excluded.published, author = excluded.author,"
            " language = excluded.language, translated_from = excluded.translated_from,"
            " duplicate_of = excluded.duplicate_of, layers = excluded.layers,"
            " declared = excluded.declared, chars = excluded.chars, text = excluded.text,"
            " body = excluded.body",
            row,
        )
        self.conn.execute(
            "INSERT INTO event_articles (event_id, article_id, ord) VALUES (?, ?, ?)",
            (self.event.id, a.id, ord_),
        )
        for table in ARTICLE_LAYER_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (a.id,))
        keep = {
            "attributions": [q.id for q in doc.attributions],
            "local_entities": [x.id for x in doc.entities],
        }
        for table in ARTICLE_KEYED_TABLES:
            self.conn.execute(
                f"DELETE FROM {table} WHERE article_id = ?"
                " AND id NOT IN (SELECT value FROM json_each(?))",
                (a.id, _j(keep[table])),
            )
        self.write_layers(doc)

    def write_layers(self, doc: ArticleDoc) -> None:
        """Insert the per-article layers of ``doc`` (its old rows are already gone)."""
        self._write_text_layers(doc)
        self._write_entities(doc)
        self._write_attributions(doc)
        self._write_findings(doc)

    def _write_text_layers(self, doc: ArticleDoc) -> None:
        """Metadata, relays, boilerplate and sentences."""
        aid, text = doc.id, doc.text
        m = doc.meta
        self.many(
            "INSERT INTO article_meta (article_id, field, value, origin, start, \"end\")"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (aid, name, f.value, f.origin, *_s(f.span))
                for name in _META_FIELDS
                if (f := getattr(m, name)) is not None
            ],
        )
        self.many(
            "INSERT INTO relays (article_id, outlet, cue, start, \"end\", text, cue_start,"
            " cue_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(aid, r.outlet, r.cue, r.span.start, r.span.end, r.span.of(text), *_s(r.cue_span))
             for r in m.relays],
        )
        self.many(
            "INSERT INTO boilerplate (article_id, start, \"end\", reason, score, text)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(aid, b.span.start, b.span.end, b.reason, b.score, b.span.of(text))
             for b in doc.boilerplate],
        )
        self.many(
            "INSERT INTO sentences (article_id, start, \"end\", text) VALUES (?, ?, ?, ?)",
            [(aid, s.span.start, s.span.end, s.span.of(text)) for s in doc.sentences],
        )

    def _write_entities(self, doc: ArticleDoc) -> None:
        """The article's local entities and their mentions."""
        aid = doc.id
        self.many(
            "INSERT INTO local_entities (id, article_id, name, label, mention_spans, roles, ord)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)" + _upsert("article_id", "name", "label",
                                                      "mention_spans", "roles", "ord"),
            [
                (e.id, aid, e.name, e.label, _j([[s.start, s.end] for s in e.mention_spans]),
                 _j([{"text": r.text, "start": r.span.start, "end": r.span.end}
                     for r in e.roles]), i)
                for i, e in enumerate(self.unique(doc.entities))
            ],
        )
        self.many(
            "INSERT INTO mentions (article_id, start, \"end\", text, label, entity_id, entity_ref)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (aid, x.span.start, x.span.end, x.text, x.label,
                 self.ref(x.entity, self.local_entity_ids, "local entity", f"mention in {aid}"),
                 x.entity)
                for x in doc.mentions
            ],
        )

    def _write_attributions(self, doc: ArticleDoc) -> None:
        aid, text = doc.id, doc.text
        self.many(
            "INSERT INTO attributions (id, article_id, kind, start, \"end\", text, content_start,"
            " content_end, content, cue_start, cue_end, cue, speaker_start, speaker_end, speaker,"
            " speaker_resolved, speaker_entity_id, anonymous, relayed_from, ord, speaker_kind,"
            " speaker_affiliation)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + _upsert("article_id", "kind", "start", '"end"', "text", "content_start",
                      "content_end", "content", "cue_start", "cue_end", "cue", "speaker_start",
                      "speaker_end", "speaker", "speaker_resolved", "speaker_entity_id",
                      "anonymous", "relayed_from", "ord", "speaker_kind",
                      "speaker_affiliation"),
            [
                (q.id, aid, q.kind, q.span.start, q.span.end, q.span.of(text),
                 q.content.start, q.content.end, q.content.of(text),
                 *_s(q.cue), q.cue.of(text) if q.cue else None,
                 *_s(q.speaker), q.speaker_text, q.speaker_resolved,
                 self.ref(q.speaker_entity, self.local_entity_ids, "local entity",
                          f"attribution {q.id}"),
                 int(q.anonymous), q.relayed_from, i, q.speaker_kind, q.speaker_affiliation)
                for i, q in enumerate(self.unique(doc.attributions))
            ],
        )

    def _write_findings(self, doc: ArticleDoc) -> None:
        """Quantities, times and hedges."""
        aid, text = doc.id, doc.text
        self.many(
            "INSERT INTO quantities (id, article_id, start, \"end\", text, slot, value, low, high,"
            " qualifier, unit, attributed_to, attribution_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (n.id, aid, n.span.start, n.span.end, n.text, n.slot, n.value, n.low, n.high,
                 n.qualifier, n.unit, n.attributed_to,
                 self.ref(n.attribution_id, self.attribution_ids, "attribution",
                          f"quantity {n.id}"))
                for n in self.unique(doc.quantities)
            ],
        )
        self.many(
            "INSERT INTO times (id, article_id, start, \"end\", text, value, granularity, anchor,"
            " sentence_start, sentence_end, event_text, happening_start, happening_end,"
            " anchor_from, anchor_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (t.id, aid, t.span.start, t.span.end, t.text, t.value, t.granularity, t.anchor,
                 *_s(t.sentence), t.event_text, *_s(t.happening), t.anchor_from, t.anchor_date)
                for t in self.unique(doc.times)
            ],
        )
        self.many(
            "INSERT INTO hedges (article_id, kind, start, \"end\", text, sentence_start,"
            " sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(aid, h.kind, h.span.start, h.span.end, h.span.of(text), *_s(h.sentence))
             for h in doc.hedges],
        )

    # -- event layers ---------------------------------------------------------------------

    def write_event_layers(self) -> None:
        """Insert the event's layers (its old rows are already gone)."""
        self._write_merged_entities()
        claim_pk = self._write_claims()
        group_pk = self._write_groups(claim_pk)
        self._write_coverage(group_pk)
        write_extras(self, group_pk)
        self._write_numbers()
        self._write_disputes()
        self._write_timeline_and_brief()

    def _write_merged_entities(self) -> None:
        e = self.event
        eid = e.id
        for i, ent in enumerate(self.unique(e.entities)):
            pk = self.insert(
                "INSERT INTO entities (event_id, id, name, label, aliases, roles, merge_reasons,"
                " ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (eid, ent.id, ent.name, ent.label, _j(list(ent.aliases)), _j(list(ent.roles)),
                 _j(list(ent.merge_reasons)), i),
            )
            self.many(
                "INSERT INTO entity_mentions (entity_pk, article_id, start, \"end\", text)"
                " VALUES (?, ?, ?, ?, ?)",
                [(pk, m.article_id, m.span.start, m.span.end, m.span.of(self.texts[m.article_id]))
                 for m in ent.mentions if self.evidence_ok(m, f"entity {ent.id}")],
            )

    def _write_claims(self) -> dict[str, int]:
        """The claims; returns each stored claim's pk by id."""
        e = self.event
        eid = e.id
        claim_pk: dict[str, int] = {}
        for i, c in enumerate(self.unique(e.claims)):
            if not self.evidence_ok(Evidence(article_id=c.article_id, span=c.span),
                                    f"claim {c.id}"):
                continue
            claim_pk[c.id] = self.insert(
                "INSERT INTO claims (event_id, id, article_id, start, \"end\", text, voice,"
                " speaker, relayed_from, attribution_id, negated, hedged, ord)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (eid, c.id, c.article_id, c.span.start, c.span.end, c.text, c.voice, c.speaker,
                 c.relayed_from,
                 self.ref(c.attribution_id, self.attribution_ids, "attribution", f"claim {c.id}"),
                 int(c.negated), int(c.hedged), i),
            )
        return claim_pk

    def _write_groups(self, claim_pk: dict[str, int]) -> dict[str, int]:
        """The claim groups and their members; returns each group's pk by id."""
        e = self.event
        eid = e.id
        group_pk: dict[str, int] = {}
        for i, g in enumerate(self.unique(e.groups)):
            pk = group_pk[g.id] = self.insert(
                "INSERT INTO claim_groups (event_id, id, label, label_claim, outlets,"
                " independent_outlets, sourcing_note, ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (eid, g.id, g.label, g.label_claim, _j(list(g.outlets)), g.independent_outlets,
                 g.sourcing_note, i),
            )
            members: dict[int, int] = {}
            for j, cid in enumerate(g.claim_ids):
                if self.ref(cid, set(claim_pk), "claim", f"claim group {g.id}") is not None:
                    members.setdefault(claim_pk[cid], j)
            self.many(
                "INSERT INTO claim_group_members (group_pk, claim_pk, ord) VALUES (?, ?, ?)",
                [(pk, cpk, j) for cpk, j in members.items()],
            )
        return group_pk

    def _write_coverage(self, group_pk: dict[str, int]) -> None:
        e = self.event
        eid = e.id
        cov: dict[tuple[str, str], tuple[Coverage, int]] = {}
        for i, c in enumerate(e.coverage):
            if self.ref(c.group_id, set(group_pk), "claim group", f"coverage of {c.outlet}"):
                cov[(c.group_id, c.outlet)] = (c, i)
        self.many(
            "INSERT INTO coverage (event_id, outlet, group_pk, state, claim_ids, origin, ord)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(eid, c.outlet, group_pk[c.group_id], c.state, _j(list(c.claim_ids)), c.origin, i)
             for c, i in cov.values()],
        )

    def _write_numbers(self) -> None:
        e = self.event
        eid = e.id
        for i, s in enumerate(e.numbers):
            pk = self.insert(
                "INSERT INTO number_slots (event_id, slot, verdict, explanation, ord)"
                " VALUES (?, ?, ?, ?, ?)",
                (eid, s.slot, s.verdict, s.explanation, i),
            )
            self.many(
                "INSERT INTO number_values (slot_pk, article_id, outlet, start, \"end\", text,"
                " value, low, high, qualifier, published, attributed_to, ord)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (pk, v.article_id, v.outlet, v.span.start, v.span.end,
                     v.span.of(self.texts[v.article_id]), v.value, v.low, v.high, v.qualifier,
                     v.published, v.attributed_to, j)
                    for j, v in enumerate(s.values)
                    if self.evidence_ok(Evidence(article_id=v.article_id, span=v.span),
                                        f"number slot {s.slot}")
                ],
            )

    def _write_disputes(self) -> None:
        e = self.event
        eid = e.id
        for i, d in enumerate(self.unique(e.disputes)):
            pk = self.insert(
                "INSERT INTO disputes (event_id, id, question, kind, score, ord)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (eid, d.id, d.question, d.kind, d.score, i),
            )
            self.many(
                "INSERT INTO dispute_stances (dispute_pk, outlet, stance, ord) VALUES (?, ?, ?, ?)",
                [(pk, o, st, j) for j, (o, st) in enumerate(d.outlet_stances)],
            )
            for j, side in enumerate(d.sides):
                spk = self.insert(
                    "INSERT INTO sides (dispute_pk, position, holders, outlets, ord)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (pk, side.position, _j(list(side.holders)), _j(list(side.outlets)), j),
                )
                self.evidence(side.evidence, "side_pk", spk, f"dispute {d.id}")
                self.many(
                    "INSERT INTO side_stances (side_pk, outlet, stance, ord) VALUES (?, ?, ?, ?)",
                    [(spk, o, st, k) for k, (o, st) in enumerate(side.stances)],
                )

    def _write_timeline_and_brief(self) -> None:
        e = self.event
        eid = e.id
        for i, t in enumerate(e.timeline):
            tpk = self.insert(
                "INSERT INTO timeline (event_id, date, text, article_ids, outlets, note, ord)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (eid, t.date, t.text, _j(list(t.article_ids)), _j(list(t.outlets)), t.note, i),
            )
            self.evidence(t.evidence, "timeline_pk", tpk, f"timeline entry {t.date}")
        for i, b in enumerate(e.brief):
            bpk = self.insert(
                "INSERT INTO brief (event_id, section, text, ord) VALUES (?, ?, ?, ?)",
                (eid, b.section, b.text, i),
            )
            self.evidence(b.citations, "brief_pk", bpk, f"brief line {i}")

    def evidence(self, items: Sequence[Evidence], owner_col: str, owner: int, what: str) -> None:
        self.many(
            f"INSERT INTO evidence (event_id, article_id, start, \"end\", text, {owner_col}, ord)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (self.event.id, ev.article_id, ev.span.start, ev.span.end,
                 ev.span.of(self.texts[ev.article_id]), owner, j)
                for j, ev in enumerate(items)
                if self.evidence_ok(ev, what)
            ],
        )

    def write_errors(self) -> None:
        self.many(
            "INSERT INTO errors (event_id, source, reason, stage, ord) VALUES (?, ?, ?, ?, ?)",
            [(self.event.id, f.source, f.reason, f.stage, i)
             for i, f in enumerate([*self.event.errors, *self.notes, *self._notices()])],
        )

    def _notices(self) -> list[Failure]:
        # Notices share the errors table, told apart by their stage ("notice:<kind>").
        return [Failure(source=n.source, reason=n.reason, stage=f"{NOTICE_STAGE}{n.kind}")
                for n in self.event.notices]


def write_event(conn: sqlite3.Connection, event: EventDoc) -> list[Failure]:
    """Write (or replace) one event in an open store, in a single transaction.

    Args:
        conn: a writable store from :func:`open_store`.
        event: the analysed event.

    Returns:
        Notes about links that pointed at nothing and were stored without the link (also
        stored in the ``errors`` table with ``stage = 'store'``).

    Raises:
        StoreError: the write failed; the transaction was rolled back, the store is unchanged.
    """
    writer = StoreWriter(conn, event)
    try:
        conn.execute("BEGIN IMMEDIATE")
        writer.replace_event()
        for i, doc in enumerate(event.docs):
            writer.write_article(doc, i)
        writer.write_event_layers()
        writer.write_errors()
        # Articles that no event lists any more (an event was rewritten without them).
        conn.execute(
            "DELETE FROM articles WHERE id NOT IN (SELECT article_id FROM event_articles)"
        )
        conn.execute("COMMIT")
    except (sqlite3.Error, KeyError, UnicodeEncodeError) as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        hint = (" (a text holds a lone surrogate code point, which SQLite cannot store; "
                "re-encode the input as UTF-8)" if isinstance(exc, UnicodeEncodeError) else "")
        raise StoreError(
            f"cannot write event {event.name!r} to the store: {exc}{hint}") from exc
    return writer.notes


def write_sqlite(event: EventDoc, path: Path) -> Path:
    """Write ``event`` to the SQLite store at ``path`` (created or migrated as needed).

    Re-running on the same event leaves one copy: rows are keyed by content hashes and the
    event's layers are replaced in one transaction.

    Args:
        event: the analysed event.
        path: the database file (``OUTDIR/rashomon.db`` when called from ``analyze``).

    Returns:
        ``path``.

    Raises:
        StoreError: the store cannot be opened or written (nothing was changed).
    """
    conn = open_store(path)
    try:
        write_event(conn, event)
    finally:
        conn.close()
    return path
