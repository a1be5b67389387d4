package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// Workers share one archive in PostgreSQL. Each is a process that joined
// (JoinWorker): it renews its row and its leases every third of the lease
// time (the heartbeat). A site is leased to one worker at a time, and so
// is each host a site fetches from, for as many of its sites as that
// worker crawls: politeness, which a worker keeps per host in memory,
// then holds across workers. A host's lease says when its next holder
// may first send a request (free_at, set as its last holder lets it go),
// and a lease whose worker died (kill -9: no heartbeat) expires, after
// which another worker takes it and waits the host's delay first. A site
// finished by a worker since another's run began is left alone by that
// run.
//
// All times here are the database server's (now()), so workers on
// machines whose clocks differ agree on what has expired.

// ErrNeedsPostgres: workers share a PostgreSQL archive; SQLite has one
// crawl at a time (its lock).
var ErrNeedsPostgres = errors.New("workers share a PostgreSQL archive (--db postgres://…); a SQLite archive has one crawl at a time")

// Worker is this process as one of the workers of a PostgreSQL archive.
type Worker struct {
	s   *Store
	ID  string // host:pid:random
	ttl time.Duration

	mu   sync.Mutex
	held map[string]func() // leased sites → what to do if the lease is lost
	ok   time.Time         // the last heartbeat that reached the database
	stop chan struct{}
	done chan struct{}
}

// JoinWorker registers this process as a worker and starts its
// heartbeat; ttl is how long its leases last without one (a dead worker's
// sites wait that long before another takes them).
func (s *Store) JoinWorker(ctx context.Context, ttl time.Duration) (*Worker, error) {
	if !s.dialect.pg {
		return nil, ErrNeedsPostgres
	}
	if ttl < 300*time.Millisecond {
		return nil, fmt.Errorf("lease time %s: at least 300ms", ttl)
	}
	host, _ := os.Hostname()
	w := &Worker{s: s, ttl: ttl, held: map[string]func(){}, stop: make(chan struct{}), done: make(chan struct{})}
	w.ID = fmt.Sprintf("%s:%d:%04x", host, os.Getpid(), rand.Uint32()&0xffff)
	if _, err := s.q().ExecContext(ctx, `INSERT INTO workers(id, host, pid, started_at, heartbeat, expires_at)
		VALUES (?, ?, ?, now(), now(), now() + ? * interval '1 millisecond')`, w.ID, host, os.Getpid(), ttl.Milliseconds()); err != nil {
		return nil, fmt.Errorf("join as a worker: %w", err)
	}
	s.worker = w.ID
	w.ok = time.Now()
	go w.beat()
	return w, nil
}

// beat renews the worker's row and leases every third of the lease time.
// A site whose lease it could not renew (another worker took it after it
// expired, or the database was out of reach for the whole lease time) is
// lost: its crawl is told to stop.
func (w *Worker) beat() {
	defer close(w.done)
	t := time.NewTicker(w.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
		kept, err := w.renew()
		w.mu.Lock()
		var lost []func()
		switch {
		case err == nil:
			w.ok = time.Now()
			for site, onLost := range w.held {
				if !kept[site] {
					lost = append(lost, onLost)
					delete(w.held, site)
				}
			}
		case time.Since(w.ok) > w.ttl:
			for site, onLost := range w.held {
				lost = append(lost, onLost)
				delete(w.held, site)
			}
		}
		w.mu.Unlock()
		for _, f := range lost {
			if f != nil {
				f()
			}
		}
	}
}

// renew extends the worker's row and leases; it returns the sites still
// leased to it.
func (w *Worker) renew() (map[string]bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), w.ttl)
	defer cancel()
	kept := map[string]bool{}
	ms := w.ttl.Milliseconds()
	err := w.s.tx(ctx, func(tx conn) error {
		clear(kept)
		if _, err := tx.ExecContext(ctx, `UPDATE workers SET heartbeat = now(), expires_at = now() + ? * interval '1 millisecond' WHERE id = ?`, ms, w.ID); err != nil {
			return err
		}
		// Sites before hosts, as Acquire and Release lock them.
		rows, err := tx.QueryContext(ctx, `UPDATE site_leases SET expires_at = now() + ? * interval '1 millisecond' WHERE worker = ? RETURNING site`, ms, w.ID)
		if err != nil {
			return err
		}
		sites, err := scanStrings(rows)
		if err != nil {
			return err
		}
		for _, s := range sites {
			kept[s] = true
		}
		_, err = tx.ExecContext(ctx, `UPDATE host_leases SET expires_at = now() + ? * interval '1 millisecond' WHERE worker = ? AND holders > 0`, ms, w.ID)
		return err
	})
	return kept, err
}

// LeaseState is what Acquire found.
type LeaseState int

