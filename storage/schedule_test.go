package storage

import (
	"context"
	"testing"
	"time"
)

// A page's visit lands in its site's schedule with the page, in the same
// transaction; a later visit replaces it (keeping the shallowest depth);
// the schedule answers which URLs are due, which are not and when the
// soonest of those falls due, and lists them soonest first.
func TestScheduleKeepsEachURLsNextVisit(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		visit := func(url string, depth int, interval time.Duration, at time.Time) {
			t.Helper()
			enqueue1(t, s, entry("a", url))
			claim1(t, s, "a")
			v := Visit{Kind: "page", Depth: depth, At: at, Interval: interval, NextDue: at.Add(interval), Visits: 1, Status: 200, Reason: "first visit"}
			if _, err := s.SavePage(ctx, Page{RequestURL: url, Visit: &v, Fetch: Fetch{URL: url, Site: "a", Status: 200, FetchedAt: at}}); err != nil {
				t.Fatal(err)
			}
		}
		visit("http://a/list?page=1", 1, time.Hour, t0)
		visit("http://a/list?page=9", 3, 24*time.Hour, t0)
		visit("http://a/static", 1, 48*time.Hour, t0)
		got, err := s.ScheduledURLs(ctx, "a", []string{"http://a/list?page=9", "http://a/new", "http://a/static"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got["http://a/list?page=9"].Interval != 24*time.Hour || !got["http://a/static"].NextDue.Equal(t0.Add(48*time.Hour)) {
			t.Fatalf("scheduled: %+v", got)
		}
		// A second visit of page 9, found deeper, keeps depth 3.
		if _, err := s.SavePage(ctx, Page{RequestURL: "http://a/list?page=9", Visit: &Visit{Kind: "page", Depth: 5, At: t0.Add(time.Hour), Interval: 2 * time.Hour,
			NextDue: t0.Add(3 * time.Hour), Visits: 2, Reason: "nothing new"}, Fetch: Fetch{URL: "http://a/list?page=9", Site: "a", Status: 200, FetchedAt: t0.Add(time.Hour)}}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.ScheduledURLs(ctx, "a", []string{"http://a/list?page=9"})
		if e := got["http://a/list?page=9"]; e.Depth != 3 || e.Visits != 2 || e.Interval != 2*time.Hour || e.Reason != "nothing new" {
			t.Fatalf("after the second visit: %+v", e)
		}
		now := t0.Add(150 * time.Minute)
		at := DueAt{Now: now, ArticleCap: 720 * time.Hour, PageCap: 720 * time.Hour}
		sum, err := s.SummarizeSchedule(ctx, "a", at)
		if err != nil || sum.URLs != 3 || sum.Due != 1 || !sum.NextDue.Equal(t0.Add(3*time.Hour)) {
			t.Fatalf("summary %+v %v", sum, err)
		}
		var due []string
		if err := s.EachDue(ctx, "a", at, func(e Scheduled) error { due = append(due, e.URL); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(due) != 1 || due[0] != "http://a/list?page=1" {
			t.Fatalf("due at %s: %v", now, due)
		}
		// A cap lowered below a URL's interval makes it due once its last
		// visit is older than the cap (static: 150 minutes), in SQL as in Due;
		// page 9, visited an hour after the others, is not.
		at.PageCap = 2 * time.Hour
		due = nil
		s.EachDue(ctx, "a", at, func(e Scheduled) error {
			if !at.Due(e) {
				t.Errorf("%s listed as due, Due says not", e.URL)
			}
			due = append(due, e.URL)
			return nil
		})
		if len(due) != 2 || due[1] != "http://a/static" {
			t.Fatalf("with a 2h cap, due: %v", due)
		}
		if sum, _ := s.SummarizeSchedule(ctx, "a", at); sum.Due != 2 || !sum.NextDue.Equal(t0.Add(3*time.Hour)) {
			t.Fatalf("with a 2h cap: %+v", sum)
		}
		var all []string
		s.EachScheduled(ctx, "a", func(e Scheduled) error { all = append(all, e.URL); return nil })
		if len(all) != 3 || all[0] != "http://a/list?page=1" || all[2] != "http://a/static" {
			t.Fatalf("soonest first: %v", all)
		}
	})
}

// EachDue pages through more rows than one batch holds, each once.
func TestEachDueBatches(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		err := s.tx(ctx, func(tx conn) error {
			for i := range 1203 {
				at := t0.Add(time.Duration(i%7) * time.Second)
				if err := scheduleVisit(ctx, tx, "a", "http://a/p"+time.Duration(i).String(), Visit{Kind: "page", At: at, NextDue: at}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		s.EachDue(ctx, "a", DueAt{Now: t0.Add(time.Hour), ArticleCap: time.Hour, PageCap: time.Hour}, func(e Scheduled) error {
			if seen[e.URL] {
				t.Fatalf("%s twice", e.URL)
			}
			seen[e.URL] = true
			return nil
		})
		if len(seen) != 1203 {
			t.Fatalf("%d of 1203 due URLs listed", len(seen))
		}
	})
}
