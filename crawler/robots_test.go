package crawler

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestRobotsRFC9309(t *testing.T) {
	body := "\xef\xbb\xbf# comment\nSitemap: http://p.vn/sitemap.xml\nDisallow: /orphan\n" +
		"User-agent: *\nDisallow: /\n\n" +
		"User-agent: WardCrawl\nUser-agent: other\nDisallow: /private\nAllow: /private/public\nDisallow: /*.pdf$\n" +
		"Disallow: /search?\nCrawl-delay: 1.5\nthis line is junk\nDisallow: /tin-tức/nháp\n" +
		"User-agent: wardcrawl/2.0\nDisallow: /page\nAllow: /page\nDisallow: /x*y\n"
	r := parseRobots([]byte(body), "wardcrawl/0.1 (+archive)")
	cases := map[string]bool{
		"/":                          true, // the "*" group's Disallow: / does not apply: ours was found
		"/robots.txt":                true,
		"/private":                   false,
		"/private/x":                 false,
		"/private/public/y":          true, // longer allow wins
		"/page":                      true, // equal length: allow wins (temoto lets the first win)
		"/files/a.pdf":               false,
		"/files/a.pdf?x=1":           true, // $ anchors at the end of path+query
		"/search?q=1":                false,
		"/search":                    true,
		"/xAAy":                      false,
		"/tin-t%e1%bb%a9c/nh%C3%A1p": false, // non-ASCII patterns match percent-encoded paths, any hex case
		"/orphan":                    true,  // a rule before any user-agent line belongs to no group
	}
	for p, want := range cases {
		u, _ := url.Parse("http://p.vn" + p)
		if got := r.allowed(u); got != want {
			t.Errorf("%s: allowed=%v, want %v", p, got, want)
		}
	}
	if r.crawlDelay != 1500*time.Millisecond {
		t.Errorf("crawl-delay %v", r.crawlDelay)
	}
	if len(r.sitemaps) != 1 || r.sitemaps[0] != "http://p.vn/sitemap.xml" {
		t.Errorf("sitemaps %v", r.sitemaps)
	}

	star := parseRobots([]byte("User-agent: *\nDisallow: /admin\n"), "wardcrawl/0.1")
	if u, _ := url.Parse("http://p.vn/admin/x"); star.allowed(u) {
		t.Error("the * group applies when no group names wardcrawl")
	}
	for status, want := range map[int]bool{404: true, 401: true, 500: false, 503: false, 0: false} {
		u, _ := url.Parse("http://p.vn/a")
		if got := robotsFromResponse(status, nil, "wardcrawl").allowed(u); got != want {
			t.Errorf("robots.txt status %d: allowed=%v, want %v", status, got, want)
		}
	}
}

// go test ./crawler -run '^$' -bench ParseRobots -benchmem: what one
// site's robots.txt costs to read.
func BenchmarkParseRobots(b *testing.B) {
	body := []byte("User-agent: *\nDisallow: /admin/\nAllow: /admin/public\nCrawl-delay: 2\n\nUser-agent: wardcrawl\nDisallow: /private\n\nSitemap: https://a.example/sitemap.xml\n")
	b.ReportAllocs()
	for b.Loop() {
		parseRobots(body, "wardcrawl/1.0")
	}
}

// A line longer than the scanner's first buffer is read whole.
func TestRobotsLongLine(t *testing.T) {
	long := "/" + strings.Repeat("a", 10<<10)
	r := parseRobots([]byte("User-agent: *\nDisallow: "+long+"\nDisallow: /x\n"), "wardcrawl/1.0")
	at := func(p string) *url.URL { return &url.URL{Scheme: "http", Host: "p.vn", Path: p} }
	if r.allowed(at(long)) || r.allowed(at("/x")) || !r.allowed(at("/b")) {
		t.Error("a rule after, or made of, a 10 KiB line was lost")
	}
}
