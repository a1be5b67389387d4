-- wardcrawl schema, version 6: each site's learned template (the site model).
--
-- site_models holds a site's counters: the distinct pages and articles the
-- crawler observed since started_at (a page fetched since then was
-- observed). site_blocks holds the paragraphs (folded text), link slots
-- (by element path) and titles, and on how many distinct article pages
-- each was seen; site_paths the element paths where pages keep their
-- longest prose. The crawler bounds both per site.
CREATE TABLE site_models (
    site          TEXT PRIMARY KEY REFERENCES sites(name),
    started_at    TEXT NOT NULL,
    pages         INTEGER NOT NULL,
    article_pages INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE TABLE site_blocks (
    site     TEXT NOT NULL REFERENCES sites(name),
    key      INTEGER NOT NULL,               -- the fingerprint (a 64-bit hash)
    slot     INTEGER NOT NULL DEFAULT 0,     -- 1: a link slot (the sample is its path); 2: a title's key
    pages    INTEGER NOT NULL,
    sample   TEXT NOT NULL,                  -- '' for a block seen once
    last_run INTEGER NOT NULL,
    applied  INTEGER NOT NULL DEFAULT 0,     -- stored articles were cleaned of it
    PRIMARY KEY (site, key)
) WITHOUT ROWID;
CREATE TABLE site_paths (
    site     TEXT NOT NULL REFERENCES sites(name),
    path     TEXT NOT NULL,
    articles INTEGER NOT NULL,
    listings INTEGER NOT NULL,
    last_run INTEGER NOT NULL,
    PRIMARY KEY (site, path)
) WITHOUT ROWID;
-- A URL's article can change without a fetch: the site model, grown,
-- cleans its stored text. The new version's row says why (reason; empty
-- for versions fetched from the site); the old one's names the version
-- that replaced it (revised_to), so exports leave it out. Fetching the old
-- text again from the site clears revised_to.
ALTER TABLE article_urls ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE article_urls ADD COLUMN revised_to TEXT;
-- The link slots of an article text's paragraphs that are link text only
-- ("index:key,…"; see parsers.Article.Slots): a site model learnt later
-- cleans stored texts of a box of links by them.
ALTER TABLE articles ADD COLUMN slots TEXT NOT NULL DEFAULT '';
-- Pages held back while a site's model learns the site: fetched (their
-- fetch is recorded, their URL done in the round) and extracted up to the
-- site stage (the draft), not yet finished with the model. A killed run's
-- held pages are finished by the next run, not fetched again. The crawler
-- bounds them per site (count and bytes).
CREATE TABLE held_pages (
    site        TEXT NOT NULL REFERENCES sites(name),
    request_url TEXT NOT NULL,
    page        TEXT NOT NULL,                  -- the fetch and capture, as JSON
    draft       BLOB NOT NULL,                  -- the extraction so far (gzipped JSON)
    seen        INTEGER NOT NULL DEFAULT 0,     -- the model had observed the page before
    held_at     TEXT NOT NULL,
    PRIMARY KEY (site, request_url)
);
