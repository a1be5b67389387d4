package evaluate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/internal/tanlap"
)

// tanlapPages are the portal's articles as a labelled corpus family.
func tanlapPages(n int) []Page {
	p := tanlap.New(n)
	var pages []Page
	for i := range n {
		pages = append(pages, Page{Name: fmt.Sprintf("tanlap-%d", i), HTML: []byte(p.Article(n, i)), Gold: tanlap.Gold(i),
			Meta: Meta{Family: "tanlap", URL: fmt.Sprintf("http://tanlap.test/bai/%d", i), IsArticle: true, Title: tanlap.Title(i)}})
	}
	return pages
}

// On a family whose chrome only repetition shows, site mode scores the
// gold where the parser alone keeps the chrome; the quotes articles share
// are not removed (no false removal).
func TestSiteModeOnAFamily(t *testing.T) {
	pages := tanlapPages(30)
	sm := NewSiteMode(pages, 0)
	rep := Evaluate(pages, DefaultPhrases(), Parser, sm.System)
	plain, site := rep.system(Parser.Name).Overall, rep.system("wardcrawl+site").Overall
	if site.F1 < 0.999 || site.TextExact < 0.999 || plain.F1 > 0.95 {
		t.Errorf("F1 parser %.3f, with the site model %.3f (exact %.3f)", plain.F1, site.F1, site.TextExact)
	}
	fm := sm.Models["tanlap"]
	if !fm.Trusted || fm.Articles != 30 || fm.Removed < 30*7 || fm.FalseRemovals != 0 {
		t.Errorf("model %+v", fm)
	}
	var b strings.Builder
	if err := sm.WriteModels(&b, true); err != nil || !strings.Contains(b.String(), tanlap.Chrome[0]) {
		t.Errorf("WriteModels: %v\n%s", err, b.String())
	}
}

// A family too small for the model is left alone unless told otherwise;
// a false removal is counted as one.
func TestSiteModeSmallFamilyAndFalseRemovals(t *testing.T) {
	pages := tanlapPages(6)
	if sm := NewSiteMode(pages, 0); sm.Models["tanlap"].Trusted {
		t.Error("6 articles: trusted with the default minimum")
	}
	// Gold that claims the blurb as text: its removal is false.
	for i := range pages {
		pages[i].Gold = tanlap.Chrome[0] + "\n\n" + pages[i].Gold
	}
	sm := NewSiteMode(pages, 4)
	Evaluate(pages, nil, sm.System)
	if fm := sm.Models["tanlap"]; !fm.Trusted || fm.FalseRemovals != 6 {
		t.Errorf("model %+v", fm)
	}
}

// The farm's sites, each with 40 articles made from the corpus templates
// (every article's text its own, as on a real portal), as site-mode
// families: the site model removes none of their text.
func TestSiteModeOnTheFarm(t *testing.T) {
	f := farm.New(40 * len(farm.New(1000).Sites))
	var pages []Page
	for _, s := range f.Sites {
		for _, path := range s.Paths() {
			html, isArticle, _ := s.Page(path)
			p := Page{Name: s.Name + path, HTML: []byte(html), Meta: Meta{Family: s.Family, URL: "http://" + s.Name + ".test" + path, IsArticle: isArticle,
				Unlabelled: []string{"title", "published_at", "author"}}}
			if isArticle {
				var n int
				fmt.Sscanf(path, "/tin-tuc/bai-%d.html", &n)
				p.Gold = s.Gold(n)
			}
			pages = append(pages, p)
		}
	}
	sm := NewSiteMode(pages, 0)
	rep := Evaluate(pages, DefaultPhrases(), Parser, sm.System)
	plain, site := rep.system(Parser.Name).Overall, rep.system("wardcrawl+site").Overall
	if site.F1 < plain.F1 || site.ArticleAcc < plain.ArticleAcc {
		t.Errorf("site mode F1 %.4f is_article %.4f, parser alone %.4f %.4f", site.F1, site.ArticleAcc, plain.F1, plain.ArticleAcc)
	}
	if testing.Verbose() {
		var b strings.Builder
		sm.WriteModels(&b, true)
		t.Logf("F1 parser %.4f, with the site model %.4f\n%s", plain.F1, site.F1, b.String())
	}
	for fam, fm := range sm.Models {
		if !fm.Trusted || fm.FalseRemovals > 0 {
			t.Errorf("%s: trusted %v, false removals %v", fam, fm.Trusted, fm.False)
		}
	}
}
