-- wardcrawl schema, version 7: every URL's own revisit schedule.
--
-- A row per URL a site's crawls have fetched, kept across rounds (the
-- frontier holds one round; this holds what the rounds learnt). After a
-- visit the crawler sets the URL's interval (it halves when the visit
-- yielded something new: links to pages never seen, a changed article;
-- it doubles when not) and its next due time; a run fetches a URL that
-- is not a start URL only when it is due. Rows appear as URLs are
-- fetched: a database from before this version starts with none, and a
-- URL without one is fetched as before (stored articles after
-- recheck_after, other pages every run).
CREATE TABLE schedule (
    site       TEXT NOT NULL,
    url        TEXT NOT NULL,
    kind       TEXT NOT NULL,              -- page, article, hub (linked from a start page), error
    depth      INTEGER NOT NULL,           -- the request's depth, for max_depth when it is queued as due
    interval_s INTEGER NOT NULL,           -- seconds between visits
    last_visit TEXT NOT NULL,
    next_due   TEXT NOT NULL,              -- RFC 3339, +07:00: compares as text
    visits     INTEGER NOT NULL DEFAULT 1,
    yielded    INTEGER NOT NULL DEFAULT 0, -- new links (a page) or 1 for a changed text (an article), at the last visit
    status     INTEGER NOT NULL DEFAULT 0, -- the last visit's HTTP status (0: no answer)
    reason     TEXT NOT NULL DEFAULT '',   -- why the interval is what it is
    PRIMARY KEY (site, url)
) WITHOUT ROWID;
CREATE INDEX schedule_due ON schedule(site, next_due);
