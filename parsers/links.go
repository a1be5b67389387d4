package parsers

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Links returns the absolute http(s) URLs of the page's links (a and area
// hrefs, frames), resolved against <base href> when the page has one, in
// document order and without duplicates. Call it before ExtractDocument,
// which removes chrome (menus included) from the tree.
func Links(doc *html.Node, pageURL *url.URL) []string {
	base := pageURL
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Base {
			if h := strings.TrimSpace(attr(n, "href")); h != "" {
				if b, err := pageURL.Parse(h); err == nil {
					base = b
				}
			}
			break
		}
	}
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
