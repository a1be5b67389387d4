package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2020, 10, 14, 8, 0, 0, 0, time.UTC)

func art(hash, site, url string, at time.Time) Article {
	pub := time.Date(2020, 10, 14, 15, 25, 0, 0, vietnam)
	return Article{ContentHash: hash, Site: site, URL: url, Title: "T " + hash, Text: "Nội dung " + hash, PublishedAt: &pub, SeenAt: at}
}

func TestMigrateIsIdempotentAndWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := s.SchemaVersion(ctx); v != latestSchema() {
			t.Errorf("schema version %d", v)
		}
		var mode string
		s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
		if mode != "wal" {
			t.Errorf("journal_mode %q", mode)
		}
		var busy int
		s.db.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy)
		if busy < 1000 {
			t.Errorf("busy_timeout %d", busy)
		}
		s.Close()
	}
}

func TestMustExist(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "none.db"), Options{MustExist: true})
	if !errors.Is(err, ErrNotExist) {
		t.Fatalf("want ErrNotExist, got %v", err)
	}
}

func TestSaveDeduplicatesAndKeepsHistory(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		check := func(a Article, want SaveResult) {
			t.Helper()
			got, err := s.SaveArticle(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("save %s@%s = %v, want %v", a.ContentHash, a.URL, got, want)
			}
		}
		check(art("h1", "a", "http://a/1", t0), New)
		check(art("h1", "a", "http://a/1", t0.Add(time.Hour)), Unchanged)   // same page again
		check(art("h1", "b", "http://b/9", t0.Add(2*time.Hour)), Unchanged) // syndicated elsewhere
		check(art("h2", "a", "http://a/1", t0.Add(3*time.Hour)), Changed)   // the page was edited
		check(art("h3", "a", "http://a/2", t0.Add(4*time.Hour)), New)

		var recs []Record
		if err := s.EachArticle(ctx, Filter{}, func(r Record) error { recs = append(recs, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 3 {
			t.Fatalf("%d articles, want 3", len(recs))
		}
		h1 := recs[0]
		if h1.ContentHash != "h1" || fmt.Sprint(h1.URLs) != "[http://a/1 http://b/9]" || h1.URL != "http://a/1" || h1.Site != "a" {
			t.Errorf("h1 record: %+v", h1)
		}
		if !h1.LastSeenAt.Equal(t0.Add(2*time.Hour)) || !h1.FirstSeenAt.Equal(t0) {
			t.Errorf("h1 seen %v..%v", h1.FirstSeenAt, h1.LastSeenAt)
		}
		if _, off := h1.FirstSeenAt.Zone(); off != 7*3600 {
			t.Errorf("times must carry +07:00, got offset %d", off)
		}
		if recs[1].ContentHash != "h2" || fmt.Sprint(recs[1].URLs) != "[http://a/1]" {
			t.Errorf("changed page must keep both versions: %+v", recs[1])
		}
		var onlyB []string
		s.EachArticle(ctx, Filter{Sites: []string{"b"}}, func(r Record) error { onlyB = append(onlyB, r.ContentHash); return nil })
		if fmt.Sprint(onlyB) != "[h1]" {
			t.Errorf("site filter: %v", onlyB)
		}
	})
}

// A sighting older than the stored first one (a WARC re-extracted after
// the crawl) becomes the article's first: its site, URL and time.
func TestEarlierSightingBecomesFirst(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		for _, a := range []Article{art("h1", "b", "http://b/9", t0.Add(time.Hour)), art("h1", "a", "http://a/1", t0), art("h1", "c", "http://c/3", t0.Add(2*time.Hour))} {
			if _, err := s.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		s.SaveArticle(ctx, art("h1", "b", "http://b/9", t0.Add(-time.Hour))) // an even older capture of a known URL
		var recs []Record
		s.EachArticle(ctx, Filter{}, func(r Record) error { recs = append(recs, r); return nil })
		r := recs[0]
		if len(recs) != 1 || r.Site != "b" || r.URL != "http://b/9" || !r.FirstSeenAt.Equal(t0.Add(-time.Hour)) || !r.LastSeenAt.Equal(t0.Add(2*time.Hour)) {
			t.Errorf("article after out-of-order sightings: %+v", recs)
		}
		var first string
		s.db.QueryRowContext(ctx, `SELECT first_seen_at FROM article_urls WHERE url = 'http://b/9'`).Scan(&first)
		if !parseTime(first).Equal(t0.Add(-time.Hour)) {
			t.Errorf("article_urls first_seen_at %s", first)
		}
	})
}

func TestConcurrentSavesStoreOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		var wg sync.WaitGroup
		results := make(chan SaveResult, 40)
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				r, err := s.SaveArticle(ctx, art("same", "a", fmt.Sprintf("http://a/%d", i%4), t0))
				if err != nil {
					t.Error(err)
				}
				results <- r
			}(i)
		}
		wg.Wait()
		close(results)
		news := 0
		for r := range results {
			if r == New {
				news++
			}
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.ArticleCount(ctx)
		if news != 1 || st.Articles != 1 || st.ArticleURLs != 4 || n != 1 || err != nil {
			t.Errorf("new=%d articles=%d (counted %d, %v) urls=%d", news, st.Articles, n, err, st.ArticleURLs)
		}
		if v, _ := s.IntegrityCheck(ctx); v != "ok" {
			t.Errorf("integrity: %s", v)
		}
	})
}

func TestRunsAndFetches(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		id, err := s.StartRun(ctx, []string{"a", "b"}, t0)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			if _, err := s.SavePage(ctx, Page{Fetch: Fetch{RunID: id, Site: "a", URL: "http://a/1", Status: 200, FetchedAt: t0, ContentType: "text/html", ETag: `"x"`}}); err != nil {
				t.Fatal(err)
			}
		}
		s.SavePage(ctx, Page{Fetch: Fetch{RunID: id, Site: "b", URL: "http://b/", Status: 0, FetchedAt: t0, Err: "connection refused"}})
		if err := s.FinishRun(ctx, id, "partial", t0.Add(time.Minute), []RunSiteStats{{Site: "a", PagesFetched: 2}, {Site: "b", Errors: 1, Error: "connection refused"}}); err != nil {
			t.Fatal(err)
		}
		st, _ := s.Stats(ctx)
		if st.Pages != 2 || st.Runs != 1 || st.LastRun == nil || st.LastRun.Status != "partial" || len(st.LastRun.Sites) != 2 {
			t.Errorf("stats: %+v", st)
		}
		var count int
		s.db.QueryRow(`SELECT fetch_count FROM fetches WHERE url = 'http://a/1'`).Scan(&count)
		if count != 2 {
			t.Errorf("fetch_count %d", count)
		}
		if len(st.Sites) != 2 || st.Sites[1].Errors != 1 {
			t.Errorf("site stats: %+v", st.Sites)
		}
	})
}

func TestEachArticleFilters(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		mk := func(hash string, pub *time.Time, text string, seen time.Time) {
			a := Article{ContentHash: hash, Site: "a", URL: "http://a/" + hash, Title: hash, Text: text, PublishedAt: pub, SeenAt: seen}
			if _, err := s.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		d := func(y, m, day int) *time.Time { v := time.Date(y, time.Month(m), day, 9, 0, 0, 0, vietnam); return &v }
		mk("old", d(2019, 5, 1), "ngắn", t0)
		mk("mid", d(2020, 6, 1), strings.Repeat("chữ ", 100), t0)
		mk("nodate", nil, strings.Repeat("chữ ", 100), *d(2021, 1, 1)) // dated by first_seen_at
		got := func(f Filter) string {
			var hs []string
			s.EachArticle(ctx, f, func(r Record) error { hs = append(hs, r.ContentHash); return nil })
			return strings.Join(hs, ",")
		}
		if g := got(Filter{Since: d(2020, 1, 1)}); g != "mid,nodate" {
			t.Errorf("since 2020: %s", g)
		}
		if g := got(Filter{Until: d(2020, 6, 1)}); g != "old" {
			t.Errorf("until 2020-06-01 (exclusive): %s", g)
		}
		if g := got(Filter{MinChars: 50}); g != "mid,nodate" {
			t.Errorf("min chars: %s", g)
		}
		if g := got(Filter{Since: d(2020, 1, 1), Until: d(2020, 12, 31), MinChars: 50, Sites: []string{"a"}}); g != "mid" {
			t.Errorf("all filters: %s", g)
		}
	})
}

