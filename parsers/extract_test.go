package parsers

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"golang.org/x/text/unicode/norm"
)

// chromePhrases must never appear in an article's text.
var chromePhrases = []string{
	"Lượt xem", "View count", "A- A A+", "Tăng tương phản", "Giảm tương phản",
	"Tổng số điểm của bài viết", "Click để đánh giá", "Bài viết liên quan", "Tin cùng chuyên mục",
	"Thống kê truy cập", "Hôm nay :", "Đang truy cập", "Bình luận", "Chọn ngày", "Album Ảnh",
	"Các chuyên mục", "CHUYÊN MỤC", ".jpg", "Tin, ảnh:", "Ngày đăng", "Trang chủ", "Hà Nội, ngày",
}

func fetch(t *testing.T, u string) ([]byte, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b, resp.Header.Get("Content-Type")
}

func extractURL(t *testing.T, u string) Article {
	t.Helper()
	b, ct := fetch(t, u)
	pu, _ := url.Parse(u)
	a, err := Extract(b, ct, pu, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSamplePortalsGold checks every sample article against its gold text,
// title, date and byline, and every non-article page is rejected.
func TestSamplePortalsGold(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	for _, p := range ps {
		for _, e := range p.Expected() {
			t.Run(p.Family+"/"+e.Title, func(t *testing.T) {
				a := extractURL(t, e.URL)
				if !a.IsArticle {
					t.Fatalf("not an article: %s", a.Reason)
				}
				if want := strings.Join(e.Paras, "\n\n"); a.Text != want {
					t.Errorf("text differs\n got: %q\nwant: %q", a.Text, want)
				}
				if a.Title != e.Title {
					t.Errorf("title = %q, want %q", a.Title, e.Title)
				}
				if a.PublishedAt == nil || !a.PublishedAt.Equal(e.Published) {
					t.Errorf("published_at = %v, want %v", a.PublishedAt, e.Published)
				} else if _, off := a.PublishedAt.Zone(); off != 7*3600 {
					t.Errorf("published_at offset = %d, want +07:00", off)
				}
				if a.Author != e.Author {
					t.Errorf("author = %q, want %q", a.Author, e.Author)
				}
				for _, c := range chromePhrases {
					if strings.Contains(a.Text, c) {
						t.Errorf("chrome %q leaked into text", c)
					}
				}
				if !norm.NFC.IsNormalString(a.Text) || !norm.NFC.IsNormalString(a.Title) {
					t.Error("text or title not NFC")
				}
				if a.ContentHash != ContentHash(a.Text) || len(a.ContentHash) != 64 {
					t.Errorf("bad content hash %q", a.ContentHash)
				}
			})
		}
		for _, u := range p.NonArticleURLs() {
			t.Run(p.Family+"/non-article"+strings.TrimPrefix(u, p.URL), func(t *testing.T) {
				if a := extractURL(t, u); a.IsArticle {
					t.Errorf("taken for an article: title %q text %.200q", a.Title, a.Text)
				}
			})
		}
	}
}

// TestHashIgnoresChromeAndForm: the syndicated story is served NFC by one
// portal and NFD by another, in different templates with changing counters.
func TestHashIgnoresChromeAndForm(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	var a, b Article
	for _, e := range ps[0].Expected() {
		if strings.Contains(e.URL, "phong-chay") {
			a = extractURL(t, e.URL)
			if again := extractURL(t, e.URL); again.ContentHash != a.ContentHash {
				t.Error("a second fetch (new view counter) changed the hash")
			}
		}
	}
	raw, _ := fetch(t, ps[1].URL+"/web/guest/tin-tuc/-/asset_publisher/tintuc/content/tap-huan-phong-chay-chua-chay")
	if norm.NFC.IsNormal(raw) {
		t.Fatal("test setup: the second copy should be served in NFD")
	}
	b = extractURL(t, ps[1].URL+"/web/guest/tin-tuc/-/asset_publisher/tintuc/content/tap-huan-phong-chay-chua-chay")
	if a.ContentHash == "" || a.ContentHash != b.ContentHash {
		t.Fatalf("syndicated copies hash differently:\n%q\n%q", a.Text, b.Text)
	}
}

func TestContentHashNormalization(t *testing.T) {
	nfc := "Phường Bồ Đề tổ chức hội nghị.\n\nĐồng chí Bí thư phát biểu."
	variants := []string{
		norm.NFD.String(nfc),
		"Phường  Bồ\u00a0Đề tổ chức hội nghị.\nĐồng chí Bí thư phát biểu.",
		"  Phường Bồ Đề tổ chức\u200b hội nghị. Đồng chí Bí thư phát biểu.\n",
	}
	for _, v := range variants {
		if ContentHash(v) != ContentHash(nfc) {
			t.Errorf("hash of %q differs", v)
		}
	}
	if ContentHash(nfc) == ContentHash(strings.Replace(nfc, "hội nghị", "hội thảo", 1)) {
		t.Error("different words must hash differently")
	}
}

func TestFindDate(t *testing.T) {
	cases := []struct {
		in   string
		want string // RFC 3339, "" for none
	}{
		{"Ngày đăng 14/10/2020 | 15:25 | Lượt xem: 174", "2020-10-14T15:25:00+07:00"},
		{"Ngày đăng bài: 07/10/2019", "2019-10-07T00:00:00+07:00"},
		{"15/10/2020 12:12 | 0", "2020-10-15T12:12:00+07:00"},
		{"Thứ Hai, 14-10-2020", "2020-10-14T00:00:00+07:00"},
		{"Cập nhật lúc 08:30 ngày 02/7/2020", "2020-07-02T08:30:00+07:00"},
		{"ngày 2 tháng 7 năm 2020", "2020-07-02T00:00:00+07:00"},
		{"Thứ Tư, 18 Tháng 11 2020 09:10", "2020-11-18T09:10:00+07:00"},
		{"18 tháng 11, 2020", "2020-11-18T00:00:00+07:00"},
		{"2020-10-14T08:25:00Z", "2020-10-14T15:25:00+07:00"},
		{"2020-10-14T15:25:00+07:00", "2020-10-14T15:25:00+07:00"},
		{"10/15/2020 2:05 PM", "2020-10-15T14:05:00+07:00"},
		{"Cập nhật 09h45 ngày 3.11.2020", "2020-11-03T09:45:00+07:00"},
		{"31/02/2020", ""},
		{"Lượt xem: 174", ""},
	}
	for _, c := range cases {
		got, _, ok := FindDate(c.in)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != c.want {
			t.Errorf("FindDate(%q) = %q, want %q", c.in, s, c.want)
		}
	}
}

func TestChromeLines(t *testing.T) {
	chrome := []string{"Ngày đăng 14/10/2020 | 15:25 | Lượt xem: 174", "A- A A+ | Tăng tương phản Giảm tương phản",
		"Tổng số điểm của bài viết là: 0 trong 0 đánh giá", "Hôm nay : 14", "Năm 2024 : 13.304", "IMG20191004091522.jpg",
		"15/10/2020 12:12 | 0", "View count: 528", "Chọn ngày:", "Bình luận", "In bài | Gửi email | Chia sẻ"}
	for _, c := range chrome {
		if !isChromeLine(c) {
			t.Errorf("%q should be chrome", c)
		}
	}
	text := []string{"Ngày 04/10/2019 Đảng ủy phường tổ chức hội nghị.", "Thứ Ba, 03/11/2020 | Sáng từ 8 giờ | Ông Trần Văn Hòa",
		"Phường Bồ Đề, ngày 05 tháng 10 năm 2020", "Hôm nay, phường ra quân làm sạch đường phố."}
	for _, c := range text {
		if isChromeLine(c) {
			t.Errorf("%q is article text, not chrome", c)
		}
	}
}

func TestDecodeCharsets(t *testing.T) {
	want := "Phường Tân Lập"
	w1258 := []byte("<html><head><meta charset=\"windows-1258\"></head><body>Ph\xFD\xF5\xCCng T\xE2n L\xE2\xF2p</body></html>")
	cases := []struct {
		name, ct string
		body     []byte
		enc      string
	}{
		{"meta only", "text/html", w1258, "windows-1258"},
		{"header wins over meta", "text/html; charset=windows-1258", []byte(strings.Replace(string(w1258), "windows-1258", "utf-8", 1)), "windows-1258"},
		{"bom wins", "text/html; charset=windows-1258", append([]byte("\xEF\xBB\xBF"), []byte("<p>"+want)...), "utf-8"},
		{"undeclared utf-8", "text/html", []byte("<p>" + want), "utf-8"},
		{"undeclared legacy", "", []byte("<p>Ph\xFD\xF5\xCCng T\xE2n L\xE2\xF2p"), "windows-1258"},
		{"server default over real utf-8", "text/html; charset=iso-8859-1", []byte("<p>" + want), "utf-8"},
	}
	for _, c := range cases {
		out, enc, err := Decode(c.body, c.ct)
		if err != nil {
			t.Fatal(err)
		}
		if enc != c.enc {
			t.Errorf("%s: encoding %s, want %s", c.name, enc, c.enc)
		}
		if got := CleanLine(string(out)); !strings.Contains(got, want) {
			t.Errorf("%s: decoded %q, want it to contain %q", c.name, got, want)
		}
	}
}

func TestParagraphsTablesAndBreaks(t *testing.T) {
	doc, err := ParseHTML([]byte(`<div><p>Một <b>hai</b>
	ba</p>Dòng một<br>Dòng hai<table><tr><th>Ngày</th><th>Người tiếp</th></tr><tr><td>Thứ Hai</td><td><p>Ông A</p></td></tr></table><p>&nbsp;</p></div>`), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(Paragraphs(doc), "\n")
	want := "Một hai ba\nDòng một\nDòng hai\nNgày | Người tiếp\nThứ Hai | Ông A"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestArticleJSON(t *testing.T) {
	ts := time.Date(2020, 10, 14, 15, 25, 0, 0, Vietnam)
	b, _ := json.Marshal(Article{Title: "T", PublishedAt: &ts, Text: "x", IsArticle: true, ContentHash: "h"})
	var m map[string]any
	json.Unmarshal(b, &m)
	if m["published_at"] != "2020-10-14T15:25:00+07:00" || m["author"] != nil || m["is_article"] != true {
		t.Errorf("json: %s", b)
	}
}

func TestLinks(t *testing.T) {
	doc, _ := ParseHTML([]byte(`<base href="http://a.test/x/"><a href="y?b=1">y</a><a href="#top">t</a><a href="mailto:a@b">m</a><a href="//c.test/z#f">z</a><a href="y?b=1">again</a>`), "")
	u, _ := url.Parse("http://a.test/")
	got := strings.Join(Links(doc, u), " ")
	if got != "http://a.test/x/y?b=1 http://c.test/z" {
		t.Errorf("links = %q", got)
	}
}
