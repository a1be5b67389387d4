package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
	"golang.org/x/text/unicode/norm"
)

// searchStore holds four articles: two about land recovery (one with it
// in its title, one only in its text), one on another site, one revised
// away by the site model.
func searchStore(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s := open(t)
	pub := func(d int) *time.Time { p := time.Date(2024, 3, d, 8, 0, 0, 0, vietnam); return &p }
	for _, a := range []Article{
		{ContentHash: "h-title", Site: "phuong-a", URL: "http://a/1", Title: "Thông báo thu hồi đất dự án đường Vành đai", Text: "Ủy ban nhân dân phường thông báo kế hoạch cho các hộ dân.", PublishedAt: pub(1), SeenAt: t0},
		{ContentHash: "h-body", Site: "phuong-a", URL: "http://a/2", Title: "Kế hoạch tháng 3", Text: "Trong tháng, phường tiếp tục công tác thu hồi đất và bồi thường, hỗ trợ tái định cư cho 12 hộ.", PublishedAt: pub(20), SeenAt: t0.Add(time.Hour)},
		{ContentHash: "h-other", Site: "xa-b", URL: "http://b/1", Title: "Thu hồi đất ở xã", Text: "Xã công bố quyết định số 12/QĐ-UBND về thu hồi đất nông nghiệp.", PublishedAt: pub(10), SeenAt: t0.Add(2 * time.Hour), RunID: 0},
		{ContentHash: "h-old", Site: "phuong-a", URL: "http://a/3", Title: "Thu hồi đất (bản cũ)", Text: "Bản cũ có thu hồi đất.", SeenAt: t0},
	} {
		if _, err := s.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ReviseArticle(ctx, Article{ContentHash: "h-new", Site: "phuong-a", URL: "http://a/3", Title: "Bản mới", Text: "Không còn cụm từ ấy."}, "h-old", "site model"); err != nil {
		t.Fatal(err)
	}
	return s
}

func search(t *testing.T, s *Store, q string, opt SearchQuery) (int, []string) {
	t.Helper()
	pq, err := textsearch.ParseQuery(q)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	opt.Query = pq
	n, hits, err := s.Search(context.Background(), opt)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	var out []string
	for _, h := range hits {
		out = append(out, h.ContentHash)
	}
	return n, out
}

// Tones, marks, đ, case and the input's normal form do not matter; a
// title hit ranks above a text hit; a phrase needs its words together;
// filters by site and date; a revised-away version is not found.
func TestSearchFoldsRanksAndFilters(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s := searchStore(t)
		for _, q := range []string{"thu hồi đất", "thu hoi dat", "THU HỒI ĐẤT", norm.NFD.String("thu hồi đất"), "Thu Hoi Dat"} {
			n, got := search(t, s, q, SearchQuery{})
			if n != 3 || len(got) != 3 || got[0] == "h-body" {
				t.Errorf("%q: %d %v (a title hit first, the revised version left out)", q, n, got)
			}
		}
		if _, got := search(t, s, "thu hoi dat", SearchQuery{Sites: []string{"phuong-a"}}); strings.Join(got, " ") != "h-title h-body" {
			t.Errorf("site filter, by relevance: %v", got)
		}
		if _, got := search(t, s, "thu hoi dat", SearchQuery{Sort: "date"}); strings.Join(got, " ") != "h-body h-other h-title" {
			t.Errorf("by date, newest first: %v", got)
		}
		since, until := time.Date(2024, 3, 5, 0, 0, 0, 0, vietnam), time.Date(2024, 3, 15, 0, 0, 0, 0, vietnam)
		if _, got := search(t, s, "thu hoi dat", SearchQuery{Since: &since, Until: &until}); strings.Join(got, " ") != "h-other" {
			t.Errorf("date range: %v", got)
		}
		if n, _ := search(t, s, `"dat thu hoi"`, SearchQuery{}); n != 0 {
			t.Errorf("a phrase in another order found %d", n)
		}
		if _, got := search(t, s, `"hồi đất nông"`, SearchQuery{}); strings.Join(got, " ") != "h-other" {
			t.Errorf("phrase: %v", got)
		}
		if _, got := search(t, s, `12/QĐ-UBND`, SearchQuery{}); strings.Join(got, " ") != "h-other" {
			t.Errorf("a number with punctuation: %v", got)
		}
		if _, got := search(t, s, `thu hoi dat NOT xa`, SearchQuery{Sort: "date"}); strings.Join(got, " ") != "h-body h-title" {
			t.Errorf("NOT: %v", got)
		}
		if _, got := search(t, s, `boi thuong OR "tai dinh cu"`, SearchQuery{}); strings.Join(got, " ") != "h-body" {
			t.Errorf("OR: %v", got)
		}
		if _, got := search(t, s, `bồi thườ*`, SearchQuery{}); strings.Join(got, " ") != "h-body" {
			t.Errorf("prefix: %v", got)
		}
		if n, got := search(t, s, "thu hoi dat", SearchQuery{Limit: 1, Offset: 1}); n != 3 || len(got) != 1 {
			t.Errorf("page 2 of 1: %d %v", n, got)
		}
		for _, sort := range []string{"", "date", "first_seen"} {
			if n, got := search(t, s, "thu hoi dat", SearchQuery{Sort: sort, Limit: 2, Offset: 4}); n != 3 || len(got) != 0 {
				t.Errorf("sort %q, a page past the last hit: %d %v (the total still 3)", sort, n, got)
			}
			if n, got := search(t, s, "thu hoi dat", SearchQuery{Sort: sort, Sites: []string{"nowhere"}}); n != 0 || len(got) != 0 {
				t.Errorf("sort %q, a filter that leaves none: %d %v", sort, n, got)
			}
		}
	})
}

