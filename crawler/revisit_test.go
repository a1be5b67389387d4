package crawler

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// revisitPortal is a portal built like the ones issue 19 measured: a home
// page with the menu, a news listing 32 pages deep (160 articles, newest
// first), a document (văn bản) listing with 100 record pages, a work
// calendar with a week per page (an endless prev/next chain, cut by the
// query-variant cap), and an about page. Listings and records send an
// ETag and answer If-None-Match.
func revisitPortal(t *testing.T) *testPortal {
	p := newTestPortal(t, 160)
	tagged := func(w http.ResponseWriter, r *http.Request, title, body string) {
		etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(title+body)))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		page(w, title, body)
	}
	menu := `<nav><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a> <a href="/van-ban">Văn bản</a> <a href="/lich-cong-tac">Lịch công tác</a> <a href="/gioi-thieu">Giới thiệu</a></nav>`
	p.handle("/", func(w http.ResponseWriter, r *http.Request) {
		page(w, "Trang chủ", menu+`<p>Cổng thông tin điện tử phường.</p>`)
	})
	p.handle("/van-ban", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		n = max(n, 1)
		var b strings.Builder
		b.WriteString(menu + `<table class="van-ban">`)
		for k := (n-1)*20 + 1; k <= min(n*20, 100); k++ {
			fmt.Fprintf(&b, `<tr><td>%d/QĐ-UBND</td><td><a href="/van-ban/vb-%d">Quyết định số %d/QĐ-UBND</a></td></tr>`, k, k, k)
		}
		b.WriteString(`</table>`)
		if n < 5 {
			fmt.Fprintf(&b, `<a href="/van-ban?page=%d">Trang sau</a>`, n+1)
		}
		tagged(w, r, "Văn bản", b.String())
	})
	for k := 1; k <= 100; k++ {
		p.handle(fmt.Sprintf("/van-ban/vb-%d", k), func(w http.ResponseWriter, r *http.Request) {
			tagged(w, r, fmt.Sprintf("Quyết định số %d/QĐ-UBND", k), menu+fmt.Sprintf(`<table>
<tr><th>Số ký hiệu</th><td>%d/QĐ-UBND</td></tr><tr><th>Ngày ban hành</th><td>%02d/03/2024</td></tr>
<tr><th>Cơ quan ban hành</th><td>UBND phường</td></tr><tr><th>Trích yếu</th><td>Về việc kiện toàn tổ %d</td></tr></table>`, k, 1+k%28, k))
		})
	}
	p.handle("/lich-cong-tac", func(w http.ResponseWriter, r *http.Request) {
		wk, _ := strconv.Atoi(r.URL.Query().Get("tuan"))
		tagged(w, r, "Lịch công tác", menu+fmt.Sprintf(`<p>Tuần %d: họp giao ban thứ Hai.</p><a href="/lich-cong-tac?tuan=%d">Tuần trước</a> <a href="/lich-cong-tac?tuan=%d">Tuần sau</a>`, wk, wk-1, wk+1))
	})
	return p
}

// revisitSite is the portal's config: no depth limit (the news listing is
// 32 pages deep), a cap on query variants (40) that the news listing stays under and the
// calendar reaches.
func revisitSite(p *testPortal, adaptive bool) config.Site {
	s := site("phuong", p.URL+"/")
	s.MaxDepth, s.MaxQueryVariants, s.AdaptiveRevisit = 0, 40, adaptive
	return s
}

