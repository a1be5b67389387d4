package parsers

import (
	"strings"
	"testing"
)

func TestDecodeCharsets(t *testing.T) {
	want := "Phường Tân Lập"
	w1258 := []byte("<html><head><meta charset=\"windows-1258\"></head><body>Ph\xFD\xF5\xCCng T\xE2n L\xE2\xF2p</body></html>")
	cases := []struct {
		name, ct string
		body     []byte
		enc      string
	}{
		{"meta only", "text/html", w1258, "windows-1258"},
		{"header wins over meta", "text/html; charset=windows-1258", []byte(strings.Replace(string(w1258), "windows-1258", "utf-8", 1)), "windows-1258"},
		{"bom wins", "text/html; charset=windows-1258", append([]byte("\xEF\xBB\xBF"), []byte("<p>"+want)...), "utf-8"},
		{"undeclared utf-8", "text/html", []byte("<p>" + want), "utf-8"},
		{"undeclared legacy", "", []byte("<p>Ph\xFD\xF5\xCCng T\xE2n L\xE2\xF2p"), "windows-1258"},
		{"server default over real utf-8", "text/html; charset=iso-8859-1", []byte("<p>" + want), "utf-8"},
	}
	for _, c := range cases {
		out, enc, err := Decode(c.body, c.ct)
		if err != nil {
			t.Fatal(err)
		}
		if enc != c.enc {
			t.Errorf("%s: encoding %s, want %s", c.name, enc, c.enc)
		}
		if got := CleanLine(string(out)); !strings.Contains(got, want) {
			t.Errorf("%s: decoded %q, want it to contain %q", c.name, got, want)
		}
	}
}

// An undeclared page typed in a VNI font is read as Latin-1, and the
// legacy repair makes Unicode of it.
func TestDecodeVNIPage(t *testing.T) {
	raw := []byte("<html><body><h1><font face=\"VNI-Times\">Tho\xe2ng ba\xf9o</font></h1></body></html>")
	if _, name, _ := Decode(raw, ""); name != "windows-1252" {
		t.Fatalf("VNI page decoded as %s", name)
	}
	doc, err := ParseHTML(raw, "")
	if err != nil {
		t.Fatal(err)
	}
	fixLegacyText(doc)
	if got := strings.Join(Paragraphs(doc), "\n"); got != "Thông báo" {
		t.Errorf("VNI page: %q", got)
	}
}
