package crawler

import (
	"context"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/storage"
)

// The pool runs at most MaxActiveSites sites at once, counted by the
// crawler and, from outside, by the farm (sites with a request in flight),
// and every site of the run completes.
func TestPoolNeverExceedsMaxActiveSites(t *testing.T) {
	f := farm.NewSites(24, 3)
	f.Latency = 20 * time.Millisecond
	if err := f.StartSpread(); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sites []config.Site
	for _, s := range f.Sites {
		cs := site(s.Name, s.URL+"/")
		cs.Parallelism, cs.SiteModel = 2, false
		sites = append(sites, cs)
	}
	st := openStore(t)
	c := New(st, Options{MaxActiveSites: 4})
	sum, err := c.Run(context.Background(), sites)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != "ok" || len(sum.Sites) != 24 {
		t.Fatalf("status %s, %d sites", sum.Status, len(sum.Sites))
	}
	for i, s := range sum.Sites {
		if s.Site != sites[i].Name || s.ArticlesNew != 3 || s.Error != "" {
			t.Errorf("site %d: %+v", i, s)
		}
	}
	if p := c.peakActive.Load(); p != 4 {
		t.Errorf("the crawler ran %d sites at once, want 4", p)
	}
	if p := f.PeakBusySites(); p > 4 || p < 2 {
		t.Errorf("the farm saw %d sites busy at once (max_active_sites 4)", p)
	}
}

// emfileTransport fails the first robots.txt requests of a host with
// "too many open files", as a process out of descriptors does, then
// carries requests over the loopback network.
type emfileTransport struct {
	mu    sync.Mutex
	fails int // robots.txt requests still to fail; -1: all
	seen  int
}

func (e *emfileTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	e.mu.Lock()
	fail := req.URL.Path == "/robots.txt" && (e.fails < 0 || e.seen < e.fails)
	if req.URL.Path == "/robots.txt" {
		e.seen++
	}
	e.mu.Unlock()
	if fail {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("socket", syscall.EMFILE)}
	}
	return http.DefaultTransport.RoundTrip(req)
}

func (e *emfileTransport) Take(string) (storage.Capture, bool, error) {
	return storage.Capture{}, false, nil
}

// "Too many open files" on robots.txt defers the site: it runs again later
// in the run and completes; it is never failed as "disallowed by
// robots.txt". When the shortage lasts, the site fails with its real cause.
func TestEMFILEDefersTheSite(t *testing.T) {
	p := newTestPortal(t, 4)
	s := site("phuong", p.URL+"/")
	st := openStore(t)
	tr := &emfileTransport{fails: 1}
	sum, err := New(st, Options{Recorder: tr}).Run(context.Background(), []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	got := sum.Sites[0]
	if sum.Status != "ok" || got.Error != "" || got.ArticlesNew != 4 || got.RobotsBlocked != 0 || tr.seen != 2 {
		t.Errorf("status %s, stats %+v, robots.txt asked %d times", sum.Status, got, tr.seen)
	}

	tr = &emfileTransport{fails: -1}
	sum, err = New(openStore(t), Options{Recorder: tr}).Run(context.Background(), []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	got = sum.Sites[0]
	if !strings.Contains(got.Error, "too many open files") || strings.Contains(got.Error, "disallowed") || !strings.Contains(got.Error, "deferred") {
		t.Errorf("a lasting shortage: %q", got.Error)
	}
}

// emfileEnqueue is a store whose Enqueue fails once with "too many open
// files" (SQLite out of descriptors: "unable to open database file") when
// it is asked to queue the URL named.
type emfileEnqueue struct {
	*storage.Store
	url    string
	failed atomic.Bool
}

func (e *emfileEnqueue) Enqueue(ctx context.Context, entries ...storage.QueueEntry) ([]storage.EnqueueResult, error) {
	for _, q := range entries {
		if q.URL == e.url && e.failed.CompareAndSwap(false, true) {
			return nil, &net.OpError{Op: "open", Err: os.NewSyscallError("open", syscall.EMFILE)}
		}
	}
	return e.Store.Enqueue(ctx, entries...)
}

// A page whose links could not be queued (the store short of a
// descriptor) is not marked done: the site is deferred, the page fetched
// again when it runs again, and its links queued then. Before, the start
// page was stored done with its links lost: the site reported ok with no
// article (the CI run of TestCrawlUnderALowFileLimit that stored 299 of
// 300 articles).
func TestLinksNotQueuedLeaveThePageInFlight(t *testing.T) {
	p := newTestPortal(t, 2)
	for _, model := range []bool{false, true} {
		st := &emfileEnqueue{Store: openStore(t), url: p.URL + "/tin-tuc/thong-bao-so-1.html"}
		s := site("phuong", p.URL+"/")
		s.SiteModel = model
		sum, err := New(st, Options{}).Run(context.Background(), []config.Site{s})
		if err != nil {
			t.Fatal(err)
		}
		got := sum.Sites[0]
		if !st.failed.Load() || sum.Status != "ok" || got.Error != "" || got.ArticlesNew != 2 {
			t.Errorf("site model %v: failed once %v, status %s, stats %+v", model, st.failed.Load(), sum.Status, got)
		}
	}
}

// The same for a sitemap: one whose URLs could not be queued is read
// again, and the article only it lists is stored.
func TestSitemapNotQueuedIsReadAgain(t *testing.T) {
	p := newTestPortal(t, 1)
	only := p.addArticle(2, false)
	p.sitemap = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>` + p.URL + only + `</loc></url></urlset>`
	st := &emfileEnqueue{Store: openStore(t), url: p.URL + only}
	sum, err := New(st, Options{}).Run(context.Background(), []config.Site{site("phuong", p.URL+"/")})
	if err != nil {
		t.Fatal(err)
	}
	got := sum.Sites[0]
	if !st.failed.Load() || sum.Status != "ok" || got.Error != "" || got.ArticlesNew != 2 {
		t.Errorf("failed once %v, status %s, stats %+v", st.failed.Load(), sum.Status, got)
	}
}
