package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/storage"
)

// siteLine is a site's one-line summary.
func siteLine(s storage.RunSiteStats) string {
	line := fmt.Sprintf("%s: %d pages fetched (%d with errors), %d articles (%d new, %d changed)",
		s.Site, s.PagesFetched, s.Errors, s.ArticlesFound, s.ArticlesNew, s.ArticlesChanged)
	var extra []string
	for _, x := range []struct {
		n    int
		what string
	}{{s.NewLinks, "new links"}, {s.NotModified, "not modified"}, {s.SkippedFresh, "links not due"}, {s.RobotsBlocked, "URLs robots.txt disallows"},
		{s.TrapURLs, "trap URLs cut"}, {s.HostSkipped, "host backed off"}, {s.Queued, "left queued"}} {
		if x.n > 0 {
			extra = append(extra, fmt.Sprintf("%d %s", x.n, x.what))
		}
	}
	if s.Resumed {
		extra = append(extra, "resumed")
	}
	if s.CrawledBy != "" {
		extra = append(extra, "crawled by worker "+s.CrawledBy+" meanwhile")
	}
	if s.Due+s.NotDue > 0 {
		due := fmt.Sprintf("%d URLs due, %d not due", s.Due, s.NotDue)
		if s.NextDue != nil {
			due += " (the soonest at " + fmtTime(*s.NextDue) + ")"
		}
		extra = append(extra, due)
	}
	if len(extra) > 0 {
		line += "; " + strings.Join(extra, ", ")
	}
	return line
}

func runsCmd(ctx context.Context, stdout io.Writer) *cobra.Command {
	var dbf dbFlags
	var limit int
	var asJSON, perSite bool
	c := &cobra.Command{
		Use:   "runs",
		Short: "List past crawl runs with their counts, newest first",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			if limit < 0 {
				return usageError{fmt.Errorf("--limit %d: want 0 (all) or more", limit)}
			}
			st, err := openExisting(ctx, &dbf)
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(ctx, limit)
			if err != nil {
				return err
			}
			if asJSON {
				if runs == nil {
					runs = []storage.RunRow{}
				}
				return printJSON(stdout, runs)
			}
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "RUN\tSTARTED\tDURATION\tSTATUS\tPAGES\tNEW\tCHANGED\tSEEN\tERRORS\tWORKER\tSITES")
			for _, r := range runs {
				dur := "-"
				if r.FinishedAt != nil {
					dur = fmtDuration(r.FinishedAt.Sub(r.StartedAt))
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", r.ID, fmtTime(r.StartedAt), dur, r.Status,
					r.PagesFetched, r.ArticlesNew, r.ArticlesChanged, r.ArticlesSeen, r.Errors, cmp.Or(r.Worker, "-"), strings.Join(r.SiteNames, ","))
				if perSite {
					tw.Flush()
					for _, s := range r.Sites {
						fmt.Fprintln(stdout, "    "+siteLine(s))
					}
					ds, err := st.AlertDeliveries(ctx, r.ID)
					if err != nil {
						return err
					}
					for _, d := range ds {
						if d.Error != "" {
							fmt.Fprintf(stdout, "    alert %s: %d articles NOT delivered (%d attempts): %s\n", d.Alert, d.Articles, d.Attempts, d.Error)
						} else {
							fmt.Fprintf(stdout, "    alert %s: %d articles delivered (%d attempts)\n", d.Alert, d.Articles, d.Attempts)
						}
					}
				}
			}
			return tw.Flush()
		},
	}
	addDBFlags(c, &dbf, "config.yaml")
	c.Flags().IntVarP(&limit, "limit", "n", 20, "show at most this many runs (0: all)")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON, per-site figures included")
	c.Flags().BoolVar(&perSite, "sites", false, "under each run, a line per site (pages, articles, URLs due and not due, new links, 304s) and its alerts")
	return c
}
