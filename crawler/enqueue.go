package crawler

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/wardcrawl/wardcrawl/storage"
)

// offer is a URL offered to the round: a start URL, a link, a sitemap or
// feed entry.
type offer struct {
	raw     string
	depth   int
	kind    string
	lastmod time.Time // a sitemap's <lastmod>
	hub     bool      // linked from a start page
}

// maxBatch bounds one enqueue transaction (a sitemap may list 50,000 URLs).
const maxBatch = 500

// errNotQueued says the store failed while queueing a page's links: the
// page must not be marked done (it stays in flight, and is fetched again
// when the site runs again), or its links would be lost to the round.
var errNotQueued = errors.New("links not queued")

// notQueued stops (or defers) the site for a store failure while queueing
// links, and returns it as errNotQueued.
func (r *siteRun) notQueued(err error) error {
	r.fail(err)
	return fmt.Errorf("%w: %w", errNotQueued, err)
}

// enqueue offers URLs to the frontier: each one in scope, within the
// site's depth and patterns, and due (a stored article is fetched again
// only after recheck_after, or when a sitemap says it changed since it was
// stored). A page's links go in batches: one query finds those the round
// already has, which most are; one reads the last fetch of the pages new to
// it; one transaction queues the rest. Links found while stopping are still
// queued, so a page marked done never loses its links. It returns the first
// error: a URL that does not parse, or the store failing (errNotQueued; it
// also stops or defers the site).
func (r *siteRun) enqueue(offers ...offer) error {
	_, err := r.enqueueNew(offers...)
	return err
}

// enqueueNew is enqueue that also counts the links it queued to pages the
// site never saw (no schedule row, no fetch): what a visit yielded.
func (r *siteRun) enqueueNew(offers ...offer) (newLinks int, err error) {
	var first error
	for len(offers) > 0 {
		n := min(len(offers), maxBatch)
		k, err := r.enqueueBatch(offers[:n])
		if errors.Is(err, errNotQueued) {
			return newLinks + k, err
		}
		if first == nil {
			first = err
		}
		newLinks += k
		offers = offers[n:]
	}
	return newLinks, first
}

// candidate is an offer that passed the site's rules.
type candidate struct {
	offer
	norm string
	u    *url.URL
}

func (r *siteRun) enqueueBatch(offers []offer) (newLinks int, first error) {
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
		if seen[norm] || !r.wants(o, norm, u) || o.lastmod.IsZero() && !o.hub && r.notDue.has(norm) {
			continue
		}
		seen[norm] = true
		cands = append(cands, candidate{o, norm, u})
		urls = append(urls, norm)
	}
	if len(cands) == 0 {
		return 0, first
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
		got, err := r.frontier.InRound(r.dbctx, r.site.Name, ask)
		if err != nil {
			return 0, r.notQueued(err)
		}
		for j, in := range got {
			if in {
				inRound[askAt[j]] = true
				r.known.add(ask[j])
			}
		}
	}
	// The last fetch of each page new to the round: whether a stored
	// article is due, whether a start page (or a page it links) is a
	// known listing, and whether the site model has seen the page.
	fresh, pages := cands[:0], urls[:0]
	for i, c := range cands {
		if inRound[i] {
			continue
		}
		fresh = append(fresh, c)
		if (c.kind == kindPage || c.kind == kindStart) && (!r.c.opt.Complete || r.model != nil) {
			pages = append(pages, c.norm)
		}
	}
	prevs, err := r.pages.LastFetches(r.dbctx, pages)
	if err != nil {
		return 0, r.notQueued(err)
	}
	var sched map[string]storage.Scheduled
	if r.adaptive() {
		var linked []string
		for _, c := range fresh {
			if c.kind == kindPage || c.kind == kindStart {
				linked = append(linked, c.norm)
			}
		}
		if sched, err = r.sched.ScheduledURLs(r.dbctx, r.site.Name, linked); err != nil {
			return 0, r.notQueued(err)
		}
	}
	entries := make([]storage.QueueEntry, 0, len(fresh))
	isNew := make([]bool, 0, len(fresh))
	skipped := 0
	for _, c := range fresh {
		t := &ticket{Kind: c.kind, URL: c.norm, Hub: c.hub}
		prev, fetched := prevs[c.norm]
		t.Seen = r.model != nil && r.model.observed(prev, fetched)
		e, scheduled := sched[c.norm]
		if c.kind == kindStart && scheduled {
			t.Prev = &prevVisit{Interval: e.Interval, Visits: e.Visits}
		}
		if c.kind == kindStart && !r.c.opt.Complete && fetched {
			t.Listing = knownListing(prev, false)
		}
		if c.kind == kindPage && !r.c.opt.Complete {
			due, stored := false, false
			if scheduled {
				due, stored = r.scheduledDue(c, e), fetched && prev.IsArticle
			} else {
				due, stored = r.due(prev, fetched, c.lastmod)
			}
			if !due {
				skipped++
				r.notDue.add(c.norm)
				continue
			}
			if scheduled {
				t.Prev = &prevVisit{Interval: e.Interval, Visits: e.Visits}
			}
			if c.hub && fetched {
				t.Listing = knownListing(prev, true)
			}
			if fetched && prev.IsArticle {
				t.PrevHash = prev.ContentHash
			}
			// A page fetched before is fetched again conditionally; its
			// validators travel with the queued request (a stored
			// article's with its hash). Without the revisit schedule only
			// stored articles are: a listing's links are what the round
			// needs, and a 304 has none.
			answered := fetched && (prev.Status == http.StatusOK || prev.Status == http.StatusNotModified) && prev.Err == ""
			if answered && (prev.ETag != "" || prev.LastModified != "") && (stored && prev.ContentHash != "" || scheduled && !prev.IsArticle) {
				t.ETag, t.LastModified, t.ContentType = prev.ETag, prev.LastModified, prev.ContentType
				if stored {
					t.Hash = prev.ContentHash
				}
			}
		}
		cctx := colly.NewContext()
		t.put(cctx)
		req := &colly.Request{URL: c.u, Method: http.MethodGet, Depth: c.depth, Ctx: cctx, Headers: &http.Header{}}
		b, err := req.Marshal()
		if err != nil {
			return 0, r.notQueued(err)
		}
		path := *c.u
		path.RawQuery, path.ForceQuery = "", false
		qe := storage.QueueEntry{Site: r.site.Name, URL: c.norm, Path: path.String(), Query: c.u.RawQuery != "", Request: b}
		if c.kind == kindPage {
			qe.MaxQueryVariants = r.site.MaxQueryVariants
		}
		entries = append(entries, qe)
		isNew = append(isNew, c.kind == kindPage && !scheduled && !fetched)
	}
	results, err := r.frontier.Enqueue(r.dbctx, entries...)
	if err != nil {
		return 0, r.notQueued(err)
	}
	queued, traps := 0, 0
	for i, res := range results {
		if res != storage.OverCap {
			r.known.add(entries[i].URL)
		}
		switch res {
		case storage.Queued:
			queued++
			if isNew[i] {
				newLinks++
			}
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
	return newLinks, first
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

// maxURLLength is the longest URL queued.
const maxURLLength = 2000
