// Package crawler fetches the configured sites with colly, hands each page
// to the parser and stores what it finds. A run:
//
//  1. queues its sites in the site pool and runs max_active_sites of them
//     at a time; a site short of a resource is deferred and runs again
//     later (pool.go);
//  2. for each site, resumes or starts its round in the frontier, reads
//     robots.txt for each of its hosts, queues the start URLs and
//     sitemaps (siterun.go, host.go, robots.go);
//  3. hands colly the frontier's URLs, each after its host's politeness
//     slot, which the sites on one host share (frontier.go,
//     politeness.go); each request carries its typed ticket (ticket.go);
//  4. handles each answer: retries, redirects, not-modified, errors with
//     their cause (fetch.go, cause.go);
//  5. queues the links of each page (enqueue.go), extracts it with the
//     site's model, or holds it while the model learns (sitemodel.go), and
//     stores it with its fetch, done in the round, in one transaction
//     (page.go);
//  6. ends the round, revises stored articles the model learnt more
//     about, saves the model, and records the run.
package crawler

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// Store is what the crawler needs from the database, by role: the runs,
// the pages it fetches, each site's frontier, each site's model.
// storage.Store is all four; a shared frontier (Redis) or another page
// store would implement its own.
type Store interface {
	RunStore
	PageStore
	Frontier
	ModelStore
	Scheduler
}

// RunStore records runs.
type RunStore interface {
	StartRun(ctx context.Context, sites []string, at time.Time) (int64, error)
	FinishRun(ctx context.Context, id int64, status string, at time.Time, sites []storage.RunSiteStats) error
}

// PageStore keeps fetched pages: their fetch, article and capture, and the
// pages a site holds back while its model learns.
type PageStore interface {
	LastFetches(ctx context.Context, urls []string) (map[string]storage.Fetch, error)
	SavePage(ctx context.Context, p storage.Page) (storage.SaveResult, error)
	SavePages(ctx context.Context, pages []storage.Page) ([]storage.SaveResult, error)
	HoldPage(ctx context.Context, h storage.HeldPage, at time.Time) error
	EachHeldPage(ctx context.Context, site string, fn func(storage.HeldPage) error) error
	HeldPages(ctx context.Context, site string) (int, int64, error)
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
	// MaxActiveSites is how many sites run at once (0: DefaultMaxActiveSites).
	MaxActiveSites int
	// Leases, if set, share the run's sites with other workers of the
	// archive (see lease.go); LeasePoll is how soon a site another worker
	// holds is first asked for again (default 500ms; doubling each time,
	// up to 30s).
	Leases    Leaser
	LeasePoll time.Duration

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
	gates gates // per host, across the run's sites

	peakActive atomic.Int64  // the most sites crawling at once
	working    chan struct{} // a slot for each page being parsed and stored (onResponse)
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
	return &Crawler{store: store, opt: opt, working: make(chan struct{}, pagesAtOnce())}
}

// pagesAtOnce is how many answered pages the run parses, extracts and
// stores at once, all sites together; the others wait with their bodies
// only. A thousand sites' pages answered together were otherwise parsed
// together, every one's tree in memory at once (an incremental run of
// 1,000 sites: 95 MB live, 45 MB of it pages in flight). Enough to keep
// the cores busy while some wait for their write, and for the writes to
// share commits: at 8 a core (bench --sites 1000) the group commit's
// batches shrank and the first run took about 10 % more CPU a page, at
// 32 a core about 5 %, for the same memory.
func pagesAtOnce() int { return max(64, 32*runtime.NumCPU()) }

// Summary is the outcome of a run.
type Summary struct {
	RunID    int64                  `json:"run_id"`
	Status   string                 `json:"status"` // ok, partial (some sites failed), failed, interrupted
	Sites    []storage.RunSiteStats `json:"sites"`
	Duration time.Duration          `json:"duration_ns"`
}

// Failed reports whether any site failed.
func (s Summary) Failed() bool { return s.Status != "ok" }

// Run crawls the sites through the site pool (pool.go), one collector
// each; a failing site never stops the others. It returns an error only
// when the run itself cannot be recorded.
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
	results := c.runPool(ctx, runID, sites)
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
