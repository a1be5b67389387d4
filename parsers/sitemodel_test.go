package parsers

import (
	"fmt"
	"strings"
	"testing"
)

// siteStories are the portal's articles: each its own title and words.
var siteStories = [][3]string{
	{"Khu phố ra quân làm sạch kênh Nhiêu Lộc", "Sáng chủ nhật, hơn hai trăm người dân cùng đoàn viên thanh niên vớt rác và phát quang bờ kênh.", "Ban điều hành khu phố cảm ơn các hộ kinh doanh đã góp nước uống và bao tải đựng rác."},
	{"Lắp đèn chiếu sáng hẻm sau chợ", "Nhờ nguồn vận động xã hội hóa, con hẻm sau chợ đã có thêm mười bóng đèn năng lượng mặt trời.", "Người dân đi làm về khuya nay không còn phải soi đèn điện thoại khi qua đoạn đường tối."},
	{"Tập huấn phòng cháy cho các hộ kinh doanh", "Cảnh sát khu vực hướng dẫn cách dùng bình chữa cháy và thoát nạn khi có khói trong nhà ống.", "Mỗi hộ được phát một tờ rơi ghi số điện thoại khẩn cấp và sơ đồ lối thoát hiểm."},
	{"Trao học bổng cho học sinh nghèo vượt khó", "Hội khuyến học trao quà và học bổng cho các em có thành tích tốt trong năm học vừa qua.", "Nhiều mạnh thường quân hứa tiếp tục đồng hành với các em đến khi tốt nghiệp."},
	{"Tiêm vắc xin sởi cho trẻ dưới năm tuổi", "Trạm y tế phường tổ chức điểm tiêm tại nhà văn hóa, phụ huynh nhớ mang theo sổ tiêm chủng.", "Trẻ đang sốt hoặc mới ốm dậy sẽ được hẹn tiêm bù vào buổi sau."},
	{"Giải bóng chuyền hơi người cao tuổi", "Sáu đội của các tổ dân phố tranh tài sôi nổi trên sân trường tiểu học suốt buổi chiều.", "Đội tổ bốn giành cúp sau trận chung kết kéo dài ba hiệp đầy kịch tính."},
	{"Thu gom pin cũ và rác điện tử", "Điểm thu gom đặt tại trụ sở khu phố nhận pin, bóng đèn hỏng và điện thoại cũ mỗi sáng thứ bảy.", "Rác điện tử được chuyển cho đơn vị xử lý chuyên dụng để không làm ô nhiễm đất."},
	{"Hội thi nấu ăn ngày Phụ nữ Việt Nam", "Chi hội phụ nữ tổ chức hội thi với các món ăn quê hương do chính hội viên chuẩn bị.", "Ban giám khảo chấm điểm cả hương vị, cách trình bày lẫn câu chuyện về món ăn."},
	{"Dặm vá mặt đường bị sụt lún", "Đơn vị thi công đã dặm vá các ổ gà trên đường vào khu dân cư sau những trận mưa lớn.", "Người dân được đề nghị giảm tốc độ khi đi qua đoạn đang thi công vào ban đêm."},
	{"Khai giảng lớp dạy bơi miễn phí cho trẻ", "Lớp học kéo dài hai tuần tại hồ bơi của nhà thiếu nhi quận, mỗi buổi chín mươi phút.", "Các em được học kỹ năng nổi, thở và cách xử lý khi gặp đuối nước."},
	{"Đối thoại về trật tự lòng lề đường", "Lãnh đạo phường lắng nghe ý kiến của tiểu thương về việc sắp xếp chỗ buôn bán hợp lý.", "Hai bên thống nhất dành một phần vỉa hè cho người đi bộ vào giờ cao điểm."},
	{"Trồng cây xanh ven bờ kè", "Đoàn thanh niên trồng mới ba mươi cây bằng lăng và sao đen dọc tuyến bờ kè.", "Mỗi cây được gắn bảng tên của hộ gia đình nhận chăm sóc trong năm đầu."},
	{"Chợ phiên nông sản sạch cuối tuần", "Nông dân từ các huyện ngoại thành mang rau củ, trái cây và mật ong lên bán trực tiếp.", "Người mua được kiểm tra nguồn gốc sản phẩm qua mã in trên bao bì."},
	{"Phòng chống sốt xuất huyết mùa mưa", "Tổ y tế khu phố đi từng nhà hướng dẫn đậy kín lu nước và dọn vật dụng đọng nước.", "Những hộ có người sốt cao được khuyên đến trạm y tế để xét nghiệm sớm."},
}

