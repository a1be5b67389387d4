package storage

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Articles list newest first by date or by discovery, of a site or all,
// without the versions the site model replaced; one article reads back
// with the URLs where it is current and every sighting, replaced ones
// included.
func TestListAndReadArticles(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := searchStore(t)
		hashes := func(hs []SearchHit) string {
			var out []string
			for _, h := range hs {
				out = append(out, h.ContentHash)
			}
			return strings.Join(out, " ")
		}
		n, all, err := s.ListArticles(ctx, "", false, 10, 0)
		if err != nil || n != 4 || hashes(all) != "h-body h-other h-title h-new" {
			t.Fatalf("by date: %d %s %v", n, hashes(all), err)
		}
		if _, byFirst, _ := s.ListArticles(ctx, "", true, 10, 0); hashes(byFirst) != "h-other h-body h-title h-new" && hashes(byFirst) != "h-other h-body h-new h-title" {
			t.Errorf("by first sight: %s", hashes(byFirst))
		}
		if n, page, _ := s.ListArticles(ctx, "phuong-a", false, 2, 1); n != 3 || hashes(page) != "h-title h-new" {
			t.Errorf("a site's second page: %d %s", n, hashes(page))
		}
		old, ok, err := s.ArticleByHash(ctx, "h-old")
		if err != nil || !ok || len(old.URLs) != 0 || old.Title != "Thu hồi đất (bản cũ)" {
			t.Fatalf("a replaced version: %+v %v %v", old, ok, err)
		}
		sightings, _ := s.Sightings(ctx, "h-old")
		if len(sightings) != 1 || sightings[0].RevisedTo != "h-new" || sightings[0].URL != "http://a/3" {
			t.Errorf("sightings of the replaced version: %+v", sightings)
		}
		cur, ok, _ := s.ArticleByHash(ctx, "h-new")
		if !ok || strings.Join(cur.URLs, " ") != "http://a/3" {
			t.Errorf("the current version: %+v", cur)
		}
		if _, ok, err := s.ArticleByHash(ctx, "nope"); ok || err != nil {
			t.Errorf("an unknown hash: %v %v", ok, err)
		}
		if names, err := s.SiteNames(ctx); err != nil || strings.Join(names, " ") != "phuong-a xa-b" {
			t.Errorf("site names: %v %v", names, err)
		}
	})
}

// An alert's deliveries for a run are recorded once; a retry adds its
// attempts and keeps the last outcome.
func TestRecordAlert(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		at := time.Date(2026, 11, 30, 9, 0, 0, 0, vietnam)
		s.RecordAlert(ctx, AlertDelivery{Alert: "dat", RunID: 7, Articles: 3, Attempts: 4, Status: 500, Error: "the webhook answered 500", At: at})
		s.RecordAlert(ctx, AlertDelivery{Alert: "dat", RunID: 7, Articles: 3, Attempts: 1, Status: 200, At: at.Add(time.Hour)})
		s.RecordAlert(ctx, AlertDelivery{Alert: "dien", RunID: 8, Articles: 1, Attempts: 1, Status: 200, At: at})
		ds, err := s.AlertDeliveries(ctx, 7)
		if err != nil || len(ds) != 1 || ds[0].Attempts != 5 || ds[0].Error != "" || ds[0].Status != 200 || !ds[0].At.Equal(at.Add(time.Hour)) {
			t.Fatalf("%+v %v", ds, err)
		}
	})
}

// A site's figures, read through indexes: its current articles (a
// revised version counts once, as the listing shows it), the URLs, the
// fetches and failed ones; an unknown site is not ok.
func TestSiteStats(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := searchStore(t)
		for _, f := range []Fetch{
			{Site: "phuong-a", URL: "http://a/1", Status: 200, FetchedAt: t0},
			{Site: "phuong-a", URL: "http://a/9", Status: 404, FetchedAt: t0},
		} {
			if _, err := s.SavePage(ctx, Page{Fetch: f}); err != nil {
				t.Fatal(err)
			}
		}
		st, ok, err := s.SiteStats(ctx, "phuong-a")
		total, _, _ := s.ListArticles(ctx, "phuong-a", false, 1, 0)
		if err != nil || !ok || st.Articles != 3 || st.Articles != total || st.URLs != 4 || st.Pages != 2 || st.Errors != 1 {
			t.Errorf("%+v %v %v (listing %d)", st, ok, err, total)
		}
		if _, ok, err := s.SiteStats(ctx, "xa-khong-co"); ok || err != nil {
			t.Errorf("unknown site: %v %v", ok, err)
		}
	})
}
