package crawler

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

func crawlOnce(t *testing.T, st *storage.Store, s config.Site, opt ...Options) storage.RunSiteStats {
	t.Helper()
	c := fastCrawler(st)
	if len(opt) > 0 {
		c = New(st, opt[0])
	}
	sum, err := c.Run(context.Background(), []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sites[0].Error != "" {
		t.Fatalf("site failed: %s", sum.Sites[0].Error)
	}
	return sum.Sites[0]
}

// Without the revisit schedule, the second run fetches the start page,
// the listing pages and the new article; stored articles are not fetched
// before recheck_after.
func TestSecondRunFetchesListingsAndNewArticlesOnly(t *testing.T) {
	p := newTestPortal(t, 12)
	st := openStore(t)
	s := site("phuong", p.URL+"/")
	s.AdaptiveRevisit = false
	first := crawlOnce(t, st, s)
	run1 := paths(p.hits())
	if first.ArticlesNew != 12 || run1["/tin-tuc/thong-bao-so-1.html"] != 1 {
		t.Fatalf("first run: %+v, hits %v", first, keys(run1))
	}
	newSlug := p.addArticle(13, true)
	second := crawlOnce(t, st, s)
	run2 := paths(p.hits())
	want := []string{"/", "/gioi-thieu", "/sitemap.xml", "/tin-tuc", newSlug, "/tin-tuc?page=2", "/tin-tuc?page=3"}
	if fmt.Sprint(keys(run2)) != fmt.Sprint(want) {
		t.Errorf("second run fetched %v\nwant %v", keys(run2), want)
	}
	for path, n := range run2 {
		if n != 1 {
			t.Errorf("%s fetched %d times in one run", path, n)
		}
	}
	if second.ArticlesNew != 1 || second.SkippedFresh == 0 || second.Resumed {
		t.Errorf("second run: %+v", second)
	}
	if n := len(articles(t, st)); n != 13 {
		t.Errorf("%d articles stored, want 13", n)
	}
	// A portal without /sitemap.xml shows no fetch error for it.
	if stats, _ := st.Stats(context.Background()); stats.Sites[0].Errors != 0 {
		t.Errorf("the /sitemap.xml probe's 404 counted as a fetch error: %+v", stats.Sites[0])
	}

	// Once recheck_after has passed, stored articles are fetched again.
	s.RecheckAfter = time.Hour
	crawlOnce(t, st, s, Options{Now: func() time.Time { return time.Now().Add(2 * time.Hour) }})
	if n := paths(p.hits())["/tin-tuc/thong-bao-so-1.html"]; n != 1 {
		t.Errorf("article past recheck_after fetched %d times", n)
	}
}

// A re-fetch is conditional: 304 costs no parsing and moves only
// last_seen_at; changed text adds a version and keeps the old one.
func TestConditionalRefetch(t *testing.T) {
	p := newTestPortal(t, 4)
	p.etags = true
	st := openStore(t)
	s := site("phuong", p.URL+"/")
	s.RecheckAfter = 0 // recheck every run
	crawlOnce(t, st, s)
	p.hits()
	before := articles(t, st)
	changed := "/tin-tuc/thong-bao-so-2.html"
	p.setBody(changed, "Ủy ban nhân dân phường điều chỉnh lịch tiếp công dân: buổi tiếp tháng này chuyển sang sáng thứ Sáu tại phòng họp số hai của trụ sở.")
	time.Sleep(1100 * time.Millisecond) // stored times have one-second resolution
	sum := crawlOnce(t, st, s)
	hits := p.hits()
	var conditional, notModified int
	for _, h := range hits {
		if strings.HasPrefix(h.path, "/tin-tuc/") {
			if !h.conditional {
				t.Errorf("%s re-fetched without If-None-Match", h.path)
			}
			conditional++
			if h.status == http.StatusNotModified {
				notModified++
			}
		} else if h.conditional {
			t.Errorf("listing or start page %s fetched conditionally: its links would be lost on a 304", h.path)
		}
	}
	if conditional != 4 || notModified != 3 || sum.NotModified != 3 || sum.ArticlesChanged != 1 || sum.ArticlesNew != 0 {
		t.Errorf("conditional=%d 304s=%d summary=%+v", conditional, notModified, sum)
	}
	after := articles(t, st)
	if len(after) != 5 {
		t.Fatalf("%d article versions, want 4 + 1 changed", len(after))
	}
	for hash, old := range before {
		now, ok := after[hash]
		if !ok {
			t.Errorf("old version of %s lost", old.URL)
			continue
		}
		if old.URL != p.URL+changed && !now.LastSeenAt.After(old.LastSeenAt) {
			t.Errorf("%s: last_seen_at did not move on 304 (%s)", old.URL, now.LastSeenAt)
		}
		if now.Text != old.Text || !now.FirstSeenAt.Equal(old.FirstSeenAt) {
			t.Errorf("%s: a 304 changed the stored article", old.URL)
		}
	}
	f, _, _ := st.LastFetch(context.Background(), p.URL+"/tin-tuc/thong-bao-so-1.html")
	if f.Status != http.StatusNotModified || !f.IsArticle || f.ContentHash == "" || f.Count != 2 || !strings.HasPrefix(f.ContentType, "text/html") || f.ETag == "" {
		t.Errorf("fetch after 304: %+v", f)
	}
}

// robots.txt Sitemap lines, sitemap indexes, gzip sitemaps and feeds
// linked from pages all find articles no page links to; a sitemap lastmod
// older than the stored copy skips the fetch.
func TestSitemapAndFeedDiscovery(t *testing.T) {
	p := newTestPortal(t, 2)
	hidden := p.addArticle(3, false) // only in the gzip sitemap
	inFeed := p.addArticle(4, false) // only in the feed
	edited := p.addArticle(5, false) // in the sitemap, edited later
	p.robots = "User-agent: *\nAllow: /\nSitemap: " + p.URL + "/sitemap_index.xml\n"
	lastmod := "2020-01-01"
	p.handle("/sitemap_index.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%s/sitemap-news.xml.gz</loc></sitemap></sitemapindex>`, p.URL)
	})
	p.handle("/sitemap-news.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(gzipped(fmt.Sprintf(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>%s%s</loc><lastmod>2020-01-01</lastmod></url><url><loc>%s%s</loc><lastmod>%s</lastmod></url></urlset>`, p.URL, hidden, p.URL, edited, lastmod)))
	})
	p.handle("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Trang chủ</title><link rel="alternate" type="application/rss+xml" href="/rss/tin-moi.rss"></head>
<body><a href="/tin-tuc">Tin tức</a></body></html>`)
	})
	p.handle("/rss/tin-moi.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Tin mới</title><item><title>Số 4</title><link>%s%s</link>
<pubDate>Mon, 06 Jan 2020 08:00:00 +0700</pubDate></item></channel></rss>`, p.URL, inFeed)
	})
	st := openStore(t)
	s := site("phuong", p.URL+"/")
	s.AdaptiveRevisit = false // the schedule would queue due articles before the sitemap is read
	s.RecheckAfter = 0        // every run would recheck, but for the sitemap's lastmod
	sum := crawlOnce(t, st, s)
	run1 := paths(p.hits())
	for _, path := range []string{"/sitemap_index.xml", "/sitemap-news.xml.gz", "/rss/tin-moi.rss", hidden, inFeed, edited} {
		if run1[path] != 1 {
			t.Errorf("%s fetched %d times, want 1 (run: %v)", path, run1[path], keys(run1))
		}
	}
	if run1["/sitemap.xml"] != 0 {
		t.Error("/sitemap.xml probed although robots.txt names a sitemap")
	}
	if sum.ArticlesNew != 5 {
		t.Errorf("first run: %+v", sum)
	}
	// Second run: the sitemap's lastmod (2020) is older than the stored
	// copies, so neither sitemap article is fetched; then the edited one's
	// lastmod moves past its stored copy, and it is.
	crawlOnce(t, st, s)
	run2 := paths(p.hits())
	if run2[hidden] != 0 || run2[edited] != 0 {
		t.Errorf("articles with an old sitemap lastmod re-fetched: %v", keys(run2))
	}
	if run2[inFeed] != 1 || run2["/tin-tuc/thong-bao-so-1.html"] != 1 {
		t.Errorf("articles without a lastmod must follow recheck_after (0: every run): %v", keys(run2))
	}
	p.mu.Lock()
	lastmod = time.Now().Add(time.Hour).Format(time.RFC3339)
	p.mu.Unlock()
	crawlOnce(t, st, s)
	if run3 := paths(p.hits()); run3[edited] != 1 || run3[hidden] != 0 {
		t.Errorf("newer lastmod: %v", keys(run3))
	}
}

