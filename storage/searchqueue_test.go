package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
)

// batchOf sets the search batch to n articles for a test.
func batchOf(t *testing.T, n int) {
	t.Helper()
	rows := searchBatchRows
	searchBatchRows = n
	t.Cleanup(func() { searchBatchRows = rows })
}

// queueArticle stores article i of site a.
func queueArticle(t *testing.T, s *Store, i int) {
	t.Helper()
	a := Article{ContentHash: fmt.Sprint("q", i), Site: "a", URL: fmt.Sprint("http://a/", i), Title: fmt.Sprint("Thông báo số ", i),
		Text: "Thu hồi đất ở phường.", SeenAt: t0.Add(time.Duration(i) * time.Minute)}
	if _, err := s.SaveArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
}

// indexed is how many articles each search index holds, and the mark.
func indexed(t *testing.T, s *Store) (texts, titles, pairs int, through int64) {
	t.Helper()
	err := s.db.QueryRowContext(context.Background(), `SELECT (SELECT count(*) FROM article_search_docsize), (SELECT count(*) FROM article_titles_docsize),
		(SELECT count(*) FROM article_pairs_docsize), indexed_through FROM search_state`).Scan(&texts, &titles, &pairs, &through)
	if err != nil {
		t.Fatal(err)
	}
	return texts, titles, pairs, through
}

// wantIndexed checks that every search index holds n articles, that
// FTS5 counted each once (an article indexed twice counts twice in the
// texts' averages record, which bm25 reads), and the mark.
func wantIndexed(t *testing.T, s *Store, n int, through int64) {
	t.Helper()
	texts, titles, pairs, at := indexed(t, s)
	if texts != n || titles != n || pairs != n || at != through {
		t.Errorf("indexed: texts %d, titles %d, pairs %d, through %d; want %d each, through %d", texts, titles, pairs, at, n, through)
	}
	var block []byte
	if err := s.db.QueryRowContext(context.Background(), `SELECT block FROM article_search_data WHERE id = 1`).Scan(&block); err != nil {
		t.Fatal(err)
	}
	v, err := ftsVarints(block) // empty while nothing was ever indexed
	if err != nil || len(v) == 0 && n != 0 || len(v) > 0 && v[0] != int64(n) {
		t.Errorf("the texts' averages record counts %v (%v); want %d texts", v, err, n)
	}
}

// New articles wait in the queue and go into every search index together
// when the queue is full, the mark moving to the last of them.
func TestSearchQueueWritesInBatches(t *testing.T) {
	batchOf(t, 3)
	s := open(t)
	queueArticle(t, s, 1)
	queueArticle(t, s, 2)
	wantIndexed(t, s, 0, 0)
	if n := s.queue.len(); n != 2 {
		t.Errorf("queued %d; want 2", n)
	}
	queueArticle(t, s, 3) // the third fills the batch
	wantIndexed(t, s, 3, 3)
	queueArticle(t, s, 4)
	wantIndexed(t, s, 3, 3)
	if n := s.queue.len(); n != 1 {
		t.Errorf("queued %d after the batch; want 1", n)
	}
}

// The queue is written when its text reaches searchBatchBytes, or when
// its oldest article has waited searchBatchAge, whatever its length.
func TestSearchQueueDue(t *testing.T) {
	rows, bytes, age := searchBatchRows, searchBatchBytes, searchBatchAge
	t.Cleanup(func() { searchBatchRows, searchBatchBytes, searchBatchAge = rows, bytes, age })
	searchBatchRows, searchBatchBytes, searchBatchAge = 100, 50, time.Minute
	now := time.Now()
	var q searchQueue
	one := &txSearch{rows: []ftsRow{{1, "tiêu đề", "mười ký tự"}}}
	if got := q.due(one, now); got != nil {
		t.Fatalf("an empty queue with one article of 23 bytes is due: %v", got)
	}
	q.mu.Lock()
	q.committed(one, nil, now)
	q.mu.Unlock()
	if got := q.due(&txSearch{}, now.Add(59*time.Second)); got != nil {
		t.Errorf("due after 59 s: %v", got)
	}
	if got := q.due(&txSearch{}, now.Add(time.Minute)); len(got) != 1 {
		t.Errorf("not due after a minute: %v", got)
	}
	big := &txSearch{rows: []ftsRow{{2, "", string(make([]byte, 30))}}}
	got := q.due(big, now)
	if len(got) != 2 || got[0].id != 1 || got[1].id != 2 {
		t.Fatalf("53 bytes queued: due %v; want articles 1 and 2", got)
	}
	q.mu.Lock()
	q.committed(big, got, now)
	q.mu.Unlock()
	if q.len() != 0 || q.bytes != 0 {
		t.Errorf("after the batch: %d queued, %d bytes", q.len(), q.bytes)
	}
	if got := q.due(&txSearch{all: true}, now); got != nil {
		t.Errorf("an empty queue written: %v", got)
	}
}

