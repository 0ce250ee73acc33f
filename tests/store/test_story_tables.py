"""Story tables: created by migration m003, and stores that the ingest made before it upgrade."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np

from rashomon.model import ArticleDoc, EventDoc, Failure
from rashomon.store import (
    StoryBatch,
    StoryState,
    event_summaries,
    open_store,
    read_ingest_errors,
    read_story_state,
    story_event_name,
    write_event,
    write_story_batch,
)
from rashomon.store.migrations import (
    Migrations,
    applied,
    m001_initial,
    m002_articles_fts,
    m004_attribution_speaker_kind,
    m005_sourcing_quotes_dates,
    m006_framing,
)
from rashomon.streams.clustering import ArticleFeatures, StoryClusterer
from rashomon.streams.state import changed_state, load_clusterer
from sample_event import sample_docs, sample_event

# The statements `rashomon ingest` ran itself, outside the store's migrations, before the
# story tables became migration m003 (copied from that version of streams/runner.py).
OLD_STORY_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS story_params (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        params TEXT NOT NULL,           -- JSON: ClusterParams + dim + n_docs
        encoder TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS story_events (
        id TEXT PRIMARY KEY,            -- = events.id
        seq INTEGER NOT NULL,
        label TEXT NOT NULL,
        size INTEGER NOT NULL,
        first_day TEXT,
        last_day TEXT,
        entities TEXT NOT NULL,         -- JSON object: cheap entity -> members naming it
        entity_total INTEGER NOT NULL,
        vector_sum BLOB NOT NULL        -- float32 little-endian sum of member embeddings
    )""",
    """CREATE TABLE IF NOT EXISTS story_members (
        article_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        seq INTEGER NOT NULL            -- global arrival order, replayed on load
    )""",
    "CREATE INDEX IF NOT EXISTS idx_story_members_event ON story_members(event_id)",
    """CREATE TABLE IF NOT EXISTS story_df (
        entity TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS ingest_errors (
        pk INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        stage TEXT,
        at TEXT NOT NULL
    )""",
)
STORY_TABLES = ("story_params", "story_events", "story_members", "story_df", "ingest_errors")


def _feats(article_id: str, axis: int, entities: set[str], title: str) -> ArticleFeatures:
    vec = np.zeros(8, dtype=np.float32)
    vec[axis] = 1.0
    return ArticleFeatures(article_id=article_id, vector=vec, entities=frozenset(entities),
                           title=title)


def _clusterer(ids: list[str]) -> StoryClusterer:
    """Two stories: the first two articles share an axis and an entity, the third does not."""
    clusterer = StoryClusterer()
    clusterer.add(_feats(ids[0], 0, {"harwick"}, "Harwick fire"))
    clusterer.add(_feats(ids[1], 0, {"harwick"}, "Harwick fire grows"))
    clusterer.add(_feats(ids[2], 3, {"elsin"}, "Elsin bridge"))
    return clusterer


def _docs() -> list[ArticleDoc]:
    return list(sample_docs().values())


def _old_store(db: Path) -> StoryClusterer:
    """A store as the ingest made it before m003: migrations m001 and m002 only, the story
    tables created by the ingest's own statements, and a story event per cluster."""
    old = Migrations("rashomon")
    old()(m001_initial)
    old()(m002_articles_fts)
    # The events below are written by today's writer, which needs the attribution columns of
    # m004; they are not what this test is about.
    old()(m004_attribution_speaker_kind)
    # ... and the columns of m005 (sources, quotes, dates) and the tables of m006 (framing).
    old()(m005_sourcing_quotes_dates)
    old()(m006_framing)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    old.apply(conn)
    for stmt in OLD_STORY_SCHEMA:
        conn.execute(stmt)
    docs = _docs()
    clusterer = _clusterer([d.id for d in docs])
    for story in clusterer.events:
        members = tuple(d for d in docs if d.id in story.article_ids)
        write_event(conn, EventDoc(id=story.id, name=story_event_name(story.id, story.label),
                                   docs=members))
    rows = clusterer.to_rows()
    conn.execute("INSERT INTO story_params (id, params, encoder) VALUES (1, ?, ?)",
                 (json.dumps(rows["params"][0]), "test-encoder"))
    conn.executemany(
        "INSERT INTO story_events (id, seq, label, size, first_day, last_day, entities,"
        " entity_total, vector_sum) VALUES (:id, :seq, :label, :size, :first_day, :last_day,"
        " :entities, :entity_total, :vector_sum)", rows["events"])
    conn.executemany("INSERT INTO story_members (article_id, event_id, seq)"
                     " VALUES (:article_id, :event_id, :seq)", rows["members"])
    conn.executemany("INSERT INTO story_df (entity, df) VALUES (:entity, :df)", rows["df"])
    conn.execute("INSERT INTO ingest_errors (source, reason, stage, at) VALUES (?, ?, ?, ?)",
                 ("feed.xml", "not a feed", None, "2031-07-04T00:00:00+00:00"))
    conn.close()
    return clusterer


