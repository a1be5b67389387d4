package serve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/storage"
)

var vn = time.FixedZone("+07:00", 7*3600)

func hashOf(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// seeded is a database with two sites' articles: one with "thu hồi đất"
// in its title, one with it only in its text, one on the other site, one
// revised by the site model (two versions of a URL), one archived in a
// WARC file; run 1 stored all but the last, run 2 the last.
type seeded struct {
	path                              string
	title, body, other, revised, warc string // content hashes
	run1, run2                        int64
}

func seed(t *testing.T) seeded {
	t.Helper()
	ctx := context.Background()
	sd := seeded{path: filepath.Join(t.TempDir(), "w.db")}
	st, err := storage.Open(ctx, sd.path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2024, 3, 1, 8, 0, 0, 0, vn)
	if sd.run1, err = st.StartRun(ctx, []string{"phuong-a", "xa-b"}, t0); err != nil {
		t.Fatal(err)
	}
	pub := func(d int) *time.Time { p := time.Date(2024, 3, d, 9, 30, 0, 0, vn); return &p }
	save := func(site, url, title, text string, published *time.Time, at time.Time, run int64) string {
		t.Helper()
		h := hashOf(text)
		a := storage.Article{ContentHash: h, Site: site, URL: url, Title: title, Text: text, PublishedAt: published, SeenAt: at, RunID: run}
		if _, err := st.SavePage(ctx, storage.Page{Article: &a, Fetch: storage.Fetch{RunID: run, Site: site, URL: url, Status: 200, FetchedAt: at, IsArticle: true, ContentHash: h}}); err != nil {
			t.Fatal(err)
		}
		return h
	}
	sd.title = save("phuong-a", "http://a.example/1", "Thông báo thu hồi đất dự án đường Vành đai 4", "Ủy ban nhân dân phường thông báo kế hoạch cho các hộ dân.\nCác hộ dân liên hệ bộ phận một cửa.", pub(1), t0, sd.run1)
	sd.body = save("phuong-a", "http://a.example/2", "Kế hoạch công tác tháng 3", "Trong tháng, phường tiếp tục công tác thu hồi đất và bồi thường, hỗ trợ tái định cư cho 12 hộ <gia đình>.", pub(20), t0.Add(time.Hour), sd.run1)
	sd.other = save("xa-b", "http://b.example/1", "Lịch tiếp công dân", "Xã công bố lịch tiếp công dân định kỳ của chủ tịch ủy ban.", pub(10), t0.Add(2*time.Hour), sd.run1)
	old := save("phuong-a", "http://a.example/3", "Thông báo họp tổ dân phố", "Họp tổ dân phố số 5 vào tối thứ Bảy. Lượt xem: 174", pub(5), t0.Add(3*time.Hour), sd.run1)
	revisedText := "Họp tổ dân phố số 5 vào tối thứ Bảy."
	sd.revised = hashOf(revisedText)
	if _, err := st.ReviseArticle(ctx, storage.Article{ContentHash: sd.revised, Site: "phuong-a", URL: "http://a.example/3", Title: "Thông báo họp tổ dân phố", Text: revisedText, PublishedAt: pub(5)}, old, "site model: chrome removed"); err != nil {
		t.Fatal(err)
	}
	st.FinishRun(ctx, sd.run1, "ok", t0.Add(4*time.Hour), nil)
	t1 := t0.Add(24 * time.Hour)
	if sd.run2, err = st.StartRun(ctx, []string{"xa-b"}, t1); err != nil {
		t.Fatal(err)
	}
	warcText := "Xã thông báo thu hồi đất nông nghiệp để làm đường liên thôn."
	sd.warc = hashOf(warcText)
	a := storage.Article{ContentHash: sd.warc, Site: "xa-b", URL: "http://b.example/2", Title: "Thu hồi đất nông nghiệp", Text: warcText, PublishedAt: pub(25), SeenAt: t1, RunID: sd.run2}
	c := storage.Capture{RecordID: "<urn:uuid:1>", File: "xa-b-00000.warc.gz", Offset: 1234, Length: 567, Type: "response", At: t1}
	if _, err := st.SavePage(ctx, storage.Page{Article: &a, Capture: &c, Fetch: storage.Fetch{RunID: sd.run2, Site: "xa-b", URL: a.URL, Status: 200, FetchedAt: t1, IsArticle: true, ContentHash: sd.warc}}); err != nil {
		t.Fatal(err)
	}
	st.FinishRun(ctx, sd.run2, "ok", t1.Add(time.Hour), nil)
	return sd
}

// server serves a seeded database opened read-only, as `wardcrawl serve`
// does.
func server(t *testing.T, path string) *httptest.Server {
	t.Helper()
	st, err := storage.Open(context.Background(), path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s, err := New(st, Options{BaseURL: "http://archive.example"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// Every page and API route answers on a seeded database, with the
// security headers, and shows what it should.
func TestEveryRoute(t *testing.T) {
	sd := seed(t)
	ts := server(t, sd.path)
	cases := []struct {
		path, ctype string
		want        []string
	}{
		{"/", "text/html", []string{"Kho lưu trữ", "phuong-a", "xa-b", "Thu hồi đất nông nghiệp", "/sites/xa-b/feed.atom"}},
		{"/sites/phuong-a", "text/html", []string{"Kế hoạch công tác tháng 3", "Thông báo thu hồi đất", "3 bài viết, 3 trang đã tải"}},
		{"/articles/" + sd.title, "text/html", []string{"Thông báo thu hồi đất dự án đường Vành đai 4", "<p>Ủy ban nhân dân phường thông báo kế hoạch cho các hộ dân.</p>", "http://a.example/1", "01/03/2024 09:30"}},
		{"/articles/" + sd.revised, "text/html", []string{"<del>Lượt xem: 174</del>", "site model: chrome removed", "Các phiên bản"}},
		{"/articles/" + sd.warc, "text/html", []string{"xa-b-00000.warc.gz", "1234"}},
		{"/search?q=thu+hoi+dat", "text/html", []string{"3 kết quả", "<mark>thu hồi đất</mark>", "/search.atom?q=thu&#43;hoi&#43;dat"}},
		{"/search", "text/html", []string{"Không cần gõ dấu"}},
		{"/api/search?q=thu+hoi+dat", "application/json", []string{`"total": 3`, `"snippet"`}},
		{"/api/articles/" + sd.other, "application/json", []string{`"content_hash": "` + sd.other, `"urls": [`, `"first_seen_at"`}},
		{"/api/sites", "application/json", []string{`"site": "phuong-a"`}},
		{"/feed.atom", "application/atom+xml", []string{"urn:sha256:" + sd.warc}},
		{"/sites/xa-b/feed.atom", "application/atom+xml", []string{"urn:sha256:" + sd.other}},
		{"/search.atom?q=thu+hoi+dat", "application/atom+xml", []string{"urn:sha256:" + sd.body}},
		{"/static/style.css", "text/css", []string{"mark"}},
	}
	for _, c := range cases {
		status, body, h := get(t, ts, c.path)
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), c.ctype) {
			t.Errorf("%s: %d %s", c.path, status, h.Get("Content-Type"))
			continue
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers %v", c.path, h)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", c.path, w)
			}
		}
	}
	// The text is escaped, never markup.
	if _, body, _ := get(t, ts, "/articles/"+sd.body); strings.Contains(body, "<gia đình>") || !strings.Contains(body, "&lt;gia đình&gt;") {
		t.Error("article text not escaped")
	}
	// The revised-away version is still readable, marked as replaced.
	if _, body, _ := get(t, ts, "/articles/"+hashOf("Họp tổ dân phố số 5 vào tối thứ Bảy. Lượt xem: 174")); !strings.Contains(body, "đã thay bằng") {
		t.Error("the replaced version does not say it was replaced")
	}
}

// Bad parameters get a 400 that says what is wrong, unknown things a 404,
// writes a 405; never a 500.
func TestBadRequests(t *testing.T) {
	sd := seed(t)
	ts := server(t, sd.path)
	for _, c := range []struct {
		path   string
		status int
		want   string
	}{
		{"/search?q=%22", 400, "ngoặc kép"},
		{"/search?q=AND+OR", 400, "không hợp lệ"},
		{"/search?q=*", 400, "không có từ nào"},
		{"/api/search?q=%22", 400, `"error"`},
		{"/api/search?q=thu+(hoi", 400, `"error"`},
		{"/search.atom?q=%22", 400, "ngoặc kép"},
		{"/search?q=" + strings.Repeat("dat+", 200), 400, "dài quá"},
		{"/search?q=dat&page=0", 400, "số trang"},
		{"/search?q=dat&page=abc", 400, "số trang"},
		{"/sites/phuong-a?page=99999", 400, "số trang"},
		{"/search?q=dat&site=khong-co", 400, "khong-co"},
		{"/search?q=dat&since=15/03/2024", 400, "NĂM-THÁNG-NGÀY"},
		{"/search?q=dat&since=2024-03-20&until=2024-03-01", 400, "trước ngày kết thúc"},
		{"/search?q=dat&sort=random", 400, "sắp xếp"},
		{"/sites/khong-co", 404, "khong-co"},
		{"/sites/khong-co/feed.atom", 404, "khong-co"},
		{"/articles/abc", 400, "mã bài viết"},
		{"/articles/" + strings.Repeat("0", 64), 404, "không có bài viết"},
		{"/api/articles/" + strings.Repeat("0", 64), 404, `"error"`},
		{"/nowhere", 404, "không có trang"},
	} {
		status, body, _ := get(t, ts, c.path)
		if status != c.status || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want %d with %q:\n%.300s", c.path, status, c.status, c.want, body)
		}
	}
	resp, err := http.Post(ts.URL+"/search", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d", resp.StatusCode)
	}
}

