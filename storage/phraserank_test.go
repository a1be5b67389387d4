package storage

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
)

// putVarint writes v as SQLite does (sqlite3PutVarint).
func putVarint(v uint64) []byte {
	if v>>56 != 0 {
		b := make([]byte, 9)
		b[8] = byte(v)
		v >>= 8
		for i := 7; i >= 0; i-- {
			b[i] = byte(v&0x7f) | 0x80
			v >>= 7
		}
		return b
	}
	var b []byte
	for {
		b = append(b, byte(v&0x7f)|0x80)
		v >>= 7
		if v == 0 {
			break
		}
	}
	b[0] &= 0x7f
	slices.Reverse(b)
	return b
}

func TestFTSVarints(t *testing.T) {
	want := []int64{0, 1, 127, 128, 16383, 16384, 1 << 40, 1<<56 - 1, 1 << 56, math.MaxInt64}
	var rec []byte
	for _, v := range want {
		rec = append(rec, putVarint(uint64(v))...)
	}
	got, err := ftsVarints(rec)
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("ftsVarints = %v, %v; want %v", got, err, want)
	}
	if _, err := ftsVarints([]byte{0x81, 0x82}); err == nil {
		t.Error("a record cut inside a varint was read")
	}
}

// phraseStore holds 150 texts with the phrase "thu hồi đất" a varying
// number of times in title and text, of varying lengths, on two sites,
// each first seen at its own time, one version revised away, 20 texts
// that hold the phrase's pairs apart, never the phrase ("thu hồi, hồi
// đất"), 3 with the phrase in the title alone, and some published on a
// date of their own.
func phraseStore(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s := open(t)
	var batch []Article
	for i := range 150 {
		title := fmt.Sprint("Tin số ", i, strings.Repeat(" Thu hồi đất", i%3), strings.Repeat(" tin", i%5))
		text := strings.Repeat("thu hồi đất, ", i%4) + strings.Repeat("phường ", i%17) + strings.Repeat("đất thu hồi ", i%6) + fmt.Sprint("số ", i)
		if i%4 == 0 && i%3 == 0 {
			text += " thu" // the title alone holds it, or nothing does
		}
		site := "a"
		if i%2 == 1 {
			site = "b"
		}
		batch = append(batch, Article{ContentHash: fmt.Sprint("p", i), Site: site, URL: fmt.Sprint("http://", site, "/", i), Title: title, Text: text, SeenAt: t0.Add(time.Duration(i*7%150) * time.Minute)})
	}
	for i := range 20 {
		a := Article{ContentHash: fmt.Sprint("q", i), Site: "b", URL: fmt.Sprint("http://b/q", i), Title: fmt.Sprint("Tin gần giống ", i),
			Text: "Thu hồi, hồi đất; đất thu. Phường " + fmt.Sprint(i), SeenAt: t0.Add(time.Duration(i*11%150) * time.Minute)}
		if i%3 == 0 {
			pub := t0.Add(-time.Duration(i) * time.Hour)
			a.PublishedAt = &pub
		}
		batch = append(batch, a)
	}
	for i := range 3 { // the phrase in the title alone
		batch = append(batch, Article{ContentHash: fmt.Sprint("r", i), Site: "a", URL: fmt.Sprint("http://a/r", i), Title: fmt.Sprint("Thu hồi đất ở tổ ", i),
			Text: "Không có cụm từ ấy.", SeenAt: t0.Add(time.Duration(i*13%150) * time.Minute)})
	}
	for i := range batch {
		if i%5 == 0 && batch[i].PublishedAt == nil {
			pub := t0.Add(time.Duration(i%40) * time.Hour)
			batch[i].PublishedAt = &pub
		}
	}
	if err := s.ImportArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReviseArticle(ctx, Article{ContentHash: "p-new", Site: "a", URL: "http://a/4", Title: "Bản mới", Text: "Không còn cụm từ ấy."}, "p4", "site model"); err != nil {
		t.Fatal(err)
	}
	if err := s.IndexQueued(ctx); err != nil { // the tests read the indexes themselves
		t.Fatal(err)
	}
	return s
}

