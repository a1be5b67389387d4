package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/tanlap"
)

// crawlTanLap crawls the portal whose template only a site model knows
// and returns the database.
func crawlTanLap(t *testing.T, n int) (*tanlap.Portal, string) {
	t.Helper()
	p := tanlap.New(n)
	if err := p.Start("127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	dir := t.TempDir()
	db, cfg := filepath.Join(dir, "w.db"), filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: {path: %s}\ndefaults: {delay: 0s}\nsites:\n  - name: tan-lap\n    start_urls: [%s/]\n", db, p.URL)), 0o644)
	if _, stderr, err := run(t, "crawl", "--config", cfg, "-q"); err != nil {
		t.Fatalf("crawl: %v %s", err, stderr)
	}
	return p, db
}

// site-model prints what the crawl learnt: pages and articles counted,
// the chrome with the pages it was seen on, the template paths.
func TestSiteModelCommand(t *testing.T) {
	_, db := crawlTanLap(t, 30)
	out, stderr, err := run(t, "site-model", "--db", db, "tan-lap")
	if err != nil {
		t.Fatalf("%v %s", err, stderr)
	}
	for _, want := range []string{"tan-lap: ", "30 of them articles", "trusted: a block on 15 or more", "article template: ",
		"30  chrome  \"" + tanlap.Chrome[0], "link box at "} {
		if !strings.Contains(out, want) {
			t.Errorf("site-model lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "site-model", "--db", db, "--json", "--top", "3")
	if err == nil {
		t.Error("site-model without a name succeeded")
	}
	out, _, err = run(t, "site-model", "--db", db, "--json", "--top", "3", "tan-lap")
	var r modelReport
	if err != nil || json.Unmarshal([]byte(out), &r) != nil || r.Articles != 30 || !r.Trusted || len(r.Top) != 3 || !r.Top[0].Chrome || r.Chrome < 5 {
		t.Errorf("--json: %v %+v\n%s", err, r, out)
	}
	if _, _, err := run(t, "site-model", "--db", db, "nowhere"); err == nil || !strings.Contains(err.Error(), "nowhere has no site model") {
		t.Errorf("an unknown site: %v", err)
	}
}

// extract --site applies the stored model to a saved page as the crawl
// did; why shows what the model removed from a crawled page.
func TestExtractWithASiteModelAndWhy(t *testing.T) {
	p, db := crawlTanLap(t, 30)
	page := filepath.Join(t.TempDir(), "bai.html")
	os.WriteFile(page, []byte(p.Article(31, 30)), 0o644) // an article the crawl never saw
	var a struct {
		Text    string `json:"text"`
		Explain struct {
			Removed []struct {
				Text  string `json:"text"`
				Pages int    `json:"pages"`
				Of    int    `json:"of"`
			} `json:"site_model_removed"`
		} `json:"explain"`
	}
	out, stderr, err := run(t, "extract", "--site", "tan-lap", "--db", db, "--explain", page)
	if err != nil || json.Unmarshal([]byte(out), &a) != nil {
		t.Fatalf("%v %s\n%s", err, stderr, out)
	}
	if a.Text != tanlap.Gold(30) || len(a.Explain.Removed) < 4 || a.Explain.Removed[0].Of != 30 {
		t.Errorf("extract --site: %q\nwant %q\nremoved %+v", a.Text, tanlap.Gold(30), a.Explain.Removed)
	}
	out, _, _ = run(t, "extract", page) // no site: the chrome stays
	if !strings.Contains(out, tanlap.Chrome[0]) {
		t.Errorf("extract without --site removed the chrome:\n%s", out)
	}
	if _, _, err := run(t, "extract", "--db", db, page); exitCode(err) != exitUsage {
		t.Errorf("--db without --site: %v", err)
	}
	out, _, err = run(t, "why", "--db", db, p.ArticleURL(7))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"site model: trusted", "the site model removed", "(a link in the box at "} {
		if !strings.Contains(out, want) {
			t.Errorf("why lacks %q:\n%s", want, out)
		}
	}
	// The page was finished once the model had counted 24 articles or more
	// (the hold), the blurb on every one of them.
	if m := regexp.MustCompile(`on (\d+) of (\d+) article pages: "` + regexp.QuoteMeta(tanlap.Chrome[0])).FindStringSubmatch(out); m == nil || m[1] != m[2] || atoi(m[1]) < 24 {
		t.Errorf("why does not say the blurb was on every article counted:\n%s", out)
	}
}

// An archive of a portal only a site model can clean, and reextract of its
// WARC files with the portal gone: both store every article as its gold
// (reextract observes every page of the WARC before it extracts, as the
// crawl's first round does), the same articles.
func TestArchiveAndReextractUseTheSiteModel(t *testing.T) {
	p := tanlap.New(30)
	if err := p.Start("127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	crawled, again, warcs := filepath.Join(dir, "crawl.db"), filepath.Join(dir, "again.db"), filepath.Join(dir, "warc")
	if _, stderr, err := run(t, "archive", p.URL+"/", "--out", warcs, "--db", crawled, "--delay", "0", "-q"); err != nil {
		t.Fatalf("archive: %v\n%s", err, stderr)
	}
	p.Close()
	if _, stderr, err := run(t, "reextract", "--warc", warcs, "--db", again, "-q"); err != nil {
		t.Fatalf("reextract: %v\n%s", err, stderr)
	}
	want := articleSet(t, crawled)
	if got := articleSet(t, again); !maps.Equal(got, want) || len(got) != 30 {
		t.Errorf("reextract stored %d articles, the archive %d; equal: %v", len(got), len(want), maps.Equal(got, want))
	}
	for i := range 30 {
		found := false
		for _, a := range want { // site, title, date, author, text, URLs: a line each
			found = found || strings.Contains(a, "\n"+tanlap.Gold(i)+"\n"+p.ArticleURL(i))
		}
		if !found {
			t.Errorf("article %d is not stored as its gold", i)
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