// A search through the store, the end of a run and Close write what is
// queued; until then another process reading the archive does not find
// it.
func TestSearchQueueWrittenWhenAsked(t *testing.T) {
	ctx := context.Background()
	q, err := textsearch.ParseQuery("thông báo")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("search", func(t *testing.T) {
		s := open(t)
		queueArticle(t, s, 1)
		ro, err := Open(ctx, s.Path(), Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		if total, _, err := ro.Search(ctx, SearchQuery{Query: q}); err != nil || total != 0 {
			t.Errorf("a reader found %d queued articles (%v); want 0", total, err)
		}
		if total, _, err := s.Search(ctx, SearchQuery{Query: q}); err != nil || total != 1 {
			t.Errorf("the writing store found %d (%v); want 1", total, err)
		}
		if total, _, err := ro.Search(ctx, SearchQuery{Query: q}); err != nil || total != 1 {
			t.Errorf("after the batch a reader found %d (%v); want 1", total, err)
		}
	})
	t.Run("run", func(t *testing.T) {
		s := open(t)
		run, err := s.StartRun(ctx, []string{"a"}, t0)
		if err != nil {
			t.Fatal(err)
		}
		queueArticle(t, s, 1)
		queueArticle(t, s, 2)
		wantIndexed(t, s, 0, 0)
		if err := s.FinishRun(ctx, run, "ok", t0, nil); err != nil {
			t.Fatal(err)
		}
		wantIndexed(t, s, 2, 2)
	})
	t.Run("close", func(t *testing.T) {
		s := open(t)
		queueArticle(t, s, 1)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		ro, err := Open(ctx, s.Path(), Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		wantIndexed(t, ro, 1, 1)
	})
}

// A process that ends before it writes its queue leaves an archive that
// checks whole, and the next open for writing indexes what it stored.
func TestSearchQueueLostIsIndexedAtOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	batchOf(t, 2)
	for i := range 5 {
		queueArticle(t, s, i)
	}
	wantIndexed(t, s, 4, 4)
	s.queue = searchQueue{} // the process ends here
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := ro.IntegrityCheck(ctx); v != "ok" || err != nil {
		t.Errorf("integrity with an article left unindexed: %q, %v", v, err)
	}
	ro.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	wantIndexed(t, s, 5, 5)
	if v, err := s.IntegrityCheck(ctx); v != "ok" || err != nil {
		t.Errorf("integrity after the open: %q, %v", v, err)
	}
}

// Rebuilding the index with articles queued indexes each of them once.
func TestSearchQueueRebuild(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	queueArticle(t, s, 1)
	queueArticle(t, s, 2)
	if n, err := s.RebuildSearchIndex(ctx); err != nil || n != 2 {
		t.Fatalf("rebuild: %d, %v", n, err)
	}
	wantIndexed(t, s, 2, 2)
	if err := s.IndexQueued(ctx); err != nil {
		t.Fatal(err)
	}
	wantIndexed(t, s, 2, 2)
}

// Writers saving at once, in transactions of their own and through the
// group commit, index each article once, whichever transaction writes the
// batch: the next transaction may begin as soon as one has committed.
func TestSearchQueueConcurrentWriters(t *testing.T) {
	batchOf(t, 3)
	s := open(t)
	const writers, each = 8, 40
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				a := Article{ContentHash: fmt.Sprint("c", w, "-", i), Site: "a", URL: fmt.Sprint("http://a/", w, "/", i), Title: "Thông báo",
					Text: fmt.Sprint("Văn bản số ", w, " ", i), SeenAt: t0}
				var err error
				if w%2 == 0 { // a transaction of its own
					_, err = s.SaveArticle(context.Background(), a)
				} else { // a share of the group commit's
					_, err = s.SavePage(context.Background(), Page{Fetch: Fetch{Site: "a", URL: a.URL, Status: 200, FetchedAt: t0}, Article: &a})
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := s.IndexQueued(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantIndexed(t, s, writers*each, writers*each)
}
