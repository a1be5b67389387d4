package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
)

// wordsStore holds texts drawn from a dozen words of unequal frequency,
// of unequal lengths, on two sites, first seen at their own times, one
// version revised away; its search index has pages of 64 bytes, so that
// a word's entries go on over many pages. sameLength: every title and
// every text has the same number of words.
func wordsStore(t *testing.T, n int, sameLength bool) *Store {
	t.Helper()
	ctx := context.Background()
	s := open(t)
	if _, err := s.db.ExecContext(ctx, `INSERT INTO article_search(article_search, rank) VALUES ('pgsz', 64)`); err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("đất phường thu hồi xã dân ủy ban quyết định kế hoạch")
	rng := rand.New(rand.NewPCG(7, 11))
	draw := func(k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = words[min(rng.IntN(len(words)), rng.IntN(len(words)))] // the first words more often
		}
		return strings.Join(out, " ")
	}
	for b := 0; b < n; b += 40 { // a transaction, and a segment, every 40 articles
		var batch []Article
		for i := b; i < min(b+40, n); i++ {
			tl, xl := 3+rng.IntN(6), 5+rng.IntN(60)
			if sameLength {
				tl, xl = 5, 30
			}
			site := []string{"a", "b"}[i%2]
			batch = append(batch, Article{ContentHash: fmt.Sprint("w", i), Site: site, URL: fmt.Sprint("http://", site, "/", i),
				Title: draw(tl), Text: draw(xl), SeenAt: t0.Add(time.Duration(i*7%n) * time.Minute)})
		}
		if err := s.ImportArticles(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if err := s.IndexQueued(ctx); err != nil { // a segment a batch, as a crawl's batches write them
			t.Fatal(err)
		}
	}
	if _, err := s.ReviseArticle(ctx, Article{ContentHash: "w-new", Site: "a", URL: "http://a/4", Title: "Bản mới", Text: "Thu hồi đất của dân."}, "w4", "site model"); err != nil {
		t.Fatal(err)
	}
	if err := s.IndexQueued(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// wordsBothWays answers a query of words twice: ranked by the store
// (searchWords) and by FTS5 (searchNarrow, every match ranked by bm25).
func wordsBothWays(t *testing.T, s *Store, sq SearchQuery, f Filter) (own, fts SearchResult, ok bool) {
	t.Helper()
	fts, cond, args, filtered := rankedByFTS5(t, s, sq, f)
	words, plain := sq.Query.PlainWords()
	if !plain {
		t.Fatalf("%q is not words alone", sq.Query.Raw)
	}
	ok, err := s.searchWords(context.Background(), sq, words, cond, args, filtered, &own)
	if err != nil {
		t.Fatal(err)
	}
	return own, fts, ok
}

// A query of words ranked by the store gives FTS5's pages and totals:
// bm25's order (each word's weight its count of texts over the whole
// index, the title weighing ten times the text, the text's length),
// equal scores newest first, whatever the filters and the page; and
// SearchPage answers it so.
func TestSearchWordsRanksAsFTS5(t *testing.T) {
	ctx := context.Background()
	s := wordsStore(t, 400, false)
	for _, query := range []string{"thu hồi", "đất kế hoạch", "ủy ban dân", "hoạch kế", "đất đất phường", "quyết định xã phường", "dân không"} {
		q, err := textsearch.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		for _, sites := range [][]string{nil, {"b"}} {
			for offset := 0; offset < 60; offset += 20 {
				sq := SearchQuery{Query: q, Limit: 20, Offset: offset, Sites: sites}
				own, fts, ok := wordsBothWays(t, s, sq, Filter{Sites: sites})
				if !ok {
					t.Fatalf("%s: left to FTS5", query)
				}
				if len(fts.Hits) == 0 && offset > 0 {
					// Past the last hit FTS5's statement has no row to
					// count on: the total is the first page's.
					first, _, _ := wordsBothWays(t, s, SearchQuery{Query: q, Limit: 20, Sites: sites}, Filter{Sites: sites})
					fts.Total = first.Total
				}
				if got, want := hashes(own.Hits), hashes(fts.Hits); !slices.Equal(got, want) || own.Total != fts.Total || own.Capped {
					t.Errorf("%s, sites %v, offset %d: %d %v\nFTS5's: %d %v", query, sites, offset, own.Total, got, fts.Total, want)
				}
				page, err := s.SearchPage(ctx, sq)
				if err != nil || !slices.Equal(hashes(page.Hits), hashes(own.Hits)) || page.Total != own.Total {
					t.Errorf("%s, sites %v, offset %d: SearchPage = %d %v, %v; want %d %v", query, sites, offset, page.Total, hashes(page.Hits), err, own.Total, hashes(own.Hits))
				}
			}
		}
	}
}

// Of more texts than broadMatches, a pool is scored exactly, picked by
// the score each would have at the average length: when every text is
// as long as the average, that is bm25's order, and the total is the
// index's own count of the texts holding the words.
func TestSearchWordsScoresAPoolOfManyMatches(t *testing.T) {
	s := wordsStore(t, 200, true)
	defer func(m, g, p int) { broadMatches, broadPool = m, p; broadGuess = float64(g) }(broadMatches, int(broadGuess), broadPool)
	broadMatches, broadGuess, broadPool = 10, 1e9, 15
	q, err := textsearch.ParseQuery("thu hồi đất")
	if err != nil {
		t.Fatal(err)
	}
	for _, offset := range []int{0, 5, 30} {
		sq := SearchQuery{Query: q, Limit: 5, Offset: offset}
		own, fts, ok := wordsBothWays(t, s, sq, Filter{})
		if !ok {
			t.Fatal("left to FTS5")
		}
		if fts.Total <= 30 {
			t.Fatalf("the words are found in %d texts: too few for the test", fts.Total)
		}
		// Every version in the index counts, the one revised away too.
		if got, want := hashes(own.Hits), hashes(fts.Hits); !slices.Equal(got, want) || own.Total < fts.Total || own.Total > fts.Total+1 {
			t.Errorf("offset %d: %d %v\nFTS5's: %d %v", offset, own.Total, got, fts.Total, want)
		}
	}
	// A guess of more than broadGuess × broadMatches texts goes the
	// general way, before any entry is read.
	broadGuess = 1
	if _, _, ok := wordsBothWays(t, s, SearchQuery{Query: q, Limit: 5}, Filter{}); ok {
		t.Error("words found together in 20 times broadMatches texts were ranked by the store")
	}
}

// What the store does not read, it leaves to FTS5: an index holding an
// entry that deletes a text, or a word the tokenizer folds itself.
func TestSearchWordsLeavesToFTS5(t *testing.T) {
	ctx := context.Background()
	s := wordsStore(t, 100, false)
	for _, query := range []string{"thu hồi", "thu ωμέγα"} {
		q, err := textsearch.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		sq := SearchQuery{Query: q, Limit: 10}
		if query == "thu hồi" {
			var title, text string
			if err := s.db.QueryRowContext(ctx, `SELECT title, text FROM articles WHERE content_hash = 'w3'`).Scan(&title, &text); err != nil {
				t.Fatal(err)
			}
			if _, err := s.db.ExecContext(ctx, `INSERT INTO article_search(article_search, rowid, title, body) SELECT 'delete', rowid, ?, ? FROM articles WHERE content_hash = 'w3'`,
				textsearch.Fold(title), textsearch.Fold(text)); err != nil {
				t.Fatal(err)
			}
		}
		own, fts, ok := wordsBothWays(t, s, sq, Filter{})
		if ok {
			t.Errorf("%s: ranked by the store: %v", query, hashes(own.Hits))
		}
		page, err := s.SearchPage(ctx, sq)
		if err != nil || !slices.Equal(hashes(page.Hits), hashes(fts.Hits)) {
			t.Errorf("%s: SearchPage = %v, %v; want FTS5's %v", query, hashes(page.Hits), err, hashes(fts.Hits))
		}
		if query == "thu hồi" && slices.Contains(hashes(page.Hits), "w3") {
			t.Error("a text deleted from the index was found")
		}
	}
}