// Issue 19: after a full crawl, idle runs fetch what is due, not the
// site: three hourly idle runs each fetch at most 10% of the site's
// pages; in the fourth, three new articles at the top of the news listing
// are all stored, and the run fetches at most 15%. Without the schedule
// the idle runs fetch every listing and calendar page again.
func TestIdleRunsFetchOnlyWhatIsDue(t *testing.T) {
	for _, adaptive := range []bool{true, false} {
		t.Run(fmt.Sprintf("adaptive=%v", adaptive), func(t *testing.T) {
			p := revisitPortal(t)
			st := openStore(t)
			s := revisitSite(p, adaptive)
			start := time.Now()
			at := func(h int) Options {
				return Options{RetryBase: 5 * time.Millisecond, Now: func() time.Time { return start.Add(time.Duration(h) * time.Hour) }}
			}
			crawlOnce(t, st, s, at(0))
			sitePages := len(paths(p.hits()))
			if n := len(articles(t, st)); sitePages < 300 || n < 160 {
				t.Fatalf("full crawl: %d pages, %d articles", sitePages, n)
			}
			worst := 0
			for h := 1; h <= 3; h++ {
				sum := crawlOnce(t, st, s, at(h))
				fetched := len(p.hits())
				worst = max(worst, fetched)
				if adaptive && (sum.Due == 0 || sum.NotDue < sitePages/2 || sum.NextDue == nil) {
					t.Errorf("idle run %d: schedule figures %+v", h, sum)
				}
			}
			slugs := []string{p.addArticle(161, true), p.addArticle(162, true), p.addArticle(163, true)}
			sum := crawlOnce(t, st, s, at(4))
			news := p.hits()
			got := paths(news)
			for _, slug := range slugs {
				if got[slug] != 1 {
					t.Errorf("new article %s fetched %d times", slug, got[slug])
				}
			}
			if sum.ArticlesNew != 3 {
				t.Errorf("news run stored %d new articles", sum.ArticlesNew)
			}
			idleOK := worst*10 <= sitePages
			newsOK := len(news)*100 <= 15*sitePages
			t.Logf("site %d pages; idle runs fetched at most %d; the news run %d (new links %d, not modified %d)", sitePages, worst, len(news), sum.NewLinks, sum.NotModified)
			switch {
			case adaptive && (!idleOK || !newsOK):
				t.Errorf("idle runs fetched up to %d of %d pages (want at most 10%%), the news run %d (want at most 15%%): %v", worst, sitePages, len(news), keys(got))
			case !adaptive && idleOK:
				t.Errorf("without the schedule, idle runs fetched only %d of %d pages: the test no longer tells", worst, sitePages)
			}
		})
	}
}

