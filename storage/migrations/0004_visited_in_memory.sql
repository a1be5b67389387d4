-- wardcrawl schema, version 4: colly's visited set leaves the database.
--
-- It only ever held the request hashes of the current run (every run began
-- by emptying it): the frontier is the durable record of what a round has
-- seen. A row written per fetched page bought nothing, so the crawler keeps
-- the set in memory for the run.
DROP TABLE visited;
