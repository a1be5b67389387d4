package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// largeSite serves a generated portal of n article pages: listing pages
// /danh-sach/K of 50 articles each, chained by "Trang sau" links. Pages are
// made on the fly: the server holds no state that grows with n.
func largeSite(n int) http.Handler {
	const perList = 50
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch {
		case r.URL.Path == "/":
			fmt.Fprint(w, `<html><head><title>Phường Mẫu</title></head><body><a href="/danh-sach/1">Tin tức</a></body></html>`)
		case strings.HasPrefix(r.URL.Path, "/danh-sach/"):
			k, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/danh-sach/"))
			var b strings.Builder
			b.WriteString(`<html><head><title>Tin tức</title></head><body><h1>Tin tức</h1><ul>`)
			for i := (k - 1) * perList; i < min(k*perList, n); i++ {
				fmt.Fprintf(&b, `<li><a href="/bai/%d.html">Thông báo số %d</a></li>`, i, i)
			}
			b.WriteString(`</ul>`)
			if k*perList < n {
				fmt.Fprintf(&b, `<a href="/danh-sach/%d">Trang sau</a>`, k+1)
			}
			b.WriteString(`</body></html>`)
			w.Write([]byte(b.String()))
		case strings.HasPrefix(r.URL.Path, "/bai/"):
			i, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/bai/"), ".html"))
			fmt.Fprintf(w, `<html><head><title>Thông báo số %d</title></head><body><nav><a href="/">Trang chủ</a> <a href="/danh-sach/1">Tin tức</a></nav>
<h1>Thông báo số %d</h1><p class="date">Ngày đăng: 14/10/2020 08:15</p><div class="news-content">
<p>Ủy ban nhân dân phường thông báo lịch tiếp công dân định kỳ lần thứ %s tại hội trường tổ dân phố, đề nghị các hộ gia đình cử đại diện tham dự đầy đủ.</p>
<p>Mọi thắc mắc xin liên hệ bộ phận một cửa của phường trong giờ hành chính các ngày làm việc trong tuần.</p></div></body></html>`, i, i, spell(i))
		default:
			http.NotFound(w, r)
		}
	})
}

// BenchmarkCrawlLargeSite crawls generated sites of 2,000 and 20,000 pages
// into SQLite and reports the peak live heap during the crawl (sampled
// every 20 ms) next to throughput. Flat memory: the 20,000-page peak stays
// close to the 2,000-page one, since the frontier is in the database
// (the per-run visited set in memory is 8 bytes a page). `wardcrawl bench`
// measures the whole pipeline against its ceiling and peers. Run with:
//
//	go test ./crawler -run '^$' -bench CrawlLargeSite -benchtime 1x
func BenchmarkCrawlLargeSite(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			srv := httptest.NewServer(largeSite(n))
			defer srv.Close()
			for i := 0; i < b.N; i++ {
				st, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "w.db"), storage.Options{})
				if err != nil {
					b.Fatal(err)
				}
				s := config.Site{Name: "lon", StartURLs: []string{srv.URL + "/"}, Settings: config.BuiltinDefaults()}
				s.Delay, s.Parallelism, s.MaxDepth, s.RespectRobots = 0, 4, 0, false
				s.AllowedDomains = []string{strings.TrimPrefix(srv.URL, "http://")}

				runtime.GC()
				var peak atomic.Uint64
				stop := make(chan struct{})
				sampled := make(chan struct{})
				go func() {
					defer close(sampled)
					var ms runtime.MemStats
					t := time.NewTicker(20 * time.Millisecond)
					defer t.Stop()
					for {
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > peak.Load() {
							peak.Store(ms.HeapInuse)
						}
						select {
						case <-stop:
							return
						case <-t.C:
						}
					}
				}()
				start := time.Now()
				sum, err := New(st, Options{}).Run(context.Background(), []config.Site{s})
				elapsed := time.Since(start)
				close(stop)
				<-sampled
				if err != nil || sum.Sites[0].Error != "" {
					b.Fatal(err, sum.Sites[0].Error)
				}
				if got := sum.Sites[0].ArticlesNew; got != n {
					b.Fatalf("%d articles stored, want %d", got, n)
				}
				b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(sum.Sites[0].PagesFetched)/elapsed.Seconds(), "pages/s")
				st.Close()
			}
		})
	}
}
