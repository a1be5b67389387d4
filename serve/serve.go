// Package serve is wardcrawl's reading room: a small web server over the
// archive, for people who want to find and follow announcements, not to
// query a database. A request:
//
//  1. passes the security headers (a strict Content-Security-Policy, no
//     MIME sniffing, no framing) and a method check: only GET and HEAD;
//  2. has every parameter validated (a bad page number, an unknown site,
//     a date that is not a day, an over-long or unparsable query get a
//     400 page that says what is wrong, never a 500);
//  3. reads the archive through Archive, opened read-only: a crawl running
//     beside the server is seen at the next request;
//  4. is answered as HTML (html/template, the interface in Vietnamese,
//     no JavaScript), JSON (/api/…) or Atom 1.0 (….atom).
//
// Alerts (alerts.go) run after a crawl, not in the server: the articles a
// run stored first that match a saved search are posted to its webhook.
package serve

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Archive is what the server reads.
type Archive interface {
	Stats(ctx context.Context) (storage.Stats, error)
	SiteStats(ctx context.Context, site string) (storage.SiteStats, bool, error)
	SiteNames(ctx context.Context) ([]string, error)
	ListArticles(ctx context.Context, site string, byFirstSeen bool, limit, offset int) (int, []storage.SearchHit, error)
	SearchPage(ctx context.Context, q storage.SearchQuery) (storage.SearchResult, error)
	ArticleByHash(ctx context.Context, hash string) (storage.Record, bool, error)
	Sightings(ctx context.Context, hash string) ([]storage.Sighting, error)
	URLVersions(ctx context.Context, url string) ([]storage.URLVersion, error)
	Captures(ctx context.Context, hash string) ([]storage.Capture, error)
}

// Options configure a server.
type Options struct {
	// BaseURL is the server's public address, for the feeds' absolute
	// links (default: http:// and the request's host).
	BaseURL string
	Logger  *slog.Logger
	// PerPage is how many articles a page lists (default 20).
	PerPage int
}

// Server serves an archive.
type Server struct {
	a    Archive
	opt  Options
	tmpl *template.Template
	mux  *http.ServeMux
}

// New makes a server of an archive.
func New(a Archive, opt Options) (*Server, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.PerPage <= 0 {
		opt.PerPage = 20
	}
	opt.BaseURL = strings.TrimRight(opt.BaseURL, "/")
	tmpl, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("serve: templates: %w", err)
	}
	s := &Server{a: a, opt: opt, tmpl: tmpl, mux: http.NewServeMux()}
	static, _ := fs.Sub(assets, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /sites/{name}", s.site)
	s.mux.HandleFunc("GET /articles/{hash}", s.article)
	s.mux.HandleFunc("GET /search", s.search)
	s.mux.HandleFunc("GET /api/search", s.apiSearch)
	s.mux.HandleFunc("GET /api/articles/{hash}", s.apiArticle)
	s.mux.HandleFunc("GET /api/sites", s.apiSites)
	s.mux.HandleFunc("GET /feed.atom", s.feedAll)
	s.mux.HandleFunc("GET /sites/{name}/feed.atom", s.feedSite)
	s.mux.HandleFunc("GET /search.atom", s.feedSearch)
	s.mux.HandleFunc("/", s.notFound)
	return s, nil
}

// ServeHTTP answers a request, with the security headers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		s.fail(w, r, http.StatusMethodNotAllowed, errors.New("chỉ đọc: máy chủ này không nhận "+r.Method))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// badRequest is a parameter the server will not run with.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func bad(format string, args ...any) error { return badRequest{fmt.Sprintf(format, args...)} }

// errNotFound: no such site or article.
var errNotFound = errors.New("không tìm thấy")

