// Package sampleportal serves three small Vietnamese ward portals on
// loopback, each laid out like a CMS family that real portals run on:
// NukeViet, Liferay (VNPT ePortal) and a hand-made table layout in
// windows-1258. The demo command crawls them, and the tests use them as
// sites whose right answers (the gold articles) are known.
package sampleportal

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/wardcrawl/wardcrawl/internal/legacyenc"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = map[string]*template.Template{
	"nukeviet": template.Must(template.ParseFS(templateFS, "templates/nukeviet.html")),
	"liferay":  template.Must(template.ParseFS(templateFS, "templates/liferay.html")),
	"handmade": template.Must(template.ParseFS(templateFS, "templates/handmade.html")),
}

// Portal is one sample site.
type Portal struct {
	Name    string // the site name to configure
	Family  string // nukeviet, liferay or handmade
	URL     string // base URL, set by Start
	stories []Story
	nfd     map[int]bool // stories this site serves in NFD
	server  *httptest.Server
	views   atomic.Int64
	mu      sync.Mutex
	log     []string
}

// Expected is a gold article: what a perfect crawl stores for one page.
type Expected struct {
	Site, URL, Title, Author string
	Published                time.Time
	HasTime                  bool
	Paras                    []string
}

// Portals returns the three sample portals, not yet started.
func Portals() []*Portal {
	return []*Portal{
		{Name: "phuong-an-binh", Family: "nukeviet",
			stories: []Story{storyRacCongKenh, storyLichTiepDan, storyPCCC, storyVeSinh, storyCuTri}},
		{Name: "phuong-hoa-thuan", Family: "liferay",
			stories: []Story{storyPCCC, storyLyLuan, storyDanVan}, nfd: map[int]bool{storyPCCC.ID: true}},
		{Name: "xa-tan-lap", Family: "handmade",
			stories: []Story{storyMatTran, storyHocBong, storyToDanPho}},
	}
}

// Start serves every portal on its own free port of host (e.g. "127.0.0.1").
func Start(host string) ([]*Portal, error) {
	return StartAt(host, nil)
}

// StartAt is Start with preferred ports, one per portal; a port that is
// taken falls back to a free one. Stable ports keep the demo's URLs the
// same from run to run.
func StartAt(host string, ports []int) ([]*Portal, error) {
	ps := Portals()
	for i, p := range ps {
		port := 0
		if i < len(ports) {
			port = ports[i]
		}
		if err := p.start(host, port); err != nil {
			Close(ps)
			return nil, err
		}
	}
	return ps, nil
}

// Close stops the portals.
func Close(ps []*Portal) {
	for _, p := range ps {
		p.Close()
	}
}

func (p *Portal) start(host string, port int) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil && port != 0 {
		ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	}
	if err != nil {
		return fmt.Errorf("listen for %s: %w", p.Name, err)
	}
	p.server = httptest.NewUnstartedServer(p)
	p.server.Listener = ln
	p.server.Start()
	p.URL = p.server.URL
	return nil
}

// Close stops the server.
func (p *Portal) Close() {
	if p.server != nil {
		p.server.Close()
	}
}

// StartURL is the page a crawl of this portal starts from.
func (p *Portal) StartURL() string { return p.URL + "/" }

// Requests returns every request URI the portal has served, in order.
func (p *Portal) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.log...)
}

// Hits counts requests for one request URI (path and query).
func (p *Portal) Hits(uri string) int {
	n := 0
	for _, r := range p.Requests() {
		if r == uri {
			n++
		}
	}
	return n
}

// Expected lists the portal's gold articles.
func (p *Portal) Expected() []Expected {
	var out []Expected
	for _, s := range p.stories {
		e := Expected{Site: p.Name, URL: p.URL + p.articlePath(s), Title: s.Title, Author: s.Author,
			Published: s.Published, HasTime: s.HasTime, Paras: s.Body()}
		out = append(out, e)
	}
	return out
}

