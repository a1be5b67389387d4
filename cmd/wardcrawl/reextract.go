package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl/archive"
	"github.com/wardcrawl/wardcrawl/config"
)

func reextractCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var warcPath string
	var dbf dbFlags
	var asJSON, quiet, wait bool
	c := &cobra.Command{
		Use:   "reextract --warc DIR|FILE",
		Short: "Rebuild articles from WARC files alone (ours, wget's, Heritrix's...), without the network",
		Long: `reextract reads every response record of the WARC files (a file, or every
*.warc and *.warc.gz in a directory), parses each HTML page answered 2xx
with the current parser and stores its article as crawl would, tied to its
record. Revisit records are resolved to the response they repeat. Nothing
is fetched.

Pages are filed under the configured site whose hosts include theirs when
--config is given (its name and extraction rules apply); otherwise under a
site named after their host, as archive names it.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			if warcPath == "" {
				return usageError{errors.New("reextract: --warc is required")}
			}
			files, err := archive.WARCFiles(warcPath)
			if err != nil {
				return err // a missing or non-WARC file: named, exit 1
			}
			opt := archive.ReextractOptions{Logger: newLogger(stderr, quiet, false)}
			db, cfg, err := dbf.resolve()
			if err != nil {
				return err
			}
			if cfg != nil {
				opt.SiteFor = configuredSite(cfg)
			}
			st, closeDB, err := openForCrawl(ctx, db, wait, opt.Logger)
			if err != nil {
				return err
			}
			defer closeDB()
			began := time.Now()
			stats, err := archive.Reextract(ctx, files, st, opt)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				return printJSON(stdout, struct {
					archive.ReextractStats
					Seconds float64 `json:"duration_seconds"`
				}{stats, time.Since(began).Seconds()})
			case !quiet:
				fmt.Fprintf(stdout, "%d files, %d records: %d pages answered 2xx, %d HTML, %d articles (%d new), %d skipped in %s\n",
					stats.Files, stats.Records, stats.Responses, stats.HTMLPages, stats.Articles, stats.ArticlesNew, stats.Skipped,
					time.Since(began).Round(time.Millisecond))
			}
			return nil
		},
	}
	c.Flags().StringVar(&warcPath, "warc", "", "a WARC file, or a directory of them")
	addDBFlags(c, &dbf, "")
	c.Flags().Lookup("config").Usage = "file pages under the configured sites (names, extraction rules); its storage.path is the database"
	c.Flags().BoolVar(&asJSON, "json", false, "print the figures as JSON")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only errors")
	c.Flags().BoolVar(&wait, "wait", false, "if a crawl holds the database, wait for it instead of exiting with code 75")
	return c
}

// configuredSite files a URL under the configured site whose hosts include
// its host, else under a site named after the host.
func configuredSite(cfg *config.Config) func(u *url.URL) config.Site {
	return func(u *url.URL) config.Site {
		for _, s := range cfg.Sites {
			for _, h := range s.AllowedDomains {
				if strings.EqualFold(h, u.Host) || strings.EqualFold(h, u.Hostname()) {
					return s
				}
			}
		}
		return archive.SiteFor(u.String())
	}
}
