package serve

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
	"github.com/wardcrawl/wardcrawl/storage"
)

// Atom 1.0 (RFC 4287). A feed carries its id, title, updated, author and
// a self link; an entry its id (urn:sha256: and the content hash: the
// same text has the same id wherever it is served from), title, updated
// (when wardcrawl first saw it), published (the portal's date, when it
// has one), a link to the portal's page and a summary.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary"`
	Category  *struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

// feedSize is how many entries a feed holds: the newest by first sight.
const feedSize = 50

func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, title, alternate string, hits []storage.SearchHit, terms []textsearch.Term) {
	base := s.baseURL(r)
	self := base + r.URL.RequestURI()
	f := atomFeed{ID: self, Title: title, Author: atomPerson{"wardcrawl"}, Gen: "wardcrawl",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: base + alternate}}}
	updated := time.Unix(0, 0)
	for _, h := range hits {
		e := atomEntry{ID: "urn:sha256:" + h.ContentHash, Title: h.Title, Updated: h.FirstSeenAt.Format(time.RFC3339),
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: h.URL}, {Rel: "related", Type: "text/html", Href: base + "/articles/" + h.ContentHash}}}
		if h.PublishedAt != nil {
			e.Published = h.PublishedAt.Format(time.RFC3339)
		}
		e.Summary = textsearch.SnippetText(textsearch.Snippet(h.Text, terms, 60))
		e.Category = &struct {
			Term string `xml:"term,attr"`
		}{h.Site}
		f.Entries = append(f.Entries, e)
		if h.FirstSeenAt.After(updated) {
			updated = h.FirstSeenAt
		}
	}
	f.Updated = updated.In(vietnamZone).Format(time.RFC3339)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	enc.Encode(f)
}

var vietnamZone = time.FixedZone("+07:00", 7*3600)

// feedAll: every new article, newest first seen first.
func (s *Server) feedAll(w http.ResponseWriter, r *http.Request) {
	_, hits, err := s.a.ListArticles(r.Context(), "", true, feedSize, 0)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.writeFeed(w, r, "Bài mới — kho lưu trữ cổng thông tin phường, xã", "/", hits, nil)
}

// feedSite: a site's new articles.
func (s *Server) feedSite(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if _, err := s.knownSite(r.Context(), name); err != nil {
		s.failErr(w, r, err)
		return
	}
	_, hits, err := s.a.ListArticles(r.Context(), name, true, feedSize, 0)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.writeFeed(w, r, "Bài mới — "+name, "/sites/"+url.PathEscape(name), hits, nil)
}

// feedSearch: a saved search as a feed, newest first seen first.
func (s *Server) feedSearch(w http.ResponseWriter, r *http.Request) {
	names, _, err := s.siteNames(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	sq, _, err := s.readSearch(r, names)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	sq.Sort, sq.Limit, sq.Offset = "first_seen", feedSize, 0 // the newest first seen, whatever page was asked
	res, err := s.a.SearchPage(r.Context(), sq)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.writeFeed(w, r, "Tìm kiếm: "+sq.Query.Raw, "/search?"+r.URL.RawQuery, res.Hits, sq.Query.Terms)
}
