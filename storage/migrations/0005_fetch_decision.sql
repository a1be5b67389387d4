-- wardcrawl schema, version 5: every fetch keeps the parser's decision.
--
-- decision is the article decision as JSON (verdict, reason, body method,
-- score and every signal with its weight), so that `wardcrawl why URL`
-- can say why a page was or was not stored. text_chars is the length of
-- the main text the parser found, stored or not.
ALTER TABLE fetches ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE fetches ADD COLUMN text_chars INTEGER NOT NULL DEFAULT 0;
