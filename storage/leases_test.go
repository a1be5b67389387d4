package storage

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/pgtest"
)

// runOf fixes the run a worker acquires for (else a new run each time).
var runOf = map[*Worker]int64{}

// pgPair opens two stores on one new PostgreSQL database: two processes'
// views of one archive.
func pgPair(t *testing.T) (*Store, *Store) {
	t.Helper()
	dsn := pgtest.Shared(t).NewDatabase(t)
	var out [2]*Store
	for i := range out {
		s, err := Open(context.Background(), dsn, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	return out[0], out[1]
}

func join(t *testing.T, s *Store, ttl time.Duration) *Worker {
	t.Helper()
	w, err := s.JoinWorker(context.Background(), ttl)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func acquire(t *testing.T, w *Worker, site string, hosts []string, delay time.Duration, onLost func()) Lease {
	t.Helper()
	run, ok := runOf[w]
	if !ok {
		var err error
		if run, err = w.s.StartRun(context.Background(), []string{site}, t0); err != nil {
			t.Fatal(err)
		}
	}
	l, err := w.Acquire(context.Background(), run, site, hosts, delay, onLost)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// A site and its hosts go to one worker at a time; a worker may hold a
// host for several of its sites; a site one worker finished is Done for
// a worker that began before; the next holder of a host waits out the
// delay its last holder left.
func TestLeasesShareSitesAndHosts(t *testing.T) {
	ctx := context.Background()
	s1, s2 := pgPair(t)
	w1, w2 := join(t, s1, 3*time.Second), join(t, s2, 3*time.Second)
	defer w1.Leave(ctx)
	defer w2.Leave(ctx)
	// One run each, begun now.
	for _, w := range []*Worker{w1, w2} {
		runOf[w], _ = w.s.StartRun(ctx, []string{"phuong-a"}, t0)
	}
	h := []string{"tinh.example:80"}
	if l := acquire(t, w1, "phuong-a", h, 0, nil); l.State != Leased {
		t.Fatalf("w1 a: %+v", l)
	}
	if l := acquire(t, w2, "phuong-a", h, 0, nil); l.State != Busy || l.Holder != w1.ID {
		t.Errorf("w2 a: %+v", l)
	}
	if l := acquire(t, w2, "phuong-b", h, 0, nil); l.State != Busy || l.Holder != w1.ID {
		t.Errorf("w2 b shares the host: %+v", l)
	}
	if l := acquire(t, w1, "phuong-b", h, 0, nil); l.State != Leased {
		t.Errorf("w1 b, its own host: %+v", l)
	}
	if err := w1.Release(ctx, "phuong-a", map[string]time.Duration{h[0]: 200 * time.Millisecond}, true); err != nil {
		t.Fatal(err)
	}
	if l := acquire(t, w2, "phuong-a", h, 0, nil); l.State != Done || l.Holder != w1.ID {
		t.Errorf("w2 a after w1 finished it: %+v", l)
	}
	if l := acquire(t, w2, "phuong-c", h, 0, nil); l.State != Busy {
		t.Errorf("the host is still w1's for b: %+v", l)
	}
	if err := w1.Release(ctx, "phuong-b", map[string]time.Duration{h[0]: 400 * time.Millisecond}, true); err != nil {
		t.Fatal(err)
	}
	l := acquire(t, w2, "phuong-c", h, 0, nil)
	// What is left of the 400 ms owed: less the time since the release (up
	// to 300 ms on a busy machine), never more.
	if l.State != Leased || l.Wait[h[0]] < 100*time.Millisecond || l.Wait[h[0]] > 401*time.Millisecond {
		t.Errorf("w2 c after w1 let the host go: %+v", l)
	}
	// Asked for without a run (an archive), a finished site is not Done.
	if l, err := w2.Acquire(ctx, 0, "phuong-a", []string{"archive.example:80"}, 0, nil); err != nil || l.State != Leased {
		t.Errorf("w2 a without a run: %+v %v", l, err)
	} else if err := w2.Release(ctx, "phuong-a", map[string]time.Duration{"archive.example:80": 0}, false); err != nil {
		t.Fatal(err)
	}
	// A run that began after phuong-a was finished crawls it again.
	w3 := join(t, s2, 3*time.Second)
	defer w3.Leave(ctx)
	if l := acquire(t, w3, "phuong-a", []string{"other.example:80"}, 0, nil); l.State != Leased {
		t.Errorf("a new worker: %+v", l)
	}
	ws, err := s1.Workers(ctx, false)
	if err != nil || len(ws) != 3 {
		t.Fatalf("workers %+v %v", ws, err)
	}
	for _, wi := range ws {
		if !wi.Live {
			t.Errorf("%s not live", wi.ID)
		}
		if wi.ID == w2.ID && (len(wi.Sites) != 1 || wi.Sites[0] != "phuong-c" || len(wi.Hosts) != 1) {
			t.Errorf("w2 holds %v %v", wi.Sites, wi.Hosts)
		}
	}
}

// A worker that dies holding leases (no heartbeat, no release) loses them
// when they expire: another worker takes its site and waits the host's
// delay before its first request. Its run is aborted; a live worker's is
// not.
func TestDeadWorkersLeasesExpire(t *testing.T) {
	ctx := context.Background()
	s1, s2 := pgPair(t)
	dead, live := join(t, s1, 600*time.Millisecond), join(t, s2, 600*time.Millisecond)
	defer live.Leave(ctx)
	deadRun, _ := s1.StartRun(ctx, []string{"phuong-d"}, t0)
	liveRun, _ := s2.StartRun(ctx, []string{"phuong-e"}, t0)
	runOf[dead], runOf[live] = deadRun, liveRun
	h := []string{"d.example:80"}
	if l := acquire(t, dead, "phuong-d", h, 0, nil); l.State != Leased {
		t.Fatal(l)
	}
	close(dead.stop) // killed: the heartbeat stops, nothing is released
	<-dead.done
	if l := acquire(t, live, "phuong-d", h, time.Second, nil); l.State != Busy {
		t.Errorf("before expiry: %+v", l)
	}
	time.Sleep(700 * time.Millisecond)
	l := acquire(t, live, "phuong-d", h, time.Second, nil)
	if l.State != Leased || l.Wait[h[0]] < time.Second {
		t.Errorf("after expiry: %+v", l)
	}
	if n, err := s2.AbortStaleRuns(ctx); err != nil || n != 1 {
		t.Errorf("aborted %d runs, %v", n, err)
	}
	runs, _ := s2.Runs(ctx, 0)
	for _, r := range runs {
		want := map[int64]string{deadRun: "aborted", liveRun: "running"}[r.ID]
		if r.Status != want || r.Worker == "" {
			t.Errorf("run %d %s by %q", r.ID, r.Status, r.Worker)
		}
	}
}

// A lease another worker took after it expired (a worker stalled past its
// lease time) is lost: the heartbeat tells its holder.
func TestLostLeaseIsReported(t *testing.T) {
	ctx := context.Background()
	s1, s2 := pgPair(t)
	w1, w2 := join(t, s1, 600*time.Millisecond), join(t, s2, 600*time.Millisecond)
	defer w1.Leave(ctx)
	defer w2.Leave(ctx)
	lost := make(chan bool, 1)
	if l := acquire(t, w1, "phuong-f", nil, 0, func() { lost <- true }); l.State != Leased {
		t.Fatal(l)
	}
	if _, err := s2.q().ExecContext(ctx, `UPDATE site_leases SET expires_at = now() - interval '1 second' WHERE site = 'phuong-f'`); err != nil {
		t.Fatal(err)
	}
	if l := acquire(t, w2, "phuong-f", nil, 0, nil); l.State != Leased {
		t.Fatalf("w2: %+v", l)
	}
	select {
	case <-lost:
	case <-time.After(2 * time.Second):
		t.Error("w1 was not told it lost phuong-f")
	}
}

func TestWorkersNeedPostgres(t *testing.T) {
	s := open(t)
	if _, err := s.JoinWorker(context.Background(), time.Second); err != ErrNeedsPostgres {
		t.Errorf("%v", err)
	}
}

// Workers starting at once on a new database migrate it once between
// them (an advisory lock), instead of racing to create the same tables.
func TestStoresOpeningANewDatabaseAtOnce(t *testing.T) {
	dsn := pgtest.Shared(t).NewDatabase(t)
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			s, err := Open(context.Background(), dsn, Options{})
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// Two processes claiming from one site's queue at once (a guard behind
// the site lease) never get the same URL.
func TestConcurrentClaimsTakeEachURLOnce(t *testing.T) {
	ctx := context.Background()
	s1, s2 := pgPair(t)
	var entries []QueueEntry
	for i := range 200 {
		entries = append(entries, QueueEntry{Site: "phuong-a", URL: fmt.Sprint("http://a/", i), Request: []byte("r")})
	}
	if _, err := s1.Enqueue(ctx, entries...); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	got := map[string]int{}
	var wg sync.WaitGroup
	for _, s := range []*Store{s1, s2, s1, s2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				cs, err := s.Claim(ctx, "phuong-a", 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(cs) == 0 {
					return
				}
				mu.Lock()
				for _, c := range cs {
					got[c.URL]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(got) != 200 {
		t.Errorf("%d URLs claimed", len(got))
	}
	for u, n := range got {
		if n != 1 {
			t.Errorf("%s claimed %d times", u, n)
		}
	}
}
