package parsers

import (
	"strings"
	"testing"
)

// Themes put modifier classes that name chrome on the wrappers of the
// article column: "sidebar-1", "td-transition-content-and-menu",
// "theiaStickySidebar", a body class "epico-sidebar-left". An element
// that holds most of the page's prose is a wrapper and stays; a real
// sidebar, a site header and a widget box go.
func TestChromeClassOnAWrapperKeepsTheArticle(t *testing.T) {
	story := []string{
		"Ngày 21/10, bác sĩ Trung tâm Tiêu hóa cho biết bệnh nhân đau bụng âm ỉ sau ăn, ợ hơi, tự mua thuốc uống nhưng không đỡ, nên đến bệnh viện khám.",
		"Sinh thiết xác định ung thư giai đoạn sớm, chưa xâm lấn lớp cơ. Ê kíp bác sĩ cắt tách dưới niêm mạc qua nội soi, lấy trọn khối u trong một lần.",
		"Theo bác sĩ, người trên 40 tuổi có tiền sử gia đình hoặc nhiễm vi khuẩn HP nên nội soi tầm soát định kỳ để phát hiện sớm bệnh lý dạ dày.",
	}
	var body strings.Builder
	for _, s := range story {
		body.WriteString("<p>" + s + "</p>")
	}
	for _, wrapper := range []string{`<div class="sidebar-1">`, `<div class="td-transition-content-and-menu td-content-wrap">`, `<div class="theiaStickySidebar">`, `<div class="l-sidebar-fixed l-article-body-segment">`} {
		page := `<html><head><title>Phát hiện sớm ung thư dạ dày</title></head><body class="wordpress epico-sidebar-left">
<header><div class="logo">Báo Sức khỏe</div><nav><a href="/">Trang chủ</a> <a href="/suc-khoe">Sức khỏe</a></nav></header>` + wrapper + `
<h1>Phát hiện sớm ung thư dạ dày</h1>` + body.String() + `</div>
<aside class="sidebar"><h3>Giới thiệu</h3><p>Báo Sức khỏe là cơ quan ngôn luận của Hội Y học tỉnh, phát hành hằng tuần từ năm 1990, chuyên về sức khỏe cộng đồng.</p></aside>
<div class="box"><div class="title">Thống kê truy cập</div><p>Đang truy cập: 37</p></div>
</body></html>`
		a := extractString(t, page, "https://suckhoe.example.vn/phat-hien-som-ung-thu-da-day-4950112.html")
		if a.Text != strings.Join(story, "\n\n") {
			t.Errorf("%s: text = %q (body %s)", wrapper, a.Text, a.Method)
		}
	}
}

// A comment section is chrome even when it holds prose, as long as it is
// not most of the page's.
func TestProseOfChromeBelowHalfIsRemoved(t *testing.T) {
	para := "Ủy ban nhân dân phường tổ chức hội nghị đối thoại với nhân dân về công tác chỉnh trang đô thị và trật tự vỉa hè trên các tuyến phố chính. "
	page := `<html><body><h1>Hội nghị đối thoại về chỉnh trang đô thị</h1><div class="noidung"><p>` + repeat(para, 3) + `</p><p>` + repeat(para, 3) + `</p></div>
<div class="comments"><div class="comment"><p>Tôi đề nghị phường lắp thêm đèn chiếu sáng ở ngõ 12 vì buổi tối rất tối, người đi bộ và trẻ em đi học về rất nguy hiểm.</p></div></div></body></html>`
	a := extractString(t, page, "")
	if strings.Contains(a.Text, "đèn chiếu sáng") {
		t.Errorf("a comment leaked: %q", a.Text)
	}
}
