-- Migration m006: framing (loaded words per outlet, in its own voice or quoted) and how each
-- outlet carries each side of a dispute (asserts it in its own voice, or only reports it).

-- One row per use of a loaded word in an article; "text" is the word as the article writes it.
CREATE TABLE framing (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    word TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    authorial INTEGER NOT NULL,
    ord INTEGER NOT NULL
);
CREATE INDEX idx_framing_event ON framing(event_id, ord);
CREATE INDEX idx_framing_article ON framing(article_id, start);

-- Each outlet carrying a dispute side: "asserts" or "reports", in the side's evidence order.
CREATE TABLE side_stances (
    pk INTEGER PRIMARY KEY,
    side_pk INTEGER NOT NULL REFERENCES sides(pk) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    stance TEXT NOT NULL,
    ord INTEGER NOT NULL
);
CREATE INDEX idx_side_stances_side ON side_stances(side_pk);
