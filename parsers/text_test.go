package parsers

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestParagraphsTablesAndBreaks(t *testing.T) {
	doc, err := ParseHTML([]byte(`<div><p>Một <b>hai</b>
	ba</p>Dòng một<br>Dòng hai<table><tr><th>Ngày</th><th>Người tiếp</th></tr><tr><td>Thứ Hai</td><td><p>Ông A</p></td></tr></table><p>&nbsp;</p></div>`), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(Paragraphs(doc), "\n")
	want := "Một hai ba\nDòng một\nDòng hai\nNgày | Người tiếp\nThứ Hai | Ông A"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestContentHashNormalization(t *testing.T) {
	nfc := "Phường Bồ Đề tổ chức hội nghị.\n\nĐồng chí Bí thư phát biểu."
	variants := []string{
		norm.NFD.String(nfc),
		"Phường  Bồ\u00a0Đề tổ chức hội nghị.\nĐồng chí Bí thư phát biểu.",
		"  Phường Bồ Đề tổ chức\u200b hội nghị. Đồng chí Bí thư phát biểu.\n",
	}
	for _, v := range variants {
		if ContentHash(v) != ContentHash(nfc) {
			t.Errorf("hash of %q differs", v)
		}
	}
	if ContentHash(nfc) == ContentHash(strings.Replace(nfc, "hội nghị", "hội thảo", 1)) {
		t.Error("different words must hash differently")
	}
}
