package evaluate

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wardcrawl/wardcrawl/parsers"
)

// SiteMode is the parser with a site model per family: the pages of one
// family are treated as one site. Every page of a family is observed
// first, as a crawl's first round observes every page of a site before it
// extracts the pages it held back; then each page is extracted with its
// family's model. Models counts what each model did.
type SiteMode struct {
	System
	Models map[string]*FamilyModel
}

// FamilyModel is what a family's model learnt and removed.
type FamilyModel struct {
	Family   string `json:"family"`
	Pages    int    `json:"pages"`
	Articles int    `json:"articles_counted"`
	Trusted  bool   `json:"trusted"`
	Chrome   int    `json:"chrome_blocks"`
	// Removed counts the blocks the model took out of article texts;
	// FalseRemovals those that are part of the page's gold text (an
	// article's own words taken for template).
	Removed       int            `json:"removed"`
	FalseRemovals int            `json:"false_removals"`
	Samples       map[string]int `json:"removed_blocks"` // block text → pages it was removed from
	False         []string       `json:"false_removed_blocks,omitempty"`

	m *parsers.SiteModel
}

// NewSiteMode builds the family models. minArticles > 0 lowers the
// articles a model needs to be trusted (and, below ModelMinPages, the
// pages a block needs): corpus families are far smaller than sites.
func NewSiteMode(pages []Page, minArticles int) *SiteMode {
	sm := &SiteMode{Models: map[string]*FamilyModel{}}
	for _, p := range pages {
		fm := sm.Models[p.Meta.Family]
		if fm == nil {
			m := parsers.NewSiteModel()
			if minArticles > 0 {
				m.MinArticles, m.MinPages = minArticles, min(minArticles, parsers.ModelMinPages)
			}
			fm = &FamilyModel{Family: p.Meta.Family, m: m, Samples: map[string]int{}}
			sm.Models[p.Meta.Family] = fm
		}
		a, err := parsers.Extract(p.HTML, p.Meta.ContentType, pageURL(p), parsers.Options{})
		if err != nil {
			continue
		}
		fm.m.Observe(a.Observation, 1)
		fm.Pages++
	}
	for _, fm := range sm.Models {
		fm.Articles, fm.Trusted, fm.Chrome = fm.m.ArticlePages, fm.m.Trusted(), fm.m.ChromeBlocks()
	}
	sm.System = System{Name: "wardcrawl+site", Run: sm.run}
	return sm
}

func (sm *SiteMode) run(p Page) Output {
	fm := sm.Models[p.Meta.Family]
	start := time.Now()
	a, err := parsers.Extract(p.HTML, p.Meta.ContentType, pageURL(p), parsers.Options{Site: fm.m, Explain: true})
	elapsed := time.Since(start)
	if err != nil {
		return Output{Elapsed: elapsed}
	}
	if a.IsArticle {
		gold := Paragraphs(p.Gold)
		for _, b := range a.Explain.SiteRemoved {
			fm.Removed++
			fm.Samples[b.Text]++
			if inGold(b.Text, gold) {
				fm.FalseRemovals++
				fm.False = append(fm.False, p.Name+": "+b.Text)
			}
		}
	}
	return Output{IsArticle: a.IsArticle, Title: a.Title, PublishedAt: a.PublishedAt, Author: a.Author, Text: a.Text, Elapsed: elapsed}
}

// inGold reports whether a removed block (clipped to 160 characters, "…"
// marking the cut) is a paragraph of the gold text, or the start of one.
func inGold(block string, gold []string) bool {
	prefix, clipped := strings.CutSuffix(block, "…")
	for _, g := range gold {
		if g == block || clipped && strings.HasPrefix(g, prefix) || SameText(g, block) {
			return true
		}
	}
	return false
}

// WriteModels prints what each family's model learnt and removed; with
// verbose, every block it removed.
func (sm *SiteMode) WriteModels(w io.Writer, verbose bool) error {
	fams := make([]string, 0, len(sm.Models))
	for f := range sm.Models {
		fams = append(fams, f)
	}
	slices.Sort(fams)
	fmt.Fprintln(w, "\nsite model per family (the family's pages as one site):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "family\tpages\tarticles counted\ttrusted\tchrome blocks\tblocks removed\tof which gold (false)\t")
	var removed, falses int
	for _, f := range fams {
		fm := sm.Models[f]
		removed, falses = removed+fm.Removed, falses+fm.FalseRemovals
		fmt.Fprintf(tw, "%s\t%d\t%d\t%v\t%d\t%d\t%d\t\n", f, fm.Pages, fm.Articles, fm.Trusted, fm.Chrome, fm.Removed, fm.FalseRemovals)
	}
	fmt.Fprintf(tw, "all\t\t\t\t\t%d\t%d\t\n", removed, falses)
	if err := tw.Flush(); err != nil {
		return err
	}
	if !verbose {
		return nil
	}
	for _, f := range fams {
		fm := sm.Models[f]
		if len(fm.Samples) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s: blocks the model removed (pages)\n", f)
		blocks := make([]string, 0, len(fm.Samples))
		for b := range fm.Samples {
			blocks = append(blocks, b)
		}
		slices.Sort(blocks)
		for _, b := range blocks {
			fmt.Fprintf(w, "  %d  %q\n", fm.Samples[b], b)
		}
		for _, b := range fm.False {
			fmt.Fprintf(w, "  FALSE REMOVAL %s\n", b)
		}
	}
	return nil
}