def test_new_store_gets_story_tables_from_migration(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "new.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(STORY_TABLES) <= tables
    assert "m003_story_tables" in applied(conn)
    assert read_story_state(conn) is None  # nothing ingested yet
    assert read_ingest_errors(conn) == []


def test_store_made_before_m003_upgrades_and_keeps_its_stories(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    clusterer = _old_store(db)
    ro = open_store(db, readonly=True)  # m003 pending: a reader still opens it
    assert "m003_story_tables" not in applied(ro)
    before = event_summaries(ro)
    ro.close()

    conn = open_store(db)
    assert "m003_story_tables" in applied(conn)
    loaded = load_clusterer(conn)
    assert loaded is not None
    restored, encoder = loaded
    assert encoder == "test-encoder"
    assert restored.to_rows() == clusterer.to_rows()
    assert read_ingest_errors(conn) == [Failure(source="feed.xml", reason="not a feed")]
    assert event_summaries(conn) == before
    labels = {x.id: x.label for x in before}
    assert labels == {e.id: e.label for e in clusterer.events}
    # The upgraded store takes the next batch as a new one would: the new report joins the
    # story of the first two.
    doc = sample_docs({"courier": "Harwick fire: a second night in the shelters."})["courier"]
    feats = _feats(doc.id, 0, {"harwick"}, "Harwick fire, day two")
    story = restored.add(feats)
    assert story == clusterer.events[0].id
    state = changed_state(restored, encoder, events={story}, members={doc.id},
                          entities=set(feats.entities))
    notes = write_story_batch(conn, StoryBatch(
        docs=[doc], stories=[story], labels={story: restored.event(story).label}, state=state,
        failures=[Failure(source="x.jsonl:3", reason="bad line")]))
    assert notes == []
    again = load_clusterer(conn)
    assert again is not None and again[0].to_rows() == restored.to_rows()
    sizes = {x.id: x.size for x in event_summaries(conn)}
    assert sizes[story] == 3
    assert [f.source for f in read_ingest_errors(conn)] == ["feed.xml", "x.jsonl:3"]


def test_store_without_story_tables_reads_without_stories(tmp_path: Path) -> None:
    """A store `analyze` wrote before m003 (no story tables) lists its events read-only."""
    db = tmp_path / "analysed.db"
    old = Migrations("rashomon")
    old()(m001_initial)
    old()(m004_attribution_speaker_kind)  # today's writer needs it; not what is tested here
    old()(m005_sourcing_quotes_dates)  # likewise the columns of m005
    old()(m006_framing)  # and the tables of m006
    conn = sqlite3.connect(db, isolation_level=None)
    old.apply(conn)
    conn.row_factory = sqlite3.Row
    write_event(conn, sample_event())
    conn.close()
    ro = open_store(db, readonly=True)
    (summary,) = event_summaries(ro)
    assert summary.size == len(sample_event().docs) and summary.analysed
    assert read_story_state(ro) is None
    ro.close()


def test_story_state_round_trips(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "s.db")
    docs = _docs()
    clusterer = _clusterer([d.id for d in docs])
    rows = clusterer.to_rows()
    stories = [clusterer.add(_feats(d.id, 0, set(), "")) for d in docs]  # already assigned
    state = StoryState(params=rows["params"][0], encoder="enc", events=rows["events"],
                       members=rows["members"], df=rows["df"])
    write_story_batch(conn, StoryBatch(
        docs=docs, stories=stories,
        labels={e.id: e.label for e in clusterer.events}, state=state))
    stored = read_story_state(conn)
    assert stored is not None and stored.encoder == "enc"
    assert [dict(r) for r in stored.events] == rows["events"]
    assert [dict(r) for r in stored.members] == rows["members"]
    labels = {s.id: s.label for s in event_summaries(conn)}
    assert labels == {e.id: e.label for e in clusterer.events}
