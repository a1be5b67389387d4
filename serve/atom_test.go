package serve

import (
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A generic Atom document, read back with encoding/xml: every element in
// the Atom namespace, counted, so RFC 4287's "exactly one" rules can be
// checked.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []xmlNode  `xml:",any"`
}

const atomNS = "http://www.w3.org/2005/Atom"

func (n xmlNode) all(local string) []xmlNode {
	var out []xmlNode
	for _, c := range n.Nodes {
		if c.XMLName.Space == atomNS && c.XMLName.Local == local {
			out = append(out, c)
		}
	}
	return out
}

func (n xmlNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// checkAtom checks a document against RFC 4287's requirements for feeds
// (4.1.1) and entries (4.1.2): exactly one id (an absolute IRI), title and
// updated (an RFC 3339 date) each; an author on the feed or on every
// entry; at most one alternate link per type; an entry without content has
// an alternate link; and the entries are newest first. It returns the
// entries.
func checkAtom(t *testing.T, doc string) []xmlNode {
	t.Helper()
	var feed xmlNode
	if err := xml.Unmarshal([]byte(doc), &feed); err != nil {
		t.Fatalf("not XML: %v\n%.300s", err, doc)
	}
	if feed.XMLName.Space != atomNS || feed.XMLName.Local != "feed" {
		t.Fatalf("root %v", feed.XMLName)
	}
	one := func(n xmlNode, what, el string) string {
		t.Helper()
		got := n.all(el)
		if len(got) != 1 {
			t.Errorf("%s has %d atom:%s, want exactly 1", what, len(got), el)
			return ""
		}
		return strings.TrimSpace(got[0].Text)
	}
	date := func(what, s string) time.Time {
		t.Helper()
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Errorf("%s: %q is not an RFC 3339 date", what, s)
		}
		return d
	}
	iri := func(what, s string) {
		t.Helper()
		if u, err := url.Parse(s); err != nil || !u.IsAbs() {
			t.Errorf("%s: id %q is not an absolute IRI", what, s)
		}
	}
	iri("feed", one(feed, "feed", "id"))
	one(feed, "feed", "title")
	date("feed updated", one(feed, "feed", "updated"))
	feedAuthor := len(feed.all("author")) > 0
	self := false
	for _, l := range feed.all("link") {
		self = self || l.attr("rel") == "self" && strings.HasPrefix(l.attr("href"), "http")
	}
	if !self {
		t.Error("feed has no absolute rel=self link")
	}
	entries := feed.all("entry")
	var prev time.Time
	for i, e := range entries {
		what := "entry " + one(e, "entry", "id")
		iri(what, one(e, what, "id"))
		one(e, what, "title")
		up := date(what+" updated", one(e, what, "updated"))
		if i > 0 && up.After(prev) {
			t.Errorf("%s: updated %s after the entry before it: not newest first", what, up)
		}
		prev = up
		if p := e.all("published"); len(p) > 1 {
			t.Errorf("%s: %d atom:published", what, len(p))
		} else if len(p) == 1 {
			date(what+" published", p[0].Text)
		}
		if !feedAuthor && len(e.all("author")) == 0 {
			t.Errorf("%s: no author, and the feed has none", what)
		}
		alternates := map[string]int{}
		for _, l := range e.all("link") {
			if r := l.attr("rel"); r == "" || r == "alternate" {
				alternates[l.attr("type")]++
			}
		}
		for typ, n := range alternates {
			if n > 1 {
				t.Errorf("%s: %d alternate links of type %q", what, n, typ)
			}
		}
		if len(e.all("content")) == 0 && len(alternates) == 0 {
			t.Errorf("%s: neither content nor an alternate link", what)
		}
		if len(e.all("content")) == 0 && len(e.all("summary")) != 1 {
			t.Errorf("%s: no content and %d summaries", what, len(e.all("summary")))
		}
	}
	return entries
}

// The three feeds are valid Atom, entries by first sight, newest first,
// with stable urn:sha256 ids and the portal's page as their link.
func TestAtomFeeds(t *testing.T) {
	sd := seed(t)
	ts := server(t, sd.path)
	ids := func(es []xmlNode) []string {
		var out []string
		for _, e := range es {
			out = append(out, strings.TrimPrefix(strings.TrimSpace(e.all("id")[0].Text), "urn:sha256:"))
		}
		return out
	}
	_, body, _ := get(t, ts, "/feed.atom")
	all := checkAtom(t, body)
	if got := ids(all); len(got) != 5 || got[0] != sd.warc || got[1] != sd.revised && got[1] != hashOf("Họp tổ dân phố số 5 vào tối thứ Bảy. Lượt xem: 174") {
		t.Errorf("/feed.atom: %v", got)
	}
	for _, e := range all {
		if id := strings.TrimSpace(e.all("id")[0].Text); id == "urn:sha256:"+sd.warc {
			if pub := e.all("published"); len(pub) != 1 || !strings.HasPrefix(pub[0].Text, "2024-03-25T09:30:00+07:00") {
				t.Errorf("published: %v", pub)
			}
			if l := e.all("link")[0]; l.attr("href") != "http://b.example/2" {
				t.Errorf("entry link %q", l.attr("href"))
			}
		}
	}
	_, body, _ = get(t, ts, "/sites/xa-b/feed.atom")
	if got := ids(checkAtom(t, body)); strings.Join(got, " ") != sd.warc+" "+sd.other {
		t.Errorf("/sites/xa-b/feed.atom: %v", got)
	}
	_, body, _ = get(t, ts, "/search.atom?q=thu+hoi+dat")
	if got := ids(checkAtom(t, body)); strings.Join(got, " ") != sd.warc+" "+sd.body+" "+sd.title {
		t.Errorf("/search.atom: %v", got)
	}
	if !strings.Contains(body, `href="http://archive.example/search.atom?q=thu+hoi+dat"`) {
		t.Error("the self link is not on --base-url")
	}
}
