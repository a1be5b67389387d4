package parsers

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// extractString runs the whole pipeline on a page written in a test, with
// the decision explained.
func extractString(t *testing.T, page, pageURL string) Article {
	t.Helper()
	var u *url.URL
	if pageURL != "" {
		var err error
		if u, err = url.Parse(pageURL); err != nil {
			t.Fatal(err)
		}
	}
	a, err := Extract([]byte(page), "text/html; charset=utf-8", u, Options{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// corpusLabel is a page's label in testdata/pages (the fields the tests
// here check; evaluate.Meta is the full schema).
type corpusLabel struct {
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	IsArticle   bool   `json:"is_article"`
	Title       string `json:"title"`
	PublishedAt string `json:"published_at"`
	Author      string `json:"author"`
}

// checkCorpusPage extracts one page of the bundled corpus and checks it
// against its labels: verdict, text (paragraph for paragraph), title,
// date and author.
func checkCorpusPage(t *testing.T, name string) Article {
	t.Helper()
	dir := filepath.Join("..", "testdata", "pages")
	body, err := os.ReadFile(filepath.Join(dir, name+".html"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, name+".meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m corpusLabel
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	gold, _ := os.ReadFile(filepath.Join(dir, name+".gold.txt"))
	u, _ := url.Parse(m.URL)
	a, err := Extract(body, m.ContentType, u, Options{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.IsArticle != m.IsArticle {
		t.Fatalf("%s: is_article = %v, want %v (reason %q)", name, a.IsArticle, m.IsArticle, a.Reason)
	}
	if !m.IsArticle {
		return a
	}
	if want := strings.TrimSpace(string(gold)); a.Text != want {
		t.Errorf("%s: text differs\n got: %q\nwant: %q", name, a.Text, want)
	}
	if a.Title != m.Title {
		t.Errorf("%s: title = %q, want %q", name, a.Title, m.Title)
	}
	if !sameLabelDate(a.PublishedAt, m.PublishedAt) {
		t.Errorf("%s: published_at = %v, want %q (from %s)", name, a.PublishedAt, m.PublishedAt, a.Explain.Date)
	}
	if a.Author != m.Author {
		t.Errorf("%s: author = %q, want %q", name, a.Author, m.Author)
	}
	return a
}

// sameLabelDate compares a date with a label: to the minute for RFC 3339,
// to the day for a plain date, both absent for "".
func sameLabelDate(got *time.Time, label string) bool {
	if label == "" || got == nil {
		return label == "" && got == nil
	}
	if want, err := time.Parse(time.RFC3339, label); err == nil {
		return got.Truncate(time.Minute).Equal(want)
	}
	return got.In(Vietnam).Format("2006-01-02") == label
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
