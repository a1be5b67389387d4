package parsers

import (
	"strings"
	"testing"
)

func TestIsHTML(t *testing.T) {
	for _, c := range []struct {
		ct, body string
		want     bool
	}{
		{"text/html; charset=utf-8", "", true},
		{"application/xhtml+xml", "<x/>", true},
		{"", "<!DOCTYPE html><html><body>x</body></html>", true},
		{"application/octet-stream", "<html><body>x</body></html>", true}, // a generic type: sniffed
		{"application/pdf", "%PDF-1.4", false},
		{"", "%PDF-1.4 binary", false},
	} {
		if got := IsHTML(c.ct, []byte(c.body)); got != c.want {
			t.Errorf("IsHTML(%q, %.20q) = %v", c.ct, c.body, got)
		}
	}
}

// The site's remove_selectors are gone before anything is read: a removed
// element gives neither title nor text.
func TestRemoveSelectorsApplyFirst(t *testing.T) {
	page := `<html><body><h1 class="quang-cao">Khuyến mãi lớn nhất năm</h1><h2>Thông báo lịch tiêm chủng mở rộng tháng 11</h2><div class="noidung"><p>` + repeat("Trạm y tế phường tổ chức tiêm chủng mở rộng cho trẻ dưới năm tuổi vào ngày 14 hằng tháng. ", 3) + `</p><p class="quang-cao">Mua ngay kẻo lỡ</p></div></body></html>`
	doc, err := ParseHTML([]byte(page), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	a := ExtractDocument(doc, nil, Options{RemoveSelectors: []string{".quang-cao"}})
	if a.Title != "Thông báo lịch tiêm chủng mở rộng tháng 11" || strings.Contains(a.Text, "Mua ngay") {
		t.Errorf("title %q text %q", a.Title, a.Text)
	}
}
