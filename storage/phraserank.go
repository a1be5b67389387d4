package storage

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"unicode"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
)

// A query of one phrase with few matches is ranked by the store, not by
// FTS5 (searchOnePhrase). FTS5's bm25 first counts, for each phrase of a
// query, the texts in the whole index that hold it (its inverse document
// frequency), and for a phrase that means matching it against the index
// a second time: "dân dân có" at a million articles took 517 ms ranked,
// 270 ms found. With one phrase that count scales every text's score
// alike and cannot change their order. The order is the rest of bm25,
// computed here as FTS5 computes it (fts5_aux.c): the phrase's
// occurrences, weighted ten in the title to one in the text, against the
// text's length in tokens as FTS5 counted them (article_search_docsize)
// and the index's average length (its averages record).

// The relevance of the search index: bm25(10.0, 1.0) (migration 8), and
// bm25's constants in FTS5.
const (
	titleWeight, textWeight = 10.0, 1.0
	bm25K1, bm25B           = 1.2, 0.75
)

// bm25Shape is FTS5's bm25 score of a text for one phrase, divided by the
// phrase's inverse document frequency: freq is its weighted occurrences,
// tokens the text's length, avg the index's average length.
func bm25Shape(freq, tokens, avg float64) float64 {
	return freq * (bm25K1 + 1) / (freq + bm25K1*(1-bm25B+bm25B*tokens/avg))
}

// errFTSRecord is a record of FTS5's that cannot be read as expected.
var errFTSRecord = errors.New("unexpected FTS5 record")

// ftsVarints reads a record of FTS5's: a run of SQLite varints (big-endian,
// seven bits a byte with the high bit set on all but the last; a ninth
// byte gives eight bits).
func ftsVarints(b []byte) ([]int64, error) {
	var out []int64
	for len(b) > 0 {
		v, n := ftsVarint(b)
		if n == 0 {
			return nil, errFTSRecord
		}
		out = append(out, int64(v))
		b = b[n:]
	}
	return out, nil
}

// averageTokens is the average length in tokens of the texts in the search
// index (title and text together), from FTS5's averages record: the
// number of rows, then each column's total.
func averageTokens(ctx context.Context, r conn) (float64, error) {
	var block []byte
	if err := r.QueryRowContext(ctx, `SELECT block FROM article_search_data WHERE id = 1`).Scan(&block); err != nil {
		return 0, err
	}
	v, err := ftsVarints(block)
	if err != nil || len(v) != 3 || v[0] <= 0 {
		return 0, errFTSRecord
	}
	return float64(v[1]+v[2]) / float64(v[0]), nil
}

// tokens are the words of s as the index's tokenizer (unicode61) reads the
// folded text: runs of letters, numbers and private-use characters.
func tokens(s string) []string { return foldedWords(textsearch.Fold(s)) }

// foldedWords are tokens of text already folded.
func foldedWords(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Co, r)
	})
}

// wordPairs is an article's entry in the pairs' index (article_pairs):
// the adjacent words of its folded title, then of its folded text, two by
// two, joined by "_" (never a word's letter), a space between pairs.
func wordPairs(title, text string) string {
	var b strings.Builder
	for _, s := range []string{title, text} {
		w := foldedWords(s)
		for i := 0; i+1 < len(w); i++ {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w[i])
			b.WriteByte('_')
			b.WriteString(w[i+1])
		}
	}
	return b.String()
}

// pairsMatch is the pairs' index query of a phrase (its folded words, two
// or more): every pair of it.
func pairsMatch(phrase []string) string {
	var b strings.Builder
	for i := 0; i+1 < len(phrase); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + phrase[i] + "_" + phrase[i+1] + `"`)
	}
	return b.String()
}

// occurrences counts where phrase starts in words (overlapping ones
// too, as FTS5 counts a phrase's instances).
func occurrences(words, phrase []string) int {
	n := 0
	for i := 0; i+len(phrase) <= len(words); i++ {
		if slices.Equal(words[i:i+len(phrase)], phrase) {
			n++
		}
	}
	return n
}

// maxCandidates is how many texts holding all of a phrase's pairs
// searchOnePhrase checks word by word, at most; a phrase with more is
// found through FTS5 (a variable for tests).
var maxCandidates = 1000

