// Package crawler fetches the configured sites with colly, hands each page
// to the parser and stores what it finds.
package crawler

import (
	"context"
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
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// Store is what the crawler needs from the article store.
type Store interface {
	StartRun(ctx context.Context, sites []string, at time.Time) (int64, error)
	FinishRun(ctx context.Context, id int64, status string, at time.Time, sites []storage.RunSiteStats) error
	RecordFetch(ctx context.Context, f storage.Fetch) error
	SaveArticle(ctx context.Context, a storage.Article) (storage.SaveResult, error)
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
	// Now is the clock (default time.Now).
	Now func() time.Time
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
	c         *Crawler
	ctx       context.Context
	runID     int64
	site      config.Site
	scope     scope
	col       *colly.Collector
	log       *slog.Logger
	scheduled atomic.Int64
	mu        sync.Mutex
	stats     storage.RunSiteStats
	startOK   atomic.Bool // at least one start URL got a response
	fatal     error       // first store error: stops the site
}

const (
	keyDepth   = "wc.depth"
	keyAttempt = "wc.attempt"
	keyCT      = "wc.content-type"
	keyStatus  = "wc.status"
	keySkipped = "wc.skipped"
	keyStart   = "wc.start"
)

func (c *Crawler) crawlSite(ctx context.Context, runID int64, site config.Site) storage.RunSiteStats {
	r := &siteRun{c: c, ctx: ctx, runID: runID, site: site, scope: newScope(site.AllowedDomains),
		log: c.opt.Logger.With("site", site.Name)}
	r.stats.Site = site.Name
	col := colly.NewCollector(colly.Async(true), colly.UserAgent(site.UserAgent), colly.MaxBodySize(c.opt.MaxBodyBytes))
	col.IgnoreRobotsTxt = !site.RespectRobots
	col.Context = ctx
	col.SetRequestTimeout(site.Timeout)
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: site.Parallelism, Delay: site.Delay}); err != nil {
		r.stats.Error = fmt.Sprintf("limit rule: %v", err)
		return r.stats
	}
	col.SetRedirectHandler(r.redirect)
	col.OnResponseHeaders(r.onHeaders)
	col.OnResponse(r.onResponse)
	col.OnError(r.onError)
	r.col = col

	var startErrs []string
	for _, raw := range site.StartURLs {
		if err := r.enqueue(raw, 0, true); err != nil {
			startErrs = append(startErrs, err.Error())
		}
	}
	col.Wait()

	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.fatal != nil:
		r.stats.Error = r.fatal.Error()
	case !r.startOK.Load() && ctx.Err() == nil:
		msg := "no start URL could be fetched"
		if len(startErrs) > 0 {
			msg += ": " + strings.Join(startErrs, "; ")
		}
		r.stats.Error = msg
	}
	if r.stats.Error != "" {
		r.log.Error("site failed", "error", r.stats.Error)
	}
	return r.stats
}

// enqueue normalizes a URL and schedules it if it is in scope, new, and
// within the site's depth and page limits.
func (r *siteRun) enqueue(raw string, depth int, start bool) error {
	if r.ctx.Err() != nil {
		return r.ctx.Err()
	}
	r.mu.Lock()
	stopped := r.fatal != nil
	r.mu.Unlock()
	if stopped {
		return nil
	}
	norm, err := Normalize(raw)
	if err != nil {
		return err
	}
	u, _ := url.Parse(norm)
	if !start {
		if !r.scope.allows(u) {
			return nil
		}
		if r.site.MaxDepth > 0 && depth > r.site.MaxDepth {
			return nil
		}
		if r.site.FollowPattern != nil && !r.site.FollowPattern.MatchString(norm) {
			return nil
		}
		if r.site.ExcludePattern != nil && r.site.ExcludePattern.MatchString(norm) {
			return nil
		}
	}
	if r.site.MaxPages > 0 && r.scheduled.Load() >= int64(r.site.MaxPages) {
		return nil
	}
	cctx := colly.NewContext()
	cctx.Put(keyDepth, depth)
	cctx.Put(keyAttempt, 0)
	cctx.Put(keyStart, start)
	err = r.col.Request(http.MethodGet, norm, nil, cctx, nil)
	var visited *colly.AlreadyVisitedError
	switch {
	case err == nil:
		r.scheduled.Add(1)
		return nil
	case errors.As(err, &visited):
		return nil
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		r.log.Debug("blocked by robots.txt", "url", norm)
		if start {
			return fmt.Errorf("%s: blocked by robots.txt", norm)
		}
		return nil
	default:
		if start {
			return fmt.Errorf("%s: %w", norm, err)
		}
		r.log.Debug("not scheduled", "url", norm, "error", err)
		return nil
	}
}

// redirect follows a redirect only within the site's scope, at most 10 times.
func (r *siteRun) redirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return fmt.Errorf("stopped after %d redirects", len(via))
	}
	if !r.scope.allows(req.URL) {
		r.log.Debug("redirect out of scope not followed", "from", via[len(via)-1].URL, "to", req.URL)
		return http.ErrUseLastResponse
	}
	return nil
}