const (
	// Leased: the site and its hosts are this worker's until Release.
	Leased LeaseState = iota
	// Busy: another live worker holds the site or one of its hosts.
	Busy
	// Done: another worker finished the site since this one began.
	Done
)

// Lease is the answer to Acquire.
type Lease struct {
	State LeaseState
	// Holder is the worker that holds the site or host (Busy) or
	// finished the site (Done).
	Holder string
	// Wait is how long to wait, per host, before its first request: the
	// delay its last holder left, or the whole delay after a holder that
	// died.
	Wait map[string]time.Duration
}

// Acquire leases a site and its hosts to the worker for a run, all or
// none; a site another worker finished since the run began is Done
// (runID 0: never Done, for a run that crawls the site whatever others
// did).
// delay is the site's politeness delay (waited on a host whose last
// holder died). onLost is called if the lease is later lost.
func (w *Worker) Acquire(ctx context.Context, runID int64, site string, hosts []string, delay time.Duration, onLost func()) (Lease, error) {
	hosts = append([]string(nil), hosts...)
	sort.Strings(hosts) // one locking order for every worker: no deadlock
	ms := w.ttl.Milliseconds()
	var l Lease
	err := w.s.tx(ctx, func(tx conn) error {
		l = Lease{Wait: map[string]time.Duration{}}
		if _, err := tx.ExecContext(ctx, `INSERT INTO site_leases(site) VALUES (?) ON CONFLICT (site) DO NOTHING`, site); err != nil {
			return err
		}
		var holder, doneBy string
		var live, doneSince bool
		err := tx.QueryRowContext(ctx, `SELECT worker, coalesce(expires_at > now(), false),
			coalesce(done_at >= (SELECT began FROM crawl_runs WHERE id = ?), false), done_by
			FROM site_leases WHERE site = ? FOR UPDATE`, runID, site).Scan(&holder, &live, &doneSince, &doneBy)
		if err != nil {
			return err
		}
		switch {
		case doneSince:
			l.State, l.Holder = Done, doneBy
			return nil
		case holder != "" && holder != w.ID && live:
			l.State, l.Holder = Busy, holder
			return nil
		}
		for _, h := range hosts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO host_leases(host) VALUES (?) ON CONFLICT (host) DO NOTHING`, h); err != nil {
				return err
			}
			var holders int
			var freeMs float64
			err := tx.QueryRowContext(ctx, `SELECT worker, holders, coalesce(expires_at > now(), false),
				greatest(coalesce(extract(epoch FROM free_at - now()) * 1000, 0), 0)
				FROM host_leases WHERE host = ? FOR UPDATE`, h).Scan(&holder, &holders, &live, &freeMs)
			if err != nil {
				return err
			}
			mine := holder == w.ID
			switch {
			case !mine && holder != "" && holders > 0 && live:
				l.State, l.Holder = Busy, holder
				return nil
			case !mine && holder != "" && holders > 0: // its holder died holding it
				l.Wait[h] = max(time.Duration(freeMs*float64(time.Millisecond)), delay)
			case !mine:
				l.Wait[h] = time.Duration(freeMs * float64(time.Millisecond))
			}
		}
		for _, h := range hosts {
			if _, err := tx.ExecContext(ctx, `UPDATE host_leases SET
				holders = CASE WHEN worker = ? AND holders > 0 THEN holders + 1 ELSE 1 END,
				worker = ?, expires_at = now() + ? * interval '1 millisecond' WHERE host = ?`, w.ID, w.ID, ms, h); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE site_leases SET worker = ?, expires_at = now() + ? * interval '1 millisecond' WHERE site = ?`, w.ID, ms, site)
		return err
	})
	if err != nil {
		return Lease{}, fmt.Errorf("lease %s: %w", site, err)
	}
	if l.State == Leased {
		w.mu.Lock()
		w.held[site] = onLost
		w.mu.Unlock()
	}
	return l, nil
}