// An endless calendar is cut off by the per-path query-variant cap.
func TestTrapIsCutOff(t *testing.T) {
	p := newTestPortal(t, 1)
	p.handle("/", func(w http.ResponseWriter, r *http.Request) {
		page(w, "Trang chủ", `<a href="/lich?thang=1">Lịch công tác</a> <a href="/tin-tuc">Tin tức</a>`)
	})
	p.handle("/lich", func(w http.ResponseWriter, r *http.Request) {
		var m int
		fmt.Sscan(r.URL.Query().Get("thang"), &m)
		page(w, "Lịch công tác", fmt.Sprintf(`<a href="/lich?thang=%d">Tháng sau</a> <a href="/lich?thang=%d&amp;sid=x%d">In</a>`, m+1, m, m))
	})
	st := openStore(t)
	s := site("phuong", p.URL+"/")
	s.MaxDepth = 0 // no depth limit: only the cap stops the calendar
	s.MaxQueryVariants = 10
	sum := crawlOnce(t, st, s)
	var calendar int
	for path := range paths(p.hits()) {
		if strings.HasPrefix(path, "/lich") {
			calendar++
		}
	}
	if calendar != 10 || sum.TrapURLs == 0 || sum.ArticlesNew != 1 {
		t.Errorf("calendar pages fetched: %d (cap 10); summary %+v", calendar, sum)
	}
}