// A query of one phrase found through the pairs' index and ranked or
// dated by the store gives FTS5's pages and totals: bm25's order, equal
// scores newest first, or the date sorts, whatever the filters; the texts
// that hold the pairs apart are not hits.
func TestOnePhraseRanksAsFTS5(t *testing.T) {
	s := phraseStore(t)
	for _, query := range []string{`"thu hồi đất"`, `"đất thu"`, `"phường phường thu"`} {
		q, err := textsearch.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		for _, sites := range [][]string{nil, {"b"}} {
			for offset := 0; offset < 100*3; offset += 20 {
				sq := SearchQuery{Query: q, Limit: 20, Offset: offset % 100, Sort: []string{"", "date", "first_seen"}[offset/100]}
				own, fts, ok, err := phraseBothWays(t, s, sq, Filter{Sites: sites})
				if err != nil || !ok && len(fts.Hits) > 0 {
					t.Fatalf("%s: %v %v", query, ok, err)
				}
				if !ok {
					continue
				}
				if got, want := hashes(own.Hits), hashes(fts.Hits); !slices.Equal(got, want) || len(want) > 0 && own.Total != fts.Total {
					t.Errorf("%s, sites %v, sort %q, offset %d: %d %v\nFTS5's: %d %v", query, sites, sq.Sort, sq.Offset, own.Total, got, fts.Total, want)
				}
				for _, h := range own.Hits {
					if strings.HasPrefix(h.ContentHash, "q") && query == `"thu hồi đất"` {
						t.Errorf("%s: %s holds the pairs apart, not the phrase", query, h.ContentHash)
					}
				}
			}
		}
	}
	// Past maxCandidates texts with the pairs the phrase is found through
	// FTS5, the same answer; past maxCounted matches there too the store
	// does not rank: the query goes on.
	defer func(c, d int) { maxCandidates, maxCounted = c, d }(maxCandidates, maxCounted)
	maxCandidates = 10
	q, _ := textsearch.ParseQuery(`"thu hồi đất"`)
	for _, sort := range []string{"", "date"} {
		own, fts, ok, err := phraseBothWays(t, s, SearchQuery{Query: q, Limit: 20, Sort: sort}, Filter{})
		if !ok || err != nil || !slices.Equal(hashes(own.Hits), hashes(fts.Hits)) || own.Total != fts.Total || fts.Total <= maxCandidates {
			t.Errorf("sort %q, more candidates than maxCandidates: %v %v %d %v\nFTS5's: %d %v", sort, ok, err, own.Total, hashes(own.Hits), fts.Total, hashes(fts.Hits))
		}
	}
	maxCounted = 10
	if _, _, ok, err := phraseBothWays(t, s, SearchQuery{Query: q, Limit: 20}, Filter{}); ok || err != nil {
		t.Errorf("more candidates than maxCandidates and matches than maxCounted ranked: %v %v", ok, err)
	}
}

// Until the pairs' index is filled (a database from before it, being
// upgraded), a phrase is found through FTS5, at most maxCounted matches
// ranked by the store, and one sorted by date is left to FTS5: the same
// answers.
func TestOnePhraseWithoutPairs(t *testing.T) {
	s := phraseStore(t)
	emptyIndexes(t, s, "article_pairs")
	q, _ := textsearch.ParseQuery(`"thu hồi đất"`)
	for _, sort := range []string{"", "date", "first_seen"} {
		own, fts, ok, err := phraseBothWays(t, s, SearchQuery{Query: q, Limit: 20, Sort: sort}, Filter{})
		if !ok || err != nil || !slices.Equal(hashes(own.Hits), hashes(fts.Hits)) || own.Total != fts.Total || len(fts.Hits) == 0 {
			t.Errorf("sort %q: %v %v %d %v\nFTS5's: %d %v", sort, ok, err, own.Total, hashes(own.Hits), fts.Total, hashes(fts.Hits))
		}
	}
	defer func(c int) { maxCounted = c }(maxCounted)
	maxCounted = 10
	if _, _, ok, err := phraseBothWays(t, s, SearchQuery{Query: q, Limit: 20}, Filter{}); ok || err != nil {
		t.Errorf("more matches than maxCounted ranked: %v %v", ok, err)
	}
}

// phraseBothWays runs a query of one phrase, filtered, as the store
// answers it (searchOnePhrase: own, and whether it answered) and as FTS5
// ranks and orders every match (searchNarrow: fts).
func phraseBothWays(t *testing.T, s *Store, sq SearchQuery, f Filter) (own, fts SearchResult, ok bool, err error) {
	t.Helper()
	fts, cond, args, _ := rankedByFTS5(t, s, sq, f)
	phrase, one := sq.Query.OnePhrase()
	if !one {
		t.Fatalf("%q is not one phrase", sq.Query.Raw)
	}
	ok, err = searchOnePhrase(context.Background(), s.r(), sq, phrase, cond, args, &own)
	return own, fts, ok, err
}

