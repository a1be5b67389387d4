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
		{Name: Pipeline, Pages: 21017, Articles: 20000, PagesPerSec: 1500, PeakRSSMB: 60},
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
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "pipeline/colly") {
		t.Error("a ratio to a skipped measure")
	}
}
