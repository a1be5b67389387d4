package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A query of words alone (thu hồi đất) is ranked by the store
// (searchWords). Ranked by FTS5, such a query read each word's entries in
// the index twice: once to find the texts holding them all, and once
// more, whole, for bm25's count of the texts holding each word (its
// inverse document frequency), before scoring each text it found, one
// index look-up for its length each. At a million articles, three words
// found together in 1,000 to 20,000 texts took 107/154 ms (p50/p95), the
// counts alone 35/58. The store reads each word's entries once
// (ftsindex.go): the count of its texts, the texts holding every word and
// each word's occurrences in their titles and texts come from that one
// read. It then scores the texts as FTS5's bm25 does (fts5_aux.c), the
// title weighing ten times the text, and orders them as rankPage does
// (equal scores newest first).
//
// Words common enough to be guessed in more than broadGuess ×
// broadMatches texts together go the general way (FTS5 finds the first
// broadMatches, and ranks first the texts with the words in their
// titles): reading their entries whole would cost more. Of more than
// broadMatches texts found, a pool is scored exactly (broadPool). At a
// million articles, words found together in 31,000 to 43,000 texts took
// 44-74 ms here and 187-275 ms the general way (whose titles seldom fill
// a page then, so it ranks every match); words found in 200,000 to
// 290,000 took 117-169 ms here and 38-57 the general way.

// wordMatches are the texts holding every word of a query: their rowids
// in order, each word's occurrences in each (title[i*len(words)+w],
// text[…]), and each word's count of texts in the whole index.
type wordMatches struct {
	rowids      []int64
	title, text []int32
	texts       []int
}

// matchWords finds the texts of the search index holding every one of
// words (distinct), read in tx from their spans (wordSpans).
func matchWords(ctx context.Context, tx conn, spans [][]wordSpan, words []string) (wordMatches, error) {
	nw := len(words)
	m := wordMatches{texts: make([]int, nw)}
	lists := make([][]*doclist, nw)
	sizes := make([]int, nw)
	for w, word := range words {
		var err error
		if lists[w], sizes[w], err = wordDoclists(ctx, tx, "article_search", spans[w], word); err != nil {
			return m, err
		}
	}
	// The texts of the word with the fewest entries (bytes) are the
	// candidates; each other word's entries are walked beside them,
	// segment by segment, every entry counted.
	first := 0
	for w := range words {
		if sizes[w] < sizes[first] {
			first = w
		}
	}
	// The candidates, in rowid order: segments hold texts of their own,
	// in the order of their first rowids unless merged apart.
	type headed struct {
		d    *doclist
		head int64
	}
	docs := make([]headed, len(lists[first]))
	for i, d := range lists[first] {
		docs[i].d = d
		if e := d.entries(); e.next() {
			docs[i].head = e.rowid
		}
	}
	slices.SortFunc(docs, func(a, b headed) int { return cmp.Compare(a.head, b.head) })
	capacity := sizes[first]/3 + 1 // an entry takes 3 bytes at least
	rowids := make([]int64, 0, capacity)
	title, text := make([][]int32, nw), make([][]int32, nw)
	title[first], text[first] = make([]int32, 0, capacity), make([]int32, 0, capacity)
	for _, d := range docs {
		e := d.d.entries()
		for e.next() {
			t, x, err := columns(e.pos)
			if err != nil {
				return m, err
			}
			rowids, title[first], text[first] = append(rowids, e.rowid), append(title[first], t), append(text[first], x)
		}
		if e.err != nil {
			return m, e.err
		}
	}
	m.texts[first] = len(rowids)
	if !slices.IsSorted(rowids) {
		perm := make([]int, len(rowids))
		for i := range perm {
			perm[i] = i
		}
		slices.SortFunc(perm, func(a, b int) int { return cmp.Compare(rowids[a], rowids[b]) })
		r, t, x := make([]int64, len(perm)), make([]int32, len(perm)), make([]int32, len(perm))
		for i, j := range perm {
			r[i], t[i], x[i] = rowids[j], title[first][j], text[first][j]
		}
		rowids, title[first], text[first] = r, t, x
	}
	for i := 1; i < len(rowids); i++ {
		if rowids[i] == rowids[i-1] {
			return m, errFTSRecord // a text in two segments: a delete or an update FTS5 resolves
		}
	}
	for w := range words {
		if w == first {
			continue
		}
		seen := make([]bool, len(rowids))
		title[w], text[w] = make([]int32, len(rowids)), make([]int32, len(rowids))
		for _, d := range lists[w] {
			e := d.entries()
			i := -1
			for e.next() {
				m.texts[w]++
				if i < 0 {
					i, _ = slices.BinarySearch(rowids, e.rowid)
				}
				for i < len(rowids) && rowids[i] < e.rowid {
					i++
				}
				if i < len(rowids) && rowids[i] == e.rowid {
					if seen[i] {
						return m, errFTSRecord // in two segments
					}
					seen[i] = true
					var err error
					if title[w][i], text[w][i], err = columns(e.pos); err != nil {
						return m, err
					}
				}
			}
			if e.err != nil {
				return m, e.err
			}
		}
		// Only the texts holding this word too go on.
		k := 0
		for i := range rowids {
			if !seen[i] {
				continue
			}
			rowids[k] = rowids[i]
			for v := range words {
				if title[v] != nil {
					title[v][k], text[v][k] = title[v][i], text[v][i]
				}
			}
			k++
		}
		rowids = rowids[:k]
		for v := range words {
			if title[v] != nil {
				title[v], text[v] = title[v][:k], text[v][:k]
			}
		}
	}
	m.rowids = rowids
	m.title, m.text = make([]int32, len(rowids)*nw), make([]int32, len(rowids)*nw)
	for i := range rowids {
		for w := range words {
			m.title[i*nw+w], m.text[i*nw+w] = title[w][i], text[w][i]
		}
	}
	return m, nil
}

