"""Versioned schema migrations for the SQLite store, recorded in a ``_migrations`` table.

Modelled on sqlite-utils' ``sqlite-migrate``: each migration is a function registered with the
``@migrations()`` decorator; applied ones are recorded by name, so opening a store applies only
what is missing, in order, each inside its own transaction. Add a new function rather than
changing one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources import files

from ..errors import StoreError

MIGRATION_SET = "rashomon"

Migration = Callable[[sqlite3.Connection], bool | None]

FTS_MISSING = (
    "this Python's sqlite3 module was built without the FTS5 extension, so full-text search "
    "over articles is disabled (everything else works). Use a Python whose SQLite has FTS5 "
    "(python.org and most distribution builds do) and open the store again to add the index."
)


@dataclass
class Migrations:
    """An ordered set of named migrations.

    A migration function returns ``False`` to say "not applied now, try again next time" (used
    when an optional SQLite feature such as FTS5 is missing); anything else records it.
    """

    name: str
    _steps: list[tuple[str, Migration]] = field(default_factory=list)

    def __call__(self) -> Callable[[Migration], Migration]:
        """Register the decorated function as the next migration."""

        def register(func: Migration) -> Migration:
            if any(name == func.__name__ for name, _ in self._steps):
                raise ValueError(f"duplicate migration name {func.__name__!r}")
            self._steps.append((func.__name__, func))
            return func

        return register

    def __iter__(self) -> Iterator[tuple[str, Migration]]:
        return iter(self._steps)

    def pending(self, conn: sqlite3.Connection) -> list[str]:
        """Names of the migrations not yet recorded in ``conn``."""
        done = applied(conn, self.name)
        return [name for name, _ in self._steps if name not in done]

    def apply(self, conn: sqlite3.Connection) -> list[str]:
        """Apply every pending migration, each in its own transaction.

        Args:
            conn: a connection in autocommit mode (``isolation_level=None``).

        Returns:
            The names applied now.

        Raises:
            StoreError: a migration failed; it was rolled back and the store is unchanged by it.
        """
        conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations ("
            " migration_set TEXT NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,"
            " PRIMARY KEY (migration_set, name))"
        )
        done = applied(conn, self.name)
        now: list[str] = []
        for name, func in self._steps:
            if name in done:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = func(conn)
                if result is not False:
                    conn.execute(
                        "INSERT INTO _migrations (migration_set, name, applied_at)"
                        " VALUES (?, ?, ?)",
                        (self.name, name, datetime.now(UTC).isoformat(timespec="seconds")),
                    )
                    now.append(name)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                raise StoreError(f"migration {name!r} failed: {exc}") from exc
        return now


def applied(conn: sqlite3.Connection, migration_set: str = MIGRATION_SET) -> set[str]:
    """Names of the migrations recorded in ``conn`` (empty for a new database)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not exists:
        return set()
    rows = conn.execute(
        "SELECT name FROM _migrations WHERE migration_set = ?", (migration_set,)
    ).fetchall()
    return {r[0] for r in rows}


def split_sql(script: str) -> Iterator[str]:
    """Split a SQL script into statements (trigger bodies included) with SQLite's own parser.

    ``executescript`` would commit any open transaction first, so migrations run statements one
    by one inside their transaction instead.
    """
    buf: list[str] = []
    for line in script.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf.append(line)
        stmt = "".join(buf)
        if sqlite3.complete_statement(stmt):
            yield stmt.strip()
            buf = []
    if "".join(buf).strip():
        raise ValueError(f"incomplete SQL statement at end of script: {''.join(buf)[:80]!r}")


def has_fts5(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite build can create FTS5 tables."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp._fts5_probe")
    return True


migrations = Migrations(MIGRATION_SET)

# Migrations a read-only open can do without: without the full-text index search says it is
# unavailable; without the story tables a store simply holds no ingested stories.
READ_OPTIONAL = frozenset({"m002_articles_fts", "m003_story_tables"})


def _run_script(conn: sqlite3.Connection, name: str) -> None:
    script = files("rashomon.store").joinpath(name).read_text(encoding="utf-8")
    for stmt in split_sql(script):
        conn.execute(stmt)


@migrations()
def m001_initial(conn: sqlite3.Connection) -> None:
    """Create every table and index of schema version 1 (``schema.sql``)."""
    _run_script(conn, "schema.sql")


@migrations()
def m002_articles_fts(conn: sqlite3.Connection) -> bool:
    """Full-text index over article titles and bodies, kept in sync by triggers.

    An external-content FTS5 table (as sqlite-utils' ``enable_fts`` makes), so Datasette offers
    its search box on ``articles``. Skipped, and retried on the next open, without FTS5.
    """
    if not has_fts5(conn):
        return False
    statements = [
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        ' title, body, content="articles", content_rowid="pk",'
        " tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN"
        " INSERT INTO articles_fts (rowid, title, body) VALUES (new.pk, new.title, new.body); END",
        "CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN"
        " INSERT INTO articles_fts (articles_fts, rowid, title, body)"
        " VALUES ('delete', old.pk, old.title, old.body); END",
        "CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN"
        " INSERT INTO articles_fts (articles_fts, rowid, title, body)"
        " VALUES ('delete', old.pk, old.title, old.body);"
        " INSERT INTO articles_fts (rowid, title, body) VALUES (new.pk, new.title, new.body); END",
        "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
    ]
    for stmt in statements:
        conn.execute(stmt)
    return True


@migrations()
def m003_story_tables(conn: sqlite3.Connection) -> None:
    """The stream ingest's tables (``stories.sql``): the story clusterer's state, each
    article's story, and the ingest log.

    Stores that ``rashomon ingest`` wrote before this migration already hold these tables,
    created by the ingest itself with the same statements; ``IF NOT EXISTS`` keeps them and
    their rows, and the migration is recorded like any other.
    """
    _run_script(conn, "stories.sql")


@migrations()
def m004_attribution_speaker_kind(conn: sqlite3.Connection) -> None:
    """What kind of speaker an attribution has and the body it speaks for.

    ``speaker_kind`` is one of ``rashomon.model.SPEAKER_KINDS`` (person, organisation, anonymous,
    spokesperson, official, document, outlet, group); ``speaker_affiliation`` names the body an
    unnamed source or a document speaks for ("a Google spokesperson": Google).
    """
    conn.execute("ALTER TABLE attributions ADD COLUMN speaker_kind TEXT")
    conn.execute("ALTER TABLE attributions ADD COLUMN speaker_affiliation TEXT")


@migrations()
def m005_sourcing_quotes_dates(conn: sqlite3.Connection) -> None:
    """Independent sources of claim groups, quote discrepancies, sourcing profiles, date
    conflicts; relay cue spans, dated happenings and their event anchors
    (``m005_sourcing.sql``)."""
    _run_script(conn, "m005_sourcing.sql")


@migrations()
def m006_framing(conn: sqlite3.Connection) -> None:
    """Framing uses (loaded words per outlet, own voice or quoted) and each dispute side's
    stances per outlet (``m006_framing.sql``)."""
    _run_script(conn, "m006_framing.sql")
