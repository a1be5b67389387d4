package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/storage"
)

func openStore(t *testing.T) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func site(name string, start ...string) config.Site {
	s := config.Site{Name: name, StartURLs: start, Settings: config.BuiltinDefaults()}
	s.Delay = 0
	s.Parallelism = 4
	s.Timeout = 5 * time.Second
	for _, raw := range start {
		h := strings.SplitN(strings.TrimPrefix(strings.TrimPrefix(raw, "http://"), "https://"), "/", 2)[0]
		s.AllowedDomains = append(s.AllowedDomains, h)
	}
	return s
}

func fastCrawler(st Store) *Crawler {
	return New(st, Options{RetryBase: 5 * time.Millisecond, MaxRetryAfter: 50 * time.Millisecond})
}

func articles(t *testing.T, st *storage.Store) map[string]storage.Record {
	t.Helper()
	out := map[string]storage.Record{}
	err := st.EachArticle(context.Background(), storage.Filter{}, func(r storage.Record) error {
		out[r.ContentHash] = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCrawlSamplePortals(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	st := openStore(t)
	var sites []config.Site
	for _, p := range ps {
		sites = append(sites, site(p.Name, p.StartURL()))
	}
	sum, err := fastCrawler(st).Run(context.Background(), sites)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != "ok" {
		t.Fatalf("status %s: %+v", sum.Status, sum.Sites)
	}
	got := articles(t, st)
	if len(got) != 10 { // 11 article pages, one story syndicated on two portals
		t.Errorf("%d articles stored, want 10", len(got))
	}
	byURL := map[string]storage.Record{}
	for _, r := range got {
		for _, u := range r.URLs {
			byURL[u] = r
		}
	}
	for _, p := range ps {
		for _, e := range p.Expected() {
			u, _ := Normalize(e.URL)
			r, ok := byURL[u]
			if !ok {
				t.Errorf("article %s not stored", u)
				continue
			}
			if r.Text != strings.Join(e.Paras, "\n\n") || r.Title != e.Title {
				t.Errorf("%s stored wrong: %q", u, r.Title)
			}
		}
		// Every page once: normalization folds tracking parameters, query
		// order and relative links into one URL each.
		seen := map[string]bool{}
		for _, req := range p.Requests() {
			if seen[req] {
				t.Errorf("%s: %s fetched twice", p.Name, req)
			}
			seen[req] = true
			if strings.Contains(req, "utm_") {
				t.Errorf("%s: tracking parameters not dropped: %s", p.Name, req)
			}
		}
		if d := p.DisallowedPath(); d != "" && p.Hits(d) > 0 {
			t.Errorf("%s: robots.txt disallows %s but it was fetched", p.Name, d)
		}
	}
	// The syndicated story: one record, both URLs.
	for _, r := range got {
		if strings.Contains(r.URL, "phong-chay") && len(r.URLs) != 2 {
			t.Errorf("syndicated story has URLs %v", r.URLs)
		}
	}
	if ps[0].Hits("/uploads/ke-hoach-125-kh-ubnd.pdf") != 1 {
		t.Error("the PDF attachment should be fetched (and recorded) once")
	}

	// A second crawl finds nothing new.
	sum2, err := fastCrawler(st).Run(context.Background(), sites)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sum2.Sites {
		if s.ArticlesNew != 0 || s.ArticlesChanged != 0 {
			t.Errorf("second crawl: %+v", s)
		}
	}
	if n := len(articles(t, st)); n != 10 {
		t.Errorf("after second crawl %d articles", n)
	}
}

// A site that is down fails alone; the others are crawled.
func TestFailingSiteDoesNotStopOthers(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + ln.Addr().String() + "/"
	ln.Close()
	st := openStore(t)
	sum, err := fastCrawler(st).Run(context.Background(), []config.Site{site("dead", dead), site(ps[0].Name, ps[0].StartURL())})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != "partial" || sum.Sites[0].Error == "" || sum.Sites[1].Error != "" {
		t.Fatalf("summary: %+v", sum)
	}
	if sum.Sites[1].ArticlesNew != 5 {
		t.Errorf("healthy site stored %d articles", sum.Sites[1].ArticlesNew)
	}
}

// 503 and 429 are retried, honouring Retry-After; a 404 is not.
func TestRetries(t *testing.T) {
	var hits, missing atomic.Int32
	page := `<html><head><title>Thông báo lịch tiêm chủng - Phường X</title></head><body><h1>Thông báo lịch tiêm chủng</h1>
<p>Ngày đăng 02/11/2020 08:00</p><div class="news-content"><p>Trạm y tế phường tổ chức tiêm chủng mở rộng cho trẻ em dưới 5 tuổi vào sáng thứ Tư hằng tuần tại hội trường tổ dân phố số 3.</p></div>
<a href="/missing">Trang không tồn tại</a></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt", "/sitemap.xml":
			http.NotFound(w, r)
		case "/missing":
			missing.Add(1)
			http.NotFound(w, r)
		default:
			switch hits.Add(1) {
			case 1:
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusServiceUnavailable)
			case 2:
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
			default:
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, page)
			}
		}
	}))
	defer srv.Close()
	st := openStore(t)
	start := time.Now()
	sum, err := fastCrawler(st).Run(context.Background(), []config.Site{site("flaky", srv.URL+"/thong-bao/lich-tiem-chung.html")})
	if err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 3 || sum.Sites[0].ArticlesNew != 1 {
		t.Errorf("hits=%d summary=%+v", hits.Load(), sum.Sites[0])
	}
	if missing.Load() != 1 {
		t.Errorf("a 404 must not be retried: %d requests", missing.Load())
	}
	if time.Since(start) > 10*time.Second {
		t.Error("Retry-After must be capped by MaxRetryAfter")
	}
}

// The crawl stops when its context is cancelled, and records the run.
func TestInterrupted(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	st := openStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	sum, err := fastCrawler(st).Run(ctx, []config.Site{site("slow", srv.URL+"/")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != "interrupted" {
		t.Errorf("status %s", sum.Status)
	}
	stats, _ := st.Stats(context.Background())
	if stats.LastRun == nil || stats.LastRun.Status != "interrupted" || stats.LastRun.FinishedAt == nil {
		t.Errorf("run not recorded as interrupted: %+v", stats.LastRun)
	}
}

// A request that times out is retried, and the page is stored.
func TestTimeoutIsRetried(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" || r.URL.Path == "/sitemap.xml" {
			http.NotFound(w, r)
			return
		}
		if hits.Add(1) == 1 {
			select { // stall past the client's timeout
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Thông báo nghỉ lễ - Phường Y</title></head><body><h1>Thông báo nghỉ lễ</h1><p>15/10/2020 12:12</p>
<div class="news-content"><p>Bộ phận một cửa của phường nghỉ lễ từ ngày 30/4 đến hết ngày 3/5, làm việc trở lại vào sáng thứ Hai ngày 4/5.</p></div></body></html>`)
	}))
	defer srv.Close()
	st := openStore(t)
	s := site("slow-first", srv.URL+"/thong-bao/nghi-le-30-4.html")
	s.Timeout = 300 * time.Millisecond
	sum, err := fastCrawler(st).Run(context.Background(), []config.Site{s})
	if err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 2 || sum.Sites[0].ArticlesNew != 1 || sum.Status != "ok" {
		t.Errorf("hits=%d summary=%+v", hits.Load(), sum)
	}
}

