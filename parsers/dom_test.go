package parsers

import (
	"testing"
	"unicode/utf8"
)

// textLen counts what CleanLine would leave, without building it.
func TestTextLen(t *testing.T) {
	for _, s := range []string{"", "  ", "a", " Phường  Bồ\u00a0Đề \n tổ chức ", "x\u200by", "a<br>b", "<p>Một</p><p>hai</p>", "\t\ttab\t"} {
		doc, err := ParseHTML([]byte("<div>"+s+"</div>"), "text/html; charset=utf-8")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := textLen(doc), utf8.RuneCountInString(CleanLine(textOf(doc))); got != want {
			t.Errorf("textLen(%q) = %d, CleanLine gives %d", s, got, want)
		}
	}
	if collapsedLen(" a  b ") != 3 {
		t.Error("collapsedLen")
	}
}

// cloneTree copies a page so that the floor can read it untouched.
func TestCloneTree(t *testing.T) {
	doc, _ := ParseHTML([]byte(`<div class="a"><p>một</p><p>hai</p></div>`), "text/html; charset=utf-8")
	c := cloneTree(doc)
	for n := range doc.Descendants() {
		if n.Data == "p" {
			n.Parent.RemoveChild(n)
			break
		}
	}
	if got := CleanLine(textOf(c)); got != "mộthai" {
		t.Errorf("clone changed with the original: %q", got)
	}
}
