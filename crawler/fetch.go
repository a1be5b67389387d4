package crawler

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

func kindOf(ctx *colly.Context) string { return ticketOf(ctx).Kind }

// onRequest sends the validators a stored article was queued with, so an
// unchanged page costs a 304 and no parsing.
func (r *siteRun) onRequest(req *colly.Request) {
	t := ticketOf(req.Ctx)
	if t.ETag != "" {
		req.Headers.Set("If-None-Match", t.ETag)
	}
	if t.LastModified != "" {
		req.Headers.Set("If-Modified-Since", t.LastModified)
	}
}

// redirect follows a redirect only within the site's scope and robots.txt,
// at most 10 times.
func (r *siteRun) redirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return fmt.Errorf("%w: stopped after %d", errRedirects, len(via))
	}
	if !r.scope.allows(req.URL) {
		r.log.Debug("redirect out of scope not followed", "from", via[len(via)-1].URL, "to", req.URL)
		return http.ErrUseLastResponse
	}
	if h := r.host(req.URL); !h.robots.allowed(req.URL) {
		return fmt.Errorf("%w: to %s, which robots.txt disallows", errRedirects, req.URL)
	}
	return nil
}

// errRedirects: the host answered, with redirects wardcrawl does not follow.
var errRedirects = errors.New("redirect not followed")

// onHeaders keeps the original Content-Type and strips its charset so colly
// leaves the body bytes alone (parsers.Decode reads BOM, header and meta
// tags itself), and skips the bodies of responses that are not HTML, or
// XML for sitemaps and feeds.
func (r *siteRun) onHeaders(resp *colly.Response) {
	t := ticketOf(resp.Ctx)
	ct := resp.Headers.Get("Content-Type")
	if ct != "" || resp.StatusCode != http.StatusNotModified {
		t.ContentType = ct // a 304 keeps the stored copy's type
	}
	t.status = resp.StatusCode
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		resp.Headers.Set("Content-Type", mt)
	}
	switch t.Kind {
	case kindSitemap, kindProbe, kindFeed:
		return
	}
	if resp.StatusCode < 300 && (!parsers.MaybeHTML(ct) || t.Kind == kindAsset) {
		t.skipped = true
		resp.Request.Abort()
	}
}

func (r *siteRun) fetchRecord(resp *colly.Response, status int) storage.Fetch {
	f := storage.Fetch{RunID: r.runID, Site: r.site.Name, URL: resp.Request.URL.String(), Status: status,
		FetchedAt: r.c.opt.Now(), ContentType: ticketOf(resp.Ctx).ContentType, Bytes: len(resp.Body)}
	if resp.Headers != nil {
		f.ETag = resp.Headers.Get("ETag")
		f.LastModified = resp.Headers.Get("Last-Modified")
	}
	if final, err := Normalize(f.URL); err == nil {
		f.URL = final
	}
	return f
}

// answered notes that a request got an HTTP answer (any status): the host
// is serving.
func (r *siteRun) answered(resp *colly.Response) {
	if h := r.knownHost(resp.Request.URL); h != nil {
		h.answered()
	}
}

func (r *siteRun) onResponse(resp *colly.Response) {
	r.c.working <- struct{}{}
	defer func() { <-r.c.working }()
	r.answered(resp)
	if kindOf(resp.Ctx) == kindStart {
		r.startOK.Store(true) // a start page answered 2xx
	}
	f := r.fetchRecord(resp, resp.StatusCode)
	switch kindOf(resp.Ctx) {
	case kindSitemap, kindProbe, kindFeed:
		r.discover(resp, f)
		return
	case kindAsset:
		r.save(resp, storage.Page{Fetch: f})
		return
	}
	if len(resp.Body) >= r.c.opt.MaxBodyBytes {
		// Cut at the cap: a partial page would store a partial article.
		f.Err = fmt.Sprintf("body cut at %d bytes (the size cap); not parsed", r.c.opt.MaxBodyBytes)
		r.count(func(s *storage.RunSiteStats) { s.Errors++ })
		r.log.Warn("response larger than the size cap: recorded, not parsed", "url", f.URL, "cap", r.c.opt.MaxBodyBytes)
		r.save(resp, storage.Page{Fetch: f})
		return
	}
	if !parsers.IsHTML(f.ContentType, resp.Body) {
		r.save(resp, storage.Page{Fetch: f})
		return
	}
	doc, err := parsers.ParseHTML(resp.Body, f.ContentType)
	if err != nil {
		f.Err = err.Error()
		r.count(func(s *storage.RunSiteStats) { s.Errors++ })
		r.save(resp, storage.Page{Fetch: f})
		return
	}
	// Links first: a page is marked done only once what it links to is queued.
	var offers []offer
	fromStart := kindOf(resp.Ctx) == kindStart
	for _, l := range parsers.Links(doc, resp.Request.URL) {
		offers = append(offers, offer{raw: l, depth: resp.Request.Depth + 1, kind: kindPage, hub: fromStart})
	}
	for _, l := range parsers.FeedLinks(doc, resp.Request.URL) {
		offers = append(offers, offer{raw: l, kind: kindFeed})
	}
	if r.c.opt.Requisites {
		for _, l := range parsers.Requisites(doc, resp.Request.URL) {
			offers = append(offers, offer{raw: l, depth: resp.Request.Depth + 1, kind: kindAsset})
		}
	}
	n, err := r.enqueueNew(offers...)
	if errors.Is(err, errNotQueued) {
		return // in flight: fetched again when the site runs again
	}
	t := ticketOf(resp.Ctx)
	t.newLinks = n
	if n > 0 {
		r.count(func(s *storage.RunSiteStats) { s.NewLinks += n })
	}
	if t.Listing {
		f.Decision = listingDecision
		r.save(resp, storage.Page{Fetch: f})
		return
	}
	r.extractAndStore(resp, f, doc)
}

