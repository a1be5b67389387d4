package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// whyCmd answers a user's first question after a crawl: why was this page
// (not) stored? It prints the page's last fetch and the parser's decision
// as the crawl recorded it.
func whyCmd(ctx context.Context, stdout io.Writer) *cobra.Command {
	var dbf dbFlags
	var asJSON bool
	c := &cobra.Command{
		Use:   "why URL",
		Short: "Show why a crawled page was or was not stored as an article",
		Long: `why prints a crawled page's last fetch (status, time, site) and the
article decision the crawl recorded for it: the verdict and its reason, how
the body was found, and every signal with its weight. The decision sums the
weights; a page is an article when the sum is at least zero.`,
		Args: exactArgs(1, "the URL of a crawled page"),
		RunE: func(_ *cobra.Command, args []string) error {
			st, err := openExisting(ctx, &dbf)
			if err != nil {
				return err
			}
			defer st.Close()
			f, ok, err := lastFetchOf(ctx, st, args[0])
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("%s was never fetched by a crawl recorded in %s", args[0], st.Path())
			}
			var d *parsers.Explanation
			if f.Decision != "" {
				d = &parsers.Explanation{}
				if err := json.Unmarshal([]byte(f.Decision), d); err != nil {
					return fmt.Errorf("decision of %s in %s: %w", f.URL, st.Path(), err)
				}
			}
			versions, err := st.URLVersions(ctx, f.URL)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(stdout, struct {
					URL       string               `json:"url"`
					Site      string               `json:"site"`
					Status    int                  `json:"status"`
					FetchedAt time.Time            `json:"fetched_at"`
					IsArticle bool                 `json:"is_article"`
					Hash      string               `json:"content_hash,omitempty"`
					Error     string               `json:"error,omitempty"`
					Decision  *parsers.Explanation `json:"decision"`
					Versions  []storage.URLVersion `json:"versions,omitempty"`
				}{f.URL, f.Site, f.Status, f.FetchedAt.In(parsers.Vietnam), f.IsArticle, f.ContentHash, f.Err, d, versions})
			}
			printWhy(stdout, f, d)
			printVersions(stdout, versions)
			return nil
		},
	}
	addDBFlags(c, &dbf, "config.yaml")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

// lastFetchOf looks a URL up as given, then in the normalized form the
// crawler stores.
func lastFetchOf(ctx context.Context, st *storage.Store, raw string) (storage.Fetch, bool, error) {
	f, ok, err := st.LastFetch(ctx, raw)
	if err != nil || ok {
		return f, ok, err
	}
	norm, nerr := crawler.Normalize(raw)
	if nerr != nil || norm == raw {
		return f, false, nil
	}
	return st.LastFetch(ctx, norm)
}

func printWhy(w io.Writer, f storage.Fetch, d *parsers.Explanation) {
	fmt.Fprintf(w, "%s\n  site %s, fetched %s, HTTP %d\n", f.URL, f.Site, fmtTime(f.FetchedAt), f.Status)
	switch {
	case f.Err != "":
		fmt.Fprintf(w, "  not parsed: %s\n", f.Err)
		return
	case f.Status == 304:
		fmt.Fprintln(w, "  not modified since the stored copy (304)")
	case d == nil:
		fmt.Fprintf(w, "  not parsed (%s)\n", cmpOr(f.ContentType, "not an HTML page"))
		return
	}
	if f.IsArticle {
		fmt.Fprintf(w, "  stored as an article: %s\n", f.ContentHash)
	}
	if d == nil {
		return
	}
	if d.Body == "" && len(d.Signals) == 0 {
		// Not extracted at this fetch: held back while the site model
		// learns, or a listing known from an earlier fetch.
		fmt.Fprintf(w, "  decision: %s: %s\n", d.Decision, d.Reason)
		return
	}
	if d.Reason != "" {
		fmt.Fprintf(w, "  decision: %s: %s; an article needs a score of %.1f or more\n", d.Decision, d.Reason, d.Threshold)
	} else {
		fmt.Fprintf(w, "  decision: %s (score %.1f; an article needs %.1f or more)\n", d.Decision, d.Score, d.Threshold)
	}
	body := d.Body
	if d.Floor != "" {
		body += " — " + d.Floor
	}
	if d.Lead {
		body += "; the sapo before it was added"
	}
	fmt.Fprintf(w, "  body: %s; %d characters of text, %d long paragraphs (the page has %d characters of prose)\n", body, d.TextChars, d.LongParagraphs, d.PageProse)
	fmt.Fprintf(w, "  title from %s; date from %s\n", cmpOr(d.Title, "nowhere"), cmpOr(d.Date, "nowhere"))
	if len(d.Signals) == 0 {
		return
	}
	fmt.Fprintln(w, "  signals:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range d.Signals {
		fmt.Fprintf(tw, "    %+.1f\t%s\t%s\n", s.Weight, s.Name, strings.ReplaceAll(s.Value, "\n", " "))
	}
	tw.Flush()
	printSiteModel(w, d)
}

// printSiteModel shows what the site model did to the page's text.
func printSiteModel(w io.Writer, d *parsers.Explanation) {
	if d.SiteModel != "" {
		fmt.Fprintf(w, "  site model: %s\n", d.SiteModel)
	}
	if len(d.SiteRemoved) == 0 {
		return
	}
	fmt.Fprintf(w, "  the site model removed %d block(s) the site repeats:\n", len(d.SiteRemoved))
	for _, b := range d.SiteRemoved {
		what := fmt.Sprintf("%q", b.Text)
		if b.Slot != "" {
			what += " (a link in the box at " + b.Slot + ")"
		}
		fmt.Fprintf(w, "    on %d of %d article pages: %s\n", b.Pages, b.Of, what)
	}
}

// printVersions lists the URL's stored versions when there is more than
// one, or when one was derived (the site model applied later).
func printVersions(w io.Writer, vs []storage.URLVersion) {
	derived := false
	for _, v := range vs {
		derived = derived || v.Reason != ""
	}
	if len(vs) < 2 && !derived {
		return
	}
	fmt.Fprintf(w, "  stored versions (%d):\n", len(vs))
	for _, v := range vs {
		line := fmt.Sprintf("    %s  seen %s … %s", v.ContentHash[:min(12, len(v.ContentHash))], fmtTime(v.FirstSeenAt), fmtTime(v.LastSeenAt))
		if v.RevisedTo != "" {
			line += ", replaced by " + v.RevisedTo[:min(12, len(v.RevisedTo))]
		}
		fmt.Fprintln(w, line)
		if v.Reason != "" {
			fmt.Fprintf(w, "      derived, not fetched: %s\n", v.Reason)
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
