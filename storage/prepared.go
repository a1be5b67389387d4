package storage

import (
	"context"
	"database/sql"
	"sync"
)

// conn runs statements inside a transaction (tx set) or on the database,
// through statements prepared once per query text: SQLite spends longer
// compiling the crawl's small statements than running them. It has the
// *sql.Tx methods the store uses, so code reads the same either way.
//
// A statement is prepared on the database, never inside a transaction (the
// store's one connection is the transaction's): a query met first inside a
// transaction runs unprepared and is prepared before the next transaction
// begins.
type conn struct {
	s     *Store
	tx    *sql.Tx
	db    *sql.DB // the writer, or the readers
	cache *stmtCache
	// search collects the transaction's new articles for the search
	// indexes (see indexArticle and searchqueue.go).
	search *txSearch
}

// stmtCache holds the store's prepared statements, by query text.
type stmtCache struct {
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool // met inside a transaction, not yet prepared
}

// q runs statements on the database's writer connection, outside any
// transaction.
func (s *Store) q() conn { return conn{s: s, db: s.db, cache: &s.cache} }

// r runs reads on the reader connections: they see the last commit and
// never wait for the writer's transaction (WAL). For look-ups whose answer
// may lag a write in progress: the frontier's look-ups before queueing
// (Enqueue itself settles duplicates) and cookies.
func (s *Store) r() conn { return conn{s: s, db: s.rdb, cache: &s.rcache} }

// stmt returns query's prepared statement, bound to the transaction if
// there is one, or nil when it is not prepared (yet).
func (c conn) stmt(ctx context.Context, query string) *sql.Stmt {
	cache := c.cache
	cache.mu.Lock()
	st := cache.stmts[query]
	if st == nil && c.tx != nil {
		if cache.wanted == nil {
			cache.wanted = map[string]bool{}
		}
		cache.wanted[query] = true
	}
	cache.mu.Unlock()
	if st == nil && c.tx == nil {
		st = cache.prepare(ctx, c.db, query)
	}
	if st != nil && c.tx != nil {
		return c.tx.StmtContext(ctx, st)
	}
	return st
}

// prepare prepares query on db and caches it; nil if it does not prepare
// (running it unprepared then reports why).
func (c *stmtCache) prepare(ctx context.Context, db *sql.DB, query string) *sql.Stmt {
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev := c.stmts[query]; prev != nil {
		st.Close()
		return prev
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st
}

// prepareWanted prepares the queries first met inside transactions.
func (c *stmtCache) prepareWanted(ctx context.Context, db *sql.DB) {
	c.mu.Lock()
	var queries []string
	for q := range c.wanted {
		queries = append(queries, q)
	}
	clear(c.wanted)
	c.mu.Unlock()
	for _, q := range queries {
		c.prepare(ctx, db, q)
	}
}

// close closes the statements.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	clear(c.stmts)
}

// execOnce runs a statement not worth keeping prepared (its text varies).
func (c conn) execOnce(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query, args = c.s.dialect.rewrite(query), c.s.dialect.args(args)
	if c.tx != nil {
		return c.tx.ExecContext(ctx, query, args...)
	}
	return c.db.ExecContext(ctx, query, args...)
}

func (c conn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query, args = c.s.dialect.rewrite(query), c.s.dialect.args(args)
	if st := c.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	if c.tx != nil {
		return c.tx.ExecContext(ctx, query, args...)
	}
	return c.db.ExecContext(ctx, query, args...)
}

func (c conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	query, args = c.s.dialect.rewrite(query), c.s.dialect.args(args)
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	if c.tx != nil {
		return c.tx.QueryRowContext(ctx, query, args...)
	}
	return c.db.QueryRowContext(ctx, query, args...)
}

func (c conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query, args = c.s.dialect.rewrite(query), c.s.dialect.args(args)
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	if c.tx != nil {
		return c.tx.QueryContext(ctx, query, args...)
	}
	return c.db.QueryContext(ctx, query, args...)
}

// groupCommit lets writes from many goroutines share transactions: the
// first writer to arrive leads, taking every write waiting at that moment
// into one transaction, so a batch costs one commit and one write of each
// page it changed, instead of one each. Each write still returns only once
// it is committed.
type groupCommit struct {
	mu      sync.Mutex
	pending []*write
	leading bool // a writer is committing a batch
}

type write struct {
	ctx  context.Context
	fn   func(conn) error
	err  error
	done chan bool // true: committed or failed (err); false: lead the next batch
}

// group runs fn in a transaction shared with the writes waiting at the same
// time. Its error undoes only its own changes (commitBatch runs the others
// again without it); the caller gets fn's error, or the transaction's. fn
// may run more than once, each time in a new transaction.
func (s *Store) group(ctx context.Context, fn func(conn) error) error {
	w := &write{ctx: ctx, fn: fn, done: make(chan bool, 1)}
	g := &s.writes
	g.mu.Lock()
	g.pending = append(g.pending, w)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	if !lead && <-w.done {
		return w.err
	}
	g.mu.Lock()
	batch := g.pending
	g.pending = nil
	g.mu.Unlock()
	s.commitBatch(batch)
	g.mu.Lock()
	if len(g.pending) > 0 {
		g.pending[0].done <- false // the next batch is theirs to lead
	} else {
		g.leading = false
	}
	g.mu.Unlock()
	return w.err
}

// commitBatch runs a batch of writes in one transaction and tells each
// writer how its write ended. There are no savepoints between the writes:
// a write that fails undoes the whole transaction instead; it gets its
// error and the batch runs again without it. Writes rarely fail, so a
// batch almost always commits at its first attempt. A savepoint around
// each write would let the others stand without a second run, but it
// costs every write, on both backends:
//   - on SQLite it journals the first change to each page the write
//     makes, in a temporary file once the write has changed more than
//     64 KiB (SQLite's statement-journal spill), and a stored page
//     changes about 20: of the 200 KB `bench --pages 5000` wrote a page
//     with savepoints, 88 KB went to those files, and without them the
//     first run of `bench --sites 500` took 2.55–2.64 ms of CPU a page
//     against 2.79–3.02;
//   - on PostgreSQL a savepoint is a subtransaction: a round trip to set
//     and one to release, and past 64 in a transaction every reader of
//     its rows slows down.
func (s *Store) commitBatch(batch []*write) {
	defer func() {
		for _, w := range batch {
			w.done <- true
		}
	}()
	ctx := context.WithoutCancel(batch[0].ctx)
	var live []*write
	for _, w := range batch {
		if w.err = w.ctx.Err(); w.err == nil {
			live = append(live, w)
		}
	}
	for len(live) > 0 {
		failed := -1 // stays so if the transaction cannot even begin
		err := s.tx(ctx, func(tx conn) error {
			failed = -1
			for i, w := range live {
				if w.err = w.fn(tx); w.err != nil {
					failed = i
					return w.err
				}
			}
			return nil
		})
		if err == nil {
			return
		}
		if failed < 0 || isConflict(err) { // the transaction failed, not one write
			for _, w := range live {
				w.err = err
			}
			return
		}
		live = append(live[:failed:failed], live[failed+1:]...)
		for _, w := range live {
			w.err = nil
		}
	}
}