// robots.txt is obeyed, Crawl-delay spaces requests, and a start URL it
// disallows fails the site with a clear reason.
func TestRobotsAndCrawlDelay(t *testing.T) {
	p := newTestPortal(t, 3)
	p.robots = "User-agent: *\nDisallow: /\n\nUser-agent: wardcrawl\nDisallow: /tin-tuc/thong-bao-so-2.html\nCrawl-delay: 0.3\n"
	st := openStore(t)
	s := site("phuong", p.URL+"/")
	s.Parallelism = 4 // Crawl-delay forces one at a time
	sum := crawlOnce(t, st, s)
	hits := p.hits()
	got := paths(hits)
	if got["/tin-tuc/thong-bao-so-2.html"] != 0 || got["/tin-tuc/thong-bao-so-1.html"] != 1 || sum.RobotsBlocked != 1 {
		t.Errorf("robots.txt not obeyed: %v %+v", keys(got), sum)
	}
	if hits[0].path != "/robots.txt" {
		t.Errorf("first request %s, want /robots.txt", hits[0].path)
	}
	for i := 2; i < len(hits); i++ { // from the first page on
		// Timed at the server, where a late arrival shortens the next gap
		// (slack for a busy machine); without Crawl-delay the four
		// requests at once come a few milliseconds apart.
		if gap := hits[i].at.Sub(hits[i-1].at); gap < 250*time.Millisecond {
			t.Errorf("%s came %v after %s: Crawl-delay is 0.3s", hits[i].path, gap, hits[i-1].path)
		}
	}

	p.robots = "User-agent: *\nDisallow: /\n"
	st2 := openStore(t)
	res, err := New(st2, Options{}).Run(context.Background(), []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Sites[0].Error, "disallowed by robots.txt") {
		t.Errorf("site whose start URL robots.txt disallows: %q", res.Sites[0].Error)
	}
	// respect_robots: false ignores it.
	s.RespectRobots = false
	if sum := crawlOnce(t, openStore(t), s); sum.ArticlesNew != 3 {
		t.Errorf("respect_robots false: %+v", sum)
	}
}

// A host that keeps failing is left alone for the rest of the run; what it
// still had to serve waits for the next run.
func TestFailingHostIsBackedOff(t *testing.T) {
	p := newTestPortal(t, 10)
	p.handle("/tin-tuc", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		for i := 0; i < 20; i++ {
			fmt.Fprintf(&b, `<a href="/hong/%d">Trang %d</a>`, i, i)
		}
		page(w, "Tin tức", b.String())
	})
	p.handle("/hong/", nil)
	for i := 0; i < 20; i++ {
		p.handle(fmt.Sprintf("/hong/%d", i), func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "database error", http.StatusInternalServerError)
		})
	}
	st := openStore(t)
	s := site("phuong", p.URL+"/")
	s.Parallelism = 1
	sum := crawlOnce(t, st, s, Options{MaxRetries: 1, RetryBase: time.Millisecond, MaxHostFailures: 3})
	var broken int
	for path, n := range paths(p.hits()) {
		if strings.HasPrefix(path, "/hong/") {
			broken += n
		}
	}
	if broken != 6 || sum.HostSkipped == 0 { // 3 pages, each tried twice
		t.Errorf("requests to failing pages: %d (want 3 pages × 2 tries); summary %+v", broken, sum)
	}
	// The pages it did not try are left for the next run, not dropped.
	if sum.Queued != sum.HostSkipped || sum.Queued == 0 {
		t.Errorf("%d URLs skipped, %d left queued: a backed-off host's pages must wait for the next run", sum.HostSkipped, sum.Queued)
	}
	for i := 0; i < 20; i++ { // the host recovers
		p.handle(fmt.Sprintf("/hong/%d", i), func(w http.ResponseWriter, r *http.Request) { page(w, "Trang", "đã sửa") })
	}
	next := crawlOnce(t, st, s, Options{MaxRetries: 1, RetryBase: time.Millisecond, MaxHostFailures: 3})
	if !next.Resumed || next.Queued != 0 {
		t.Errorf("next run: %+v", next)
	}
	fixed := 0
	for _, h := range p.hits() {
		if strings.HasPrefix(h.path, "/hong/") && h.status == 200 {
			fixed++
		}
	}
	if fixed != sum.HostSkipped {
		t.Errorf("the next run fetched %d of the %d pages left", fixed, sum.HostSkipped)
	}
}

