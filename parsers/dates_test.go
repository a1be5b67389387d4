package parsers

import (
	"testing"
	"time"
)

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

func TestFindDateForms(t *testing.T) {
	for _, c := range []struct {
		in    string
		loose bool
		want  string
	}{
		{"November 19, 2019 10:30 AM", false, "2019-11-19T10:30:00+07:00"},
		{"Published 11:34 PM EST Nov. 20, 2019", false, "2019-11-20T23:34:00+07:00"},
		{"19 November 2019", false, "2019-11-19T00:00:00+07:00"},
		{"19 tháng 9, 2024", false, "2024-09-19T00:00:00+07:00"},
		{"Thứ Hai, 14/10/2020 15:25", false, "2020-10-14T15:25:00+07:00"},
		{"14/10/2020 - 15:25", false, "2020-10-14T15:25:00+07:00"},
		{"07.10.2024", false, "2024-10-07T00:00:00+07:00"},
		{"thứ ba, 06 08 2019 14:41", true, "2019-08-06T14:41:00+07:00"},
		{"thứ ba, 06 08 2019 14:41", false, ""}, // spaced numbers are a date only where a date is known to be
	} {
		got, _, ok := findDate(c.in, c.loose)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != c.want {
			t.Errorf("findDate(%q, %v) = %q, want %q", c.in, c.loose, s, c.want)
		}
	}
}

// Issue 15's lost site: NukeViet 4.0 prints the date as a bare span inside
// the one big panel that also holds the body, the rating and the related
// list. The date's block is the whole panel; its line is the span.
func TestDateInlineInALargeBlock(t *testing.T) {
	page := `<html><head><title>Đảng ủy phường tổng kết phong trào “Dân vận khéo”</title></head><body>
<div class="news_column panel panel-default"><div class="panel-body"><h1>Đảng ủy phường tổng kết phong trào “Dân vận khéo”</h1><span class="h5">Thứ Hai, 14/10/2020 15:25</span>
<ul class="list-inline"><li><a href="javascript:void(0)" title="In ra"><em class="fa fa-print"></em></a></li></ul>
<div class="bodytext"><p>` + repeat("Phong trào thi đua được triển khai rộng khắp trong cả hệ thống chính trị của phường. ", 4) + `</p><p>Toàn phường xây dựng được 36 mô hình dân vận khéo trong năm 2020.</p></div>
<p><strong>Những tin mới hơn</strong></p><ul class="related"><li><a href="/news/a.html">Phường ra quân tổng vệ sinh môi trường hưởng ứng chiến dịch</a> <span class="date">(26/10/2020)</span></li></ul>
</div></div></body></html>`
	a := extractString(t, page, "https://phuong.example.gov.vn/news/hoat-dong/tong-ket-dan-van-kheo-1432.html")
	if want := time.Date(2020, 10, 14, 15, 25, 0, 0, Vietnam); a.PublishedAt == nil || !a.PublishedAt.Equal(want) {
		t.Fatalf("published_at = %v, want %v (from %s)", a.PublishedAt, want, a.Explain.Date)
	}
	if !a.IsArticle {
		t.Errorf("not an article: %s", a.Reason)
	}
}

// The dates of a short article's related list, and the fields of a
// metadata table, are not the page's date; a date in the URL is the last
// resort.
func TestDatesThatAreNotThePages(t *testing.T) {
	related := `<html><body><h1>Thông báo tạm ngừng cấp nước trên phố Trần Phú</h1><div class="noidung"><p>Công ty cấp nước tạm ngừng cấp nước để thay thế đường ống trên phố Trần Phú.</p></div>
<ul><li><a href="/a.html">Phường ra quân tổng vệ sinh môi trường hưởng ứng chiến dịch</a> <span class="date">26/10/2020</span></li></ul></body></html>`
	if a := extractString(t, related, "https://p.example.gov.vn/thong-bao/ngung-cap-nuoc"); a.PublishedAt != nil {
		t.Errorf("a related item's date was taken: %v (from %s)", a.PublishedAt, a.Explain.Date)
	}
	record := `<html><body><h1>Mạng lưới trường học năm 2024</h1><table><tr><td>Cập nhật lần cuối</td><td>6 tháng 11, 2024</td></tr><tr><td>Định dạng</td><td>XLSX</td></tr></table></body></html>`
	if a := extractString(t, record, "https://opendata.example.gov.vn/dataset/truong-hoc"); a.PublishedAt != nil {
		t.Errorf("a record field's date was taken: %v (from %s)", a.PublishedAt, a.Explain.Date)
	}
	inURL := `<html><body><h1>Hội thi đọc thơ thiếu nhi</h1><p>` + repeat("Hơn sáu mươi em học sinh tham gia hội thi đọc thơ thiếu nhi lần thứ nhất. ", 3) + `</p></body></html>`
	a := extractString(t, inURL, "https://clb.example.org/2024/10/12/hoi-thi-doc-tho.html")
	if a.PublishedAt == nil || a.PublishedAt.Format("2006-01-02") != "2024-10-12" || a.Explain.Date != "url" {
		t.Errorf("url date: %v from %q", a.PublishedAt, a.Explain.Date)
	}
}

// A machine-readable date element before the text wins over a date line
// further down; a metadata date without a time takes the time of a
// visible date of the same day.
func TestDateElementsAndMetadata(t *testing.T) {
	typo3 := `<html><body><div class="news news-single"><div class="article"><div class="header"><h3>Gặp mặt cựu học sinh từng học tập tại Đức</h3></div>
<div class="footer"><p><span class="news-list-date"><time datetime="2024-10-07">07.10.2024</time></span></p></div>
<div class="news-text-wrap"><p>Lịch sinh hoạt: 14/10/2024 tại nhà văn hóa.</p><p>` + repeat("Buổi gặp mặt diễn ra ấm cúng tại Nhà văn hóa Lao động tỉnh với hơn một trăm hội viên. ", 3) + `</p></div></div></div></body></html>`
	a := extractString(t, typo3, "https://hoi.example.org.vn/tin-tuc/chi-tiet/gap-mat/")
	if a.PublishedAt == nil || a.PublishedAt.Format("2006-01-02") != "2024-10-07" {
		t.Errorf("TYPO3 date: %v from %q", a.PublishedAt, a.Explain.Date)
	}
	nv := `<html><head><meta property="article:published_time" content="2020-10-14+0715:25:00"></head><body><h1>Tin phường</h1><p>Ngày đăng 14/10/2020 | 15:25</p><div class="noidung"><p>` + repeat("Phường tổ chức hội nghị tổng kết công tác năm. ", 3) + `</p></div></body></html>`
	a = extractString(t, nv, "")
	if want := time.Date(2020, 10, 14, 15, 25, 0, 0, Vietnam); a.PublishedAt == nil || !a.PublishedAt.Equal(want) {
		t.Errorf("metadata day + visible time: %v from %q", a.PublishedAt, a.Explain.Date)
	}
}