// The interval rules, visit by visit: a first visit waits a day (an
// article recheck_after), a visit that yields new links halves the wait
// down to revisit_min, one that yields nothing (or a 304) doubles it up to
// revisit_max, a changed article halves its wait and an unchanged one
// doubles it up to recheck_after, a server error keeps it, a 404 doubles
// it; a start URL and the pages it links are due again at once.
func TestRevisitIntervals(t *testing.T) {
	s := site("phuong", "http://127.0.0.1/")
	s.RevisitMin, s.RevisitMax, s.RecheckAfter = time.Hour, 8*24*time.Hour, 4*24*time.Hour
	r := &siteRun{site: s}
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	type step struct {
		kind        string // ticket kind: start, hub, page
		status      int
		newLinks    int
		article     string // the stored article's hash ("": none)
		prevHash    string
		want        time.Duration
		wantKind    string
		dueAtVisit  bool
		contentType string
	}
	run := func(name string, steps []step) {
		var prev *storage.Visit
		for i, st := range steps {
			tk := &ticket{Kind: kindPage, Hub: st.kind == "hub", newLinks: st.newLinks, PrevHash: st.prevHash}
			if st.kind == "start" {
				tk.Kind = kindStart
			}
			if prev != nil {
				tk.Prev = &prevVisit{Interval: prev.Interval, Visits: prev.Visits}
			}
			f := storage.Fetch{FetchedAt: t0.Add(time.Duration(i) * time.Hour), Status: st.status, ContentType: cmp.Or(st.contentType, "text/html; charset=utf-8")}
			if st.status >= 400 {
				f.Err = "HTTP " + strconv.Itoa(st.status)
			}
			p := storage.Page{Fetch: f, Visit: visitOf(tk, 1, f), NotModified: st.status == http.StatusNotModified && st.article != "", RequestURL: fmt.Sprint("http://127.0.0.1/", name, i)}
			if st.article != "" {
				p.Fetch.IsArticle, p.Fetch.ContentHash = true, st.article
				if st.status == http.StatusOK {
					p.Article = &storage.Article{ContentHash: st.article}
				}
			}
			r.revisit(&p)
			v := p.Visit
			wait := v.NextDue.Sub(v.At)
			spreadOK := st.dueAtVisit && wait == 0 || !st.dueAtVisit && wait >= v.Interval && wait <= v.Interval+v.Interval/4
			if v.Interval != st.want || v.Kind != st.wantKind || v.Visits != i+1 || !spreadOK {
				t.Errorf("%s, visit %d: %s interval %s, next due +%s, visits %d (%s); want %s %s", name, i+1, v.Kind, v.Interval, v.NextDue.Sub(v.At), v.Visits, v.Reason, st.wantKind, st.want)
			}
			prev = v
		}
	}
	day := 24 * time.Hour
	run("a listing page", []step{
		{kind: "page", status: 200, newLinks: 20, want: day, wantKind: "page"},
		{kind: "page", status: 200, want: 2 * day, wantKind: "page"},
		{kind: "page", status: 304, want: 4 * day, wantKind: "page"},
		{kind: "page", status: 200, want: 8 * day, wantKind: "page"},
		{kind: "page", status: 200, want: 8 * day, wantKind: "page"},
		{kind: "page", status: 200, newLinks: 3, want: 4 * day, wantKind: "page"},
		{kind: "page", status: 503, want: 4 * day, wantKind: "error"},
		{kind: "page", status: 404, want: 8 * day, wantKind: "error"},
	})
	run("a page that keeps yielding", []step{
		{kind: "page", status: 200, newLinks: 5, want: day, wantKind: "page"},
		{kind: "page", status: 200, newLinks: 5, want: 12 * time.Hour, wantKind: "page"},
		{kind: "page", status: 200, newLinks: 5, want: 6 * time.Hour, wantKind: "page"},
		{kind: "page", status: 200, newLinks: 5, want: 3 * time.Hour, wantKind: "page"},
		{kind: "page", status: 200, newLinks: 5, want: 90 * time.Minute, wantKind: "page"},
		{kind: "page", status: 200, newLinks: 5, want: time.Hour, wantKind: "page"},
		{kind: "page", status: 200, newLinks: 5, want: time.Hour, wantKind: "page"},
	})
	run("an article", []step{
		{kind: "page", status: 200, article: "h1", want: 4 * day, wantKind: "article"},
		{kind: "page", status: 304, article: "h1", prevHash: "h1", want: 4 * day, wantKind: "article"},
		{kind: "page", status: 200, article: "h2", prevHash: "h1", want: 2 * day, wantKind: "article"},
		{kind: "page", status: 200, article: "h2", prevHash: "h2", want: 4 * day, wantKind: "article"},
	})
	run("a document the home page links", []step{
		{kind: "hub", status: 200, contentType: "application/pdf", want: day, wantKind: "page"},
	})
	run("the home page and the pages it links", []step{
		{kind: "start", status: 200, newLinks: 5, want: day, wantKind: "start", dueAtVisit: true},
		{kind: "hub", status: 200, want: 2 * day, wantKind: "hub", dueAtVisit: true},
		{kind: "hub", status: 304, want: 4 * day, wantKind: "hub", dueAtVisit: true},
		{kind: "hub", status: 200, article: "h3", want: 4 * day, wantKind: "article"},
	})
}