// onHeaders keeps the original Content-Type and strips its charset so colly
// leaves the body bytes alone (parsers.Decode reads BOM, header and meta
// tags itself), and skips the bodies of responses that are not HTML.
func (r *siteRun) onHeaders(resp *colly.Response) {
	ct := resp.Headers.Get("Content-Type")
	resp.Ctx.Put(keyCT, ct)
	resp.Ctx.Put(keyStatus, resp.StatusCode)
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		resp.Headers.Set("Content-Type", mt)
	}
	if resp.StatusCode < 300 && !maybeHTML(ct) {
		resp.Ctx.Put(keySkipped, true)
		resp.Request.Abort()
	}
}

// maybeHTML reports content types whose body may be HTML: HTML itself, and
// missing or generic types, which are sniffed after download.
func maybeHTML(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || ct == "" {
		return true
	}
	switch mt {
	case "text/html", "application/xhtml+xml", "application/octet-stream", "text/plain", "application/x-httpd-php":
		return true
	}
	return false
}

func isHTML(ct string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return true
	}
	return strings.HasPrefix(http.DetectContentType(body), "text/html")
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

func (r *siteRun) onResponse(resp *colly.Response) {
	if resp.Ctx.GetAny(keyStart) == true {
		r.startOK.Store(true)
	}
	f := r.fetchRecord(resp, resp.StatusCode)
	depth, _ := resp.Ctx.GetAny(keyDepth).(int)
	r.count(func(s *storage.RunSiteStats) { s.PagesFetched++ })
	if !isHTML(f.ContentType, resp.Body) {
		r.record(f)
		return
	}
	pageURL, _ := url.Parse(f.URL)
	doc, err := parsers.ParseHTML(resp.Body, f.ContentType)
	if err != nil {
		f.Err = err.Error()
		r.record(f)
		r.count(func(s *storage.RunSiteStats) { s.Errors++ })
		return
	}
	links := parsers.Links(doc, resp.Request.URL)
	opt := parsers.Options{ContentSelector: r.site.ContentSelector, RemoveSelectors: r.site.RemoveSelectors, DateSelector: r.site.DateSelector}
	if r.site.ArticlePattern != nil {
		hint := r.site.ArticlePattern.MatchString(f.URL)
		opt.ArticleHint = &hint
	}
	art := parsers.ExtractDocument(doc, pageURL, opt)
	if art.IsArticle {
		f.IsArticle, f.ContentHash = true, art.ContentHash
		res, err := r.c.store.SaveArticle(r.ctx, storage.Article{ContentHash: art.ContentHash, Site: r.site.Name, URL: f.URL,
			Title: art.Title, Text: art.Text, PublishedAt: art.PublishedAt, Author: art.Author, Lang: art.Lang, SeenAt: f.FetchedAt})
		if err != nil {
			r.fail(err)
			return
		}
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
	r.record(f)
	for _, l := range links {
		r.enqueue(l, depth+1, false)
	}
}

func (r *siteRun) onError(resp *colly.Response, err error) {
	if resp.Ctx.GetAny(keySkipped) == true && errors.Is(err, colly.ErrAbortedAfterHeaders) {
		// Not HTML: recorded, never parsed.
		if resp.Ctx.GetAny(keyStart) == true {
			r.startOK.Store(true)
		}
		status, _ := resp.Ctx.GetAny(keyStatus).(int)
		r.count(func(s *storage.RunSiteStats) { s.PagesFetched++ })
		r.record(r.fetchRecord(resp, status))
		return
	}
	if r.ctx.Err() != nil {
		return // interrupted: the page is not finished, nothing to record
	}
	status := resp.StatusCode
	attempt, _ := resp.Ctx.GetAny(keyAttempt).(int)
	if retryable(status, err) && attempt < r.c.opt.MaxRetries {
		wait := r.c.opt.RetryBase << attempt
		wait += time.Duration(rand.Int64N(int64(wait)/4 + 1)) // jitter
		if ra, ok := retryAfter(resp, r.c.opt.Now()); ok && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
			wait = min(ra, r.c.opt.MaxRetryAfter)
		}
		r.log.Debug("retrying", "url", resp.Request.URL, "status", status, "error", err, "wait", wait, "attempt", attempt+1)
		resp.Ctx.Put(keyAttempt, attempt+1)
		select {
		case <-time.After(wait):
		case <-r.ctx.Done():
			return
		}
		if rerr := resp.Request.Retry(); rerr == nil {
			return
		} else {
			err = rerr
		}
	}
	if status != 0 && resp.Ctx.GetAny(keyStart) == true && status < 400 {
		r.startOK.Store(true) // e.g. an out-of-scope redirect: the site answered
	}
	f := r.fetchRecord(resp, status)
	f.Err = err.Error()
	r.log.Warn("fetch failed", "url", f.URL, "status", status, "error", err)
	r.count(func(s *storage.RunSiteStats) { s.Errors++ })
	r.record(f)
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
		r.c.opt.Progress(snap)
	}
}

func (r *siteRun) record(f storage.Fetch) {
	if err := r.c.store.RecordFetch(r.ctx, f); err != nil && r.ctx.Err() == nil {
		r.fail(err)
	}
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
