// Package evaluate measures the article parser against a labelled corpus
// and against plain readability on the same pages.
//
// A corpus is a directory of pages. Each page NAME has three files:
// NAME.html (the page as served), NAME.gold.txt (the article text a reader
// wants, paragraphs separated by blank lines; empty for pages that are not
// articles) and NAME.meta.json (see Meta).
package evaluate

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/wardcrawl/wardcrawl/parsers"
)

// Meta is a page's label.
type Meta struct {
	// Family is the CMS the page is modelled on (nukeviet, liferay, …).
	Family string `json:"family"`
	// URL is the address the page is evaluated as coming from.
	URL string `json:"url"`
	// ContentType is the Content-Type header it is served with; empty means
	// none (the charset must then come from the page itself).
	ContentType string `json:"content_type,omitempty"`
	IsArticle   bool   `json:"is_article"`
	Title       string `json:"title"`
	// PublishedAt is RFC 3339 in +07:00 when the page shows a time of day,
	// a plain date (2006-01-02) when it shows only the day, empty when none.
	PublishedAt string `json:"published_at"`
	// Author is empty when the page names none.
	Author string `json:"author"`
	// Unlabelled lists fields the labeller did not fill in (title,
	// published_at, author): they are skipped, not scored as "none".
	Unlabelled []string `json:"unlabelled,omitempty"`
}

// labelFields are the fields a meta file may leave unlabelled.
var labelFields = []string{"title", "published_at", "author"}

// Labelled tells whether field was labelled (see Unlabelled).
func (m Meta) Labelled(field string) bool { return !slices.Contains(m.Unlabelled, field) }

// Page is one labelled page.
type Page struct {
	Name string
	Meta Meta
	HTML []byte
	Gold string
}

// Load reads every NAME.meta.json in dir with its .html and .gold.txt.
func Load(dir string) ([]Page, error) {
	metas, err := filepath.Glob(filepath.Join(dir, "*.meta.json"))
	if err != nil {
		return nil, fmt.Errorf("list corpus: %w", err)
	}
	if len(metas) == 0 {
		return nil, fmt.Errorf("load corpus %s: no *.meta.json files", dir)
	}
	sort.Strings(metas)
	var pages []Page
	for _, mp := range metas {
		name := strings.TrimSuffix(filepath.Base(mp), ".meta.json")
		p := Page{Name: name}
		raw, err := os.ReadFile(mp)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", name, err)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p.Meta); err != nil {
			return nil, fmt.Errorf("load %s: %w", mp, err)
		}
		if p.Meta.Family == "" {
			return nil, fmt.Errorf("load %s: family is empty", mp)
		}
		if _, err := url.Parse(p.Meta.URL); err != nil || p.Meta.URL == "" {
			return nil, fmt.Errorf("load %s: bad url %q", mp, p.Meta.URL)
		}
		for _, f := range p.Meta.Unlabelled {
			if !slices.Contains(labelFields, f) {
				return nil, fmt.Errorf("load %s: unlabelled: %q is not one of %s", mp, f, strings.Join(labelFields, ", "))
			}
		}
		if p.Meta.PublishedAt != "" {
			if _, _, err := goldDate(p.Meta.PublishedAt); err != nil {
				return nil, fmt.Errorf("load %s: published_at: %w", mp, err)
			}
		}
		if p.HTML, err = readPage(filepath.Join(dir, name+".html")); err != nil {
			return nil, fmt.Errorf("load %s: %w", name, err)
		}
		gold, err := os.ReadFile(filepath.Join(dir, name+".gold.txt"))
		if err != nil && !(errors.Is(err, os.ErrNotExist) && !p.Meta.IsArticle) {
			return nil, fmt.Errorf("load %s: %w", name, err)
		}
		p.Gold = strings.TrimSpace(string(gold))
		if p.Meta.IsArticle && p.Gold == "" {
			return nil, fmt.Errorf("load %s: an article needs a non-empty gold text", name)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// readPage reads NAME.html, else NAME.html.gz.
func readPage(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if !errors.Is(err, os.ErrNotExist) {
		return b, err
	}
	f, gzErr := os.Open(path + ".gz")
	if gzErr != nil {
		return nil, err // name the .html that is missing
	}
	defer f.Close()
	zr, gzErr := gzip.NewReader(f)
	if gzErr != nil {
		return nil, fmt.Errorf("%s.gz: %w", path, gzErr)
	}
	b, gzErr = io.ReadAll(zr)
	if gzErr != nil {
		return nil, fmt.Errorf("%s.gz: %w", path, gzErr)
	}
	return b, nil
}

// goldDate parses a label date; withTime tells whether it carries a time.
func goldDate(s string) (t time.Time, withTime bool, err error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(parsers.Vietnam), true, nil
	}
	t, err = time.ParseInLocation("2006-01-02", s, parsers.Vietnam)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("%q is neither RFC 3339 nor 2006-01-02", s)
	}
	return t, false, nil
}
