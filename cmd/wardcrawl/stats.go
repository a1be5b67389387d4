package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl/storage"
)

func statsCmd(ctx context.Context, stdout io.Writer) *cobra.Command {
	var dbf dbFlags
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats",
		Short: "Show what the database holds",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			st, err := openExisting(ctx, &dbf)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(stdout, s)
			}
			printStats(stdout, st.Path(), s)
			return nil
		},
	}
	addDBFlags(c, &dbf, "config.yaml")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func printStats(w io.Writer, path string, s storage.Stats) {
	fmt.Fprintf(w, "%s: %d articles at %d URLs, %d pages fetched, %d runs (schema v%d)\n",
		path, s.Articles, s.ArticleURLs, s.Pages, s.Runs, s.SchemaVersion)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SITE\tARTICLES\tURLS\tPAGES\tERRORS\tLAST RUN")
	for _, ss := range s.Sites {
		last := "-"
		if ss.LastRunAt != nil {
			last = fmtTime(*ss.LastRunAt)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", ss.Site, ss.Articles, ss.URLs, ss.Pages, ss.Errors, last)
	}
	tw.Flush()
	if r := s.LastRun; r != nil {
		fmt.Fprintf(w, "last run: #%d %s, started %s\n", r.ID, r.Status, fmtTime(r.StartedAt))
	}
}
