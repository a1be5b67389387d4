package crawler

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
)

// Two sites on one host (paths of one provincial server) keep the delay
// between all their requests to it, not each its own.
func TestPolitenessAcrossSitesOnOneHost(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case r.URL.Path == "/a/" || r.URL.Path == "/b/":
			for i := range 3 {
				fmt.Fprintf(w, `<a href="%s%d">%d</a> `, r.URL.Path, i, i)
			}
		case regexp.MustCompile(`^/[ab]/\d$`).MatchString(r.URL.Path):
			fmt.Fprint(w, goodArticle("Bài "+r.URL.Path))
		default:
			http.NotFound(w, r)
		}
	})
	srv := serveOn(t, "127.0.0.1", mux)
	const delay = 120 * time.Millisecond
	var sites []config.Site
	for _, p := range []string{"a", "b"} {
		s := site("site-"+p, srv.URL+"/"+p+"/")
		s.Delay, s.Parallelism = delay, 1
		s.FollowPattern = regexp.MustCompile("/" + p + "/")
		sites = append(sites, s)
	}
	sum, err := New(openStore(t), Options{}).Run(context.Background(), sites)
	if err != nil || sum.Status != "ok" {
		t.Fatalf("%v %+v", err, sum)
	}
	mu.Lock()
	defer mu.Unlock()
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	if len(starts) < 10 {
		t.Fatalf("%d requests", len(starts))
	}
	for i := 1; i < len(starts); i++ {
		// A lower bound, with slack: arrivals are timed at the server, and
		// one that lands late (the machine busy) shortens the next gap by
		// as much. Two sites each keeping its own delay come a few
		// milliseconds apart.
		if gap := starts[i].Sub(starts[i-1]); gap < delay-30*time.Millisecond {
			t.Errorf("requests %d and %d to the shared host %s apart (delay %s)", i-1, i, gap, delay)
		}
	}
}

// A slow answer does not squeeze the next gap: the delay runs from when a
// request is actually sent, not from the slot it was given. One request
// at a time, answers alternately slow (longer than the delay) and fast:
// reckoned from slots, the request after a fast answer followed a late
// one by less than the delay.
func TestDelayRunsFromTheActualRequest(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	n := 0
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		n++
		slow := n%2 == 0
		mu.Unlock()
		if slow {
			time.Sleep(150 * time.Millisecond)
		}
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case r.URL.Path == "/":
			for i := range 8 {
				fmt.Fprintf(w, `<a href="/tin/%d">%d</a> `, i, i)
			}
		default:
			fmt.Fprint(w, goodArticle("Bài "+r.URL.Path))
		}
	})
	srv := serveOn(t, "127.0.0.1", mux)
	const delay = 100 * time.Millisecond
	s := site("cham", srv.URL+"/")
	s.Delay, s.Parallelism = delay, 1
	if sum, err := New(openStore(t), Options{}).Run(context.Background(), []config.Site{s}); err != nil || sum.Status != "ok" {
		t.Fatalf("%v %+v", err, sum)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(starts) < 9 {
		t.Fatalf("%d requests", len(starts))
	}
	// Arrivals are timed at the server: a request that reached it late
	// (the machine busy) shortens the next gap by as much, so the bound
	// leaves 25 ms of slack; reckoned from slots, the gap after a fast
	// answer was a few milliseconds.
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < delay-25*time.Millisecond {
			t.Errorf("request %d came %s after the one before (delay %s)", i, gap, delay)
		}
	}
}