// The API searches as the page does: folded, ranked, filtered, paged.
func TestAPISearch(t *testing.T) {
	sd := seed(t)
	ts := server(t, sd.path)
	search := func(params string) (int, []string) {
		t.Helper()
		status, body, _ := get(t, ts, "/api/search?"+params)
		var r struct {
			Total   int `json:"total"`
			Results []struct {
				ContentHash string  `json:"content_hash"`
				Site        string  `json:"site"`
				URL         string  `json:"url"`
				Title       string  `json:"title"`
				PublishedAt *string `json:"published_at"`
				Snippet     string  `json:"snippet"`
			} `json:"results"`
		}
		if status != 200 || json.Unmarshal([]byte(body), &r) != nil {
			t.Fatalf("%s: %d %s", params, status, body)
		}
		var out []string
		marked := len(r.Results) == 0
		for _, h := range r.Results {
			if h.Site == "" || h.URL == "" || h.Title == "" || h.PublishedAt == nil || h.Snippet == "" {
				t.Errorf("%s: result %+v", params, h)
			}
			marked = marked || strings.Contains(h.Snippet, "<mark>")
			out = append(out, h.ContentHash)
		}
		if !marked {
			t.Errorf("%s: no snippet marks a word found", params)
		}
		return r.Total, out
	}
	for _, q := range []string{"thu+hoi+dat", url.QueryEscape("thu hồi đất"), url.QueryEscape("THU HỒI ĐẤT"), url.QueryEscape("thu hồi đất")} {
		n, got := search("q=" + q)
		if n != 3 || len(got) != 3 || got[2] != sd.body {
			t.Errorf("q=%s: %d %v (the text hit last)", q, n, got)
		}
	}
	if n, got := search("q=thu+hoi+dat&site=xa-b"); n != 1 || got[0] != sd.warc {
		t.Errorf("site filter: %d %v", n, got)
	}
	if n, got := search("q=thu+hoi+dat&since=2024-03-15&until=2024-03-20"); n != 1 || got[0] != sd.body {
		t.Errorf("date filter (until inclusive): %d %v", n, got)
	}
	if _, got := search("q=thu+hoi+dat&sort=date"); len(got) != 3 || got[0] != sd.warc || got[2] != sd.title {
		t.Errorf("by date: %v", got)
	}
	if n, got := search("q=" + url.QueryEscape(`"đất nông nghiệp"`)); n != 1 || got[0] != sd.warc {
		t.Errorf("phrase: %d %v", n, got)
	}
	if n, got := search("q=thu+hoi+dat&page=2"); n != 3 || len(got) != 0 {
		t.Errorf("page 2: %d %v", n, got)
	}
}

// A server on a read-only store sees what a crawl stores beside it, at
// the next request: in its lists and feeds at once, in its searches once
// the crawl has written its batch of the search indexes (at most a
// minute, or when its run ends; see storage/searchqueue.go).
func TestServerSeesNewArticles(t *testing.T) {
	sd := seed(t)
	ts := server(t, sd.path)
	ctx := context.Background()
	st, err := storage.Open(ctx, sd.path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text := "Phường thông báo lịch cắt điện ngày mai."
	if _, err := st.SaveArticle(ctx, storage.Article{ContentHash: hashOf(text), Site: "phuong-a", URL: "http://a.example/9", Title: "Lịch cắt điện", Text: text, SeenAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, body, _ := get(t, ts, "/feed.atom"); !strings.Contains(body, hashOf(text)) {
		t.Error("a new article is not in the feed without a restart")
	}
	if err := st.IndexQueued(ctx); err != nil {
		t.Fatal(err)
	}
	if _, body, _ := get(t, ts, "/search?q=cat+dien"); !strings.Contains(body, "Lịch <mark>cắt điện</mark>") {
		t.Error("a new article is not found without a restart")
	}
}
