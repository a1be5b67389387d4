package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// siteModelCmd prints what the crawler has learnt of a site's template.
func siteModelCmd(ctx context.Context, stdout io.Writer) *cobra.Command {
	var dbf dbFlags
	var asJSON bool
	var top int
	c := &cobra.Command{
		Use:   "site-model NAME",
		Short: "Show a site's learnt template: its repeated blocks, template paths and pages seen",
		Long: `site-model prints the site model the crawler keeps for a site: how many
pages and articles it has seen, the blocks (paragraphs, and link slots: the
items of a box of links) it has seen on the most article pages, which of
them are chrome (on at least half of the articles counted, and on 4 or
more), and the element paths where the site's articles and listings keep
their main text.`,
		Args: exactArgs(1, "the name of a crawled site"),
		RunE: func(_ *cobra.Command, args []string) error {
			st, err := openExisting(ctx, &dbf)
			if err != nil {
				return err
			}
			defer st.Close()
			sm, ok, err := st.LoadSiteModel(ctx, args[0])
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("%s has no site model in %s (not crawled yet, or site_model is off)", args[0], st.Path())
			}
			held, heldBytes, err := st.HeldPages(ctx, args[0])
			if err != nil {
				return err
			}
			r := describeModel(sm, top)
			r.HeldPages, r.HeldBytes = held, heldBytes
			if asJSON {
				return printJSON(stdout, r)
			}
			printModel(stdout, r)
			return nil
		},
	}
	addDBFlags(c, &dbf, "config.yaml")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	c.Flags().IntVar(&top, "top", 20, "how many of the most repeated blocks to list")
	return c
}

// modelReport is a site model as site-model prints it.
type modelReport struct {
	Site         string        `json:"site"`
	Since        string        `json:"observing_since"`
	Pages        int           `json:"pages_seen"`
	Articles     int           `json:"articles_counted"`
	Trusted      bool          `json:"trusted"`
	Threshold    int           `json:"chrome_threshold"`
	Blocks       int           `json:"blocks"`
	Chrome       int           `json:"chrome_blocks"`
	ArticlePath  *templatePath `json:"article_path,omitempty"`
	ListingPath  *templatePath `json:"listing_path,omitempty"`
	Top          []modelBlock  `json:"top_blocks"`
	HeldPages    int           `json:"held_pages"`
	HeldBytes    int64         `json:"held_bytes"`
	MinArticles  int           `json:"min_articles"`
	ShareOfPages float64       `json:"chrome_share"`
}

type templatePath struct {
	Path  string `json:"path"`
	Pages int    `json:"pages"`
}

type modelBlock struct {
	Pages  int    `json:"pages"`
	Chrome bool   `json:"chrome"`
	Slot   bool   `json:"link_slot,omitempty"`
	Text   string `json:"text"`
}

func describeModel(sm storage.SiteModel, top int) modelReport {
	m := crawler.ModelFromStore(sm)
	r := modelReport{Site: sm.Site, Since: fmtTime(sm.StartedAt), Pages: m.Pages, Articles: m.ArticlePages, Trusted: m.Trusted(),
		Threshold: m.Threshold(), Blocks: len(m.Blocks), Chrome: m.ChromeBlocks(), MinArticles: parsers.ModelMinArticles, ShareOfPages: parsers.ModelShare}
	if p, n, ok := m.ArticlePath(); ok {
		r.ArticlePath = &templatePath{p, n}
	}
	if p, n, ok := m.ListingPath(); ok {
		r.ListingPath = &templatePath{p, n}
	}
	blocks := slices.Clone(sm.Blocks)
	slices.SortStableFunc(blocks, func(a, b storage.ModelBlock) int {
		if a.Pages != b.Pages {
			return b.Pages - a.Pages
		}
		return strings.Compare(a.Sample, b.Sample)
	})
	for _, b := range blocks[:min(top, len(blocks))] {
		_, chrome := m.Chrome(b.Key)
		r.Top = append(r.Top, modelBlock{Pages: b.Pages, Chrome: chrome, Slot: b.Slot, Text: b.Sample})
	}
	return r
}

func printModel(w io.Writer, r modelReport) {
	fmt.Fprintf(w, "%s: %d pages seen since %s, %d of them articles\n", r.Site, r.Pages, r.Since, r.Articles)
	if r.Trusted {
		fmt.Fprintf(w, "  trusted: a block on %d or more of the articles counted is chrome (%.0f%%, and at least 4); %d of %d blocks are\n",
			r.Threshold, r.ShareOfPages*100, r.Chrome, r.Blocks)
	} else {
		fmt.Fprintf(w, "  learning: it removes nothing until it has counted %d articles (%d so far); %d blocks\n", r.MinArticles, r.Articles, r.Blocks)
	}
	if r.HeldPages > 0 {
		fmt.Fprintf(w, "  %d pages held back (%d bytes compressed) until it has learnt the site\n", r.HeldPages, r.HeldBytes)
	}
	if r.ArticlePath != nil {
		fmt.Fprintf(w, "  article template: %s (%d articles)\n", r.ArticlePath.Path, r.ArticlePath.Pages)
	}
	if r.ListingPath != nil {
		fmt.Fprintf(w, "  listing template: %s (%d listings)\n", r.ListingPath.Path, r.ListingPath.Pages)
	}
	if len(r.Top) == 0 {
		return
	}
	fmt.Fprintln(w, "  most repeated blocks (pages: the article pages it was seen on):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, b := range r.Top {
		kind := ""
		if b.Chrome {
			kind = "chrome"
		}
		text := fmt.Sprintf("%q", b.Text)
		switch {
		case b.Slot:
			text = "link box at " + b.Text
		case b.Text == "":
			text = "(seen once; text not kept)"
		}
		fmt.Fprintf(tw, "    %d\t%s\t%s\n", b.Pages, kind, text)
	}
	tw.Flush()
}
