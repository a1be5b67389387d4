package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

func entry(site, url string) QueueEntry {
	return QueueEntry{Site: site, URL: url, Path: url, Request: []byte("req " + url)}
}

func claimAll(t *testing.T, s *Store, site string) []string {
	t.Helper()
	var got []string
	for {
		cs, err := s.Claim(context.Background(), site, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 {
			return got
		}
		for _, c := range cs {
			if string(c.Request) != "req "+c.URL {
				t.Fatalf("claim %s handed back %q", c.URL, c.Request)
			}
			got = append(got, c.URL)
		}
	}
}

func TestFrontierQueueOrderDedupAndCap(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		for _, u := range []string{"http://a/1", "http://a/2", "http://a/1"} {
			enqueue1(t, s, entry("a", u))
		}
		if r := enqueue1(t, s, entry("a", "http://a/2")); r != Duplicate {
			t.Errorf("second enqueue: %v", r)
		}
		if r := enqueue1(t, s, entry("b", "http://a/2")); r != Queued {
			t.Errorf("same URL, other site: %v", r) // rounds are per site
		}
		// Query variants of one path are capped.
		var capped int
		for i := 0; i < 10; i++ {
			e := entry("a", fmt.Sprintf("http://a/cal?d=%d", i))
			e.Path, e.Query, e.MaxQueryVariants = "http://a/cal", true, 3
			if enqueue1(t, s, e) == OverCap {
				capped++
			}
		}
		if capped != 7 {
			t.Errorf("capped %d of 10 variants with a cap of 3", capped)
		}
		if n, _ := s.QueueLen(ctx, "a"); n != 5 {
			t.Errorf("queue length %d", n)
		}
		got := claimAll(t, s, "a")
		want := []string{"http://a/1", "http://a/2", "http://a/cal?d=0", "http://a/cal?d=1", "http://a/cal?d=2"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("claimed %v", got)
		}
		// Claimed URLs are still known to the round.
		if r := enqueue1(t, s, entry("a", "http://a/1")); r != Duplicate {
			t.Errorf("enqueue of an in-flight URL: %v", r)
		}
	})
}

func TestFrontierResumeAfterCrash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		enqueue1(t, s, entry("a", fmt.Sprintf("http://a/%d", i)))
	}
	c1 := claim1(t, s, "a") // finished
	if _, err := s.SavePage(ctx, Page{RequestURL: c1.URL, Fetch: Fetch{Site: "a", URL: c1.URL + "?moved", Status: 200, FetchedAt: t0}}); err != nil {
		t.Fatal(err)
	}
	c2 := claim1(t, s, "a") // in flight when the process dies
	s.Close()               // as good as a crash: nothing else is written

	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := s.ResumeRound(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if r != (Round{Queued: 3, Requeued: 1, Done: 2}) || !r.Resumed() {
		t.Errorf("round %+v", r) // done: the page and its redirect target
	}
	got := claimAll(t, s, "a")
	if len(got) != 3 || got[0] != c2.URL {
		t.Errorf("resumed claims %v, want %s first", got, c2.URL)
	}
	for _, u := range []string{c1.URL, c1.URL + "?moved"} {
		if res := enqueue1(t, s, entry("a", u)); res != Duplicate {
			t.Errorf("%s queued again after it was done", u)
		}
	}
	if err := s.EndRound(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.ResumeRound(ctx, "a"); r.Resumed() {
		t.Errorf("ended round resumed: %+v", r)
	}
	if res := enqueue1(t, s, entry("a", c1.URL)); res != Queued {
		t.Errorf("a new round must queue %s again: %v", c1.URL, res)
	}
}

func TestSavePageIsOneTransaction(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		enqueue1(t, s, entry("a", "http://a/1"))
		claim1(t, s, "a")
		a := art("h1", "a", "http://a/1", t0)
		// A fetch row that breaks a constraint makes the whole page roll back.
		_, err := s.SavePage(ctx, Page{RequestURL: "http://a/1", Article: &a, Fetch: Fetch{URL: "http://a/1", Site: "a", Status: 200, FetchedAt: t0, RunID: 999}})
		if err == nil {
			t.Fatal("a fetch naming a run that does not exist was stored")
		}
		var n int
		s.db.QueryRow(`SELECT count(*) FROM articles`).Scan(&n)
		if n != 0 {
			t.Error("article stored although its page failed")
		}
		s.db.QueryRow(`SELECT state FROM frontier WHERE url = 'http://a/1'`).Scan(&n)
		if n != stateInFlight {
			t.Errorf("frontier state %d after a failed save", n)
		}
		res, err := s.SavePage(ctx, Page{RequestURL: "http://a/1", Article: &a, Fetch: Fetch{URL: "http://a/1", Site: "a", Status: 200, FetchedAt: t0, IsArticle: true, ContentHash: "h1", ETag: `"v1"`}})
		if err != nil || res != New {
			t.Fatalf("save: %v %v", res, err)
		}
		// 304: only last_seen_at moves.
		later := t0.Add(48 * time.Hour)
		res, err = s.SavePage(ctx, Page{NotModified: true, Fetch: Fetch{URL: "http://a/1", Site: "a", Status: 304, FetchedAt: later, IsArticle: true, ContentHash: "h1", ETag: `"v1"`}})
		if err != nil || res != Unchanged {
			t.Fatalf("304: %v %v", res, err)
		}
		var last, urlLast string
		s.db.QueryRow(`SELECT last_seen_at FROM articles WHERE content_hash = 'h1'`).Scan(&last)
		s.db.QueryRow(`SELECT last_seen_at FROM article_urls WHERE content_hash = 'h1'`).Scan(&urlLast)
		if last != fmtTime(later) || urlLast != fmtTime(later) {
			t.Errorf("last_seen_at %s / %s, want %s", last, urlLast, fmtTime(later))
		}
		f, ok, err := s.LastFetch(ctx, "http://a/1")
		if err != nil || !ok || f.Status != 304 || f.ContentHash != "h1" || !f.IsArticle || f.ETag != `"v1"` || !f.FetchedAt.Equal(later) {
			t.Errorf("last fetch %+v %v %v", f, ok, err)
		}
		if _, ok, _ := s.LastFetch(ctx, "http://a/never"); ok {
			t.Error("LastFetch found a URL never fetched")
		}
	})
}

