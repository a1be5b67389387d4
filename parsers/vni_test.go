package parsers

import (
	"strings"
	"testing"
)

func TestVNIRepair(t *testing.T) {
	const vni = "Thoâng baùo veà vieäc toå chöùc hoäi nghò ñoái thoaïi"
	const want = "Thông báo về việc tổ chức hội nghị đối thoại"
	if got := FromVNI(vni); got != want {
		t.Errorf("FromVNI = %q, want %q", got, want)
	}
	if got := FromVNI("ÑAÛNG UÛY PHÖÔØNG"); got != "ĐẢNG ỦY PHƯỜNG" {
		t.Errorf("FromVNI capitals = %q", got)
	}
	// Under a VNI font everything is converted; without one, text with
	// VNI-only marks that reads as Vietnamese is.
	page := `<html><body><h1><font face="VNI-Times">Thoâng baùo</font></h1><p>` + vni + ` cuûa phöôøng.</p></body></html>`
	doc, err := ParseHTML([]byte(page), "text/html; charset=windows-1252")
	if err != nil {
		t.Fatal(err)
	}
	fixLegacyText(doc)
	got := strings.Join(Paragraphs(doc), "\n")
	if got != "Thông báo\n"+want+" của phường." {
		t.Errorf("VNI page: %q", got)
	}
	// Unicode Vietnamese shares ô, á, ù… with VNI: "Ông" alone, or a
	// sentence with Vietnamese letters, is never touched.
	for _, s := range []string{"Ông", "Bà Nguyễn Thị Hoa", "Ông Trần Văn Ân phát biểu"} {
		if got := repairLegacy(s, noLegacyFont); got != s {
			t.Errorf("Unicode %q changed to %q", s, got)
		}
	}
}
