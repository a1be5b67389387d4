package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"golang.org/x/net/html"

	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// The crawler's side of the site model (parsers.SiteModel). For each site
// with site_model on, a run:
//
//  1. loads the site's model from the store (or starts one);
//  2. observes every HTML page it fetches for the first time since the
//     model started (a page is observed once, ever: the queued request
//     says whether its last fetch came after the model's start);
//  3. while the model of a new site (one whose stored model is not yet
//     trusted) has counted fewer than learnArticles articles, holds
//     back the pages it fetches (their drafts, fetch and capture),
//     neither extracting them for good nor marking them done, so the first
//     article of a new site is cleaned with the same model as the last;
//     the held pages are extracted and stored when the model has learnt
//     enough, when the hold reaches its bounds, or when the round ends or
//     stops (an interrupted run loses nothing);
//  4. at the end of the run, when the model's chrome has grown, cleans the
//     site's stored articles of it (CleanText): each one whose text changes
//     gets a new version, with the reason;
//  5. saves the model.
const (
	// learnArticles is how many article pages the model counts before the
	// pages held back are extracted: three times the trust minimum, so a
	// block that is chrome at the first extraction stays chrome.
	learnArticles = 3 * parsers.ModelMinArticles
	// maxHeldPages and maxHeldBytes bound the pages a site holds back.
	maxHeldPages = 512
	maxHeldBytes = 8 << 20
	// modelSaveEvery: a long run saves the model after this many newly
	// observed pages (none held), so a killed run keeps most of it.
	modelSaveEvery = 500
)

// ModelStore keeps the site models, and revises stored articles with them.
type ModelStore interface {
	LoadSiteModel(ctx context.Context, site string) (storage.SiteModel, bool, error)
	SaveSiteModel(ctx context.Context, m storage.SiteModel, at time.Time) error
	EachCurrentArticle(ctx context.Context, site string, fn func(storage.CurrentArticle) error) error
	ReviseArticle(ctx context.Context, a storage.Article, from, reason string) (storage.SaveResult, error)
}

// siteModel is a site's model during a run.
type siteModel struct {
	mu        sync.RWMutex // extraction reads m; observing and holding write
	m         *parsers.SiteModel
	startedAt time.Time
	unsaved   int // pages observed since the last save

	learning  bool       // pages are held back
	release   sync.Mutex // one release of the held pages at a time
	heldPages int        // held now (in the store)
	heldBytes int64      // their compressed bodies
	peakPages int
	peakBytes int64
}

// ModelFromStore makes the live model of a stored one.
func ModelFromStore(sm storage.SiteModel) *parsers.SiteModel {
	m := parsers.NewSiteModel()
	m.Pages, m.ArticlePages = sm.Pages, sm.ArticlePages
	for _, b := range sm.Blocks {
		m.Blocks[b.Key] = &parsers.ModelBlock{Pages: b.Pages, Slot: b.Slot, Title: b.Title, Sample: b.Sample, LastRun: b.LastRun, Applied: b.Applied}
	}
	for _, p := range sm.Paths {
		m.Paths[p.Path] = &parsers.TemplatePath{Articles: p.Articles, Listings: p.Listings, LastRun: p.LastRun}
	}
	return m
}

// ModelToStore is the stored form of a live model.
func ModelToStore(site string, startedAt time.Time, m *parsers.SiteModel) storage.SiteModel {
	sm := storage.SiteModel{Site: site, StartedAt: startedAt, Pages: m.Pages, ArticlePages: m.ArticlePages}
	for k, b := range m.Blocks {
		sm.Blocks = append(sm.Blocks, storage.ModelBlock{Key: k, Slot: b.Slot, Title: b.Title, Pages: b.Pages, Sample: b.Sample, LastRun: b.LastRun, Applied: b.Applied})
	}
	for p, t := range m.Paths {
		sm.Paths = append(sm.Paths, storage.ModelPath{Path: p, Articles: t.Articles, Listings: t.Listings, LastRun: t.LastRun})
	}
	return sm
}

