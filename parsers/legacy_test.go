package parsers

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
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

// fontOf reads font-family wherever it sits in a style, whatever letters
// come before it: lowering the style first shifted the index when a
// letter's lower case is longer (Ⱥ, 2 bytes, lowers to ⱥ, 3), and cut the
// font's name (".VnTime" read as "VnTime").
func TestFontOfAfterLettersThatLowerLonger(t *testing.T) {
	for style, want := range map[string]string{
		"ȺȺȺ; font-family: .VnTime":            ".VnTime",
		"COLOR: red; FONT-FAMILY:VNI-Times; x": "VNI-Times",
		"\xfe\xfe; font-family: .VnArial":      ".VnArial",
	} {
		n := &html.Node{Type: html.ElementNode, Data: "span", Attr: []html.Attribute{{Key: "style", Val: style}}}
		if got := fontOf(n); got != want {
			t.Errorf("fontOf(style=%q) = %q, want %q", style, got, want)
		}
	}
}
