package bench

import (
	"strings"
	"testing"
)

func TestTableRatiosAndTargets(t *testing.T) {
	r := &Result{CPUs: 2, Connections: 9}
	r.Farm.Sites, r.Farm.Layouts, r.Farm.Articles, r.Farm.Pages = 9, []string{"nukeviet"}, 20000, 21017
	r.Measures = []Measure{
		{Name: Ceiling, Pages: 21017, PagesPerSec: 2000},
		{Name: Pipeline, Pages: 21017, Articles: 20000, PagesPerSec: 1500, PeakRSSMB: 60, WrittenBytes: 2152140800},
		{Name: Export, Articles: 20000, ArticlesPerSec: 30000},
		{Name: Pipeline2, Pages: 42000, PagesPerSec: 1400, PeakRSSMB: 66},
		{Name: Wget, Pages: 21017, PagesPerSec: 3000},
		{Name: Colly, Skipped: true, Note: "off"},
	}
	r.SiteModels = []SiteModel{{Site: "farm-nukeviet", Articles: 2222, Blocks: 3900, Chrome: 12, StoredBytes: 180000, HeldPeakPages: 30, HeldPeakBytes: 400000}}
	r.ratios()
	var b strings.Builder
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ratio pipeline/ceiling: 0.75 (target >= 0.70: met)",
		"ratio pipeline/wget: 0.50 (target >= 1.00: NOT met)",
		"ratio rss pipeline-2x/pipeline: 1.10 (target < 1.10: NOT met)",
		"site models after the crawl:",
		"largest stored model 180,000 bytes; largest hold 400,000 bytes",
		"target pipeline peak RSS: 60 MB (target < 200: met)",
		"target export JSONL: 30,000 articles/s (target >= 20,000: met)",
		"21,017 pages in all",
		"pipeline wrote 2,152,140,800 bytes, 100 KB a page",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "pipeline/colly") {
		t.Error("a ratio to a skipped measure")
	}
}

// The search table prints the three-word queries' word counts as a line
// of their own, and holds only the queries against the target.
func TestWriteSearchWordCounts(t *testing.T) {
	r := SearchBench{Articles: 1000, WordsPer: 150, Kinds: []QueryTimings{
		{Kind: "one word", Queries: 200, P50ms: 5, P95ms: 9, MaxMs: 12, MeanHits: 300},
		{Kind: "three words", Queries: 200, P50ms: 30, P95ms: 80, MaxMs: 95, MeanHits: 40},
	}, WordCounts: &QueryTimings{Kind: "three words: each word's texts counted", Queries: 200, P50ms: 60, P95ms: 140, MaxMs: 150, MeanHits: 250}}
	var out strings.Builder
	if err := WriteSearch(&out, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"counting each word's texts over the index", "p50 60.0 ms, p95 140.0 ms, max 150.0 ms; 250 texts a word", "target p95 < 100 ms: met (worst p95 80.0 ms)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
}