// A phrase is tried first as a narrow query, its read of the index
// bounded: whether the bound holds all its matches or not (here 4 in the
// index, one of them revised away), the page, the total and whether it is
// capped are those of the same query run the general way.
func TestSearchPhraseFirstIsTheGeneralAnswer(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s := searchStore(t)
		ctx := context.Background()
		defer func(c, d int) { maxCounted, maxCandidates = c, d }(maxCounted, maxCandidates)
		pq, err := textsearch.ParseQuery(`"thu hồi đất"`)
		if err != nil || !pq.Phrase {
			t.Fatalf("%+v %v", pq, err)
		}
		general := pq
		general.Phrase = false
		for _, counted := range []int{1, 3, 4, 1000} {
			// The pairs' candidates (SQLite) are bounded alike: past the
			// bound the phrase goes the general way; within it its total
			// is exact, as the general way's is within maxCounted.
			maxCounted, maxCandidates = counted, counted
			for _, sort := range []string{"", "date", "first_seen"} {
				for _, off := range []int{0, 1, 3} {
					q := SearchQuery{Query: pq, Sort: sort, Limit: 2, Offset: off}
					got, err := s.SearchPage(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					q.Query = general
					want, err := s.SearchPage(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					if fmt.Sprint(hashes(got.Hits), got.Total, got.Capped) != fmt.Sprint(hashes(want.Hits), want.Total, want.Capped) {
						t.Errorf("maxCounted %d, sort %q, offset %d: phrase first %v %d %v, the general way %v %d %v", counted, sort, off,
							hashes(got.Hits), got.Total, got.Capped, hashes(want.Hits), want.Total, want.Capped)
					}
					if counted == 1000 && off == 0 && len(got.Hits) != 2 {
						t.Errorf("sort %q: %v", sort, hashes(got.Hits))
					}
				}
			}
		}
	})
}

func hashes(hits []SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ContentHash)
	}
	return out
}

// A query that cannot run is an textsearch.ErrBadQuery with a reason, never a
// failure of the store.
func TestSearchBadQueries(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s := searchStore(t)
		for _, q := range []string{`"`, `AND OR`, `*`, ``, `thu (hoi`, `NOT`, strings.Repeat("dat ", 200)} {
			pq, err := textsearch.ParseQuery(q)
			if err == nil {
				_, _, err = s.Search(context.Background(), SearchQuery{Query: pq})
			}
			if !errors.Is(err, textsearch.ErrBadQuery) || len(err.Error()) <= len(textsearch.ErrBadQuery.Error())+2 {
				t.Errorf("%q: %v", q, err)
			}
		}
	})
}

