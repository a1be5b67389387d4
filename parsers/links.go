package parsers

import (
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Links returns the absolute http(s) URLs of the page's links (a and area
// hrefs, frames, <meta http-equiv="refresh"> targets), resolved against <base href> when the page has one, in
// document order and without duplicates. Call it before ExtractDocument,
// which removes chrome (menus included) from the tree.
func Links(doc *html.Node, pageURL *url.URL) []string {
	return resolveAll(doc, pageURL, func(n *html.Node) []string {
		switch n.DataAtom {
		case atom.A, atom.Area:
			return []string{attr(n, "href")}
		case atom.Frame, atom.Iframe:
			return []string{attr(n, "src")}
		case atom.Meta:
			if strings.EqualFold(attr(n, "http-equiv"), "refresh") {
				return []string{refreshURL(attr(n, "content"))}
			}
		}
		return nil
	})
}

// refreshURL is the target of a <meta http-equiv="refresh"> content value
// such as "0; url=/trang-chu" or "5;URL='/tin-tuc'" ("" : none).
func refreshURL(content string) string {
	_, rest, ok := strings.Cut(content, ";")
	if !ok {
		return ""
	}
	rest = strings.TrimSpace(rest)
	if len(rest) >= 4 && strings.EqualFold(rest[:3], "url") {
		rest = strings.TrimSpace(rest[3:])
		rest = strings.TrimSpace(strings.TrimPrefix(rest, "="))
	}
	return strings.Trim(rest, `'"`)
}

// Requisites returns what a browser fetches to show the page: images
// (src, srcset, old table layouts' background), stylesheets and icons,
// scripts, media sources and embedded objects; absolute, in document order,
// without duplicates. url() references inside stylesheets are not read.
func Requisites(doc *html.Node, pageURL *url.URL) []string {
	return resolveAll(doc, pageURL, func(n *html.Node) []string {
		switch n.DataAtom {
		case atom.Img, atom.Source:
			return append([]string{attr(n, "src")}, srcset(attr(n, "srcset"))...)
		case atom.Link:
			for _, rel := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
				switch rel {
				case "stylesheet", "icon", "apple-touch-icon", "preload":
					return []string{attr(n, "href")}
				}
			}
		case atom.Script, atom.Audio, atom.Embed, atom.Track:
			return []string{attr(n, "src")}
		case atom.Video:
			return []string{attr(n, "src"), attr(n, "poster")}
		case atom.Input:
			if strings.EqualFold(attr(n, "type"), "image") {
				return []string{attr(n, "src")}
			}
		case atom.Object:
			return []string{attr(n, "data")}
		case atom.Body, atom.Table, atom.Td, atom.Th:
			return []string{attr(n, "background")}
		}
		return nil
	})
}

// srcset returns the URLs of a srcset attribute ("a.jpg 1x, b.jpg 2x").
func srcset(v string) []string {
	var out []string
	for _, cand := range strings.Split(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// resolveAll resolves the references pick finds on each element against
// the page's base, keeping http(s) URLs only, without fragments or
// duplicates.
func resolveAll(doc *html.Node, pageURL *url.URL, pick func(*html.Node) []string) []string {
	base := baseURL(doc, pageURL)
	seen := map[string]bool{}
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, raw := range pick(n) {
			raw = strings.TrimSpace(raw)
			if raw == "" || strings.HasPrefix(raw, "#") {
				continue
			}
			u, err := base.Parse(raw)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				continue
			}
			u.Fragment = ""
			if s := u.String(); !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
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
