package storage

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
)

// TestGroupCommitIsolatesEachWrite queues writes behind a leader that is
// still committing, so they share the next transaction: each commits or
// fails on its own, and a failing one leaves none of its rows.
func TestGroupCommitIsolatesEachWrite(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		var wg sync.WaitGroup
		release := holdLeader(s, &wg, func(tx conn) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO sites(name, first_seen_at) VALUES ('lead', 'x')`)
			return err
		})
		t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, vietnam)
		results := make([]error, 4)
		for i := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := art(fmt.Sprintf("h%d", i), "a", fmt.Sprintf("http://a/%d", i), t0)
				f := Fetch{URL: a.URL, Site: "a", Status: 200, FetchedAt: t0, IsArticle: true, ContentHash: a.ContentHash}
				if i == 2 {
					f.RunID = 999 // no such run: the fetch breaks a foreign key, after its article was written
				}
				_, results[i] = s.SavePage(ctx, Page{RequestURL: a.URL, Article: &a, Fetch: f})
			}()
		}
		for s.pendingWrites() < 4 {
			time.Sleep(time.Millisecond)
		}
		close(release)
		wg.Wait()
		for i, err := range results {
			if (err != nil) != (i == 2) {
				t.Errorf("write %d: %v", i, err)
			}
		}
		var arts, fetches, done int
		s.db.QueryRow(`SELECT count(*) FROM articles`).Scan(&arts)
		s.db.QueryRow(`SELECT count(*) FROM fetches`).Scan(&fetches)
		s.db.QueryRow(`SELECT count(*) FROM frontier WHERE state = 2`).Scan(&done)
		if arts != 3 || fetches != 3 || done != 3 {
			t.Errorf("%d articles, %d fetches, %d done after 3 good writes and 1 bad", arts, fetches, done)
		}
		var leader int
		s.db.QueryRow(`SELECT count(*) FROM sites WHERE name = 'lead'`).Scan(&leader)
		if leader != 1 {
			t.Error("the leader's own write was lost")
		}
		// The search indexes hold the three articles that stand, and
		// nothing of the one undone.
		if v, err := s.IntegrityCheck(ctx); err != nil || v != "ok" {
			t.Errorf("integrity after the batch: %q, %v", v, err)
		}
		for q, want := range map[string]int{"h1": 1, "h3": 1, "h2": 0} {
			if n, _, err := s.Search(ctx, SearchQuery{Query: mustQuery(t, q)}); err != nil || n != want {
				t.Errorf("search %s: %d hits, %v; want %d", q, n, err, want)
			}
		}
	})
}

func mustQuery(t *testing.T, q string) textsearch.Query {
	t.Helper()
	pq, err := textsearch.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	return pq
}

// TestGroupCommitFailsEveryWriteOfAFailedCommit: when the transaction
// itself cannot be had, every write in it says so.
func TestGroupCommitFailsEveryWriteOfAFailedCommit(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		s.db.Close() // every transaction now fails to begin
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.MarkDone(ctx, "a", fmt.Sprintf("http://a/%d", i))
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err == nil || !strings.Contains(err.Error(), "database is closed") {
				t.Errorf("write %d: %v", i, err)
			}
		}
	})
}

func TestLastFetchesAndStatementsPrepareOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, vietnam)
		for i := range 3 {
			u := fmt.Sprintf("http://a/%d", i)
			if _, err := s.SavePage(ctx, Page{Fetch: Fetch{URL: u, Site: "a", Status: 200 + i, FetchedAt: t0}}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.LastFetches(ctx, []string{"http://a/0", "http://a/2", "http://a/9"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got["http://a/0"].Status != 200 || got["http://a/2"].Status != 202 {
			t.Errorf("last fetches %+v", got)
		}
		if m, _ := s.LastFetches(ctx, nil); len(m) != 0 {
			t.Errorf("no URLs: %v", m)
		}
		// SavePage's statements were met inside transactions and prepared
		// before the next one; the reader's look-up was prepared on the readers.
		s.cache.mu.Lock()
		n := len(s.cache.stmts)
		s.cache.mu.Unlock()
		s.rcache.mu.Lock()
		rn := len(s.rcache.stmts)
		s.rcache.mu.Unlock()
		if n < 3 || rn != 1 {
			t.Errorf("%d statements prepared on the writer, %d on the readers", n, rn)
		}
	})
}

// leading and pendingWrites show the group commit's state (tests).
func (s *Store) leading() bool {
	s.writes.mu.Lock()
	defer s.writes.mu.Unlock()
	return s.writes.leading
}

func (s *Store) pendingWrites() int {
	s.writes.mu.Lock()
	defer s.writes.mu.Unlock()
	return len(s.writes.pending)
}

// A write that fails undoes everything it did before the writes after it
// in its batch run: a URL it queued, then failed, is queued by the next
// write, not reported as a duplicate of a row that no longer exists.
func TestGroupCommitUndoesAFailedWriteBeforeTheNext(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		s := open(t)
		var wg sync.WaitGroup
		release := holdLeader(s, &wg, func(conn) error { return nil })
		const u = "http://a/x"
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.group(ctx, func(tx conn) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO frontier(site, url, request) VALUES ('a', ?, x'')`, u); err != nil {
					return err
				}
				return fmt.Errorf("this write fails after queueing %s", u)
			})
		}()
		for s.pendingWrites() < 1 {
			time.Sleep(time.Millisecond)
		}
		var res []EnqueueResult
		var err error
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err = s.Enqueue(ctx, QueueEntry{Site: "a", URL: u, Request: []byte{}})
		}()
		for s.pendingWrites() < 2 {
			time.Sleep(time.Millisecond)
		}
		close(release)
		wg.Wait()
		if err != nil || len(res) != 1 || res[0] != Queued {
			t.Fatalf("Enqueue = %v, %v; want Queued", res, err)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM frontier WHERE site = 'a'`).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d frontier rows for %s (%v), want 1", n, u, err)
		}
	})
}

// holdLeader starts a write that leads a batch and holds its transaction
// open until release is closed, so the writes queued meanwhile share the
// next transaction; lead is the leader's own write, run once released.
func holdLeader(s *Store, wg *sync.WaitGroup, lead func(conn) error) (release chan struct{}) {
	release = make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.group(context.Background(), func(tx conn) error {
			<-release
			return lead(tx)
		})
	}()
	for !s.leading() {
		time.Sleep(time.Millisecond)
	}
	return release
}
