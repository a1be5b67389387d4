package serve

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

var funcs = template.FuncMap{
	"date": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			if v.IsZero() {
				return ""
			}
			return v.In(parsers.Vietnam).Format("02/01/2006 15:04")
		case *time.Time:
			if v == nil {
				return ""
			}
			return v.In(parsers.Vietnam).Format("02/01/2006 15:04")
		}
		return ""
	},
	"paragraphs": func(text string) []string {
		var out []string
		for _, p := range strings.Split(text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	},
	"short": func(h string) string { return h[:min(12, len(h))] },
	"add":   func(a, b int) int { return a + b },
}

// hit is an article in a list, with its snippet.
type hit struct {
	storage.SearchHit
	Snippet   []textsearch.Segment
	TitleHits []textsearch.Segment // the title, the words found marked
}

// pager is a list's paging.
type pager struct {
	Page, Pages, Total int
	Prev, Next         string // links, "" when none
}

func newPager(u *url.URL, page, perPage, total int) pager {
	p := pager{Page: page, Total: total, Pages: max(1, (total+perPage-1)/perPage)}
	link := func(n int) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(n))
		return u.Path + "?" + q.Encode()
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < p.Pages && page < maxPage {
		p.Next = link(page + 1)
	}
	return p
}

func hitsOf(hs []storage.SearchHit, terms []textsearch.Term) []hit {
	out := make([]hit, len(hs))
	for i, h := range hs {
		out[i] = hit{h, textsearch.Snippet(h.Text, terms, 40), nil}
		if len(terms) > 0 {
			out[i].TitleHits = textsearch.Snippet(h.Title, terms, 1000)
		}
	}
	return out
}

// home: the sites with their counts and last crawl, the latest articles.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	st, err := s.a.Stats(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	_, latest, err := s.a.ListArticles(r.Context(), "", true, s.opt.PerPage, 0)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", map[string]any{"Title": "Kho lưu trữ cổng thông tin phường, xã", "Stats": st, "Latest": hitsOf(latest, nil)})
}

// site: a site's articles, newest first, paged.
func (s *Server) site(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	names, err := s.knownSite(r.Context(), name)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	p, err := readParams(r.URL.Query(), names)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	total, list, err := s.a.ListArticles(r.Context(), name, false, s.opt.PerPage, (p.page-1)*s.opt.PerPage)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	info, _, err := s.a.SiteStats(r.Context(), name)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "site", map[string]any{"Title": name, "Site": info, "Articles": hitsOf(list, nil), "Pager": newPager(r.URL, p.page, s.opt.PerPage, total)})
}

func errNotFoundf(format string, args ...any) error {
	return notFound{badRequest{msg: fmt.Sprintf(format, args...)}}
}

// notFound is errNotFound with words of its own.
type notFound struct{ badRequest }

func (notFound) Is(target error) bool { return target == errNotFound }

// Unwrap hides the badRequest: a notFound is a 404, not a 400.
func (notFound) Unwrap() error { return nil }

// version is one stored text of a URL, for the article page.
type version struct {
	storage.URLVersion
	Current bool // the page's article
}

// article: one article, everywhere it was seen, its versions, its
// captures.
func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	hash := r.PathValue("hash")
	rec, err := s.findArticle(ctx, hash)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	sightings, err := s.a.Sightings(ctx, hash)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	captures, err := s.a.Captures(ctx, hash)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	// The versions of the URL where it was first seen: the one before it
	// shows what changed, as a word diff.
	var versions []version
	var diff []diffOp
	var prevHash, nextHash string
	if vs, err := s.a.URLVersions(ctx, rec.URL); err == nil {
		for i, v := range vs {
			versions = append(versions, version{v, v.ContentHash == hash})
			if v.ContentHash != hash {
				continue
			}
			if i > 0 {
				prevHash = vs[i-1].ContentHash
			}
			if i+1 < len(vs) {
				nextHash = vs[i+1].ContentHash
			}
		}
	} else {
		s.failErr(w, r, err)
		return
	}
	if prevHash != "" {
		if prev, ok, err := s.a.ArticleByHash(ctx, prevHash); err == nil && ok {
			diff = wordDiff(prev.Text, rec.Text)
		}
	}
	s.render(w, r, http.StatusOK, "article", map[string]any{"Title": rec.Title, "Article": rec, "Sightings": sightings, "Captures": captures,
		"Versions": versions, "Diff": diff, "Prev": prevHash, "Next": nextHash})
}

// findArticle is the article a request names by its hash: a bad request
// when the hash is malformed, not found when the archive has none.
func (s *Server) findArticle(ctx context.Context, hash string) (storage.Record, error) {
	if !validHash(hash) {
		return storage.Record{}, bad("%q không phải mã bài viết (64 chữ số hex)", hash)
	}
	rec, ok, err := s.a.ArticleByHash(ctx, hash)
	if err == nil && !ok {
		err = errNotFoundf("không có bài viết %s trong kho", hash)
	}
	return rec, err
}

// search: the search page; without a query, the form alone.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	names, list, err := s.siteNames(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	data := map[string]any{"Title": "Tìm kiếm", "Sites": list, "Form": r.URL.Query()}
	if strings.TrimSpace(r.URL.Query().Get("q")) == "" {
		s.render(w, r, http.StatusOK, "search", data)
		return
	}
	res, p, q, err := s.runSearch(r, names)
	if err != nil {
		var br badRequest
		if errors.As(err, &br) || errors.Is(err, textsearch.ErrBadQuery) {
			data["Error"] = err.Error()
			s.render(w, r, http.StatusBadRequest, "search", data)
			return
		}
		s.failErr(w, r, err)
		return
	}
	data["Hits"], data["Total"], data["Capped"] = hitsOf(res.Hits, q.Terms), res.Total, res.Capped
	data["Pager"] = newPager(r.URL, p.page, s.opt.PerPage, res.Total)
	data["Feed"] = "/search.atom?" + r.URL.RawQuery
	s.render(w, r, http.StatusOK, "search", data)
}

// runSearch validates a search request and runs it.
func (s *Server) runSearch(r *http.Request, names map[string]bool) (storage.SearchResult, params, textsearch.Query, error) {
	sq, p, err := s.readSearch(r, names)
	if err != nil {
		return storage.SearchResult{}, p, sq.Query, err
	}
	res, err := s.a.SearchPage(r.Context(), sq)
	return res, p, sq.Query, err
}

// readSearch validates a search request's parameters and query: the
// search of the page it asks for.
func (s *Server) readSearch(r *http.Request, names map[string]bool) (storage.SearchQuery, params, error) {
	p, err := readParams(r.URL.Query(), names)
	if err != nil {
		return storage.SearchQuery{}, p, err
	}
	q, err := textsearch.ParseQuery(r.URL.Query().Get("q"))
	if err != nil {
		return storage.SearchQuery{Query: q}, p, err
	}
	sq := storage.SearchQuery{Query: q, Since: p.since, Until: p.until, Sort: p.sort, Limit: s.opt.PerPage, Offset: (p.page - 1) * s.opt.PerPage}
	if p.site != "" {
		sq.Sites = []string{p.site}
	}
	return sq, p, nil
}