// An interrupted run resumes where it stopped: nothing it finished is
// fetched again, and the articles match an uninterrupted crawl's.
func TestInterruptedRunResumes(t *testing.T) {
	p := newTestPortal(t, 30)
	ref := openStore(t)
	s := site("phuong", p.URL+"/")
	s.Parallelism = 2
	s.MaxDepth = 0 // the listing runs 7 pages deep
	crawlOnce(t, ref, s)
	p.hits()

	st := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	var pages int
	c := New(st, Options{Progress: func(r storage.RunSiteStats) {
		if r.PagesFetched >= 12 && pages == 0 {
			pages = r.PagesFetched
			cancel()
		}
	}})
	sum, err := c.Run(ctx, []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != "interrupted" || sum.Sites[0].Queued == 0 {
		t.Fatalf("first run: %+v", sum)
	}
	finished := map[string]bool{}
	st.EachFetch(context.Background(), "", func(f storage.Fetch) error {
		finished[strings.TrimPrefix(f.URL, p.URL)] = true
		return nil
	})
	p.hits()
	second := crawlOnce(t, st, s)
	if !second.Resumed {
		t.Error("second run did not resume")
	}
	for path := range paths(p.hits()) {
		if finished[path] {
			t.Errorf("%s was finished by the interrupted run and fetched again", path)
		}
	}
	st.EachFetch(context.Background(), "", func(f storage.Fetch) error {
		if f.Count != 1 {
			t.Errorf("%s fetched %d times", f.URL, f.Count)
		}
		return nil
	})
	want, got := articles(t, ref), articles(t, st)
	if len(got) != len(want) || len(got) != 30 {
		t.Errorf("%d articles after resume, uninterrupted crawl has %d", len(got), len(want))
	}
	for h := range want {
		if _, ok := got[h]; !ok {
			t.Errorf("article %s missing after resume", want[h].URL)
		}
	}
	if r, _ := st.ResumeRound(context.Background(), "phuong"); r.Resumed() {
		t.Errorf("the finished round was not ended: %+v", r)
	}
}

// max_pages stops a run after that many fetches; max_depth stops following
// links that far from a start URL.
func TestMaxPagesAndMaxDepth(t *testing.T) {
	p := newTestPortal(t, 30)
	st := openStore(t)
	s := site("phuong", p.URL+"/")
	s.Parallelism = 1
	s.MaxPages = 7
	s.MaxDepth = 0
	sum := crawlOnce(t, st, s)
	first := paths(p.hits())
	if len(first) != 7 || sum.Queued == 0 {
		t.Errorf("max_pages 7: %d pages requested; summary %+v", len(first), sum)
	}
	// max_pages is a per-run budget: the next run continues the round and
	// fetches none of the first run's pages.
	for i := 0; i < 10 && sum.Queued > 0; i++ {
		sum = crawlOnce(t, st, s)
		for path := range paths(p.hits()) {
			if first[path] > 0 {
				t.Errorf("run %d fetched %s again before the round ended", i+2, path)
			}
			first[path]++
		}
	}
	if n := len(articles(t, st)); n != 30 || sum.Queued != 0 {
		t.Errorf("after the round: %d articles, %d queued", n, sum.Queued)
	}

	p2 := newTestPortal(t, 30)
	s = site("phuong", p2.URL+"/")
	s.MaxDepth = 2 // start (0) → /tin-tuc (1) → its articles and page 2 (2)
	crawlOnce(t, openStore(t), s)
	got := paths(p2.hits())
	if got["/tin-tuc?page=2"] != 1 || got["/tin-tuc?page=3"] != 0 || got["/tin-tuc/thong-bao-so-30.html"] != 1 || got["/tin-tuc/thong-bao-so-25.html"] != 0 {
		t.Errorf("max_depth 2 fetched %v", keys(got))
	}
}
