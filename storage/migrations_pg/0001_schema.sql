-- wardcrawl's schema on PostgreSQL, version 1: the SQLite schema's tables
-- and columns (version 8), so an archive copies across column for column
-- (wardcrawl migrate). Times stay RFC 3339 text in +07:00 (they sort as
-- text, as in SQLite); counters and flags are BIGINT; bytes BYTEA. The
-- search index (FTS5 in SQLite) has no counterpart yet.
CREATE TABLE sites (
    name          TEXT PRIMARY KEY,
    first_seen_at TEXT NOT NULL,
    last_run_at   TEXT
);
CREATE TABLE crawl_runs (
    id               BIGINT PRIMARY KEY,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    status           TEXT NOT NULL DEFAULT 'running',
    sites            TEXT NOT NULL,
    pages_fetched    BIGINT NOT NULL DEFAULT 0,
    articles_new     BIGINT NOT NULL DEFAULT 0,
    articles_changed BIGINT NOT NULL DEFAULT 0,
    articles_seen    BIGINT NOT NULL DEFAULT 0,
    errors           BIGINT NOT NULL DEFAULT 0,
    summary          TEXT
);
CREATE TABLE fetches (
    url           TEXT PRIMARY KEY,
    site          TEXT NOT NULL REFERENCES sites(name),
    run_id        BIGINT REFERENCES crawl_runs(id),
    status        BIGINT NOT NULL,
    fetched_at    TEXT NOT NULL,
    first_fetched_at TEXT NOT NULL,
    fetch_count   BIGINT NOT NULL DEFAULT 1,
    content_type  TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    bytes         BIGINT NOT NULL DEFAULT 0,
    is_article    BIGINT NOT NULL DEFAULT 0,
    content_hash  TEXT,
    error         TEXT NOT NULL DEFAULT ''
, decision TEXT NOT NULL DEFAULT '', text_chars BIGINT NOT NULL DEFAULT 0);
CREATE INDEX fetches_site ON fetches(site);
CREATE TABLE articles (
    content_hash  TEXT PRIMARY KEY,
    site          TEXT NOT NULL REFERENCES sites(name),
    url           TEXT NOT NULL,
    title         TEXT NOT NULL,
    text          TEXT NOT NULL,
    published_at  TEXT,
    author        TEXT,
    lang          TEXT NOT NULL DEFAULT 'vi',
    chars         BIGINT NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
, slots TEXT NOT NULL DEFAULT '', first_run BIGINT);
CREATE INDEX articles_first_seen ON articles(first_seen_at, content_hash);
CREATE TABLE article_urls (
    url           TEXT NOT NULL,
    content_hash  TEXT NOT NULL REFERENCES articles(content_hash),
    site          TEXT NOT NULL REFERENCES sites(name),
    first_seen_at TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', revised_to TEXT,
    PRIMARY KEY (url, content_hash)
);
CREATE INDEX article_urls_hash ON article_urls(content_hash);
CREATE INDEX article_urls_site ON article_urls(site);
CREATE TABLE frontier (
    id        BIGINT PRIMARY KEY,
    site      TEXT NOT NULL,
    url       TEXT NOT NULL,
    path      TEXT NOT NULL DEFAULT '',
    has_query BIGINT NOT NULL DEFAULT 0,
    state     BIGINT NOT NULL DEFAULT 0,
    request   BYTEA NOT NULL,
    UNIQUE (site, url)
);
CREATE INDEX frontier_queue ON frontier(site, state, id);
CREATE INDEX frontier_variants ON frontier(site, path) WHERE has_query <> 0;
CREATE TABLE cookies (
    site    TEXT NOT NULL,
    host    TEXT NOT NULL,
    cookies TEXT NOT NULL,
    PRIMARY KEY (site, host)
);
CREATE INDEX crawl_runs_status ON crawl_runs(status);
CREATE TABLE captures (
    record_id    TEXT PRIMARY KEY,
    url          TEXT NOT NULL,
    site         TEXT NOT NULL,
    content_hash TEXT,
    warc_file    TEXT NOT NULL,
    warc_offset  BIGINT NOT NULL,
    warc_length  BIGINT NOT NULL,
    record_type  TEXT NOT NULL,
    captured_at  TEXT NOT NULL
);
CREATE INDEX captures_hash ON captures(content_hash);
CREATE INDEX captures_url ON captures(url);
CREATE TABLE site_models (
    site          TEXT PRIMARY KEY REFERENCES sites(name),
    started_at    TEXT NOT NULL,
    pages         BIGINT NOT NULL,
    article_pages BIGINT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE TABLE site_blocks (
    site     TEXT NOT NULL REFERENCES sites(name),
    key      BIGINT NOT NULL,
    slot     BIGINT NOT NULL DEFAULT 0,
    pages    BIGINT NOT NULL,
    sample   TEXT NOT NULL,
    last_run BIGINT NOT NULL,
    applied  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (site, key)
);
CREATE TABLE site_paths (
    site     TEXT NOT NULL REFERENCES sites(name),
    path     TEXT NOT NULL,
    articles BIGINT NOT NULL,
    listings BIGINT NOT NULL,
    last_run BIGINT NOT NULL,
    PRIMARY KEY (site, path)
);
CREATE TABLE held_pages (
    site        TEXT NOT NULL REFERENCES sites(name),
    request_url TEXT NOT NULL,
    page        TEXT NOT NULL,
    draft       BYTEA NOT NULL,
    seen        BIGINT NOT NULL DEFAULT 0,
    held_at     TEXT NOT NULL,
    PRIMARY KEY (site, request_url)
);
CREATE TABLE schedule (
    site       TEXT NOT NULL,
    url        TEXT NOT NULL,
    kind       TEXT NOT NULL,
    depth      BIGINT NOT NULL,
    interval_s BIGINT NOT NULL,
    last_visit TEXT NOT NULL,
    next_due   TEXT NOT NULL,
    visits     BIGINT NOT NULL DEFAULT 1,
    yielded    BIGINT NOT NULL DEFAULT 0,
    status     BIGINT NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (site, url)
);
CREATE INDEX schedule_due ON schedule(site, next_due);
CREATE INDEX articles_date ON articles(coalesce(published_at, first_seen_at));
CREATE INDEX articles_first_run ON articles(first_run) WHERE first_run IS NOT NULL;
CREATE TABLE alert_deliveries (
    alert      TEXT NOT NULL,
    run_id     BIGINT NOT NULL,
    articles   BIGINT NOT NULL,
    attempts   BIGINT NOT NULL,
    status     BIGINT NOT NULL DEFAULT 0,
    error      TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    PRIMARY KEY (alert, run_id)
);
