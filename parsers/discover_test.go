package parsers

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

func readAll(t *testing.T, doc []byte) (string, []Discovered) {
	t.Helper()
	var got []Discovered
	kind, err := ReadDiscovery(bytes.NewReader(doc), func(d Discovered) error {
		got = append(got, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kind, got
}

func TestReadDiscovery(t *testing.T) {
	urlset := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> http://p.vn/tin-tuc/a.html </loc><lastmod>2020-10-14</lastmod></url>
  <url><loc>http://p.vn/tin-tuc/b.html</loc><lastmod>2020-10-15T08:30:00+00:00</lastmod><priority>0.5</priority></url>
  <url><loc>http://p.vn/gioi-thieu</loc></url>
</urlset>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(urlset))
	zw.Close()
	for name, doc := range map[string][]byte{"plain": []byte(urlset), "gzip": gz.Bytes()} {
		kind, got := readAll(t, doc)
		if kind != KindURLSet || len(got) != 3 {
			t.Fatalf("%s: %s %+v", name, kind, got)
		}
		if got[0].URL != "http://p.vn/tin-tuc/a.html" || !got[0].LastMod.Equal(time.Date(2020, 10, 14, 0, 0, 0, 0, Vietnam)) ||
			got[1].LastMod.Format(time.RFC3339) != "2020-10-15T15:30:00+07:00" || !got[2].LastMod.IsZero() || got[0].Sitemap {
			t.Errorf("%s: %+v", name, got)
		}
	}

	kind, got := readAll(t, []byte(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://p.vn/sitemap-news.xml.gz</loc></sitemap><sitemap><loc>http://p.vn/sitemap-pages.xml</loc></sitemap></sitemapindex>`))
	if kind != KindSitemapIndex || len(got) != 2 || !got[0].Sitemap || got[1].URL != "http://p.vn/sitemap-pages.xml" {
		t.Errorf("index: %s %+v", kind, got)
	}

	kind, got = readAll(t, []byte(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
  <title>Tin tức</title><link>http://p.vn/</link>
  <item><title>Thông báo</title><link>http://p.vn/tb/1.html</link><pubDate>Wed, 14 Oct 2020 15:25:00 +0700</pubDate></item>
  <item><title>Không link</title></item>
</channel></rss>`))
	if kind != KindRSS || len(got) != 1 || got[0].URL != "http://p.vn/tb/1.html" || got[0].LastMod.Format(time.RFC3339) != "2020-10-14T15:25:00+07:00" {
		t.Errorf("rss: %s %+v", kind, got)
	}

	kind, got = readAll(t, []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://p.vn/"/>
  <entry><link rel="self" href="http://p.vn/x.atom"/><link href="http://p.vn/tb/2.html"/><updated>2020-10-16T09:00:00+07:00</updated></entry></feed>`))
	if kind != KindAtom || len(got) != 1 || got[0].URL != "http://p.vn/tb/2.html" || got[0].LastMod.Day() != 16 {
		t.Errorf("atom: %s %+v", kind, got)
	}

	// The callback's error stops the read and is returned.
	stop := errors.New("stop")
	n := 0
	if _, err := ReadDiscovery(strings.NewReader(urlset), func(Discovered) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("callback error: %v after %d", err, n)
	}
	// An HTML page (a sitemap URL redirected to the home page) is refused.
	if _, err := ReadDiscovery(strings.NewReader("<!doctype html><html><body>Trang chủ</body></html>"), func(Discovered) error { return nil }); !errors.Is(err, ErrNotDiscovery) {
		t.Errorf("html: %v", err)
	}
}

func TestReadDiscoveryLargeSitemapStreams(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<urlset>`)
	for i := 0; i < 50000; i++ {
		fmt.Fprintf(&b, "<url><loc>http://p.vn/a/%d.html</loc></url>", i)
	}
	b.WriteString(`</urlset>`)
	n := 0
	if _, err := ReadDiscovery(strings.NewReader(b.String()), func(Discovered) error { n++; return nil }); err != nil || n != 50000 {
		t.Errorf("%d entries, %v", n, err)
	}
}

func TestFeedLinks(t *testing.T) {
	doc, err := ParseHTML([]byte(`<html><head><base href="http://p.vn/sub/">
<link rel="alternate" type="application/rss+xml" href="rss/tin-tuc.rss">
<link rel="Alternate" type="application/atom+xml" href="http://p.vn/atom.xml">
<link rel="alternate" type="application/rss+xml" href="rss/tin-tuc.rss">
<link rel="stylesheet" type="text/css" href="x.css">
<link rel="alternate" hreflang="en" href="/en/">
</head><body></body></html>`), "text/html")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("http://p.vn/page")
	got := FeedLinks(doc, u)
	if fmt.Sprint(got) != "[http://p.vn/sub/rss/tin-tuc.rss http://p.vn/atom.xml]" {
		t.Errorf("feeds %v", got)
	}
}