// A database from before the search index is indexed when it is next
// opened for writing, once; articles stored since are indexed with them.
func TestSearchBackfill(t *testing.T) {
	ctx := context.Background()
	// As if stored before version 8: no index row, not backfilled.
	path := unfilledArchive(t, []Article{{ContentHash: "h1", Site: "a", URL: "http://a/1", Title: "Đất đai", Text: "Thu hồi đất.", SeenAt: t0}}, Options{}, "article_search")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, got := search(t, s, "dat dai", SearchQuery{}); n != 1 || got[0] != "h1" {
		t.Fatalf("after the backfill: %d %v", n, got)
	}
	var rows int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM article_search`).Scan(&rows)
	if rows != 1 {
		t.Errorf("%d index rows for one article", rows)
	}
}

// A database from before the titles' index (schema 10) and the pairs'
// (schema 11) has every text indexed and no title or pair: until it is
// next opened for writing, a broad query ranks every match and a phrase
// is found through FTS5, with the same answers (a reader sees the indexes
// half filled); then each title and each text's pairs are indexed once,
// the texts not again.
func TestSearchTitlesBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var batch []Article
	for i := range 60 {
		title := fmt.Sprint("Tin số ", i)
		if i%2 == 0 {
			title += " đất"
		}
		batch = append(batch, Article{ContentHash: fmt.Sprint("h", i), Site: "a", URL: fmt.Sprint("http://a/", i), Title: title, Text: fmt.Sprint("đất ", strings.Repeat("chữ ", i%7)), SeenAt: t0})
	}
	if err := s.ImportArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	q, _ := textsearch.ParseQuery("dat")
	b0, c0 := broadMatches, maxCounted
	defer func() { broadMatches, maxCounted = b0, c0 }()
	_, full := searchPages(t, s, SearchQuery{Query: q}, 3)
	pq, _ := textsearch.ParseQuery(`"đất chữ"`)
	_, phraseFull := searchPages(t, s, SearchQuery{Query: pq}, 2)
	emptyIndexes(t, s, "article_titles", "article_pairs")
	s.Close()

	r, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	broadMatches, maxCounted = 10, 5
	if _, got := searchPages(t, r, SearchQuery{Query: q}, 3); fmt.Sprint(got) != fmt.Sprint(full) {
		t.Errorf("titles not indexed yet: pages %v\nthe full ranking %v", got, full)
	}
	broadMatches, maxCounted = b0, c0
	if _, got := searchPages(t, r, SearchQuery{Query: pq}, 2); fmt.Sprint(got) != fmt.Sprint(phraseFull) || len(got[0]) == 0 {
		t.Errorf("pairs not indexed yet: phrase pages %v\nwith them %v", got, phraseFull)
	}
	broadMatches, maxCounted = 10, 5
	r.Close()

	if s, err = Open(ctx, path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var texts, titles, pairs int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM article_search`).Scan(&texts)
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM article_titles`).Scan(&titles)
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM article_pairs`).Scan(&pairs)
	if texts != 60 || titles != 60 || pairs != 60 {
		t.Errorf("after the backfill: %d texts, %d titles and %d pairs indexed, want 60 each", texts, titles, pairs)
	}
	if _, got := searchPages(t, s, SearchQuery{Query: pq}, 2); fmt.Sprint(got) != fmt.Sprint(phraseFull) {
		t.Errorf("after the backfill: phrase pages %v\nbefore %v", got, phraseFull)
	}
	if v, err := s.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity after the backfill: %q %v", v, err)
	}
	if _, got := searchPages(t, s, SearchQuery{Query: q}, 1); len(got[0]) != 20 || got[0][0] != "h58" {
		t.Errorf("the titles first, newest first among equals: %v", got)
	}
}

