package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"time"

	"github.com/gocolly/colly/v2/queue"
	collystorage "github.com/gocolly/colly/v2/storage"

	"github.com/wardcrawl/wardcrawl/storage"
)

// Frontier is the crawl frontier the crawler needs: per site, a durable
// queue of URLs with the set of URLs the current round has seen, colly's
// visited set and cookies. storage.Store keeps it in SQLite; the interface
// is what a shared frontier (Redis) for several crawler processes would
// implement.
type Frontier interface {
	ResumeRound(ctx context.Context, site string) (storage.Round, error)
	EndRound(ctx context.Context, site string) error
	RequeueInFlight(ctx context.Context, site string) (int, error)
	Enqueue(ctx context.Context, e storage.QueueEntry) (storage.EnqueueResult, error)
	Claim(ctx context.Context, site string) (storage.Claimed, bool, error)
	MarkDone(ctx context.Context, site, url string) error
	QueueLen(ctx context.Context, site string) (int, error)
	Visited(ctx context.Context, site string, id uint64) error
	IsVisited(ctx context.Context, site string, id uint64) (bool, error)
	Cookies(ctx context.Context, site, host string) (string, error)
	SetCookies(ctx context.Context, site, host, cookies string) error
}

var (
	errDuplicate = errors.New("already in this round")
	errOverCap   = errors.New("over the query-variant cap")
	errNoRequest = errors.New("no request to hand out")
)

// siteQueue adapts a site's Frontier to colly: it is the queue storage
// colly's queue.Queue pulls requests from, and the collector's storage for
// its visited set and cookies.
type siteQueue struct{ r *siteRun }

var (
	_ queue.Storage        = siteQueue{}
	_ collystorage.Storage = siteQueue{}
)

func (q siteQueue) Init() error { return nil }

// serialized is the part of colly's serialized request the frontier reads.
type serialized struct {
	URL string
	Ctx map[string]any
}

// AddRequest offers a serialized request to the frontier: a URL the round
// already has, or one over its path's query-variant cap, is refused with
// errDuplicate or errOverCap (queue.Queue then does not wake its loop).
func (q siteQueue) AddRequest(b []byte) error {
	var s serialized
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		return err
	}
	path := *u
	path.RawQuery, path.ForceQuery = "", false
	e := storage.QueueEntry{Site: q.r.site.Name, URL: s.URL, Path: path.String(), Query: u.RawQuery != "", Request: b}
	if s.Ctx[keyKind] == kindPage {
		e.MaxQueryVariants = q.r.site.MaxQueryVariants
	}
	res, err := q.r.c.store.Enqueue(q.r.dbctx, e)
	switch {
	case err != nil:
		return err
	case res == storage.Duplicate:
		return errDuplicate
	case res == storage.OverCap:
		return errOverCap
	}
	q.r.queued.Add(1)
	return nil
}

// GetRequest claims the next URL for colly's queue loop. URLs that
// robots.txt disallows are marked done unfetched; those of a host backed
// off are left for the next run; a host paused by Retry-After is waited
// for. Nothing is handed out once the run is stopping or has reached
// max_pages.
func (q siteQueue) GetRequest() ([]byte, error) {
	r := q.r
	for {
		if r.stopping() || r.pagesExhausted() {
			return nil, errNoRequest
		}
		c, ok, err := r.c.store.Claim(r.dbctx, r.site.Name)
		if err != nil {
			r.fail(err)
			return nil, err
		}
		if !ok {
			r.queued.Store(0)
			return nil, errNoRequest
		}
		r.queued.Add(-1)
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
		if wait := h.pausedFor(r.c.opt.Now()); wait > 0 {
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
	return int(max(q.r.queued.Load(), 0)), nil
}

func (q siteQueue) Visited(id uint64) error {
	return q.r.c.store.Visited(q.r.dbctx, q.r.site.Name, id)
}

func (q siteQueue) IsVisited(id uint64) (bool, error) {
	return q.r.c.store.IsVisited(q.r.dbctx, q.r.site.Name, id)
}

func (q siteQueue) Cookies(u *url.URL) string {
	v, err := q.r.c.store.Cookies(q.r.dbctx, q.r.site.Name, u.Host)
	if err != nil {
		q.r.log.Warn("read cookies", "error", err)
	}
	return v
}

func (q siteQueue) SetCookies(u *url.URL, cookies string) {
	if err := q.r.c.store.SetCookies(q.r.dbctx, q.r.site.Name, u.Host, cookies); err != nil {
		q.r.log.Warn("store cookies", "error", err)
	}
}
