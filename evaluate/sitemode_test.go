package evaluate

import (
	"fmt"
	"strings"
	"testing"

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
