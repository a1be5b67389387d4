package bench

import (
	"testing"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// BenchmarkCeilingPage is the ceiling's work for one farm page (parse,
// extract, hash), over every layout in turn: the figure to profile when
// extraction is what limits the pipeline.
//
//	go test ./bench -run '^$' -bench CeilingPage -cpuprofile cpu.out
func BenchmarkCeilingPage(b *testing.B) {
	f := farm.New(900)
	var pages []page
	for _, s := range f.Sites {
		s.URL = "http://" + s.Name + ".example"
		for _, p := range s.Paths()[:60] {
			body, _, _ := s.Page(p)
			pages = append(pages, page{s.Name, s.URL + p, []byte(body)})
		}
	}
	site := config.Site{Name: "farm", Settings: config.BuiltinDefaults()}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		p := pages[i%len(pages)]
		doc, err := parsers.ParseHTML(p.body, "text/html; charset=utf-8")
		if err != nil {
			b.Fatal(err)
		}
		crawler.ArticlePage(site, storage.Fetch{Site: p.site, URL: p.url, Status: 200}, doc)
	}
}