// discover reads a sitemap, sitemap index or feed and queues what it lists.
func (r *siteRun) discover(resp *colly.Response, f storage.Fetch) {
	kind := kindOf(resp.Ctx)
	var offers []offer
	listed, err := parsers.ReadDiscovery(bytes.NewReader(resp.Body), func(d parsers.Discovered) error {
		if d.Sitemap {
			offers = append(offers, offer{raw: d.URL, kind: kindSitemap})
			return nil
		}
		// A sitemap's lastmod is when the page last changed; a feed's date is
		// when it was published, which says nothing of later edits.
		lastmod := d.LastMod
		if kind == kindFeed {
			lastmod = time.Time{}
		}
		offers = append(offers, offer{raw: d.URL, depth: 1, kind: kindPage, lastmod: lastmod})
		return nil
	})
	n := len(offers)
	if errors.Is(r.enqueue(offers...), errNotQueued) {
		return // in flight: fetched again when the site runs again
	}
	switch {
	case err != nil && kind == kindProbe && errors.Is(err, parsers.ErrNotDiscovery):
		r.log.Debug("no sitemap at /sitemap.xml", "url", f.URL)
	case err != nil:
		f.Err = err.Error()
		r.count(func(s *storage.RunSiteStats) { s.Errors++ })
		r.log.Warn("unreadable "+kind, "url", f.URL, "error", err)
	default:
		r.log.Debug("discovered", "url", f.URL, "kind", listed, "entries", n)
	}
	r.save(resp, storage.Page{Fetch: f})
}

// notModified: the stored copy is current. Nothing is parsed; the fetch
// and the article's last_seen_at move.
func (r *siteRun) notModified(resp *colly.Response) {
	r.answered(resp)
	if kindOf(resp.Ctx) == kindStart {
		r.startOK.Store(true)
	}
	f := r.fetchRecord(resp, http.StatusNotModified)
	t := ticketOf(resp.Ctx)
	f.ContentHash = t.Hash
	if f.ContentHash == "" && (t.ETag != "" || t.LastModified != "") {
		// A page that is not an article, unchanged: its links are those
		// its last fetch queued.
		f.ETag, f.LastModified = cmp.Or(f.ETag, t.ETag), cmp.Or(f.LastModified, t.LastModified)
		if _, ok := r.save(resp, storage.Page{Fetch: f}); ok {
			r.count(func(s *storage.RunSiteStats) { s.NotModified++ })
		}
		return
	}
	if f.ContentHash == "" {
		f.Err = "304 Not Modified to an unconditional request"
		r.count(func(s *storage.RunSiteStats) { s.Errors++ })
		r.save(resp, storage.Page{Fetch: f})
		return
	}
	f.IsArticle = true
	if f.ETag == "" {
		f.ETag = t.ETag
	}
	if f.LastModified == "" {
		f.LastModified = t.LastModified
	}
	if _, ok := r.save(resp, storage.Page{Fetch: f, NotModified: true}); ok {
		r.count(func(s *storage.RunSiteStats) { s.NotModified++; s.ArticlesFound++ })
	}
}

