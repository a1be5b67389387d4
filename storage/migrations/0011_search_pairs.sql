-- wardcrawl schema, version 11: each text's word pairs, for phrase searches.
--
-- article_pairs indexes each article's adjacent words, folded as in
-- article_search, two by two ("thu hoi dat" as thu_hoi hoi_dat; the
-- title's and the text's apart), keyed by the article's rowid, no copy
-- kept and no positions (detail=none). The texts holding a phrase are
-- among those holding all its pairs, and a pair is far rarer than either
-- of its words: "phuong" is in 88% of a million texts, a pair of it with
-- another word in a few thousand. FTS5 finds a phrase by reading the
-- position of its every word in every text: 129 ms at p95 in SQLite's own
-- shell for three-word phrases at a million articles, against 1 ms for
-- their pairs (the candidates are then checked word by word). The ascii
-- tokenizer splits at the spaces between pairs and keeps every letter
-- of a pair, folded before it is stored. The index is filled the next
-- time the archive is opened for writing (search_state.backfilled).
CREATE VIRTUAL TABLE article_pairs USING fts5(pairs, content='', detail=none, tokenize="ascii tokenchars '_'");
UPDATE search_state SET backfilled = 0;
