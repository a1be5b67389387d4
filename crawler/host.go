package crawler

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/wardcrawl/wardcrawl/storage"
)

// host is one host's state within a site's run: its robots.txt, the
// delay the site keeps between its requests (the larger of its own and
// the Crawl-delay), how it has been answering, and the run's politeness
// gate for it, shared with the other sites on the host.
type host struct {
	name   string
	ready  chan struct{} // closed once robots.txt is read and the limit rule is set
	robots *robots       // nil: not consulted (respect_robots: false)
	delay  time.Duration
	gate   *gate

	mu       sync.Mutex
	failures int // consecutive failed fetches
	dead     bool
}

// host returns the state of u's host, setting it up on first use: robots.txt
// is fetched (once per run), and a colly limit rule with the host's delay
// and parallelism is installed before any request can reach the host.
func (r *siteRun) host(u *url.URL) *host {
	r.mu.Lock()
	h, ok := r.hosts[u.Host]
	if ok {
		r.mu.Unlock()
		<-h.ready
		return h
	}
	h = &host{name: u.Host, ready: make(chan struct{}), delay: r.site.Delay, gate: r.c.gates.of(u.Host)}
	r.hosts[u.Host] = h
	r.mu.Unlock()
	defer close(h.ready)

	parallelism := r.site.Parallelism
	if r.site.RespectRobots {
		h.robots = r.fetchRobots(u)
		if d := h.robots.crawlDelay; d > 0 {
			if d > r.c.opt.MaxCrawlDelay {
				r.log.Warn("robots.txt Crawl-delay capped", "host", u.Host, "crawl_delay", d, "cap", r.c.opt.MaxCrawlDelay)
				d = r.c.opt.MaxCrawlDelay
			}
			// Crawl-delay is the time between successive requests: one at a time.
			h.delay, parallelism = max(h.delay, d), 1
		}
	}
	// The delay is the gate's (shared by the sites on the host), waited
	// before a request is handed to colly; colly keeps the parallelism.
	rule := &colly.LimitRule{DomainRegexp: "^" + regexp.QuoteMeta(u.Host) + "$", Parallelism: parallelism}
	if err := r.col.Limit(rule); err != nil {
		r.fail(fmt.Errorf("limit rule for %s: %w", u.Host, err))
	}
	r.log.Debug("host ready", "host", u.Host, "delay", h.delay, "parallelism", parallelism, "robots", h.robots != nil)
	return h
}

// knownHost is the state of a host already set up, or nil: answers never
// set a host up, so a response never makes wardcrawl contact a new host.
func (r *siteRun) knownHost(u *url.URL) *host {
	r.mu.Lock()
	h := r.hosts[u.Host]
	r.mu.Unlock()
	if h != nil {
		<-h.ready
	}
	return h
}

// fetchRobots reads a host's robots.txt with the site's user agent and
// timeout, following up to 5 redirects (RFC 9309 §2.3.1.2). It then waits
// the site's delay, so the first page does not follow on its heels.
func (r *siteRun) fetchRobots(u *url.URL) *robots {
	robotsURL := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	client := &http.Client{Timeout: r.site.Timeout, CheckRedirect: func(_ *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("robots.txt: more than 5 redirects")
		}
		return nil
	}}
	client.Transport = r.transport
	if rec := r.c.opt.Recorder; rec != nil {
		defer rec.Take(robotsURL.String()) // archived; no page is stored for it
	}
	// robots.txt is a request to the host like any other: it waits its turn.
	if wait := r.c.gates.of(u.Host).reserve(r.c.opt.Now(), r.site.Delay); wait > 0 {
		select {
		case <-time.After(wait):
		case <-r.ctx.Done():
		}
	}
	status, body, err := func() (int, []byte, error) {
		req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, robotsURL.String(), nil)
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("User-Agent", r.site.UserAgent)
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
		return resp.StatusCode, body, err
	}()
	rb := robotsFromResponse(status, body, r.site.UserAgent)
	switch {
	case err != nil && transient(err):
		// The machine, not the host: the site runs again later.
		rb.disallowAll, rb.unreachable = true, Cause(0, err)
		r.deferSite(rb.unreachable)
	case err != nil:
		rb.disallowAll, rb.unreachable = true, Cause(0, err)
		r.log.Warn("robots.txt unreachable: crawling nothing on this host for now (RFC 9309 §2.3.1.4)", "host", u.Host, "cause", rb.unreachable)
	case rb.disallowAll:
		rb.unreachable = Cause(status, nil)
		r.log.Warn("robots.txt answered with a server error: crawling nothing on this host for now (RFC 9309 §2.3.1.4)", "host", u.Host, "status", status)
	}
	return rb
}

// admit says why a claimed URL on host h must not be fetched ("" : fetch
// it), and counts it. deferred means the URL is left for the next run
// instead of being marked done.
func (r *siteRun) admit(h *host, u *url.URL) (reason string, deferred bool) {
	h.mu.Lock()
	dead := h.dead
	h.mu.Unlock()
	if dead {
		r.count(func(s *storage.RunSiteStats) { s.HostSkipped++ })
		return "host backed off after repeated failures; left for the next run", true
	}
	if !h.robots.allowed(u) {
		reason := "disallowed by robots.txt"
		if why := h.robots.unreachable; why != "" {
			reason = "robots.txt unreachable: " + why + "; RFC 9309 §2.3.1.4: nothing on the host is crawled until it answers"
		} else {
			r.count(func(s *storage.RunSiteStats) { s.RobotsBlocked++ })
		}
		if r.isStart(u.String()) {
			r.noteStart(u.String() + ": " + reason)
		}
		return reason, false
	}
	return "", false
}

// pause keeps every site of the run off the host until then.
func (h *host) pause(until time.Time) { h.gate.pause(until) }

// answered resets the failure count: the host is serving.
func (h *host) answered() {
	h.mu.Lock()
	h.failures = 0
	h.mu.Unlock()
}

// failed counts a fetch that failed for the host's sake (no answer, 5xx,
// 429, after retries) and reports whether the host just crossed the limit.
func (h *host) failed(limit int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failures++
	if !h.dead && h.failures >= limit {
		h.dead = true
		return true
	}
	return false
}
