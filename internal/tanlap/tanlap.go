// Package tanlap serves a ward portal in a layout no rule list names (its
// classes are its own Vietnamese words), whose article template puts
// chrome inside the body container that no word list matches: a welcome
// blurb, a "how many are reading" line in a new wording with a rotating
// number, a box of links to other articles under a new heading, and a
// footer sentence. Only a site model (what repeats on most of a site's
// articles) can tell that chrome from the text. Tests and the benchmark
// crawl it on loopback; every article has its gold text.
package tanlap

import (
	"fmt"
	"html"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Portal is the portal: its listings are paginated, ten to a page;
// Reverse lists every link in the opposite order (another fetch order).
type Portal struct {
	URL      string // http://HOST:PORT once started
	mu       sync.Mutex
	n        int // articles published: 0..n-1
	reversed bool
	order    []int  // articles in the order they were served
	served   func() // called after an article is served
	srv      *http.Server
}

// Chrome is the portal's chrome inside the body container (the counter
// line without its number).
var Chrome = []string{
	"Xin chào bà con! Trang thông tin này là nơi chia sẻ chuyện xóm phố, mời cả nhà ghé đọc mỗi ngày cho vui.",
	"người cùng đọc trang này với bạn",
	"Bà con ghé đọc luôn mấy chuyện này nhé",
	"Mọi ý kiến đóng góp cho bản tin xin gửi qua tổ trưởng tổ dân phố hoặc để lại lời nhắn ở nhà văn hóa.",
}

// Quotes two and six articles share: the articles' own text.
var (
	QuoteTwo = "Như lời bác tổ trưởng nói trong buổi họp: nhà sạch thì mát, ngõ sạch thì ai đi qua cũng vui lòng."
	QuoteSix = "Phương châm của khu phố vẫn là dân biết, dân bàn, dân làm, dân kiểm tra và dân thụ hưởng."
)

var (
	tpSubjects = []string{"Ban điều hành tổ dân phố", "Chi hội phụ nữ", "Đoàn thanh niên khu phố", "Hội người cao tuổi",
		"Tổ an ninh tự quản", "Trạm y tế phường", "Hội cựu chiến binh", "Ban công tác mặt trận"}
	tpActions = []string{"đã phối hợp với các hộ gia đình", "vừa cùng bà con trong hẻm", "đã vận động các hộ kinh doanh",
		"mới đây đã cùng các em học sinh", "đã thống nhất với các chủ nhà trọ", "đã cùng các tình nguyện viên"}
	tpObjects = []string{"dọn sạch rác ở con kênh phía sau chợ", "sửa lại hệ thống đèn chiếu sáng trong hẻm",
		"tổ chức buổi tập huấn phòng cháy chữa cháy", "trồng thêm cây xanh dọc tuyến đường mới", "lập danh sách hỗ trợ các gia đình khó khăn"}
	tpReasons = []string{"Việc làm này được nhiều người dân hưởng ứng và mong được duy trì thường xuyên",
		"Kết quả được báo cáo tại cuộc họp định kỳ của khu phố", "Bà con góp thêm công sức và vật dụng để công việc xong sớm",
		"Các hộ ở đầu hẻm nhận trông coi và nhắc nhở nhau giữ gìn"}
)

// Title and Paragraphs are article i's title and gold paragraphs: every
// paragraph its own (no two articles share one, digits aside) but the
// quotes.
func Title(i int) string {
	return tpSubjects[i%8] + " " + tpObjects[(i/8)%5] + " " + []string{"ở khu phố Tân Lập", "tại tổ dân phố Hòa Bình", "ở xóm Bến Đò", "tại khu dân cư Chợ Cũ"}[(i/40)%4]
}

func Paragraphs(i int) []string {
	var ps []string
	for k := range 3 {
		j := i*3 + k
		ps = append(ps, fmt.Sprintf("%s %s %s. %s.", tpSubjects[j%8], tpActions[(j/8)%6], tpObjects[(j/48)%5], tpReasons[(j+i)%4]))
	}
	switch i {
	case 4, 19:
		ps = append(ps, QuoteTwo)
	}
	if i%5 == 1 && i < 30 {
		ps = append(ps, QuoteSix)
	}
	return ps
}

// Gold is article i's text as a reader wants it.
func Gold(i int) string { return strings.Join(Paragraphs(i), "\n\n") }

// New returns the portal with n articles published, not yet serving.
func New(n int) *Portal { return &Portal{n: n} }

// Start serves the portal on a free port of host (a loopback address).
func (p *Portal) Start(host string) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return fmt.Errorf("tanlap: %w", err)
	}
	p.URL = "http://" + ln.Addr().String()
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return nil
}

