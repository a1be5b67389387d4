package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"

	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl/parsers"
)

func extractCmd(stdout io.Writer) *cobra.Command {
	var pageURL, contentType string
	var explain bool
	c := &cobra.Command{
		Use:   "extract [--url URL] [--explain] FILE|-",
		Short: "Extract the article from one saved page and print it as JSON",
		Args:  exactArgs(1, "one saved page (a file, or - for standard input)"),
		RunE: func(_ *cobra.Command, args []string) error {
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
			a, err := parsers.Extract(body, contentType, u, parsers.Options{Explain: explain})
			if err != nil {
				return err
			}
			return printJSON(stdout, a)
		},
	}
	c.Flags().StringVar(&pageURL, "url", "", "the page's URL (resolves links; some rules look at the path)")
	c.Flags().StringVar(&contentType, "content-type", "", `the Content-Type it was served with, e.g. "text/html; charset=windows-1258"`)
	c.Flags().BoolVar(&explain, "explain", false, "add every signal of the article decision, its weight, and how the body, title and date were found")
	return c
}
