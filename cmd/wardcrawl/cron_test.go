package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/pgtest"
	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/storage"
)

// TestMain lets a test run wardcrawl's real main in a child process (the
// test binary itself, with WARDCRAWL_BE_MAIN=1), so it can be killed.
func TestMain(m *testing.M) {
	if os.Getenv("WARDCRAWL_BE_MAIN") == "1" {
		main()
		return
	}
	code := m.Run()
	pgtest.Stop() // the PostgreSQL server, if a test started it
	os.Exit(code)
}

// startMain starts wardcrawl in a child process.
func startMain(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "WARDCRAWL_BE_MAIN=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &out
}

// slowPortals serves the sample portals and writes a config that crawls
// them one request at a time, 60 ms apart: about 4 s in all.
func slowPortals(t *testing.T) ([]*sampleportal.Portal, string, string) {
	t.Helper()
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sampleportal.Close(ps) })
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	cfg := fmt.Sprintf("storage: {path: %s}\ndefaults: {delay: 60ms, parallelism: 1}\nsites:\n", db)
	for _, p := range ps {
		cfg += fmt.Sprintf("  - name: %s\n    start_urls: [%s]\n", p.Name, p.StartURL())
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return ps, path, db
}

func served(ps []*sampleportal.Portal) int {
	n := 0
	for _, p := range ps {
		n += len(p.Requests())
	}
	return n
}

func waitServed(t *testing.T, ps []*sampleportal.Portal, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for served(ps) < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d requests served", served(ps))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// openDB opens an existing database for a test to read.
func openDB(t *testing.T, db string) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), db, storage.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// fetched lists the URLs the database records as fetched, with counts.
func fetched(t *testing.T, db string) map[string]int {
	t.Helper()
	st := openDB(t, db)
	defer st.Close()
	out := map[string]int{}
	st.EachFetch(context.Background(), "", func(f storage.Fetch) error {
		out[f.URL] = f.Count
		return nil
	})
	if v, err := st.IntegrityCheck(context.Background()); err != nil || v != "ok" {
		t.Errorf("integrity_check: %s %v", v, err)
	}
	return out
}

func storedArticles(t *testing.T, db string) map[string]string {
	t.Helper()
	st := openDB(t, db)
	defer st.Close()
	out := map[string]string{}
	st.EachArticle(context.Background(), storage.Filter{}, func(r storage.Record) error {
		out[r.ContentHash] = strings.Join(r.URLs, " ")
		return nil
	})
	return out
}

// requests counts the requests each portal served, robots.txt left out.
func requests(ps []*sampleportal.Portal) map[string]int {
	out := map[string]int{}
	for _, p := range ps {
		for _, r := range p.Requests() {
			if r != "/robots.txt" {
				out[p.URL+r]++
			}
		}
	}
	return out
}

// kill -9 mid-crawl, then crawl again: the round resumes, no page the
// killed run finished is fetched again, nothing is stored twice, the
// database is intact, and the articles are an uninterrupted crawl's.
func TestKilledCrawlResumes(t *testing.T) {
	ps, cfg, db := slowPortals(t)
	cmd, out := startMain(t, "crawl", "--config", cfg, "--quiet")
	waitServed(t, ps, 25)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	before := requests(ps)
	done := fetched(t, db)
	if len(done) == 0 || len(done) >= 50 {
		t.Fatalf("killed run recorded %d fetches; the kill should land mid-way\n%s", len(done), out)
	}

	if _, stderr, err := run(t, "crawl", "--config", cfg, "--quiet"); err != nil {
		t.Fatalf("resumed crawl: %v\n%s", err, stderr)
	}
	after := requests(ps)
	for u := range done {
		if after[u] != before[u] {
			t.Errorf("%s was finished before the kill and fetched again", u)
		}
	}
	for u, n := range fetched(t, db) {
		if n != 1 {
			t.Errorf("%s recorded %d fetches", u, n)
		}
	}
	got := storedArticles(t, db)

	// The same crawl, uninterrupted, into a fresh database.
	ref := filepath.Join(t.TempDir(), "ref.db")
	if _, stderr, err := run(t, "crawl", "--config", cfg, "--db", ref, "--quiet"); err != nil {
		t.Fatalf("reference crawl: %v\n%s", err, stderr)
	}
	want := storedArticles(t, ref)
	if len(got) != len(want) || len(want) != 10 {
		t.Errorf("%d articles after kill and resume, %d uninterrupted", len(got), len(want))
	}
	for h, urls := range want {
		if got[h] == "" {
			t.Errorf("missing after resume: %s", urls)
		}
	}
	runs, _, _ := run(t, "runs", "--db", db, "--json")
	var rows []storage.RunRow
	json.Unmarshal([]byte(runs), &rows)
	if len(rows) != 2 || rows[1].Status != "aborted" || rows[0].Status != "ok" || !rows[0].Sites[0].Resumed {
		t.Errorf("runs after kill and resume: %s", runs)
	}
}