// Articles are selected by discovery: first stored by a run, first seen
// since a time, in export and in search alike; an article seen again by a
// later run keeps its first run.
func TestSelectByDiscovery(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		for _, a := range []Article{
			{ContentHash: "r1", Site: "a", URL: "http://a/1", Title: "Thu hồi đất lần một", Text: "Một.", SeenAt: t0, RunID: 1},
			{ContentHash: "r2", Site: "a", URL: "http://a/2", Title: "Thu hồi đất lần hai", Text: "Hai.", SeenAt: t0.Add(time.Hour), RunID: 2},
			{ContentHash: "r1", Site: "a", URL: "http://a/1", Title: "Thu hồi đất lần một", Text: "Một.", SeenAt: t0.Add(2 * time.Hour), RunID: 3},
		} {
			if _, err := s.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		collect := func(f Filter) string {
			got = got[:0]
			s.EachArticle(ctx, f, func(r Record) error { got = append(got, r.ContentHash); return nil })
			return strings.Join(got, " ")
		}
		since := t0.Add(30 * time.Minute)
		if g := collect(Filter{FirstRun: 1}); g != "r1" {
			t.Errorf("first run 1: %s", g)
		}
		if g := collect(Filter{FirstRun: 3}); g != "" {
			t.Errorf("run 3 stored nothing new: %s", g)
		}
		if g := collect(Filter{FirstSeenSince: &since}); g != "r2" {
			t.Errorf("first seen since: %s", g)
		}
		if _, hits := search(t, s, "thu hoi dat", SearchQuery{FirstRun: 2}); strings.Join(hits, " ") != "r2" {
			t.Errorf("search, first run 2: %v", hits)
		}
	})
}

// Articles imported in a batch are found; a rebuilt index finds the same;
// the index's size is measured.
func TestImportAndRebuild(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		var batch []Article
		for i := range 50 {
			batch = append(batch, Article{ContentHash: fmt.Sprint("b", i), Site: "a", URL: fmt.Sprint("http://a/", i), Title: fmt.Sprint("Bài ", i), Text: "Đường giao thông nông thôn số " + fmt.Sprint(i), SeenAt: t0})
		}
		if err := s.ImportArticles(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if n, _ := search(t, s, "duong giao thong", SearchQuery{}); n != 50 {
			t.Fatalf("after import: %d", n)
		}
		if n, err := s.RebuildSearchIndex(ctx); err != nil || n != 50 {
			t.Fatalf("rebuild: %d %v", n, err)
		}
		if n, _ := search(t, s, "duong giao thong", SearchQuery{}); n != 50 {
			t.Fatalf("after the rebuild: %d", n)
		}
		index, total, err := s.SearchIndexBytes(ctx)
		if err != nil || index <= 0 || total <= index {
			t.Fatalf("index %d of %d bytes: %v", index, total, err)
		}
	})
}

