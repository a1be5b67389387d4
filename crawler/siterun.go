package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/queue"
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// siteRun is the state of one site's crawl.
type siteRun struct {
	c *Crawler
	// The store, by role.
	frontier Frontier
	pages    PageStore
	models   ModelStore
	sched    Scheduler

	ctx   context.Context // cancelled to stop: no new requests
	dbctx context.Context // never cancelled: what was fetched is stored
	runID int64
	site  config.Site
	scope scope
	col   *colly.Collector
	// transport carries every request of the site's run.
	transport http.RoundTripper
	q         *queue.Queue
	log       *slog.Logger

	queued   atomic.Int64 // in the frontier's queue
	deferred atomic.Int64 // claimed but left for the next run (host backed off)
	claimed  atomic.Int64 // handed to colly this run (max_pages)
	startOK  atomic.Bool  // a start URL got an answer, or was done earlier in the round

	known  *urlMemory // URLs the round has: a bounded cache of the frontier's answers
	notDue *urlMemory // linked pages not due this run: not asked about again

	claimMu sync.Mutex
	ahead   []storage.Claimed // claimed from the frontier, not yet handed to colly

	visitMu sync.Mutex
	visited map[uint64]struct{} // colly's visited set: request hashes of this run

	cookieMu sync.Mutex
	cookies  map[string]string // by host: the round's cookies, read through

	mu         sync.Mutex
	stats      storage.RunSiteStats
	hosts      map[string]*host
	startNotes []string       // why start URLs were not fetched
	fatal      error          // first store error: stops the site
	halt       string         // a transient cause (no file descriptor, database busy): stops the site for now
	rejected   map[string]int // article-like pages rejected, by reason kind

	model *siteModel // nil when site_model is off
}

