// Package farm serves generated ward portals on loopback for the
// benchmark: one site per CMS layout of the extraction corpus, each with
// its article pages and the paginated listings that link them, robots.txt
// allowing everything, no delay. Pages are made on request from the
// corpus templates, so the farm holds nothing that grows with its size.
package farm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/corpus"
)

// PerListing is how many articles a listing page links.
const PerListing = 20

// Farm is a set of generated sites.
type Farm struct {
	Sites []*Site
	// Latency is how long every answer waits before it is written (a
	// portal's server time and the network's).
	Latency time.Duration
	// Counters of what the sites served since the last Reset.
	pages, articles, others, bytes atomic.Int64
	// busy counts the sites with a request in flight; peakBusy its peak.
	busy, peakBusy atomic.Int64
	// timeline counts the pages served in each tenth of a second since the
	// last Reset (the first hour; later pages fall in the last slot).
	timeline [timelineSlots]atomic.Int32
	since    atomic.Int64 // the last Reset, in Unix nanoseconds

	logMu sync.Mutex
	log   []Request // nil: not logging (see LogRequests)
}

// Request is a request the farm received: when (as the handler began),
// the host it was sent to (host:port) and the path, and the status it
// was answered with.
type Request struct {
	At     time.Time
	Host   string
	Path   string
	Status int
}

// LogRequests makes the farm keep every request it receives from now on.
func (f *Farm) LogRequests() {
	f.logMu.Lock()
	if f.log == nil {
		f.log = []Request{}
	}
	f.logMu.Unlock()
}

// Requests are the requests received since LogRequests, in order.
func (f *Farm) Requests() []Request {
	f.logMu.Lock()
	defer f.logMu.Unlock()
	return append([]Request(nil), f.log...)
}

func (f *Farm) record(r Request) {
	f.logMu.Lock()
	if f.log != nil {
		f.log = append(f.log, r)
	}
	f.logMu.Unlock()
}

// timelineSlots is an hour of tenths of a second.
const timelineSlots = 36000

// TimelineStep is the width of a slot of the served timeline.
const TimelineStep = 100 * time.Millisecond

// served counts a page in its slot of the timeline.
func (f *Farm) served() {
	i := (time.Now().UnixNano() - f.since.Load()) / int64(TimelineStep)
	f.timeline[min(max(i, 0), timelineSlots-1)].Add(1)
}

