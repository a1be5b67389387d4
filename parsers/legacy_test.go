package parsers

import (
	"strings"
	"testing"
)

// A German page in UTF-8 has Latin-1 letters that are TCVN3 codes (ä, ü, ß)
// and VNI marks (ö, ü): none of its words becomes a Vietnamese syllable, so
// nothing is converted. Issue 15 saw "Gesprọchs", "fỹr", "groòe".
func TestLegacyRepairLeavesOtherLanguagesAlone(t *testing.T) {
	page := `<html lang="de"><head><title>Ein Gespräch über große Pläne</title></head><body><article><h1>Ein Gespräch über große Pläne</h1>
<p>Im Gespräch mit der Zeitung erklärte der Bürgermeister, dass die große Brücke über den Fluss im nächsten Jahr gebaut wird. Die Kosten für das Projekt seien höher als geplant, aber die Förderung des Landes decke den größten Teil.</p>
<p>Für die Anwohner ändert sich zunächst wenig: Während der Bauzeit bleibt die alte Fähre in Betrieb, und die Straße wird nur nachts gesperrt. Schöne Grüße aus Köln.</p>
<p>Côte d'Ivoire, où l'été est long, a déjà reçu la délégation; « très bien », dit-il. © 2020</p></article></body></html>`
	a := extractString(t, page, "https://zeitung.example.de/2020/10/gespraech.html")
	for _, w := range []string{"Gespräch", "für", "große", "Bürgermeister", "Fähre", "Straße", "Schöne", "Grüße", "Köln", "où", "déjà", "très", "©"} {
		if !strings.Contains(a.Text+a.Title, w) {
			t.Errorf("%q was changed: %q", w, a.Text)
		}
	}
	for _, w := range []string{"Gesprọ", "fỹr", "groò", "ư", "ơ"} {
		if strings.Contains(a.Text+a.Title, w) {
			t.Errorf("legacy repair fired on Latin-1 text: %q in %q", w, a.Text)
		}
	}
}

// TCVN3 without a font is converted when its words are Vietnamese.
func TestTCVN3WithoutFontNeedsSyllables(t *testing.T) {
	if got := repairLegacy("Th«ng b¸o vÒ viÖc tæ chøc héi nghÞ", noLegacyFont); got != "Thông báo về việc tổ chức hội nghị" {
		t.Errorf("TCVN3 text not repaired: %q", got)
	}
	if got := repairLegacy("Gespräch für große", noLegacyFont); got != "Gespräch für große" {
		t.Errorf("German repaired as TCVN3: %q", got)
	}
}

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

func TestVietnameseSyllable(t *testing.T) {
	for _, w := range []string{"thông", "nghiêng", "người", "khuya", "gì", "quốc", "ơn", "ạ", "trường", "Đông", "nghị", "huyện", "XÃ"} {
		if !vietnameseSyllable(w) {
			t.Errorf("%q is a syllable", w)
		}
	}
	for _, w := range []string{"fỹr", "gesprọchs", "groòe", "schưn", "straße", "thôngg", "ba\u0301\u0300", "brücke"} {
		if vietnameseSyllable(w) {
			t.Errorf("%q is not a syllable", w)
		}
	}
}
