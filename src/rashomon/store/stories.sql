-- Story tables (applied by migrations.m003_story_tables): what `rashomon ingest` keeps beside the
-- articles and events it writes. IF NOT EXISTS because stores ingested before this migration
-- existed got these same tables from the ingest itself.

-- The story clusterer's parameters (one row) and the sentence encoder its vectors come from.
CREATE TABLE IF NOT EXISTS story_params (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    params TEXT NOT NULL,           -- JSON: ClusterParams + dim + n_docs
    encoder TEXT NOT NULL
);

-- One row per story; its id is the id of its row in events.
CREATE TABLE IF NOT EXISTS story_events (
    id TEXT PRIMARY KEY,            -- = events.id
    seq INTEGER NOT NULL,
    label TEXT NOT NULL,
    size INTEGER NOT NULL,
    first_day TEXT,
    last_day TEXT,
    entities TEXT NOT NULL,         -- JSON object: cheap entity -> members naming it
    entity_total INTEGER NOT NULL,
    vector_sum BLOB NOT NULL        -- float32 little-endian sum of member embeddings
);

CREATE TABLE IF NOT EXISTS story_members (
    article_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    seq INTEGER NOT NULL            -- global arrival order, replayed on load
);
CREATE INDEX IF NOT EXISTS idx_story_members_event ON story_members(event_id);

-- Online document frequency of each cheap entity (its IDF weight).
CREATE TABLE IF NOT EXISTS story_df (
    entity TEXT PRIMARY KEY,
    df INTEGER NOT NULL
);

-- Inputs and articles an ingest could not read or analyse, and the store's notes on what it
-- stored (stage 'store').
CREATE TABLE IF NOT EXISTS ingest_errors (
    pk INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    stage TEXT,
    at TEXT NOT NULL
);