// loadModel starts the run's site model (site_model on). Pages a killed
// run held back are still held: the hold goes on, and those the model had
// not seen are observed again (the killed run's model was not saved).
func (r *siteRun) loadModel() error {
	if !r.site.SiteModel {
		return nil
	}
	sm, ok, err := r.models.LoadSiteModel(r.dbctx, r.site.Name)
	if err != nil {
		return err
	}
	md := &siteModel{m: parsers.NewSiteModel(), startedAt: r.c.opt.Now()}
	if ok {
		md.m, md.startedAt = ModelFromStore(sm), sm.StartedAt
	}
	if md.heldPages, md.heldBytes, err = r.pages.HeldPages(r.dbctx, r.site.Name); err != nil {
		return err
	}
	md.peakPages, md.peakBytes = md.heldPages, md.heldBytes
	// A new site's pages are held until the model has learnt it; a site
	// whose stored model is trusted already is not new: its pages are
	// extracted as they come, however few articles it has (a site of 20
	// held every page of every run, each written twice).
	md.learning = md.m.ArticlePages < learnArticles && !(ok && md.m.Trusted()) || md.heldPages > 0
	r.model = md
	if md.heldPages == 0 {
		return nil
	}
	r.log.Info("site model: pages an earlier run held back are held still", "pages", md.heldPages)
	return r.pages.EachHeldPage(r.dbctx, r.site.Name, func(h storage.HeldPage) error {
		if h.Seen {
			return nil
		}
		d, err := decodeDraft(h.Draft)
		if err != nil {
			return nil // released as an error later
		}
		md.m.Observe(d.Observation(r.options(md.m)), r.runID)
		md.unsaved++
		return nil
	})
}

// encodeDraft is a draft as held_pages keeps it: its binary form
// (parsers.Draft.MarshalBinary). Not compressed: gzip made a held
// draft's bytes two thirds as many at twenty times the cost of encoding
// and decoding them (BenchmarkHeldDraft), for rows kept only until the
// site model has learnt the site.
func encodeDraft(d *parsers.Draft) ([]byte, error) { return d.MarshalBinary() }

// decodeDraft reads what encodeDraft wrote, or a draft an earlier
// wardcrawl held as gzipped JSON.
func decodeDraft(b []byte) (*parsers.Draft, error) {
	d := &parsers.Draft{}
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b { // gzip: the JSON of before
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		if err := json.NewDecoder(zr).Decode(d); err != nil {
			return nil, err
		}
		return d, nil
	}
	if err := d.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return d, nil
}

// observed reports whether the model has seen a page, by its last fetch:
// a page answered since the model started was observed then.
func (md *siteModel) observed(prev storage.Fetch, fetched bool) bool {
	return fetched && !prev.FetchedAt.Before(md.startedAt) &&
		(prev.Status == http.StatusOK || prev.Status == http.StatusNotModified)
}

// finish completes a page's draft with the site's model as it stands.
func (r *siteRun) finish(f storage.Fetch, d *parsers.Draft) (storage.Page, parsers.Article) {
	var m *parsers.SiteModel
	if r.model != nil {
		r.model.mu.RLock()
		defer r.model.mu.RUnlock()
		m = r.model.m
	}
	art := d.Finish(r.options(m))
	return pageOf(r.site, f, art), art
}

// extractAndStore extracts an HTML page and stores it, or, while the model
// learns, observes it and holds its draft back.
func (r *siteRun) extractAndStore(resp *colly.Response, f storage.Fetch, doc *html.Node) {
	pageURL, _ := url.Parse(f.URL)
	d := parsers.ExtractDraft(doc, pageURL, siteOptions(r.site, f.URL, nil))
	md := r.model
	if md == nil {
		page, art := r.finish(f, d)
		if p, ok := r.prepare(resp, page); ok {
			r.store(p, art.Explain)
		}
		return
	}
	md.mu.Lock()
	seen := ticketOf(resp.Ctx).Seen
	if !seen {
		md.m.Observe(d.Observation(r.options(md.m)), r.runID)
		md.unsaved++
	}
	if !md.learning {
		save := md.unsaved >= modelSaveEvery
		md.mu.Unlock()
		page, art := r.finish(f, d)
		if p, ok := r.prepare(resp, page); ok {
			r.store(p, art.Explain)
		}
		if save {
			r.saveModel()
		}
		return
	}
	// Learning: hold the page's draft back (in the store: memory does
	// not grow).
	if r.hold(resp, f, d, seen) { // (unlocks md.mu)
		r.releaseHeld()
	}
}

