package evaluate

import (
	"bytes"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"

	"github.com/wardcrawl/wardcrawl/parsers"
)

// Output is what a system made of one page.
type Output struct {
	IsArticle   bool
	Title       string
	PublishedAt *time.Time
	Author      string
	Text        string
	Elapsed     time.Duration
}

// System is an extractor under evaluation.
type System struct {
	Name string
	Run  func(p Page) Output
}

// Parser is wardcrawl's parser, as the crawler runs it: decode, parse once,
// extract.
var Parser = System{Name: "wardcrawl", Run: runParser}

// Readability is plain readability on the same decoded, parsed page: its
// text, title, byline and metadata date, and its own "probably readerable"
// check with at least some text as the article verdict.
var Readability = System{Name: "readability", Run: runReadability}

func pageURL(p Page) *url.URL {
	u, _ := url.Parse(p.Meta.URL)
	return u
}

func runParser(p Page) Output {
	start := time.Now()
	a, err := parsers.Extract(p.HTML, p.Meta.ContentType, pageURL(p), parsers.Options{})
	elapsed := time.Since(start)
	if err != nil {
		return Output{Elapsed: elapsed}
	}
	return Output{
		IsArticle: a.IsArticle, Title: a.Title, PublishedAt: a.PublishedAt,
		Author: a.Author, Text: a.Text, Elapsed: elapsed,
	}
}

func runReadability(p Page) Output {
	start := time.Now()
	doc, err := parsers.ParseHTML(p.HTML, p.Meta.ContentType)
	if err != nil {
		return Output{Elapsed: time.Since(start)}
	}
	ps := readability.NewParser()
	readerable := ps.CheckDocument(doc)
	art, err := ps.ParseAndMutate(doc, pageURL(p))
	var out Output
	if err == nil && art.Node != nil {
		var b bytes.Buffer
		_ = art.RenderText(&b)
		out.Text = b.String()
		out.Title = parsers.CleanLine(art.Title())
		out.Author = parsers.CleanLine(art.Byline())
		if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
			t = t.In(parsers.Vietnam)
			out.PublishedAt = &t
		}
		out.IsArticle = readerable && utf8.RuneCountInString(strings.TrimSpace(out.Text)) >= 80
	}
	out.Elapsed = time.Since(start)
	return out
}