// searchOnePhrase is the page of a query of one phrase (its folded
// words). Its matches are found through the pairs' index when it is
// filled: the texts holding every pair of the phrase, when there are at
// most maxCandidates of them, each checked for the phrase word by word (a
// text may hold the pairs apart); otherwise through FTS5, at most
// maxCounted of them. The filters are applied and each text left is
// scored (bm25Shape) or dated, then the page is cut, ordered as FTS5's
// rank would order it (equal scores newest first) or by date. ok is
// false, and the query goes on the general way, when FTS5 finds more than
// maxCounted, or when the filters leave none of what it found (the
// statement cannot say whether it matched more). A sort by date without
// the pairs, or FTS5 records that cannot be read, leave the query to
// FTS5 (searchNarrow).
func searchOnePhrase(ctx context.Context, r conn, q SearchQuery, phrase []string, cond string, args []any, res *SearchResult) (ok bool, err error) {
	byDate := q.Sort == "date" || q.Sort == "first_seen"
	pairs, err := indexesFilled(ctx, r)
	if err != nil {
		return false, searchError(ctx, err)
	}
	source, match, bound := `SELECT rowid FROM article_pairs WHERE article_pairs MATCH ? LIMIT ?`, pairsMatch(phrase), maxCandidates+1
	if pairs {
		var candidates int
		if err := r.QueryRowContext(ctx, `SELECT count(*) FROM (`+source+`)`, match, bound).Scan(&candidates); err != nil {
			return false, searchError(ctx, err)
		}
		pairs = candidates < bound // more: through FTS5, which may find few of them hold the phrase
	}
	if !pairs && byDate {
		return searchNarrow(ctx, r, q, cond, args, maxCounted+1, res) // FTS5's own order
	}
	avg, err := averageTokens(ctx, r)
	if errors.Is(err, errFTSRecord) || errors.Is(err, sql.ErrNoRows) {
		return searchNarrow(ctx, r, q, cond, args, maxCounted+1, res) // FTS5's own rank
	} else if err != nil {
		return false, searchError(ctx, err)
	}
	if !pairs {
		source, match, bound = `SELECT rowid FROM article_search WHERE article_search MATCH ? LIMIT ?`, q.Query.Match, maxCounted+1
	}
	rows, err := r.QueryContext(ctx, `WITH s AS MATERIALIZED (`+source+`)
		SELECT `+hitColumns+`, d.sz, (SELECT count(*) FROM s) FROM s JOIN articles a ON a.rowid = s.rowid
		LEFT JOIN article_search_docsize d ON d.id = s.rowid WHERE `+cond,
		append([]any{match, bound}, args...)...)
	if err != nil {
		return false, searchError(ctx, err)
	}
	type scored struct {
		hit   SearchHit
		score float64
	}
	var all []scored
	matched := 0
	for rows.Next() {
		var size []byte
		h, err := scanHit(rows, &size, &matched)
		if err != nil {
			rows.Close()
			return false, searchError(ctx, err)
		}
		if matched >= bound {
			rows.Close()
			return false, nil // more than maxCounted: not scored
		}
		title, text := tokens(h.Title), tokens(h.Text)
		inTitle, inText := occurrences(title, phrase), occurrences(text, phrase)
		if pairs && inTitle+inText == 0 {
			continue // the pairs apart: not the phrase
		}
		length := float64(len(title) + len(text))
		if v, err := ftsVarints(size); err == nil && len(v) == 2 {
			length = float64(v[0] + v[1]) // as FTS5 counted them
		}
		freq := titleWeight*float64(inTitle) + textWeight*float64(inText)
		all = append(all, scored{h, bm25Shape(freq, length, avg)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, searchError(ctx, err)
	}
	if len(all) == 0 && !pairs {
		return false, nil
	}
	slices.SortFunc(all, func(a, b scored) int {
		if byDate {
			return dateOrder(q.Sort, a.hit, b.hit)
		}
		switch {
		case a.score != b.score:
			if a.score > b.score {
				return -1
			}
			return 1
		case !a.hit.FirstSeenAt.Equal(b.hit.FirstSeenAt):
			return b.hit.FirstSeenAt.Compare(a.hit.FirstSeenAt)
		}
		return strings.Compare(a.hit.ContentHash, b.hit.ContentHash)
	})
	res.Total = len(all)
	res.Hits = nil
	for _, s := range all[min(q.Offset, len(all)):min(q.Offset+q.Limit, len(all))] {
		res.Hits = append(res.Hits, s.hit)
	}
	return true, nil
}

// dateOrder orders two hits as the date sorts do in SQL: by publish date
// (else first seen) or by first seen, newest first, then by content hash.
func dateOrder(sort string, a, b SearchHit) int {
	at, bt := a.FirstSeenAt, b.FirstSeenAt
	if sort == "date" {
		if a.PublishedAt != nil {
			at = *a.PublishedAt
		}
		if b.PublishedAt != nil {
			bt = *b.PublishedAt
		}
	}
	if c := bt.Compare(at); c != 0 {
		return c
	}
	return strings.Compare(a.ContentHash, b.ContentHash)
}
