package storage

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
)

// ftsRow is an article waiting for the search index.
type ftsRow struct {
	id          int64
	title, text string
}

// indexArticle adds a new article to the search index: on SQLite with
// the articles of other transactions, in batches (searchqueue.go); on
// PostgreSQL at the end of its transaction, with the transaction's other
// new articles. Either way many go in one statement: FTS5 writes its
// pending rows to disk at every statement's savepoint, and indexed one by
// one, each article cost a segment of its own and the merges after (15%
// of a crawl's CPU).
func indexArticle(ctx context.Context, tx conn, rowid int64, title, text string) error {
	if tx.search != nil {
		tx.search.rows = append(tx.search.rows, ftsRow{rowid, title, text})
		return nil
	}
	return flushSearch(ctx, tx, []ftsRow{{rowid, title, text}})
}

// flushSearch writes articles into the search index, 300 to a statement;
// on SQLite, their titles also into the titles' own index
// (article_titles; PostgreSQL keeps a title's words beside the text's in
// article_search) and their word pairs into the pairs' index
// (article_pairs; PostgreSQL matches phrases through its own index).
func flushSearch(ctx context.Context, tx conn, rows []ftsRow) error {
	return flushIndexes(ctx, tx, rows, textIndex|titleIndex|pairIndex)
}

// The search indexes an article goes into (flushIndexes).
const (
	textIndex  = 1 << iota // article_search: title and text
	titleIndex             // article_titles (SQLite)
	pairIndex              // article_pairs (SQLite)
)

// searchIndex is one of the search indexes: the bit that names it to
// flushIndexes, its table, and the columns an article's row fills.
type searchIndex struct {
	bit            int
	table, columns string
}

// allSearchIndexes are SQLite's search indexes (FTS5 tables), the texts'
// first; PostgreSQL has the first alone (Store.searchIndexes).
var allSearchIndexes = []searchIndex{
	{textIndex, "article_search", "rowid, title, body"},
	{titleIndex, "article_titles", "rowid, title"},
	{pairIndex, "article_pairs", "rowid, pairs"},
}

// searchIndexes are the search indexes of the store's backend.
func (s *Store) searchIndexes() []searchIndex {
	if s.dialect.pg {
		return allSearchIndexes[:1]
	}
	return allSearchIndexes
}

// flushIndexes writes articles into the search indexes named (the titles'
// and the pairs' are SQLite's only).
func flushIndexes(ctx context.Context, tx conn, rows []ftsRow, indexes int) error {
	pg := tx.s.dialect.pg
	all := tx.s.searchIndexes()
	for len(rows) > 0 {
		n := min(len(rows), 300)
		args := make([][]any, len(all))
		for _, r := range rows[:n] {
			if pg {
				// Words only, as FTS5's tokenizer reads them: PostgreSQL's
				// parser would keep 12/qd-ubnd as a path and a compound.
				title := strings.Join(textsearch.Words(r.title), " ")
				args[0] = append(args[0], r.id, title, strings.Join(textsearch.Words(r.text), " "), title)
				continue
			}
			title, text := textsearch.Fold(r.title), textsearch.Fold(r.text)
			for i, ix := range all {
				if indexes&ix.bit == 0 {
					continue
				}
				switch ix.bit {
				case textIndex:
					args[i] = append(args[i], r.id, title, text)
				case titleIndex:
					args[i] = append(args[i], r.id, title)
				case pairIndex:
					args[i] = append(args[i], r.id, wordPairs(title, text))
				}
			}
		}
		for i, ix := range all {
			if indexes&ix.bit == 0 {
				continue
			}
			into, row := ix.table+`(`+ix.columns+`)`, `(?`+strings.Repeat(`, ?`, len(args[i])/n-1)+`)`
			if pg {
				into, row = `article_search(rowid, doc, title)`, `(?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'), to_tsvector('simple', ?))`
			}
			if _, err := tx.execOnce(ctx, `INSERT INTO `+into+` VALUES `+row+strings.Repeat(`, `+row, n-1), args[i]...); err != nil { // its length varies
				return err
			}
		}
		rows = rows[n:]
	}
	return nil
}

