-- wardcrawl schema, version 8: full-text search, articles by discovery,
-- alert deliveries.
--
-- article_search indexes each article's title and text folded by the
-- store (storage.Fold: no tones, no marks, đ as d, lower case), keyed by
-- the article's rowid; it keeps no copy of the text (content=''), the
-- articles table has it. The store adds a row with each new article; a
-- database from before this version is indexed when it is next opened for
-- writing (search_state.backfilled).
CREATE VIRTUAL TABLE article_search USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 2');
-- Relevance: bm25 with the title weighing ten times the text, as FTS5's
-- own rank, so ORDER BY rank LIMIT N is done inside the index.
INSERT INTO article_search(article_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
-- Articles by date (published, else first seen), newest first: the
-- search's date order walks this index.
CREATE INDEX articles_date ON articles(coalesce(published_at, first_seen_at));
CREATE TABLE search_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    backfilled INTEGER NOT NULL
);
INSERT INTO search_state(id, backfilled) VALUES (1, 0);
-- The run that first stored each article (NULL: stored before this
-- version, or not by a crawl).
ALTER TABLE articles ADD COLUMN first_run INTEGER;
CREATE INDEX articles_first_run ON articles(first_run) WHERE first_run IS NOT NULL;
-- Alerts sent after a run: one row per alert per run that had matches.
CREATE TABLE alert_deliveries (
    alert      TEXT NOT NULL,
    run_id     INTEGER NOT NULL,
    articles   INTEGER NOT NULL,
    attempts   INTEGER NOT NULL,
    status     INTEGER NOT NULL DEFAULT 0, -- the webhook's last HTTP status (0: no answer)
    error      TEXT NOT NULL DEFAULT '',   -- '' when delivered
    at         TEXT NOT NULL,
    PRIMARY KEY (alert, run_id)
);
