-- rashomon store, schema version 1 (applied by migrations.m001_initial).
-- Conventions: every span is [start, end) in characters of articles.text; `text` columns hold the
-- covered characters so SQL users need no substr(); JSON columns hold short lists.
-- Per-article layers hang off articles(id) and are replaced when the article is written again;
-- event layers hang off events(id) and are replaced when the event is written again.

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    schema_version TEXT NOT NULL,
    layers TEXT NOT NULL DEFAULT '[]',   -- JSON list of the layers computed
    articles INTEGER NOT NULL DEFAULT 0,
    written_at TEXT NOT NULL
);

CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,               -- stable rowid for the full-text index
    id TEXT NOT NULL UNIQUE,              -- content hash of text
    source TEXT NOT NULL,
    url TEXT,
    format TEXT NOT NULL,
    outlet TEXT,                          -- resolved (manifest > declared > inferred)
    title TEXT,
    published TEXT,
    author TEXT,
    language TEXT,
    translated_from TEXT,
    duplicate_of TEXT,
    layers TEXT NOT NULL DEFAULT '[]',
    declared TEXT NOT NULL DEFAULT '{}',  -- JSON: the fields as the input declared them
    chars INTEGER NOT NULL,
    text TEXT NOT NULL,                   -- original text; every offset points into it
    body TEXT NOT NULL                    -- text minus boilerplate (for search and reading)
);

CREATE TABLE event_articles (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    PRIMARY KEY (event_id, article_id)
);
CREATE INDEX idx_event_articles_article ON event_articles(article_id);

CREATE TABLE article_meta (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    origin TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    UNIQUE (article_id, field)
);