// articlesAfter reads the next 500 articles after rowid after, in rowid
// order, for the search indexes.
func articlesAfter(ctx context.Context, tx conn, after int64) ([]ftsRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, title, text FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 500`, after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var batch []ftsRow
	for rows.Next() {
		var r ftsRow
		if err := rows.Scan(&r.id, &r.title, &r.text); err != nil {
			return nil, err
		}
		batch = append(batch, r)
	}
	return batch, rows.Err()
}

// backfillCheckpoint: backfillSearch checkpoints the WAL every so many
// batches (a variable for tests).
var backfillCheckpoint = 20

// indexesFilled reports whether the search indexes hold every article:
// false while they are being filled in a database from before one of
// them (backfillSearch).
func indexesFilled(ctx context.Context, r conn) (bool, error) {
	var filled bool
	err := r.QueryRowContext(ctx, `SELECT backfilled FROM search_state WHERE id = 1`).Scan(&filled)
	return filled, err
}

// backfillSearch indexes the articles a database held before it had a
// search index, once, a batch per transaction.
func (s *Store) backfillSearch(ctx context.Context) error {
	if done, err := indexesFilled(ctx, s.q()); err != nil || done {
		return err
	}
	log := s.log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var total int
	if err := s.q().QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&total); err != nil {
		return fmt.Errorf("index articles for search: %w", err)
	}
	start, seen := time.Now(), 0
	if total > 0 {
		log.Info("search: filling the search indexes for the articles stored before this version (once)", "articles", total)
	}
	var after int64
	for batches := 1; ; batches++ {
		if batches%backfillCheckpoint == 0 && !s.dialect.pg {
			// Nothing else writes yet: the WAL is copied into the database
			// and begins again at the next batch (filling a million
			// articles' pairs left 3.7 GB of WAL without it).
			if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
				return fmt.Errorf("index articles for search: %w", err)
			}
		}
		n := 0
		err := s.tx(ctx, func(tx conn) error {
			batch, err := articlesAfter(ctx, tx, after)
			if err != nil {
				return err
			}
			// An article indexed since this version is not indexed twice;
			// a database from before the titles' index (schema 10) or the
			// pairs' (schema 11) has every text indexed and none of those.
			indexed := func(table string, id int64) (bool, error) {
				var have int
				err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE rowid = ?`, id).Scan(&have)
				return have > 0, err
			}
			indexes := tx.s.searchIndexes()
			missing := make([][]ftsRow, len(indexes))
			for _, r := range batch {
				for i, ix := range indexes {
					if ok, err := indexed(ix.table, r.id); err != nil {
						return err
					} else if !ok {
						missing[i] = append(missing[i], r)
					}
				}
				after, n = r.id, n+1
			}
			for i, ix := range indexes {
				if err := flushIndexes(ctx, tx, missing[i], ix.bit); err != nil {
					return err
				}
			}
			if n == 0 {
				q := `UPDATE search_state SET backfilled = 1, indexed_through = (SELECT coalesce(max(rowid), 0) FROM articles) WHERE id = 1`
				if tx.s.dialect.pg {
					q = `UPDATE search_state SET backfilled = 1 WHERE id = 1`
				}
				_, err := tx.ExecContext(ctx, q)
				return err
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("index articles for search: %w", err)
		}
		if n == 0 {
			if total > 0 {
				log.Info("search: indexes filled", "articles", seen, "took", time.Since(start).Round(time.Second))
			}
			return nil
		}
		if seen/backfillReport < (seen+n)/backfillReport {
			log.Info("search: filling the search indexes", "articles", seen+n, "of", total)
		}
		seen += n
	}
}

// backfillReport: backfillSearch reports its progress every so many
// articles (a variable for tests).
var backfillReport = 50000

// SearchQuery is a search with its filters and page.
type SearchQuery struct {
	Query        textsearch.Query
	Sites        []string   // seen on any of these sites; none: all
	Since, Until *time.Time // the article's date (published, else first seen): Since inclusive, Until exclusive
	Sort         string     // "relevance" (default), "date" (newest first), "first_seen" (newest first)
	FirstRun     int64      // only articles first stored by this run (alerts)
	Limit        int
	Offset       int
}

