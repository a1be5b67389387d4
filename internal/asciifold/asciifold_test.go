package asciifold

import (
	"strings"
	"testing"
)

func TestIndex(t *testing.T) {
	for _, c := range []struct {
		s, word string
		want    int
	}{
		{"/a;JSessionID=1", ";jsessionid=", 2},
		{"/\xfe\xfe\xfe\xfe\xfe\xfe\xfe;jsessionid=", ";jsessionid=", 8},
		{"ȺȺȺ FONT-FAMILY: x", "font-family", 7},
		{"font-famil", "font-family", -1},
		{"ſont-family", "font-family", -1}, // a long s is not an f, nor an s
		{"", "a", -1},
	} {
		if got := Index(c.s, c.word); got != c.want {
			t.Errorf("Index(%q, %q) = %d, want %d", c.s, c.word, got, c.want)
		}
		if i := Index(c.s, c.word); i >= 0 && !strings.EqualFold(c.s[i:i+len(c.word)], c.word) {
			t.Errorf("Index(%q, %q) = %d points at %q", c.s, c.word, i, c.s[i:i+len(c.word)])
		}
	}
}