// LongestStall is the longest time, between the first page served since
// the last Reset and the last, in which the farm served no page: a crawl
// that is busy everywhere stalls when its writer or its collector does.
func (f *Farm) LongestStall() time.Duration {
	first, last := -1, -1
	for i := range f.timeline {
		if f.timeline[i].Load() > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	longest, run := 0, 0
	for i := first + 1; first >= 0 && i < last; i++ {
		if f.timeline[i].Load() == 0 {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return time.Duration(longest) * TimelineStep
}

// PeakBusySites is the most sites that had a request in flight at once
// since the last Reset (each site counted once, however many of its
// requests were in flight).
func (f *Farm) PeakBusySites() int { return int(f.peakBusy.Load()) }

// enter and leave track a site's requests in flight.
func (s *Site) enter() {
	if s.inflight.Add(1) == 1 {
		n := s.farm.busy.Add(1)
		for p := s.farm.peakBusy.Load(); n > p && !s.farm.peakBusy.CompareAndSwap(p, n); p = s.farm.peakBusy.Load() {
		}
	}
}

func (s *Site) leave() {
	if s.inflight.Add(-1) == 0 {
		s.farm.busy.Add(-1)
	}
}

// Site is one generated portal: articles numbered 0..Articles-1, listed
// newest first, PerListing to a listing page.
type Site struct {
	Name     string // farm-FAMILY
	Family   string
	Articles int
	URL      string // http://127.0.0.1:PORT, once started (…:PORT/NAME on a shared server)

	prefix    string // the site's path on a shared server ("" : its own server)
	templates []corpus.Template
	farm      *Farm
	srv       *http.Server
	inflight  atomic.Int64
}

// families are the corpus's templates by family, and the families in
// corpus order.
func families() (map[string][]corpus.Template, []string) {
	byFamily := map[string][]corpus.Template{}
	var names []string
	for _, t := range corpus.Templates() {
		if byFamily[t.Family] == nil {
			names = append(names, t.Family)
		}
		byFamily[t.Family] = append(byFamily[t.Family], t)
	}
	return byFamily, names
}

// newFarm is an empty farm, its served timeline starting now.
func newFarm() *Farm {
	f := &Farm{}
	f.since.Store(time.Now().UnixNano())
	return f
}

// New lays out a farm of about articles article pages over one site per
// corpus family.
func New(articles int) *Farm {
	byFamily, fams := families()
	f := newFarm()
	for i, fam := range fams {
		n := articles / len(fams)
		if i < articles%len(fams) {
			n++
		}
		f.Sites = append(f.Sites, &Site{Name: "farm-" + fam, Family: fam, Articles: n, templates: byFamily[fam], farm: f})
	}
	return f
}

// NewSites lays out n small portals of perSite articles each, their
// layouts taken in turn from the corpus families: the many-sites farm
// (every commune's portal in one config).
func NewSites(n, perSite int) *Farm {
	byFamily, fams := families()
	f := newFarm()
	for i := range n {
		fam := fams[i%len(fams)]
		f.Sites = append(f.Sites, &Site{Name: fmt.Sprintf("site-%05d", i), Family: fam, Articles: perSite, templates: byFamily[fam], farm: f})
	}
	return f
}

// SpreadHost is the loopback address of site i of a many-sites farm: one
// address per site, 127.1.0.1 onwards (all of 127/8 is loopback).
func SpreadHost(i int) string { return fmt.Sprintf("127.1.%d.%d", i/250, 1+i%250) }

// StartSpread serves site i on SpreadHost(i), each on a free port.
func (f *Farm) StartSpread() error {
	for i, s := range f.Sites {
		if err := s.start(SpreadHost(i)); err != nil {
			f.Close()
			return err
		}
	}
	return nil
}

// Start serves the site alone on a free port of host.
func (s *Site) Start(host string) error { return s.start(host) }

func (s *Site) start(host string) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return fmt.Errorf("farm: listen: %w", err)
	}
	s.URL = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return nil
}

// StartShared serves sites on one server of host, each under its own
// path (/NAME/…): several communes' portals on one provincial server. The
// server answers robots.txt for all; a path under no site is a 404.
func (f *Farm) StartShared(host string, sites []*Site) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return fmt.Errorf("farm: listen: %w", err)
	}
	base := "http://" + ln.Addr().String()
	byPrefix := map[string]*Site{}
	for _, s := range sites {
		s.prefix = "/" + s.Name
		s.URL = base + s.prefix
		byPrefix[s.prefix] = s
	}
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if s := byPrefix["/"+first]; s != nil {
			s.ServeHTTP(w, r)
			return
		}
		sites[0].ServeHTTP(w, r) // robots.txt, or a 404 for the path
	})}
	sites[0].srv = srv // closed with the farm
	go srv.Serve(ln)
	return nil
}

// Start serves every site on its own port of host (e.g. 127.0.0.1).
func (f *Farm) Start(host string) error {
	for _, s := range f.Sites {
		if err := s.start(host); err != nil {
			f.Close()
			return err
		}
	}
	return nil
}

// Close stops the servers.
func (f *Farm) Close() {
	var wg sync.WaitGroup
	for _, s := range f.Sites {
		if s.srv != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				if err := s.srv.Shutdown(ctx); errors.Is(err, context.DeadlineExceeded) {
					s.srv.Close()
				}
				cancel()
			}()
		}
	}
	wg.Wait()
}

// Served is what the farm answered since the last Reset.
type Served struct {
	Pages    int   `json:"pages"`    // HTML pages answered 200: articles, listings, home pages
	Articles int   `json:"articles"` // of which articles
	Others   int   `json:"others"`   // robots.txt and 404s
	Bytes    int64 `json:"bytes"`    // bodies of the pages
}

// Served returns the counters.
func (f *Farm) Served() Served {
	return Served{Pages: int(f.pages.Load()), Articles: int(f.articles.Load()), Others: int(f.others.Load()), Bytes: f.bytes.Load()}
}

// Reset zeroes the counters.
func (f *Farm) Reset() {
	f.pages.Store(0)
	f.articles.Store(0)
	f.others.Store(0)
	f.bytes.Store(0)
	f.peakBusy.Store(f.busy.Load())
	for i := range f.timeline {
		f.timeline[i].Store(0)
	}
	f.since.Store(time.Now().UnixNano())
}

// Pages is how many HTML pages the farm has: every article, listing and
// home page.
func (f *Farm) Pages() int {
	n := 0
	for _, s := range f.Sites {
		n += 1 + s.Listings() + s.Articles
	}
	return n
}