// SearchHit is an article a search found.
type SearchHit struct {
	ContentHash string     `json:"content_hash"`
	Site        string     `json:"site"`
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	PublishedAt *time.Time `json:"published_at"`
	FirstSeenAt time.Time  `json:"first_seen_at"`
	Author      string     `json:"author,omitempty"`
	Text        string     `json:"-"`
}

// searchTimeout bounds one search.
const searchTimeout = 5 * time.Second

// A search costs what its page costs, not what all its hits do. It
// counts the index's matches up to broadMatches; a query that matches
// more is broad (one common word in a million articles):
//   - a query with at most maxCounted matches is narrow: one statement
//     ranks (or orders) them all, filters and counts (searchNarrow); a
//     query holding a phrase is tried so before anything is counted;
//   - the total is exact up to maxCounted hits (filters applied); past
//     that it is the index's count of matching texts (unfiltered, up to
//     broadMatches), else capped, and said so;
//   - a query of words alone is ranked by the store, which reads the
//     index's entries of its words itself (searchWords); unless its
//     words are common, the rest of this list does not apply to it;
//   - relevance ranks the index's best candidates (bm25, the best kept by
//     SQLite's sorter), then applies the filters; when the filters leave
//     too few, every match is ranked; a broad query ranks first the texts
//     with its words in their titles, through the titles' own index
//     (searchTitlesFirst);
//   - date order of a narrow query sorts all its matches; of a broad one,
//     the newest stored matches (the index's end), a window four times
//     the pages asked for plus 500, sorted by date: exact for the order
//     of discovery (feeds), near for the publish date.
//
// maxCounted and broadMatches are variables for tests.
var (
	maxCounted   = 1000
	broadMatches = 20000
)

// SearchResult is a page of hits and how many there are.
type SearchResult struct {
	Total int
	// Capped: Total is a lower bound (the search matches more).
	Capped bool
	Hits   []SearchHit
}

// Search runs a query: the hits of the page asked for and how many there
// are in all (see SearchPage). Relevance is FTS5's bm25 with the title
// weighing ten times the text. An expression FTS5 cannot run is an
// ErrBadQuery; a search that takes longer than a few seconds is stopped.
func (s *Store) Search(ctx context.Context, q SearchQuery) (total int, hits []SearchHit, err error) {
	r, err := s.SearchPage(ctx, q)
	return r.Total, r.Hits, err
}

