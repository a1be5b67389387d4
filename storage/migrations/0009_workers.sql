-- wardcrawl schema, version 9: which worker ran each crawl run, and the
-- query-variant index in the form both backends use.
--
-- worker names the process (host:pid) that ran the run; with PostgreSQL
-- several workers crawl one archive at once (wardcrawl workers).
ALTER TABLE crawl_runs ADD COLUMN worker TEXT NOT NULL DEFAULT '';
DROP INDEX frontier_variants;
CREATE INDEX frontier_variants ON frontier(site, path) WHERE has_query <> 0;
