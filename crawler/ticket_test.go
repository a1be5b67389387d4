package crawler

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/gocolly/colly/v2"
)

// A ticket travels with its request through the frontier (colly's
// serialization) and comes back typed; a request an earlier version
// queued, with a key per field, is read too.
func TestTicketRoundTrip(t *testing.T) {
	u, _ := url.Parse("http://a/tin-tuc/1")
	ctx := colly.NewContext()
	(&ticket{Kind: kindPage, URL: u.String(), Seen: true, ETag: `"v1"`, Hash: "h1", ContentType: "text/html"}).put(ctx)
	b, err := (&colly.Request{URL: u, Method: http.MethodGet, Ctx: ctx, Headers: &http.Header{}}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	c := colly.NewCollector()
	req, err := c.UnmarshalRequest(b)
	if err != nil {
		t.Fatal(err)
	}
	got := ticketOf(req.Ctx)
	if got.Kind != kindPage || got.URL != u.String() || !got.Seen || got.ETag != `"v1"` || got.Hash != "h1" || got.ContentType != "text/html" {
		t.Errorf("ticket after the frontier: %+v", got)
	}
	got.attempt = 2
	if ticketOf(req.Ctx).attempt != 2 {
		t.Error("the ticket is decoded again: what the fetch learnt is lost")
	}
	old := colly.NewContext()
	old.Put("wc.kind", kindStart)
	old.Put("wc.url", "http://a/")
	old.Put("wc.etag", `"x"`)
	if o := ticketOf(old); o.Kind != kindStart || o.URL != "http://a/" || o.ETag != `"x"` {
		t.Errorf("an earlier version's request: %+v", o)
	}
	if ticketOf(colly.NewContext()).Kind != kindPage {
		t.Error("a request without a ticket is a page")
	}
}