// searchPages is the hashes of the first pages of a search, 20 hits a
// page, and the first page's result.
func searchPages(t *testing.T, s *Store, q SearchQuery, pages int) (SearchResult, [][]string) {
	t.Helper()
	var first SearchResult
	var out [][]string
	for p := range pages {
		q.Limit, q.Offset = 20, 20*p
		r, err := s.SearchPage(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if p == 0 {
			first = r
		}
		out = append(out, hashes(r.Hits))
	}
	return first, out
}

// A broad query (more matches than broadMatches, more than maxCounted) is
// ordered by date as a narrow one is, whichever way it is walked, and on
// PostgreSQL ranked as the full ranking does; its total is the index's
// count, said to be capped past the bound. (SQLite's broad ranking:
// TestBroadSearchRanksTitlesFirst.)
func TestBroadSearchRanksAsTheFullRanking(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		var batch []Article
		for i := range 300 {
			title := fmt.Sprint("Tin số ", i)
			if i%7 == 0 {
				title += " về đất đai"
			}
			text := strings.Repeat("phường ", 1+i%5) + fmt.Sprint("đất nền số ", i, " ") + strings.Repeat("chữ ", i%40)
			pub := t0.Add(time.Duration(i*37%300) * time.Hour)
			batch = append(batch, Article{ContentHash: fmt.Sprint("b", i), Site: "a", URL: fmt.Sprint("http://a/", i), Title: title, Text: text, PublishedAt: &pub, SeenAt: t0})
		}
		if err := s.ImportArticles(ctx, batch); err != nil {
			t.Fatal(err)
		}
		q, _ := textsearch.ParseQuery("đất")
		pages := func(sort string) (SearchResult, [][]string) {
			return searchPages(t, s, SearchQuery{Query: q, Sort: sort}, 4)
		}
		b0, c0 := broadMatches, maxCounted
		defer func() { broadMatches, maxCounted = b0, c0 }()
		_, pg := onPostgres.Load(t)
		for _, sort := range []string{"relevance", "date", "first_seen"} {
			if sort == "relevance" && !pg {
				continue
			}
			broadMatches, maxCounted = 1<<30, 1<<30
			full, want := pages(sort)
			broadMatches, maxCounted = 50, 20
			broad, got := pages(sort)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: broad pages %v\nfull ranking %v", sort, got, want)
			}
			if full.Total != 300 || full.Capped || broad.Total != 50 || !broad.Capped {
				t.Errorf("%s: totals %+v / %+v", sort, full, broad)
			}
		}
		// Past maxCounted, PostgreSQL ranks the title matches first (SQLite
		// only past broadMatches): the same pages here, where every text
		// has the word once and some titles have it too.
		broadMatches, maxCounted = 1<<30, 1<<30
		_, want := pages("relevance")
		maxCounted = 20
		if _, got := pages("relevance"); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("past maxCounted: pages %v\nfull ranking %v", got, want)
		}
		// Past maxCounted, the total is the index's count, up to the bound.
		maxCounted = 20
		broadMatches = 1 << 30
		if r, _ := pages("relevance"); r.Total != 300 || r.Capped {
			t.Errorf("the index's count: %d %v", r.Total, r.Capped)
		}
		broadMatches = 50
		if r, _ := pages("relevance"); r.Total != 50 || !r.Capped {
			t.Errorf("capped: %d %v", r.Total, r.Capped)
		}
	})
}

