package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/bench"
	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/internal/pgtest"
)

// TestBenchSmoke runs `wardcrawl bench` on a small farm, every measure
// included (CI has wget), and checks what it measured, never how fast:
// every crawler fetched every farm page, the pipeline stored and exported
// every article, the larger farm was crawled whole, and the ratios and
// targets are there.
func TestBenchSmoke(t *testing.T) {
	requireTool(t, "wget", "apt-get install wget")
	t.Setenv("WARDCRAWL_BE_MAIN", "1") // the pipeline runs this test binary as wardcrawl
	var out, errs bytes.Buffer
	dir := t.TempDir()
	if err := Run(context.Background(), []string{"bench", "--pages", "300", "--json", "--dir", dir}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	var res bench.Result
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if res.Farm.Sites != len(farm.New(300).Sites) || res.Farm.Sites < 9 || res.Farm.Articles != 300 || res.Farm.Pages <= 300 {
		t.Fatalf("farm %+v", res.Farm)
	}
	byName := map[string]bench.Measure{}
	for _, m := range res.Measures {
		byName[m.Name] = m
		if m.Skipped {
			t.Errorf("%s skipped: %s", m.Name, m.Note)
		}
		if m.Seconds <= 0 {
			t.Errorf("%s: %v seconds", m.Name, m.Seconds)
		}
	}
	for _, name := range []string{bench.Ceiling, bench.Pipeline, bench.Wget, bench.Colly} {
		if got := byName[name].Pages; got != res.Farm.Pages {
			t.Errorf("%s handled %d of the farm's %d pages", name, got, res.Farm.Pages)
		}
	}
	for _, name := range []string{bench.Ceiling, bench.Pipeline, bench.Export} {
		if got := byName[name].Articles; got != 300 {
			t.Errorf("%s: %d articles, want 300", name, got)
		}
	}
	if p2 := byName[bench.Pipeline2]; p2.Pages != farm.New(600).Pages() || p2.Articles != 600 {
		t.Errorf("pipeline-2x: %d pages, %d articles", p2.Pages, p2.Articles)
	}
	if byName[bench.Pipeline].PeakRSSMB <= 0 || res.DBBytes <= 0 {
		t.Errorf("peak RSS %v MB, database %d bytes", byName[bench.Pipeline].PeakRSSMB, res.DBBytes)
	}
	// The crawl wrote its fresh database at least once (the WAL, then the
	// checkpoints that copy it in).
	if w := byName[bench.Pipeline].WrittenBytes; w < res.DBBytes {
		t.Errorf("the pipeline wrote %d bytes, its database is %d", w, res.DBBytes)
	}
	names := map[string]bool{}
	for _, r := range append(res.Ratios, res.Targets...) {
		names[r.Name] = r.Value > 0
	}
	for _, want := range []string{"pipeline/ceiling", "pipeline/wget", "pipeline/colly", "rss pipeline-2x/pipeline", "pipeline peak RSS", "export JSONL"} {
		if !names[want] {
			t.Errorf("no %q figure in %+v %+v", want, res.Ratios, res.Targets)
		}
	}
	if !strings.Contains(errs.String(), "pipeline: wardcrawl crawl") {
		t.Errorf("no progress lines: %q", errs.String())
	}
}

// bench --sites measures many small portals: a first and an incremental
// crawl per size, every article stored, what each run cost.
func TestBenchSites(t *testing.T) {
	t.Setenv("WARDCRAWL_BE_MAIN", "1")
	var out, errs bytes.Buffer
	args := []string{"bench", "--sites", "5,12", "--per-site", "2", "--delay", "20ms", "--latency", "2ms", "--json", "--dir", t.TempDir(), "-q"}
	if err := Run(context.Background(), args, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	var runs []bench.SitesRun
	if err := json.Unmarshal(out.Bytes(), &runs); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(runs) != 4 {
		t.Fatalf("%d runs: %+v", len(runs), runs)
	}
	for i, r := range runs {
		wantRun := []string{"first", "incremental"}[i%2]
		n := []int{5, 12}[i/2]
		if r.Sites != n || r.Run != wantRun || r.Stored != 2*n || r.Expected != 2*n || r.Failed != 0 || r.Status != "ok" {
			t.Errorf("run %d: %+v", i, r)
		}
		if r.Pages == 0 || r.PeakRSSMB <= 0 || r.PeakFDs <= 0 || r.CPUPerPageMs <= 0 || r.Seconds <= 0 || r.WrittenKBPerPage <= 0 {
			t.Errorf("run %d measured nothing: %+v", i, r)
		}
	}
	if first, incr := runs[0], runs[1]; incr.Pages >= first.Pages {
		t.Errorf("the incremental run fetched %d pages, the first %d", incr.Pages, first.Pages)
	}
	if _, _, err := run(t, "bench", "--sites", "0"); exitCode(err) != exitUsage {
		t.Errorf("--sites 0: %v", err)
	}
}

// bench --incremental: a full crawl, idle runs and a news run, with the
// revisit schedule and without; the news run stores what was published,
// idle runs store nothing, and idle runs with the schedule fetch fewer
// pages than without (the farm's listings are deep enough to tell).
func TestBenchIncremental(t *testing.T) {
	t.Setenv("WARDCRAWL_BE_MAIN", "1")
	var out, errs bytes.Buffer
	args := []string{"bench", "--incremental", "--pages", "2000", "--json", "--dir", t.TempDir(), "-q"}
	if err := Run(context.Background(), args, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	var runs []bench.IncrementalRun
	if err := json.Unmarshal(out.Bytes(), &runs); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(runs) != 10 {
		t.Fatalf("%d runs: %+v", len(runs), runs)
	}
	sites := 0
	fetched := map[string]int{}
	for i, r := range runs {
		wantRun := []string{"full", "idle", "idle", "news", "idle"}[i%5]
		wantSchedule := []string{"adaptive", "off"}[i/5]
		if r.Run != wantRun || r.Schedule != wantSchedule || r.Failed != 0 || r.Fetched == 0 || r.FarmPages == 0 {
			t.Errorf("run %d: %+v", i, r)
		}
		switch r.Run {
		case "full":
			if r.NewArticles != 2000 || r.Fetched != r.FarmPages {
				t.Errorf("full run: %+v", r)
			}
		case "news":
			sites = r.NewArticles / 3
			if r.NewArticles == 0 || r.NewArticles%3 != 0 {
				t.Errorf("news run: %+v", r)
			}
		case "idle":
			if r.NewArticles != 0 {
				t.Errorf("idle run stored articles: %+v", r)
			}
			fetched[r.Schedule] = max(fetched[r.Schedule], r.Fetched)
		}
	}
	if sites == 0 || fetched["adaptive"] >= fetched["off"] {
		t.Errorf("idle runs fetched at most %d pages with the schedule, %d without", fetched["adaptive"], fetched["off"])
	}
}

// bench --search seeds articles, times the index and three kinds of
// queries, and reports the index's size.
func TestBenchSearch(t *testing.T) {
	var out, errs bytes.Buffer
	dir := t.TempDir()
	if err := Run(context.Background(), []string{"bench", "--search", "3000", "--json", "--dir", dir, "-q"}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	var r bench.SearchBench
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if r.Articles != 3000 || r.LoadSeconds <= 0 || r.IndexSeconds <= 0 || r.IndexBytes <= 0 || r.DBBytes <= r.IndexBytes || len(r.Kinds) != 3 {
		t.Fatalf("%+v", r)
	}
	for _, k := range r.Kinds {
		if k.Queries != 200 || k.P50ms <= 0 || k.P95ms < k.P50ms || k.MeanHits <= 0 {
			t.Errorf("%+v", k)
		}
	}
	// Each three-word query's words counted over the index: 200 timings,
	// and a word of the middle of the vocabulary is in some of the texts.
	if c := r.WordCounts; c == nil || c.Queries != 200 || c.P50ms <= 0 || c.P95ms < c.P50ms || c.MeanHits <= 0 || c.MeanHits >= 3000 {
		t.Errorf("word counts: %+v", c)
	}
	// The queries again on the same database, without seeding.
	out.Reset()
	if err := Run(context.Background(), []string{"bench", "--search", "3000", "--search-reuse", "--json", "--dir", dir, "-q"}, &out, &errs); err != nil {
		t.Fatalf("--search-reuse: %v\n%s", err, errs.String())
	}
	var again bench.SearchBench
	if err := json.Unmarshal(out.Bytes(), &again); err != nil || again.Articles != 3000 || len(again.Kinds) != 3 || again.LoadSeconds != 0 || again.IndexBytes != r.IndexBytes {
		t.Errorf("--search-reuse: %+v %v", again, err)
	}
}

// bench --search --db seeds and queries a PostgreSQL archive the same
// way; a second seeding of it is refused, --search-reuse queries it.
func TestBenchSearchPostgres(t *testing.T) {
	dsn := pgtest.Shared(t).NewDatabase(t)
	var out, errs bytes.Buffer
	dir := t.TempDir()
	if err := Run(context.Background(), []string{"bench", "--search", "1000", "--db", dsn, "--json", "--dir", dir, "-q"}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	var r bench.SearchBench
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.Articles != 1000 || r.IndexBytes <= 0 || len(r.Kinds) != 3 {
		t.Fatalf("%+v %v", r, err)
	}
	for _, k := range r.Kinds {
		if k.Queries != 200 || k.P95ms < k.P50ms || k.MeanHits <= 0 {
			t.Errorf("%+v", k)
		}
	}
	if err := Run(context.Background(), []string{"bench", "--search", "1000", "--db", dsn, "--json", "--dir", dir, "-q"}, &out, &errs); err == nil || !strings.Contains(err.Error(), "already holds") {
		t.Errorf("a second seeding: %v", err)
	}
	out.Reset()
	if err := Run(context.Background(), []string{"bench", "--search", "1000", "--search-reuse", "--db", dsn, "--json", "--dir", dir, "-q"}, &out, &errs); err != nil {
		t.Fatalf("--search-reuse: %v\n%s", err, errs.String())
	}
	var again bench.SearchBench
	if err := json.Unmarshal(out.Bytes(), &again); err != nil || again.Articles != 1000 || len(again.Kinds) != 3 || again.WordCounts == nil || again.WordCounts.MeanHits <= 0 {
		t.Errorf("--search-reuse: %+v %v", again, err)
	}
}

// bench --workers crawls one farm into SQLite and into PostgreSQL with 1
// and 2 workers, each in a database it creates and drops: every row
// stored every article, no page was fetched twice, every worker exited 0.
func TestBenchWorkers(t *testing.T) {
	pg := pgtest.Shared(t)
	t.Setenv("WARDCRAWL_BE_MAIN", "1")
	var out, errs bytes.Buffer
	args := []string{"bench", "--workers", "1,2", "--db", pg.URL("postgres"), "--worker-sites", "4", "--per-site", "5", "--delay", "10ms", "--json"}
	if err := Run(context.Background(), args, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	var runs []bench.WorkersRun
	if err := json.Unmarshal(out.Bytes(), &runs); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := []string{"sqlite 1", "postgres 1", "postgres 2"}
	pages := farm.NewSites(4, 5).Pages()
	for i, r := range runs {
		if i >= len(want) || fmt.Sprint(r.Backend, " ", r.Workers) != want[i] {
			t.Fatalf("rows %+v", runs)
		}
		if r.Stored != 20 || r.Expected != 20 || r.RefetchedPages != 0 || !r.WorkersOK || r.Pages != pages || r.CPUPerPageMs <= 0 {
			t.Errorf("%s: %+v", want[i], r)
		}
	}
	if len(runs) != len(want) {
		t.Errorf("%d rows", len(runs))
	}
}
