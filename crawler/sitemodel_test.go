package crawler

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// templatePortal is a ward portal in a layout no rule list names (its
// classes are its own Vietnamese words), whose article template puts
// chrome inside the body container that no word list matches: a welcome
// blurb, a "how many are reading" line in a new wording with a rotating
// number, a box of links to other articles under a new heading, and a
// footer sentence. Its listings are paginated, ten to a page; reversed
// lists every link in the opposite order (another fetch order).
type templatePortal struct {
	*httptest.Server
	mu       sync.Mutex
	n        int // articles published: 0..n-1
	reversed bool
	order    []int  // articles in the order they were served
	served   func() // called after an article is served
}

// The portal's chrome inside the body container.
var templateChrome = []string{
	"Xin chào bà con! Trang thông tin này là nơi chia sẻ chuyện xóm phố, mời cả nhà ghé đọc mỗi ngày cho vui.",
	"người cùng đọc trang này với bạn",
	"Bà con ghé đọc luôn mấy chuyện này nhé",
	"Mọi ý kiến đóng góp cho bản tin xin gửi qua tổ trưởng tổ dân phố hoặc để lại lời nhắn ở nhà văn hóa.",
}

// Quotes two and six articles share: the articles' own text.
var (
	quoteTwo = "Như lời bác tổ trưởng nói trong buổi họp: nhà sạch thì mát, ngõ sạch thì ai đi qua cũng vui lòng."
	quoteSix = "Phương châm của khu phố vẫn là dân biết, dân bàn, dân làm, dân kiểm tra và dân thụ hưởng."
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

// tpTitle and tpParas are article i's title and gold paragraphs: every
// paragraph its own (no two articles share one, digits aside).
func tpTitle(i int) string {
	return tpSubjects[i%8] + " " + tpObjects[(i/8)%5] + " " + []string{"ở khu phố Tân Lập", "tại tổ dân phố Hòa Bình", "ở xóm Bến Đò", "tại khu dân cư Chợ Cũ"}[(i/40)%4]
}

func tpParas(i int) []string {
	var ps []string
	for k := range 3 {
		j := i*3 + k
		ps = append(ps, fmt.Sprintf("%s %s %s. %s.", tpSubjects[j%8], tpActions[(j/8)%6], tpObjects[(j/48)%5], tpReasons[(j+i)%4]))
	}
	switch i {
	case 4, 19:
		ps = append(ps, quoteTwo)
	}
	if i%5 == 1 && i < 30 {
		ps = append(ps, quoteSix)
	}
	return ps
}

func tpGold(i int) string { return strings.Join(tpParas(i), "\n\n") }

func newTemplatePortal(t *testing.T, n int) *templatePortal {
	p := &templatePortal{n: n}
	p.Server = httptest.NewServer(p)
	t.Cleanup(p.Close)
	return p
}

func (p *templatePortal) publish(n int) {
	p.mu.Lock()
	p.n = n
	p.mu.Unlock()
}

func (p *templatePortal) shell(title, main string) string {
	return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + html.EscapeString(title) + ` - Bản tin Tân Lập</title></head><body>
<div id="vo"><div class="dau-trang"><a href="/">Bản tin tổ dân phố Tân Lập</a> · <a href="/trang/1">Tin mới</a> · <a href="/lien-he">Liên hệ</a></div>
<div class="giua"><div class="o-trai">` + main + `</div>
<div class="o-phai"><p>Lịch tiếp dân: sáng thứ bảy hằng tuần tại nhà văn hóa.</p></div></div>
<div class="chan-trang">Bản tin tổ dân phố Tân Lập · Nhà văn hóa, hẻm 12 đường Tân Lập</div></div></body></html>`
}

func (p *templatePortal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	n, rev := p.n, p.reversed
	p.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var i, k int
	switch {
	case r.URL.Path == "/":
		fmt.Fprint(w, p.listing(n, 1, rev))
	case sscan(r.URL.Path, "/trang/%d", &k) && k >= 1 && (k-1)*10 < n:
		fmt.Fprint(w, p.listing(n, k, rev))
	case sscan(r.URL.Path, "/bai/%d", &i) && i >= 0 && i < n:
		fmt.Fprint(w, p.article(n, i))
		p.mu.Lock()
		p.order = append(p.order, i)
		served := p.served
		p.mu.Unlock()
		if served != nil {
			served()
		}
	default:
		http.NotFound(w, r)
	}
}

func sscan(s, format string, v *int) bool {
	_, err := fmt.Sscanf(s, format, v)
	return err == nil && fmt.Sprintf(format, *v) == s
}

// listing k shows articles newest first, ten a page, each with its lead,
// and links every listing page.
func (p *templatePortal) listing(n, k int, rev bool) string {
	var items, pages []string
	for i := n - 1 - (k-1)*10; i >= 0 && i > n-1-k*10; i-- {
		items = append(items, fmt.Sprintf(`<div class="muc"><h3><a href="/bai/%d">%s</a></h3><p>%s</p></div>`, i, tpTitle(i), tpParas(i)[0]))
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

// article i: title, date, and in the body container the chrome around the
// text.
func (p *templatePortal) article(n, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<h2 class="tieu-de-bai">%s</h2><div class="ngay-dang">Cập nhật lúc 08:%02d ngày %02d/%02d/2024</div><div class="phan-noi-dung">`,
		tpTitle(i), i%60, i%28+1, i/28+3)
	fmt.Fprintf(&b, "<p>%s</p>\n", templateChrome[0])
	for _, para := range tpParas(i) {
		fmt.Fprintf(&b, "<p>%s</p>\n", para)
	}
	fmt.Fprintf(&b, "<p>Đang có %d %s</p>\n", 3+(i*7)%40, templateChrome[1])
	fmt.Fprintf(&b, `<p><b>%s</b></p>`, templateChrome[2])
	for k := 1; k <= 3; k++ {
		j := (i + k*5) % n
		fmt.Fprintf(&b, `<p><a href="/bai/%d">%s</a> (%02d/%02d)</p>`, j, tpTitle(j), j%28+1, j/28+3)
	}
	fmt.Fprintf(&b, "<p>%s</p></div>", templateChrome[3])
	return p.shell(tpTitle(i), b.String())
}

// templateSite is the portal's config: one request at a time, so the
// fetch order is the portal's link order.
func templateSite(p *templatePortal) config.Site {
	s := site("tan-lap", p.URL+"/")
	s.Parallelism = 1
	return s
}

// checkTemplateTexts compares every stored article of the portal with its
// gold and lists what is wrong: a missing article, chrome in a text, a
// text other than the gold.
func checkTemplateTexts(t *testing.T, st *storage.Store, p *templatePortal, n int) (problems []string, texts map[string]string) {
	t.Helper()
	texts = currentTexts(t, st, "tan-lap")
	for i := range n {
		u := fmt.Sprintf("%s/bai/%d", p.URL, i)
		got, ok := texts[u]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("article %d not stored", i))
			continue
		case got != tpGold(i):
			for _, c := range templateChrome {
				if strings.Contains(got, c) {
					problems = append(problems, fmt.Sprintf("article %d keeps the chrome %q", i, c))
				}
			}
			problems = append(problems, fmt.Sprintf("article %d:\n got %q\nwant %q", i, got, tpGold(i)))
		}
	}
	return problems, texts
}

func currentTexts(t *testing.T, st *storage.Store, site string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := st.EachCurrentArticle(context.Background(), site, func(c storage.CurrentArticle) error {
		out[c.URL] = c.Text
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The acceptance test of the site model: a portal in an unknown layout
// with chrome inside its body container, crawled in two orders, stores
// every article as its gold, without the chrome, the same either way; the
// quotes two and six articles share stay in each. With the model off the
// chrome stays.
func TestSiteModelStripsAnUnknownTemplate(t *testing.T) {
	const n = 34
	var texts [2]map[string]string
	var orders [2][]int
	for k, rev := range []bool{false, true} {
		p := newTemplatePortal(t, n)
		p.reversed = rev
		st := openStore(t)
		stats := crawlOnce(t, st, templateSite(p))
		problems, got := checkTemplateTexts(t, st, p, n)
		for _, pr := range problems {
			t.Errorf("order %d: %s", k, pr)
		}
		if stats.ArticlesNew != n || stats.ModelArticles != n || stats.HeldPeakPages < learnArticles || stats.ModelChrome == 0 || stats.ArticlesRevised != 0 {
			t.Errorf("order %d: stats %+v", k, stats)
		}
		orders[k] = p.order
		texts[k] = make(map[string]string, len(got))
		for u, text := range got { // the same paths on another port
			texts[k][strings.TrimPrefix(u, p.URL)] = text
		}
	}
	if slices.Equal(orders[0], orders[1]) || len(orders[0]) != n {
		t.Errorf("the two crawls fetched the articles in the same order: %v", orders[0])
	}
	for u, text := range texts[0] {
		if texts[1][u] != text {
			t.Errorf("%s differs between the two fetch orders:\n%q\n%q", u, text, texts[1][u])
		}
	}
	// Switched off, the same crawl keeps the chrome: no rule knows it.
	p := newTemplatePortal(t, n)
	st := openStore(t)
	s := templateSite(p)
	s.SiteModel = false
	crawlOnce(t, st, s)
	problems, _ := checkTemplateTexts(t, st, p, n)
	for _, c := range templateChrome {
		if !slices.ContainsFunc(problems, func(pr string) bool { return strings.Contains(pr, c) }) {
			t.Errorf("without the site model, no article keeps %q: the test does not test the model", c)
		}
	}
}

// A site crawled first when it had too few articles for the model keeps
// its chrome; when it has grown, the run that makes the model trusted
// cleans the stored articles too: each gets a new version, with the
// reason, and exports show only the clean one.
func TestSiteModelRevisesStoredArticles(t *testing.T) {
	p := newTemplatePortal(t, 6)
	st := openStore(t)
	s := templateSite(p)
	first := crawlOnce(t, st, s)
	if first.ArticlesNew != 6 || first.ArticlesRevised != 0 {
		t.Fatalf("first run: %+v", first)
	}
	if problems, _ := checkTemplateTexts(t, st, p, 6); len(problems) == 0 {
		t.Fatal("6 articles: the model is not trusted yet, the chrome should still be there")
	}
	p.publish(34)
	second := crawlOnce(t, st, s)
	if second.ArticlesNew != 28 || second.ArticlesRevised != 6 {
		t.Errorf("second run: %+v", second)
	}
	for _, pr := range first34(checkTemplateTexts(t, st, p, 34)) {
		t.Error(pr)
	}
	vs, err := st.URLVersions(context.Background(), p.URL+"/bai/2")
	if err != nil || len(vs) != 2 || vs[0].RevisedTo != vs[1].ContentHash ||
		!strings.Contains(vs[1].Reason, "site model, run 2: removed") || !strings.Contains(vs[1].Reason, "of 34 article pages") {
		t.Errorf("versions of an early article: %+v %v", vs, err)
	}
	if got := len(articles(t, st)); got != 34 {
		t.Errorf("%d articles exported, want 34 (the replaced versions left out)", got)
	}
	// Nothing new: a third run revises nothing and observes nothing again.
	third := crawlOnce(t, st, s)
	if third.ArticlesRevised != 0 || third.ModelArticles != 34 || third.ArticlesNew != 0 {
		t.Errorf("third run: %+v", third)
	}
}

func first34(problems []string, _ map[string]string) []string { return problems }

// Pages are observed once: a run that fetches every article again (no
// recheck delay) adds nothing to the model and stores no new version.
func TestSiteModelObservesEachPageOnce(t *testing.T) {
	p := newTemplatePortal(t, 30)
	st := openStore(t)
	s := templateSite(p)
	s.RecheckAfter = 0
	first := crawlOnce(t, st, s)
	sm, ok, err := st.LoadSiteModel(context.Background(), "tan-lap")
	if err != nil || !ok || sm.ArticlePages != 30 || first.ModelArticles != 30 {
		t.Fatalf("model after the first run: %d articles, ok %v, %v", sm.ArticlePages, ok, err)
	}
	p.mu.Lock()
	p.order = nil
	p.mu.Unlock()
	second := crawlOnce(t, st, s)
	if len(p.order) != 30 {
		t.Fatalf("the second run fetched %d articles, want all 30", len(p.order))
	}
	again, _, _ := st.LoadSiteModel(context.Background(), "tan-lap")
	if again.Pages != sm.Pages || again.ArticlePages != 30 || second.ArticlesNew+second.ArticlesChanged != 0 || second.HeldPeakPages != 0 {
		t.Errorf("second run: model %d pages (was %d), %d articles; stats %+v", again.Pages, sm.Pages, again.ArticlePages, second)
	}
}

// A run interrupted while the model is still learning stores the pages
// it held back (nothing fetched is fetched again); the next run finishes
// the round and every article ends as its gold.
func TestSiteModelInterruptedWhileLearning(t *testing.T) {
	p := newTemplatePortal(t, 34)
	st := openStore(t)
	s := templateSite(p)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	p.served = func() {
		p.mu.Lock()
		n := len(p.order)
		p.mu.Unlock()
		if n == 10 {
			once.Do(cancel)
		}
	}
	sum, err := New(st, Options{}).Run(ctx, []config.Site{s})
	if err != nil || sum.Status != "interrupted" {
		t.Fatalf("first run: %v %+v", err, sum)
	}
	if got := len(currentTexts(t, st, "tan-lap")); got < 9 { // the 10th may be cut off by the stop
		t.Errorf("%d articles stored by the interrupted run; it fetched 10", got)
	}
	p.mu.Lock()
	p.served = nil
	before := p.order
	p.order = nil
	p.mu.Unlock()
	second := crawlOnce(t, st, s)
	if !second.Resumed {
		t.Error("the second run did not resume the round")
	}
	// The article being served as the run stopped may be fetched again
	// (its response was cut off); none before it is.
	for _, i := range p.order {
		if k := slices.Index(before, i); k >= 0 && k < len(before)-1 {
			t.Errorf("article %d, fetched and stored by the interrupted run, fetched again", i)
		}
	}
	for _, pr := range first34(checkTemplateTexts(t, st, p, 34)) {
		t.Error(pr)
	}
}
