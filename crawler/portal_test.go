package crawler

import (
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testPortal is a small ward portal for crawler tests: a home page, a
// paginated listing (5 articles a page, newest first), an about page, and
// what a test adds: robots.txt, sitemaps, a feed, extra handlers. It logs
// every request it answers.
type testPortal struct {
	*httptest.Server
	mu       sync.Mutex
	articles []testArticle // oldest first
	robots   string        // "" : 404
	sitemap  string        // body of /sitemap.xml ("" : 404)
	etags    bool          // send ETag and honour If-None-Match on articles
	extra    map[string]http.HandlerFunc
	log      []testHit
}

type testArticle struct {
	slug, title, body string
	linked            bool // listed on the listing pages
}

type testHit struct {
	path        string // with query
	at          time.Time
	conditional bool
	status      int
}

func newTestPortal(t *testing.T, n int) *testPortal {
	p := &testPortal{extra: map[string]http.HandlerFunc{}}
	for i := 1; i <= n; i++ {
		p.addArticle(i, true)
	}
	p.Server = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.Close)
	return p
}

var numberWords = []string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

func spell(n int) string {
	var w []string
	for _, d := range strconv.Itoa(n) {
		w = append(w, numberWords[d-'0'])
	}
	return strings.Join(w, " ")
}

// addArticle adds article i; its text is unique to i.
func (p *testPortal) addArticle(i int, linked bool) string {
	a := testArticle{slug: fmt.Sprintf("/tin-tuc/thong-bao-so-%d.html", i), title: fmt.Sprintf("Thông báo số %d của Ủy ban nhân dân phường", i), linked: linked,
		body: fmt.Sprintf("Ủy ban nhân dân phường thông báo về việc tổ chức buổi tiếp công dân định kỳ lần thứ %s trong năm tại hội trường tổ dân phố. "+
			"Đề nghị các hộ gia đình cử đại diện tham dự đầy đủ, mang theo giấy tờ tùy thân và các ý kiến đóng góp bằng văn bản.", spell(i))}
	p.mu.Lock()
	p.articles = append(p.articles, a)
	p.mu.Unlock()
	return a.slug
}

// setBody changes an article's text.
func (p *testPortal) setBody(slug, body string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.articles {
		if p.articles[i].slug == slug {
			p.articles[i].body = body
		}
	}
}

func (p *testPortal) serve(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w, status: 200}
	defer func() {
		p.mu.Lock()
		p.log = append(p.log, testHit{path: r.URL.RequestURI(), at: time.Now(), status: rec.status,
			conditional: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""})
		p.mu.Unlock()
	}()
	w = rec
	p.mu.Lock()
	h, ok := p.extra[r.URL.Path]
	robots, sitemap := p.robots, p.sitemap
	arts := append([]testArticle(nil), p.articles...)
	p.mu.Unlock()
	if ok {
		h(w, r)
		return
	}
	switch r.URL.Path {
	case "/robots.txt":
		if robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, robots)
		return
	case "/sitemap.xml":
		if sitemap == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, sitemap)
		return
	case "/":
		page(w, "Trang chủ", `<p>Cổng thông tin điện tử phường.</p><a href="/tin-tuc">Tin tức</a> <a href="/gioi-thieu">Giới thiệu</a>`)
		return
	case "/gioi-thieu":
		page(w, "Giới thiệu", `<p>Phường có 12 tổ dân phố.</p><a href="/">Trang chủ</a>`)
		return
	case "/tin-tuc":
		var linked []testArticle
		for i := len(arts) - 1; i >= 0; i-- {
			if arts[i].linked {
				linked = append(linked, arts[i])
			}
		}
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		n = max(n, 1)
		var b strings.Builder
		b.WriteString("<ul>")
		for i := (n - 1) * 5; i < min(n*5, len(linked)); i++ {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, linked[i].slug, linked[i].title)
		}
		b.WriteString("</ul>")
		if n*5 < len(linked) {
			fmt.Fprintf(&b, `<a href="/tin-tuc?page=%d">Trang sau</a>`, n+1)
		}
		page(w, "Tin tức", b.String())
		return
	}
	for i, a := range arts {
		if a.slug != r.URL.Path {
			continue
		}
		etag := fmt.Sprintf(`"%d-%d"`, i, len(a.body))
		if p.etags {
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>%s</title></head><body><nav><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a></nav>
<h1>%s</h1><p class="date">Ngày đăng: 14/10/2020 08:%02d</p><div class="news-content"><p>%s</p><p>Mọi thắc mắc xin liên hệ bộ phận một cửa của phường trong giờ hành chính.</p></div></body></html>`,
			a.title, a.title, i%60, a.body)
		return
	}
	http.NotFound(w, r)
}

func page(w http.ResponseWriter, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<html><head><title>%s</title></head><body><h1>%s</h1>%s</body></html>`, title, title, body)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (p *testPortal) handle(path string, h http.HandlerFunc) {
	p.mu.Lock()
	p.extra[path] = h
	p.mu.Unlock()
}

// hits returns the log so far and starts a new one.
func (p *testPortal) hits() []testHit {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.log
	p.log = nil
	return l
}

// paths counts requests per path, robots.txt left out.
func paths(hits []testHit) map[string]int {
	m := map[string]int{}
	for _, h := range hits {
		if h.path != "/robots.txt" {
			m[h.path]++
		}
	}
	return m
}

func keys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func gzipped(s string) []byte {
	var b strings.Builder
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return []byte(b.String())
}
