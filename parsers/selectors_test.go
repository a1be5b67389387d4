package parsers

import (
	"strings"
	"testing"
)

// A page detection gets wrong: the article sits in a short block with an
// unknown class, a long "giới thiệu" block sits beside it, a "tin nóng"
// line is pasted inside the body, and an old date comes first. The config
// selectors put each right.
const selectorPage = `<html><head><title>Thông báo lịch tiêm chủng</title></head><body>
<div class="cot-trai"><h2>Giới thiệu</h2><p>` + longIntro + `</p><p>` + longIntro + `</p></div>
<div class="cot-giua"><h1>Thông báo lịch tiêm chủng</h1>
<p class="cu">Cập nhật 01/01/2019</p>
<div class="bv"><p>Trạm y tế phường tiêm chủng mở rộng ngày 14 hằng tháng.</p><p class="tin-nong">Tin nóng: phường ra quân dọn vệ sinh</p><p>Phụ huynh mang theo sổ tiêm chủng của trẻ.</p></div>
<span class="ngay-dang">Ngày đăng: 05/11/2020 08:15</span></div>
</body></html>`

const longIntro = "Phường được thành lập năm 1981 trên cơ sở chia tách từ phường cũ, có diện tích tự nhiên hơn hai cây số vuông với mười bốn tổ dân phố và gần hai mươi nghìn nhân khẩu sinh sống, nhiều di tích lịch sử văn hóa được xếp hạng."

func TestSelectorsOverrideDetection(t *testing.T) {
	plain, err := Extract([]byte(selectorPage), "text/html; charset=utf-8", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Trạm y tế phường tiêm chủng mở rộng ngày 14 hằng tháng.\n\nPhụ huynh mang theo sổ tiêm chủng của trẻ."
	if plain.Text == want {
		t.Fatal("detection already gets this page right; the test no longer shows the selectors at work")
	}
	a, err := Extract([]byte(selectorPage), "text/html; charset=utf-8", nil, Options{
		ContentSelector: "div.bv", RemoveSelectors: []string{"p.tin-nong", "p.cu"}, DateSelector: "span.ngay-dang",
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != want {
		t.Errorf("text = %q", a.Text)
	}
	if a.PublishedAt == nil || a.PublishedAt.Format("2006-01-02 15:04 -07:00") != "2020-11-05 08:15 +07:00" {
		t.Errorf("date = %v", a.PublishedAt)
	}
	if !strings.HasPrefix(a.Method, "rule:content_selector") {
		t.Errorf("method = %q", a.Method)
	}
	// A selector that matches nothing leaves detection in charge.
	b, _ := Extract([]byte(selectorPage), "", nil, Options{ContentSelector: "div.khong-co"})
	if b.Text != plain.Text {
		t.Errorf("unmatched content_selector changed the result: %q", b.Text)
	}
}
