-- wardcrawl schema, version 12: the search indexes are written in batches.
--
-- A crawl's new articles go into the search indexes a thousand at a time
-- (storage/searchqueue.go), not in each page's own commit: FTS5 writes a
-- segment of its own at every commit and merges the segments after, which
-- made indexing 11-13% of a crawl's CPU. indexed_through is the largest
-- article rowid the indexes hold with every article before it; a process
-- that ends before it writes its batch leaves the articles after it, and
-- the next open for writing indexes them. A database from before this
-- version has every article indexed.
ALTER TABLE search_state ADD COLUMN indexed_through INTEGER NOT NULL DEFAULT 0;
UPDATE search_state SET indexed_through = (SELECT coalesce(max(rowid), 0) FROM articles);
