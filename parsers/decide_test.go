package parsers

import (
	"net/url"
	"strings"
	"testing"
)

// A home page's lead story has a date and a summary long enough to pass for
// an article, but its headline links to the story's own page.
func TestHeadlineLinkingElsewhereIsNotArticle(t *testing.T) {
	page := func(href string) string {
		return `<html><head><title>Phường Kim Liên</title></head><body><div class="hot"><h2><a href="` + href + `">Phường Kim Liên diễn tập phương án chữa cháy tại khu tập thể</a></h2>
<p>Thứ Hai, 12-10-2020</p><p>` + longIntro + `</p></div></body></html>`
	}
	home, _ := url.Parse("http://127.0.0.1/")
	a, _ := Extract([]byte(page("/tin-tuc/dien-tap-d1192")), "", home, Options{})
	if a.IsArticle || !strings.Contains(a.Reason, "headline links") {
		t.Errorf("home page lead: is_article=%v reason=%q", a.IsArticle, a.Reason)
	}
	self, _ := url.Parse("http://127.0.0.1/tin-tuc/dien-tap-d1192")
	if a, _ := Extract([]byte(page("/tin-tuc/dien-tap-d1192")), "", self, Options{}); !a.IsArticle {
		t.Errorf("a title linking to its own page is still an article: %q", a.Reason)
	}
}

// A headline and a long coherent text are an article whether or not the
// page shows a date (issue 15: 12 of 20 real articles were rejected for
// "no publish date"); a short standing page without a date is not.
func TestNoDateIsNotAVeto(t *testing.T) {
	var long strings.Builder
	for i := 0; i < 6; i++ {
		long.WriteString("<p>Những năm đầu sau Cách mạng Tháng Tám, dù điều kiện vô cùng khó khăn, ngành tư pháp đã khẩn trương xây dựng hệ thống tòa án nhân dân, ban hành các sắc lệnh về tổ chức tư pháp, đặt nền móng cho nền tư pháp của dân.</p>")
	}
	page := `<html><head><title>80 năm ngành Tư pháp: những dấu mốc đáng nhớ | Sở Tư pháp</title></head><body><article class="node"><h1>80 năm ngành Tư pháp: những dấu mốc đáng nhớ</h1><div class="field--name-body">` + long.String() + `</div></article></body></html>`
	a := extractString(t, page, "https://sotuphap.example.gov.vn/tin-tuc/80-nam-nganh-tu-phap-nhung-dau-moc-dang-nho")
	if !a.IsArticle || a.PublishedAt != nil {
		t.Errorf("undated article: is_article %v (%s), date %v", a.IsArticle, a.Reason, a.PublishedAt)
	}
	static := `<html><head><title>Giới thiệu chung</title></head><body><h1>Giới thiệu chung</h1><div class="noidung"><p>Quận được thành lập theo Nghị định số 74-CP ngày 22/11/1996 của Chính phủ, trên cơ sở một phần diện tích của huyện cũ.</p><p>Quận có diện tích tự nhiên 9,17 km², gồm 11 phường, dân số khoảng 293.000 người, nhiều trường đại học và viện nghiên cứu.</p></div></body></html>`
	if a := extractString(t, static, "https://quan.example.gov.vn/gioi-thieu"); a.IsArticle {
		t.Errorf("a standing page was taken for an article: %v", a.Explain.Signals)
	}
}

// A record of fields (CKAN's resource page, a legal document's record) is
// not an article; issue 15 found 23 CKAN resource pages stored.
func TestLabelValueRecordIsNotAnArticle(t *testing.T) {
	rows := [][2]string{{"Dữ liệu cập nhật lần cuối", "6 tháng 11, 2024"}, {"Được tạo ra", "6 tháng 11, 2024"}, {"Định dạng", "XLSX"},
		{"Giấy phép", "Creative Commons Attribution"}, {"Datastore active", "False"}, {"Kích thước", "48,2 KiB"}, {"State", "active"}}
	var table strings.Builder
	table.WriteString(`<table class="table"><thead><tr><th>Trường</th><th>Giá trị</th></tr></thead><tbody>`)
	for _, r := range rows {
		table.WriteString("<tr><th>" + r[0] + "</th><td>" + r[1] + "</td></tr>")
	}
	table.WriteString("</tbody></table>")
	page := `<html><body><div class="primary"><h1 class="page-heading">Danh sách trường học năm 2024.xlsx</h1><p>Danh sách các trường mầm non, tiểu học, THCS và THPT trên địa bàn tỉnh, cập nhật đầu năm học 2024 – 2025.</p><section class="module"><h2>Thông tin khác</h2>` + table.String() + `</section></div></body></html>`
	a := extractString(t, page, "https://opendata.example.gov.vn/dataset/truong-hoc/resource/3f2a9c1e-6b1d-4c8e")
	if a.IsArticle || !strings.Contains(a.Reason, "label | value") {
		t.Errorf("record: is_article %v, reason %q, signals %+v", a.IsArticle, a.Reason, a.Explain.Signals)
	}
}

// The explanation is the decision: its weights sum to the score, and the
// verdict is the score against the threshold.
func TestExplanationAddsUp(t *testing.T) {
	for _, page := range []string{selectorPage, `<html><body><h1>Tin tức</h1><ul><li><a href="/a">Phường tổ chức hội nghị tổng kết phong trào thi đua năm 2020</a> <p>Sáng 13/10, phường tổ chức hội nghị.</p></li><li><a href="/b">Thông báo lịch tiếp công dân của Chủ tịch UBND phường tháng 11</a> <p>Lịch tiếp dân tháng 11.</p></li><li><a href="/c">Ra quân tổng vệ sinh môi trường hưởng ứng chiến dịch làm sạch</a> <p>Hơn 300 người tham gia.</p></li></ul></body></html>`} {
		a := extractString(t, page, "https://p.example.gov.vn/tin-tuc/hoi-nghi-tong-ket-2020.html")
		sum := 0.0
		for _, s := range a.Explain.Signals {
			sum += s.Weight
		}
		if sum != a.Explain.Score || a.IsArticle != (a.Explain.Score >= a.Explain.Threshold) || (a.Explain.Decision == "article") != a.IsArticle {
			t.Errorf("signals sum %.1f, score %.1f, verdict %v %q", sum, a.Explain.Score, a.IsArticle, a.Explain.Decision)
		}
		if !a.IsArticle && (a.Reason == "" || a.Reason != a.Explain.Reason) {
			t.Errorf("reason %q / %q", a.Reason, a.Explain.Reason)
		}
	}
}

func TestLooksLikeArticle(t *testing.T) {
	e := &Explanation{Decision: "not an article", TextChars: 900, LongParagraphs: 3, Reason: "no publish date; a standing page about the site (score -1.5)",
		Signals: []Signal{{Name: "publish date", Weight: -1}, {Name: "url", Weight: -2}}}
	if !e.LooksLikeArticle() || e.ReasonKind() != "no publish date" {
		t.Errorf("looks %v kind %q", e.LooksLikeArticle(), e.ReasonKind())
	}
	e.Signals = append(e.Signals, Signal{Name: "listing teasers", Weight: -5})
	if e.LooksLikeArticle() {
		t.Error("a listing looks like an article")
	}
	e = &Explanation{Decision: "not an article", TextChars: 900, LongParagraphs: 3, Reason: "listing: 12 teasers in the main block (score -4.0)"}
	if e.ReasonKind() != "listing: NN teasers in the main block" {
		t.Errorf("kind %q", e.ReasonKind())
	}
}
