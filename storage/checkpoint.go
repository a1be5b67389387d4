package storage

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// The writer never checkpoints: SQLite's automatic checkpoint runs inside
// the commit that crosses 1,000 WAL pages, copying them into the database
// and syncing it while every other write waits (in a crawl of a thousand
// sites, a stall of a second every few seconds in which nothing is
// stored). A checkpointer on a connection of its own copies what it can
// every checkpointEvery without blocking the writer (PASSIVE), and the
// WAL is truncated when the store closes.

// checkpointEvery is how often the checkpointer runs (a variable for
// tests).
var checkpointEvery = time.Second

// checkpointer runs passive checkpoints until stopped.
type checkpointer struct {
	db   *sql.DB
	stop chan struct{}
	done sync.WaitGroup
	once sync.Once
	err  error
	runs atomic.Int64 // checkpoints that copied frames
}

func startCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, stop: make(chan struct{})}
	c.done.Add(1)
	go func() {
		defer c.done.Done()
		t := time.NewTicker(checkpointEvery)
		defer t.Stop()
		for {
			select {
			case <-c.stop:
				return
			case <-t.C:
				// A busy or failed checkpoint is tried again at the next
				// tick: the WAL holds everything meanwhile.
				var busy, log, copied int
				err := c.db.QueryRowContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &copied)
				if err == nil && copied > 0 {
					c.runs.Add(1)
				}
			}
		}
	}()
	return c
}

// close stops the checkpointer and checkpoints the whole WAL, truncating
// it (unless a reader or writer of another process holds it: then the
// next store to close does).
func (c *checkpointer) close() error {
	c.once.Do(func() {
		close(c.stop)
		c.done.Wait()
		c.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(TRUNCATE)`)
		c.err = c.db.Close()
	})
	return c.err
}