CREATE TABLE relays (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    cue TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX idx_relays_article ON relays(article_id);

CREATE TABLE boilerplate (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    reason TEXT NOT NULL,
    score REAL NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX idx_boilerplate_article ON boilerplate(article_id, start);

CREATE TABLE sentences (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX idx_sentences_article ON sentences(article_id, start);

CREATE TABLE local_entities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    mention_spans TEXT NOT NULL DEFAULT '[]',  -- JSON [[start, end], ...]
    roles TEXT NOT NULL DEFAULT '[]',          -- JSON [{"text", "start", "end"}, ...]
    ord INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_local_entities_article ON local_entities(article_id);
CREATE INDEX idx_local_entities_name ON local_entities(name);

CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id TEXT REFERENCES local_entities(id) ON DELETE SET NULL,
    entity_ref TEXT NOT NULL                   -- the id as produced (kept if the entity is missing)
);
CREATE INDEX idx_mentions_article ON mentions(article_id, start);
CREATE INDEX idx_mentions_entity ON mentions(entity_id);

CREATE TABLE attributions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    content TEXT NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    cue TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker TEXT,
    speaker_resolved TEXT,
    speaker_entity_id TEXT REFERENCES local_entities(id) ON DELETE SET NULL,
    anonymous INTEGER NOT NULL DEFAULT 0,
    relayed_from TEXT,
    ord INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_attributions_article ON attributions(article_id, start);
CREATE INDEX idx_attributions_speaker ON attributions(speaker_resolved);

CREATE TABLE quantities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    slot TEXT,
    value REAL NOT NULL,
    low REAL,
    high REAL,
    qualifier TEXT,
    unit TEXT,
    attributed_to TEXT,
    attribution_id TEXT REFERENCES attributions(id) ON DELETE SET NULL
);
CREATE INDEX idx_quantities_article ON quantities(article_id, start);
CREATE INDEX idx_quantities_slot ON quantities(slot);

CREATE TABLE times (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT NOT NULL,
    anchor TEXT NOT NULL,
    sentence_start INTEGER,
    sentence_end INTEGER,
    event_text TEXT
);
CREATE INDEX idx_times_article ON times(article_id, start);
CREATE INDEX idx_times_value ON times(value);

CREATE TABLE hedges (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    sentence_start INTEGER,
    sentence_end INTEGER
);
CREATE INDEX idx_hedges_article ON hedges(article_id, start);

-- Event layers -------------------------------------------------------------------------------

CREATE TABLE entities (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    merge_reasons TEXT NOT NULL DEFAULT '[]',
    ord INTEGER NOT NULL,
    UNIQUE (event_id, id)
);
CREATE INDEX idx_entities_name ON entities(name);

CREATE TABLE entity_mentions (
    pk INTEGER PRIMARY KEY,
    entity_pk INTEGER NOT NULL REFERENCES entities(pk) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX idx_entity_mentions_entity ON entity_mentions(entity_pk);
CREATE INDEX idx_entity_mentions_article ON entity_mentions(article_id, start);

CREATE TABLE claims (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    voice TEXT NOT NULL,
    speaker TEXT,
    relayed_from TEXT,
    attribution_id TEXT REFERENCES attributions(id) ON DELETE SET NULL,
    negated INTEGER NOT NULL DEFAULT 0,
    hedged INTEGER NOT NULL DEFAULT 0,
    ord INTEGER NOT NULL,
    UNIQUE (event_id, id)
);
CREATE INDEX idx_claims_article ON claims(article_id, start);

CREATE TABLE claim_groups (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    label_claim TEXT NOT NULL,
    outlets TEXT NOT NULL DEFAULT '[]',
    independent_outlets INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    UNIQUE (event_id, id)
);

CREATE TABLE claim_group_members (
    group_pk INTEGER NOT NULL REFERENCES claim_groups(pk) ON DELETE CASCADE,
    claim_pk INTEGER NOT NULL REFERENCES claims(pk) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    PRIMARY KEY (group_pk, claim_pk)
);
CREATE INDEX idx_claim_group_members_claim ON claim_group_members(claim_pk);

CREATE TABLE coverage (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    group_pk INTEGER NOT NULL REFERENCES claim_groups(pk) ON DELETE CASCADE,
    state TEXT NOT NULL,
    claim_ids TEXT NOT NULL DEFAULT '[]',
    ord INTEGER NOT NULL,
    UNIQUE (group_pk, outlet)
);
CREATE INDEX idx_coverage_event ON coverage(event_id, outlet);

CREATE TABLE number_slots (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    verdict TEXT NOT NULL,
    explanation TEXT NOT NULL DEFAULT '',
    ord INTEGER NOT NULL
);
CREATE INDEX idx_number_slots_event ON number_slots(event_id, slot);

CREATE TABLE number_values (
    pk INTEGER PRIMARY KEY,
    slot_pk INTEGER NOT NULL REFERENCES number_slots(pk) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    low REAL,
    high REAL,
    qualifier TEXT,
    published TEXT,
    attributed_to TEXT,
    ord INTEGER NOT NULL
);
CREATE INDEX idx_number_values_slot ON number_values(slot_pk);

CREATE TABLE disputes (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    question TEXT NOT NULL,
    kind TEXT NOT NULL,
    score REAL NOT NULL,
    ord INTEGER NOT NULL,
    UNIQUE (event_id, id)
);

CREATE TABLE dispute_stances (
    pk INTEGER PRIMARY KEY,
    dispute_pk INTEGER NOT NULL REFERENCES disputes(pk) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    stance TEXT NOT NULL,
    ord INTEGER NOT NULL
);
CREATE INDEX idx_dispute_stances_dispute ON dispute_stances(dispute_pk);

CREATE TABLE sides (
    pk INTEGER PRIMARY KEY,
    dispute_pk INTEGER NOT NULL REFERENCES disputes(pk) ON DELETE CASCADE,
    position TEXT NOT NULL,
    holders TEXT NOT NULL DEFAULT '[]',
    outlets TEXT NOT NULL DEFAULT '[]',
    ord INTEGER NOT NULL
);
CREATE INDEX idx_sides_dispute ON sides(dispute_pk);

CREATE TABLE timeline (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    text TEXT NOT NULL,
    article_ids TEXT NOT NULL DEFAULT '[]',
    ord INTEGER NOT NULL
);
CREATE INDEX idx_timeline_event ON timeline(event_id, date);

CREATE TABLE brief (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    ord INTEGER NOT NULL
);
CREATE INDEX idx_brief_event ON brief(event_id, ord);

-- One row per piece of evidence (a span of one article) behind a dispute side, a timeline
-- entry or a brief line: exactly one of the three owner columns is set.
CREATE TABLE evidence (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    side_pk INTEGER REFERENCES sides(pk) ON DELETE CASCADE,
    timeline_pk INTEGER REFERENCES timeline(pk) ON DELETE CASCADE,
    brief_pk INTEGER REFERENCES brief(pk) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    CHECK ((side_pk IS NOT NULL) + (timeline_pk IS NOT NULL) + (brief_pk IS NOT NULL) = 1)
);
CREATE INDEX idx_evidence_article ON evidence(article_id, start);
CREATE INDEX idx_evidence_side ON evidence(side_pk);
CREATE INDEX idx_evidence_timeline ON evidence(timeline_pk);
CREATE INDEX idx_evidence_brief ON evidence(brief_pk);

CREATE TABLE errors (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    stage TEXT,
    ord INTEGER NOT NULL
);
CREATE INDEX idx_errors_event ON errors(event_id);
