package parsers

import (
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Links returns the absolute http(s) URLs of the page's links (a and area
// hrefs, frames), resolved against <base href> when the page has one, in
// document order and without duplicates. Call it before ExtractDocument,
// which removes chrome (menus included) from the tree.
func Links(doc *html.Node, pageURL *url.URL) []string {
	base := baseURL(doc, pageURL)
	seen := map[string]bool{}
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		var raw string
		switch n.DataAtom {
		case atom.A, atom.Area:
			raw = attr(n, "href")
		case atom.Frame, atom.Iframe:
			raw = attr(n, "src")
		default:
			continue
		}
		raw = strings.TrimSpace(raw)
		if raw == "" || strings.HasPrefix(raw, "#") {
			continue
		}
		u, err := base.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		u.Fragment = ""
		s := u.String()
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// baseURL is the page's <base href>, resolved, or the page's own URL.
func baseURL(doc *html.Node, pageURL *url.URL) *url.URL {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Base {
			if h := strings.TrimSpace(attr(n, "href")); h != "" {
				if b, err := pageURL.Parse(h); err == nil {
					return b
				}
			}
			break
		}
	}
	return pageURL
}

// FeedLinks returns the RSS and Atom feeds a page announces with
// <link rel="alternate" type="application/rss+xml" href="…">, absolute.
func FeedLinks(doc *html.Node, pageURL *url.URL) []string {
	base := baseURL(doc, pageURL)
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom != atom.Link {
			continue
		}
		typ := strings.ToLower(strings.TrimSpace(attr(n, "type")))
		if typ != "application/rss+xml" && typ != "application/atom+xml" {
			continue
		}
		if !slices.Contains(strings.Fields(strings.ToLower(attr(n, "rel"))), "alternate") {
			continue
		}
		u, err := base.Parse(strings.TrimSpace(attr(n, "href")))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || slices.Contains(out, u.String()) {
			continue
		}
		out = append(out, u.String())
	}
	return out
}