// SIGTERM: stop taking URLs, put in-flight ones back, write the summary,
// exit 143; SIGINT exits 130. The next run resumes.
func TestSignalStopsCleanly(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			ps, cfg, db := slowPortals(t)
			cmd, out := startMain(t, "crawl", "--config", cfg)
			waitServed(t, ps, 20)
			cmd.Process.Signal(c.sig)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != c.code {
				t.Fatalf("exit: %v, want code %d\n%s", err, c.code, out)
			}
			if !strings.Contains(out.String(), "interrupted") {
				t.Errorf("no summary printed:\n%s", out)
			}
			runs, _, _ := run(t, "runs", "--db", db, "--json")
			var rows []storage.RunRow
			json.Unmarshal([]byte(runs), &rows)
			if len(rows) != 1 || rows[0].Status != "interrupted" || rows[0].FinishedAt == nil || len(rows[0].Sites) != 3 {
				t.Fatalf("run after %s: %s", c.sig, runs)
			}
			queued := 0
			for _, s := range rows[0].Sites {
				queued += s.Queued
			}
			if queued == 0 {
				t.Errorf("nothing left queued after %s: %s", c.sig, runs)
			}
			before := requests(ps)
			done := fetched(t, db)
			if _, stderr, err := run(t, "crawl", "--config", cfg, "--quiet"); err != nil {
				t.Fatalf("resumed crawl: %v\n%s", err, stderr)
			}
			after := requests(ps)
			for u := range done {
				if after[u] != before[u] {
					t.Errorf("%s finished before %s and fetched again", u, c.sig)
				}
			}
			if n := len(storedArticles(t, db)); n != 10 {
				t.Errorf("%d articles after resume", n)
			}
		})
	}
}

// A second crawl on a database in use exits at once with code 75, unless
// --wait is given.
func TestSecondCrawlIsLockedOut(t *testing.T) {
	ps, cfg, db := slowPortals(t)
	lock, err := storage.Lock(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, _, err = run(t, "crawl", "--config", cfg)
	if exitCode(err) != 75 || !strings.Contains(err.Error(), "--wait") || !strings.Contains(err.Error(), "pid") {
		t.Fatalf("locked crawl: code %d, %v", exitCode(err), err)
	}
	if time.Since(start) > 2*time.Second {
		t.Error("a locked-out crawl must exit at once")
	}
	if served(ps) != 0 {
		t.Error("a locked-out crawl sent requests")
	}
	// With --wait it starts once the lock is released.
	go func() {
		time.Sleep(300 * time.Millisecond)
		lock.Unlock()
	}()
	if _, stderr, err := run(t, "crawl", "--config", cfg, "--wait", "--quiet"); err != nil {
		t.Fatalf("crawl --wait: %v\n%s", err, stderr)
	}
	if n := len(storedArticles(t, db)); n != 10 {
		t.Errorf("%d articles after crawl --wait", n)
	}
}

// The schedule daemon crawls each site on its cron schedule, one run per
// site at a time, holds the lock, and stops cleanly when told.
func TestScheduleDaemon(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`storage: {path: %s}
defaults: {delay: 0s, parallelism: 2}
sites:
  - name: %s
    start_urls: [%s]
    schedule: "* * * * * *"
    min_schedule_interval: 1s
  - name: %s
    start_urls: [%s]
`, db, ps[0].Name, ps[0].StartURL(), ps[1].Name, ps[1].StartURL())), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	var logs bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"schedule", "--config", cfg}, &bytes.Buffer{}, &syncWriter{w: &logs})
	}()
	deadline := time.Now().Add(20 * time.Second)
	for ps[0].Hits("/") < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	// While the daemon runs, a cron crawl on the same database is locked out.
	if _, _, err := run(t, "crawl", "--config", cfg); exitCode(err) != 75 {
		t.Errorf("crawl beside the daemon: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("schedule: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("schedule did not stop")
	}
	if ps[0].Hits("/") < 2 {
		t.Fatalf("scheduled site crawled %d times\n%s", ps[0].Hits("/"), logs.String())
	}
	if len(ps[1].Requests()) != 0 {
		t.Error("a site without a schedule was crawled")
	}
	out, _, err := run(t, "runs", "--db", db, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []storage.RunRow
	json.Unmarshal([]byte(out), &rows)
	if len(rows) < 2 {
		t.Fatalf("runs: %s", out)
	}
	// One run per site at a time: no run started before the previous ended.
	for i := len(rows) - 1; i > 0; i-- {
		prev, next := rows[i], rows[i-1]
		if prev.FinishedAt == nil || next.StartedAt.Before(prev.FinishedAt.Truncate(time.Second)) {
			t.Errorf("run %d started before run %d finished", next.ID, prev.ID)
		}
	}
	for _, want := range []string{"scheduled", "crawl finished", "stopped"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log has no %q:\n%s", want, logs.String())
		}
	}
	// No schedule anywhere: a usage error.
	os.WriteFile(cfg, []byte("sites:\n  - name: a\n    start_urls: [http://127.0.0.1:1/]\n"), 0o644)
	if _, _, err := run(t, "schedule", "--config", cfg); exitCode(err) != 2 {
		t.Errorf("schedule without schedules: %v", err)
	}
}

type syncWriter struct {
	mu chan struct{}
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	if s.mu == nil {
		s.mu = make(chan struct{}, 1)
	}
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.w.Write(p)
}
