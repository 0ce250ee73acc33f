"""What ``rashomon ingest`` keeps in the store: batches of articles with their story, the story
clusterer's state, the ingest log, and the summaries ``rashomon events`` lists.

The tables are created by the migration ``m003_story_tables`` (``stories.sql``). The state is
exchanged as table rows (:class:`StoryState`, the rows
:meth:`~rashomon.streams.clustering.StoryClusterer.to_rows` gives), so the store knows nothing
of how stories are clustered.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError
from ..model import SCHEMA_VERSION, ArticleDoc, EventDoc, Failure
from .writer import StoreWriter

# Layers only the event stages produce: an event that has one was analysed.
_EVENT_LAYERS = frozenset(
    {"duplicates", "merged_entities", "claims", "groups", "coverage", "numbers", "disputes",
     "timeline", "brief"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoryState:
    """The story clusterer's state as table rows.

    Attributes:
        params: the parameter row (the clusterer's parameters, ``dim`` and ``n_docs``).
        encoder: the sentence encoder the stories' vectors come from.
        events: ``story_events`` rows (id, seq, label, size, first_day, last_day, entities,
            entity_total, vector_sum).
        members: ``story_members`` rows (article_id, event_id, seq).
        df: ``story_df`` rows (entity, df).
    """

    params: Mapping[str, Any]
    encoder: str
    events: Sequence[Mapping[str, Any]] = ()
    members: Sequence[Mapping[str, Any]] = ()
    df: Sequence[Mapping[str, Any]] = ()


@dataclass(frozen=True, slots=True)
class StoryBatch:
    """One ingest batch, committed whole by :func:`write_story_batch`.

    Attributes:
        docs: the analysed articles.
        stories: the story (event) id of each article, in the same order.
        labels: each story's label (it names a new story's event).
        state: the rows of the clusterer's state this batch changed (written over the old).
        failures: inputs and articles of the batch that failed (logged in ``ingest_errors``).
    """

    docs: Sequence[ArticleDoc]
    stories: Sequence[str]
    labels: Mapping[str, str]
    state: StoryState
    failures: Sequence[Failure] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSummary:
    """One stored event (an ingested story, or an analysed event) as ``rashomon events`` lists
    it."""

    id: str
    name: str
    label: str
    size: int
    outlets: tuple[str, ...]
    first: str | None  # ISO day of the earliest article, when known
    last: str | None
    top_entities: tuple[str, ...]
    analysed: bool  # event layers stored (``analyze --db``)
    stale: bool = False  # articles were added after the last analysis

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out = asdict(self)
        out["outlets"] = list(self.outlets)
        out["top_entities"] = list(self.top_entities)
        return out


def has_story_tables(conn: sqlite3.Connection) -> bool:
    """Whether the store has the story tables (a read-only store may predate them)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_params'"
    ).fetchone()
    return row is not None


def read_story_state(conn: sqlite3.Connection) -> StoryState | None:
    """The story clusterer's saved state, or None when nothing was ingested yet."""
    if not has_story_tables(conn):
        return None
    prow = conn.execute("SELECT params, encoder FROM story_params WHERE id = 1").fetchone()
    if prow is None:
        return None
    return StoryState(
        params=json.loads(prow["params"]),
        encoder=str(prow["encoder"]),
        events=[dict(r) for r in conn.execute("SELECT * FROM story_events ORDER BY seq")],
        members=[dict(r) for r in conn.execute("SELECT * FROM story_members ORDER BY seq")],
        df=[dict(r) for r in conn.execute("SELECT * FROM story_df")],
    )


