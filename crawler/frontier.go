package crawler

import (
	"context"
	"errors"
	"net/url"
	"time"

	"github.com/gocolly/colly/v2/queue"
	collystorage "github.com/gocolly/colly/v2/storage"

	"github.com/wardcrawl/wardcrawl/storage"
)

// Frontier is the crawl frontier the crawler needs: per site, a durable
// queue of URLs with the set of URLs the current round has seen, and the
// round's cookies. storage.Store keeps it in SQLite; the interface is what
// a shared frontier (Redis) for several crawler processes would implement.
// colly's visited set is not in it: it only matters within one run (a
// redirect to a page the run already fetched), so each run keeps its own
// in memory.
type Frontier interface {
	ResumeRound(ctx context.Context, site string) (storage.Round, error)
	EndRound(ctx context.Context, site string) error
	RequeueInFlight(ctx context.Context, site string) (int, error)
	InRound(ctx context.Context, site string, urls []string) ([]bool, error)
	Enqueue(ctx context.Context, entries ...storage.QueueEntry) ([]storage.EnqueueResult, error)
	Claim(ctx context.Context, site string, n int) ([]storage.Claimed, error)
	MarkDone(ctx context.Context, site, url string) error
	QueueLen(ctx context.Context, site string) (int, error)
	Cookies(ctx context.Context, site, host string) (string, error)
	SetCookies(ctx context.Context, site, host, cookies string) error
}

var errNoRequest = errors.New("no request to hand out")

// siteQueue adapts a site's Frontier to colly: it is the queue storage
// colly's queue.Queue pulls requests from, and the collector's storage for
// its visited set (in memory) and cookies (read through a cache).
type siteQueue struct{ r *siteRun }

var (
	_ queue.Storage        = siteQueue{}
	_ collystorage.Storage = siteQueue{}
)

func (q siteQueue) Init() error { return nil }

// AddRequest is never called: the crawler queues URLs itself, in batches
// (siteRun.enqueue), straight into the frontier.
func (q siteQueue) AddRequest([]byte) error {
	return errors.New("crawler: URLs are queued by siteRun.enqueue, not through colly's queue")
}

// GetRequest claims the next URL for colly's queue loop. URLs that
// robots.txt disallows are marked done unfetched; those of a host backed
// off are left for the next run; the host's politeness slot (its delay,
// shared by every site on the host, and a Retry-After pause) is waited
// for. Nothing is handed out once the run is stopping or has reached
// max_pages.
func (q siteQueue) GetRequest() ([]byte, error) {
	r := q.r
	for {
		if r.stopping() || r.pagesExhausted() {
			return nil, errNoRequest
		}
		c, ok, err := r.nextClaim()
		if err != nil {
			r.fail(err)
			return nil, err
		}
		if !ok {
			return nil, errNoRequest
		}
		u, err := url.Parse(c.URL)
		if err != nil {
			r.markDone(c.URL)
			continue
		}
		h := r.host(u)
		if skip, deferred := r.admit(h, u); skip != "" {
			r.log.Debug("not fetched", "url", c.URL, "reason", skip)
			if deferred {
				// Left in flight: the run's end puts it back in the queue,
				// so a host's bad hour loses none of its pages.
				r.deferred.Add(1)
			} else {
				r.markDone(c.URL)
			}
			continue
		}
		// The host's next slot, after its delay since the last request any
		// site of the run made to it, and any Retry-After pause.
		if wait := h.gate.reserve(r.c.opt.Now(), h.delay); wait > 0 {
			select {
			case <-time.After(wait):
			case <-r.ctx.Done():
				return nil, errNoRequest // in flight: requeued as the run ends
			}
		}
		r.claimed.Add(1)
		return c.Request, nil
	}
}

// QueueSize is what colly's queue loop polls: 0 ends the loop once the
// requests in flight are done.
func (q siteQueue) QueueSize() (int, error) {
	if q.r.stopping() || q.r.pagesExhausted() {
		return 0, nil
	}
	q.r.claimMu.Lock()
	ahead := len(q.r.ahead)
	q.r.claimMu.Unlock()
	return int(max(q.r.queued.Load(), 0)) + ahead, nil
}

// nextClaim hands out the next URL claimed from the frontier. URLs are
// claimed a few at a time (each claim is a write); those claimed but not
// handed out when the run ends go back to the queue with the run's other
// in-flight URLs.
func (r *siteRun) nextClaim() (storage.Claimed, bool, error) {
	r.claimMu.Lock()
	defer r.claimMu.Unlock()
	if len(r.ahead) == 0 {
		n := min(max(4, 2*r.site.Parallelism), 32)
		if r.site.MaxPages > 0 {
			n = min(n, max(r.site.MaxPages-int(r.claimed.Load()), 1))
		}
		cs, err := r.frontier.Claim(r.dbctx, r.site.Name, n)
		if err != nil {
			return storage.Claimed{}, false, err
		}
		if len(cs) == 0 {
			r.queued.Store(0)
			return storage.Claimed{}, false, nil
		}
		r.queued.Add(-int64(len(cs)))
		r.ahead = cs
	}
	c := r.ahead[0]
	r.ahead = r.ahead[1:]
	return c, true, nil
}

// claimedAhead reports whether URLs claimed from the frontier were left
// unhanded.
func (r *siteRun) claimedAhead() bool {
	r.claimMu.Lock()
	defer r.claimMu.Unlock()
	return len(r.ahead) > 0
}

func (q siteQueue) Visited(id uint64) error {
	q.r.visitMu.Lock()
	q.r.visited[id] = struct{}{}
	q.r.visitMu.Unlock()
	return nil
}

func (q siteQueue) IsVisited(id uint64) (bool, error) {
	q.r.visitMu.Lock()
	_, ok := q.r.visited[id]
	q.r.visitMu.Unlock()
	return ok, nil
}

// Cookies is read for every request: from the round's stored cookies the
// first time for a host, then from memory (SetCookies writes through).
func (q siteQueue) Cookies(u *url.URL) string {
	r := q.r
	r.cookieMu.Lock()
	defer r.cookieMu.Unlock()
	if v, ok := r.cookies[u.Host]; ok {
		return v
	}
	v, err := r.frontier.Cookies(r.dbctx, r.site.Name, u.Host)
	if err != nil {
		r.log.Warn("read cookies", "error", err)
		return v
	}
	r.cookies[u.Host] = v
	return v
}

func (q siteQueue) SetCookies(u *url.URL, cookies string) {
	r := q.r
	r.cookieMu.Lock()
	defer r.cookieMu.Unlock()
	if err := r.frontier.SetCookies(r.dbctx, r.site.Name, u.Host, cookies); err != nil {
		r.log.Warn("store cookies", "error", err)
	}
	r.cookies[u.Host] = cookies
}