func TestLockIsExclusiveAndReleasedWithTheFile(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.db")
	l1, err := Lock(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(ctx, db, false)
	var le *LockError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.Holder == "" {
		t.Fatalf("second lock: %v", err)
	}
	// --wait: blocks until the first holder lets go.
	got := make(chan error, 1)
	go func() {
		l, err := Lock(ctx, db, true)
		if err == nil {
			l.Unlock()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("waiting lock returned while held: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	l1.Unlock()
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	// A waiter gives up when its context ends.
	l3, _ := Lock(ctx, db, false)
	defer l3.Unlock()
	cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := Lock(cctx, db, true); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting lock after its context ended: %v", err)
	}
}

func TestAbortStaleRunsAndList(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		dead, _ := s.StartRun(ctx, []string{"a"}, t0)
		ok, _ := s.StartRun(ctx, []string{"a", "b"}, t0.Add(time.Hour))
		s.FinishRun(ctx, ok, "ok", t0.Add(2*time.Hour), []RunSiteStats{{Site: "a", PagesFetched: 3, ArticlesNew: 2}, {Site: "b", PagesFetched: 1}})
		if n, err := s.AbortStaleRuns(ctx); err != nil || n != 1 {
			t.Fatalf("aborted %d: %v", n, err)
		}
		runs, err := s.Runs(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) != 2 || runs[0].ID != ok || runs[0].PagesFetched != 4 || runs[0].ArticlesNew != 2 || len(runs[0].Sites) != 2 ||
			runs[1].ID != dead || runs[1].Status != "aborted" || runs[1].FinishedAt != nil || fmt.Sprint(runs[0].SiteNames) != "[a b]" {
			t.Errorf("runs: %+v", runs)
		}
		if runs, _ := s.Runs(ctx, 1); len(runs) != 1 {
			t.Errorf("limit 1 gave %d runs", len(runs))
		}
	})
}

// enqueue1 enqueues one entry and returns what became of it.
func enqueue1(t *testing.T, s *Store, e QueueEntry) EnqueueResult {
	t.Helper()
	r, err := s.Enqueue(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	return r[0]
}

func TestEnqueueBatch(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		enqueue1(t, s, entry("a", "http://a/old"))
		batch := []QueueEntry{entry("a", "http://a/1"), entry("a", "http://a/old"), entry("a", "http://a/1"), entry("b", "http://a/old")}
		for i := range 3 {
			e := entry("a", fmt.Sprintf("http://a/cal?d=%d", i))
			e.Path, e.Query, e.MaxQueryVariants = "http://a/cal", true, 2
			batch = append(batch, e)
		}
		got, err := s.Enqueue(ctx, batch...)
		if err != nil {
			t.Fatal(err)
		}
		want := []EnqueueResult{Queued, Duplicate, Duplicate, Queued, Queued, Queued, OverCap}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("results %v, want %v", got, want)
		}
		in, err := s.InRound(ctx, "a", []string{"http://a/1", "http://a/2", "http://a/old", "http://a/cal?d=2"})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(in) != "[true false true false]" {
			t.Errorf("in round: %v", in)
		}
		if in, _ := s.InRound(ctx, "b", []string{"http://a/1", "http://a/old"}); fmt.Sprint(in) != "[false true]" {
			t.Errorf("in round of b: %v", in)
		}
		if n, _ := s.QueueLen(ctx, "a"); n != 4 {
			t.Errorf("queue of a holds %d, want 4", n)
		}
	})
}

// claim1 claims one URL.
func claim1(t *testing.T, s *Store, site string) Claimed {
	t.Helper()
	cs, err := s.Claim(context.Background(), site, 1)
	if err != nil || len(cs) != 1 {
		t.Fatalf("claim: %v, %d claimed", err, len(cs))
	}
	return cs[0]
}