// hold stores a page held back, with md.mu held (and unlocks it); it
// reports whether the hold is over: the model has learnt the site, or the
// hold is full.
func (r *siteRun) hold(resp *colly.Response, f storage.Fetch, d *parsers.Draft, seen bool) (over bool) {
	md := r.model
	defer md.mu.Unlock()
	p, ok := r.prepare(resp, storage.Page{Fetch: f})
	if !ok {
		return false
	}
	p.Fetch.Decision = heldDecision
	enc, err := encodeDraft(d)
	if err == nil {
		err = r.pages.HoldPage(r.dbctx, storage.HeldPage{Page: p, Draft: enc, Seen: seen}, r.c.opt.Now())
	}
	if err != nil {
		r.fail(err)
		return false
	}
	md.heldPages++
	md.heldBytes += int64(len(enc))
	md.peakPages, md.peakBytes = max(md.peakPages, md.heldPages), max(md.peakBytes, md.heldBytes)
	r.count(func(s *storage.RunSiteStats) { s.PagesFetched++ })
	if md.m.ArticlePages < learnArticles && md.heldPages < maxHeldPages && md.heldBytes < maxHeldBytes {
		return false
	}
	if md.m.ArticlePages < learnArticles {
		r.log.Info("site model: hold full before it learnt the site; extracting the held pages now",
			"pages", md.heldPages, "bytes", md.heldBytes, "articles_counted", md.m.ArticlePages)
	}
	md.learning = false
	return true
}

// heldDecision is the decision a held page's fetch shows until it is
// extracted.
const heldDecision = `{"decision":"held","reason":"held back while the site model learns the site; extracted when it has"}`

// releaseHeld extracts and stores the site's held pages with the model as
// it stands, releaseBatch pages a write: a small site's pages are all held
// until its run ends, and with a commit each their release took 6.4 of a
// 500-site crawl's 32 CPU-seconds (3.5 in batches).
func (r *siteRun) releaseHeld() {
	md := r.model
	md.release.Lock()
	defer md.release.Unlock()
	type released struct {
		page  storage.Page
		why   *parsers.Explanation
		bytes int
	}
	var batch []released
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		pages := make([]storage.Page, len(batch))
		for i := range batch {
			r.revisit(&batch[i].page)
			pages[i] = batch[i].page
		}
		res, err := r.pages.SavePages(r.dbctx, pages)
		if err != nil {
			batch = nil
			r.fail(err)
			return errStopped
		}
		var bytes int64
		for i, b := range batch {
			r.tally(b.page, b.why, res[i])
			bytes += int64(b.bytes)
		}
		md.mu.Lock()
		md.heldPages -= len(batch)
		md.heldBytes -= bytes
		md.mu.Unlock()
		batch = batch[:0]
		return nil
	}
	err := r.pages.EachHeldPage(r.dbctx, r.site.Name, func(h storage.HeldPage) error {
		if r.stopped() {
			return errStopped
		}
		rel := released{bytes: len(h.Draft)}
		if d, err := decodeDraft(h.Draft); err != nil {
			rel.page = h.Page
			rel.page.Fetch.Err, rel.page.Fetch.Decision = "held page: "+err.Error(), ""
			r.count(func(s *storage.RunSiteStats) { s.Errors++ })
		} else {
			page, art := r.finish(h.Page.Fetch, d)
			page.RequestURL, page.Capture, page.Visit, page.Held = h.Page.RequestURL, h.Page.Capture, h.Page.Visit, true
			rel.page, rel.why = page, art.Explain
		}
		batch = append(batch, rel)
		if len(batch) < releaseBatch {
			return nil
		}
		return flush()
	})
	if err == nil || err == errStopped && !r.failed() { // what was extracted before a stop is stored
		if ferr := flush(); ferr != nil {
			err = ferr
		}
	}
	if err != nil && err != errStopped {
		r.fail(err)
	}
}

