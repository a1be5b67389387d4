package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/storage"
)

// benchSizes are the database sizes BenchmarkExport runs on; set
// WARDCRAWL_BENCH_ARTICLES=1000000 for the million-article figure (seeding
// it takes a few minutes).
func benchSizes() []int {
	if v, err := strconv.Atoi(os.Getenv("WARDCRAWL_BENCH_ARTICLES")); err == nil && v > 0 {
		return []int{v / 10, v}
	}
	return []int{10000, 100000}
}

func seedBench(b *testing.B, n int) (st *storage.Store) {
	b.Helper()
	// Seeding a million articles takes minutes: the database is kept in the
	// temp directory and reused by later runs.
	path := filepath.Join(os.TempDir(), fmt.Sprintf("wardcrawl-export-bench-%d-v1.db", n))
	if _, err := os.Stat(path); err == nil {
		st, err := storage.Open(context.Background(), path, storage.Options{MustExist: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}
	st, err := storage.Open(context.Background(), path+".seeding", storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		st.Close()
		os.Rename(path+".seeding", path)
		os.Remove(path + ".seeding-wal")
		os.Remove(path + ".seeding-shm")
		if st, err = storage.Open(context.Background(), path, storage.Options{MustExist: true}); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
	}()
	vn := time.FixedZone("+07:00", 7*3600)
	base := time.Date(2020, 1, 1, 8, 0, 0, 0, vn)
	para := strings.Repeat("Ủy ban nhân dân phường thông báo lịch tiếp công dân định kỳ tại hội trường tổ dân phố. ", 12)
	for i := 0; i < n; i++ {
		pub := base.Add(time.Duration(i) * time.Minute)
		a := storage.Article{ContentHash: fmt.Sprintf("%064x", i), Site: fmt.Sprintf("phuong-%d", i%20), URL: fmt.Sprintf("http://p%d.vn/tin/%d.html", i%20, i),
			Title: fmt.Sprintf("Thông báo số %d", i), Text: para + strconv.Itoa(i) + "\n\n" + para, PublishedAt: &pub, Author: "Văn phòng UBND", SeenAt: pub}
		if _, err := st.SaveArticle(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
	return st
}

// BenchmarkExport streams every format from databases of two sizes and
// reports the peak heap in use and the peak heap a GC found live (sampled
// every 10 ms) next to records per second: flat memory means the larger database peaks where the smaller
// does. Run with:
//
//	go test ./export -run '^$' -bench Export -benchtime 1x
func BenchmarkExport(b *testing.B) {
	for _, n := range benchSizes() {
		st := seedBench(b, n)
		for _, format := range Formats {
			b.Run(fmt.Sprintf("%s/articles=%d", format, n), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					runtime.GC()
					var peak, live atomic.Uint64
					stop, done := make(chan struct{}), make(chan struct{})
					go func() {
						defer close(done)
						var ms runtime.MemStats
						sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
						for {
							runtime.ReadMemStats(&ms)
							if ms.HeapInuse > peak.Load() {
								peak.Store(ms.HeapInuse)
							}
							metrics.Read(sample)
							if v := sample[0].Value.Uint64(); v > live.Load() {
								live.Store(v)
							}
							select {
							case <-stop:
								return
							case <-time.After(10 * time.Millisecond):
							}
						}
					}()
					start := time.Now()
					sum, err := Write(context.Background(), st, io.Discard, format, Options{})
					elapsed := time.Since(start)
					close(stop)
					<-done
					if err != nil || sum.Records != n {
						b.Fatal(err, sum.Records)
					}
					b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
					b.ReportMetric(float64(live.Load())/(1<<20), "peak-live-MB") // marked live by a GC: no garbage counted
					b.ReportMetric(float64(n)/elapsed.Seconds(), "records/s")
				}
			})
		}
	}
}