// NonArticleURLs lists pages of the portal that are not articles.
func (p *Portal) NonArticleURLs() []string {
	var paths []string
	switch p.Family {
	case "nukeviet":
		paths = []string{"/", "/news/", "/news/page-2", "/lien-he.html"}
	case "liferay":
		paths = []string{"/web/guest/trang-chu", "/web/guest/tin-tuc?cur=1&delta=2", "/web/guest/tin-tuc?cur=2&delta=2",
			"/web/guest/co-cau-to-chuc", "/web/guest/lich?nam=2019&thang=10", "/web/guest/lich?ngay=2019-10-05"}
	case "handmade":
		paths = []string{"/", "/tintuc.asp?trang=1", "/tintuc.asp?trang=2", "/gioithieu.asp", "/timkiem.asp"}
	}
	for i := range paths {
		paths[i] = p.URL + paths[i]
	}
	return paths
}

// DisallowedPath is a path the portal's robots.txt forbids (and links to).
func (p *Portal) DisallowedPath() string {
	switch p.Family {
	case "nukeviet":
		return "/admin/"
	case "liferay":
		return "/web/guest/private/noi-bo"
	}
	return ""
}

func (p *Portal) articlePath(s Story) string {
	switch p.Family {
	case "nukeviet":
		return fmt.Sprintf("/news/%s-%d.html", s.Slug, s.ID)
	case "liferay":
		return "/web/guest/tin-tuc/-/asset_publisher/tintuc/content/" + s.Slug
	default:
		return fmt.Sprintf("/xemtin.asp?cat=2&id=%d", s.ID)
	}
}

type item struct {
	Href    string
	Story   Story
	Date    string
	Summary string
}

type pageLink struct {
	Href string
	N    int
}

type labelled struct{ Href, Label string }

type pageData struct {
	Title                  string
	Story                  *Story
	Date, Time, DateLine   string
	Views, Counter, Online int64
	Total                  int64
	Today, TodayDash       string
	Items, Related         []item
	Pages                  []pageLink
	Paras                  []string
	Links                  []labelled
	nfd                    bool
	template, contentType  string
	status                 int
	body                   []byte
	redirect               string
	extraHeaders           map[string]string
}

