-- wardcrawl schema, version 1. Times are RFC 3339 text in +07:00, so they
-- sort as text.

CREATE TABLE sites (
    name          TEXT PRIMARY KEY,
    first_seen_at TEXT NOT NULL,
    last_run_at   TEXT
);

CREATE TABLE crawl_runs (
    id               INTEGER PRIMARY KEY,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    status           TEXT NOT NULL DEFAULT 'running', -- running, ok, partial, failed, interrupted
    sites            TEXT NOT NULL,                   -- JSON array of site names
    pages_fetched    INTEGER NOT NULL DEFAULT 0,
    articles_new     INTEGER NOT NULL DEFAULT 0,
    articles_changed INTEGER NOT NULL DEFAULT 0,
    articles_seen    INTEGER NOT NULL DEFAULT 0,
    errors           INTEGER NOT NULL DEFAULT 0,
    summary          TEXT                             -- JSON, per-site figures
);

-- The latest fetch of every URL (one row per URL, updated in place).
CREATE TABLE fetches (
    url           TEXT PRIMARY KEY,
    site          TEXT NOT NULL REFERENCES sites(name),
    run_id        INTEGER REFERENCES crawl_runs(id),
    status        INTEGER NOT NULL,                   -- HTTP status; 0 when no response
    fetched_at    TEXT NOT NULL,
    first_fetched_at TEXT NOT NULL,
    fetch_count   INTEGER NOT NULL DEFAULT 1,
    content_type  TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    bytes         INTEGER NOT NULL DEFAULT 0,
    is_article    INTEGER NOT NULL DEFAULT 0,
    content_hash  TEXT,                               -- set when is_article
    error         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fetches_site ON fetches(site);

-- One row per distinct article text.
CREATE TABLE articles (
    content_hash  TEXT PRIMARY KEY,                   -- hex SHA-256 of the normalized text
    site          TEXT NOT NULL REFERENCES sites(name), -- site where first seen
    url           TEXT NOT NULL,                      -- URL where first seen
    title         TEXT NOT NULL,
    text          TEXT NOT NULL,
    published_at  TEXT,
    author        TEXT,
    lang          TEXT NOT NULL DEFAULT 'vi',
    chars         INTEGER NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
);
CREATE INDEX articles_first_seen ON articles(first_seen_at, content_hash);

-- Every URL where each article text was seen. A URL whose text changes gets
-- a second row with the new hash; the old row stays as its history.
CREATE TABLE article_urls (
    url           TEXT NOT NULL,
    content_hash  TEXT NOT NULL REFERENCES articles(content_hash),
    site          TEXT NOT NULL REFERENCES sites(name),
    first_seen_at TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    PRIMARY KEY (url, content_hash)
);
CREATE INDEX article_urls_hash ON article_urls(content_hash);
CREATE INDEX article_urls_site ON article_urls(site);
