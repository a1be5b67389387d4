package crawler

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

func articleTexts(t *testing.T, st *storage.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	for h, a := range articles(t, st) {
		out[h] = a.Title + "\n" + a.Text
	}
	return out
}

func sameArticles(t *testing.T, got, want map[string]string) {
	t.Helper()
	for h, a := range want {
		if got[h] != a {
			t.Errorf("stored article %s changed or lost", h)
		}
	}
}

// Another process takes the database's write lock in the middle of a run:
// the site stops with an error that says so, the run reports it, nothing
// stored before is touched, and the next run finishes the round.
func TestLockedDatabaseStopsTheRunCleanly(t *testing.T) {
	ctx := context.Background()
	p := newTestPortal(t, 6)
	path := filepath.Join(t.TempDir(), "w.db")
	st, err := storage.Open(ctx, path, storage.Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := site("p", p.URL+"/")
	s.RecheckAfter = 0 // every article page is fetched again, so the run has writes to make
	crawlOnce(t, st, s)
	before := articleTexts(t, st)

	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	var locked bool
	c := New(st, Options{RetryBase: 5 * time.Millisecond, Progress: func(storage.RunSiteStats) {
		once.Do(func() { _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); locked = err == nil })
	}})
	sum, err := c.Run(ctx, []config.Site{s})
	if !locked {
		t.Fatal("the test could not take the lock")
	}
	msg := sum.Sites[0].Error
	if err != nil {
		msg += " " + err.Error()
	}
	if !strings.Contains(msg, "locked") {
		t.Errorf("run under a held lock: site error %q, run error %v; want one saying the database is locked", sum.Sites[0].Error, err)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	conn.Close()

	if v, err := st.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity_check: %s %v", v, err)
	}
	sameArticles(t, articleTexts(t, st), before)
	p.addArticle(7, true)
	if next := crawlOnce(t, st, s); next.ArticlesNew != 1 {
		t.Errorf("the run after the lock: %+v", next)
	}
}

// A database on a read-only file (immutable, which even root cannot
// write): the crawl fails at once with an error that says why, and the
// database is unchanged.
func TestReadOnlyDatabase(t *testing.T) {
	ctx := context.Background()
	p := newTestPortal(t, 4)
	dir := t.TempDir()
	path := filepath.Join(dir, "w.db")
	st, err := storage.Open(ctx, path, storage.Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	s := site("p", p.URL+"/")
	crawlOnce(t, st, s)
	before := articleTexts(t, st)
	st.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	files = append(files, dir)
	if out, err := exec.Command("chattr", append([]string{"+i"}, files...)...).CombinedOutput(); err != nil {
		if os.Getenv("WARDCRAWL_REQUIRE_READERS") != "" {
			t.Fatalf("chattr: %v %s", err, out)
		}
		t.Skipf("cannot make files immutable here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", append([]string{"-i"}, files...)...).Run() })

	st, err = storage.Open(ctx, path, storage.Options{BusyTimeout: 200 * time.Millisecond})
	var runErr error
	if err == nil {
		p.addArticle(5, true)
		var sum Summary
		sum, runErr = fastCrawler(st).Run(ctx, []config.Site{s})
		if runErr == nil && sum.Sites[0].Error != "" {
			runErr = errorString(sum.Sites[0].Error)
		}
		st.Close()
	} else {
		runErr = err
	}
	t.Logf("the error: %v", runErr)
	if runErr == nil || !strings.Contains(runErr.Error(), "cannot write to it") {
		t.Errorf("crawl into a read-only database: %v; want an error saying it cannot be written", runErr)
	}
	exec.Command("chattr", append([]string{"-i"}, files...)...).Run()
	st, err = storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, err := st.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity_check: %s %v", v, err)
	}
	sameArticles(t, articleTexts(t, st), before)
}

type errorString string

func (e errorString) Error() string { return string(e) }
