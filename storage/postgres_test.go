package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// An archive migrated to PostgreSQL holds every table's rows, verified by
// count and hash; its articles read back as the same records, in the same
// order, with every filter; a second migration into the same database is
// refused.
func TestMigrateToPostgres(t *testing.T) {
	pg := pgtest.Shared(t)
	ctx := context.Background()
	s := searchStore(t)
	// Something in every kind of table: a run, fetches with a capture, the
	// frontier, a schedule row, a held page, a site model, an alert.
	run, _ := s.StartRun(ctx, []string{"phuong-a"}, t0)
	a := Article{ContentHash: "h-cap", Site: "phuong-a", URL: "http://a/9", Title: "Lịch cắt điện", Text: "Điện lực thông báo.", SeenAt: t0, RunID: run}
	v := Visit{Kind: "article", Depth: 1, At: t0, Interval: time.Hour, NextDue: t0.Add(time.Hour), Visits: 1, Status: 200}
	enqueue1(t, s, entry("phuong-a", "http://a/9"))
	claim1(t, s, "phuong-a")
	if _, err := s.SavePage(ctx, Page{RequestURL: "http://a/9", Article: &a, Visit: &v, Capture: &Capture{RecordID: "<urn:uuid:x>", File: "a.warc.gz", Offset: 10, Length: 20, Type: "response", At: t0},
		Fetch: Fetch{RunID: run, Site: "phuong-a", URL: "http://a/9", Status: 200, FetchedAt: t0, IsArticle: true, ContentHash: "h-cap", ETag: `"e"`}}); err != nil {
		t.Fatal(err)
	}
	enqueue1(t, s, entry("phuong-a", "http://a/10"))
	if err := s.HoldPage(ctx, HeldPage{Page: Page{RequestURL: "http://a/11", Fetch: Fetch{RunID: run, Site: "phuong-a", URL: "http://a/11", Status: 200, FetchedAt: t0}}, Draft: []byte{0x1f, 0x8b, 0, 255}}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSiteModel(ctx, SiteModel{Site: "phuong-a", StartedAt: t0, Pages: 3, ArticlePages: 2, Blocks: []ModelBlock{{Key: 1<<63 + 42, Pages: 2, Sample: "Lượt xem"}}, Paths: []ModelPath{{Path: "div.noi-dung", Articles: 2}}}, t0); err != nil {
		t.Fatal(err)
	}
	s.RecordAlert(ctx, AlertDelivery{Alert: "dat", RunID: run, Articles: 1, Attempts: 2, Status: 200, At: t0})
	s.FinishRun(ctx, run, "ok", t0.Add(time.Minute), []RunSiteStats{{Site: "phuong-a", PagesFetched: 1}})

	dst, err := Open(ctx, pg.NewDatabase(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	checks, err := MigrateToPostgres(ctx, s, dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	for _, c := range checks {
		if !c.Matches || c.Hash == "" {
			t.Errorf("%+v", c)
		}
		rows[c.Table] = c.Rows
	}
	for _, table := range []string{"sites", "crawl_runs", "articles", "article_urls", "fetches", "captures", "frontier", "schedule", "held_pages", "site_models", "site_blocks", "site_paths", "alert_deliveries"} {
		if rows[table] == 0 {
			t.Errorf("%s: nothing copied (the test should fill it)", table)
		}
	}
	since := t0.Add(-time.Hour)
	for _, f := range []Filter{{}, {Sites: []string{"xa-b"}}, {MinChars: 60}, {FirstRun: run}, {FirstSeenSince: &since}} {
		var want, got []string
		s.EachArticle(ctx, f, func(r Record) error { b, _ := json.Marshal(r); want = append(want, string(b)); return nil })
		if err := dst.EachArticle(ctx, f, func(r Record) error { b, _ := json.Marshal(r); got = append(got, string(b)); return nil }); err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") || len(want) == 0 {
			t.Errorf("filter %+v: PostgreSQL gives\n%s\nSQLite\n%s", f, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if _, err := MigrateToPostgres(ctx, s, dst, nil); err == nil || !strings.Contains(err.Error(), "already holds") {
		t.Errorf("a second migration: %v", err)
	}
	// Opening again finds the schema up to date.
	again, err := Open(ctx, dst.url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

// Two processes' stores (workers) saving the same articles at once, in
// batches that overlap in opposite orders, store each exactly once: the
// transactions that lose a deadlock to the other's run again.
func TestTwoStoresSaveEachArticleOnce(t *testing.T) {
	ctx := context.Background()
	s1, s2 := pgPair(t)
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for i, s := range []*Store{s1, s2} {
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range 25 {
					n := (g*25 + k) % 100
					if i == 1 {
						n = 99 - n
					}
					a := art(fmt.Sprint("h", n), "phuong-a", fmt.Sprint("http://a/", n), t0)
					if _, err := s.SavePage(ctx, Page{Fetch: Fetch{Site: "phuong-a", URL: a.URL, Status: 200, FetchedAt: t0, IsArticle: true, ContentHash: a.ContentHash}, Article: &a}); err != nil {
						errs <- err
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := s1.Stats(ctx)
	if err != nil || st.Articles != 100 || st.ArticleURLs != 100 || st.Pages != 100 {
		t.Errorf("stats %+v %v", st, err)
	}
}

// Read-only on PostgreSQL writes nothing: every transaction is read-only,
// nothing is migrated, so a role granted SELECT alone serves and exports
// the archive; a database without wardcrawl's schema is named as such.
func TestPostgresReadOnly(t *testing.T) {
	ctx := context.Background()
	pg := pgtest.Shared(t)
	dsn := pg.NewDatabase(t)
	w, err := Open(ctx, dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.SaveArticle(ctx, art("h1", "phuong-a", "http://a/1", t0)); err != nil {
		t.Fatal(err)
	}
	// A reader role: SELECT on the tables, nothing else.
	for _, q := range []string{`CREATE ROLE reader_` + strconv.Itoa(os.Getpid()) + ` LOGIN`,
		`GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader_` + strconv.Itoa(os.Getpid())} {
		if _, err := w.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	u, _ := url.Parse(dsn)
	u.User = url.User("reader_" + strconv.Itoa(os.Getpid()))
	r, err := Open(ctx, u.String(), Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("a SELECT-only role: %v", err)
	}
	defer r.Close()
	if n, err := r.ArticleCount(ctx); err != nil || n != 1 {
		t.Errorf("read: %d %v", n, err)
	}
	if _, err := r.SaveArticle(ctx, art("h2", "phuong-a", "http://a/2", t0)); err == nil {
		t.Error("a read-only store wrote")
	}
	if _, err := Open(ctx, pg.NewDatabase(t), Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "not a wardcrawl database") {
		t.Errorf("an empty database: %v", err)
	}
}