// releaseBatch is how many held pages releaseHeld stores in one write.
const releaseBatch = 32

var errStopped = errors.New("site stopped")

// releaseAll ends the hold at the end of the run, interrupted or not: the
// fetched pages are stored, not fetched again.
func (r *siteRun) releaseAll() {
	md := r.model
	if md == nil {
		return
	}
	md.mu.Lock()
	md.learning = false
	n := md.heldPages
	md.mu.Unlock()
	if n > 0 && !r.stopped() {
		r.log.Debug("site model: extracting the pages held back", "pages", n, "articles_counted", md.m.ArticlePages)
	}
	r.releaseHeld() // also waits for a release under way
}

// finishModel cleans the site's stored articles of chrome the model
// learnt since they were stored, then saves the model and reports its
// figures. An interrupted run saves the model and leaves the cleaning to
// the next one.
func (r *siteRun) finishModel(interrupted bool) {
	md := r.model
	if md == nil || r.failed() {
		return
	}
	if r.stopped() { // deferred: the model is saved unless pages are held (they are observed again)
		if md.heldPages == 0 && md.unsaved > 0 {
			r.saveModel()
		}
		return
	}
	if !interrupted && md.m.Trusted() && len(md.m.NewChrome()) > 0 {
		if err := r.reviseStored(); err != nil {
			r.fail(err)
			return
		}
		md.m.MarkApplied()
		md.unsaved++
	}
	if md.unsaved > 0 {
		r.saveModel()
	}
	r.mu.Lock()
	r.stats.ModelArticles, r.stats.ModelBlocks, r.stats.ModelChrome = md.m.ArticlePages, len(md.m.Blocks), md.m.ChromeBlocks()
	r.stats.HeldPeakPages, r.stats.HeldPeakBytes = md.peakPages, int64(md.peakBytes)
	r.mu.Unlock()
}

func (r *siteRun) saveModel() {
	md := r.model
	md.mu.Lock()
	sm := ModelToStore(r.site.Name, md.startedAt, md.m)
	md.unsaved = 0
	md.mu.Unlock()
	if err := r.models.SaveSiteModel(r.dbctx, sm, r.c.opt.Now()); err != nil {
		r.fail(err)
	}
}

// reviseStored applies the model to the site's stored articles: each whose
// text would change gets a new version saying why.
func (r *siteRun) reviseStored() error {
	m := r.model.m
	revised := 0
	err := r.models.EachCurrentArticle(r.dbctx, r.site.Name, func(c storage.CurrentArticle) error {
		text, slots, removed := m.CleanText(c.Title, c.Text, c.Slots)
		hash := parsers.ContentHash(text)
		if len(removed) == 0 || hash == c.ContentHash {
			return nil
		}
		a := storage.Article{ContentHash: hash, Site: r.site.Name, URL: c.URL, Title: c.Title, Text: text,
			PublishedAt: c.PublishedAt, Author: c.Author, Lang: c.Lang, Slots: slots}
		if _, err := r.models.ReviseArticle(r.dbctx, a, c.ContentHash, reviseReason(r.runID, removed)); err != nil {
			return err
		}
		revised++
		return nil
	})
	if revised > 0 {
		r.log.Info("site model: stored articles cleaned of blocks the site repeats", "revised", revised)
		r.count(func(s *storage.RunSiteStats) { s.ArticlesRevised += revised })
	}
	return err
}

// reviseReason words why a stored article got a new version.
func reviseReason(run int64, removed []parsers.RemovedBlock) string {
	var parts []string
	for i, b := range removed {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(removed)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("%q (on %d of %d article pages)", b.Text, b.Pages, b.Of))
	}
	return fmt.Sprintf("site model, run %d: removed %d block(s) the site repeats: %s", run, len(removed), strings.Join(parts, "; "))
}

// options are the parser's options to finish the site's drafts with (a
// draft keeps its own article_pattern verdict).
func (r *siteRun) options(m *parsers.SiteModel) parsers.Options {
	return siteOptions(r.site, "", m)
}
