"""Write an :class:`EventDoc` to a SQLite file (one transaction) and read it back.

The file is a plain SQLite database that opens in Datasette and sqlite-utils as it is: real
foreign keys, indexes on the look-ups the viewer makes, and an FTS5 index over article bodies.

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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import (
    SCHEMA_VERSION,
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
from .migrations import FTS_MISSING, applied, migrations

# The stage column of a notice (kept in the errors table): "notice:duplicate".
NOTICE_STAGE = "notice:"
_META_FIELDS = ("outlet", "title", "published", "author", "language", "translated_from")
_DECLARED_FIELDS = ("outlet", "title", "published", "author", "language")

# Per-article tables, deleted and rewritten whenever their article is written.
_ARTICLE_LAYER_TABLES = (
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
_ARTICLE_KEYED_TABLES = ("attributions", "local_entities")


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            # A URI with mode=ro: SQLite itself refuses every write on this connection.
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                check_same_thread=False,
            )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from exc
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_store(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and, when writable, create or migrate) a rashomon store.

    Args:
        path: the SQLite file.
        readonly: open with ``mode=ro`` (no migrations; the file must already be a store).

    Returns:
        A connection in autocommit mode with ``sqlite3.Row`` rows and foreign keys on.

    Raises:
        StoreError: the file is missing (read-only), is not a SQLite database, or a migration
            failed.
    """
    path = Path(path)
    if readonly and not path.is_file():
        raise StoreError(f"{path}: no such store (run `rashomon analyze ... -o DIR` first)")
    conn = _connect(path, readonly=readonly)
    try:
        if readonly:
            if "m001_initial" not in applied(conn):
                raise StoreError(f"{path}: not a rashomon store (no _migrations table)")
            pending = migrations.pending(conn)
            if pending and pending != ["m002_articles_fts"]:
                raise StoreError(
                    f"{path}: the store needs migrations {pending}; open it once writable "
                    "(for example by writing an event to it) to upgrade it"
                )
        else:
            # The default rollback journal, not WAL: the store stays one self-contained file
            # that read-only openers (Datasette --immutable, mode=ro) can use anywhere.
            migrations.apply(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a usable SQLite database: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return conn


def has_search(conn: sqlite3.Connection) -> bool:
    """Whether the store has its full-text index (FTS5 was available when it was written)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'"
    ).fetchone()
    return row is not None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a full-text query, with a highlighted snippet."""

    article_id: str
    outlet: str | None
    title: str | None
    snippet: str  # plain text; the matched terms are wrapped in \x02 ... \x03


def fts_query(query: str) -> str:
    """Turn free text into a safe FTS5 query: every word a quoted term, all required.

    Users type words, not FTS5 syntax; quoting each term means characters such as ``"``, ``*``
    or ``NEAR`` can never raise a syntax error or change the query's meaning.
    """
    # NUL would end the FTS5 string early ("unterminated string"): it separates words here.
    query = query.replace("\x00", " ")
    terms = [t.replace('"', '""') for t in query.split() if t.strip('"')]
    return " ".join(f'"{t}"' for t in terms)


def search(conn: sqlite3.Connection, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Full-text search over article titles and bodies (best match first).

    Args:
        conn: an open store.
        query: words to find (all must occur; no FTS syntax needed).
        limit: most hits returned.

    Raises:
        StoreError: this store has no full-text index (SQLite without FTS5).
    """
    if not has_search(conn):
        raise StoreError(f"full-text search unavailable: {FTS_MISSING}")
    match = fts_query(query)
    if not match:
        return []
    rows = conn.execute(
        "SELECT a.id, a.outlet, a.title,"
        " snippet(articles_fts, 1, char(2), char(3), '…', 24) AS snip"
        " FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
        (match, limit),
    ).fetchall()
    return [SearchHit(r["id"], r["outlet"], r["title"], r["snip"]) for r in rows]


# --------------------------------------------------------------------------------------------
# Writing


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


class _Writer:
    """Holds the connection and the cross-references checked while writing one event."""

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
        for table in _ARTICLE_LAYER_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (a.id,))
        keep = {
            "attributions": [q.id for q in doc.attributions],
            "local_entities": [x.id for x in doc.entities],
        }
        for table in _ARTICLE_KEYED_TABLES:
            self.conn.execute(
                f"DELETE FROM {table} WHERE article_id = ?"
                " AND id NOT IN (SELECT value FROM json_each(?))",
                (a.id, _j(keep[table])),
            )
        self.write_layers(doc)

    def write_layers(self, doc: ArticleDoc) -> None:
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
            "INSERT INTO relays (article_id, outlet, cue, start, \"end\", text)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(aid, r.outlet, r.cue, r.span.start, r.span.end, r.span.of(text)) for r in m.relays],
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
        self.many(
            "INSERT INTO attributions (id, article_id, kind, start, \"end\", text, content_start,"
            " content_end, content, cue_start, cue_end, cue, speaker_start, speaker_end, speaker,"
            " speaker_resolved, speaker_entity_id, anonymous, relayed_from, ord)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + _upsert("article_id", "kind", "start", '"end"', "text", "content_start",
                      "content_end", "content", "cue_start", "cue_end", "cue", "speaker_start",
                      "speaker_end", "speaker", "speaker_resolved", "speaker_entity_id",
                      "anonymous", "relayed_from", "ord"),
            [
                (q.id, aid, q.kind, q.span.start, q.span.end, q.span.of(text),
                 q.content.start, q.content.end, q.content.of(text),
                 *_s(q.cue), q.cue.of(text) if q.cue else None,
                 *_s(q.speaker), q.speaker_text, q.speaker_resolved,
                 self.ref(q.speaker_entity, self.local_entity_ids, "local entity",
                          f"attribution {q.id}"),
                 int(q.anonymous), q.relayed_from, i)
                for i, q in enumerate(self.unique(doc.attributions))
            ],
        )
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
            " sentence_start, sentence_end, event_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (t.id, aid, t.span.start, t.span.end, t.text, t.value, t.granularity, t.anchor,
                 *_s(t.sentence), t.event_text)
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
        group_pk: dict[str, int] = {}
        for i, g in enumerate(self.unique(e.groups)):
            pk = group_pk[g.id] = self.insert(
                "INSERT INTO claim_groups (event_id, id, label, label_claim, outlets,"
                " independent_outlets, ord) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (eid, g.id, g.label, g.label_claim, _j(list(g.outlets)), g.independent_outlets,
                 i),
            )
            members: dict[int, int] = {}
            for j, cid in enumerate(g.claim_ids):
                if self.ref(cid, set(claim_pk), "claim", f"claim group {g.id}") is not None:
                    members.setdefault(claim_pk[cid], j)
            self.many(
                "INSERT INTO claim_group_members (group_pk, claim_pk, ord) VALUES (?, ?, ?)",
                [(pk, cpk, j) for cpk, j in members.items()],
            )
        cov: dict[tuple[str, str], tuple[Coverage, int]] = {}
        for i, c in enumerate(e.coverage):
            if self.ref(c.group_id, set(group_pk), "claim group", f"coverage of {c.outlet}"):
                cov[(c.group_id, c.outlet)] = (c, i)
        self.many(
            "INSERT INTO coverage (event_id, outlet, group_pk, state, claim_ids, ord)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(eid, c.outlet, group_pk[c.group_id], c.state, _j(list(c.claim_ids)), i)
             for c, i in cov.values()],
        )
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
        for i, t in enumerate(e.timeline):
            tpk = self.insert(
                "INSERT INTO timeline (event_id, date, text, article_ids, ord)"
                " VALUES (?, ?, ?, ?, ?)",
                (eid, t.date, t.text, _j(list(t.article_ids)), i),
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
    writer = _Writer(conn, event)
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


# --------------------------------------------------------------------------------------------
# Reading


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
        Relay(outlet=r["outlet"], cue=r["cue"], span=_req_span(r))
        for r in _rows(conn, "SELECT * FROM relays WHERE article_id = ? ORDER BY pk", aid)
    )
    def rows(table: str) -> list[sqlite3.Row]:
        order = "ord" if table in _ARTICLE_KEYED_TABLES else "rowid"
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
                relayed_from=r["relayed_from"],
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
    entities = tuple(
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
    claims = tuple(
        Claim(
            id=r["id"], article_id=r["article_id"], span=_req_span(r), text=r["text"],
            voice=r["voice"], speaker=r["speaker"], relayed_from=r["relayed_from"],
            attribution_id=r["attribution_id"], negated=bool(r["negated"]),
            hedged=bool(r["hedged"]),
        )
        for r in _rows(conn, "SELECT * FROM claims WHERE event_id = ? ORDER BY ord", eid)
    )
    groups = tuple(
        ClaimGroup(
            id=r["id"], label=r["label"], label_claim=r["label_claim"],
            outlets=tuple(json.loads(r["outlets"])),
            independent_outlets=r["independent_outlets"],
            claim_ids=tuple(
                m["id"] for m in _rows(
                    conn,
                    "SELECT c.id FROM claim_group_members m JOIN claims c ON c.pk = m.claim_pk"
                    " WHERE m.group_pk = ? ORDER BY m.ord", r["pk"])
            ),
        )
        for r in _rows(conn, "SELECT * FROM claim_groups WHERE event_id = ? ORDER BY ord", eid)
    )
    coverage = tuple(
        Coverage(outlet=r["outlet"], group_id=r["group_id"], state=r["state"],
                 claim_ids=tuple(json.loads(r["claim_ids"])))
        for r in _rows(
            conn,
            "SELECT c.*, g.id AS group_id FROM coverage c JOIN claim_groups g ON g.pk = c.group_pk"
            " WHERE c.event_id = ? ORDER BY c.ord", eid)
    )
    numbers = tuple(
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
    disputes = tuple(
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
                     evidence=_evidence(conn, "side_pk", s["pk"]))
                for s in _rows(conn, "SELECT * FROM sides WHERE dispute_pk = ? ORDER BY ord",
                               r["pk"])
            ),
        )
        for r in _rows(conn, "SELECT * FROM disputes WHERE event_id = ? ORDER BY ord", eid)
    )
    timeline = tuple(
        TimelineEntry(date=r["date"], text=r["text"],
                      article_ids=tuple(json.loads(r["article_ids"])),
                      evidence=_evidence(conn, "timeline_pk", r["pk"]))
        for r in _rows(conn, "SELECT * FROM timeline WHERE event_id = ? ORDER BY ord", eid)
    )
    brief = tuple(
        BriefLine(section=r["section"], text=r["text"],
                  citations=_evidence(conn, "brief_pk", r["pk"]))
        for r in _rows(conn, "SELECT * FROM brief WHERE event_id = ? ORDER BY ord", eid)
    )
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
    return EventDoc(
        id=eid, name=erow["name"], docs=docs, entities=entities, claims=claims, groups=groups,
        coverage=coverage, numbers=numbers, disputes=disputes, timeline=timeline, brief=brief,
        errors=errors, notices=notices, layers=frozenset(json.loads(erow["layers"])),
    )
