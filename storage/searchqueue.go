package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// On SQLite the search indexes are written in batches, apart from the
// commits that store the articles:
//
//  1. a transaction that stores new articles collects them (indexArticle);
//  2. when it commits, they join the store's queue of articles stored but
//     not yet indexed (searchQueue.committed);
//  3. the first transaction to end with the queue due (searchBatchRows
//     articles, searchBatchBytes of their text, or the oldest waiting
//     searchBatchAge) writes the whole queue into the indexes and moves
//     search_state.indexed_through to its last article, before it commits
//     (Store.writeSearch);
//  4. the end of a crawl run (FinishRun), a search through this store,
//     RebuildSearchIndex and Close write what is queued at once
//     (Store.IndexQueued);
//  5. a process that ends before it writes its queue leaves the articles
//     past indexed_through unindexed; the next open for writing indexes
//     them (Store.indexUnindexed). Articles are never deleted and a new
//     one takes the next rowid, so those are exactly the ones missing.
//
// FTS5 writes a new segment of each index at every commit that adds to
// it, and merges segments as they pile up. Indexed with each page's
// commit (four pages to a commit on the farm of `bench --pages 5000`),
// the three indexes cost 11-13% of a crawl's CPU: a throwaway build that
// indexed nothing against one that did, two pairs of crawls of that farm.
// Another process reading the archive (`serve`) sees
// a new article in searches once its batch is written: within a minute,
// or at the end of the run.
//
// PostgreSQL indexes each article in its own transaction: several workers
// write to one database, and a mark of the last article indexed would not
// say which of theirs are missing.

// The batch: the queue is written when it holds this many articles, this
// many bytes of their titles and texts, or when its oldest has waited this
// long (variables for tests). A thousand articles keep about 5 MB in
// memory on the bench's farm. Crawling the farm of `bench --pages 5000`,
// in pairs of runs against indexing with each commit, batches of 100
// saved 6-11% of the CPU, of 300 8-19% (two pairs each), of 1,000 11-24%
// (seven pairs).
var (
	searchBatchRows  = 1000
	searchBatchBytes = 16 << 20
	searchBatchAge   = time.Minute
)

// searchQueue holds the articles committed but not yet written into the
// search indexes, in rowid order (a store has one writer connection, so
// transactions commit one after another and rowids grow with them).
type searchQueue struct {
	mu    sync.Mutex
	rows  []ftsRow
	bytes int
	since time.Time // when the oldest row was queued
}

// txSearch is what one transaction brings to the search indexes: its new
// articles, and whether it writes the whole queue whatever its size.
type txSearch struct {
	rows []ftsRow
	all  bool
}

// len is how many articles wait for the search indexes.
func (q *searchQueue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.rows)
}

// due returns the articles a transaction ending now must write into the
// search indexes: none while the queue is not due, else the queue then the
// transaction's own.
func (q *searchQueue) due(t *txSearch, now time.Time) []ftsRow {
	q.mu.Lock()
	defer q.mu.Unlock()
	n, bytes := len(q.rows)+len(t.rows), q.bytes+rowBytes(t.rows)
	waited := len(q.rows) > 0 && now.Sub(q.since) >= searchBatchAge
	if n == 0 || !(t.all || n >= searchBatchRows || bytes >= searchBatchBytes || waited) {
		return nil
	}
	return append(q.rows[:len(q.rows):len(q.rows)], t.rows...)
}

// commit commits a transaction and then updates the queue (committed),
// the queue locked from before the commit until it is updated: the next
// transaction can begin once this one has committed, and it must find
// the queue without what this one wrote and with what it queued (else it
// would write articles twice, or move the mark past articles not yet
// queued).
func (q *searchQueue) commit(tx *sql.Tx, t *txSearch, wrote []ftsRow) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := tx.Commit(); err != nil {
		return err
	}
	q.committed(t, wrote, time.Now())
	return nil
}

// committed updates the queue after a transaction committed: what it
// wrote (the first wrote articles of rows) leaves the queue, and its own
// articles join it unless it wrote them. The caller holds q.mu.
func (q *searchQueue) committed(t *txSearch, wrote []ftsRow, now time.Time) {
	if len(wrote) > 0 {
		taken := len(wrote) - len(t.rows) // the queue's rows come first
		rest := q.rows[taken:]
		q.rows, q.bytes = nil, 0
		q.add(rest, now) // queued while it ran: none, with one writer
		return
	}
	q.add(t.rows, now)
}

func (q *searchQueue) add(rows []ftsRow, now time.Time) {
	if len(rows) == 0 {
		return
	}
	if len(q.rows) == 0 {
		q.since = now
	}
	q.rows = append(q.rows, rows...)
	q.bytes += rowBytes(rows)
}

func rowBytes(rows []ftsRow) int {
	n := 0
	for _, r := range rows {
		n += len(r.title) + len(r.text)
	}
	return n
}

// writeSearch writes into the search indexes, inside a transaction about
// to commit, the articles due (see searchQueue): on PostgreSQL the
// transaction's own, always. It returns those it wrote from the queue and
// the transaction, for searchQueue.committed.
func (s *Store) writeSearch(ctx context.Context, c conn, t *txSearch) ([]ftsRow, error) {
	if s.dialect.pg {
		return nil, flushSearch(ctx, c, t.rows)
	}
	rows := s.queue.due(t, time.Now())
	if len(rows) == 0 {
		return nil, nil
	}
	return rows, indexThrough(ctx, c, rows)
}

// indexThrough writes articles, in rowid order, into the search indexes
// and moves search_state.indexed_through to the last of them, in one
// transaction: the mark never passes an article the indexes lack.
func indexThrough(ctx context.Context, c conn, rows []ftsRow) error {
	if err := flushSearch(ctx, c, rows); err != nil {
		return err
	}
	_, err := c.ExecContext(ctx, `UPDATE search_state SET indexed_through = ? WHERE id = 1`, rows[len(rows)-1].id)
	return err
}

// IndexQueued writes the articles waiting for the search indexes into
// them now, in one transaction (see searchQueue): a search through this
// store, and the alerts after a run, then find every article stored.
func (s *Store) IndexQueued(ctx context.Context) error {
	if s.queue.len() == 0 {
		return nil
	}
	err := s.tx(ctx, func(c conn) error {
		c.search.all = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("index the articles waiting for search: %w", err)
	}
	return nil
}

// indexUnindexed indexes the articles past search_state.indexed_through:
// those a process stored and ended before it indexed (see searchQueue),
// 500 to a transaction.
func (s *Store) indexUnindexed(ctx context.Context) error {
	var through, last int64
	err := s.q().QueryRowContext(ctx, `SELECT indexed_through, (SELECT coalesce(max(rowid), 0) FROM articles) FROM search_state WHERE id = 1`).Scan(&through, &last)
	if err != nil || last <= through {
		return err
	}
	if s.log != nil {
		s.log.Info("search: indexing the articles an interrupted run stored", "articles_after", through)
	}
	for through < last {
		err := s.tx(ctx, func(tx conn) error {
			batch, err := articlesAfter(ctx, tx, through)
			if err != nil {
				return err
			}
			if len(batch) == 0 {
				through = last
				return nil
			}
			through = batch[len(batch)-1].id
			return indexThrough(ctx, tx, batch)
		})
		if err != nil {
			return fmt.Errorf("index the articles an interrupted run stored: %w", err)
		}
	}
	return nil
}
