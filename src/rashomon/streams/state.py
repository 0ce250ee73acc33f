"""The story clusterer's state in the store: a thin adapter between
:class:`~rashomon.streams.clustering.StoryClusterer`'s rows and :mod:`rashomon.store.stories`."""

from __future__ import annotations

import sqlite3
from collections.abc import Set

from rashomon.store import StoryState, read_story_state
from rashomon.streams.clustering import StoryClusterer


def load_clusterer(conn: sqlite3.Connection) -> tuple[StoryClusterer, str] | None:
    """The story clusterer saved in a store, with its encoder name, or None if there is none."""
    state = read_story_state(conn)
    if state is None:
        return None
    rows = {
        "params": [state.params],
        "events": state.events,
        "members": state.members,
        "df": state.df,
    }
    return StoryClusterer.from_rows(rows), state.encoder


def changed_state(
    clusterer: StoryClusterer,
    encoder: str,
    *,
    events: Set[str],
    members: Set[str],
    entities: Set[str],
) -> StoryState:
    """The rows of the clusterer's state that a batch changed: its stories, its articles and
    the entities they name (the parameter row always)."""
    rows = clusterer.to_rows()
    return StoryState(
        params=rows["params"][0],
        encoder=encoder,
        events=[r for r in rows["events"] if r["id"] in events],
        members=[r for r in rows["members"] if r["article_id"] in members],
        df=[r for r in rows["df"] if r["entity"] in entities],
    )
