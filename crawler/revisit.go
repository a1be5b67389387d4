package crawler

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"time"

	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// The revisit schedule (config adaptive_revisit, on by default). Every URL
// a site's crawls fetch has a row in the store's schedule: its interval
// and the time it is next due. A run:
//
//  1. queues the start URLs (always due), the sitemaps, and every
//     scheduled URL that is due;
//  2. fetches a linked page only when it is new to the site, due, linked
//     from a start page (a hub: a category's first page, the menu), or
//     listed by a sitemap with a lastmod after the last visit; a page
//     visited before is fetched conditionally (a 304 is "nothing new");
//  3. after each visit sets the URL's next interval: halved (down to
//     revisit_min) when the visit yielded something new (for a page, links
//     to pages never seen; for an article, a changed text), doubled (up to
//     revisit_max) when it did not. A first visit starts at a day (a stored
//     article at recheck_after); a server error keeps the interval.
//
// Deep pagination, document records and calendars never yield new links
// and drift to long intervals; the home page and the pages it links, where
// a new announcement appears first, are fetched every run.

// Scheduler is the store's side of the revisit schedule.
type Scheduler interface {
	ScheduledURLs(ctx context.Context, site string, urls []string) (map[string]storage.Scheduled, error)
	EachDue(ctx context.Context, site string, at storage.DueAt, fn func(storage.Scheduled) error) error
	SummarizeSchedule(ctx context.Context, site string, at storage.DueAt) (storage.ScheduleSummary, error)
}

// revisitInitial is a page's first interval (Heritrix's default initial
// wait), within the site's bounds.
const revisitInitial = 24 * time.Hour

// Kinds of scheduled URLs.
const (
	visitStart   = "start"   // a start URL: due every run
	visitHub     = "hub"     // linked from a start page: due every run
	visitPage    = "page"    // any other page
	visitArticle = "article" // a stored article
	visitError   = "error"   // the last visit got no page
)

// prevVisit is what the schedule knew of a URL when it was queued.
type prevVisit struct {
	Interval time.Duration `json:"i"`
	Visits   int           `json:"n"`
}

// adaptive reports whether the run follows the revisit schedule.
func (r *siteRun) adaptive() bool { return r.site.AdaptiveRevisit && !r.c.opt.Complete }

// dueAt is when the site's scheduled URLs are due now: a stored article
// at least every recheck_after, any other URL every revisit_max.
func (r *siteRun) dueAt() storage.DueAt {
	return storage.DueAt{Now: r.c.opt.Now(), ArticleCap: r.site.RecheckAfter, PageCap: r.site.RevisitMax}
}

// queueDue queues the site's scheduled URLs that are due, and notes the
// schedule's figures in the run's stats.
func (r *siteRun) queueDue() error {
	if !r.adaptive() {
		return nil
	}
	at := r.dueAt()
	sum, err := r.sched.SummarizeSchedule(r.dbctx, r.site.Name, at)
	if err != nil {
		return err
	}
	var offers []offer
	due := 0
	err = r.sched.EachDue(r.dbctx, r.site.Name, at, func(e storage.Scheduled) error {
		if e.Kind == visitStart {
			return nil // queued as a start URL, if it still is one
		}
		due++
		offers = append(offers, offer{raw: e.URL, depth: e.Depth, kind: kindPage, hub: e.Kind == visitHub})
		if len(offers) >= maxBatch {
			err := r.enqueue(offers...)
			offers = offers[:0]
			return err
		}
		return nil
	})
	if err == nil {
		err = r.enqueue(offers...)
	}
	r.mu.Lock()
	r.stats.Due = len(r.site.StartURLs) + due
	r.stats.NotDue = sum.URLs - sum.Due
	if !sum.NextDue.IsZero() {
		next := sum.NextDue
		r.stats.NextDue = &next
	}
	r.mu.Unlock()
	if sum.URLs > 0 {
		r.log.Debug("revisit schedule", "scheduled", sum.URLs, "due", due, "not_due", sum.URLs-sum.Due, "next_due", sum.NextDue)
	}
	return err
}