// Close stops serving.
func (p *Portal) Close() {
	if p.srv != nil {
		p.srv.Close()
	}
}

// Publish sets how many articles the portal has (0..n-1).
func (p *Portal) Publish(n int) {
	p.mu.Lock()
	p.n = n
	p.mu.Unlock()
}

// Reverse makes listings show their links in the opposite order.
func (p *Portal) Reverse(on bool) {
	p.mu.Lock()
	p.reversed = on
	p.mu.Unlock()
}

// Served lists the articles served so far, in order, and forgets them.
func (p *Portal) Served() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.order
	p.order = nil
	return out
}

// OnArticle calls fn after each article is served (nil: none).
func (p *Portal) OnArticle(fn func(served int)) {
	p.mu.Lock()
	p.served = func() { fn(len(p.order)) }
	if fn == nil {
		p.served = nil
	}
	p.mu.Unlock()
}

// ArticleURL is article i's URL.
func (p *Portal) ArticleURL(i int) string { return fmt.Sprintf("%s/bai/%d", p.URL, i) }

func (p *Portal) shell(title, main string) string {
	return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + html.EscapeString(title) + ` - Bản tin Tân Lập</title></head><body>
<div id="vo"><div class="dau-trang"><a href="/">Bản tin tổ dân phố Tân Lập</a> · <a href="/trang/1">Tin mới</a> · <a href="/lien-he">Liên hệ</a></div>
<div class="giua"><div class="o-trai">` + main + `</div>
<div class="o-phai"><p>Lịch tiếp dân: sáng thứ bảy hằng tuần tại nhà văn hóa.</p></div></div>
<div class="chan-trang">Bản tin tổ dân phố Tân Lập · Nhà văn hóa, hẻm 12 đường Tân Lập</div></div></body></html>`
}

func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	n, rev := p.n, p.reversed
	p.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var i, k int
	switch {
	case r.URL.Path == "/":
		fmt.Fprint(w, p.Listing(n, 1, rev))
	case sscan(r.URL.Path, "/trang/%d", &k) && k >= 1 && (k-1)*10 < n:
		fmt.Fprint(w, p.Listing(n, k, rev))
	case sscan(r.URL.Path, "/bai/%d", &i) && i >= 0 && i < n:
		fmt.Fprint(w, p.Article(n, i))
		p.mu.Lock()
		p.order = append(p.order, i)
		if p.served != nil {
			p.served()
		}
		p.mu.Unlock()
	default:
		http.NotFound(w, r)
	}
}

func sscan(s, format string, v *int) bool {
	_, err := fmt.Sscanf(s, format, v)
	return err == nil && fmt.Sprintf(format, *v) == s
}

// Listing k shows articles newest first, ten a page, each with its lead,
// and links every listing page.
func (p *Portal) Listing(n, k int, rev bool) string {
	var items, pages []string
	for i := n - 1 - (k-1)*10; i >= 0 && i > n-1-k*10; i-- {
		items = append(items, fmt.Sprintf(`<div class="muc"><h3><a href="/bai/%d">%s</a></h3><p>%s</p></div>`, i, Title(i), Paragraphs(i)[0]))
	}
	for j := 1; (j-1)*10 < n; j++ {
		pages = append(pages, fmt.Sprintf(`<a href="/trang/%d">%d</a>`, j, j))
	}
	if rev {
		slices.Reverse(items)
		slices.Reverse(pages)
	}
	return p.shell("Tin mới", `<h2>Tin mới</h2>`+strings.Join(items, "\n")+`<div class="so-trang">`+strings.Join(pages, " ")+`</div>`)
}

// Article i (of n): title, date, and in the body container the chrome around the
// text.
func (p *Portal) Article(n, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<h2 class="tieu-de-bai">%s</h2><div class="ngay-dang">Cập nhật lúc 08:%02d ngày %02d/%02d/2024</div><div class="phan-noi-dung">`,
		Title(i), i%60, i%28+1, i/28+3)
	fmt.Fprintf(&b, "<p>%s</p>\n", Chrome[0])
	for _, para := range Paragraphs(i) {
		fmt.Fprintf(&b, "<p>%s</p>\n", para)
	}
	fmt.Fprintf(&b, "<p>Đang có %d %s</p>\n", 3+(i*7)%40, Chrome[1])
	fmt.Fprintf(&b, `<p><b>%s</b></p>`, Chrome[2])
	for k := 1; k <= 3; k++ {
		j := (i + k*5) % n
		fmt.Fprintf(&b, `<p><a href="/bai/%d">%s</a> (%02d/%02d)</p>`, j, Title(j), j%28+1, j/28+3)
	}
	fmt.Fprintf(&b, "<p>%s</p></div>", Chrome[3])
	return p.shell(Title(i), b.String())
}
