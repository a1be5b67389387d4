package storage

import (
	"context"
	"fmt"
	"math"
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
// each first seen at its own time, and one version revised away.
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
	if err := s.ImportArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReviseArticle(ctx, Article{ContentHash: "p-new", Site: "a", URL: "http://a/4", Title: "Bản mới", Text: "Không còn cụm từ ấy."}, "p4", "site model"); err != nil {
		t.Fatal(err)
	}
	return s
}

// A query of one phrase ranked by the store gives FTS5's pages and
// totals: bm25's order, equal scores newest first, whatever the filters.
func TestOnePhraseRanksAsFTS5(t *testing.T) {
	ctx := context.Background()
	s := phraseStore(t)
	for _, query := range []string{`"thu hồi đất"`, `"đất thu"`, `"phường phường thu"`} {
		q, err := textsearch.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		phrase, _ := q.OnePhrase()
		for _, sites := range [][]string{nil, {"b"}} {
			where, args := Filter{Sites: sites}.conditions()
			cond := strings.Join(where, " AND ")
			for offset := 0; offset < 100; offset += 20 {
				sq := SearchQuery{Query: q, Limit: 20, Offset: offset}
				var fts, own SearchResult
				if _, err := searchNarrow(ctx, s.r(), sq, cond, args, -1, &fts); err != nil {
					t.Fatal(err)
				}
				ok, err := searchOnePhrase(ctx, s.r(), sq, phrase, cond, args, &own)
				if err != nil || !ok && len(fts.Hits) > 0 {
					t.Fatalf("%s: %v %v", query, ok, err)
				}
				if !ok {
					continue
				}
				if got, want := hashes(own.Hits), hashes(fts.Hits); !slices.Equal(got, want) || len(want) > 0 && own.Total != fts.Total {
					t.Errorf("%s, sites %v, offset %d: %d %v\nFTS5's rank: %d %v", query, sites, offset, own.Total, got, fts.Total, want)
				}
			}
		}
	}
	// Past maxCounted matches the store does not rank: the query goes on.
	defer func(c int) { maxCounted = c }(maxCounted)
	maxCounted = 10
	q, _ := textsearch.ParseQuery(`"thu hồi đất"`)
	phrase, _ := q.OnePhrase()
	where, args := Filter{}.conditions()
	if ok, err := searchOnePhrase(ctx, s.r(), SearchQuery{Query: q, Limit: 20}, phrase, strings.Join(where, " AND "), args, &SearchResult{}); ok || err != nil {
		t.Errorf("more matches than maxCounted ranked: %v %v", ok, err)
	}
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
	if want := float64(total) / float64(n); n != 151 || math.Abs(got-want) > 1e-9 {
		t.Errorf("average %v over the record, %v over %d rows of docsize", got, want, n)
	}
}