// sitePage renders article n of a portal whose article template carries
// chrome inside the body container that no word list knows: a welcome
// blurb, a rotating reader counter, a box of links under a new heading,
// and a footer sentence.
func sitePage(n int, quote string) string {
	st := siteStories[n%len(siteStories)]
	var b strings.Builder
	fmt.Fprintf(&b, `<html><head><title>%s</title></head><body><div class="khung"><div class="cot-chinh"><h1>%s</h1><p class="ngay">Ngày %02d/10/2020</p><div class="bai">`, st[0], st[0], n%28+1)
	b.WriteString(`<p class="loi-chao">Chào mừng bà con đến với trang tin của khu phố Hòa Bình, nơi cập nhật mọi hoạt động chung của tổ dân phố.</p>`)
	fmt.Fprintf(&b, `<p>%s</p><p>%s</p>`, st[1], st[2])
	if quote != "" {
		b.WriteString("<p>" + quote + "</p>")
	}
	fmt.Fprintf(&b, `<p class="dem">Hiện có %d bạn đọc cùng theo dõi bản tin này</p>`, 10+n*7%50)
	b.WriteString(`<div class="doc-tiep"><p>Đọc tiếp trong chuyên mục</p><ul>`)
	for k := 1; k <= 3; k++ {
		o := siteStories[(n+k)%len(siteStories)]
		fmt.Fprintf(&b, `<li><a href="/ban-tin/%d">%s</a></li>`, (n+k)%len(siteStories), o[0])
	}
	b.WriteString(`</ul></div><p class="cuoi">Bản tin do tổ truyền thông khu phố biên soạn, góp ý xin gửi về hộp thư chung của khu phố.</p></div></div></div></body></html>`)
	return b.String()
}

func TestSiteModelRemovesTemplateChrome(t *testing.T) {
	quote := "Bác Hồ dạy: dễ trăm lần không dân cũng chịu, khó vạn lần dân liệu cũng xong."
	m := NewSiteModel()
	var last Article
	for n := 1; n <= 12; n++ {
		q := ""
		if n == 3 || n == 9 {
			q = quote // two articles quote the same saying
		}
		a := extractString(t, sitePage(n, q), fmt.Sprintf("https://khupho.example.gov.vn/ban-tin/%d", n))
		if !a.IsArticle {
			t.Fatalf("page %d: %s", n, a.Reason)
		}
		m.Observe(a.Observation, 1)
		last = a
	}
	if !m.Trusted() || m.ArticlePages != 12 {
		t.Fatalf("model: %d articles, trusted %v", m.ArticlePages, m.Trusted())
	}
	if !strings.Contains(last.Text, "Chào mừng") {
		t.Fatal("test setup: the blurb is not removed by any rule")
	}
	for _, n := range []int{3, 13} {
		q := ""
		if n == 3 {
			q = quote
		}
		doc, _ := ParseHTML([]byte(sitePage(n, q)), "text/html; charset=utf-8")
		a := ExtractDocument(doc, mustURL(t, fmt.Sprintf("https://khupho.example.gov.vn/ban-tin/%d", n)), Options{Site: m, Explain: true})
		st := siteStories[n%len(siteStories)]
		want := st[1] + "\n\n" + st[2]
		if q != "" {
			want += "\n\n" + quote
		}
		if a.Text != want {
			t.Errorf("page %d with the model:\n got %q\nwant %q", n, a.Text, want)
		}
		if len(a.Explain.SiteRemoved) != 7 { // blurb, counter, heading, 3 links, footer
			t.Errorf("page %d: removed %+v", n, a.Explain.SiteRemoved)
		}
		if !a.IsArticle || !hasSignal(a, "site template", 1.5) {
			t.Errorf("page %d: article %v, signals %+v", n, a.IsArticle, a.Explain.Signals)
		}
	}
	// A text stored before the model was trusted gets the same treatment,
	// its link items by the slots kept with it.
	st := siteStories[12%len(siteStories)]
	clean, slots, removed := m.CleanText(last.Title, last.Text, last.Slots)
	if clean != st[1]+"\n\n"+st[2] || len(removed) != 7 || slots != "" {
		t.Errorf("CleanText: %q (slots %q) %+v", clean, slots, removed)
	}
	if n := len(m.NewChrome()); n != 5 { // blurb, counter, heading, footer, the link box's slot
		t.Errorf("new chrome: %d blocks", n)
	}
	m.MarkApplied()
	if n := len(m.NewChrome()); n != 0 {
		t.Errorf("after MarkApplied: %d new chrome blocks", n)
	}
}

