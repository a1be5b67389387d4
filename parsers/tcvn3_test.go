package parsers

import (
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/legacyenc"
)

// Every Vietnamese letter survives a trip through TCVN3: legacyenc's table
// and the parser's are written independently.
func TestTCVN3RoundTrip(t *testing.T) {
	letters := "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđĂÂĐÊÔƠƯ"
	b, err := legacyenc.TCVN3(letters)
	if err != nil {
		t.Fatal(err)
	}
	if got := FromTCVN3(legacyenc.Latin1(b)); got != letters {
		t.Errorf("round trip:\n got %q\nwant %q", got, letters)
	}
	if got := FromTCVN3("Th«ng b¸o vÒ viÖc ®¨ng ký"); got != "Thông báo về việc đăng ký" {
		t.Errorf("FromTCVN3 = %q", got)
	}
}

func TestLooksTCVN3(t *testing.T) {
	for _, c := range []struct {
		s      string
		inFont bool
		want   bool
	}{
		{"Th«ng b¸o vÒ viÖc", false, true},
		{"UBND x· T©n Hßa", false, true},
		{"Thông báo về việc", false, false},  // Unicode Vietnamese
		{"Thông báo về việc", true, false},   // Unicode in a stale .VnTime font
		{"© 2020 UBND phường", false, false}, // one symbol, Unicode letters
		{"Copyright © 2020 ®", false, false}, // symbols outside words
		{"Café à la carte", false, false},    // Latin-1 letters that Vietnamese shares
		{"b¸o", true, true},
		{"b¸o", false, false}, // one marker is not enough without a font
	} {
		if got := looksTCVN3(c.s, c.inFont); got != c.want {
			t.Errorf("looksTCVN3(%q, %v) = %v", c.s, c.inFont, got)
		}
	}
}

func TestTCVN3Pages(t *testing.T) {
	enc := func(s string) string {
		b, err := legacyenc.TCVN3(s)
		if err != nil {
			t.Fatal(err)
		}
		return legacyenc.Latin1(b)
	}
	body := "Ngày 12/6/2020, UBND xã tổ chức hội nghị tổng kết sản xuất vụ xuân và triển khai kế hoạch vụ mùa năm 2020 trên địa bàn toàn xã."
	// TCVN3 in a UTF-8 page: the title in an H font (capitals), the body
	// in .VnTime, the site's own Unicode text left alone.
	page := `<html><head><meta charset="utf-8"><title>Xã Tân Hòa</title></head><body><p>Trang chủ của xã</p>
<h1><font face=".VnTimeH">` + enc("thông báo kết quả vụ xuân") + `</font></h1><p>Đăng ngày 15/6/2020</p>
<div class="noidung"><p><font face=".VnTime">` + enc(body) + `</font></p></div></body></html>`
	a, err := Extract([]byte(page), "text/html; charset=utf-8", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "THÔNG BÁO KẾT QUẢ VỤ XUÂN" || a.Text != body {
		t.Errorf("font page: title %q text %q", a.Title, a.Text)
	}
	// A whole page of TCVN3 bytes with no charset anywhere.
	raw := []byte{}
	for _, r := range `<html><head><title>` + enc("Thông báo") + `</title></head><body><h1>` + enc("Thông báo tuyển quân") +
		`</h1><p>` + enc("Ngày đăng 03/3/2008") + `</p><div class="noidung"><p>` + enc(body) + `</p></div></body></html>` {
		raw = append(raw, byte(r))
	}
	if _, name, _ := Decode(raw, "text/html"); name != "tcvn3" {
		t.Errorf("raw TCVN3 page decoded as %s", name)
	}
	a, err = Extract(raw, "text/html", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Thông báo tuyển quân" || a.Text != body {
		t.Errorf("raw page: title %q text %q", a.Title, a.Text)
	}
	// Code page 1258 without a charset stays code page 1258.
	cp := legacyenc.Windows1258(`<html><body><h1>Thông báo</h1><p>` + body + `</p></body></html>`)
	if _, name, _ := Decode(cp, ""); name != "windows-1258" {
		t.Errorf("1258 page decoded as %s", name)
	}
	if text, _, _ := Decode(cp, ""); !strings.Contains(string(text), "tổ chức") && !strings.Contains(string(text), "tô\u0309 chư\u0301c") {
		t.Errorf("1258 text: %q", text)
	}
}