func (r *siteRun) onError(resp *colly.Response, err error) {
	t := ticketOf(resp.Ctx)
	if t.skipped && errors.Is(err, colly.ErrAbortedAfterHeaders) {
		// Not HTML: recorded, never parsed.
		r.answered(resp)
		r.save(resp, storage.Page{Fetch: r.fetchRecord(resp, t.status)})
		return
	}
	if r.ctx.Err() != nil {
		return // interrupted: not finished, requeued as the run ends
	}
	var visited *colly.AlreadyVisitedError
	if errors.As(err, &visited) { // a redirect to a page this run already has (or a loop)
		if kindOf(resp.Ctx) == kindStart && visited.Destination.String() != queuedURL(resp) {
			// Answered: its target came earlier in the run (a due page
			// fetched before the start URL that redirects to it), where a
			// start URL redirected back to itself was not.
			r.startOK.Store(true)
		}
		f := r.fetchRecord(resp, resp.StatusCode)
		f.URL, f.Err = queuedURL(resp), "redirected to "+visited.Destination.String()+", already fetched in this run"
		r.save(resp, storage.Page{Fetch: f})
		return
	}
	status := resp.StatusCode
	if status == http.StatusNotModified {
		r.notModified(resp)
		return
	}
	if status == 0 && transient(err) {
		// The machine, not the site: nothing is recorded, the URL stays in
		// flight and goes back to the queue, the site runs again later.
		r.deferSite(Cause(0, err))
		return
	}
	attempt := t.attempt
	h := r.knownHost(resp.Request.URL)
	if retryable(status, err) && attempt < r.c.opt.MaxRetries {
		wait := r.c.opt.RetryBase << attempt
		wait += time.Duration(rand.Int64N(int64(wait)/4 + 1)) // jitter
		if ra, ok := retryAfter(resp, r.c.opt.Now()); ok && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
			wait = min(ra, r.c.opt.MaxRetryAfter)
			if h != nil {
				h.pause(r.c.opt.Now().Add(wait)) // the whole host asked for a pause
			}
		}
		if h != nil { // a retry is a request to the host: it waits its turn too
			wait = max(wait, h.gate.reserve(r.c.opt.Now(), h.delay))
		}
		r.log.Debug("retrying", "url", resp.Request.URL, "status", status, "error", err, "wait", wait, "attempt", attempt+1)
		t.attempt = attempt + 1
		select {
		case <-time.After(wait):
		case <-r.ctx.Done():
			return
		}
		rerr := resp.Request.Retry()
		if rerr == nil {
			return
		}
		err = rerr
	}
	kind := kindOf(resp.Ctx)
	if status != 0 && status < 500 && status != http.StatusTooManyRequests || errors.Is(err, errRedirects) {
		r.answered(resp) // e.g. a 404, an out-of-scope redirect, a redirect loop: the host is serving
	} else if h != nil && h.failed(r.c.opt.MaxHostFailures) {
		r.log.Warn("host keeps failing: backed off for the rest of the run", "host", h.name, "failures", r.c.opt.MaxHostFailures)
	}
	f := r.fetchRecord(resp, status)
	f.Err = err.Error()
	if kind == kindStart {
		r.noteStart(r.startFailure(resp, status, err))
	}
	switch {
	case kind == kindProbe && status >= 400 && status < 500:
		// Most portals have no /sitemap.xml: not a page, not an error.
		r.log.Debug("no /sitemap.xml", "url", f.URL, "status", status)
		r.markDone(queuedURL(resp))
		return
	case kind == kindProbe || (kind == kindSitemap || kind == kindFeed) && status == http.StatusNotFound:
		r.log.Debug("no "+kind, "url", f.URL, "status", status)
	default:
		r.log.Warn("fetch failed", "url", f.URL, "status", status, "error", err)
		r.count(func(s *storage.RunSiteStats) { s.Errors++ })
	}
	r.save(resp, storage.Page{Fetch: f})
}

// startFailure words why a start URL gave no page: its HTTP status, where
// it redirects when that is off the site's hosts, or the network cause.
func (r *siteRun) startFailure(resp *colly.Response, status int, err error) string {
	u := queuedURL(resp)
	if status >= 300 && status < 400 && resp.Headers != nil {
		if loc := resp.Headers.Get("Location"); loc != "" {
			if to, perr := resp.Request.URL.Parse(loc); perr == nil && !r.scope.allows(to) {
				return movedNote(u, to.String())
			}
		}
	}
	if errors.Is(err, errRedirects) {
		return u + ": " + err.Error()
	}
	return u + ": " + Cause(status, err)
}

// retryable: timeouts, connection errors, 5xx and 429.
func retryable(status int, err error) bool {
	if status == http.StatusTooManyRequests || status >= 500 {
		return true
	}
	if status != 0 {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "connection reset") ||
		strings.Contains(err.Error(), "EOF")
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(resp *colly.Response, now time.Time) (time.Duration, bool) {
	if resp.Headers == nil {
		return 0, false
	}
	v := strings.TrimSpace(resp.Headers.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func queuedURL(resp *colly.Response) string {
	if u := ticketOf(resp.Ctx).URL; u != "" {
		return u
	}
	return resp.Request.URL.String()
}
