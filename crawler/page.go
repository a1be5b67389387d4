package crawler

import (
	"encoding/json"
	"net/url"

	"github.com/gocolly/colly/v2"
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
	"golang.org/x/net/html"
)

// save stores a page with its fetch and marks it done in the round, in one
// transaction; a store error stops the site.
func (r *siteRun) save(resp *colly.Response, p storage.Page) (storage.SaveResult, bool) {
	p, ok := r.prepare(resp, p)
	if !ok {
		return storage.Unchanged, false
	}
	return r.commit(p)
}

// prepare ties a page to its request: the URL claimed from the frontier
// and, when recording, the archive record that holds it. It is false when
// the archive can no longer be written (the site stops).
func (r *siteRun) prepare(resp *colly.Response, p storage.Page) (storage.Page, bool) {
	p.RequestURL = queuedURL(resp)
	p.Visit = visitOf(ticketOf(resp.Ctx), resp.Request.Depth, p.Fetch)
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

// commit stores a prepared page and counts it. (A page held back was
// counted when it was held, and is stored by releaseHeld.)
func (r *siteRun) commit(p storage.Page) (storage.SaveResult, bool) {
	r.revisit(&p)
	res, err := r.pages.SavePage(r.dbctx, p)
	if err != nil {
		r.fail(err)
		return res, false
	}
	// A page is a recorded fetch, answered or not: the figure stats shows
	// from the fetches table (errors are a part of it).
	r.count(func(s *storage.RunSiteStats) { s.PagesFetched++ })
	return res, true
}

// store commits an extracted page and counts its article, or the page's
// rejection when it reads like an article (why: the decision).
func (r *siteRun) store(p storage.Page, why *parsers.Explanation) {
	if res, ok := r.commit(p); ok {
		r.tally(p, why, res)
	}
}

// tally counts a stored page's article, or its rejection when it reads
// like an article (why: the decision).
func (r *siteRun) tally(p storage.Page, why *parsers.Explanation, res storage.SaveResult) {
	if p.Article == nil && why.LooksLikeArticle() {
		r.noteRejected(why.ReasonKind(), p.Fetch.URL)
	}
	if p.Article != nil {
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
	if err := r.frontier.MarkDone(r.dbctx, r.site.Name, u); err != nil {
		r.fail(err)
	}
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
			Title: art.Title, Text: art.Text, PublishedAt: art.PublishedAt, Author: art.Author, Lang: art.Lang, SeenAt: f.FetchedAt, Slots: art.Slots, RunID: f.RunID}
	}
	return page
}
