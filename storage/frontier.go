package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Frontier states.
const (
	stateQueued   = 0
	stateInFlight = 1
	stateDone     = 2
)

// Round is what a site's frontier held when a run began.
type Round struct {
	Queued   int // waiting, including those put back from in flight
	Requeued int // in flight when the last run stopped, now queued again
	Done     int // finished in this round: never fetched again in it
}

// Resumed reports whether an earlier run left this round unfinished.
func (r Round) Resumed() bool { return r.Queued+r.Done > 0 }

// ResumeRound prepares a site's frontier for a run: URLs left in flight by
// a run that was killed or interrupted go back to the queue, and colly's
// visited set is emptied (the frontier is the durable record of what the
// round has seen; a hash left by a request that never finished would make
// its URL look visited for ever).
func (s *Store) ResumeRound(ctx context.Context, site string) (Round, error) {
	var r Round
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if r.Requeued, err = requeueInFlight(ctx, tx, site); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM visited WHERE site = ?`, site); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE state = ?), count(*) FILTER (WHERE state = ?) FROM frontier WHERE site = ?`,
			stateQueued, stateDone, site).Scan(&r.Queued, &r.Done)
	})
	if err != nil {
		return r, fmt.Errorf("resume round of %s: %w", site, err)
	}
	return r, nil
}

// EndRound deletes a finished round: its frontier, visited set and cookies.
func (s *Store) EndRound(ctx context.Context, site string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"frontier", "visited", "cookies"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE site = ?`, site); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("end round of %s: %w", site, err)
	}
	return nil
}

// RequeueInFlight puts a site's claimed but unfinished URLs back in the
// queue, as an interrupted run stops.
func (s *Store) RequeueInFlight(ctx context.Context, site string) (int, error) {
	n, err := requeueInFlight(ctx, s.db, site)
	if err != nil {
		return 0, fmt.Errorf("requeue %s: %w", site, err)
	}
	return n, nil
}

func requeueInFlight(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, site string) (int, error) {
	res, err := db.ExecContext(ctx, `UPDATE frontier SET state = ? WHERE site = ? AND state = ?`, stateQueued, site, stateInFlight)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// QueueEntry is a URL offered to a site's frontier.
type QueueEntry struct {
	Site    string
	URL     string
	Path    string // scheme://host/path, the unit of the query-variant cap
	Query   bool   // the URL has a query string
	Request []byte // opaque to storage: handed back by Claim
	// MaxQueryVariants caps how many distinct queries of one Path the round
	// queues (crawler traps: calendars, sort orders, session ids); 0: no cap.
	MaxQueryVariants int
}

// EnqueueResult says what Enqueue did.
type EnqueueResult int

const (
	// Queued: the URL is new to the round and waits in the queue.
	Queued EnqueueResult = iota
	// Duplicate: the round already has the URL (queued, in flight or done).
	Duplicate
	// OverCap: the URL's path already has MaxQueryVariants queries queued.
	OverCap
)

// Enqueue adds a URL to its site's round unless the round already has it
// or its path has reached the query-variant cap.
func (s *Store) Enqueue(ctx context.Context, e QueueEntry) (EnqueueResult, error) {
	result := Queued
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM frontier WHERE site = ? AND url = ?`, e.Site, e.URL).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			result = Duplicate
			return nil
		}
		if e.Query && e.MaxQueryVariants > 0 {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM frontier WHERE site = ? AND path = ? AND has_query`, e.Site, e.Path).Scan(&n); err != nil {
				return err
			}
			if n >= e.MaxQueryVariants {
				result = OverCap
				return nil
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO frontier(site, url, path, has_query, request) VALUES (?, ?, ?, ?, ?)`,
			e.Site, e.URL, e.Path, e.Query, e.Request)
		return err
	})
	if err != nil {
		return result, fmt.Errorf("enqueue %s: %w", e.URL, err)
	}
	return result, nil
}

// Claimed is a URL taken from the queue.
type Claimed struct {
	URL     string
	Request []byte
}

// Claim takes the oldest queued URL of a site and marks it in flight; ok is
// false when the queue is empty.
func (s *Store) Claim(ctx context.Context, site string) (c Claimed, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `UPDATE frontier SET state = ?
		WHERE id = (SELECT id FROM frontier WHERE site = ? AND state = ? ORDER BY id LIMIT 1)
		RETURNING url, request`, stateInFlight, site, stateQueued).Scan(&c.URL, &c.Request)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return c, false, nil
	case err != nil:
		return c, false, fmt.Errorf("claim from %s: %w", site, err)
	}
	return c, true, nil
}

// MarkDone marks a URL of the round done without a fetch (skipped).
func (s *Store) MarkDone(ctx context.Context, site, url string) error {
	if err := s.tx(ctx, func(tx *sql.Tx) error { return markDone(ctx, tx, site, url, "") }); err != nil {
		return fmt.Errorf("mark %s done: %w", url, err)
	}
	return nil
}

// markDone marks the requested URL done and, after a redirect, the final
// URL too, so the round never fetches either again.
func markDone(ctx context.Context, tx *sql.Tx, site, requested, final string) error {
	for _, u := range []string{requested, final} {
		if u == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO frontier(site, url, state, request) VALUES (?, ?, ?, x'')
			ON CONFLICT(site, url) DO UPDATE SET state = excluded.state`, site, u, stateDone); err != nil {
			return err
		}
	}
	return nil
}

// QueueLen is how many URLs wait in a site's queue.
func (s *Store) QueueLen(ctx context.Context, site string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM frontier WHERE site = ? AND state = ?`, site, stateQueued).Scan(&n); err != nil {
		return 0, fmt.Errorf("queue length of %s: %w", site, err)
	}
	return n, nil
}

// Visited adds a request hash to a site's visited set (colly's storage).
func (s *Store) Visited(ctx context.Context, site string, id uint64) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO visited(site, id) VALUES (?, ?) ON CONFLICT DO NOTHING`, site, int64(id)); err != nil {
		return fmt.Errorf("visited: %w", err)
	}
	return nil
}

// IsVisited reports whether a request hash is in a site's visited set.
func (s *Store) IsVisited(ctx context.Context, site string, id uint64) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM visited WHERE site = ? AND id = ?`, site, int64(id)).Scan(&n); err != nil {
		return false, fmt.Errorf("is visited: %w", err)
	}
	return n > 0, nil
}

// Cookies returns what SetCookies last stored for a host of the site
// (colly's serialized cookie list; colly merges and filters it).
func (s *Store) Cookies(ctx context.Context, site, host string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT cookies FROM cookies WHERE site = ? AND host = ?`, site, host).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cookies: %w", err)
	}
	return v, nil
}

// SetCookies stores a host's cookies for the site's round.
func (s *Store) SetCookies(ctx context.Context, site, host, cookies string) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO cookies(site, host, cookies) VALUES (?, ?, ?)
		ON CONFLICT(site, host) DO UPDATE SET cookies = excluded.cookies`, site, host, cookies); err != nil {
		return fmt.Errorf("set cookies: %w", err)
	}
	return nil
}
