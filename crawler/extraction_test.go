package crawler

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/internal/farm"
)

// startFarm serves a farm of every corpus family on loopback and returns
// the sites of the named families.
func startFarm(t *testing.T, perSite int, families ...string) map[string]*farm.Site {
	t.Helper()
	f := farm.New(perSite * len(farm.New(1000).Sites))
	if err := f.Start("127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	out := map[string]*farm.Site{}
	for _, s := range f.Sites {
		for _, fam := range families {
			if s.Family == fam {
				out[fam] = s
			}
		}
	}
	if len(out) != len(families) {
		t.Fatalf("farm has %d of the families %q", len(out), families)
	}
	return out
}

// Issue 15's lost sites, crawled end to end: a NukeViet 4.0 portal whose
// date is an inline span in one big panel, and a SharePoint 2010 district
// portal ("Home" titles, spaced dates, lang=en-US). Every article is stored
// with its title and date, and the run says nothing is amiss.
func TestPortalsIssue15LostAreStored(t *testing.T) {
	sites := startFarm(t, 14, "nukeviet-panel", "sp2010")
	st := openStore(t)
	var cfg []config.Site
	for _, s := range sites {
		cfg = append(cfg, site(s.Name, s.URL+"/"))
	}
	sum, err := fastCrawler(st).Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sum.Sites {
		if s.ArticlesNew != 14 || s.Error != "" || s.Warning != "" {
			t.Errorf("%s: %d of 14 articles stored, error %q, warning %q", s.Site, s.ArticlesNew, s.Error, s.Warning)
		}
	}
	for _, r := range articles(t, st) {
		if r.PublishedAt == nil || r.Title == "Home" || r.Lang != "vi" || !strings.Contains(r.Title, "(số ") {
			t.Errorf("%s: title %q, date %v, lang %s", r.URL, r.Title, r.PublishedAt, r.Lang)
		}
	}
}

// A site whose article-like pages are all rejected ends its round with a
// warning that names the commonest reason and a URL to ask `why` about,
// and the stored fetch keeps the decision.
func TestSiteLostToTheParserIsReported(t *testing.T) {
	sites := startFarm(t, 12, "drupal")
	st := openStore(t)
	s := site("lost", sites["drupal"].URL+"/")
	s.ArticlePattern = regexp.MustCompile(`/bai-viet/\d+$`) // the site moved its articles: nothing matches
	stats := crawlOnce(t, st, s)
	if stats.ArticlesFound != 0 || stats.RejectedLikeArticles < 3 || stats.Warning == "" {
		t.Fatalf("stats %+v", stats)
	}
	if stats.RejectedReason != "url does not match article_pattern" || !strings.Contains(stats.Warning, "wardcrawl why "+stats.RejectedExample) {
		t.Errorf("warning %q, reason %q", stats.Warning, stats.RejectedReason)
	}
	f, ok, err := st.LastFetch(context.Background(), stats.RejectedExample)
	if err != nil || !ok || f.Decision == "" || f.TextChars < 500 || f.IsArticle {
		t.Fatalf("fetch %+v ok %v err %v", f, ok, err)
	}
	if !strings.Contains(f.Decision, `"reason":"url does not match article_pattern"`) {
		t.Errorf("stored decision %s", f.Decision)
	}
	// The same site with the pattern fixed: no warning.
	s.ArticlePattern = nil
	st2 := openStore(t)
	if stats := crawlOnce(t, st2, s); stats.Warning != "" || stats.ArticlesNew != 12 {
		t.Errorf("healthy site: %+v", stats)
	}
}
