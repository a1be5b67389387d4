package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/parsers"
)

func extractCmd(ctx context.Context, stdout io.Writer) *cobra.Command {
	var pageURL, contentType, siteName string
	var explain bool
	var dbf dbFlags
	c := &cobra.Command{
		Use:   "extract [--url URL] [--explain] [--site NAME --db FILE] FILE|-",
		Short: "Extract the article from one saved page and print it as JSON",
		Long: `extract runs the parser on one saved page and prints the article as JSON.
With --site, the site model the crawler learnt for that site (in --db) is
applied too, as a crawl would: blocks the site repeats on most of its
articles leave the text (--explain lists them).`,
		Args: exactArgs(1, "one saved page (a file, or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt := parsers.Options{Explain: explain}
			if siteName == "" && (cmd.Flags().Changed("db") || cmd.Flags().Changed("config")) {
				return usageError{errors.New("--db and --config name where to find a site model: give --site NAME too")}
			}
			if siteName != "" {
				m, err := loadSiteModel(ctx, &dbf, siteName)
				if err != nil {
					return err
				}
				opt.Site = m
			}
			var body []byte
			var err error
			if args[0] == "-" {
				body, err = io.ReadAll(os.Stdin)
			} else {
				body, err = os.ReadFile(args[0])
			}
			name := args[0]
			if name == "-" {
				name = "standard input"
			}
			if err != nil {
				return fmt.Errorf("extract: read %s: %w", name, err)
			}
			if !parsers.IsHTML(contentType, body) {
				what := "Content-Type " + contentType
				if contentType == "" || parsers.MaybeHTML(contentType) {
					what = "its bytes look like " + http.DetectContentType(body)
				}
				return fmt.Errorf("extract: %s is not an HTML page (%s)", name, what)
			}
			var u *url.URL
			if pageURL != "" {
				if u, err = url.Parse(pageURL); err != nil || u.Host == "" {
					return usageError{fmt.Errorf("--url %q is not an absolute URL", pageURL)}
				}
			}
			a, err := parsers.Extract(body, contentType, u, opt)
			if err != nil {
				return err
			}
			return printJSON(stdout, a)
		},
	}
	c.Flags().StringVar(&pageURL, "url", "", "the page's URL (resolves links; some rules look at the path)")
	c.Flags().StringVar(&contentType, "content-type", "", `the Content-Type it was served with, e.g. "text/html; charset=windows-1258"`)
	c.Flags().BoolVar(&explain, "explain", false, "add every signal of the article decision, its weight, and how the body, title and date were found")
	c.Flags().StringVar(&siteName, "site", "", "apply the site model learnt for this site (read from --db)")
	addDBFlags(c, &dbf, "")
	return c
}

// loadSiteModel reads a site's model from the database, read-only.
func loadSiteModel(ctx context.Context, dbf *dbFlags, site string) (*parsers.SiteModel, error) {
	st, err := openExisting(ctx, dbf)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	sm, ok, err := st.LoadSiteModel(ctx, site)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s has no site model in %s (not crawled yet, or site_model is off)", site, st.Path())
	}
	return crawler.ModelFromStore(sm), nil
}