// crawlSite runs one site; cause is set when the site was deferred for a
// transient cause (the pool runs it again).
func (c *Crawler) crawlSite(ctx context.Context, runID int64, site config.Site) (stats storage.RunSiteStats, cause string) {
	r := &siteRun{c: c, frontier: c.store, pages: c.store, models: c.store, sched: c.store, ctx: ctx, dbctx: context.WithoutCancel(ctx), runID: runID, site: site,
		scope: newScope(site.AllowedDomains), log: c.opt.Logger.With("site", site.Name), hosts: map[string]*host{},
		visited: map[uint64]struct{}{}, cookies: map[string]string{}, known: newURLMemory(8192), notDue: newURLMemory(8192)}
	r.stats.Site = site.Name
	if err := r.crawl(); err != nil {
		r.fail(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.halt != "" && r.fatal == nil {
		return r.stats, r.halt
	}
	r.warnIfLost()
	switch {
	case r.fatal != nil:
		r.stats.Error = r.fatal.Error()
	case !r.startOK.Load() && ctx.Err() == nil:
		msg := "no start URL could be fetched"
		if len(r.startNotes) > 0 {
			msg += ": " + strings.Join(r.startNotes, "; ")
		}
		r.stats.Error = msg
	}
	if r.stats.Error != "" {
		r.log.Error("site failed", "error", r.stats.Error)
	}
	return r.stats, ""
}

// crawl runs the site's round: resumes what an earlier run left, queues the
// start URLs and sitemaps, lets colly's queue work through the frontier,
// then ends the round or, if interrupted, puts in-flight URLs back.
func (r *siteRun) crawl() error {
	placeholders := 0
	for _, raw := range r.site.StartURLs {
		if u, err := url.Parse(raw); err == nil && PlaceholderHost(u.Hostname()) {
			placeholders++
			r.noteStart(raw + ": " + u.Hostname() + " is " + errPlaceholder.Error())
		}
	}
	if placeholders == len(r.site.StartURLs) {
		return nil // the site fails with the notes; nothing is looked up or fetched
	}
	round, err := r.frontier.ResumeRound(r.dbctx, r.site.Name)
	if err != nil {
		return err
	}
	r.queued.Store(int64(round.Queued))
	if err := r.loadModel(); err != nil {
		return err
	}
	if round.Resumed() {
		r.stats.Resumed = true
		r.startOK.Store(true) // the start URLs were reached before
		r.log.Info("resuming an unfinished round", "queued", round.Queued, "requeued", round.Requeued, "done", round.Done)
	}
	col := colly.NewCollector(colly.UserAgent(r.site.UserAgent), colly.MaxBodySize(r.c.opt.MaxBodyBytes))
	col.IgnoreRobotsTxt = true // read per RFC 9309 by host.go instead
	col.Context = r.ctx
	col.SetRequestTimeout(r.site.Timeout)
	// Every request, robots.txt included, goes through the address guard
	// (the recorder has it in its own dialer).
	if r.c.opt.Recorder != nil {
		r.transport = inflating{paced{r.c.opt.Recorder, r}}
	} else {
		tr := newTransport(AddressGuard(StartsInternal(r.ctx, r.site) && !r.c.opt.forbidInternal))
		defer tr.CloseIdleConnections()
		r.transport = inflating{paced{tr, r}}
	}
	col.WithTransport(r.transport)
	sq := siteQueue{r}
	if err := col.SetStorage(sq); err != nil {
		return err
	}
	col.SetRedirectHandler(r.redirect)
	col.OnRequest(r.onRequest)
	col.OnResponseHeaders(r.onHeaders)
	col.OnResponse(r.onResponse)
	col.OnError(r.onError)
	r.col = col
	if r.q, err = queue.New(r.site.Parallelism, sq); err != nil {
		return err
	}

	r.setUpHosts()
	for _, raw := range r.site.StartURLs {
		if u, err := url.Parse(raw); err == nil && PlaceholderHost(u.Hostname()) {
			continue // noted above
		}
		if err := r.enqueue(offer{raw: raw, kind: kindStart}); err != nil {
			r.noteStart(err.Error())
		}
	}
	r.queueSitemaps()
	if err := r.queueDue(); err != nil {
		r.fail(err)
	}
	if err := r.q.Run(col); err != nil {
		r.fail(err)
	}
	col.Wait()
	r.releaseAll() // pages held while the model learnt: stored before the round's end
	interrupted := r.ctx.Err() != nil || r.stopped()
	r.finishModel(interrupted)
	requeued := 0
	if interrupted || r.deferred.Load() > 0 || r.claimedAhead() {
		if requeued, err = r.frontier.RequeueInFlight(r.dbctx, r.site.Name); err != nil {
			return err
		}
	}
	left, err := r.frontier.QueueLen(r.dbctx, r.site.Name)
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.stats.Queued = left
	r.mu.Unlock()
	switch {
	case interrupted && r.ctx.Err() == nil && !r.failed(): // deferred
		r.log.Info("deferred; it runs again later in this run", "requeued", requeued, "queued", left)
		return nil
	case interrupted:
		r.log.Info("stopped; the next run resumes the round", "requeued", requeued, "queued", left)
		return nil
	case r.deferred.Load() > 0:
		r.log.Warn("a host was backed off; its pages are left for the next run", "left", left)
		return nil
	case left > 0:
		// max_pages is a per-run budget: the next run goes on with this
		// round instead of starting over from the start URLs.
		r.log.Info("max_pages reached; the next run continues the round", "queued", left)
		return nil
	}
	return r.frontier.EndRound(r.dbctx, r.site.Name)
}

// setUpHosts reads robots.txt and installs the colly limit rule of every
// host in the site's scope before the queue runs: colly's rule list is not
// safe to grow while requests are in flight, and no URL outside these
// hosts is ever fetched.
func (r *siteRun) setUpHosts() {
	scheme := "http"
	if len(r.site.StartURLs) > 0 {
		if u, err := url.Parse(r.site.StartURLs[0]); err == nil && u.Scheme == "https" {
			scheme = "https"
		}
	}
	for _, h := range r.site.AllowedDomains {
		r.host(&url.URL{Scheme: scheme, Host: strings.ToLower(h)})
	}
}

// queueSitemaps queues, for each start host, the sitemaps its robots.txt
// names, or /sitemap.xml when it names none.
func (r *siteRun) queueSitemaps() {
	seen := map[string]bool{}
	var offers []offer
	for _, raw := range r.site.StartURLs {
		norm, err := Normalize(raw)
		if err != nil {
			continue
		}
		u, _ := url.Parse(norm)
		if seen[u.Host] {
			continue
		}
		seen[u.Host] = true
		h := r.host(u)
		if h.robots != nil && len(h.robots.sitemaps) > 0 {
			for _, sm := range h.robots.sitemaps {
				offers = append(offers, offer{raw: sm, kind: kindSitemap})
			}
			continue
		}
		offers = append(offers, offer{raw: (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/sitemap.xml"}).String(), kind: kindProbe})
	}
	r.enqueue(offers...)
}

func (r *siteRun) isStart(u string) bool {
	for _, s := range r.site.StartURLs {
		if n, err := Normalize(s); err == nil && n == u {
			return true
		}
	}
	return false
}

// stopping: take no new URLs (interrupted, or the store failed).
func (r *siteRun) stopping() bool { return r.ctx.Err() != nil || r.stopped() }

// stopped: the site failed, or was deferred for a transient cause.
func (r *siteRun) stopped() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal != nil || r.halt != ""
}

// failed: the site failed (a store error).
func (r *siteRun) failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal != nil
}

// deferSite stops the site for a transient cause: what it has in flight
// goes back to its queue, and the pool runs it again later in the run.
func (r *siteRun) deferSite(cause string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.halt == "" && r.fatal == nil {
		r.halt = cause
		r.log.Warn("site stopped for now: the machine is short of a resource", "cause", cause)
	}
}

func (r *siteRun) pagesExhausted() bool {
	return r.site.MaxPages > 0 && r.claimed.Load() >= int64(r.site.MaxPages)
}

func (r *siteRun) count(fn func(*storage.RunSiteStats)) {
	r.mu.Lock()
	fn(&r.stats)
	snap := r.stats
	r.mu.Unlock()
	if r.c.opt.Progress != nil {
		snap.Site = r.site.Name
		snap.Queued = int(max(r.queued.Load(), 0))
		r.c.opt.Progress(snap)
	}
}

// noteStart records why a start URL was not fetched.
func (r *siteRun) noteStart(note string) {
	r.mu.Lock()
	r.startNotes = append(r.startNotes, note)
	r.mu.Unlock()
}

// noteRejected counts a page that reads like an article but was not
// taken for one, by the kind of its reason.
func (r *siteRun) noteRejected(kind, u string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rejected == nil {
		r.rejected = map[string]int{}
	}
	if _, ok := r.rejected[kind]; ok || len(r.rejected) < 64 {
		r.rejected[kind]++
	}
	r.stats.RejectedLikeArticles++
	if r.stats.RejectedExample == "" {
		r.stats.RejectedExample = u
	}
}

// warnIfLost words the end-of-round warning for a site that may have been
// lost to the parser: at least three pages that read like articles were
// rejected, and fewer articles than that were stored. Called with r.mu
// held.
func (r *siteRun) warnIfLost() {
	n := r.stats.RejectedLikeArticles
	if n == 0 {
		return
	}
	best := ""
	for k, c := range r.rejected {
		if best == "" || c > r.rejected[best] || c == r.rejected[best] && k < best {
			best = k
		}
	}
	r.stats.RejectedReason = best
	if n < 3 || r.stats.ArticlesFound >= n {
		return
	}
	r.stats.Warning = fmt.Sprintf("%d pages that read like articles were not stored (%d stored); commonest reason: %q; to see why: wardcrawl why %s",
		n, r.stats.ArticlesFound, best, r.stats.RejectedExample)
	r.log.Warn("pages that read like articles were not stored", "rejected", n, "stored", r.stats.ArticlesFound, "reason", best, "example", r.stats.RejectedExample)
}

// fail stops the site on a store error: going on would lose pages. An
// error that says "not now" (the database busy, no file descriptor)
// defers the site instead.
func (r *siteRun) fail(err error) {
	if transient(err) {
		r.deferSite(Cause(0, err))
		return
	}
	r.mu.Lock()
	if r.fatal == nil {
		r.fatal = err
		r.log.Error("store failed; stopping site", "error", err)
	}
	r.mu.Unlock()
}