def stored_article_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` the store already holds."""
    rows = conn.execute(
        "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
    ).fetchall()
    return {r[0] for r in rows}


def story_event_name(event_id: str, label: str) -> str:
    """The event name of a story: its label and id (events.name is UNIQUE, and write_event
    replaces by name too: the id keeps it unique)."""
    label = " ".join(label.split())
    return f"{label[:80]} [{event_id}]" if label else event_id


def _write_story(
    conn: sqlite3.Connection, eid: str, label: str, members: Sequence[ArticleDoc], now: str
) -> list[Failure]:
    """Add ``members`` to story ``eid`` (its event row made when new); returns the notes."""
    conn.execute(
        "INSERT INTO events (id, name, schema_version, layers, articles, written_at)"
        " VALUES (?, ?, ?, '[]', 0, ?) ON CONFLICT(id) DO NOTHING",
        (eid, story_event_name(eid, label), SCHEMA_VERSION, now),
    )
    start = conn.execute(
        "SELECT COALESCE(MAX(ord) + 1, 0) FROM event_articles WHERE event_id = ?", (eid,)
    ).fetchone()[0]
    # The store's own article writer, so stream-ingested articles are stored exactly as
    # `analyze` stores them (same tables, same checks).
    writer = StoreWriter(conn, EventDoc(id=eid, name=eid, docs=tuple(members)))
    for i, doc in enumerate(members):
        writer.write_article(doc, start + i)
    # An analysed event keeps the article count of its analysis, so that event_summaries can
    # tell it is stale; a fresh one counts its articles.
    conn.execute(
        "UPDATE events SET articles = (SELECT COUNT(*) FROM event_articles"
        " WHERE event_id = ?1), written_at = ?2 WHERE id = ?1 AND layers = '[]'",
        (eid, now),
    )
    return writer.notes


def _write_state(conn: sqlite3.Connection, state: StoryState) -> None:
    """Write the given rows of the clusterer's state over the stored ones."""
    conn.execute(
        "INSERT INTO story_params (id, params, encoder) VALUES (1, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET params = excluded.params, encoder = excluded.encoder",
        (json.dumps(state.params), state.encoder),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO story_events (id, seq, label, size, first_day, last_day,"
        " entities, entity_total, vector_sum) VALUES (:id, :seq, :label, :size, :first_day,"
        " :last_day, :entities, :entity_total, :vector_sum)",
        state.events,
    )
    conn.executemany(
        "INSERT OR REPLACE INTO story_members (article_id, event_id, seq)"
        " VALUES (:article_id, :event_id, :seq)",
        state.members,
    )
    conn.executemany(
        "INSERT OR REPLACE INTO story_df (entity, df) VALUES (:entity, :df)", state.df
    )


def write_story_batch(conn: sqlite3.Connection, batch: StoryBatch) -> list[Failure]:
    """Commit one ingest batch in one transaction: the articles with all their layers, each
    one's story, the clusterer's changed state and the batch's failures.

    A run killed at any point therefore leaves whole batches only.

    Returns:
        The store's notes on what it stored (links to nothing, clashing ids); they are logged
        in ``ingest_errors`` with ``stage = 'store'`` too.

    Raises:
        StoreError: the write failed; the transaction was rolled back.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    notes: list[Failure] = []
    by_story: dict[str, list[ArticleDoc]] = {}
    for doc, eid in zip(batch.docs, batch.stories, strict=True):
        by_story.setdefault(eid, []).append(doc)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for eid, members in by_story.items():
            notes.extend(_write_story(conn, eid, batch.labels[eid], members, now))
        _write_state(conn, batch.state)
        conn.executemany(
            "INSERT INTO ingest_errors (source, reason, stage, at) VALUES (?, ?, ?, ?)",
            [(f.source, f.reason, f.stage, now) for f in [*batch.failures, *notes]],
        )
        conn.execute("COMMIT")
    except (sqlite3.Error, UnicodeEncodeError) as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot write a batch of {len(batch.docs)} articles: {exc}") from exc
    return notes


def read_ingest_errors(conn: sqlite3.Connection) -> list[Failure]:
    """Everything the ingests logged as failed (and the store's notes), oldest first."""
    if not has_story_tables(conn):
        return []
    return [
        Failure(source=r["source"], reason=r["reason"], stage=r["stage"])
        for r in conn.execute("SELECT source, reason, stage FROM ingest_errors ORDER BY pk")
    ]


def _summary_rows(conn: sqlite3.Connection, min_size: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT e.id, e.name, e.layers, e.articles,"
        " (SELECT COUNT(*) FROM event_articles ea WHERE ea.event_id = e.id) AS size,"
        " (SELECT MIN(substr(a.published, 1, 10)) FROM articles a JOIN event_articles ea"
        "   ON ea.article_id = a.id WHERE ea.event_id = e.id) AS first,"
        " (SELECT MAX(substr(a.published, 1, 10)) FROM articles a JOIN event_articles ea"
        "   ON ea.article_id = a.id WHERE ea.event_id = e.id) AS last"
        " FROM events e WHERE size >= ? ORDER BY size DESC, e.written_at, e.id",
        (min_size,),
    ).fetchall()


def _outlets(conn: sqlite3.Connection, eid: str) -> tuple[str, ...]:
    return tuple(
        x[0] for x in conn.execute(
            "SELECT a.outlet, COUNT(*) AS n FROM articles a JOIN event_articles ea"
            " ON ea.article_id = a.id WHERE ea.event_id = ? AND a.outlet IS NOT NULL"
            " GROUP BY a.outlet ORDER BY n DESC, a.outlet", (eid,))
    )  # fmt: skip


def _top_entities(conn: sqlite3.Connection, eid: str) -> tuple[str, ...]:
    """The spaCy entities named by most of the event's articles."""
    return tuple(
        x[0] for x in conn.execute(
            "SELECT le.name, COUNT(DISTINCT le.article_id) AS n FROM local_entities le"
            " JOIN event_articles ea ON ea.article_id = le.article_id"
            " WHERE ea.event_id = ? GROUP BY le.name ORDER BY n DESC, le.name LIMIT 5",
            (eid,))
    )  # fmt: skip


def _summary(conn: sqlite3.Connection, r: sqlite3.Row, story: bool) -> EventSummary:
    eid = r["id"]
    outlets, ents = _outlets(conn, eid), _top_entities(conn, eid)
    label, first, last = r["name"], r["first"], r["last"]
    srow = conn.execute("SELECT * FROM story_events WHERE id = ?", (eid,)).fetchone() \
        if story else None  # fmt: skip
    if srow is not None:
        label = srow["label"] or label
        first = first or srow["first_day"]
        last = last or srow["last_day"]
        if not ents:
            counts = json.loads(srow["entities"])
            ents = tuple(sorted(counts, key=lambda k: (-counts[k], k))[:5])
    analysed = bool(set(json.loads(r["layers"])) & _EVENT_LAYERS)
    return EventSummary(
        id=eid, name=r["name"], label=label, size=r["size"], outlets=outlets, first=first,
        last=last, top_entities=ents, analysed=analysed,
        stale=analysed and r["articles"] != r["size"],
    )  # fmt: skip


def event_summaries(conn: sqlite3.Connection, *, min_size: int = 1) -> list[EventSummary]:
    """The events in a store with what they hold, largest first.

    (:func:`~rashomon.store.list_events` lists the same events newest first, without reading
    their articles.)

    Args:
        conn: an open store (read-only is enough).
        min_size: leave out events with fewer articles.

    Returns:
        One summary per event: size, outlets, date range (articles' resolved dates, else the
        clusterer's), top entities (spaCy entities named by most articles when the article
        pipeline found any, else the clusterer's cheap names) and whether it was analysed.
    """
    story = has_story_tables(conn)
    return [_summary(conn, r, story) for r in _summary_rows(conn, min_size)]
