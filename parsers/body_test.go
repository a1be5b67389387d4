package parsers

import (
	"strings"
	"testing"
)

var floorStory = []string{
	"Sở Giáo dục và Đào tạo vừa công bố bộ dữ liệu mạng lưới trường học năm 2024, gồm thông tin của 612 trường mầm non, tiểu học, trung học cơ sở và phổ thông.",
	"Mỗi trường có tên, mã trường, loại hình, địa chỉ, tọa độ, số lớp, số học sinh và số giáo viên theo số liệu đầu năm học, ở định dạng XLSX, CSV và GeoJSON.",
	"Đây là bộ dữ liệu thứ 48 được các sở, ngành công bố kể từ khi Cổng dữ liệu mở đi vào hoạt động; người dân được sử dụng miễn phí theo giấy phép mở.",
	"Trong quý IV, các đơn vị sẽ tiếp tục công bố dữ liệu về cơ sở y tế, điểm thu gom rác thải và các tuyến xe buýt nội tỉnh để phục vụ người dân.",
}

// A known container that holds a teaser, not the article (a theme's
// ".article-content" in a side box), gives clearly less text than the
// page's prose: readability on the untouched page is the floor.
func TestReadabilityIsTheFloor(t *testing.T) {
	var body strings.Builder
	for _, s := range floorStory {
		body.WriteString("<p>" + s + "</p>")
	}
	page := `<html><head><title>Công bố bộ dữ liệu trường học</title></head><body>
<div class="box-hot"><div class="article-content"><p>Xem thêm: Hội thảo dữ liệu mở phục vụ chuyển đổi số của tỉnh năm 2024.</p></div></div>
<div class="td-post-content"><h1>Công bố bộ dữ liệu trường học</h1><p>Đăng ngày 19/09/2024</p>` + body.String() + `</div></body></html>`
	a := extractString(t, page, "https://opendata.example.gov.vn/blog/cong-bo-bo-du-lieu-truong-hoc")
	if a.Method != "readability-floor" || a.Text != strings.Join(floorStory, "\n\n") {
		t.Errorf("method %s, floor %q\ntext %q", a.Method, a.Explain.Floor, a.Text)
	}
	// The site's own content_selector is never overruled.
	u := "https://opendata.example.gov.vn/blog/cong-bo-bo-du-lieu-truong-hoc"
	b, err := Extract([]byte(page), "text/html; charset=utf-8", mustURL(t, u), Options{ContentSelector: ".box-hot"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.Method, "rule:content_selector") {
		t.Errorf("content_selector overruled: %s", b.Method)
	}
}

// The sapo a CMS keeps apart (div.brief, TYPO3's .teaser-text, h2.sapo,
// p.description) between the headline and the body is the article's first
// paragraph. Issue 15: a div.brief before [itemprop=articleBody] was cut.
func TestLeadBetweenHeadlineAndBody(t *testing.T) {
	lead := "Sau ba năm chuyển đổi, 450 ha ruộng nhiễm mặn ở huyện ven biển đã cho thu nhập bình quân 180 triệu đồng mỗi héc-ta mỗi năm."
	body := []string{
		"Trước đây, nhiều hộ ở xã Tân Hải chỉ trồng được một vụ lúa, năng suất bấp bênh vì nước mặn xâm nhập vào đồng ruộng mỗi mùa khô.",
		"Vụ tôm nuôi từ tháng 2 đến tháng 7 tận dụng nước lợ; sau thu hoạch, ruộng được rửa mặn để cấy lúa chịu mặn trong mùa mưa.",
	}
	for _, sapo := range []string{`<div class="brief">%s</div>`, `<div class="teaser-text" itemprop="description"><p>%s</p></div>`, `<h2 class="sapo">%s</h2>`, `<p class="description">%s</p>`} {
		page := `<html><body><h1 class="article-title">Mô hình lúa – tôm cho thu nhập cao</h1><div class="meta">Cập nhật: 17/10/2025 - 10:05</div>` +
			strings.Replace(sapo, "%s", lead, 1) + `<div class="photo"><img src="a.jpg"><p class="photo-caption">Thu hoạch tôm trên ruộng lúa.</p></div>
<div itemprop="articleBody"><p>` + body[0] + `</p><p>` + body[1] + `</p></div></body></html>`
		a := extractString(t, page, "https://baotinh.example.vn/kinh-te/mo-hinh-lua-tom-36102.html")
		if want := lead + "\n\n" + strings.Join(body, "\n\n"); a.Text != want {
			t.Errorf("%s: text = %q", sapo, a.Text)
		}
	}
}

// A body split into several blocks of the same container class (around ads)
// is all of them.
func TestBodySplitIntoBlocks(t *testing.T) {
	page := `<html><body><h1>Thêm năm tuyến xe buýt điện</h1><div class="article"><div class="article__body"><p>` + floorStory[0] + `</p><p>` + floorStory[1] + `</p></div>
<div class="ad"><a href="https://ads.example/x">Quảng cáo</a></div><div class="article__body"><p>` + floorStory[2] + `</p><p>` + floorStory[3] + `</p></div></div></body></html>`
	a := extractString(t, page, "")
	if a.Text != strings.Join(floorStory, "\n\n") || !strings.Contains(a.Method, "all 2 blocks") {
		t.Errorf("method %s text %q", a.Method, a.Text)
	}
}
