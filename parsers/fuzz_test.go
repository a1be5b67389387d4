package parsers

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzExtract feeds the parser arbitrary bytes under arbitrary
// Content-Types: it must not panic or hang, and what it returns must be
// valid UTF-8 in NFC. Seeds are the corpus pages plus a few broken ones.
//
//	go test ./parsers -run '^$' -fuzz FuzzExtract -fuzztime 5m -fuzzminimizetime 50x
func FuzzExtract(f *testing.F) {
	pages, _ := filepath.Glob("../testdata/pages/*.html")
	for i, p := range pages {
		if i%4 != 0 { // a quarter of the corpus keeps seeding quick
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "")
		}
	}
	for _, s := range []struct{ body, ct string }{
		{"", ""},
		{"<html><body><h1>Tiêu đề</h1><p>Ngày 14/10/2020 15:25</p><div class=\"noidung\"><p>" + longIntro + "</p></div>", "text/html; charset=utf-8"},
		{"<table><tr><td><table><tr><td>a</td><td>b", "text/html"},
		{"\xff\xfe<\x00h\x001\x00>\x00", ""},
		{"<meta charset=\"tcvn3\"><p>Th\xabng b\xb8o</p>", ""},
		{"<font face=\".VnTimeH\">th\xabng b\xb8o</font>", "text/html; charset=windows-1252"},
		{"<p>ngày 31 tháng 2 năm 2020 25:61</p><p>2020-13-45T99:99:99+99:99</p>", ""},
		{"<div class=\"x\"><h2>Tin liên quan</h2><ul><li><a href=\"/a\">" + longIntro + "</a> (1/1/2020)</li></ul></div>", ""},
	} {
		f.Add([]byte(s.body), s.ct)
	}
	u, _ := url.Parse("http://127.0.0.1/tin-tuc/bai-viet-1.html")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		done := make(chan Article, 1)
		go func() {
			a, err := Extract(body, contentType, u, Options{})
			if err != nil {
				a = Article{}
			}
			done <- a
		}()
		var a Article
		select {
		case a = <-done:
		case <-time.After(30 * time.Second): // a hang, not a speed check
			t.Fatalf("Extract did not return within 30s on a %d-byte page", len(body))
		}
		for name, s := range map[string]string{"text": a.Text, "title": a.Title, "author": a.Author} {
			if !utf8.ValidString(s) {
				t.Errorf("%s is not valid UTF-8: %q", name, s)
			}
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%s is not NFC: %q", name, s)
			}
		}
		if a.PublishedAt != nil {
			if _, off := a.PublishedAt.Zone(); off != 7*3600 {
				t.Errorf("date %v is not in +07:00", a.PublishedAt)
			}
		}
		if a.Text != "" && a.ContentHash != ContentHash(a.Text) {
			t.Error("content hash does not match the text")
		}
	})
}
