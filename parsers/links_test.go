package parsers

import (
	"net/url"
	"strings"
	"testing"
)

func TestLinks(t *testing.T) {
	doc, _ := ParseHTML([]byte(`<base href="http://a.test/x/"><a href="y?b=1">y</a><a href="#top">t</a><a href="mailto:a@b">m</a><a href="//c.test/z#f">z</a><a href="y?b=1">again</a>`), "")
	u, _ := url.Parse("http://a.test/")
	got := strings.Join(Links(doc, u), " ")
	if got != "http://a.test/x/y?b=1 http://c.test/z" {
		t.Errorf("links = %q", got)
	}
}