func hasSignal(a Article, name string, w float64) bool {
	for _, s := range a.Explain.Signals {
		if s.Name == name && s.Weight == w {
			return true
		}
	}
	return false
}

// Until it has seen enough articles, the model removes nothing.
func TestSiteModelLearnsFirst(t *testing.T) {
	m := NewSiteModel()
	for n := 1; n < ModelMinArticles; n++ {
		m.Observe(extractString(t, sitePage(n, ""), "").Observation, 1)
	}
	doc, _ := ParseHTML([]byte(sitePage(12, "")), "text/html; charset=utf-8")
	a := ExtractDocument(doc, nil, Options{Site: m})
	if !strings.Contains(a.Text, "Chào mừng") || m.Trusted() || len(m.NewChrome()) != 0 {
		t.Errorf("an untrusted model removed text: %q", a.Text)
	}
}

// The model stays within its cap, dropping the rarest blocks first.
func TestSiteModelIsBounded(t *testing.T) {
	m := NewSiteModel()
	keep := Print{FP: Fingerprint("Cơ quan chủ quản: UBND phường"), Text: "Cơ quan chủ quản: UBND phường"}
	peak := 0
	for n := 0; n < 3*ModelWindow; n++ {
		prints := []Print{keep}
		for k := 0; k < 40; k++ { // 40 paragraphs of its own: the cap is hit before a halving
			s := fmt.Sprintf("đoạn văn riêng %d-%d của bài", n, k)
			prints = append(prints, Print{FP: Fingerprint(s) ^ uint64(n*64+k)<<1, Text: s})
		}
		m.Observe(Observation{Prints: prints, Kind: KindArticle, AnchorPath: "div.bai>p"}, int64(n))
		peak = max(peak, len(m.Blocks))
	}
	if peak > ModelCap || peak < ModelCap*9/10 {
		t.Errorf("peak %d blocks; the cap is %d", peak, ModelCap)
	}
	if b := m.Blocks[keep.FP]; b == nil || b.Pages != m.ArticlePages {
		t.Errorf("the frequent block was evicted or miscounted: %+v of %d", b, m.ArticlePages)
	}
	if _, ok := m.Chrome(keep.FP); !ok {
		t.Error("the block on every page is not chrome")
	}
	if p, n, ok := m.ArticlePath(); !ok || p != "div.bai>p" || n != m.ArticlePages {
		t.Errorf("article path %q %d %v", p, n, ok)
	}
}

