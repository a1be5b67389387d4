// Package crawler fetches the configured sites with colly, hands each page
// to the parser and stores what it finds.
package crawler

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/queue"
	"golang.org/x/net/html"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// Store is what the crawler needs from the database: runs, pages and
// articles, the crawl frontier, and the site models.
type Store interface {
	StartRun(ctx context.Context, sites []string, at time.Time) (int64, error)
	FinishRun(ctx context.Context, id int64, status string, at time.Time, sites []storage.RunSiteStats) error
	LastFetches(ctx context.Context, urls []string) (map[string]storage.Fetch, error)
	SavePage(ctx context.Context, p storage.Page) (storage.SaveResult, error)
	Frontier
	ModelStore
}

// Options tune a crawler. The zero value is usable.
type Options struct {
	Logger *slog.Logger
	// Progress, if set, is called after every page with the site's figures so far.
	Progress func(storage.RunSiteStats)
	// MaxRetries is how often a timeout, 5xx or 429 is retried (default 3).
	MaxRetries int
	// RetryBase is the first backoff; it doubles each retry (default 1s).
	RetryBase time.Duration
	// MaxRetryAfter caps a server's Retry-After (default 2m).
	MaxRetryAfter time.Duration
	// MaxBodyBytes caps a response body (default 20 MiB).
	MaxBodyBytes int
	// MaxHostFailures is how many fetches in a row may fail (after their
	// retries) before a host is left alone for the rest of the run (default 5).
	MaxHostFailures int
	// MaxCrawlDelay caps a robots.txt Crawl-delay (default 60s).
	MaxCrawlDelay time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Recorder, if set, carries every request (robots.txt included), and
	// each stored page is tied to the record it says holds the page.
	Recorder Recorder
	// Complete fetches every page in scope whole: no conditional requests,
	// and stored articles are not skipped as fresh. An archive is a copy of
	// the whole site as it is now.
	Complete bool
	// Requisites queues each page's images, stylesheets, scripts and media
	// (same hosts and robots.txt rules as pages); they are fetched, never
	// parsed.
	Requisites bool

	// forbidInternal refuses internal addresses even to a site that starts
	// on one (tests: loopback servers standing in for public ones).
	forbidInternal bool
}

// Recorder archives what the crawler fetches (archive.Recorder).
type Recorder interface {
	http.RoundTripper
	// Take returns, once, where the response for url was archived; the
	// error says the archive can no longer be written.
	Take(url string) (storage.Capture, bool, error)
}

// Crawler crawls sites into a Store.
type Crawler struct {
	store Store
	opt   Options
}

// New returns a crawler that stores into store.
func New(store Store, opt Options) *Crawler {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.MaxRetries == 0 {
		opt.MaxRetries = 3
	}
	if opt.RetryBase == 0 {
		opt.RetryBase = time.Second
	}
	if opt.MaxRetryAfter == 0 {
		opt.MaxRetryAfter = 2 * time.Minute
	}
	if opt.MaxBodyBytes == 0 {
		opt.MaxBodyBytes = 20 << 20
	}
	if opt.MaxHostFailures == 0 {
		opt.MaxHostFailures = 5
	}
	if opt.MaxCrawlDelay == 0 {
		opt.MaxCrawlDelay = time.Minute
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Crawler{store: store, opt: opt}
}

// Summary is the outcome of a run.
type Summary struct {
	RunID    int64                  `json:"run_id"`
	Status   string                 `json:"status"` // ok, partial (some sites failed), failed, interrupted
	Sites    []storage.RunSiteStats `json:"sites"`
	Duration time.Duration          `json:"duration_ns"`
}

// Failed reports whether any site failed.
func (s Summary) Failed() bool { return s.Status != "ok" }

// Run crawls the sites concurrently, one collector each; a failing site
// never stops the others. It returns an error only when the run itself
// cannot be recorded.
func (c *Crawler) Run(ctx context.Context, sites []config.Site) (Summary, error) {
	start := c.opt.Now()
	names := make([]string, len(sites))
	for i, s := range sites {
		names[i] = s.Name
	}
	runID, err := c.store.StartRun(ctx, names, start)
	if err != nil {
		return Summary{}, err
	}
	results := make([]storage.RunSiteStats, len(sites))
	var wg sync.WaitGroup
	for i, s := range sites {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = c.crawlSite(ctx, runID, s)
		}()
	}
	wg.Wait()
	sum := Summary{RunID: runID, Sites: results, Status: "ok", Duration: c.opt.Now().Sub(start)}
	failed := 0
	for _, r := range results {
		if r.Error != "" {
			failed++
		}
	}
	switch {
	case ctx.Err() != nil:
		sum.Status = "interrupted"
	case failed == len(results) && failed > 0:
		sum.Status = "failed"
	case failed > 0:
		sum.Status = "partial"
	}
	// Record the end even when ctx was cancelled: the summary must survive.
	if err := c.store.FinishRun(context.WithoutCancel(ctx), runID, sum.Status, c.opt.Now(), results); err != nil {
		return sum, err
	}
	return sum, nil
}