// On SQLite a broad query lists the texts with its word in their titles
// first, ranked by the title alone (bm25: a shorter title first, equal
// ones newest stored first), then the others as the full ranking orders
// them; pages across the seam, past it, and filtered (the best titles
// too few for the filter, so all are ranked) follow that order. Past
// titleWindow titles, the newest are ranked so and the older ones follow
// among the others.
func TestBroadSearchRanksTitlesFirst(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	var batch []Article
	titled := map[string]bool{}
	extra := map[string]int{} // a title's words beyond the shortest
	for i := range 700 {
		h := fmt.Sprint("b", i)
		title, site := fmt.Sprint("Tin số ", i), "a"
		if i%10 == 0 {
			site = "b"
		}
		if i%3 == 0 {
			titled[h], extra[h] = true, i%4
			title += " về đất" + strings.Repeat(" mới", i%4)
		}
		text := strings.Repeat("phường ", 1+i%5) + fmt.Sprint("đất nền số ", i, " ") + strings.Repeat("chữ ", i%40)
		batch = append(batch, Article{ContentHash: h, Site: site, URL: fmt.Sprint("http://a/", i), Title: title, Text: text, SeenAt: t0})
	}
	if err := s.ImportArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	q, _ := textsearch.ParseQuery("đất")
	num := func(h string) int { n, _ := strconv.Atoi(h[1:]); return n }
	defer func(b, c, w int) { broadMatches, maxCounted, titleWindow = b, c, w }(broadMatches, maxCounted, titleWindow)
	for _, window := range []int{10000, 60} {
		for _, sites := range [][]string{nil, {"b"}} {
			// The order expected: the newest titles (of all sites) by
			// length, then newest; the others in the full ranking's order.
			broadMatches, maxCounted = 1<<30, 1<<30
			full, err := s.SearchPage(ctx, SearchQuery{Query: q, Sites: sites, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			broadMatches, maxCounted, titleWindow = 50, 20, window
			var titles, rest []string
			for _, h := range hashes(full.Hits) {
				// Titled texts are every third, so the newest window of
				// them are those from the 3×window-th newest on.
				if titled[h] && num(h) >= 700-3*window {
					titles = append(titles, h)
				} else {
					rest = append(rest, h)
				}
			}
			sort.Slice(titles, func(i, j int) bool {
				a, b := titles[i], titles[j]
				return extra[a] < extra[b] || extra[a] == extra[b] && num(a) > num(b)
			})
			want := append(titles, rest...)
			pages := (len(titles) + 20) / 20 // through the seam and a page past it
			_, got := searchPages(t, s, SearchQuery{Query: q, Sites: sites}, pages+1)
			var flat []string
			for _, p := range got {
				flat = append(flat, p...)
			}
			if n := min(len(flat), len(want)); n < 20*(pages+1) || fmt.Sprint(flat) != fmt.Sprint(want[:n]) {
				t.Errorf("window %d, sites %v: %d titles ranked, pages %v\nwant %v", window, sites, len(titles), flat, want[:min(len(want), 20*(pages+1))])
			}
		}
	}
}

// BenchmarkSearchIndexes is what each search index costs an article as
// the store writes it: 300 articles of 150 words (and 10-word titles)
// from a Vietnamese announcement, in one statement per index, as a
// crawl's commit writes them. ns/op is per article.
func BenchmarkSearchIndexes(b *testing.B) {
	words := strings.Fields(`Ủy ban nhân dân phường thông báo về việc thu hồi đất để thực hiện dự án
		mở rộng đường giao thông nông thôn trên địa bàn tổ dân phố số 3, đề nghị các hộ gia đình cá nhân có
		đất bị thu hồi liên hệ bộ phận một cửa để được hướng dẫn lập hồ sơ bồi thường hỗ trợ tái định cư theo
		quy định của pháp luật hiện hành; thời gian tiếp nhận hồ sơ từ ngày 15 đến hết ngày 30 tháng 11 năm
		2025 trong giờ hành chính các ngày làm việc`)
	rng := rand.New(rand.NewPCG(1, 2))
	sentence := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	for _, ix := range []struct {
		name  string
		index int
	}{{"text", textIndex}, {"titles", titleIndex}, {"pairs", pairIndex}, {"text+titles", textIndex | titleIndex}, {"all", textIndex | titleIndex | pairIndex}} {
		b.Run(ix.name, func(b *testing.B) {
			s, err := Open(context.Background(), filepath.Join(b.TempDir(), "w.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			rows := make([]ftsRow, 300)
			id := int64(0)
			b.ResetTimer()
			for done := 0; done < b.N; done += len(rows) {
				b.StopTimer()
				for i := range rows {
					id++
					rows[i] = ftsRow{id, sentence(10), sentence(150)}
				}
				b.StartTimer()
				if err := s.tx(context.Background(), func(tx conn) error { return flushIndexes(context.Background(), tx, rows, ix.index) }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The WAL is checkpointed while the search indexes are filled: a
// backfill leaves no more WAL than a few of its batches write, where it
// wrote every index page it filled (3.7 GB for a million articles).
func TestBackfillCheckpoints(t *testing.T) {
	ctx := context.Background()
	var batch []Article
	words := strings.Fields("ủy ban nhân dân phường thông báo thu hồi đất dự án đường giao thông tổ dân phố hộ gia đình bồi thường hỗ trợ tái định cư")
	for i := range 6000 {
		var text []string
		for j := range 60 {
			text = append(text, words[(i*7+j*j)%len(words)], fmt.Sprint(i%97+j))
		}
		batch = append(batch, Article{ContentHash: fmt.Sprint("h", i), Site: "a", URL: fmt.Sprint("http://a/", i), Title: fmt.Sprint("Tin số ", i), Text: strings.Join(text, " "), SeenAt: t0})
	}
	path := unfilledArchive(t, batch, Options{})
	// backfill empties the pairs' index and fills it again, checkpointing
	// every so many batches; it returns the WAL's size then.
	defer func(n int) { backfillCheckpoint = n }(backfillCheckpoint)
	backfill := func(every int) int64 {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		emptyIndexes(t, s, "article_pairs")
		s.Close() // the WAL truncated
		backfillCheckpoint = every
		if s, err = Open(ctx, path, Options{}); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		fi, err := os.Stat(path + "-wal")
		if err != nil {
			t.Fatal(err)
		}
		var pairs int
		s.db.QueryRowContext(ctx, `SELECT count(*) FROM article_pairs`).Scan(&pairs)
		if pairs != len(batch) {
			t.Fatalf("%d texts' pairs indexed, want %d", pairs, len(batch))
		}
		return fi.Size()
	}
	unbounded, bounded := backfill(1<<30), backfill(2) // 12 batches of 500
	if bounded*3 > unbounded {
		t.Errorf("a backfill that checkpoints every 2 of its 12 batches left a WAL of %d bytes, one that does not %d", bounded, unbounded)
	}
}

// unfilledArchive is an archive of the articles at a path of its own
// (opened with opt) whose search indexes named are emptied, as in a
// database from before them: the next Open for writing fills them.
func unfilledArchive(t *testing.T, articles []Article, opt Options, indexes ...string) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := Open(ctx, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.ImportArticles(ctx, articles); err != nil {
		t.Fatal(err)
	}
	emptyIndexes(t, s, indexes...)
	return path
}

// emptyIndexes empties the search indexes named and marks them unfilled.
func emptyIndexes(t *testing.T, s *Store, indexes ...string) {
	t.Helper()
	for _, ix := range indexes {
		if _, err := s.db.ExecContext(context.Background(), `INSERT INTO `+ix+`(`+ix+`) VALUES ('delete-all')`); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(context.Background(), `UPDATE search_state SET backfilled = 0`); err != nil {
		t.Fatal(err)
	}
}

// Filling the search indexes of a database from an earlier version is
// long work (minutes for a million articles): Open says so when it
// starts, as it goes and when it is done.
func TestBackfillReportsProgress(t *testing.T) {
	ctx := context.Background()
	var batch []Article
	for i := range 1200 {
		batch = append(batch, Article{ContentHash: fmt.Sprint("h", i), Site: "a", URL: fmt.Sprint("http://a/", i), Title: fmt.Sprint("Tin số ", i), Text: "Thu hồi đất.", SeenAt: t0})
	}
	var quiet bytes.Buffer
	path := unfilledArchive(t, batch, Options{Log: slog.New(slog.NewTextHandler(&quiet, nil))}, "article_pairs")
	if quiet.Len() > 0 {
		t.Errorf("a new database's indexes reported: %s", quiet.String())
	}
	defer func(n int) { backfillReport = n }(backfillReport)
	backfillReport = 500
	var log bytes.Buffer
	s, err := Open(ctx, path, Options{Log: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	got := log.String()
	for _, want := range []string{`filling the search indexes for the articles stored before this version (once)" articles=1200`,
		`filling the search indexes" articles=500 of=1200`, `filling the search indexes" articles=1000 of=1200`, `indexes filled" articles=1200`} {
		if !strings.Contains(got, want) {
			t.Errorf("the log lacks %q:\n%s", want, got)
		}
	}
}

// WordTexts counts, for each word of a query, the texts of the whole
// index that hold it: every stored version (the index keeps revised ones
// too), a word repeated in one text counted once, a prefix as FTS5 and
// PostgreSQL read it.
func TestWordTexts(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s := searchStore(t)
		q, err := textsearch.ParseQuery("thu hồi ĐẤT bồi* xã vắng")
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.WordTexts(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{4, 4, 4, 1, 1, 0}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("WordTexts = %v, want %v", got, want)
		}
	})
}
