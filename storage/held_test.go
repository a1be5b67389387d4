package storage

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// A held page is fetched and done in the round at once; SavePage with
// Held stores its article, completes its fetch without counting it twice,
// ties its capture to the article and drops the held body.
func TestHoldAndRelease(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		if _, err := s.Enqueue(ctx, QueueEntry{Site: "a", URL: "http://a/1", Path: "http://a/1", Request: []byte("r")}); err != nil {
			t.Fatal(err)
		}
		f := Fetch{Site: "a", URL: "http://a/1", Status: 200, FetchedAt: t0, ContentType: "text/html", Bytes: 5, Decision: `{"decision":"held"}`}
		c := &Capture{RecordID: "<urn:uuid:1>", File: "a.warc.gz", Length: 10, Type: "response", At: t0}
		h := HeldPage{Page: Page{Fetch: f, RequestURL: "http://a/1", Capture: c}, Draft: []byte("gzip!"), Seen: true}
		if err := s.HoldPage(ctx, h, t0); err != nil {
			t.Fatal(err)
		}
		if n, b, err := s.HeldPages(ctx, "a"); n != 1 || b != 5 || err != nil {
			t.Fatalf("held: %d pages, %d bytes, %v", n, b, err)
		}
		if n, _ := s.QueueLen(ctx, "a"); n != 0 {
			t.Errorf("a held page is still queued")
		}
		var got []HeldPage
		if err := s.EachHeldPage(ctx, "a", func(h HeldPage) error { got = append(got, h); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !got[0].Seen || string(got[0].Draft) != "gzip!" || got[0].Page.RequestURL != "http://a/1" ||
			got[0].Page.Capture == nil || *got[0].Page.Capture != *c || !got[0].Page.Fetch.FetchedAt.Equal(t0) || !got[0].Page.Held {
			t.Fatalf("read back %+v", got)
		}
		p := got[0].Page
		a := art("h1", "a", "http://a/1", t0)
		p.Article, p.Fetch.IsArticle, p.Fetch.ContentHash, p.Fetch.Decision = &a, true, "h1", `{"decision":"article"}`
		if res, err := s.SavePage(ctx, p); err != nil || res != New {
			t.Fatalf("release: %v %v", res, err)
		}
		lf, _, _ := s.LastFetch(ctx, "http://a/1")
		if lf.Count != 1 || !lf.IsArticle || lf.ContentHash != "h1" || lf.Decision != `{"decision":"article"}` {
			t.Errorf("fetch after release %+v", lf)
		}
		if cs, _ := s.Captures(ctx, "h1"); len(cs) != 1 {
			t.Errorf("capture not tied to the article: %+v", cs)
		}
		if n, _, _ := s.HeldPages(ctx, "a"); n != 0 {
			t.Errorf("%d pages still held after release", n)
		}
	})
}

// EachHeldPage reads in batches while fn releases what it reads.
func TestEachHeldPageWhileReleasing(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		n := heldBatch*2 + 3
		for i := range n {
			u := fmt.Sprintf("http://a/%d", i)
			f := Fetch{Site: "a", URL: u, Status: 200, FetchedAt: t0.Add(time.Duration(i) * time.Second)}
			if err := s.HoldPage(ctx, HeldPage{Page: Page{Fetch: f, RequestURL: u}, Draft: []byte{1}}, t0); err != nil {
				t.Fatal(err)
			}
		}
		seen := 0
		err := s.EachHeldPage(ctx, "a", func(h HeldPage) error {
			if h.Page.Fetch.URL != fmt.Sprintf("http://a/%d", seen) {
				t.Errorf("page %d is %s: not in the order held", seen, h.Page.Fetch.URL)
			}
			seen++
			_, err := s.SavePage(ctx, h.Page)
			return err
		})
		if err != nil || seen != n {
			t.Fatalf("saw %d of %d: %v", seen, n, err)
		}
		if left, _, _ := s.HeldPages(ctx, "a"); left != 0 {
			t.Errorf("%d left", left)
		}
	})
}