// A scheduled page is due at its time, or sooner: a start page links it
// (unless it is a stored article), a sitemap's lastmod is after the last
// visit, or its kind's cap (recheck_after, revisit_max) is shorter than
// the wait it was given. A sitemap's lastmod before the last visit keeps
// it waiting, whatever the schedule says.
func TestScheduledDue(t *testing.T) {
	s := site("phuong", "http://127.0.0.1/")
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	r := &siteRun{site: s, c: &Crawler{opt: Options{Now: func() time.Time { return now }}}}
	visited := now.Add(-10 * time.Hour)
	page := storage.Scheduled{Visit: storage.Visit{Kind: visitPage, At: visited, NextDue: now.Add(time.Hour)}}
	article := storage.Scheduled{Visit: storage.Visit{Kind: visitArticle, At: visited, NextDue: now.Add(time.Hour)}}
	cases := []struct {
		name string
		c    candidate
		e    storage.Scheduled
		cap  time.Duration // revisit_max and recheck_after (0: the defaults)
		want bool
	}{
		{"not yet", candidate{}, page, 0, false},
		{"due", candidate{}, storage.Scheduled{Visit: storage.Visit{Kind: visitPage, At: visited, NextDue: now}}, 0, true},
		{"linked from the start page", candidate{offer: offer{hub: true}}, page, 0, true},
		{"a stored article linked from the start page", candidate{offer: offer{hub: true}}, article, 0, false},
		{"a 404 linked from the start page", candidate{offer: offer{hub: true}}, storage.Scheduled{Visit: storage.Visit{Kind: visitError, Status: 404, At: visited, NextDue: now.Add(time.Hour)}}, 0, false},
		{"a 503 linked from the start page", candidate{offer: offer{hub: true}}, storage.Scheduled{Visit: storage.Visit{Kind: visitError, Status: 503, At: visited, NextDue: now.Add(time.Hour)}}, 0, true},
		{"sitemap lastmod after the visit", candidate{offer: offer{lastmod: now.Add(-time.Hour)}}, page, 0, true},
		{"sitemap lastmod before the visit", candidate{offer: offer{lastmod: now.Add(-20 * time.Hour)}}, storage.Scheduled{Visit: storage.Visit{Kind: visitPage, At: visited, NextDue: now}}, 0, false},
		{"a cap lowered below the wait", candidate{}, page, 5 * time.Hour, true},
		{"an article's cap lowered", candidate{}, article, 5 * time.Hour, true},
	}
	for _, c := range cases {
		r.site.RevisitMax, r.site.RecheckAfter = s.RevisitMax, s.RecheckAfter
		if c.cap > 0 {
			r.site.RevisitMax, r.site.RecheckAfter = c.cap, c.cap
		}
		if got := r.scheduledDue(c.c, c.e); got != c.want {
			t.Errorf("%s: due %v, want %v", c.name, got, c.want)
		}
	}
}

// Pages first seen together fall due spread over a quarter of their
// interval, each URL at the same point every time.
func TestSpread(t *testing.T) {
	day := 24 * time.Hour
	seen := map[time.Duration]bool{}
	for i := range 200 {
		u := fmt.Sprintf("http://127.0.0.1/tin-tuc?page=%d", i)
		d := spread(u, day)
		if d < 0 || d >= day/4 || d != spread(u, day) {
			t.Fatalf("%s: spread %s", u, d)
		}
		seen[d] = true
	}
	if len(seen) < 150 {
		t.Errorf("200 URLs spread over only %d points", len(seen))
	}
}

// A page skipped as not due when a deep page linked it is still fetched
// when a start page links it later in the run (a hub is due every run).
func TestNotDueThenLinkedFromTheStartPage(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	s := site("phuong", "http://127.0.0.1:9/")
	c := New(st, Options{})
	r := &siteRun{c: c, frontier: st, pages: st, models: st, sched: st, ctx: ctx, dbctx: ctx, site: s, scope: newScope(s.AllowedDomains),
		log: c.opt.Logger, hosts: map[string]*host{}, known: newURLMemory(64), notDue: newURLMemory(64)}
	u := "http://127.0.0.1:9/tin-tuc"
	now := time.Now()
	if _, err := st.SavePage(ctx, storage.Page{RequestURL: u, Visit: &storage.Visit{Kind: visitPage, Depth: 2, At: now, Interval: 48 * time.Hour, NextDue: now.Add(48 * time.Hour), Visits: 3, Status: 200},
		Fetch: storage.Fetch{Site: "phuong", URL: u, Status: 200, FetchedAt: now}}); err != nil {
		t.Fatal(err)
	}
	if err := st.EndRound(ctx, "phuong"); err != nil { // that visit was an earlier run's
		t.Fatal(err)
	}
	if _, err := r.enqueueNew(offer{raw: u, depth: 3, kind: kindPage}); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.QueueLen(ctx, "phuong"); n != 0 || !r.notDue.has(u) {
		t.Fatalf("a deep link to a page not due queued it (%d) or was not remembered", n)
	}
	if _, err := r.enqueueNew(offer{raw: u, depth: 1, kind: kindPage, hub: true}); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.QueueLen(ctx, "phuong"); n != 1 {
		t.Errorf("linked from the start page, it is queued %d times, want 1", n)
	}
}
