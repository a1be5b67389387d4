package crawler

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// The site pool. A run's sites wait in a queue and run MaxActiveSites at a
// time; a site that finishes frees its slot. A site that has not started,
// or has finished, costs next to nothing. A site that runs out of a
// resource (open files, the database, a transient DNS failure) is
// deferred: it stops, its in-flight URLs go back to its queue, and it runs
// again later in the same run, after a back-off; each such deferral also
// retires one worker, so a pool set too large shrinks to what the machine
// gives. Only a cause that lasts fails the site: after maxDeferrals, or
// when it is the last site left and still cannot run.

const (
	// fdReserve is what the process keeps open besides the sites'
	// connections: the database and its WAL, standard streams, the log.
	fdReserve = 64
	// maxDefaultActive caps the default pool. Each active site costs a
	// couple of hundred kilobytes, and at one request a second each, 1,000
	// sites already ask more pages than two cores extract (measured: 630
	// pages/s on the bench's 4,000 sites).
	maxDefaultActive = 1000
	// maxDeferrals is how often a site may be deferred before its cause
	// is taken as final.
	maxDeferrals = 8
	// deferBase is the first back-off; it doubles, up to deferMax.
	deferBase = time.Second
	deferMax  = time.Minute
)

// DefaultMaxActiveSites is the pool size for sites of the given
// parallelism: each active site holds up to parallelism connections plus
// one (robots.txt, a redirect to another of its hosts), within the
// process's open-file limit (raised to its hard limit first) less
// fdReserve, and at most 1,000. limit is the open-file limit it read (0:
// none).
func DefaultMaxActiveSites(parallelism int) (n int, limit uint64) {
	limit = raiseFileLimit()
	n = maxDefaultActive
	if limit > 0 {
		n = min(n, max(1, (int(min(limit, 1<<30))-fdReserve)/(max(parallelism, 1)+1)))
	}
	return n, limit
}

// poolJob is a site waiting for a slot, with what its earlier attempts
// of this run did.
type poolJob struct {
	i        int
	attempts int
	stats    storage.RunSiteStats
	cause    string // why the last attempt was deferred
	busy     int    // times another worker held it when asked for
}

