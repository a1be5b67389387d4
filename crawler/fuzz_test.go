package crawler

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzNormalize: Normalize never panics; what it returns is an absolute
// http(s) URL without fragment or user info, and normalizing it again
// changes nothing (one page, one key).
//
//	go test ./crawler -run '^$' -fuzz FuzzNormalize -fuzztime 1m
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"http://Phuong-AnBinh.gov.vn:80/tin-tuc/../thong-bao/?b=2&a=1&utm_source=zalo#top",
		"https://127.0.0.1:8443/a;jsessionid=ABC?x=%E1%BB%A9&PHPSESSID=1",
		"http://[::1]:8080/", "HTTP://xn--phng-6ya.vn/Tin Tức?q=a+b", "http://user:pass@host/a/./b//c",
		"file:///etc/passwd", "ftp://x/", "//no-scheme/x", "http://", "http://%zz/", "http://a.vn/?=&&=x&a",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		n, err := Normalize(raw)
		if err != nil {
			return
		}
		u, perr := url.Parse(n)
		if perr != nil {
			t.Fatalf("Normalize(%q) = %q, which does not parse: %v", raw, n, perr)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Fragment != "" || strings.Contains(n, "#") {
			t.Fatalf("Normalize(%q) = %q: not an absolute http(s) URL without fragment or user", raw, n)
		}
		again, err := Normalize(n)
		if err != nil || again != n {
			t.Fatalf("Normalize is not idempotent: %q -> %q -> %q (%v)", raw, n, again, err)
		}
	})
}
