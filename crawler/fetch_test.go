package crawler

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
)

// A start URL that redirects (a Liferay portal's / to its home page) is
// answered even when the page it redirects to was fetched earlier in the
// run, as a page the revisit schedule had due: colly reports the redirect
// as "already visited", and the site must not fail with "no start URL
// could be fetched" (TestEndToEnd's second crawl failed so, now and then,
// when its due home page came before its start URL).
func TestStartRedirectToAPageAlreadyFetched(t *testing.T) {
	p := newTestPortal(t, 2)
	var slow atomic.Bool
	p.handle("/start", func(w http.ResponseWriter, r *http.Request) {
		if slow.Load() { // the due home page is fetched first
			time.Sleep(300 * time.Millisecond)
		}
		http.Redirect(w, r, "/", http.StatusFound)
	})
	st := openStore(t)
	s := site("phuong", p.URL+"/start")
	s.Parallelism = 2
	s.RecheckAfter = time.Nanosecond // everything due again
	for run := 1; run <= 2; run++ {
		slow.Store(run == 2)
		sum, err := New(st, Options{}).Run(context.Background(), []config.Site{s})
		if err != nil {
			t.Fatal(err)
		}
		got := sum.Sites[0]
		if sum.Status != "ok" || got.Error != "" {
			t.Errorf("run %d: status %s, stats %+v", run, sum.Status, got)
		}
		if run == 2 && paths(p.hits())["/"] == 0 {
			t.Errorf("run 2 did not fetch / as a due page: the test does not test what it says")
		}
		p.hits()
	}
}
