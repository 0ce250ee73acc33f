"""The SQLite store: open (creating or migrating it) and search.

The file is a plain SQLite database that opens in Datasette and sqlite-utils as it is: real
foreign keys, indexes on the look-ups the viewer makes, and an FTS5 index over article bodies.
Writing events is :mod:`.writer`'s work, reading them back :mod:`.reader`'s, and the stream
ingest's story tables :mod:`.stories`'.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from .migrations import FTS_MISSING, READ_OPTIONAL, applied, migrations


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
            if not set(pending) <= READ_OPTIONAL:
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