// idList is a JSON array of rowids, for json_each.
func idList(ids []int64) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// searchWords is the relevance page of a query of words alone (words:
// its words in order, repeated ones too, as FTS5 scores them), ranked by
// the store (see the top of this file). ok is false, and the query goes
// on the general way, when its words are guessed to be found together in
// too many texts, or when the index holds what the store does not read
// (ftsindex.go).
func (s *Store) searchWords(ctx context.Context, q SearchQuery, words []string, cond string, args []any, filtered bool, res *SearchResult) (ok bool, err error) {
	var distinct []string
	phrase := make([]int, len(words)) // each of the query's words, as a distinct word
	for i, w := range words {
		if !isASCIIWord(w) {
			return false, nil // the tokenizer's own folding: left to FTS5
		}
		j := slices.Index(distinct, w)
		if j < 0 {
			j, distinct = len(distinct), append(distinct, w)
		}
		phrase[i] = j
	}
	if len(distinct) > 64 {
		return false, nil
	}
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return false, searchError(ctx, err)
	}
	defer func() {
		tx.Rollback()
		s.rcache.prepareWanted(ctx, s.rdb)
	}()
	r := conn{s: s, tx: tx, db: s.rdb, cache: &s.rcache}
	fallBack := func(err error) (bool, error) {
		if errors.Is(err, errFTSRecord) || errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		return false, searchError(ctx, err)
	}
	var block []byte
	if err := r.QueryRowContext(ctx, `SELECT block FROM article_search_data WHERE id = 10`).Scan(&block); err != nil {
		return fallBack(err)
	}
	segs, err := ftsStructure(block)
	if err != nil {
		return fallBack(err)
	}
	var averages []byte
	if err := r.QueryRowContext(ctx, `SELECT block FROM article_search_data WHERE id = 1`).Scan(&averages); err != nil {
		return fallBack(err)
	}
	v, err := ftsVarints(averages)
	if err != nil || len(v) != 3 || v[0] <= 0 {
		return fallBack(errFTSRecord)
	}
	rowCount, avg := float64(v[0]), float64(v[1]+v[2])/float64(v[0])
	// Words found together in many texts are found more cheaply by FTS5,
	// the first broadMatches of them, and ranked first in their titles
	// (searchTitlesFirst): a word's entries take about ftsEntryBytes a
	// text, so its pages tell how many texts hold it, and words drawn
	// independently are found together in the product of their shares.
	pgsz := 4050.0 // FTS5's page size, unless configured
	if err := r.QueryRowContext(ctx, `SELECT v FROM article_search_config WHERE k = 'pgsz'`).Scan(&pgsz); err != nil && err != sql.ErrNoRows {
		return fallBack(err)
	}
	together := rowCount
	spans := make([][]wordSpan, len(distinct))
	for i, w := range distinct {
		var pages int64
		if spans[i], pages, err = wordSpans(ctx, r, "article_search", segs, w); err != nil {
			return fallBack(err)
		}
		together *= min(float64(pages)*pgsz/ftsEntryBytes, rowCount) / rowCount
	}
	if together > broadGuess*float64(broadMatches) {
		return false, nil
	}
	m, err := matchWords(ctx, r, spans, distinct)
	if err != nil {
		return fallBack(err)
	}
	n := len(m.rowids)
	if n == 0 {
		return true, nil
	}
	nw := len(distinct)
	idf := make([]float64, nw)
	for w, texts := range m.texts {
		if idf[w] = math.Log((rowCount - float64(texts) + 0.5) / (float64(texts) + 0.5)); idf[w] <= 0 {
			idf[w] = 1e-6
		}
	}
	score := func(i int, length float64) float64 {
		var sc float64
		for _, w := range phrase {
			freq := titleWeight*float64(m.title[i*nw+w]) + textWeight*float64(m.text[i*nw+w])
			sc += idf[w] * (freq * (bm25K1 + 1)) / (freq + bm25K1*(1-bm25B+bm25B*length/avg))
		}
		return sc
	}
	scores := make([]float64, n)
	byScore := func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return 0
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	// The texts scored exactly: every match; of more than broadMatches,
	// the best by the score they would have at the average length (a
	// pool of broadPool, or four times the rows the page needs plus 50),
	// the rest after them in that order.
	exact := order
	if n > broadMatches {
		for i := range scores {
			scores[i] = score(i, avg)
		}
		slices.SortFunc(order, byScore)
		exact = slices.Clone(order[:min(max(broadPool, 4*(q.Offset+q.Limit)+50), n)])
	}
	// Each text's length in tokens, as FTS5 counted them. The texts go in
	// rowid order, and their sizes (a varint a column) come back in one
	// row, concatenated in the order of the list: the left table of a
	// CROSS JOIN is SQLite's outer loop. A row per text cost more than
	// the look-ups (17,000 texts at a million articles: 37 ms as rows,
	// 25 ms in one).
	byRowid := slices.Clone(exact)
	slices.SortFunc(byRowid, func(a, b int) int { return cmp.Compare(m.rowids[a], m.rowids[b]) })
	ids := make([]int64, len(byRowid))
	for k, i := range byRowid {
		ids[k] = m.rowids[i]
	}
	var found int
	var sizes []byte
	if err := r.QueryRowContext(ctx, `SELECT count(*), unhex(group_concat(hex(d.sz), '')) FROM json_each(?) j CROSS JOIN article_search_docsize d ON d.id = j.value`,
		idList(ids)).Scan(&found, &sizes); err != nil {
		return fallBack(err)
	}
	cols, err := ftsVarints(sizes)
	if err != nil || found != len(ids) || len(cols) != 2*len(ids) {
		return fallBack(errFTSRecord)
	}
	for k, i := range byRowid {
		scores[i] = score(i, float64(cols[2*k]+cols[2*k+1]))
	}
	slices.SortFunc(exact, byScore)
	copy(order, exact)
	// The hits in order, the filters applied, a stretch at a time (four
	// times the rows the page needs plus 50, and every text scoring as
	// the stretch's last), until the page is full.
	type scored struct {
		hit   SearchHit
		rest  bool // past the texts scored exactly
		score float64
	}
	var hits []scored
	need := q.Offset + q.Limit
	start := 0
	for start < n && len(hits) < need {
		end := min(start+4*need+50, n)
		for end < n && scores[order[end]] == scores[order[end-1]] {
			end++
		}
		ids := make([]int64, 0, end-start)
		ranked := make(map[int64]scored, end-start)
		for k, i := range order[start:end] {
			ids = append(ids, m.rowids[i])
			ranked[m.rowids[i]] = scored{rest: start+k >= len(exact), score: scores[i]}
		}
		rows, err := r.QueryContext(ctx, `SELECT `+hitColumns+`, a.rowid FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?)) AND `+cond,
			append([]any{idList(ids)}, args...)...)
		if err != nil {
			return false, searchError(ctx, err)
		}
		var stretch []scored
		for rows.Next() {
			var id int64
			h, err := scanHit(rows, &id)
			if err != nil {
				rows.Close()
				return false, searchError(ctx, err)
			}
			sc := ranked[id]
			sc.hit = h
			stretch = append(stretch, sc)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return false, searchError(ctx, err)
		}
		slices.SortFunc(stretch, func(a, b scored) int {
			switch {
			case a.rest != b.rest:
				if b.rest {
					return -1
				}
				return 1
			case a.score > b.score:
				return -1
			case a.score < b.score:
				return 1
			case !a.hit.FirstSeenAt.Equal(b.hit.FirstSeenAt):
				return b.hit.FirstSeenAt.Compare(a.hit.FirstSeenAt)
			}
			return strings.Compare(a.hit.ContentHash, b.hit.ContentHash)
		})
		hits = append(hits, stretch...)
		start = end
	}
	for _, h := range hits[min(q.Offset, len(hits)):min(need, len(hits))] {
		res.Hits = append(res.Hits, h.hit)
	}
	// The total: every match was filtered, or they are counted (as the
	// general way counts them, exactly up to maxCounted).
	switch {
	case start == n:
		res.Total = len(hits)
	case !filtered && n > maxCounted:
		// Nothing filters them: the index's count of the texts holding
		// the words, as the general way gives past maxCounted. Counting
		// the current versions (up to maxCounted) would differ only if
		// nearly all of them were revised away; it reads an article a
		// match (20 ms).
		res.Total = n
	default:
		// Counted a stretch at a time: most matches pass (a version
		// revised away is rare), and the first stretch is all it takes.
		for at := 0; at < n && res.Total <= maxCounted; at += maxCounted + 100 {
			var c int
			if err := r.QueryRowContext(ctx, `SELECT count(*) FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?)) AND `+cond,
				append([]any{idList(m.rowids[at:min(at+maxCounted+100, n)])}, args...)...).Scan(&c); err != nil {
				return false, searchError(ctx, err)
			}
			res.Total += c
		}
	}
	if res.Total > maxCounted {
		res.Total, res.Capped = maxCounted, true
		if !filtered {
			res.Total, res.Capped = n, false
		}
	}
	return true, nil
}

// ftsEntryBytes is how many bytes a doclist entry takes on average, at
// least, for words of ward portal prose: a rowid's difference, a size, a
// column and a position (measured: 6 to 7 at a million articles).
const ftsEntryBytes = 5

// broadGuess: words guessed to be found together in more than broadGuess
// × broadMatches texts (100,000) go the general way; broadPool: of words found
// together in more than broadMatches texts, how many are scored exactly
// (both variables for tests).
var (
	broadGuess = 5.0
	broadPool  = 1000
)

// isASCIIWord: a folded word the index's tokenizer (unicode61, removing
// diacritics) keeps as it is: ASCII lower-case letters and digits.
func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return w != ""
}