// atOnce is a store that counts the pages being stored at once (each
// store call held a moment, so pages in flight overlap).
type atOnce struct {
	*storage.Store
	now, most atomic.Int64
}

func (a *atOnce) hold() func() {
	n := a.now.Add(1)
	for m := a.most.Load(); n > m && !a.most.CompareAndSwap(m, n); m = a.most.Load() {
	}
	time.Sleep(20 * time.Millisecond)
	return func() { a.now.Add(-1) }
}

func (a *atOnce) SavePage(ctx context.Context, p storage.Page) (storage.SaveResult, error) {
	defer a.hold()()
	return a.Store.SavePage(ctx, p)
}

func (a *atOnce) HoldPage(ctx context.Context, h storage.HeldPage, at time.Time) error {
	defer a.hold()()
	return a.Store.HoldPage(ctx, h, at)
}

// However many sites answer at once, the run parses and stores at most
// as many pages at once as it has slots for (pagesAtOnce), and every
// article is stored.
func TestPagesInFlightAreBounded(t *testing.T) {
	var sites []config.Site
	for i := range 8 {
		p := newTestPortal(t, 3)
		s := site(fmt.Sprintf("phuong-%d", i), p.URL+"/")
		s.Delay = 0
		sites = append(sites, s)
	}
	for _, slots := range []int{2, 0} {
		st := &atOnce{Store: openStore(t)}
		c := fastCrawler(st)
		if slots > 0 {
			c.working = make(chan struct{}, slots)
		}
		sum, err := c.Run(context.Background(), sites)
		if err != nil || sum.Status != "ok" {
			t.Fatalf("slots %d: %v %+v", slots, err, sum)
		}
		for _, s := range sum.Sites {
			if s.ArticlesFound != 3 {
				t.Errorf("slots %d: %s stored %d of 3 articles", slots, s.Site, s.ArticlesNew)
			}
		}
		switch most := st.most.Load(); {
		case slots > 0 && most > int64(slots):
			t.Errorf("%d pages stored at once with %d slots", most, slots)
		case slots == 0 && most <= 2:
			t.Errorf("with the default slots (%d) at most %d pages were stored at once: the test does not overlap pages", pagesAtOnce(), most)
		}
	}
}
