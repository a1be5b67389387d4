package parsers

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Portal is a government portal a page links to.
type Portal struct {
	URL  string // the portal's home: scheme://host/
	Host string
	Name string // the text of the link, or of the <option>
}

// PortalLinks lists the government portals (hosts under .gov.vn) a page
// links to, other than the page's own host: the communes' and wards'
// portals a district or province lists in a "Liên kết website" box, a
// <select> of links, or a list of "Cổng TTĐT xã, phường". Each host is
// listed once, in page order, with the first non-empty text that named it.
func PortalLinks(doc *html.Node, base *url.URL) []Portal {
	var out []Portal
	index := map[string]int{}
	add := func(raw, text string) {
		raw = strings.TrimSpace(raw)
		if raw == "" || strings.HasPrefix(strings.ToLower(raw), "javascript:") {
			return
		}
		u, err := base.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		host := strings.ToLower(u.Host)
		name := strings.ToLower(u.Hostname())
		if host == strings.ToLower(base.Host) || !strings.HasSuffix(name, ".gov.vn") {
			return
		}
		text = CleanLine(text)
		if i, ok := index[host]; ok {
			if out[i].Name == "" {
				out[i].Name = text
			}
			return
		}
		index[host] = len(out)
		out = append(out, Portal{URL: u.Scheme + "://" + host + "/", Host: host, Name: text})
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.A, atom.Area:
			add(attr(n, "href"), cmpStr(textOf(n), attr(n, "title")))
		case atom.Option:
			add(attr(n, "value"), textOf(n))
		}
	}
	return out
}
