package crawler

import (
	"encoding/json"

	"github.com/gocolly/colly/v2"
)

// ticket is what the crawler keeps with one request: typed, where colly's
// Context holds strings under keys. The part known when the URL is queued
// travels with the request into the frontier, as one JSON string in the
// Context (colly serializes the Context with the request); the rest is
// filled in while the request is fetched and lives only in memory.
type ticket struct {
	Kind string `json:"k"`           // request kind: kindStart, kindPage, …
	URL  string `json:"u"`           // the URL as queued, before redirects
	Seen bool   `json:"s,omitempty"` // the site model observed the page in an earlier fetch
	// A stored article's validators, hash and type, queued with its
	// conditional re-fetch.
	ETag         string `json:"e,omitempty"`
	LastModified string `json:"m,omitempty"`
	Hash         string `json:"h,omitempty"`
	ContentType  string `json:"t,omitempty"` // as queued: the stored copy's; after the headers: the response's
	// The revisit schedule: linked from a start page; the URL's schedule
	// row when it was queued; its article's hash before this visit.
	Hub      bool       `json:"hb,omitempty"`
	Prev     *prevVisit `json:"pv,omitempty"`
	PrevHash string     `json:"ph,omitempty"`
	// Listing: a start page, or a page one links, whose last extraction
	// found a listing on clear evidence (knownListing): its links are
	// followed, it is not extracted again.
	Listing bool `json:"l,omitempty"`

	attempt int  // retries so far
	status  int  // the response's status, once its headers came
	skipped bool // the body was not read: not HTML (or an asset)
	// newLinks counts the page's links to pages the site never saw.
	newLinks int
}

const (
	ticketKey  = "wc.ticket"   // the serialized part, in the Context
	ticketLive = "wc.ticket.p" // the decoded ticket, in the Context, in memory
)

// put attaches a new request's ticket to its Context, serialized only:
// the Context is serialized with the request into the frontier.
func (t *ticket) put(ctx *colly.Context) {
	b, _ := json.Marshal(t)
	ctx.Put(ticketKey, string(b))
}

// ticketOf is a request's ticket, decoded once from its Context. A request
// queued by an earlier version carries its fields under keys of their own;
// they are read.
func ticketOf(ctx *colly.Context) *ticket {
	if t, ok := ctx.GetAny(ticketLive).(*ticket); ok {
		return t
	}
	t := &ticket{}
	if s := ctx.Get(ticketKey); s != "" {
		json.Unmarshal([]byte(s), t)
	} else {
		t.Kind, t.URL = ctx.Get("wc.kind"), ctx.Get("wc.url")
		t.Seen = ctx.GetAny("wc.seen") == true
		t.ETag, t.LastModified = ctx.Get("wc.etag"), ctx.Get("wc.last-modified")
		t.Hash, t.ContentType = ctx.Get("wc.hash"), ctx.Get("wc.content-type")
	}
	if t.Kind == "" {
		t.Kind = kindPage
	}
	ctx.Put(ticketLive, t)
	return t
}

// Request kinds (a request's ticket says which).
const (
	kindStart   = "start"   // a configured start URL: fetched every round
	kindPage    = "page"    // a linked page
	kindSitemap = "sitemap" // a sitemap or sitemap index
	kindProbe   = "probe"   // /sitemap.xml, tried when robots.txt names no sitemap
	kindFeed    = "feed"    // an RSS or Atom feed
	kindAsset   = "asset"   // a page requisite (Options.Requisites): fetched, not parsed
)
