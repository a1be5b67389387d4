-- wardcrawl schema, version 3: where each fetched page's bytes are archived.
--
-- `wardcrawl archive` writes every exchange into WARC files, and
-- `wardcrawl reextract` reads them back; either way each stored page is tied
-- to the WARC record (a response, or a revisit of an identical payload)
-- that holds its source, so an article can always be traced to its bytes.
CREATE TABLE captures (
    record_id    TEXT PRIMARY KEY,        -- WARC-Record-ID, <urn:uuid:...>
    url          TEXT NOT NULL,           -- the page's URL, as stored in fetches
    site         TEXT NOT NULL,
    content_hash TEXT,                    -- the article the page held, if any
    warc_file    TEXT NOT NULL,           -- file name, in the archive directory
    warc_offset  INTEGER NOT NULL,        -- where the record's gzip member starts
    warc_length  INTEGER NOT NULL,        -- its compressed length
    record_type  TEXT NOT NULL,           -- response or revisit
    captured_at  TEXT NOT NULL
);
CREATE INDEX captures_hash ON captures(content_hash);
CREATE INDEX captures_url ON captures(url);
