"""The SQLite store: one file per project, opens in Datasette and sqlite-utils as it is."""

from .migrations import FTS_MISSING, migrations
from .sqlite import (
    SearchHit,
    has_search,
    list_events,
    open_store,
    read_event,
    search,
    write_event,
    write_sqlite,
)

__all__ = [
    "FTS_MISSING",
    "SearchHit",
    "has_search",
    "list_events",
    "migrations",
    "open_store",
    "read_event",
    "search",
    "write_event",
    "write_sqlite",
]
