-- wardcrawl schema, version 2: the crawl frontier lives in the database.
--
-- A site's "round" is one pass over it: start URLs, everything discovered
-- from them, sitemaps and feeds. Its rows stay here while the round is in
-- progress, so a killed or interrupted run resumes it: rows in flight go
-- back to the queue, rows done are never fetched again. A round that drains
-- in a run that was not interrupted is deleted, and the next run starts a
-- new one.
CREATE TABLE frontier (
    id        INTEGER PRIMARY KEY,        -- queue order
    site      TEXT NOT NULL,
    url       TEXT NOT NULL,
    path      TEXT NOT NULL DEFAULT '',   -- scheme://host/path: query variants of one path are capped
    has_query INTEGER NOT NULL DEFAULT 0,
    state     INTEGER NOT NULL DEFAULT 0, -- 0 queued, 1 in flight, 2 done
    request   BLOB NOT NULL,              -- the crawler's serialized request
    UNIQUE (site, url)
);
CREATE INDEX frontier_queue ON frontier(site, state, id);
CREATE INDEX frontier_variants ON frontier(site, path) WHERE has_query;

-- colly's visited set (request hashes) for the site's current run.
CREATE TABLE visited (
    site TEXT NOT NULL,
    id   INTEGER NOT NULL,
    PRIMARY KEY (site, id)
) WITHOUT ROWID;

-- Cookies a site set during its current round.
CREATE TABLE cookies (
    site    TEXT NOT NULL,
    host    TEXT NOT NULL,
    cookies TEXT NOT NULL,
    PRIMARY KEY (site, host)
) WITHOUT ROWID;

CREATE INDEX crawl_runs_status ON crawl_runs(status);
