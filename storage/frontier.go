package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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
// a run that was killed or interrupted go back to the queue.
func (s *Store) ResumeRound(ctx context.Context, site string) (Round, error) {
	var r Round
	err := s.tx(ctx, func(tx conn) error {
		var err error
		if r.Requeued, err = requeueInFlight(ctx, tx, site); err != nil {
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

// EndRound deletes a finished round: its frontier and cookies.
func (s *Store) EndRound(ctx context.Context, site string) error {
	err := s.tx(ctx, func(tx conn) error {
		for _, table := range []string{"frontier", "cookies"} {
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
	n, err := requeueInFlight(ctx, s.q(), site)
	if err != nil {
		return 0, fmt.Errorf("requeue %s: %w", site, err)
	}
	return n, nil
}

func requeueInFlight(ctx context.Context, db conn, site string) (int, error) {
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

// Enqueue adds URLs to their sites' rounds, in one transaction: each
// unless its round already has it or its path has reached the
// query-variant cap. It returns what it did with each.
func (s *Store) Enqueue(ctx context.Context, entries ...QueueEntry) ([]EnqueueResult, error) {
	results := make([]EnqueueResult, len(entries))
	if len(entries) == 0 {
		return results, nil
	}
	err := s.group(ctx, func(tx conn) error {
		for i, e := range entries {
			if e.Query && e.MaxQueryVariants > 0 {
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM frontier WHERE site = ? AND url = ?`, e.Site, e.URL).Scan(&n); err != nil {
					return err
				}
				if n > 0 {
					results[i] = Duplicate
					continue
				}
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM frontier WHERE site = ? AND path = ? AND has_query <> 0`, e.Site, e.Path).Scan(&n); err != nil {
					return err
				}
				if n >= e.MaxQueryVariants {
					results[i] = OverCap
					continue
				}
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO frontier(site, url, path, has_query, request) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT(site, url) DO NOTHING`, e.Site, e.URL, e.Path, e.Query, e.Request)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				results[i] = Duplicate
			}
		}
		return nil
	})
	if err != nil {
		if len(entries) == 1 {
			return nil, fmt.Errorf("enqueue %s: %w", entries[0].URL, err)
		}
		return nil, fmt.Errorf("enqueue %d URLs (%s, …): %w", len(entries), entries[0].URL, err)
	}
	return results, nil
}

// InRound reports, for each URL, whether the site's round already has it
// (queued, in flight or done): a page's links are mostly such, and need no
// other look-up. One query answers for them all.
func (s *Store) InRound(ctx context.Context, site string, urls []string) ([]bool, error) {
	found := make([]bool, len(urls))
	if len(urls) == 0 {
		return found, nil
	}
	list, err := json.Marshal(urls)
	if err != nil {
		return nil, fmt.Errorf("in round: %w", err)
	}
	rows, err := s.r().QueryContext(ctx, `SELECT url FROM frontier WHERE site = ? AND url IN (SELECT value FROM json_each(?))`, site, string(list))
	if err != nil {
		return nil, fmt.Errorf("in round: %w", err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("in round: %w", err)
		}
		have[u] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("in round: %w", err)
	}
	for i, u := range urls {
		found[i] = have[u]
	}
	return found, nil
}

// Claimed is a URL taken from the queue.
type Claimed struct {
	URL     string
	Request []byte
}

// Claim takes up to n of a site's oldest queued URLs, oldest first, and
// marks them in flight; none when the queue is empty.
func (s *Store) Claim(ctx context.Context, site string, n int) ([]Claimed, error) {
	type row struct {
		id int64
		Claimed
	}
	var got []row
	err := s.group(ctx, func(tx conn) error {
		got = got[:0]
		// On PostgreSQL rows another transaction is claiming are passed
		// over, not waited for (a site is one worker's at a time, so this
		// is a second guard, not the first).
		skip := ``
		if tx.s.dialect.pg {
			skip = ` FOR UPDATE SKIP LOCKED`
		}
		rows, err := tx.QueryContext(ctx, `UPDATE frontier SET state = ?
			WHERE id IN (SELECT id FROM frontier WHERE site = ? AND state = ? ORDER BY id LIMIT ?`+skip+`)
			RETURNING id, url, request`, stateInFlight, site, stateQueued, n)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.URL, &r.Request); err != nil {
				return err
			}
			got = append(got, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim from %s: %w", site, err)
	}
	slices.SortFunc(got, func(a, b row) int { return cmp.Compare(a.id, b.id) })
	out := make([]Claimed, len(got))
	for i, r := range got {
		out[i] = r.Claimed
	}
	return out, nil
}

// MarkDone marks a URL of the round done without a fetch (skipped).
func (s *Store) MarkDone(ctx context.Context, site, url string) error {
	if err := s.group(ctx, func(tx conn) error { return markDone(ctx, tx, site, url, "") }); err != nil {
		return fmt.Errorf("mark %s done: %w", url, err)
	}
	return nil
}

// markDone marks the requested URL done and, after a redirect, the final
// URL too, so the round never fetches either again.
func markDone(ctx context.Context, tx conn, site, requested, final string) error {
	if final == requested {
		final = ""
	}
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
	if err := s.q().QueryRowContext(ctx, `SELECT count(*) FROM frontier WHERE site = ? AND state = ?`, site, stateQueued).Scan(&n); err != nil {
		return 0, fmt.Errorf("queue length of %s: %w", site, err)
	}
	return n, nil
}

// Cookies returns what SetCookies last stored for a host of the site
// (colly's serialized cookie list; colly merges and filters it).
func (s *Store) Cookies(ctx context.Context, site, host string) (string, error) {
	var v string
	err := s.q().QueryRowContext(ctx, `SELECT cookies FROM cookies WHERE site = ? AND host = ?`, site, host).Scan(&v)
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
	if _, err := s.q().ExecContext(ctx, `INSERT INTO cookies(site, host, cookies) VALUES (?, ?, ?)
		ON CONFLICT(site, host) DO UPDATE SET cookies = excluded.cookies`, site, host, cookies); err != nil {
		return fmt.Errorf("set cookies: %w", err)
	}
	return nil
}
