-- wardcrawl schema, version 10: the titles' words apart, for broad
-- searches.
--
-- article_titles indexes each article's title alone, folded as in
-- article_search, keyed by the article's rowid, no copy kept. A query that
-- matches a large share of the archive (one common word) is ranked first
-- among the texts with its words in their titles. Found through
-- article_search's title column, those cost a read of the word's every
-- position in every text and a length lookup per title: 96 ms for a word
-- in 28,000 of a million titles, against 48 ms through this index. As on
-- PostgreSQL (its schema version 4), the index is filled the next time
-- the archive is opened for writing (search_state.backfilled).
CREATE VIRTUAL TABLE article_titles USING fts5(title, content='', tokenize='unicode61 remove_diacritics 2');
UPDATE search_state SET backfilled = 0;
