package tanlap

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// Every article's text is its own, but for the quotes; the chrome is on
// every article page; listings link every article once.
func TestPortal(t *testing.T) {
	const n = 34
	p := New(n)
	if err := p.Start("127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	seen := map[string]int{}
	for i := range n {
		for _, para := range Paragraphs(i) {
			seen[para]++
		}
		page := p.Article(n, i)
		for _, c := range Chrome {
			if !strings.Contains(page, c) {
				t.Errorf("article %d lacks the chrome %q", i, c)
			}
		}
	}
	for para, k := range seen {
		if k > 1 && para != QuoteTwo && para != QuoteSix {
			t.Errorf("%q is on %d articles", para, k)
		}
	}
	if seen[QuoteTwo] != 2 || seen[QuoteSix] != 6 {
		t.Errorf("quotes on %d and %d articles", seen[QuoteTwo], seen[QuoteSix])
	}
	linked := map[string]bool{}
	for k := 1; k <= 4; k++ {
		resp, err := http.Get(p.URL + []string{"", "/", "/trang/2", "/trang/3", "/trang/4"}[k])
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, m := range regexp.MustCompile(`<h3><a href="(/bai/\d+)"`).FindAllStringSubmatch(string(body), -1) {
			linked[m[1]] = true
		}
	}
	if len(linked) != n {
		t.Errorf("listings link %d of %d articles", len(linked), n)
	}
	if resp, err := http.Get(p.ArticleURL(n)); err != nil || resp.StatusCode != 404 {
		t.Errorf("an unpublished article: %v %v", resp.StatusCode, err)
	}
	if got := p.Served(); len(got) != 0 {
		t.Errorf("served %v", got)
	}
}
