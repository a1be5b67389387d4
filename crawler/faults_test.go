package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.uber.org/goleak"
	"golang.org/x/text/unicode/norm"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// serveOn starts handler on a loopback address of its own (127.0.0.N).
func serveOn(t *testing.T, ip string, handler http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("no %s on this machine: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(handler)
	srv.Listener = ln
	srv.Start()
	return srv
}

func goodArticle(title string) string {
	return `<html><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<div class="news-content"><h1>` + title + `</h1><p class="date">Ngày 14/10/2020</p>
<p>` + title + `: Ủy ban nhân dân phường tổ chức hội nghị triển khai nhiệm vụ trọng tâm quý IV, với sự tham dự của đại diện các tổ dân phố và các ban ngành đoàn thể trên địa bàn phường.</p>
<p>Tại hội nghị, các đại biểu đã thảo luận sôi nổi về công tác vệ sinh môi trường, phòng chống dịch bệnh và bảo đảm an ninh trật tự trong dịp cuối năm, đồng thời thống nhất các giải pháp cụ thể.</p>
<p>Kết thúc hội nghị, lãnh đạo phường giao nhiệm vụ cho từng bộ phận, yêu cầu báo cáo kết quả thực hiện trước ngày 30 hằng tháng để kịp thời chỉ đạo, điều chỉnh.</p>
</div></body></html>`
}

// A site whose servers misbehave in every way the issue lists, crawled
// beside a well-behaved one. The crawl finishes, every good page of both
// is stored, each fault is recorded for what it is, nothing leaks, and the
// database is intact.
func TestHostileServers(t *testing.T) {
	defer goleak.VerifyNone(t)
	done := make(chan struct{}) // releases the handlers that stall
	stall := func() {
		select {
		case <-done:
		case <-time.After(30 * time.Second):
		}
	}

	// 127.0.0.2 answers every request with 503, 127.0.0.3 with 429 and a
	// Retry-After: their failures back off those hosts only.
	// (Their robots.txt answers: a 5xx robots.txt would forbid the host
	// outright, RFC 9309 §2.3.1.4.)
	storm := serveOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		http.Error(w, "quá tải", http.StatusServiceUnavailable)
	}))
	limited := serveOn(t, "127.0.0.3", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		w.Header().Set("Retry-After", "1")
		http.Error(w, "chậm lại", http.StatusTooManyRequests)
	}))

	// 127.0.0.4 times out at every stage: before the headers, after them,
	// in the middle of the body.
	slowMux := http.NewServeMux()
	slowMux.HandleFunc("/cham", func(w http.ResponseWriter, r *http.Request) { stall() })
	slowMux.HandleFunc("/treo-giua-chung", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		stall()
	})
	slowMux.HandleFunc("/treo-than", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>Một nửa"))
		w.(http.Flusher).Flush()
		stall()
	})
	slow := serveOn(t, "127.0.0.4", slowMux)

	bomb := gzipBomb(64 << 20) // 64 MiB of zeros in about 64 KB
	var main *httptest.Server
	faults := map[string]http.HandlerFunc{
		// connection reset mid-body, and a body shorter than announced
		"/reset": func(w http.ResponseWriter, r *http.Request) {
			conn, buf, _ := w.(http.Hijacker).Hijack()
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html><body><p>Bị cắt")
			buf.Flush()
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		},
		"/thieu": func(w http.ResponseWriter, r *http.Request) {
			conn, buf, _ := w.(http.Hijacker).Hijack()
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html><body><p>Thiếu")
			buf.Flush()
			conn.Close()
		},
		// redirects: a loop, a chain too long, to the other hosts
		"/vong": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/vong2", http.StatusFound) },
		"/vong2": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/vong", http.StatusFound)
		},
		"/chuoi/": func(w http.ResponseWriter, r *http.Request) {
			var n int
			fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chuoi/"), "%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/chuoi/%d", n+1), http.StatusFound)
		},
		"/lam-moi": func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`<html><head><meta http-equiv="refresh" content="0; url='/bai-lam-moi'"></head><body></body></html>`))
		},
		"/bai-lam-moi": func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(goodArticle("Bài sau làm mới trang")))
		},
		// far too big: one huge page, an endless chunked stream, a gzip bomb
		"/to": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body>"))
			w.Write(bytes.Repeat([]byte("<p>Lượt xem</p>"), 200_000))
		},
		"/vo-tan": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			chunk := bytes.Repeat([]byte("<p>vô tận</p>"), 1000)
			for {
				if _, err := w.Write(chunk); err != nil {
					return
				}
				select {
				case <-done:
					return
				default:
				}
			}
		},
		"/bom.html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		},
		"/sitemap-bom.xml.gz": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-gzip")
			w.Write(bomb)
		},
		// wrong types and bytes
		"/nhi-phan": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			b := make([]byte, 50_000)
			for i := range b {
				b[i] = byte(i * 7)
			}
			w.Write(b)
		},
		"/octet": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write([]byte(goodArticle("Bài phục vụ như tệp nhị phân")))
		},
		"/sai-bang-ma": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=iso-8859-1") // the bytes are UTF-8
			w.Write([]byte(goodArticle("Bài khai báo sai bảng mã")))
		},
		"/hong-utf8": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			page := strings.Replace(goodArticle("Bài có byte hỏng"), "hội nghị triển khai", "hội \xff\xfe nghị\x00 triển\x00 khai", 1)
			w.Write([]byte(page))
		},
		"/long-sau": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body>" + strings.Repeat("<div><span><b>", 20_000) + "<p>Lồng sâu</p><table><tr><td><p>không đóng"))
		},
		// traps: an ever-growing path, session ids
		"/lap/": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<html><body><a href="%slap/">sâu hơn</a></body></html>`, r.URL.Path)
		},
		"/phien": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<html><body><a href="/phien?PHPSESSID=%d&sid=%d">tiếp</a></body></html>`, time.Now().UnixNano(), time.Now().UnixNano())
		},
	}
	good := []string{"/bai-1", "/bai-2", "/bai-3", "/bai-4"}
	mux := http.NewServeMux()
	for path, h := range faults {
		mux.HandleFunc(path, h)
	}
	for i, path := range good {
		title := fmt.Sprintf("Bài viết tốt số %d của phường", i+1)
		if i == 3 { // text that would break SQL built by pasting strings
			title = `Bài '); DROP TABLE articles;-- "tiêm" SQL`
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(goodArticle(title))) })
	}
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "User-agent: *\nAllow: /\nSitemap: http://%s/sitemap-bom.xml.gz\n", r.Host)
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		var links []string
		for path := range faults {
			if !strings.HasSuffix(path, "/") {
				links = append(links, path)
			}
		}
		links = append(links, good...)
		links = append(links, "/chuoi/0", "/lap/", storm.URL+"/bai-bao", limited.URL+"/bai-bao",
			slow.URL+"/cham", slow.URL+"/treo-giua-chung", slow.URL+"/treo-than")
		fmt.Fprint(w, "<html><body>")
		for _, l := range links {
			fmt.Fprintf(w, `<a href="%s">x</a> `, l)
		}
		fmt.Fprint(w, `</body></html>`)
	})
	main = serveOn(t, "127.0.0.1", mux)

	calm := newTestPortal(t, 4)

	st := openStore(t)
	hostile := site("hostile", main.URL+"/")
	for _, s := range []*httptest.Server{storm, limited, slow} {
		hostile.AllowedDomains = append(hostile.AllowedDomains, strings.TrimPrefix(s.URL, "http://"))
	}
	hostile.Timeout = 2 * time.Second // the stalls hit it; everything else is well within it, even under -race
	hostile.MaxDepth = 4
	c := New(st, Options{RetryBase: 5 * time.Millisecond, MaxRetries: 1, MaxRetryAfter: 100 * time.Millisecond,
		MaxBodyBytes: 1 << 20})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sum, err := c.Run(ctx, []config.Site{hostile, site("calm", calm.URL+"/")})
	close(done)
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatal("the crawl did not finish")
	}
	for _, s := range sum.Sites {
		if s.Error != "" {
			t.Errorf("%s failed: %s", s.Site, s.Error)
		}
	}

	fetches := map[string]storage.Fetch{}
	st.EachFetch(context.Background(), "", func(f storage.Fetch) error {
		fetches[strings.TrimPrefix(strings.TrimPrefix(f.URL, main.URL), slow.URL)] = f
		return nil
	})
	for path, want := range map[string]string{
		"/cham": "", "/treo-giua-chung": "", "/treo-than": "", "/reset": "", "/thieu": "",
		"/chuoi/0": "redirect", "/to": "size cap", "/vo-tan": "size cap", "/bom.html": "size cap",
	} {
		f, ok := fetches[path]
		if !ok {
			t.Errorf("%s: no fetch recorded", path)
			continue
		}
		if f.Err == "" || !strings.Contains(f.Err, want) {
			t.Errorf("%s: recorded error %q, want one about %q", path, f.Err, want)
		}
	}
	// A redirect loop: whichever of its two pages went first records that
	// it leads back to a page already fetched.
	if !strings.Contains(fetches["/vong"].Err+fetches["/vong2"].Err, "already fetched in this run") {
		t.Errorf("redirect loop not recorded: %q / %q", fetches["/vong"].Err, fetches["/vong2"].Err)
	}
	if f, ok := fetches["/sitemap-bom.xml.gz"]; !ok || f.Bytes > 1<<20 {
		t.Errorf("the gzip-bomb sitemap was inflated to %d bytes", f.Bytes)
	}
	for _, u := range []string{storm.URL + "/bai-bao", limited.URL + "/bai-bao"} {
		if f, ok := fetches[u]; !ok || f.Status == 200 {
			t.Errorf("%s: %+v", u, f)
		}
	}
	lap := 0
	for path := range fetches {
		if strings.HasPrefix(path, "/lap/") {
			lap++
		}
		if strings.Contains(path, "phien?") {
			t.Errorf("a session-id URL was kept: %s", path)
		}
	}
	if lap > hostile.MaxDepth+1 {
		t.Errorf("%d /lap/… pages: the ever-growing path was not cut", lap)
	}

	titles := map[string]bool{}
	for _, a := range articles(t, st) {
		titles[a.Title] = true
		if !utf8.ValidString(a.Text) || strings.ContainsRune(a.Text, 0) || !norm.NFC.IsNormalString(a.Text) {
			t.Errorf("article %q: text is not clean NFC UTF-8: %q", a.Title, a.Text)
		}
	}
	for _, want := range []string{"Bài viết tốt số 1 của phường", "Bài viết tốt số 2 của phường", "Bài viết tốt số 3 của phường",
		`Bài '); DROP TABLE articles;-- "tiêm" SQL`,
		"Bài sau làm mới trang", "Bài phục vụ như tệp nhị phân", "Bài khai báo sai bảng mã", "Bài có byte hỏng"} {
		if !titles[want] {
			t.Errorf("good page %q not stored; stored %v", want, titles)
		}
	}
	calmArticles := 0
	for _, a := range articles(t, st) {
		if a.Site == "calm" {
			calmArticles++
		}
	}
	if calmArticles != 4 {
		t.Errorf("the calm site stored %d of its 4 articles", calmArticles)
	}
	if v, err := st.IntegrityCheck(context.Background()); err != nil || v != "ok" {
		t.Errorf("integrity_check: %s %v", v, err)
	}
	main.Close()
	storm.Close()
	limited.Close()
	slow.Close()
	calm.Close()
	st.Close()
}

// gzipBomb is n zero bytes, gzipped (about n/1000 bytes).
func gzipBomb(n int) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, len(zero))
		zw.Write(zero[:k])
		n -= k
	}
	zw.Close()
	return b.Bytes()
}
