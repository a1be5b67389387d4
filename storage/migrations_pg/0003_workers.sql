-- wardcrawl's schema on PostgreSQL, version 3: workers sharing one
-- archive (SQLite's version 9 adds crawl_runs.worker alike).
--
-- Times here are the database server's clock (now()), so workers on
-- machines whose clocks differ still agree on when a lease expires.
ALTER TABLE crawl_runs ADD COLUMN worker TEXT COLLATE "C" NOT NULL DEFAULT '';
-- When the run began by the database's clock: a site another worker
-- finished since then is not crawled again by the run.
ALTER TABLE crawl_runs ADD COLUMN began TIMESTAMPTZ NOT NULL DEFAULT now();
-- A live worker renews its row and its leases (heartbeat) before they
-- expire; a worker whose row has expired is dead.
CREATE TABLE workers (
    id         TEXT COLLATE "C" PRIMARY KEY, -- host:pid:start
    host       TEXT NOT NULL,
    pid        BIGINT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    heartbeat  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    run_id     BIGINT,
    stopped_at TIMESTAMPTZ
);
-- A site is crawled by one worker at a time; done_at is when a worker
-- last finished it (a run that began before then leaves it alone).
CREATE TABLE site_leases (
    site       TEXT COLLATE "C" PRIMARY KEY,
    worker     TEXT COLLATE "C" NOT NULL DEFAULT '',
    expires_at TIMESTAMPTZ,
    done_at    TIMESTAMPTZ,
    done_by    TEXT COLLATE "C" NOT NULL DEFAULT ''
);
-- A host is leased to one worker at a time, for as many of its sites as
-- that worker crawls (holders), so the host's delay holds across
-- workers: free_at is the earliest its next holder may send a request.
CREATE TABLE host_leases (
    host       TEXT COLLATE "C" PRIMARY KEY,
    worker     TEXT COLLATE "C" NOT NULL DEFAULT '',
    holders    BIGINT NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ,
    free_at    TIMESTAMPTZ
);
