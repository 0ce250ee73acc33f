-- Migration m005: schema additions for where claims come from, how outlets print quotations, and when things
-- happened: independent sources of claim groups, quote discrepancies, sourcing profiles,
-- date conflicts, and the new per-article fields (relay cue spans, dated happenings).

ALTER TABLE relays ADD COLUMN cue_start INTEGER;
ALTER TABLE relays ADD COLUMN cue_end INTEGER;

ALTER TABLE times ADD COLUMN happening_start INTEGER;
ALTER TABLE times ADD COLUMN happening_end INTEGER;
ALTER TABLE times ADD COLUMN anchor_from TEXT;
ALTER TABLE times ADD COLUMN anchor_date TEXT;

ALTER TABLE claim_groups ADD COLUMN sourcing_note TEXT NOT NULL DEFAULT '';
ALTER TABLE coverage ADD COLUMN origin TEXT;

ALTER TABLE timeline ADD COLUMN outlets TEXT NOT NULL DEFAULT '[]';
ALTER TABLE timeline ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- The origins a claim group's outlets trace to: outlets relaying one original count once.
CREATE TABLE group_sources (
    pk INTEGER PRIMARY KEY,
    group_pk INTEGER NOT NULL REFERENCES claim_groups(pk) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    relation TEXT NOT NULL,
    outlets TEXT NOT NULL DEFAULT '[]',
    ord INTEGER NOT NULL
);
CREATE INDEX idx_group_sources_group ON group_sources(group_pk);

-- The same quotation as two outlets print it, and how the versions differ.
CREATE TABLE quote_discrepancies (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '[]',
    similarity REAL NOT NULL,
    detail TEXT NOT NULL,
    ord INTEGER NOT NULL,
    UNIQUE (event_id, id)
);

CREATE TABLE quote_versions (
    pk INTEGER PRIMARY KEY,
    discrepancy_pk INTEGER NOT NULL REFERENCES quote_discrepancies(pk) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    quoted INTEGER NOT NULL,
    attribution_id TEXT NOT NULL,
    ord INTEGER NOT NULL
);
CREATE INDEX idx_quote_versions_article ON quote_versions(article_id, start);

-- How each article and each outlet sources its statements (named, anonymous, official...).
CREATE TABLE sourcing_profiles (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    outlet TEXT NOT NULL,
    total INTEGER NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}',
    ord INTEGER NOT NULL
);
CREATE INDEX idx_sourcing_profiles_event ON sourcing_profiles(event_id, scope);

CREATE TABLE sourcing_attributions (
    profile_pk INTEGER NOT NULL REFERENCES sourcing_profiles(pk) ON DELETE CASCADE,
    category TEXT NOT NULL,
    attribution_id TEXT NOT NULL,
    ord INTEGER NOT NULL
);
CREATE INDEX idx_sourcing_attributions_profile ON sourcing_attributions(profile_pk);

-- Happenings the outlets date differently.
CREATE TABLE date_conflicts (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    ord INTEGER NOT NULL,
    UNIQUE (event_id, id)
);

CREATE TABLE date_conflict_versions (
    pk INTEGER PRIMARY KEY,
    conflict_pk INTEGER NOT NULL REFERENCES date_conflicts(pk) ON DELETE CASCADE,
    date TEXT NOT NULL,
    outlets TEXT NOT NULL DEFAULT '[]',
    ord INTEGER NOT NULL
);

-- Spans of article text behind a finding of the tables below (relay cues, quote versions,
-- differently dated happenings): exactly one owner column is set.
CREATE TABLE finding_evidence (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    source_pk INTEGER REFERENCES group_sources(pk) ON DELETE CASCADE,
    conflict_version_pk INTEGER REFERENCES date_conflict_versions(pk) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    CHECK ((source_pk IS NOT NULL) + (conflict_version_pk IS NOT NULL) = 1)
);
CREATE INDEX idx_finding_evidence_article ON finding_evidence(article_id, start);
CREATE INDEX idx_finding_evidence_source ON finding_evidence(source_pk);
CREATE INDEX idx_finding_evidence_conflict ON finding_evidence(conflict_version_pk);