// Release gives a site and its hosts back. freeIn is, per host, how long
// from now its next request may start (the delay after its last one);
// done records that the site's crawl finished.
func (w *Worker) Release(ctx context.Context, site string, freeIn map[string]time.Duration, done bool) error {
	w.mu.Lock()
	delete(w.held, site)
	w.mu.Unlock()
	hosts := make([]string, 0, len(freeIn))
	for h := range freeIn {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	d := 0
	if done {
		d = 1
	}
	err := w.s.tx(ctx, func(tx conn) error {
		if _, err := tx.ExecContext(ctx, `UPDATE site_leases SET worker = '', expires_at = NULL,
			done_at = CASE WHEN ? = 1 THEN now() ELSE done_at END, done_by = CASE WHEN ? = 1 THEN worker ELSE done_by END
			WHERE site = ? AND worker = ?`, d, d, site, w.ID); err != nil {
			return err
		}
		for _, h := range hosts {
			if _, err := tx.ExecContext(ctx, `UPDATE host_leases SET
				worker = CASE WHEN holders <= 1 THEN '' ELSE worker END, holders = greatest(holders - 1, 0),
				free_at = greatest(coalesce(free_at, now()), now() + ? * interval '1 millisecond')
				WHERE host = ? AND worker = ?`, max(freeIn[h], 0).Milliseconds()+1, h, w.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("release %s: %w", site, err)
	}
	return nil
}

// Leave stops the heartbeat, gives back what the worker still holds
// (its sites unfinished) and marks it stopped.
func (w *Worker) Leave(ctx context.Context) error {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	clear(w.held)
	w.mu.Unlock()
	return w.s.tx(ctx, func(tx conn) error {
		if _, err := tx.ExecContext(ctx, `UPDATE site_leases SET worker = '', expires_at = NULL WHERE worker = ?`, w.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE host_leases SET worker = '', holders = 0 WHERE worker = ?`, w.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE workers SET stopped_at = now(), expires_at = now() WHERE id = ?`, w.ID)
		return err
	})
}

// WorkerInfo is a worker as `wardcrawl workers` lists it.
type WorkerInfo struct {
	ID        string     `json:"id"`
	Host      string     `json:"host"`
	PID       int        `json:"pid"`
	StartedAt time.Time  `json:"started_at"`
	Heartbeat time.Time  `json:"heartbeat"`
	ExpiresAt time.Time  `json:"expires_at"`
	StoppedAt *time.Time `json:"stopped_at,omitempty"`
	Live      bool       `json:"live"`
	RunID     int64      `json:"run_id,omitempty"`
	Sites     []string   `json:"sites"` // leased now
	Hosts     []string   `json:"hosts"`
}

// Workers lists the archive's workers, live first, newest first; with
// all false only the live ones and those that stopped or died in the
// last day.
func (s *Store) Workers(ctx context.Context, all bool) ([]WorkerInfo, error) {
	if !s.dialect.pg {
		return nil, ErrNeedsPostgres
	}
	cond := `WHERE expires_at > now() - interval '1 day'`
	if all {
		cond = ``
	}
	rows, err := s.q().QueryContext(ctx, `SELECT id, host, pid, started_at, heartbeat, expires_at, stopped_at, expires_at > now(), coalesce(run_id, 0)
		FROM workers `+cond+` ORDER BY expires_at > now() DESC, started_at DESC, id`)
	if err != nil {
		return nil, fmt.Errorf("workers: %w", err)
	}
	var out []WorkerInfo
	byID := map[string]int{}
	for rows.Next() {
		var wi WorkerInfo
		var stopped sql.NullTime
		if err := rows.Scan(&wi.ID, &wi.Host, &wi.PID, &wi.StartedAt, &wi.Heartbeat, &wi.ExpiresAt, &stopped, &wi.Live, &wi.RunID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("workers: %w", err)
		}
		for _, t := range []*time.Time{&wi.StartedAt, &wi.Heartbeat, &wi.ExpiresAt} {
			*t = t.In(vietnam)
		}
		if stopped.Valid {
			t := stopped.Time.In(vietnam)
			wi.StoppedAt = &t
		}
		byID[wi.ID] = len(out)
		out = append(out, wi)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("workers: %w", err)
	}
	for _, q := range []struct {
		sql string
		add func(w *WorkerInfo, v string)
	}{
		{`SELECT worker, site FROM site_leases WHERE worker <> '' AND expires_at > now() ORDER BY site`, func(w *WorkerInfo, v string) { w.Sites = append(w.Sites, v) }},
		{`SELECT worker, host FROM host_leases WHERE worker <> '' AND holders > 0 AND expires_at > now() ORDER BY host`, func(w *WorkerInfo, v string) { w.Hosts = append(w.Hosts, v) }},
	} {
		rows, err := s.q().QueryContext(ctx, q.sql)
		if err != nil {
			return nil, fmt.Errorf("workers: %w", err)
		}
		for rows.Next() {
			var worker, v string
			if err := rows.Scan(&worker, &v); err != nil {
				rows.Close()
				return nil, fmt.Errorf("workers: %w", err)
			}
			if i, ok := byID[worker]; ok {
				q.add(&out[i], v)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("workers: %w", err)
		}
	}
	return out, nil
}

// workerRunsCondition keeps AbortStaleRuns off the runs of live workers
// (PostgreSQL): only a run whose worker is gone was left unfinished.
const workerRunsCondition = ` AND worker NOT IN (SELECT id FROM workers WHERE expires_at > now())`

// workerName is the worker a run records: the joined worker's id, else
// host:pid.
func (s *Store) workerName() string {
	if s.worker != "" {
		return s.worker
	}
	host, _ := os.Hostname()
	return strings.TrimSpace(fmt.Sprintf("%s:%d", host, os.Getpid()))
}