// SearchPage is Search with whether the total is exact.
func (s *Store) SearchPage(ctx context.Context, q SearchQuery) (SearchResult, error) {
	var res SearchResult
	if err := s.IndexQueued(ctx); err != nil { // what this store stored is found
		return res, err
	}
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	if q.Limit <= 0 {
		q.Limit = 20
	}
	where, args := Filter{Sites: q.Sites, Since: q.Since, Until: q.Until, FirstRun: q.FirstRun}.conditions()
	filtered := len(where) > 1 // more than the current-versions condition
	cond := strings.Join(where, " AND ")
	r := s.r()
	if s.dialect.pg {
		return searchPG(ctx, r, q, cond, args, filtered)
	}
	if q.Query.Phrase {
		// A phrase matches few texts: the narrow statement first, its read
		// of the index bounded; past maxCounted matches, on as any query.
		// A query of one phrase is found through the pairs' index and
		// ranked by the store.
		var ok bool
		var err error
		if phrase, one := q.Query.OnePhrase(); one {
			ok, err = searchOnePhrase(ctx, r, q, phrase, cond, args, &res)
		} else {
			ok, err = searchNarrow(ctx, r, q, cond, args, maxCounted+1, &res)
		}
		if ok || err != nil {
			return res, err
		}
		res = SearchResult{}
	}
	if words, ok := q.Query.PlainWords(); ok && len(words) > 1 && q.Sort != "date" && q.Sort != "first_seen" {
		// Words alone, by relevance: ranked by the store, unless common
		// enough to go the general way (wordrank.go).
		if ok, err := s.searchWords(ctx, q, words, cond, args, filtered, &res); ok || err != nil {
			return res, err
		}
		res = SearchResult{}
	}
	var matches int
	if err := r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM article_search WHERE article_search MATCH ? LIMIT ?)`,
		q.Query.Match, broadMatches+1).Scan(&matches); err != nil {
		return res, searchError(ctx, err)
	}
	broad := matches > broadMatches
	if matches == 0 {
		return res, nil
	}
	if matches <= maxCounted {
		// Narrow: the page and the filtered total in one statement.
		if ok, err := searchNarrow(ctx, r, q, cond, args, -1, &res); ok || err != nil {
			return res, err
		}
	}
	if broad && !filtered {
		// More than broadMatches and nothing filters them: the filtered
		// count would be lower only if all but a twentieth of the matches
		// were versions revised away. Not counted (up to 40 ms at p95 for
		// a common word in a million articles).
		res.Total, res.Capped = broadMatches, true
	} else if err := r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM (SELECT rowid FROM article_search WHERE article_search MATCH ?) s
		JOIN articles a ON a.rowid = s.rowid WHERE `+cond+` LIMIT ?)`, append(append([]any{q.Query.Match}, args...), maxCounted+1)...).Scan(&res.Total); err != nil {
		return res, searchError(ctx, err)
	}
	if res.Total > maxCounted {
		res.Total, res.Capped = maxCounted, true
		if !filtered {
			res.Total = min(matches, broadMatches)
			res.Capped = broad
		}
	}
	page := []any{q.Limit, q.Offset}
	if q.Sort == "date" || q.Sort == "first_seen" {
		order := `coalesce(a.published_at, a.first_seen_at) DESC, a.content_hash`
		if q.Sort == "first_seen" {
			order = `a.first_seen_at DESC, a.content_hash`
		}
		query := `SELECT ` + hitColumns + ` FROM articles a WHERE a.rowid IN (SELECT rowid FROM article_search WHERE article_search MATCH ?) AND ` + cond +
			` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
		qargs := append(append([]any{q.Query.Match}, args...), page...)
		if broad {
			// The index keeps each word's texts in the order they were
			// stored: the newest matches are read from its end, then
			// ordered by date.
			query = `SELECT ` + hitColumns + ` FROM (SELECT rowid FROM article_search WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT ?) s
				JOIN articles a ON a.rowid = s.rowid WHERE ` + cond + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
			qargs = append(append([]any{q.Query.Match, 4*(q.Offset+q.Limit) + 500}, args...), page...)
		}
		rows, err := r.QueryContext(ctx, query, qargs...)
		if err != nil {
			return res, searchError(ctx, err)
		}
		res.Hits, err = scanHits(rows)
		return res, searchError(ctx, err)
	}
	if broad {
		if ok, err := searchTitlesFirst(ctx, r, q, cond, args, &res); ok || err != nil {
			return res, err
		}
		matches = -1 // more than counted
	}
	var err error
	res.Hits, err = rankPage(ctx, r, q.Query.Match, "", nil, cond, args, q.Offset, q.Limit, matches)
	return res, err
}

// rankPage is a page of the texts match finds (and the condition more
// holds of, with its arguments moreArgs: on the index's rows, before they
// are ranked), filtered by cond, ranked by bm25 of title and text (equal
// ranks newest first): the best candidates are ranked, four times the
// rows the page needs plus 50; every match when the filters leave too few
// of those. matches is how many texts match, -1 if more than were
// counted.
func rankPage(ctx context.Context, r conn, match, more string, moreArgs []any, cond string, args []any, offset, limit, matches int) ([]SearchHit, error) {
	for _, candidates := range []int{4*(offset+limit) + 50, -1} {
		// The best candidates are picked by SQLite's sorter (a heap of the
		// LIMIT's size), not by FTS5's ORDER BY rank, which sorts every
		// match and took a third longer (three-word queries at a million
		// articles, p50 250 against 175 ms, the same candidates): "+ 0"
		// keeps the order from being handed to FTS5.
		rows, err := r.QueryContext(ctx, `SELECT `+hitColumns+` FROM (SELECT rowid, r AS rank FROM (SELECT rowid, rank r FROM article_search WHERE article_search MATCH ?`+more+`) ORDER BY r + 0 LIMIT ?) s
			JOIN articles a ON a.rowid = s.rowid WHERE `+cond+` ORDER BY s.rank, a.first_seen_at DESC LIMIT ? OFFSET ?`,
			append(append(append(append([]any{match}, moreArgs...), candidates), args...), limit, offset)...)
		if err != nil {
			return nil, searchError(ctx, err)
		}
		hits, err := scanHits(rows)
		if err != nil || len(hits) == limit || candidates < 0 || matches >= 0 && matches <= candidates {
			// A full page, or every match ranked: ranking them all again
			// finds no more.
			return hits, searchError(ctx, err)
		}
	}
	return nil, nil
}

// titleWindow is how many titles a broad query ranks: the newest of its
// title matches (a variable for tests).
var titleWindow = 10000

// searchTitlesFirst is the relevance page of a broad query (more matches
// than broadMatches): the texts with the query in their titles come
// first, ranked by the titles' own index (article_titles: bm25 of the
// title alone, equal ranks the newest stored first), then every other
// match, ranked by bm25 of title and text. Under bm25 with the title
// weighing ten times the text, a title hit outranks a text-only hit, so
// the order is the full ranking's but within the titles, where a shorter
// title comes first and the text's words no longer count.
//
// Its cost is the titles it ranks: a length lookup each, 1.5 µs. The
// titles' index holds a word's titles, not its every position in every
// text: ranking the 28,000 titles of a word found in 365,000 of a million
// texts took 55 ms, through article_search's title column 96 ms; the
// 200,000 titles of a word in nearly every text, 320 ms. So a query
// found in more than titleWindow titles ranks the newest titleWindow of
// them (10,000: about 20 ms), and its older titles follow among the other
// matches (where they rank first). ok is false while the titles' index is
// being filled (a database from before it, being upgraded): then every
// match is ranked.
func searchTitlesFirst(ctx context.Context, r conn, q SearchQuery, cond string, args []any, res *SearchResult) (ok bool, err error) {
	if filled, err := indexesFilled(ctx, r); err != nil || !filled {
		return false, searchError(ctx, err)
	}
	const window = `SELECT rowid, rank r FROM article_titles WHERE article_titles MATCH ? ORDER BY rowid DESC LIMIT ?`
	titles := func(candidates, offset, limit int) ([]SearchHit, error) {
		rows, err := r.QueryContext(ctx, `SELECT `+hitColumns+` FROM (SELECT rowid, r FROM (`+window+`) ORDER BY r + 0, rowid DESC LIMIT ?) s
			JOIN articles a ON a.rowid = s.rowid WHERE `+cond+` ORDER BY s.r, s.rowid DESC LIMIT ? OFFSET ?`,
			append(append([]any{q.Query.Match, titleWindow, candidates}, args...), limit, offset)...)
		if err != nil {
			return nil, err
		}
		return scanHits(rows)
	}
	// The best titles first; if the filters leave fewer than the page
	// needs, all of them.
	if res.Hits, err = titles(4*(q.Offset+q.Limit)+50, q.Offset, q.Limit); err != nil || len(res.Hits) == q.Limit {
		return true, searchError(ctx, err)
	}
	var titled int
	if err := r.QueryRowContext(ctx, `SELECT count(*) FROM (`+window+`) s JOIN articles a ON a.rowid = s.rowid WHERE `+cond,
		append([]any{q.Query.Match, titleWindow}, args...)...).Scan(&titled); err != nil {
		return true, searchError(ctx, err)
	}
	res.Hits = nil
	if q.Offset < titled {
		if res.Hits, err = titles(-1, q.Offset, q.Limit); err != nil || len(res.Hits) == q.Limit {
			return true, searchError(ctx, err)
		}
	}
	// Past the titles ranked: every other match.
	rest, err := rankPage(ctx, r, q.Query.Match, ` AND rowid NOT IN (SELECT rowid FROM article_titles WHERE article_titles MATCH ? ORDER BY rowid DESC LIMIT ?)`, []any{q.Query.Match, titleWindow},
		cond, args, max(q.Offset-titled, 0), q.Limit-len(res.Hits), -1)
	res.Hits = append(res.Hits, rest...)
	return true, err
}

// searchNarrow is the page of a search with few matches (at most
// maxCounted in the index): one statement ranks or orders every match,
// applies the filters and counts what they leave (a window count over
// the rows before the page is cut), where the broad path reads the index
// once to count, once more to rank, and bm25 once more per word for its
// document frequencies. bound, when not -1, stops the read of the index
// at that many matches: a query not known to be narrow (a phrase) is
// tried so, and ok is false when it matched the bound. ok is also false
// when no row came back and the statement cannot say why: a page past
// the first, past the last hit, or a bounded read.
func searchNarrow(ctx context.Context, r conn, q SearchQuery, cond string, args []any, bound int, res *SearchResult) (ok bool, err error) {
	order, columns := `s.rank, a.first_seen_at DESC`, `rowid, rank`
	switch q.Sort {
	case "date":
		order, columns = `coalesce(a.published_at, a.first_seen_at) DESC, a.content_hash`, `rowid`
	case "first_seen":
		order, columns = `a.first_seen_at DESC, a.content_hash`, `rowid`
	}
	inner := `SELECT ` + columns + ` FROM article_search WHERE article_search MATCH ? LIMIT ?`
	// The matches are read once (MATERIALIZED): counted, and joined.
	rows, err := r.QueryContext(ctx, `WITH s AS MATERIALIZED (`+inner+`)
		SELECT `+hitColumns+`, count(*) OVER (), (SELECT count(*) FROM s) FROM s
		JOIN articles a ON a.rowid = s.rowid WHERE `+cond+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(append([]any{q.Query.Match, bound}, args...), q.Limit, q.Offset)...)
	if err != nil {
		return false, searchError(ctx, err)
	}
	matched := 0
	res.Hits, err = scanHits(rows, &res.Total, &matched)
	if err != nil {
		return false, searchError(ctx, err)
	}
	if bound >= 0 {
		return len(res.Hits) > 0 && matched < bound, nil
	}
	return len(res.Hits) > 0 || q.Offset == 0, nil
}

// hitColumns are a hit's columns (scanHits) from articles a, on either
// backend.
const hitColumns = `a.content_hash, a.site, a.url, a.title, a.published_at, a.first_seen_at, coalesce(a.author, ''), a.text`

// searchPG is SearchPage on PostgreSQL: its full-text search over the
// folded words (article_search.doc), ts_rank for relevance with the
// title's words weighing ten times the text's (weights A and D), the
// total exact up to maxCounted; a query with more matches than that is
// ranked first among the texts with it in their titles
// (article_search.title), as SQLite ranks a broad one.
func searchPG(ctx context.Context, r conn, q SearchQuery, cond string, args []any, filtered bool) (SearchResult, error) {
	var res SearchResult
	const from = ` FROM article_search s JOIN articles a ON a.rowid = s.rowid WHERE s.doc @@ to_tsquery('simple', ?) AND `
	if err := r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1`+from+cond+` LIMIT ?) c`,
		append(append([]any{q.Query.TSQuery}, args...), maxCounted+1)...).Scan(&res.Total); err != nil {
		return res, searchError(ctx, err)
	}
	// titlesFirst: rank the title matches first (below).
	titlesFirst := false
	if res.Total > maxCounted {
		res.Total, res.Capped = maxCounted, true
		// The index's count of matching texts, up to broadMatches: the
		// total when nothing filters them.
		var matches int
		if err := r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM article_search WHERE doc @@ to_tsquery('simple', ?) LIMIT ?) c`,
			q.Query.TSQuery, broadMatches+1).Scan(&matches); err != nil {
			return res, searchError(ctx, err)
		}
		if !filtered {
			res.Total, res.Capped = min(matches, broadMatches), matches > broadMatches
		}
		// One word past maxCounted, or anything past broadMatches: the
		// titles of a query of several words seldom fill a page, and its
		// matches are seldom so many that ranking them all is slow.
		titlesFirst = len(q.Query.Terms) == 1 || matches > broadMatches
	}
	if titlesFirst && (q.Sort == "" || q.Sort == "relevance") {
		// Many matches: the texts with the query in their
		// titles (found by their own index) are ranked first, as SQLite
		// does for a broad query; a title's words weigh ten times the
		// text's, so they mostly rank first anyway. ts_rank reads each
		// match's whole vector: ranking the 20,000 matches of a word took
		// 100–400 ms at 200,000 articles. Every match is ranked only when
		// the titles give too few for the page.
		need := q.Offset + q.Limit
		rows, err := r.QueryContext(ctx, `SELECT `+hitColumns+` FROM (SELECT rowid, ts_rank(doc, to_tsquery('simple', ?)) r FROM article_search
			WHERE title @@ to_tsquery('simple', ?) ORDER BY r DESC LIMIT ?) s JOIN articles a ON a.rowid = s.rowid
			WHERE `+cond+` ORDER BY s.r DESC, a.first_seen_at DESC, a.content_hash LIMIT ? OFFSET ?`,
			append(append([]any{q.Query.TSQuery, q.Query.TSQuery, 4*need + 50}, args...), q.Limit, q.Offset)...)
		if err != nil {
			return res, searchError(ctx, err)
		}
		if res.Hits, err = scanHits(rows); err != nil || len(res.Hits) == q.Limit {
			return res, searchError(ctx, err)
		}
	}
	order := `ts_rank(s.doc, to_tsquery('simple', ?)) DESC, a.first_seen_at DESC, a.content_hash`
	orderArgs := []any{q.Query.TSQuery}
	switch q.Sort {
	case "date":
		order, orderArgs = `coalesce(a.published_at, a.first_seen_at) DESC, a.content_hash`, nil
	case "first_seen":
		order, orderArgs = `a.first_seen_at DESC, a.content_hash`, nil
	}
	qargs := append(append(append([]any{q.Query.TSQuery}, args...), orderArgs...), q.Limit, q.Offset)
	rows, err := r.QueryContext(ctx, `SELECT `+hitColumns+from+cond+` ORDER BY `+order+` LIMIT ? OFFSET ?`, qargs...)
	if err != nil {
		return res, searchError(ctx, err)
	}
	res.Hits, err = scanHits(rows)
	return res, searchError(ctx, err)
}

// scanHits reads hits (hitColumns), and into extra the counts that follow
// them in each row.
func scanHits(rows *sql.Rows, extra ...*int) ([]SearchHit, error) {
	defer rows.Close()
	dest := make([]any, len(extra))
	for i, p := range extra {
		dest[i] = p
	}
	var hits []SearchHit
	for rows.Next() {
		h, err := scanHit(rows, dest...)
		if err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// scanHit reads the row's hit (hitColumns), and into extra the columns
// that follow it.
func scanHit(rows *sql.Rows, extra ...any) (SearchHit, error) {
	var h SearchHit
	var published sql.NullString
	var first string
	dest := append([]any{&h.ContentHash, &h.Site, &h.URL, &h.Title, &published, &first, &h.Author, &h.Text}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return h, err
	}
	if published.Valid {
		t := parseTime(published.String)
		h.PublishedAt = &t
	}
	h.FirstSeenAt = parseTime(first)
	return h, nil
}

// searchError words a failed search: FTS5's complaint about the query, or
// the time limit.
func searchError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case ctx.Err() != nil || strings.Contains(msg, "interrupted"):
		return fmt.Errorf("%w: tìm kiếm quá lâu (hơn %s); hãy thu hẹp câu tìm kiếm", textsearch.ErrBadQuery, searchTimeout)
	case strings.Contains(msg, "fts5") || strings.Contains(msg, "syntax error") || strings.Contains(msg, "malformed MATCH"):
		if i := strings.Index(msg, "fts5: "); i >= 0 {
			msg = msg[i+len("fts5: "):]
		}
		msg = strings.TrimSuffix(strings.TrimSpace(msg), " (1)")
		return fmt.Errorf("%w: %s", textsearch.ErrBadQuery, msg)
	}
	return fmt.Errorf("search: %w", err)
}

// ImportArticles stores articles in one transaction, each as SaveArticle
// would (indexed for search, deduplicated by hash): for loading a corpus
// (the search benchmark) at the speed of a batch.
func (s *Store) ImportArticles(ctx context.Context, articles []Article) error {
	err := s.tx(ctx, func(tx conn) error {
		for _, a := range articles {
			if _, err := saveArticle(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import %d articles: %w", len(articles), err)
	}
	return nil
}

// RebuildSearchIndex empties the search index and indexes every article
// again; it returns how many it indexed.
func (s *Store) RebuildSearchIndex(ctx context.Context) (int, error) {
	if err := s.IndexQueued(ctx); err != nil { // the rebuild indexes them; queued, they would go in twice
		return 0, err
	}
	err := s.tx(ctx, func(tx conn) error {
		empty := []string{`DELETE FROM article_search`}
		if !tx.s.dialect.pg {
			empty = nil
			for _, ix := range tx.s.searchIndexes() {
				empty = append(empty, `INSERT INTO `+ix.table+`(`+ix.table+`) VALUES ('delete-all')`)
			}
		}
		for _, q := range empty {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE search_state SET backfilled = 0 WHERE id = 1`)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("rebuild the search index: %w", err)
	}
	if err := s.backfillSearch(ctx); err != nil {
		return 0, err
	}
	var n int
	err = s.q().QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n)
	return n, err
}