func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.log = append(p.log, r.URL.RequestURI())
	p.mu.Unlock()
	n := p.views.Add(1)
	now := time.Now().In(vn)
	d := &pageData{Views: 170 + n, Counter: 10 + n, Online: 3 + n%7, Total: 13300 + n,
		Today: now.Format("02/01/2006"), TodayDash: now.Format("02-01-2006"), status: http.StatusOK}
	p.route(r, d)
	switch {
	case d.redirect != "":
		http.Redirect(w, r, d.redirect, http.StatusFound)
		return
	case d.body != nil:
		w.Header().Set("Content-Type", d.contentType)
		w.WriteHeader(d.status)
		w.Write(d.body)
		return
	case d.template == "":
		http.NotFound(w, r)
		return
	}
	var buf bytes.Buffer
	if err := templates[p.Family].ExecuteTemplate(&buf, d.template, d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	out := buf.Bytes()
	if d.nfd {
		out = norm.NFD.Bytes(out)
	}
	ct := "text/html; charset=utf-8"
	if p.Family == "handmade" {
		out = legacyenc.Windows1258(string(out))
		ct = "text/html" // the charset is only in the page's meta tag
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(d.status)
	w.Write(out)
}

func (p *Portal) storyByPath(path string) (Story, bool) {
	for _, s := range p.stories {
		if strings.SplitN(p.articlePath(s), "?", 2)[0] == path {
			return s, true
		}
	}
	return Story{}, false
}

func (p *Portal) items(stories []Story, hrefSuffix string) []item {
	var out []item
	for _, s := range stories {
		sum := []rune(s.Paras[0])
		summary := string(sum)
		if len(sum) > 150 {
			summary = string(sum[:150]) + "..."
		}
		out = append(out, item{Href: p.articlePath(s) + hrefSuffix, Story: s, Date: listDate(s), Summary: summary})
	}
	return out
}

func listDate(s Story) string {
	if s.HasTime {
		return s.Published.Format("02/01/2006 15:04")
	}
	return s.Published.Format("02/01/2006")
}

func pageOf(stories []Story, page, size int) []Story {
	lo := (page - 1) * size
	if page < 1 || lo >= len(stories) {
		return nil
	}
	hi := min(lo+size, len(stories))
	return stories[lo:hi]
}

// paged fills d with one page of the portal's listing; a page past the
// end is left empty, which serves a 404.
func (p *Portal) paged(d *pageData, page, size int, title string, pages ...pageLink) {
	if d.Items = p.items(pageOf(p.stories, page, size), ""); d.Items != nil {
		d.template, d.Title, d.Pages = "listing", title, pages
	}
}

func (p *Portal) article(d *pageData, s Story) {
	d.template = "article"
	d.Story = &s
	d.Title = s.Title
	d.Date = s.Published.Format("02/01/2006")
	d.Time = s.Published.Format("15:04")
	d.DateLine = dateLines[s.ID]
	d.nfd = p.nfd[s.ID]
	for _, o := range p.stories {
		if o.ID != s.ID && len(d.Related) < 2 {
			d.Related = append(d.Related, p.items([]Story{o}, "")...)
		}
	}
}

// dateLines are the hand-made portal's date lines, each in another style.
var dateLines = map[int]string{
	storyMatTran.ID:  "18/11/2020 10:15 | 0",
	storyToDanPho.ID: "Cập nhật lúc 08:30 ngày 02/7/2020",
	storyHocBong.ID:  "Thứ Hai, 14-09-2020",
}

const pdfBody = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// Page requisites the templates use: a stylesheet and images (all images
// share their bytes, as a portal's placeholder photos often do).
var (
	cssBody = []byte("body{font-family:Arial,sans-serif;font-size:13px}\n.news-content{line-height:1.5}\n")
	gifBody = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
)

func asset(path string) ([]byte, string, bool) {
	if !strings.HasPrefix(path, "/themes/") && !strings.HasPrefix(path, "/uploads/news/") &&
		!strings.HasPrefix(path, "/documents/") && !strings.HasPrefix(path, "/images/") {
		return nil, "", false
	}
	switch {
	case strings.HasSuffix(path, ".css"):
		return cssBody, "text/css", true
	case strings.HasSuffix(path, ".jpg"), strings.HasSuffix(path, ".gif"):
		return gifBody, "image/gif", true
	}
	return nil, "", false
}

func (p *Portal) route(r *http.Request, d *pageData) {
	path, q := r.URL.Path, r.URL.Query()
	if body, ct, ok := asset(path); ok {
		d.body, d.contentType = body, ct
		return
	}
	switch p.Family {
	case "nukeviet":
		switch {
		case path == "/robots.txt":
			d.body, d.contentType = []byte("User-agent: *\nDisallow: /admin/\n"), "text/plain"
		case path == "/":
			d.template, d.Title, d.Items = "listing", "Tin mới nhất", p.items(p.stories, "")
		case path == "/news/" || strings.HasPrefix(path, "/news/page-"):
			page := 1
			if strings.HasPrefix(path, "/news/page-") {
				page, _ = strconv.Atoi(strings.TrimPrefix(path, "/news/page-"))
			}
			p.paged(d, page, 3, "Tin tức - Sự kiện", pageLink{"/news/", 1}, pageLink{"/news/page-2", 2})
		case path == "/lien-he.html":
			d.template, d.Title = "page", "Liên hệ"
			d.Paras = []string{"Ủy ban nhân dân phường An Bình", "Địa chỉ: số 1 đường Lò Gạch, phường An Bình", "Điện thoại: 024 3800 0000 - Thư điện tử: ubnd.anbinh@example.vn",
				"Mọi ý kiến đóng góp xin gửi qua mẫu dưới đây; bộ phận một cửa sẽ trả lời trong vòng năm ngày làm việc."}
		case path == storyVeSinh.Attach.Path:
			d.body, d.contentType = []byte(pdfBody), "application/pdf"
		case path == "/admin/":
			d.body, d.contentType = []byte("<html><body>Đăng nhập quản trị</body></html>"), "text/html; charset=utf-8"
		default:
			if s, ok := p.storyByPath(path); ok {
				p.article(d, s)
			}
		}
	case "liferay":
		switch {
		case path == "/robots.txt":
			d.body, d.contentType = []byte("User-agent: *\nDisallow: /web/guest/private/\n"), "text/plain"
		case path == "/":
			d.redirect = "/web/guest/trang-chu"
		case path == "/web/guest/trang-chu":
			d.template, d.Title, d.Items = "listing", "Tin nổi bật", p.items(p.stories, "?utm_source=trang-chu&utm_medium=web")
		case path == "/web/guest/tin-tuc":
			page, _ := strconv.Atoi(q.Get("cur"))
			p.paged(d, page, 2, "Tin tức - Sự kiện", pageLink{"/web/guest/tin-tuc?delta=2&cur=1", 1}, pageLink{"/web/guest/tin-tuc?delta=2&cur=2", 2})
		case path == "/web/guest/co-cau-to-chuc":
			d.template, d.Title = "page", "Cơ cấu tổ chức"
			d.Paras = []string{"Bí thư Đảng ủy phường: ông Nguyễn Văn Thành.", "Chủ tịch Ủy ban nhân dân phường: bà Võ Thị Hạnh.",
				"Phó Chủ tịch Ủy ban nhân dân phường phụ trách kinh tế - đô thị: ông Lê Quang Vinh.",
				"Phó Chủ tịch Ủy ban nhân dân phường phụ trách văn hóa - xã hội: bà Trần Thị Mai.",
				"Chủ tịch Ủy ban Mặt trận Tổ quốc phường: ông Phan Đình Lộc."}
		case path == "/web/guest/lich" && q.Get("ngay") != "":
			d.template, d.Title = "page", "Lịch công tác ngày "+q.Get("ngay")
			d.Paras = []string{"Không có lịch công tác trong ngày này."}
		case path == "/web/guest/lich":
			d.template, d.Title = "page", "Lịch công tác tháng 10 năm 2019"
			d.Paras = []string{"Chọn ngày để xem lịch công tác:"}
			for day := 1; day <= 31; day++ {
				d.Links = append(d.Links, labelled{fmt.Sprintf("/web/guest/lich?ngay=2019-10-%02d", day), strconv.Itoa(day)})
			}
		case strings.HasPrefix(path, "/web/guest/private/"):
			d.body, d.contentType = []byte("<html><body>Trang nội bộ</body></html>"), "text/html; charset=utf-8"
		default:
			if s, ok := p.storyByPath(path); ok {
				p.article(d, s)
			}
		}
	case "handmade":
		switch path {
		case "/", "/index.asp":
			d.template, d.Title = "listing", "Tin mới"
			for _, it := range p.items(p.stories, "") { // relative links, query in another order
				id := strconv.Itoa(it.Story.ID)
				it.Href = "xemtin.asp?id=" + id + "&cat=2"
				d.Items = append(d.Items, it)
			}
		case "/tintuc.asp":
			page, _ := strconv.Atoi(q.Get("trang"))
			p.paged(d, page, 2, "Tin tức - sự kiện", pageLink{"/tintuc.asp?trang=1", 1}, pageLink{"/tintuc.asp?trang=2", 2})
		case "/gioithieu.asp":
			d.template, d.Title = "page", "Giới thiệu chung"
			d.Paras = []string{"Xã Tân Lập có diện tích tự nhiên 8,6 km² với 10 thôn.", "Dân số khoảng 16.500 người.",
				"Nhân dân chủ yếu làm nông nghiệp, trồng rau an toàn và chăn nuôi; những năm gần đây nghề mộc và dịch vụ phát triển khá."}
		case "/timkiem.asp":
			d.template, d.Title = "page", "Tìm kiếm"
			d.Paras = []string{"Nhập từ khóa để tìm kiếm tin bài."}
		case "/xemtin.asp":
			id, _ := strconv.Atoi(q.Get("id"))
			for _, s := range p.stories {
				if s.ID == id {
					p.article(d, s)
				}
			}
		}
	}
}