// scheduledDue reports whether a linked page with a schedule row is due:
// a sitemap's lastmod decides when there is one (the site's own word);
// a page a start page links is due every run, but a stored article and
// a page that answered 4xx.
func (r *siteRun) scheduledDue(c candidate, e storage.Scheduled) bool {
	switch {
	case !c.lastmod.IsZero():
		return c.lastmod.After(e.At)
	case c.hub && e.Kind != visitArticle && !(e.Kind == visitError && e.Status >= 400 && e.Status < 500):
		return true // a page the site says is gone backs off like any other
	}
	return r.dueAt().Due(e)
}

// visitOf is the schedule's record of a page's visit as far as the fetch
// tells it; revisit completes it when the page is stored.
func visitOf(t *ticket, depth int, f storage.Fetch) *storage.Visit {
	if t.Kind != kindPage && t.Kind != kindStart {
		return nil // sitemaps, feeds and assets are fetched every run
	}
	v := &storage.Visit{Depth: depth, At: f.FetchedAt, Status: f.Status, Yielded: t.newLinks, PrevHash: t.PrevHash}
	if t.Prev != nil {
		v.Interval, v.Visits = t.Prev.Interval, t.Prev.Visits
	}
	switch {
	case t.Kind == kindStart:
		v.Kind = visitStart
	case t.Hub:
		v.Kind = visitHub
	}
	return v
}

// revisit sets a stored page's next visit: its kind, interval, next due
// time and the reason.
func (r *siteRun) revisit(p *storage.Page) {
	v := p.Visit
	if v == nil {
		return
	}
	first, prev := v.Visits == 0, v.Interval
	v.Visits++
	lo, hi := r.site.RevisitMin, r.site.RevisitMax
	article := p.Article != nil || p.NotModified && p.Fetch.IsArticle
	status := p.Fetch.Status
	answered := p.Fetch.Err == "" && (status == http.StatusOK || status == http.StatusNotModified)
	switch {
	case article:
		v.Kind, v.Yielded = visitArticle, 0
		if p.Article != nil && v.PrevHash != "" && p.Article.ContentHash != v.PrevHash {
			v.Yielded = 1
		}
	case !answered:
		v.Kind = visitError
	case v.Kind == "" || v.Kind == visitHub && !parsers.MaybeHTML(p.Fetch.ContentType):
		v.Kind = visitPage // a document a start page links has no links to yield
	}
	var why string
	switch {
	case article && r.site.RecheckAfter == 0:
		v.Interval, why = 0, "recheck_after is 0: every run"
	case article && first:
		v.Interval, why = r.site.RecheckAfter, "a new article: rechecked after recheck_after"
	case article && v.Yielded > 0:
		v.Interval, why = min(max(prev/2, lo), r.site.RecheckAfter), "text changed: interval halved"
	case article:
		v.Interval, why = min(max(prev, lo)*2, r.site.RecheckAfter), "unchanged: interval doubled, at most recheck_after"
	case first:
		v.Interval, why = min(max(revisitInitial, lo), hi), "first visit"
	case v.Kind == visitError && (status == 0 || status >= 500 || status == http.StatusTooManyRequests):
		v.Interval, why = prev, "the server failed: interval kept"
	case v.Yielded > 0:
		v.Interval = max(prev/2, lo)
		why = fmt.Sprintf("%d new links: interval halved", v.Yielded)
	default:
		v.Interval = min(max(prev, lo)*2, hi)
		why = "nothing new: interval doubled"
		if status == http.StatusNotModified {
			why = "not modified: interval doubled"
		}
	}
	// A quarter of the interval at most, the same for a URL every time:
	// the pages a first crawl saw together do not all fall due together.
	v.NextDue = v.At.Add(v.Interval + spread(p.RequestURL, v.Interval))
	if v.Kind == visitStart || v.Kind == visitHub {
		v.NextDue = v.At
		what := "a start URL"
		if v.Kind == visitHub {
			what = "linked from a start page"
		}
		why = what + ": every run (" + why + ")"
	}
	v.Reason = why
}

// spread is a URL's share of a quarter of an interval, from its hash.
func spread(url string, interval time.Duration) time.Duration {
	h := fnv.New32a()
	h.Write([]byte(url))
	return interval / 4 * time.Duration(h.Sum32()%1024) / 1024
}