// A full disk (here: the database at its page limit) fails the save that
// needs room, whole: the transaction rolls back, everything stored before
// is intact, and the database passes integrity_check.
func TestFullDatabaseLosesNothing(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	for i := range 20 {
		if _, err := s.SaveArticle(ctx, art(fmt.Sprintf("h%d", i), "a", fmt.Sprintf("http://a/%d", i), t0)); err != nil {
			t.Fatal(err)
		}
	}
	var pages int
	s.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages)
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Nội dung rất dài của một bài viết. ", 2000)
	var full error
	for i := 0; i < 50 && full == nil; i++ {
		a := art(fmt.Sprintf("big%d", i), "a", fmt.Sprintf("http://a/big/%d", i), t0)
		a.Text = long + strconv.Itoa(i)
		_, full = s.SavePage(ctx, Page{Fetch: Fetch{Site: "a", URL: a.URL, Status: 200, FetchedAt: t0, IsArticle: true, ContentHash: a.ContentHash}, Article: &a})
	}
	if full == nil || !strings.Contains(full.Error(), "full") {
		t.Fatalf("saving past the limit: %v, want a 'full' error", full)
	}
	if !strings.HasPrefix(full.Error(), "save page http://a/big/") {
		t.Errorf("the error does not say what failed: %v", full)
	}
	var n, orphans int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n)
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM fetches f WHERE f.is_article AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.content_hash = f.content_hash)`).Scan(&orphans)
	if n < 20 || orphans != 0 {
		t.Errorf("%d articles after the failure (20 before), %d fetches pointing at no article", n, orphans)
	}
	for i := range 20 {
		var text string
		s.db.QueryRowContext(ctx, `SELECT text FROM articles WHERE content_hash = ?`, fmt.Sprintf("h%d", i)).Scan(&text)
		if text != "Nội dung "+fmt.Sprintf("h%d", i) {
			t.Errorf("article h%d damaged: %q", i, text)
		}
	}
	if v, err := s.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity_check: %s %v", v, err)
	}
}

// A fetch keeps the parser's decision; a 304, which is not parsed, keeps
// the decision of the copy it confirms.
func TestFetchKeepsTheDecision(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		d := `{"decision":"not an article","reason":"no publish date (score -1.0)","signals":[]}`
		if _, err := s.SavePage(ctx, Page{Fetch: Fetch{Site: "a", URL: "http://a/x", Status: 200, FetchedAt: t0, Decision: d, TextChars: 812}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SavePage(ctx, Page{Fetch: Fetch{Site: "a", URL: "http://a/x", Status: 304, FetchedAt: t0.Add(time.Hour)}}); err != nil {
			t.Fatal(err)
		}
		f, ok, err := s.LastFetch(ctx, "http://a/x")
		if err != nil || !ok || f.Decision != d || f.TextChars != 812 || f.Status != 304 {
			t.Errorf("after a 304: %+v", f)
		}
		d2 := `{"decision":"article","signals":[]}`
		s.SavePage(ctx, Page{Fetch: Fetch{Site: "a", URL: "http://a/x", Status: 200, FetchedAt: t0.Add(2 * time.Hour), Decision: d2, TextChars: 900}})
		if f, _, _ := s.LastFetch(ctx, "http://a/x"); f.Decision != d2 || f.TextChars != 900 {
			t.Errorf("a new decision replaces the old: %+v", f)
		}
	})
}

// Read-only opens never write: a missing, empty or foreign file, or an
// older schema, is an error that says which, and nothing is created.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for name, data := range map[string]string{"empty.db": "", "notes.db": "these are notes, not SQLite\n"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(data), 0o644)
		if _, err := Open(ctx, path, Options{ReadOnly: true}); err == nil {
			t.Errorf("%s opened", name)
		}
		if b, _ := os.ReadFile(path); string(b) != data {
			t.Errorf("%s was written", name)
		}
	}
	if _, err := Open(ctx, filepath.Join(dir, "none.db"), Options{ReadOnly: true}); !errors.Is(err, ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	s := open(t)
	path := s.Path()
	s.Close()
	if _, err := s.db.Exec(`SELECT 1`); err == nil {
		t.Fatal("closed")
	}
	r, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Stats(ctx); err != nil {
		t.Errorf("stats read-only: %v", err)
	}
	// Its connections keep a server's hot pages (readOnlyCacheKiB).
	var cache int
	if err := r.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil || cache != -readOnlyCacheKiB {
		t.Errorf("cache_size = %d, %v; want %d", cache, err, -readOnlyCacheKiB)
	}
	r.Close()
	raw, _ := sql.Open("sqlite", path)
	defer raw.Close()
	latest := latestSchema()
	raw.Exec(`INSERT INTO schema_migrations(version, applied_at) VALUES (?, 'x')`, latest+1)
	if _, err := Open(ctx, path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "newer wardcrawl") {
		t.Errorf("newer schema: %v", err)
	}
	raw.Exec(`DELETE FROM schema_migrations WHERE version >= ?`, latest)
	if _, err := Open(ctx, path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "older than this wardcrawl") {
		t.Errorf("older schema: %v", err)
	}
}

func TestSavePagesSavesAllOrNone(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		urls := []string{"http://a/1", "http://a/2", "http://a/3"}
		for _, u := range urls {
			enqueue1(t, s, entry("a", u))
		}
		if cs, err := s.Claim(ctx, "a", 3); err != nil || len(cs) != 3 {
			t.Fatalf("claim: %v, %d claimed", err, len(cs))
		}
		page := func(u, hash string, run int64) Page {
			a := art(hash, "a", u, t0)
			return Page{RequestURL: u, Article: &a, Fetch: Fetch{URL: u, Site: "a", Status: 200, FetchedAt: t0, IsArticle: true, ContentHash: hash, RunID: run}}
		}
		// check: how many articles are stored, and each URL's state in
		// the frontier.
		check := func(when string, articles, want int) {
			t.Helper()
			var n int
			s.db.QueryRow(`SELECT count(*) FROM articles`).Scan(&n)
			if n != articles {
				t.Errorf("%s: %d articles stored, want %d", when, n, articles)
			}
			for _, u := range urls {
				s.db.QueryRow(`SELECT state FROM frontier WHERE url = '` + u + `'`).Scan(&n)
				if n != want {
					t.Errorf("%s: %s is in frontier state %d, want %d", when, u, n, want)
				}
			}
		}
		// The last page's fetch names a run that does not exist: none of
		// the three is stored.
		if _, err := s.SavePages(ctx, []Page{page(urls[0], "h1", 0), page(urls[1], "h2", 0), page(urls[2], "h3", 999)}); err == nil || !strings.Contains(err.Error(), urls[2]) {
			t.Fatalf("a batch with a page that cannot be stored: %v, want an error naming %s", err, urls[2])
		}
		check("after a failed batch", 0, stateInFlight)
		// The same text at two URLs: new, then unchanged, as one by one.
		res, err := s.SavePages(ctx, []Page{page(urls[0], "h1", 0), page(urls[1], "h2", 0), page(urls[2], "h1", 0)})
		if err != nil {
			t.Fatal(err)
		}
		if want := []SaveResult{New, New, Unchanged}; !slices.Equal(res, want) {
			t.Errorf("results %v, want %v", res, want)
		}
		check("after the batch", 2, stateDone)
	})
}

// The integrity check finds the archive's rows untied, on either backend:
// an article out of the search index, an index row of no article, an
// article seen at no URL.
func TestIntegrityCheckFindsBrokenLinks(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		_, pg := onPostgres.Load(t)
		if _, err := s.SaveArticle(ctx, Article{ContentHash: "h1", Site: "a", URL: "http://a/1", Title: "Đất đai", Text: "Thu hồi đất.", SeenAt: t0}); err != nil {
			t.Fatal(err)
		}
		if err := s.IndexQueued(ctx); err != nil {
			t.Fatal(err)
		}
		expect := func(want string) {
			t.Helper()
			if v, err := s.IntegrityCheck(ctx); err != nil || !strings.Contains(v, want) {
				t.Errorf("integrity %q, %v; want %q", v, err, want)
			}
		}
		expect("ok")
		breaks := []struct{ sql, want string }{
			{`INSERT INTO article_search(article_search) VALUES ('delete-all')`, "1 articles missing from article_search"},
			{`INSERT INTO article_titles(rowid, title) VALUES (999, 'x')`, "1 article_titles rows of no article"},
			{`DELETE FROM article_urls`, "1 articles seen at no URL"},
			{`INSERT INTO article_pairs(article_pairs) VALUES ('delete-all')`, "1 articles missing from article_pairs"},
			{`INSERT INTO article_pairs(rowid, pairs) VALUES (998, 'x_y')`, "1 article_pairs rows of no article"},
		}
		if pg {
			breaks[0].sql = `DELETE FROM article_search`
			breaks[1] = struct{ sql, want string }{`INSERT INTO article_search(rowid, doc, title) VALUES (999, to_tsvector('simple', 'x'), to_tsvector('simple', 'x'))`, "1 article_search rows of no article"}
			breaks = breaks[:3]
		}
		for _, b := range breaks {
			if _, err := s.db.ExecContext(ctx, b.sql); err != nil {
				t.Fatalf("%s: %v", b.sql, err)
			}
			expect(b.want)
		}
	})
}
