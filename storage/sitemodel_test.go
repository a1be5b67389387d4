package storage

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestSiteModelRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		if _, ok, err := s.LoadSiteModel(ctx, "a"); ok || err != nil {
			t.Fatalf("no model yet: ok %v err %v", ok, err)
		}
		m := SiteModel{Site: "a", StartedAt: t0, Pages: 40, ArticlePages: 30,
			Blocks: []ModelBlock{
				{Key: 1<<63 | 5, Pages: 30, Sample: "Chào mừng bà con", LastRun: 2, Applied: true}, // a key above MaxInt64
				{Key: 7, Slot: true, Pages: 29, Sample: "div.bai>ul>li", LastRun: 2},
				{Key: 9, Title: true, Pages: 3, Sample: "title: Lịch cắt điện ngày 12/10", LastRun: 1},
			},
			Paths: []ModelPath{{Path: "div.bai", Articles: 30, LastRun: 2}, {Path: "div.ds", Listings: 10, LastRun: 1}},
		}
		if err := s.SaveSiteModel(ctx, m, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.LoadSiteModel(ctx, "a")
		if err != nil || !ok {
			t.Fatalf("load: %v %v", ok, err)
		}
		if !got.StartedAt.Equal(t0) || got.Pages != 40 || got.ArticlePages != 30 || len(got.Blocks) != 3 || len(got.Paths) != 2 {
			t.Fatalf("loaded %+v", got)
		}
		if got.Blocks[0] != m.Blocks[0] || got.Blocks[1] != m.Blocks[1] || got.Blocks[2] != m.Blocks[2] { // keys above MaxInt64 survive (stored as negative integers)
			t.Errorf("blocks %+v", got.Blocks)
		}
		// Saving again replaces; started_at stays the first.
		m.StartedAt, m.Blocks, m.Paths = t0.Add(24*time.Hour), m.Blocks[:1], nil
		if err := s.SaveSiteModel(ctx, m, t0.Add(25*time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, _, _ = s.LoadSiteModel(ctx, "a")
		if !got.StartedAt.Equal(t0) || len(got.Blocks) != 1 || len(got.Paths) != 0 {
			t.Errorf("after a second save %+v", got)
		}
		sizes, err := s.ModelSizes(ctx)
		if err != nil || len(sizes) != 1 || sizes[0] != (ModelSize{Site: "a", Blocks: 1, Bytes: 26 + int64(len("Chào mừng bà con"))}) {
			t.Errorf("sizes %+v %v", sizes, err)
		}
	})
}

