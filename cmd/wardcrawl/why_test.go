package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
)

// After a crawl, why tells for any fetched page whether it was stored and
// why: the verdict, its reason and every signal.
func TestWhyCommand(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	db := filepath.Join(t.TempDir(), "w.db")
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: {path: %s}\ndefaults: {delay: 0s}\nsites:\n  - name: p\n    start_urls: [%s]\n", db, ps[0].StartURL())), 0o644)
	if _, stderr, err := run(t, "crawl", "--config", cfg, "-q"); err != nil {
		t.Fatalf("crawl: %v %s", err, stderr)
	}
	out, _, err := run(t, "why", "--db", db, ps[0].StartURL())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{ps[0].StartURL(), "decision: not an article: listing", "signals:", "listing teasers", "url"} {
		if !strings.Contains(out, want) {
			t.Errorf("why of the home page lacks %q:\n%s", want, out)
		}
	}
	// Crawled again, the home page is a listing known from its last
	// extraction: why says so, without the figures of an extraction.
	if _, stderr, err := run(t, "crawl", "--config", cfg, "-q"); err != nil {
		t.Fatalf("crawl: %v %s", err, stderr)
	}
	out, _, err = run(t, "why", "--db", db, ps[0].StartURL())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "decision: not an article: a listing the crawl enters by") || strings.Contains(out, "needs a score") || strings.Contains(out, "body:") {
		t.Errorf("why of the home page crawled again:\n%s", out)
	}
	art := ps[0].Expected()[0].URL
	out, _, err = run(t, "why", "--config", cfg, "--json", art)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		IsArticle bool   `json:"is_article"`
		Hash      string `json:"content_hash"`
		Decision  struct {
			Decision string  `json:"decision"`
			Score    float64 `json:"score"`
			Signals  []struct {
				Name   string  `json:"name"`
				Weight float64 `json:"weight"`
			} `json:"signals"`
		} `json:"decision"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !got.IsArticle || len(got.Hash) != 64 || got.Decision.Decision != "article" || len(got.Decision.Signals) < 3 {
		t.Errorf("why --json of an article: %+v", got)
	}
	if _, _, err := run(t, "why", "--db", db, ps[0].URL+"/chua-bao-gio-co"); err == nil || !strings.Contains(err.Error(), "never fetched") {
		t.Errorf("a URL never fetched: %v", err)
	}
}

// A site lost to the parser is not quiet under --quiet: cron's log gets
// the warning, and the exit status stays 0.
func TestQuietCrawlStillWarnsOfALostSite(t *testing.T) {
	f := farm.New(12 * len(farm.New(1000).Sites))
	if err := f.Start("127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var start string
	for _, s := range f.Sites {
		if s.Family == "drupal" {
			start = s.URL + "/"
		}
	}
	db := filepath.Join(t.TempDir(), "w.db")
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: {path: %s}\ndefaults: {delay: 0s}\nsites:\n  - name: moved\n    start_urls: [%s]\n    article_pattern: '/bai-viet/[0-9]+$'\n", db, start)), 0o644)
	out, _, err := run(t, "crawl", "--config", cfg, "--quiet")
	if err != nil {
		t.Fatalf("crawl failed: %v", err)
	}
	if !strings.Contains(out, "moved: WARNING: ") || !strings.Contains(out, "wardcrawl why ") || !strings.Contains(out, "url does not match article_pattern") {
		t.Errorf("quiet crawl printed %q", out)
	}
}