// siteRun is the state of one site's crawl.
type siteRun struct {
	c     *Crawler
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

	known *urlMemory // URLs the round has: a bounded cache of the frontier's answers

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
	rejected   map[string]int // article-like pages rejected, by reason kind

	model *siteModel // nil when site_model is off
}

// Request kinds, kept in the request's context (serialized with it).
const (
	kindStart   = "start"   // a configured start URL: fetched every round
	kindPage    = "page"    // a linked page
	kindSitemap = "sitemap" // a sitemap or sitemap index
	kindProbe   = "probe"   // /sitemap.xml, tried when robots.txt names no sitemap
	kindFeed    = "feed"    // an RSS or Atom feed
	kindAsset   = "asset"   // a page requisite (Options.Requisites): fetched, not parsed
)

const (
	keyKind    = "wc.kind"
	keyURL     = "wc.url" // the URL as queued, before redirects
	keyAttempt = "wc.attempt"
	keyCT      = "wc.content-type" // as queued: the stored copy's; after headers: the response's
	// A stored article's validators and hash, queued with its re-fetch.
	keyETag         = "wc.etag"
	keyLastModified = "wc.last-modified"
	keyHash         = "wc.hash"
	keyStatus       = "wc.status"
	keySkipped      = "wc.skipped"
	keySeen         = "wc.seen" // the site model observed the page in an earlier fetch

	maxURLLength = 2000
)

