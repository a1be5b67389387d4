package crawler

import (
	"net/http"
	"sync"
	"time"
)

// Politeness is kept per host across all the sites of a run: many ward
// portals are paths or subdomains of one provincial server, and that
// server sees one crawler. A request to a host starts no sooner than the
// delay after the host's previous request (the larger of the requesting
// site's delay and the host's Crawl-delay), whichever site made it, and
// not while the host has asked to be left alone (Retry-After).

// gate is one host's schedule.
type gate struct {
	mu         sync.Mutex
	next       time.Time // the earliest start of the host's next request
	lastSent   time.Time // when the host's last request went out
	pauseUntil time.Time
}

// gates are the run's hosts' schedules, by host (host:port).
type gates struct {
	mu sync.Mutex
	m  map[string]*gate
}

func (g *gates) of(host string) *gate {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m == nil {
		g.m = map[string]*gate{}
	}
	h := g.m[host]
	if h == nil {
		h = &gate{}
		g.m[host] = h
	}
	return h
}

// reserve books the host's next request slot for a request made at now,
// keeping delay after it free, and says how long to wait for the slot.
func (g *gate) reserve(now time.Time, delay time.Duration) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	start := now
	if g.next.After(start) {
		start = g.next
	}
	if g.pauseUntil.After(start) {
		start = g.pauseUntil
	}
	g.next = start.Add(delay)
	return start.Sub(now)
}

// send is the last word before a request goes out at now: it says how
// long to wait so that the request starts no sooner than delay after the
// host's previous request as actually sent, and books that start. The
// slot reserve gave may have passed long before (the request waited for
// the answer to the one before it, which came late): reckoned from slots
// alone, a request after a late one followed it by less than the delay.
func (g *gate) send(now time.Time, delay time.Duration) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	at := now
	if t := g.lastSent.Add(delay); !g.lastSent.IsZero() && t.After(at) {
		at = t
	}
	g.lastSent = at
	if t := at.Add(delay); t.After(g.next) {
		g.next = t
	}
	return at.Sub(now)
}

// paced is the transport of a site's run as politeness sees it: each
// request waits, as it goes out, until the site's delay has passed since
// the host's previous request was sent (gate.send).
type paced struct {
	http.RoundTripper
	r *siteRun
}

func (t paced) RoundTrip(req *http.Request) (*http.Response, error) {
	if wait := t.r.c.gates.of(req.URL.Host).send(t.r.c.opt.Now(), t.r.site.Delay); wait > 0 {
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-req.Context().Done():
			timer.Stop()
			return nil, req.Context().Err()
		}
	}
	return t.RoundTripper.RoundTrip(req)
}

// pause keeps every site off the host until then.
func (g *gate) pause(until time.Time) {
	g.mu.Lock()
	if until.After(g.pauseUntil) {
		g.pauseUntil = until
	}
	g.mu.Unlock()
}

// pausedFor is how long the host asked to be left alone, from now.
func (g *gate) pausedFor(now time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.pauseUntil.Sub(now)
}

// notBefore keeps the host's next request from starting before t (the
// host's last holder, another worker, asked for the delay after its own).
func (g *gate) notBefore(t time.Time) {
	g.mu.Lock()
	if t.After(g.next) {
		g.next = t
	}
	g.mu.Unlock()
}

// nextIn is how long from now until the host's next request may start.
func (g *gate) nextIn(now time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return max(g.next.Sub(now), g.pauseUntil.Sub(now), 0)
}
