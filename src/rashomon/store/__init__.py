"""The SQLite store: one file per project, opens in Datasette and sqlite-utils as it is.

:mod:`.sqlite` opens (and migrates) a store and searches it, :mod:`.writer` writes analysed
events, :mod:`.reader` reads them back, :mod:`.stories` holds what ``rashomon ingest`` keeps:
stream batches, the story clusterer's state and the ingest log.
"""

from .migrations import FTS_MISSING, migrations
from .reader import list_events, read_event
from .sqlite import SearchHit, has_search, open_store, search
from .stories import (
    EventSummary,
    StoryBatch,
    StoryState,
    event_summaries,
    has_story_tables,
    read_ingest_errors,
    read_story_state,
    stored_article_ids,
    story_event_name,
    write_story_batch,
)
from .writer import StoreWriter, dedupe_by_id, write_event, write_sqlite

__all__ = [
    "FTS_MISSING",
    "EventSummary",
    "SearchHit",
    "StoreWriter",
    "StoryBatch",
    "StoryState",
    "dedupe_by_id",
    "event_summaries",
    "has_search",
    "has_story_tables",
    "list_events",
    "migrations",
    "open_store",
    "read_event",
    "read_ingest_errors",
    "read_story_state",
    "search",
    "stored_article_ids",
    "story_event_name",
    "write_event",
    "write_sqlite",
    "write_story_batch",
]