// WordTexts is, for each word of a query (its Terms, in order), how many
// texts of the search index hold it, counted over the whole index. It is
// the work FTS5's bm25 does before it scores a single text (the inverse
// document frequency of each of the query's phrases: fts5_aux.c counts
// them through xQueryPhrase), so the search benchmark can show what
// ranking a query costs whatever the number of texts it ranks.
func (s *Store) WordTexts(ctx context.Context, q textsearch.Query) ([]int, error) {
	if err := s.IndexQueued(ctx); err != nil {
		return nil, err
	}
	counts := make([]int, 0, len(q.Terms))
	for _, t := range q.Terms {
		w := t.Word
		if t.Prefix {
			w += "*"
		}
		one, err := textsearch.ParseQuery(w)
		if err != nil {
			return nil, err
		}
		query, arg := `SELECT count(*) FROM article_search WHERE article_search MATCH ?`, one.Match
		if s.dialect.pg {
			query, arg = `SELECT count(*) FROM article_search WHERE doc @@ to_tsquery('simple', ?)`, one.TSQuery
		}
		var n int
		if err := s.r().QueryRowContext(ctx, query, arg).Scan(&n); err != nil {
			return nil, fmt.Errorf("count the texts holding %q: %w", t.Word, searchError(ctx, err))
		}
		counts = append(counts, n)
	}
	return counts, nil
}

// SearchIndexBytes is the space the search indexes (texts, titles, pairs)
// take in the database file, and the file's size in pages (PostgreSQL: the index table's and
// the database's sizes).
func (s *Store) SearchIndexBytes(ctx context.Context) (index, total int64, err error) {
	if err := s.IndexQueued(ctx); err != nil {
		return 0, 0, err
	}
	if s.dialect.pg {
		err = s.q().QueryRowContext(ctx, `SELECT pg_total_relation_size('article_search'), pg_database_size(current_database())`).Scan(&index, &total)
	} else {
		var names []string // each index's tables: the FTS5 table and its shadow tables
		for _, ix := range s.searchIndexes() {
			names = append(names, `name LIKE '`+strings.ReplaceAll(ix.table, "_", `\_`)+`%' ESCAPE '\'`)
		}
		err = s.db.QueryRowContext(ctx, `SELECT coalesce(sum(pgsize) FILTER (WHERE `+strings.Join(names, " OR ")+`), 0), coalesce(sum(pgsize), 0) FROM dbstat`).Scan(&index, &total)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("index size: %w", err)
	}
	return index, total, nil
}