// runPool crawls the sites through the pool and returns their figures, in
// the sites' order.
func (c *Crawler) runPool(ctx context.Context, runID int64, sites []config.Site) []storage.RunSiteStats {
	results := make([]storage.RunSiteStats, len(sites))
	if len(sites) == 0 {
		return results
	}
	active := c.opt.MaxActiveSites
	if active <= 0 {
		par := 1
		for _, s := range sites {
			par = max(par, s.Parallelism)
		}
		var limit uint64
		active, limit = DefaultMaxActiveSites(par)
		c.opt.Logger.Debug("site pool", "max_active_sites", active, "open_file_limit", limit, "parallelism", par)
	}
	active = min(active, len(sites))
	c.opt.Logger.Debug("crawling sites through the pool", "sites", len(sites), "max_active_sites", active)

	queue := make(chan poolJob, len(sites))
	for i := range sites {
		queue <- poolJob{i: i}
	}
	var pending atomic.Int64 // sites without a final result
	pending.Store(int64(len(sites)))
	var running, retire atomic.Int64 // sites crawling now; workers retired
	var closeOnce sync.Once
	finish := func(j poolJob) {
		results[j.i] = j.stats
		if pending.Add(-1) == 0 {
			closeOnce.Do(func() { close(queue) })
		}
	}
	// later puts a site back in the queue after wait (at once when the run
	// is interrupted, where the loop finishes it).
	later := func(j poolJob, wait time.Duration) {
		go func() {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
			}
			queue <- j
		}()
	}
	poll := cmp.Or(c.opt.LeasePoll, defaultLeasePoll)
	var wg sync.WaitGroup
	for range active {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var busy bool
			for j := range queue {
				if ctx.Err() != nil { // interrupted: the sites not started stay as they were
					if j.stats.Site == "" {
						j.stats.Site = sites[j.i].Name
					}
					finish(j)
					continue
				}
				running.Add(1)
				c.notePeak(running.Load())
				var st storage.RunSiteStats
				var cause string
				if c.opt.Leases == nil {
					st, cause = c.crawlSite(ctx, runID, sites[j.i])
				} else if st, cause, busy = c.leasedCrawl(ctx, runID, sites[j.i]); busy {
					// Another worker has it: asked for again later, no
					// deferral counted. The wait doubles while it stays busy
					// (another worker's crawl takes minutes, and each ask is
					// a transaction: a thousand sites held elsewhere, asked
					// for every half second, would be two thousand a
					// second).
					running.Add(-1)
					wait := min(poll<<min(j.busy, 10), maxLeasePoll)
					j.busy++
					later(j, wait)
					continue
				}
				others := running.Add(-1)
				j.stats = mergeStats(j.stats, st)
				j.attempts++
				if cause == "" || ctx.Err() != nil {
					finish(j)
				} else if j.attempts >= maxDeferrals || others == 0 && pending.Load() == 1 && j.cause == cause {
					// The cause lasts: now it is the site's failure.
					j.stats.Error = fmt.Sprintf("%s (deferred %d times in this run)", cause, j.attempts)
					c.opt.Logger.Error("site failed", "site", sites[j.i].Name, "error", j.stats.Error)
					finish(j)
				} else {
					j.cause = cause
					wait := min(deferBase<<(j.attempts-1), deferMax)
					c.opt.Logger.Warn("site deferred: it runs again later in this run", "site", sites[j.i].Name, "cause", cause, "in", wait)
					later(j, wait)
					// One worker fewer: the machine gives less than the pool
					// asked. At least one stays.
					for r := retire.Load(); int64(active)-r > 1; r = retire.Load() {
						if retire.CompareAndSwap(r, r+1) {
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	return results
}

// notePeak records the most sites active at once (tests read it).
func (c *Crawler) notePeak(n int64) {
	for {
		p := c.peakActive.Load()
		if n <= p || c.peakActive.CompareAndSwap(p, n) {
			return
		}
	}
}

// mergeStats adds a site's figures of another attempt in the same run.
func mergeStats(a, b storage.RunSiteStats) storage.RunSiteStats {
	if a.Site == "" {
		return b
	}
	a.PagesFetched += b.PagesFetched
	a.ArticlesFound += b.ArticlesFound
	a.ArticlesNew += b.ArticlesNew
	a.ArticlesChanged += b.ArticlesChanged
	a.Errors += b.Errors
	a.NotModified += b.NotModified
	a.SkippedFresh += b.SkippedFresh
	a.NewLinks += b.NewLinks
	if a.Due == 0 && a.NotDue == 0 {
		a.Due, a.NotDue, a.NextDue = b.Due, b.NotDue, b.NextDue
	}
	a.RobotsBlocked += b.RobotsBlocked
	a.TrapURLs += b.TrapURLs
	a.HostSkipped += b.HostSkipped
	a.RejectedLikeArticles += b.RejectedLikeArticles
	a.ArticlesRevised += b.ArticlesRevised
	a.Queued, a.Error, a.Warning = b.Queued, b.Error, b.Warning
	a.Resumed = a.Resumed || b.Resumed
	a.CrawledBy = b.CrawledBy
	if b.RejectedReason != "" {
		a.RejectedReason, a.RejectedExample = b.RejectedReason, b.RejectedExample
	}
	a.ModelArticles, a.ModelBlocks, a.ModelChrome = b.ModelArticles, b.ModelBlocks, b.ModelChrome
	a.HeldPeakPages, a.HeldPeakBytes = max(a.HeldPeakPages, b.HeldPeakPages), max(a.HeldPeakBytes, b.HeldPeakBytes)
	return a
}