func (c *Crawler) crawlSite(ctx context.Context, runID int64, site config.Site) storage.RunSiteStats {
	r := &siteRun{c: c, ctx: ctx, dbctx: context.WithoutCancel(ctx), runID: runID, site: site,
		scope: newScope(site.AllowedDomains), log: c.opt.Logger.With("site", site.Name), hosts: map[string]*host{},
		visited: map[uint64]struct{}{}, cookies: map[string]string{}, known: newURLMemory(8192)}
	r.stats.Site = site.Name
	if err := r.crawl(); err != nil {
		r.fail(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
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
	return r.stats
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
	round, err := r.c.store.ResumeRound(r.dbctx, r.site.Name)
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
		r.transport = inflating{r.c.opt.Recorder}
	} else {
		tr := newTransport(AddressGuard(StartsInternal(r.ctx, r.site) && !r.c.opt.forbidInternal))
		defer tr.CloseIdleConnections()
		r.transport = inflating{tr}
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
	if err := r.q.Run(col); err != nil {
		r.fail(err)
	}
	col.Wait()
	r.releaseAll() // pages held while the model learnt: stored before the round's end
	interrupted := r.ctx.Err() != nil || r.stopped()
	r.finishModel(interrupted)
	requeued := 0
	if interrupted || r.deferred.Load() > 0 || r.claimedAhead() {
		if requeued, err = r.c.store.RequeueInFlight(r.dbctx, r.site.Name); err != nil {
			return err
		}
	}
	left, err := r.c.store.QueueLen(r.dbctx, r.site.Name)
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.stats.Queued = left
	r.mu.Unlock()
	switch {
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
	return r.c.store.EndRound(r.dbctx, r.site.Name)
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

func (r *siteRun) stopped() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal != nil
}

func (r *siteRun) pagesExhausted() bool {
	return r.site.MaxPages > 0 && r.claimed.Load() >= int64(r.site.MaxPages)
}

// offer is a URL offered to the round: a start URL, a link, a sitemap or
// feed entry.
type offer struct {
	raw     string
	depth   int
	kind    string
	lastmod time.Time // a sitemap's <lastmod>
}

// maxBatch bounds one enqueue transaction (a sitemap may list 50,000 URLs).
const maxBatch = 500

// enqueue offers URLs to the frontier: each one in scope, within the
// site's depth and patterns, and due (a stored article is fetched again
// only after recheck_after, or when a sitemap says it changed since it was
// stored). A page's links go in batches: one query finds those the round
// already has, which most are; one reads the last fetch of the pages new to
// it; one transaction queues the rest. Links found while stopping are still
// queued, so a page marked done never loses its links. It returns the first
// error: a URL that does not parse, or the store failing (which also stops
// the site).
func (r *siteRun) enqueue(offers ...offer) error {
	var first error
	for len(offers) > 0 {
		n := min(len(offers), maxBatch)
		if err := r.enqueueBatch(offers[:n]); first == nil {
			first = err
		}
		offers = offers[n:]
	}
	return first
}

// candidate is an offer that passed the site's rules.
type candidate struct {
	offer
	norm string
	u    *url.URL
}

func (r *siteRun) enqueueBatch(offers []offer) error {
	var first error
	cands := make([]candidate, 0, len(offers))
	urls := make([]string, 0, len(offers))
	seen := make(map[string]bool, len(offers))
	for _, o := range offers {
		norm, err := Normalize(o.raw)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		u, _ := url.Parse(norm)
		if seen[norm] || !r.wants(o, norm, u) {
			continue
		}
		seen[norm] = true
		cands = append(cands, candidate{o, norm, u})
		urls = append(urls, norm)
	}
	if len(cands) == 0 {
		return first
	}
	// Most links of a page are the site's menus and pagination, known to
	// the round since its first pages: a bounded memory of URLs the round
	// has answers for them; the frontier is asked about the rest.
	var ask []string
	var askAt []int
	inRound := make([]bool, len(cands))
	for i, u := range urls {
		if r.known.has(u) {
			inRound[i] = true
		} else {
			ask, askAt = append(ask, u), append(askAt, i)
		}
	}
	if len(ask) > 0 {
		got, err := r.c.store.InRound(r.dbctx, r.site.Name, ask)
		if err != nil {
			r.fail(err)
			return err
		}
		for j, in := range got {
			if in {
				inRound[askAt[j]] = true
				r.known.add(ask[j])
			}
		}
	}
	// The last fetch of each page new to the round: whether a stored
	// article is due, and whether the site model has seen the page.
	fresh, pages := cands[:0], urls[:0]
	for i, c := range cands {
		if inRound[i] {
			continue
		}
		fresh = append(fresh, c)
		if c.kind == kindPage && !r.c.opt.Complete || r.model != nil && (c.kind == kindPage || c.kind == kindStart) {
			pages = append(pages, c.norm)
		}
	}
	prevs, err := r.c.store.LastFetches(r.dbctx, pages)
	if err != nil {
		r.fail(err)
		return err
	}
	entries := make([]storage.QueueEntry, 0, len(fresh))
	skipped := 0
	for _, c := range fresh {
		cctx := colly.NewContext()
		cctx.Put(keyKind, c.kind)
		cctx.Put(keyURL, c.norm)
		prev, fetched := prevs[c.norm]
		if r.model != nil && r.model.observed(prev, fetched) {
			cctx.Put(keySeen, true)
		}
		if c.kind == kindPage && !r.c.opt.Complete {
			due, stored := r.due(prev, fetched, c.lastmod)
			if !due {
				skipped++
				continue
			}
			// A stored article is re-fetched conditionally; its validators
			// travel with the queued request. Listing and start pages are
			// fetched whole, since their links are what the round needs.
			if stored && prev.ContentHash != "" && (prev.ETag != "" || prev.LastModified != "") {
				cctx.Put(keyETag, prev.ETag)
				cctx.Put(keyLastModified, prev.LastModified)
				cctx.Put(keyHash, prev.ContentHash)
				cctx.Put(keyCT, prev.ContentType)
			}
		}
		req := &colly.Request{URL: c.u, Method: http.MethodGet, Depth: c.depth, Ctx: cctx, Headers: &http.Header{}}
		b, err := req.Marshal()
		if err != nil {
			r.fail(err)
			return err
		}
		path := *c.u
		path.RawQuery, path.ForceQuery = "", false
		e := storage.QueueEntry{Site: r.site.Name, URL: c.norm, Path: path.String(), Query: c.u.RawQuery != "", Request: b}
		if c.kind == kindPage {
			e.MaxQueryVariants = r.site.MaxQueryVariants
		}
		entries = append(entries, e)
	}
	results, err := r.c.store.Enqueue(r.dbctx, entries...)
	if err != nil {
		r.fail(err)
		return err
	}
	queued, traps := 0, 0
	for i, res := range results {
		if res != storage.OverCap {
			r.known.add(entries[i].URL)
		}
		switch res {
		case storage.Queued:
			queued++
		case storage.OverCap:
			traps++
			r.log.Debug("query-variant cap reached: not queued", "url", entries[i].URL, "cap", r.site.MaxQueryVariants)
		}
	}
	// colly's queue loop reads the frontier's size whenever a request
	// finishes, and every enqueue happens before a run's queue starts or
	// while a request is being handled: nothing queued waits unseen.
	r.queued.Add(int64(queued))
	if queued+skipped+traps > 0 {
		r.count(func(s *storage.RunSiteStats) { s.SkippedFresh += skipped; s.TrapURLs += traps })
	}
	return first
}

// wants reports whether the site's rules let an offered URL into the
// round: start URLs always; others in scope, not too long, within
// max_depth and the follow and exclude patterns.
func (r *siteRun) wants(o offer, norm string, u *url.URL) bool {
	if o.kind == kindStart {
		return true
	}
	if !r.scope.allows(u) || len(norm) > maxURLLength {
		return false
	}
	if o.kind == kindPage {
		if r.site.MaxDepth > 0 && o.depth > r.site.MaxDepth {
			return false
		}
		if r.site.FollowPattern != nil && !r.site.FollowPattern.MatchString(norm) {
			return false
		}
	}
	return r.site.ExcludePattern == nil || !r.site.ExcludePattern.MatchString(norm)
}

// due reports whether a page must be fetched in this round, given its last
// fetch (fetched: it has one), and whether that fetch is a stored article
// whose validators the request may carry.
func (r *siteRun) due(prev storage.Fetch, fetched bool, lastmod time.Time) (due, stored bool) {
	if !fetched || !prev.IsArticle || (prev.Status != http.StatusOK && prev.Status != http.StatusNotModified) {
		return true, false
	}
	if prev.RunID == r.runID {
		return true, false // fetched in this run: the frontier knows it, not a skip
	}
	if !lastmod.IsZero() {
		return lastmod.After(prev.FetchedAt), true
	}
	return r.site.RecheckAfter == 0 || r.c.opt.Now().Sub(prev.FetchedAt) >= r.site.RecheckAfter, true
}

func kindOf(ctx *colly.Context) string {
	if k, ok := ctx.GetAny(keyKind).(string); ok {
		return k
	}
	return kindPage
}

// onRequest sends the validators a stored article was queued with, so an
// unchanged page costs a 304 and no parsing.
func (r *siteRun) onRequest(req *colly.Request) {
	if req.Ctx.GetAny(keyAttempt) == nil {
		req.Ctx.Put(keyAttempt, 0)
	}
	if v := req.Ctx.Get(keyETag); v != "" {
		req.Headers.Set("If-None-Match", v)
	}
	if v := req.Ctx.Get(keyLastModified); v != "" {
		req.Headers.Set("If-Modified-Since", v)
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
	ct := resp.Headers.Get("Content-Type")
	if ct != "" || resp.StatusCode != http.StatusNotModified {
		resp.Ctx.Put(keyCT, ct) // a 304 keeps the stored copy's type
	}
	resp.Ctx.Put(keyStatus, resp.StatusCode)
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		resp.Headers.Set("Content-Type", mt)
	}
	switch kindOf(resp.Ctx) {
	case kindSitemap, kindProbe, kindFeed:
		return
	}
	if resp.StatusCode < 300 && (!parsers.MaybeHTML(ct) || kindOf(resp.Ctx) == kindAsset) {
		resp.Ctx.Put(keySkipped, true)
		resp.Request.Abort()
	}
}

func (r *siteRun) fetchRecord(resp *colly.Response, status int) storage.Fetch {
	f := storage.Fetch{RunID: r.runID, Site: r.site.Name, URL: resp.Request.URL.String(), Status: status,
		FetchedAt: r.c.opt.Now(), ContentType: resp.Ctx.Get(keyCT), Bytes: len(resp.Body)}
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
	for _, l := range parsers.Links(doc, resp.Request.URL) {
		offers = append(offers, offer{raw: l, depth: resp.Request.Depth + 1, kind: kindPage})
	}
	for _, l := range parsers.FeedLinks(doc, resp.Request.URL) {
		offers = append(offers, offer{raw: l, kind: kindFeed})
	}
	if r.c.opt.Requisites {
		for _, l := range parsers.Requisites(doc, resp.Request.URL) {
			offers = append(offers, offer{raw: l, depth: resp.Request.Depth + 1, kind: kindAsset})
		}
	}
	r.enqueue(offers...)
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
	r.enqueue(offers...)
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
	f.ContentHash = resp.Ctx.Get(keyHash)
	if f.ContentHash == "" {
		f.Err = "304 Not Modified to an unconditional request"
		r.count(func(s *storage.RunSiteStats) { s.Errors++ })
		r.save(resp, storage.Page{Fetch: f})
		return
	}
	f.IsArticle = true
	if f.ETag == "" {
		f.ETag = resp.Ctx.Get(keyETag)
	}
	if f.LastModified == "" {
		f.LastModified = resp.Ctx.Get(keyLastModified)
	}
	if _, ok := r.save(resp, storage.Page{Fetch: f, NotModified: true}); ok {
		r.count(func(s *storage.RunSiteStats) { s.NotModified++; s.ArticlesFound++ })
	}
}

func (r *siteRun) onError(resp *colly.Response, err error) {
	if resp.Ctx.GetAny(keySkipped) == true && errors.Is(err, colly.ErrAbortedAfterHeaders) {
		// Not HTML: recorded, never parsed.
		r.answered(resp)
		status, _ := resp.Ctx.GetAny(keyStatus).(int)
		r.save(resp, storage.Page{Fetch: r.fetchRecord(resp, status)})
		return
	}
	if r.ctx.Err() != nil {
		return // interrupted: not finished, requeued as the run ends
	}
	var visited *colly.AlreadyVisitedError
	if errors.As(err, &visited) { // a redirect to a page this run already has (or a loop)
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
	attempt, _ := resp.Ctx.GetAny(keyAttempt).(int)
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
		r.log.Debug("retrying", "url", resp.Request.URL, "status", status, "error", err, "wait", wait, "attempt", attempt+1)
		resp.Ctx.Put(keyAttempt, attempt+1)
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

func queuedURL(resp *colly.Response) string {
	if u, ok := resp.Ctx.GetAny(keyURL).(string); ok {
		return u
	}
	return resp.Request.URL.String()
}

// save stores a page with its fetch and marks it done in the round, in one
// transaction; a store error stops the site.
func (r *siteRun) save(resp *colly.Response, p storage.Page) (storage.SaveResult, bool) {
	p, ok := r.prepare(resp, p)
	if !ok {
		return storage.Unchanged, false
	}
	return r.commit(p, true)
}

// prepare ties a page to its request: the URL claimed from the frontier
// and, when recording, the archive record that holds it. It is false when
// the archive can no longer be written (the site stops).
func (r *siteRun) prepare(resp *colly.Response, p storage.Page) (storage.Page, bool) {
	p.RequestURL = queuedURL(resp)
	if rec := r.c.opt.Recorder; rec != nil {
		final := resp.Request.URL.String()
		if final != p.RequestURL {
			rec.Take(p.RequestURL) // the redirect: archived, not a page of its own
		}
		c, ok, err := rec.Take(final)
		if err != nil {
			r.fail(err)
			return p, false
		}
		if ok {
			p.Capture = &c
		}
	}
	return p, true
}

// commit stores a prepared page and, unless it was counted when it was
// held back, counts it.
func (r *siteRun) commit(p storage.Page, count bool) (storage.SaveResult, bool) {
	res, err := r.c.store.SavePage(r.dbctx, p)
	if err != nil {
		r.fail(err)
		return res, false
	}
	// A page is a recorded fetch, answered or not: the figure stats shows
	// from the fetches table (errors are a part of it).
	if count {
		r.count(func(s *storage.RunSiteStats) { s.PagesFetched++ })
	}
	return res, true
}

// store commits an extracted page and counts its article, or the page's
// rejection when it reads like an article (why: the decision). held: the
// page was counted as fetched when it was held back.
func (r *siteRun) store(p storage.Page, why *parsers.Explanation, held bool) {
	res, ok := r.commit(p, !held)
	if ok && p.Article == nil && why.LooksLikeArticle() {
		r.noteRejected(why.ReasonKind(), p.Fetch.URL)
	}
	if ok && p.Article != nil {
		r.count(func(s *storage.RunSiteStats) {
			s.ArticlesFound++
			switch res {
			case storage.New:
				s.ArticlesNew++
			case storage.Changed:
				s.ArticlesChanged++
			}
		})
	}
}

func (r *siteRun) markDone(u string) {
	if err := r.c.store.MarkDone(r.dbctx, r.site.Name, u); err != nil {
		r.fail(err)
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

// fail stops the site on a store error: going on would lose pages.
func (r *siteRun) fail(err error) {
	r.mu.Lock()
	if r.fatal == nil {
		r.fatal = err
		r.log.Error("store failed; stopping site", "error", err)
	}
	r.mu.Unlock()
}

// ArticlePage is what a crawl stores for a fetched HTML page: the fetch,
// with the parser's decision, and the article when the page is one
// (extracted with the site's rules). doc is the parsed page; extraction
// removes chrome from it.
func ArticlePage(site config.Site, f storage.Fetch, doc *html.Node) storage.Page {
	p, _ := ExtractPageWith(site, f, doc, nil)
	return p
}

// ExtractPage is ArticlePage that also returns the decision's explanation.
func ExtractPage(site config.Site, f storage.Fetch, doc *html.Node) (storage.Page, *parsers.Explanation) {
	p, a := ExtractPageWith(site, f, doc, nil)
	return p, a.Explain
}

// ExtractPageWith is ExtractPage with the site's model (nil: none), and
// returns the whole extraction (the decision, what the page tells the
// model).
func ExtractPageWith(site config.Site, f storage.Fetch, doc *html.Node, m *parsers.SiteModel) (storage.Page, parsers.Article) {
	pageURL, _ := url.Parse(f.URL)
	art := parsers.ExtractDocument(doc, pageURL, siteOptions(site, f.URL, m))
	return pageOf(site, f, art), art
}

// siteOptions are the parser's options for a page of a site: its
// selectors, its article_pattern's verdict on the URL, its model.
func siteOptions(site config.Site, pageURL string, m *parsers.SiteModel) parsers.Options {
	opt := parsers.Options{ContentSelector: site.ContentSelector, RemoveSelectors: site.RemoveSelectors, DateSelector: site.DateSelector, Explain: true, Site: m}
	if site.ArticlePattern != nil {
		hint := site.ArticlePattern.MatchString(pageURL)
		opt.ArticleHint = &hint
	}
	return opt
}

// pageOf is what a crawl stores for an extracted page.
func pageOf(site config.Site, f storage.Fetch, art parsers.Article) storage.Page {
	page := storage.Page{Fetch: f}
	if d, err := json.Marshal(art.Explain); err == nil {
		page.Fetch.Decision = string(d)
	}
	page.Fetch.TextChars = art.Explain.TextChars
	if art.IsArticle {
		page.Fetch.IsArticle, page.Fetch.ContentHash = true, art.ContentHash
		page.Article = &storage.Article{ContentHash: art.ContentHash, Site: site.Name, URL: f.URL,
			Title: art.Title, Text: art.Text, PublishedAt: art.PublishedAt, Author: art.Author, Lang: art.Lang, SeenAt: f.FetchedAt, Slots: art.Slots}
	}
	return page
}