// rankedByFTS5 answers a query as FTS5 ranks and orders every match
// (searchNarrow), with f's conditions (cond, args; filtered: more than
// the condition every search has), for a test to compare the store's own
// ranking with.
func rankedByFTS5(t *testing.T, s *Store, sq SearchQuery, f Filter) (fts SearchResult, cond string, args []any, filtered bool) {
	t.Helper()
	where, args := f.conditions()
	cond = strings.Join(where, " AND ")
	if _, err := searchNarrow(context.Background(), s.r(), sq, cond, args, -1, &fts); err != nil {
		t.Fatal(err)
	}
	return fts, cond, args, len(where) > 1
}

// The average length comes from FTS5's averages record: the texts'
// lengths as FTS5 counted them (article_search_docsize), averaged.
func TestAverageTokens(t *testing.T) {
	ctx := context.Background()
	s := phraseStore(t)
	got, err := averageTokens(ctx, s.r())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sz FROM article_search_docsize`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n, total int64
	for rows.Next() {
		var sz []byte
		rows.Scan(&sz)
		v, err := ftsVarints(sz)
		if err != nil || len(v) != 2 {
			t.Fatalf("docsize %x: %v %v", sz, v, err)
		}
		n, total = n+1, total+v[0]+v[1]
	}
	if want := float64(total) / float64(n); n != 151+20+3 || math.Abs(got-want) > 1e-9 {
		t.Errorf("average %v over the record, %v over %d rows of docsize", got, want, n)
	}
}

// A text's pairs are its adjacent words, the title's and the text's
// apart (no pair spans them), split where the index's tokenizer splits
// (punctuation, "_" too); a phrase's query is each of its pairs.
func TestWordPairs(t *testing.T) {
	fold := textsearch.Fold
	for _, c := range []struct{ title, text, want string }{
		{"Thu hồi đất", "Đất nông nghiệp.", "thu_hoi hoi_dat dat_nong nong_nghiep"},
		{"Một", "", ""},
		{"", "12/QĐ-UBND ngày 5", "12_qd qd_ubnd ubnd_ngay ngay_5"},
		{"a_b", "x", "a_b"}, // the title's two words, split at the underscore
	} {
		if got := wordPairs(fold(c.title), fold(c.text)); got != c.want {
			t.Errorf("wordPairs(%q, %q) = %q, want %q", c.title, c.text, got, c.want)
		}
	}
	if got := pairsMatch([]string{"thu", "hoi", "dat"}); got != `"thu_hoi" "hoi_dat"` {
		t.Errorf("pairsMatch = %s", got)
	}
}

// Every phrase of a text, any run of two or more of its words, finds the
// text among its candidates in the pairs' index, whatever the text holds
// (other scripts, digits of every kind, punctuation inside words,
// combining marks): the index's tokenizer reads the pairs as wardcrawl
// wrote them.
func FuzzPairsFindEveryPhrase(f *testing.F) {
	for _, seed := range []string{
		"Thu hồi đất ở phường Tân Lập",
		"Quyết định 12/QĐ-UBND ngày 5/3/2025 về x² và Ⅱ",
		"Ðiều 1. Giao đất — cho hộ ông Nguyễn Văn A_B (tổ 3)",
		"Thu hồi đất", // NFD: marks apart
		"东京 và Москва, ٣ ١٢",
	} {
		f.Add(seed)
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "w.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	id := int64(0)
	f.Fuzz(func(t *testing.T, text string) {
		words := tokens(text)
		if len(words) < 2 || len(words) > 40 {
			return
		}
		id++
		if _, err := s.db.ExecContext(ctx, `INSERT INTO article_pairs(rowid, pairs) VALUES (?, ?)`, id, wordPairs(textsearch.Fold(""), textsearch.Fold(text))); err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(words); i++ {
			phrase := words[i:min(i+3, len(words))]
			var found int
			if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM article_pairs WHERE article_pairs MATCH ? AND rowid = ?`, pairsMatch(phrase), id).Scan(&found); err != nil {
				t.Fatalf("%q: %v", pairsMatch(phrase), err)
			}
			if found != 1 {
				t.Errorf("%q: the text %q is not a candidate of its phrase %q", text, wordPairs("", textsearch.Fold(text)), pairsMatch(phrase))
			}
		}
	})
}
