package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/storage"
)

// After two crawls of a sample portal, frontier lists its schedule: the
// start URL and the pages it links due every run, the articles waiting
// recheck_after, each with its last visit, interval and why; --due keeps
// the due ones, --json has the same rows; a site never crawled is an
// error naming the database.
func TestFrontierListsTheSchedule(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	p := ps[0]
	dir := t.TempDir()
	db, cfg := filepath.Join(dir, "w.db"), filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: {path: %s}\ndefaults: {delay: 0s}\nsites:\n  - name: %s\n    start_urls: [%s]\n", db, p.Name, p.StartURL())), 0o644)
	for range 2 {
		if _, stderr, err := run(t, "crawl", "--config", cfg, "-q"); err != nil {
			t.Fatalf("crawl: %v\n%s", err, stderr)
		}
	}
	out, stderr, err := run(t, "frontier", p.Name, "--config", cfg, "--limit", "0")
	if err != nil {
		t.Fatalf("frontier: %v\n%s", err, stderr)
	}
	for _, want := range []string{p.Name + ": ", "URLs scheduled", "NEXT DUE", "start", "hub", "article", "30d", "a start URL: every run", "+07:00"} {
		if !strings.Contains(out, want) {
			t.Errorf("frontier output lacks %q:\n%s", want, out)
		}
	}
	var js struct {
		URLs int                 `json:"urls"`
		Due  int                 `json:"due"`
		Rows []storage.Scheduled `json:"schedule"`
	}
	out, _, err = run(t, "frontier", p.Name, "--config", cfg, "--json", "--limit", "0")
	if err != nil || json.Unmarshal([]byte(out), &js) != nil {
		t.Fatalf("frontier --json: %v\n%s", err, out)
	}
	if js.URLs != len(js.Rows) || js.Due == 0 || js.Due >= js.URLs {
		t.Fatalf("--json: %d URLs, %d due, %d rows", js.URLs, js.Due, len(js.Rows))
	}
	articles := 0
	for _, r := range js.Rows {
		if r.Visits != 2 && (r.Kind == "start" || r.Kind == "hub") {
			t.Errorf("%s (%s) visited %d times in two runs", r.URL, r.Kind, r.Visits)
		}
		if r.Kind == "article" {
			articles++
			if r.Interval != 720*time.Hour || r.Visits != 1 {
				t.Errorf("article %s: interval %s, %d visits", r.URL, r.Interval, r.Visits)
			}
		}
	}
	if articles == 0 {
		t.Error("no article in the schedule")
	}
	out, _, _ = run(t, "frontier", p.Name, "--config", cfg, "--due", "--json", "--limit", "0")
	json.Unmarshal([]byte(out), &js)
	for _, r := range js.Rows {
		if r.NextDue.After(time.Now()) {
			t.Errorf("--due listed %s, due at %s", r.URL, r.NextDue)
		}
	}
	if len(js.Rows) != js.Due {
		t.Errorf("--due listed %d rows, %d due", len(js.Rows), js.Due)
	}
	if _, _, err := run(t, "frontier", "no-such-site", "--config", cfg); err == nil || !strings.Contains(err.Error(), "no revisit schedule in "+db) {
		t.Errorf("unknown site: %v", err)
	}
}