// EachCurrentArticle reads in batches: it sees every URL once, its latest
// version, even while fn writes revisions.
func TestEachCurrentArticleWhileRevising(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		n := currentBatch*2 + 17
		for i := 0; i < n; i++ {
			u := fmt.Sprintf("http://a/%04d", i)
			if _, err := s.SaveArticle(ctx, art(fmt.Sprintf("old%d", i), "a", u, t0)); err != nil {
				t.Fatal(err)
			}
			if i%3 == 0 { // a later version fetched from the site
				if _, err := s.SaveArticle(ctx, art(fmt.Sprintf("new%d", i), "a", u, t0.Add(time.Hour))); err != nil {
					t.Fatal(err)
				}
			}
		}
		seen := 0
		err := s.EachCurrentArticle(ctx, "a", func(c CurrentArticle) error {
			var i int
			fmt.Sscanf(c.URL, "http://a/%d", &i)
			want := fmt.Sprintf("old%d", i)
			if i%3 == 0 {
				want = fmt.Sprintf("new%d", i)
			}
			if c.ContentHash != want || c.Text != "Nội dung "+want || c.PublishedAt == nil {
				t.Errorf("%s: current %s, want %s", c.URL, c.ContentHash, want)
			}
			seen++
			a := art("rev"+want, "a", c.URL, t0)
			_, err := s.ReviseArticle(ctx, a, c.ContentHash, "test")
			return err
		})
		if err != nil || seen != n {
			t.Fatalf("saw %d of %d: %v", seen, n, err)
		}
		// Now the revisions are current.
		err = s.EachCurrentArticle(ctx, "a", func(c CurrentArticle) error {
			if c.ContentHash[:3] != "rev" {
				t.Errorf("%s: current %s after revision", c.URL, c.ContentHash)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// A revision replaces the version it was derived from: same sightings,
// the reason kept, the old version out of exports, the last fetch pointing
// at it (a 304 confirms the revision); fetching the old text again from the
// site brings it back.
func TestReviseArticle(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		a := art("h1", "a", "http://a/1", t0)
		if _, err := s.SavePage(ctx, Page{Article: &a, Fetch: Fetch{URL: "http://a/1", Site: "a", Status: 200, FetchedAt: t0, IsArticle: true, ContentHash: "h1", ETag: `"v1"`}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SavePage(ctx, Page{NotModified: true, Fetch: Fetch{URL: "http://a/1", Site: "a", Status: 304, FetchedAt: t0.Add(time.Hour), IsArticle: true, ContentHash: "h1"}}); err != nil {
			t.Fatal(err)
		}
		rev := art("h2", "a", "http://a/1", time.Time{})
		res, err := s.ReviseArticle(ctx, rev, "h1", "site model: removed 2 repeated blocks")
		if err != nil || res != Changed {
			t.Fatalf("revise: %v %v", res, err)
		}
		var first, last, reason string
		s.db.QueryRow(`SELECT first_seen_at, last_seen_at, reason FROM article_urls WHERE content_hash = 'h2'`).Scan(&first, &last, &reason)
		if first != fmtTime(t0) || last != fmtTime(t0.Add(time.Hour)) || reason != "site model: removed 2 repeated blocks" {
			t.Errorf("revision row: %s %s %q", first, last, reason)
		}
		if got := exported(t, s); got != "h2" {
			t.Errorf("exported %q, want only the revision", got)
		}
		vs, err := s.URLVersions(ctx, "http://a/1")
		if err != nil || len(vs) != 2 || vs[0].ContentHash != "h1" || vs[0].RevisedTo != "h2" || vs[1].ContentHash != "h2" || vs[1].Reason == "" || vs[1].RevisedTo != "" {
			t.Errorf("versions %+v %v", vs, err)
		}
		f, _, _ := s.LastFetch(ctx, "http://a/1")
		if f.ContentHash != "h2" {
			t.Errorf("last fetch points at %s", f.ContentHash)
		}
		if _, err := s.SavePage(ctx, Page{NotModified: true, Fetch: Fetch{URL: "http://a/1", Site: "a", Status: 304, FetchedAt: t0.Add(2 * time.Hour), IsArticle: true, ContentHash: f.ContentHash}}); err != nil {
			t.Fatal(err)
		}
		s.db.QueryRow(`SELECT last_seen_at FROM article_urls WHERE content_hash = 'h2'`).Scan(&last)
		if last != fmtTime(t0.Add(2*time.Hour)) {
			t.Errorf("a 304 after the revision did not confirm it: %s", last)
		}
		if _, err := s.ReviseArticle(ctx, art("h3", "a", "http://a/1", time.Time{}), "h9", "x"); err == nil {
			t.Error("revising a version that is not stored succeeded")
		}
		// The site serves the old text again (the model was switched off).
		if _, err := s.SaveArticle(ctx, art("h1", "a", "http://a/1", t0.Add(3*time.Hour))); err != nil {
			t.Fatal(err)
		}
		if got := exported(t, s); got != "h1,h2" {
			t.Errorf("exported %q after the old text was fetched again", got)
		}
	})
}

func exported(t *testing.T, s *Store) string {
	t.Helper()
	var got string
	err := s.EachArticle(context.Background(), Filter{}, func(r Record) error {
		if got != "" {
			got += ","
		}
		got += r.ContentHash
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}