// Articles is how many article pages the farm has.
func (f *Farm) Articles() int {
	n := 0
	for _, s := range f.Sites {
		n += s.Articles
	}
	return n
}

// Listings is how many listing pages the site has.
func (s *Site) Listings() int { return (s.Articles + PerListing - 1) / PerListing }

// Paths lists the site's HTML pages: home, listings, articles.
func (s *Site) Paths() []string {
	out := []string{"/"}
	for k := 1; k <= s.Listings(); k++ {
		out = append(out, listingPath(k))
	}
	for n := range s.Articles {
		out = append(out, articlePath(n))
	}
	return out
}

func listingPath(k int) string { return fmt.Sprintf("/tin-tuc/trang-%d.html", k) }
func articlePath(n int) string { return fmt.Sprintf("/tin-tuc/bai-%d.html", n) }

// Page renders the page at path; ok is false when the site has none there.
func (s *Site) Page(path string) (page string, article, ok bool) {
	switch {
	case path == "/":
		return s.listing("Trang chủ", 1), false, true
	case strings.HasPrefix(path, "/tin-tuc/trang-") && strings.HasSuffix(path, ".html"):
		k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path, "/tin-tuc/trang-"), ".html"))
		if err != nil || k < 1 || k > s.Listings() || path != listingPath(k) {
			return "", false, false
		}
		return s.listing(fmt.Sprintf("Tin tức - Trang %d", k), k), false, true
	case strings.HasPrefix(path, "/tin-tuc/bai-") && strings.HasSuffix(path, ".html"):
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path, "/tin-tuc/bai-"), ".html"))
		if err != nil || n < 0 || n >= s.Articles || path != articlePath(n) {
			return "", false, false
		}
		return s.template(n).Article(s.Name, n), true, true
	}
	return "", false, false
}

func (s *Site) template(n int) corpus.Template { return s.templates[n%len(s.templates)] }

// ArticlePath is article n's path on the site.
func ArticlePath(n int) string { return articlePath(n) }

// Gold is article n's gold text.
func (s *Site) Gold(n int) string { return s.template(n).Gold(s.Name, n) }

// Title is article n's title as the page shows it (HTML-escaped).
func (s *Site) Title(n int) string { return s.template(n).Title(n) }

// listing is listing page k (newest article first) with its pagination.
func (s *Site) listing(title string, k int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"danh-sach-tin\"><h2>%s</h2>\n<ul>\n", title)
	first := s.Articles - 1 - (k-1)*PerListing
	for n := first; n > first-PerListing && n >= 0; n-- {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", s.prefix+articlePath(n), s.template(n).Title(n))
	}
	b.WriteString("</ul>\n<div class=\"phan-trang\">")
	last := s.Listings()
	if k > 1 {
		fmt.Fprintf(&b, `<a href="%s">Trang đầu</a> <a href="%s">Trang trước</a> `, s.prefix+listingPath(1), s.prefix+listingPath(k-1))
	}
	for p := max(1, k-2); p <= min(last, k+2); p++ {
		fmt.Fprintf(&b, `<a href="%s">%d</a> `, s.prefix+listingPath(p), p)
	}
	if k < last {
		fmt.Fprintf(&b, `<a href="%s">Trang sau</a> <a href="%s">Trang cuối</a>`, s.prefix+listingPath(k+1), s.prefix+listingPath(last))
	}
	b.WriteString("</div></div>")
	return corpus.Shell(s.Family, title, b.String())
}

// ServeHTTP serves robots.txt, the site's pages, and 404 for anything else
// (the templates' own menus link pages the farm does not have).
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := Request{At: time.Now(), Host: r.Host, Path: r.URL.RequestURI(), Status: http.StatusOK}
	defer func() { s.farm.record(req) }()
	s.enter()
	defer s.leave()
	if d := s.farm.Latency; d > 0 {
		time.Sleep(d)
	}
	if r.URL.Path == "/robots.txt" {
		s.farm.others.Add(1)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		return
	}
	path, under := strings.CutPrefix(r.URL.Path, s.prefix)
	if path == "" {
		path = "/"
	}
	page, article, ok := s.Page(path)
	if !under || !ok || r.URL.RawQuery != "" {
		req.Status = http.StatusNotFound
		s.farm.others.Add(1)
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	if r.Method == http.MethodHead {
		return
	}
	if _, err := w.Write([]byte(page)); err != nil {
		return
	}
	s.farm.pages.Add(1)
	s.farm.served()
	s.farm.bytes.Add(int64(len(page)))
	if article {
		s.farm.articles.Add(1)
	}
}