// A portal that changes its template: the new footer becomes chrome within
// about ModelWindow new articles, and the old one stops being chrome.
func TestSiteModelFollowsATemplateChange(t *testing.T) {
	m := NewSiteModel()
	oldFooter := Print{FP: Fingerprint("Bản quyền thuộc UBND phường, ghi rõ nguồn khi phát hành lại"), Text: "old"}
	newFooter := Print{FP: Fingerprint("Trang tin điện tử phường phiên bản mới, đang chạy thử nghiệm"), Text: "new"}
	own := func(n int) Print { return Print{FP: uint64(n)<<8 | 1, Text: "own"} }
	for n := 0; n < 1000; n++ {
		m.Observe(Observation{Prints: []Print{oldFooter, own(n)}, Kind: KindArticle}, 1)
	}
	flipped := -1
	for n := 0; n < 3*ModelWindow && flipped < 0; n++ {
		m.Observe(Observation{Prints: []Print{newFooter, own(2000 + n)}, Kind: KindArticle}, 2)
		if _, ok := m.Chrome(newFooter.FP); ok {
			flipped = n + 1
		}
	}
	if flipped < 0 || flipped > ModelWindow+1 {
		t.Fatalf("the new footer became chrome after %d new articles (want ≤ %d)", flipped, ModelWindow+1)
	}
	for n := 0; n < 2*ModelWindow; n++ {
		m.Observe(Observation{Prints: []Print{newFooter, own(5000 + n)}, Kind: KindArticle}, 3)
	}
	if _, ok := m.Chrome(oldFooter.FP); ok {
		t.Error("the old footer, gone for 200 articles, is still chrome")
	}
}

// A numbered series ("Lịch cắt điện ngày 12/10", "… ngày 19/10") whose
// notices differ in their numbers only keeps its text: there, only blocks
// without digits are chrome. And the model never empties a page.
func TestSiteModelKeepsANumberedSeries(t *testing.T) {
	notice := func(n int) string {
		return fmt.Sprintf(`<html><body><h1>Lịch cắt điện ngày %d/11 khu vực tổ %d</h1><div class="bai"><p class="loi-chao">Chào mừng bà con đến với trang tin của khu phố Hòa Bình, nơi cập nhật mọi hoạt động chung của tổ dân phố.</p><p>Điện lực thông báo tạm ngừng cấp điện từ 7 giờ đến 16 giờ ngày %d/11 để bảo dưỡng trạm biến áp số %d, mong bà con thông cảm.</p><p>Ngày %d/11/2020</p></div></body></html>`, n, n%7+1, n, n%5+2, n)
	}
	m := NewSiteModel()
	for n := 1; n <= 12; n++ {
		m.Observe(extractString(t, notice(n), fmt.Sprintf("https://khupho.example.gov.vn/thong-bao/%d", n)).Observation, 1)
	}
	doc, _ := ParseHTML([]byte(notice(20)), "text/html; charset=utf-8")
	a := ExtractDocument(doc, mustURL(t, "https://khupho.example.gov.vn/thong-bao/20"), Options{Site: m, Explain: true})
	if !a.IsArticle || !strings.Contains(a.Text, "tạm ngừng cấp điện") || strings.Contains(a.Text, "Chào mừng") {
		t.Errorf("series page: %v %q %+v", a.IsArticle, a.Text, a.Explain.SiteRemoved)
	}
}

func TestFingerprintFoldsDigitsAndSpace(t *testing.T) {
	if Fingerprint("Hiện có 17 bạn đọc") != Fingerprint("hiện  có 4021 bạn đọc ") || Fingerprint("a 1") == Fingerprint("a b") || Fingerprint(" ") != 0 {
		t.Error("fingerprint folding")
	}
}

// A listing repeats the leads of the articles it lists, run after run:
// only article pages count paragraphs, so an article's own lead never
// becomes template however often listings show it.
func TestSiteModelCountsArticlesOnly(t *testing.T) {
	m := NewSiteModel()
	for n := 1; n <= 12; n++ {
		m.Observe(extractString(t, sitePage(n, ""), fmt.Sprintf("https://khupho.example.gov.vn/ban-tin/%d", n)).Observation, 1)
	}
	lead := siteStories[1][1]
	for k := 0; k < 20; k++ {
		m.Observe(Observation{Kind: KindListing, AnchorPath: "div.danh-sach>p",
			Prints: []Print{{FP: Fingerprint(lead), Text: lead}}}, int64(k))
	}
	if n, ok := m.Chrome(Fingerprint(lead)); ok {
		t.Errorf("a lead shown on 20 listings is chrome (%d pages)", n)
	}
	if m.Pages != 32 || m.ArticlePages != 12 {
		t.Errorf("pages %d, articles %d", m.Pages, m.ArticlePages)
	}
	if p, n, ok := m.ListingPath(); !ok || p != "div.danh-sach>p" || n != 20 {
		t.Errorf("listing path %q %d %v", p, n, ok)
	}
}

