package crawler

import (
	"context"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/storage"
)

// fakeLeaser answers Acquire from a script and records what it is told.
type fakeLeaser struct {
	mu       sync.Mutex
	answers  []storage.Lease // in turn; the last one repeats
	acquired int
	asked    []time.Time // when Acquire was called
	runIDs   []int64     // the run each Acquire named
	hosts    []string
	onLost   func()
	released []released
}

type released struct {
	site   string
	freeIn map[string]time.Duration
	done   bool
	at     time.Time
}

func (f *fakeLeaser) Acquire(ctx context.Context, runID int64, site string, hosts []string, delay time.Duration, onLost func()) (storage.Lease, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l := f.answers[min(f.acquired, len(f.answers)-1)]
	f.acquired++
	f.asked = append(f.asked, time.Now())
	f.runIDs = append(f.runIDs, runID)
	f.hosts, f.onLost = hosts, onLost
	return l, nil
}

func (f *fakeLeaser) Release(ctx context.Context, site string, freeIn map[string]time.Duration, done bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.released = append(f.released, released{site, freeIn, done, time.Now()})
	return nil
}

// leasedPortal serves one farm portal of five articles, its requests
// logged, and the site crawling it one request at a time.
func leasedPortal(t *testing.T) (*farm.Farm, config.Site, string) {
	t.Helper()
	f := farm.NewSites(1, 5)
	f.LogRequests()
	if err := f.Start("127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	s := site(f.Sites[0].Name, f.Sites[0].URL+"/")
	s.Delay, s.Parallelism = 50*time.Millisecond, 1
	u, _ := url.Parse(f.Sites[0].URL)
	return f, s, u.Host
}

// A leased site waits, before its host's first request, what the lease
// says its last holder left of the delay; it is released done, giving the
// delay after its last request; it was asked for again while Busy.
func TestLeasedSiteWaitsAndReleases(t *testing.T) {
	p, s, host := leasedPortal(t)
	wait := 400 * time.Millisecond
	fl := &fakeLeaser{answers: []storage.Lease{{State: storage.Busy, Holder: "other"}, {State: storage.Leased, Wait: map[string]time.Duration{host: wait}}}}
	c := New(openStore(t), Options{Leases: fl, LeasePoll: 20 * time.Millisecond})
	start := time.Now()
	sum, err := c.Run(context.Background(), []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sites[0].ArticlesNew != 5 || fl.acquired != 2 {
		t.Fatalf("%+v, acquired %d times", sum.Sites[0], fl.acquired)
	}
	if len(fl.hosts) != 1 || fl.hosts[0] != host {
		t.Errorf("hosts leased: %v", fl.hosts)
	}
	reqs := p.Requests()
	if len(reqs) == 0 || reqs[0].At.Sub(start) < wait {
		t.Errorf("first request %v after the run began; the lease said wait %s", reqs[0].At.Sub(start), wait)
	}
	if len(fl.released) != 1 || !fl.released[0].done {
		t.Fatalf("released %+v", fl.released)
	}
	last := reqs[len(reqs)-1].At
	if free := fl.released[0].at.Add(fl.released[0].freeIn[host]); free.Sub(last) < s.Delay-10*time.Millisecond {
		t.Errorf("the host was given back free %s after its last request; its delay is %s", free.Sub(last), s.Delay)
	}
}

// A site another worker finished since the run began is not crawled: the
// run says who did.
func TestLeaseDoneByAnother(t *testing.T) {
	p, s, _ := leasedPortal(t)
	fl := &fakeLeaser{answers: []storage.Lease{{State: storage.Done, Holder: "host:1:ab"}}}
	sum, err := New(openStore(t), Options{Leases: fl}).Run(context.Background(), []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sites[0].CrawledBy != "host:1:ab" || sum.Sites[0].PagesFetched != 0 || len(p.Requests()) != 0 || len(fl.released) != 0 {
		t.Errorf("%+v, %d requests", sum.Sites[0], len(p.Requests()))
	}
}

// An archive (Complete) asks for its site's lease without a run, which
// the store never answers Done: it copies the whole site whatever another
// worker's crawl did. A crawl names its run.
func TestArchiveLeaseIsNeverDone(t *testing.T) {
	_, s, _ := leasedPortal(t)
	for _, complete := range []bool{true, false} {
		fl := &fakeLeaser{answers: []storage.Lease{{State: storage.Leased}}}
		sum, err := New(openStore(t), Options{Leases: fl, Complete: complete}).Run(context.Background(), []config.Site{s})
		if err != nil {
			t.Fatal(err)
		}
		if len(fl.runIDs) != 1 || complete != (fl.runIDs[0] == 0) || sum.Sites[0].ArticlesNew != 5 {
			t.Errorf("complete %v: acquired for runs %v (run %d), %+v", complete, fl.runIDs, sum.RunID, sum.Sites[0])
		}
	}
}

// A lease lost mid-crawl stops the site, as an interruption does; it is
// released unfinished and deferred: asked for again, leased again here,
// it is finished, every article stored once.
func TestLostLeaseStopsAndDefersTheSite(t *testing.T) {
	f, s, _ := leasedPortal(t)
	s.Delay = 100 * time.Millisecond
	fl := &fakeLeaser{answers: []storage.Lease{{State: storage.Leased}}}
	st := openStore(t)
	c := New(st, Options{Leases: fl})
	go func() {
		for len(f.Requests()) < 3 {
			time.Sleep(5 * time.Millisecond)
		}
		fl.mu.Lock()
		lost := fl.onLost
		fl.mu.Unlock()
		lost()
	}()
	sum, err := c.Run(context.Background(), []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	if r := sum.Sites[0]; r.Error != "" || r.ArticlesNew != 5 || fl.acquired != 2 {
		t.Errorf("%+v, acquired %d times", r, fl.acquired)
	}
	if len(fl.released) != 2 || fl.released[0].done || !fl.released[1].done {
		t.Errorf("released %+v", fl.released)
	}
	if n := len(articles(t, st)); n != 5 {
		t.Errorf("%d articles stored", n)
	}
}

// A site another worker keeps is asked for less and less often: the wait
// doubles each time.
func TestBusySiteAskedForLessOften(t *testing.T) {
	_, s, _ := leasedPortal(t)
	busy := storage.Lease{State: storage.Busy, Holder: "other"}
	fl := &fakeLeaser{answers: []storage.Lease{busy, busy, busy, busy, {State: storage.Leased}}}
	poll := 40 * time.Millisecond
	sum, err := New(openStore(t), Options{Leases: fl, LeasePoll: poll}).Run(context.Background(), []config.Site{s})
	if err != nil || sum.Sites[0].ArticlesNew != 5 || fl.acquired != 5 {
		t.Fatalf("%v %+v, acquired %d times", err, sum.Sites[0], fl.acquired)
	}
	for i := 1; i < len(fl.asked); i++ {
		if gap, want := fl.asked[i].Sub(fl.asked[i-1]), poll<<(i-1); gap < want {
			t.Errorf("ask %d came %s after the one before; want at least %s", i, gap, want)
		}
	}
}
