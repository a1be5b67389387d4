package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl"
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/export"
	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/storage"
)

func demoCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var db, out string
	var delay time.Duration
	var quiet bool
	c := &cobra.Command{
		Use:   "demo",
		Short: "Serve the bundled sample portals on 127.0.0.1, crawl them, and export the result (works offline)",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			base, err := config.Parse("config.yaml (bundled)", wardcrawl.DefaultConfig)
			if err != nil {
				return err
			}
			if err := export.CheckDestination(out); err != nil {
				return usageError{fmt.Errorf("--out: %w", err)} // before the crawl, not after it
			}
			portals, err := sampleportal.StartAt("127.0.0.1", []int{18081, 18082, 18083})
			if err != nil {
				return err
			}
			defer sampleportal.Close(portals)
			var sites []config.Site
			for _, p := range portals {
				s := config.Site{Name: p.Name, StartURLs: []string{p.StartURL()}, Settings: base.Defaults}
				s.Delay = delay
				s.AllowedDomains = []string{strings.TrimPrefix(p.URL, "http://")}
				sites = append(sites, s)
				if !quiet {
					fmt.Fprintf(stdout, "serving %-18s (%s layout) at %s\n", p.Name, p.Family, p.URL)
				}
			}
			start := time.Now()
			if err := runCrawl(ctx, stdout, stderr, db, sites, crawlFlags{quiet: quiet}); err != nil {
				return err
			}
			st, err := storage.Open(ctx, db, storage.Options{MustExist: true})
			if err != nil {
				return err
			}
			defer st.Close()
			var n int
			if err := export.ToFile(out, func(w io.Writer) (err error) {
				n, err = export.JSONL(ctx, st, w, export.Options{})
				return err
			}); err != nil {
				return err
			}
			if !quiet {
				s, err := st.Stats(ctx)
				if err != nil {
					return err
				}
				printStats(stdout, db, s)
				fmt.Fprintf(stdout, "exported %d articles to %s in %s total\n", n, out, time.Since(start).Round(time.Millisecond))
				fmt.Fprintf(stdout, "to search and read them in a browser: go run ./cmd/wardcrawl serve --db %s   (then open http://127.0.0.1:8080/)\n", db)
			}
			return nil
		},
	}
	c.Flags().StringVar(&db, "db", "wardcrawl-demo.db", "SQLite database for the demo")
	c.Flags().StringVarP(&out, "out", "o", "wardcrawl-demo.jsonl", "where to export the demo's articles")
	c.Flags().DurationVar(&delay, "delay", 50*time.Millisecond, "pause between requests to one sample portal")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only errors")
	return c
}
