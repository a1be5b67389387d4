package crawler

import (
	"context"
	"net/url"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// Workers. With a Leaser (a worker of a PostgreSQL archive), a site runs
// only while this process holds its lease and the leases of its hosts:
//
//  1. Acquire the site and its hosts, all or none. Busy (another live
//     worker has one): the site waits in the pool's queue and is asked
//     for again, after 0.5 s, then 1 s, 2 s… up to 30 s. Done (another
//     worker finished it since this run began): the site is reported as
//     crawled by that worker. Never Done for an archive (Complete): it
//     copies the whole site whatever another worker's crawl did.
//  2. Before a host's first request, wait what its last holder left of
//     its delay (or the whole delay after a holder that died).
//  3. Crawl; a lease lost meanwhile (another worker took it after it
//     expired, or the database was out of reach past the lease time)
//     stops the site, as an interruption does, and defers it: its round
//     stays for whoever holds it next, and this worker asks for it again
//     later in the run.
//  4. Release, giving each host's next free time (the delay after its
//     last request), done when the site finished.

// Leaser shares a run's sites with other processes (storage.Worker).
type Leaser interface {
	Acquire(ctx context.Context, runID int64, site string, hosts []string, delay time.Duration, onLost func()) (storage.Lease, error)
	Release(ctx context.Context, site string, freeIn map[string]time.Duration, done bool) error
}

// defaultLeasePoll is how soon a site another worker holds is first asked
// for again; the wait doubles each time, up to maxLeasePoll.
const (
	defaultLeasePoll = 500 * time.Millisecond
	maxLeasePoll     = 30 * time.Second
)

// siteHosts are the hosts a site fetches from: its start URLs' and its
// allowed domains, as host:port... as the politeness gates name them.
func siteHosts(site config.Site) []string {
	seen := map[string]bool{}
	for _, s := range site.StartURLs {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			seen[strings.ToLower(u.Host)] = true
		}
	}
	for _, d := range site.AllowedDomains {
		seen[strings.ToLower(d)] = true
	}
	out := make([]string, 0, len(seen))
	for h := range seen {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

// leasedCrawl crawls a site under its leases. busy: another worker holds
// it now; the caller asks again later.
func (c *Crawler) leasedCrawl(ctx context.Context, runID int64, site config.Site) (stats storage.RunSiteStats, cause string, busy bool) {
	hosts := siteHosts(site)
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var lost atomic.Bool
	since := runID // Done: finished by another worker since this run began
	if c.opt.Complete {
		since = 0 // an archive: never Done
	}
	l, err := c.opt.Leases.Acquire(ctx, since, site.Name, hosts, site.Delay, func() { lost.Store(true); cancel() })
	switch {
	case err != nil:
		if storage.IsTransient(err) {
			return storage.RunSiteStats{Site: site.Name}, err.Error(), false
		}
		return storage.RunSiteStats{Site: site.Name, Error: err.Error()}, "", false
	case l.State == storage.Busy:
		return storage.RunSiteStats{}, "", true
	case l.State == storage.Done:
		c.opt.Logger.Info("site crawled by another worker since this one began", "site", site.Name, "worker", l.Holder)
		return storage.RunSiteStats{Site: site.Name, CrawledBy: l.Holder}, "", false
	}
	now := c.opt.Now()
	for h, wait := range l.Wait {
		c.gates.of(h).notBefore(now.Add(wait))
	}
	stats, cause = c.crawlSite(sctx, runID, site)
	if lost.Load() && ctx.Err() == nil {
		// Deferred, as a resource that ran out defers a site: asked for
		// again later in the run, it is busy or done if another worker
		// took it, or this worker's again once the database answers.
		stats.Error = ""
		cause = "its lease was lost (another worker took it after it expired, or the database was out of reach for longer than the lease time)"
	}
	now = c.opt.Now()
	freeIn := map[string]time.Duration{}
	for _, h := range hosts {
		freeIn[h] = c.gates.of(h).nextIn(now)
	}
	done := cause == "" && ctx.Err() == nil && !lost.Load()
	if err := c.opt.Leases.Release(context.WithoutCancel(ctx), site.Name, freeIn, done); err != nil {
		c.opt.Logger.Warn("could not give a site's lease back: it expires on its own", "site", site.Name, "error", err)
	}
	return stats, cause, false
}