// fail answers an error: a page for a browser, JSON for the API, plain
// text for a feed. A store error is logged and shown without detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	msg := err.Error()
	if status >= 500 {
		s.opt.Logger.Error("serve", "path", r.URL.Path, "error", err)
		msg = "lỗi máy chủ khi đọc kho lưu trữ; xem nhật ký của máy chủ"
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/api/"):
		writeJSON(w, status, map[string]any{"error": msg, "status": status})
	case strings.HasSuffix(r.URL.Path, ".atom"):
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintln(w, msg)
	default:
		s.render(w, r, status, "error", map[string]any{"Title": http.StatusText(status), "Status": status, "Message": msg})
	}
}

// failErr maps an error to its status.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	var br badRequest
	switch {
	case errors.As(err, &br), errors.Is(err, textsearch.ErrBadQuery):
		s.fail(w, r, http.StatusBadRequest, err)
	case errors.Is(err, errNotFound):
		s.fail(w, r, http.StatusNotFound, err)
	default:
		s.fail(w, r, http.StatusInternalServerError, err)
	}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, fmt.Errorf("không có trang %s", r.URL.Path))
}

// render writes a page of the layout.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data map[string]any) {
	data["Page"] = name
	data["Query"] = r.URL.Query().Get("q")
	var b strings.Builder
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		s.opt.Logger.Error("serve: template", "page", name, "error", err)
		http.Error(w, "lỗi máy chủ", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		fmt.Fprint(w, b.String())
	}
}

// params are a listing's validated parameters.
type params struct {
	page         int
	site         string
	since, until *time.Time
	sort         string
}

// maxPage bounds page numbers: deep pages of a big archive are slow, and
// nobody reads them.
const maxPage = 1000

// readParams validates the parameters a listing or search takes; sites
// are the archive's.
func readParams(v url.Values, sites map[string]bool) (params, error) {
	var p params
	p.page = 1
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPage {
			return p, bad("số trang %q không hợp lệ: cần một số từ 1 đến %d", s, maxPage)
		}
		p.page = n
	}
	if p.site = v.Get("site"); p.site != "" && sites != nil && !sites[p.site] {
		return p, bad("không có trang nào tên %q trong kho", p.site)
	}
	for _, d := range []struct {
		key string
		to  **time.Time
	}{{"since", &p.since}, {"until", &p.until}} {
		s := v.Get(d.key)
		if s == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", s, parsers.Vietnam)
		if err != nil {
			return p, bad("ngày %q (%s) không hợp lệ: cần dạng NĂM-THÁNG-NGÀY, ví dụ 2024-03-15", s, d.key)
		}
		if d.key == "until" {
			t = t.AddDate(0, 0, 1) // the day itself is included
		}
		*d.to = &t
	}
	if p.since != nil && p.until != nil && !p.since.Before(*p.until) {
		return p, bad("ngày bắt đầu phải trước ngày kết thúc")
	}
	switch p.sort = v.Get("sort"); p.sort {
	case "", "relevance", "date":
	default:
		return p, bad("cách sắp xếp %q không hợp lệ: relevance (liên quan) hoặc date (mới nhất)", p.sort)
	}
	return p, nil
}

// siteNames are the archive's sites, as a set and in order.
func (s *Server) siteNames(ctx context.Context) (map[string]bool, []string, error) {
	list, err := s.a.SiteNames(ctx)
	if err != nil {
		return nil, nil, err
	}
	names := map[string]bool{}
	for _, n := range list {
		names[n] = true
	}
	return names, list, nil
}

// knownSite is a site the request names: an error page's error when the
// archive has none by that name.
func (s *Server) knownSite(ctx context.Context, name string) (map[string]bool, error) {
	names, _, err := s.siteNames(ctx)
	if err == nil && !names[name] {
		err = errNotFoundf("không có trang %q trong kho", name)
	}
	return names, err
}

// baseURL is the server's address for absolute links.
func (s *Server) baseURL(r *http.Request) string {
	if s.opt.BaseURL != "" {
		return s.opt.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// validHash: a content hash is 64 hex digits.
func validHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for _, c := range h {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