func TestSlotsRoundTrip(t *testing.T) {
	slots := []uint64{0, 0xabc, 0, 1<<63 | 7}
	enc := encodeSlots(slots)
	if enc != "1:abc,3:8000000000000007" {
		t.Errorf("encoded %q", enc)
	}
	got := decodeSlots(enc+",9:1,x:y,-1:5", 4)
	if fmt.Sprint(got) != fmt.Sprint(slots) {
		t.Errorf("decoded %v", got)
	}
}

// The article template path is evidence only while the site's other
// pages do not keep their longest prose there too (Drupal renders a
// teaser with the body field's own template).
func TestArticlePathMustBeTheArticles(t *testing.T) {
	m := NewSiteModel()
	for n := 0; n < 20; n++ {
		m.Observe(Observation{Kind: KindArticle, AnchorPath: "div.body>p"}, 1)
	}
	if p, _, ok := m.ArticlePath(); !ok || p != "div.body>p" {
		t.Fatalf("article path %q %v", p, ok)
	}
	for n := 0; n < 2; n++ { // a listing and a search page, both teasers in the body template
		m.Observe(Observation{Kind: KindOther, AnchorPath: "div.body>p"}, 1)
	}
	if _, _, ok := m.ArticlePath(); !ok {
		t.Error("2 other pages of 22 at the path: still the articles' (10%)")
	}
	m.Observe(Observation{Kind: KindListing, AnchorPath: "div.body>p"}, 1)
	if p, _, ok := m.ArticlePath(); ok {
		t.Errorf("3 other pages at the articles' path: still evidence (%s)", p)
	}
}

// A line every article repeats between its own paragraphs (a recurring
// subheading, "Nơi nhận:") is the author's; the same kind of line before
// or after the article's own text is template. Titles are never chrome.
func TestSiteModelKeepsRepeatsInsideTheText(t *testing.T) {
	m := NewSiteModel()
	heading := "Những khó khăn cần tháo gỡ"
	footer := "Trang tin do ban biên tập khu phố thực hiện"
	page := func(n int) []Print {
		own := func(k int) Print {
			s := fmt.Sprintf("đoạn riêng %s của bài %s", spellOut(k), spellOut(n))
			return Print{FP: Fingerprint(s), Text: s}
		}
		return []Print{own(1), {FP: Fingerprint(heading), Text: heading}, own(2), {FP: Fingerprint(footer), Text: footer}}
	}
	for n := range 20 {
		m.Observe(Observation{Kind: KindArticle, Prints: page(n), Title: titleKey("Bản tin số " + spellOut(n))}, 1)
	}
	vs := m.judge("Bản tin", page(20))
	if vs[1].chrome || !vs[3].chrome {
		t.Errorf("verdicts %+v: want the subheading kept, the footer removed", vs)
	}
	text := strings.Join([]string{page(21)[0].Text, heading, page(21)[2].Text, footer}, "\n\n")
	clean, _, removed := m.CleanText("Bản tin", text, "")
	if !strings.Contains(clean, heading) || strings.Contains(clean, footer) || len(removed) != 1 {
		t.Errorf("CleanText: %q %+v", clean, removed)
	}
	for k, b := range m.Blocks {
		if _, ok := m.Chrome(k); ok && b.Title {
			t.Error("a title key counted as chrome")
		}
	}
}

func spellOut(n int) string {
	w := []string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}
	var out []string
	for _, d := range fmt.Sprint(n) {
		out = append(out, w[d-'0'])
	}
	return strings.Join(out, " ")
}
