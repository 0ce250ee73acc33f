"""The SQLite store: idempotent writes, updates, foreign keys, search, migrations, round trip."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.errors import StoreError
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    Boilerplate,
    EventDoc,
    Hedge,
    MetaField,
    Quantity,
    Sentence,
    Span,
    content_id,
)
from rashomon.store import migrations, open_store, read_event, search, write_event, write_sqlite
from rashomon.store.migrations import split_sql
from sample_event import hostile_event, sample_docs, sample_event

TABLES = [
    "events", "articles", "event_articles", "article_meta", "relays", "boilerplate", "sentences",
    "local_entities", "mentions", "attributions", "quantities", "times", "hedges", "entities",
    "entity_mentions", "claims", "claim_groups", "claim_group_members", "coverage",
    "number_slots", "number_values", "disputes", "dispute_stances", "sides", "timeline",
    "brief", "evidence", "errors", "group_sources", "finding_evidence", "quote_discrepancies",
    "quote_versions", "sourcing_profiles", "sourcing_attributions", "date_conflicts",
    "date_conflict_versions",
]


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def test_every_layer_lands_in_its_table(tmp_path: Path) -> None:
    db = write_sqlite(sample_event(), tmp_path / "r.db")
    n = counts(db)
    # Every table of the sample gets rows: the sample fills every layer.
    assert {t for t, c in n.items() if c == 0} == set()
    assert n["articles"] == 3 and n["disputes"] == 2 and n["sides"] == 4
    conn = open_store(db, readonly=True)
    # Stored text columns are exactly the characters the offsets cover.
    for row in conn.execute(
        "SELECT e.text, e.start, e.\"end\", a.text AS full FROM evidence e"
        " JOIN articles a ON a.id = e.article_id"
    ):
        assert row["full"][row["start"] : row["end"]] == row["text"]
    row = conn.execute(
        "SELECT s.position, e.text FROM sides s JOIN evidence e ON e.side_pk = s.pk"
        " WHERE s.position LIKE 'On the car deck%'"
    ).fetchone()
    assert row["text"].startswith("Bluewake Lines said the fire started on the car deck")
    conn.close()


def test_rerun_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    write_sqlite(sample_event(), db)
    first = counts(db)
    write_sqlite(sample_event(), db)
    assert counts(db) == first


def test_adding_an_article_updates_the_event(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    event = sample_event()
    write_sqlite(event, db)
    extra_text = "A fourth outlet reports that the Aurelia was towed back to Port Tamsel."
    aid = Article.make_id(extra_text)
    extra = ArticleDoc(
        article=Article(id=aid, source="fourth.txt", text=extra_text, outlet="Fourth Estate"),
        sentences=(Sentence(article_id=aid, span=Span(0, len(extra_text))),),
    )
    docs = (*event.docs, extra)
    bigger = replace(event, id=content_id(*sorted(d.id for d in docs)), docs=docs)
    write_sqlite(bigger, db)
    n = counts(db)
    assert n["events"] == 1  # replaced by name, not added
    assert n["articles"] == 4 and n["event_articles"] == 4
    stored = read_event(open_store(db, readonly=True))
    assert stored.id == bigger.id and len(stored.docs) == 4
    # Dropping the extra article again removes it (it belongs to no event any more).
    write_sqlite(event, db)
    assert counts(db)["articles"] == 3


def test_foreign_keys_hold(tmp_path: Path) -> None:
    db = write_sqlite(sample_event(), tmp_path / "r.db")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    fks = {r[2] for r in conn.execute("PRAGMA foreign_key_list(attributions)")}
    assert fks == {"articles", "local_entities"}
    conn.close()


def test_a_failed_write_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    write_sqlite(sample_event(), db)
    before = counts(db)
    conn = open_store(db)
    # A second connection holds the write lock, so the write must fail and roll back.
    blocker = sqlite3.connect(db, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    conn.execute("PRAGMA busy_timeout = 0")
    with pytest.raises(StoreError, match="cannot write event"):
        write_event(conn, replace(sample_event(), name="another"))
    blocker.rollback()
    blocker.close()
    conn.close()
    assert counts(db) == before


def test_dangling_links_are_recorded_not_fatal(tmp_path: Path) -> None:
    event = sample_event()
    claim = replace(event.claims[0], attribution_id="no-such-attribution")
    broken = replace(event, claims=(claim, *event.claims[1:]))
    conn = open_store(tmp_path / "r.db")
    notes = write_event(conn, broken)
    assert [n.stage for n in notes] == ["store"]
    assert "no-such-attribution" in notes[0].reason
    row = conn.execute("SELECT attribution_id FROM claims WHERE id = ?", (claim.id,)).fetchone()
    assert row["attribution_id"] is None
    assert conn.execute("SELECT count(*) FROM errors WHERE stage = 'store'").fetchone()[0] == 1
    conn.close()


def test_full_text_search_finds_a_word(tmp_path: Path) -> None:
    conn = open_store(write_sqlite(sample_event(), tmp_path / "r.db"), readonly=True)
    hits = search(conn, "passenger van")
    assert [h.outlet for h in hits] == ["Tamsel Gazette"]
    assert "\x02van\x03" in hits[0].snippet
    # Boilerplate is not indexed: the navigation text is outside the body.
    assert search(conn, "Subscribe") == []
    # FTS syntax in user input is taken literally, never an error.
    assert search(conn, 'engine" OR NEAR(') == []
    assert search(conn, "   ") == []
    conn.close()


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    write_sqlite(sample_event(), db)
    write_sqlite(sample_event(), db)
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]
    conn.close()
    assert names == [name for name, _ in migrations]
    assert names[:2] == ["m001_initial", "m002_articles_fts"]


def test_a_store_from_before_speaker_kinds_gains_the_columns(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    write_sqlite(sample_event(), db)
    conn = sqlite3.connect(db)
    # As written before m003: no speaker_kind / speaker_affiliation columns, migration unrecorded.
    conn.execute("ALTER TABLE attributions DROP COLUMN speaker_kind")
    conn.execute("ALTER TABLE attributions DROP COLUMN speaker_affiliation")
    conn.execute("DELETE FROM _migrations WHERE name = 'm004_attribution_speaker_kind'")
    conn.commit()
    conn.close()
    conn = open_store(db)
    kinds = [r[0] for r in conn.execute("SELECT speaker_kind FROM attributions")]
    assert kinds and all(k is None for k in kinds)  # old rows kept, the new columns empty
    write_event(conn, sample_event())
    got = {
        a.speaker_resolved: a.speaker_kind for d in read_event(conn).docs for a in d.attributions
    }
    assert got["Jon Berg"] == "person" and got["officials"] == "official"
    conn.close()


def test_readonly_store_refuses_writes(tmp_path: Path) -> None:
    db = write_sqlite(sample_event(), tmp_path / "r.db")
    conn = open_store(db, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM events")
    with pytest.raises(StoreError):
        write_event(conn, sample_event())
    conn.close()


def test_open_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing.db", readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all, just some text" * 40)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        open_store(junk)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="not a rashomon store"):
        open_store(plain, readonly=True)


def test_split_sql_keeps_trigger_bodies_whole() -> None:
    script = (
        "-- comment; with a semicolon\nCREATE TABLE a (x);\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    )
    stmts = list(split_sql(script))
    assert len(stmts) == 2 and stmts[1].endswith("END;")


def test_sample_event_round_trips(tmp_path: Path) -> None:
    event = sample_event()
    conn = open_store(tmp_path / "r.db")
    write_event(conn, event)
    assert read_event(conn, event.name) == event
    assert read_event(conn, event.id) == event
    with pytest.raises(StoreError, match="no event"):
        read_event(conn, "nope")
    conn.close()


def test_sqlite_utils_sees_tables_and_foreign_keys(tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    db = sqlite_utils.Database(write_sqlite(sample_event(), tmp_path / "r.db"))
    assert set(TABLES) <= set(db.table_names())
    fks = {(fk.column, fk.other_table, fk.other_column)
           for fk in db["attributions"].foreign_keys}
    assert ("article_id", "articles", "id") in fks
    assert ("speaker_entity_id", "local_entities", "id") in fks
    assert {fk.other_table for fk in db["evidence"].foreign_keys} == {
        "events", "articles", "sides", "timeline", "brief"}
    # Datasette finds the search index the same way sqlite-utils does.
    assert db["articles"].detect_fts() == "articles_fts"
    assert [r["id"] for r in db["articles"].search("inspection")] != []
    db.close()


# Hypothesis: any hand-built doc with in-bounds sentences survives the store unchanged.
_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200
)


@st.composite
def _span_in(draw: st.DrawFn, n: int) -> Span:
    a = draw(st.integers(0, n))
    return Span(a, draw(st.integers(a, n)))


_maybe_num = st.none() | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def article_docs(draw: st.DrawFn) -> ArticleDoc:
    text = draw(_texts)
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=6)))
    bounds = [0, *cuts, n]
    aid = Article.make_id(text)
    sentences = tuple(
        Sentence(article_id=aid, span=Span(a, b)) for a, b in pairwise(bounds) if a < b
    )
    outlet = draw(st.none() | st.text(min_size=1, max_size=20))
    spans = draw(st.lists(_span_in(n), max_size=4))
    quantities = tuple(
        Quantity(id=content_id(aid, "quantity", str(sp.start), str(sp.end)), article_id=aid,
                 span=sp, text=sp.of(text), slot=draw(st.none() | st.sampled_from(["killed"])),
                 value=draw(st.floats(allow_nan=False, allow_infinity=False)),
                 low=draw(_maybe_num), high=draw(_maybe_num),
                 qualifier=draw(st.none() | st.text(max_size=10)))
        for sp in {(s.start, s.end): s for s in spans}.values()
    )
    hedges = tuple(
        Hedge(article_id=aid, span=sp, kind=draw(st.sampled_from(["hedge", "conditional"])),
              sentence=draw(st.none() | st.just(Span(0, n))))
        for sp in spans
    )
    boilerplate = tuple(
        Boilerplate(article_id=aid, span=sp, reason=draw(st.text(max_size=8)),
                    score=draw(st.floats(0, 1)))
        for sp in draw(st.lists(_span_in(n), max_size=2))
    )
    return ArticleDoc(
        article=Article(id=aid, source=draw(st.text(min_size=1, max_size=30)), text=text,
                        outlet=outlet, published=draw(st.none() | st.just("2031-05-12"))),
        meta=ArticleMeta(title=draw(st.none() | st.builds(
            MetaField, value=st.text(max_size=20), span=st.none() | st.just(Span(0, n)),
            origin=st.sampled_from(["declared", "inferred"])))),
        boilerplate=boilerplate,
        sentences=sentences,
        quantities=quantities,
        hedges=hedges,
        layers=frozenset({"sentences", "quantities", "hedges"}),
    )


@settings(
    max_examples=30, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(docs=st.lists(article_docs(), min_size=1, max_size=3, unique_by=lambda d: d.id))
def test_hand_built_docs_round_trip(tmp_path: Path, docs: list[ArticleDoc]) -> None:
    event = EventDoc(id=content_id(*sorted(d.id for d in docs)), name="h", docs=tuple(docs))
    conn = open_store(tmp_path / "h.db")
    try:
        write_event(conn, event)
        assert read_event(conn, "h") == event
    finally:
        conn.close()


def test_sample_docs_offsets_are_exact() -> None:
    # Guard for the fixture itself: the evidence strings are where the offsets say.
    docs = sample_docs()
    gazette = docs["gazette"]
    relay = gazette.meta.relays[0]
    assert relay.span.of(gazette.text) == "The Harbour Times"
    assert relay.cue_span is not None and relay.cue_span.of(gazette.text) == "according to"


def _strip_fts(db: Path) -> None:
    """Make the store look as a Python whose SQLite lacks FTS5 would have written it."""
    conn = sqlite3.connect(db)
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE articles_fts")
    conn.execute("DELETE FROM _migrations WHERE name = 'm002_articles_fts'")
    conn.commit()
    conn.close()


def test_store_without_fts_says_why_and_heals(tmp_path: Path) -> None:
    db = write_sqlite(sample_event(), tmp_path / "r.db")
    _strip_fts(db)
    conn = open_store(db, readonly=True)  # still readable
    with pytest.raises(StoreError, match="FTS5"):
        search(conn, "van")
    assert read_event(conn).name == sample_event().name
    conn.close()
    # Opened writable by a Python with FTS5, the missing migration runs and indexes the rows.
    conn = open_store(db)
    assert [h.outlet for h in search(conn, "passenger van")] == ["Tamsel Gazette"]
    conn.close()


def test_id_clashes_keep_the_first_and_are_noted(tmp_path: Path) -> None:
    event = sample_event()
    doc = event.docs[0]
    first = doc.attributions[0]
    twin = replace(first, kind="according-to")  # same id, different annotation
    clashing = replace(doc, attributions=(first, twin, first, *doc.attributions[1:]))
    conn = open_store(tmp_path / "r.db")
    notes = write_event(conn, replace(event, docs=(clashing, *event.docs[1:])))
    assert len(notes) == 1 and first.id in notes[0].reason  # the exact repeat is silent
    rows = conn.execute("SELECT kind FROM attributions WHERE id = ?", (first.id,)).fetchall()
    assert [r["kind"] for r in rows] == [first.kind]
    assert read_event(conn).docs[0].attributions == doc.attributions
    conn.close()


def test_sources_quotes_profiles_and_date_conflicts_are_stored(tmp_path: Path) -> None:
    event = sample_event()
    db = write_sqlite(event, tmp_path / "r.db")
    conn = open_store(db, readonly=True)
    rows = conn.execute(
        "SELECT v.text, v.start, v.\"end\", a.text AS full, q.flags FROM quote_versions v"
        " JOIN quote_discrepancies q ON q.pk = v.discrepancy_pk"
        " JOIN articles a ON a.id = v.article_id ORDER BY v.ord"
    ).fetchall()
    assert [r["full"][r["start"] : r["end"]] for r in rows] == [r["text"] for r in rows]
    assert rows[0]["flags"] == '["words-changed"]'
    note = conn.execute("SELECT sourcing_note FROM claim_groups ORDER BY ord").fetchone()[0]
    assert note == "2 outlets, 2 independent sources"
    origins = conn.execute("SELECT origin FROM group_sources").fetchall()
    assert {"The Harbour Times", "Nordwire"} <= {r[0] for r in origins}
    conflict = conn.execute(
        "SELECT e.text, e.start, e.\"end\", a.text AS full FROM finding_evidence e"
        " JOIN articles a ON a.id = e.article_id WHERE e.conflict_version_pk IS NOT NULL"
    ).fetchall()
    assert len(conflict) == 2
    assert all(r["full"][r["start"] : r["end"]] == r["text"] for r in conflict)
    profile = conn.execute(
        "SELECT total, counts FROM sourcing_profiles WHERE scope = 'outlet' AND key = 'Nordwire'"
    ).fetchone()
    assert profile["total"] == 3 and '"anonymous": 1' in profile["counts"]
    assert read_event(conn, event.id) == event
    conn.close()


def test_framing_and_side_stances_round_trip(tmp_path: Path) -> None:
    event = hostile_event()
    sides = [s.stances for d in event.disputes for s in d.sides]
    assert len(event.framing) >= 4 and all(sides)
    conn = open_store(tmp_path / "r.db")
    write_event(conn, event)
    back = read_event(conn, event.id)
    assert back.framing == event.framing
    assert [s.stances for d in back.disputes for s in d.sides] == sides
    rows = [tuple(r) for r in conn.execute("SELECT word, text, authorial FROM framing")]
    assert ("regime", "regime", 1) in rows and ("cover-up", "cover-up", 0) in rows
    stored = {tuple(r) for r in conn.execute("SELECT outlet, stance FROM side_stances")}
    assert ("Nordwire", "reports") in stored
    assert ("Evil <script>alert(5)</script><img src=x onerror=alert(6)>", "asserts") in stored
    conn.close()


def test_a_framing_use_outside_its_article_is_left_out_with_a_note(tmp_path: Path) -> None:
    event = sample_event()
    bad = replace(event.framing[0], span=Span(10_000, 10_008))
    conn = open_store(tmp_path / "r.db")
    notes = write_event(conn, replace(event, framing=(bad, *event.framing[1:])))
    assert [n.reason for n in notes if "framing word" in n.reason]
    assert read_event(conn, event.id).framing == event.framing[1:]
    conn.close()
