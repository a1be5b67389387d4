package parsers

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// MaxDiscoveryBytes caps a sitemap or feed after decompression: the
// sitemap protocol's 50 MB limit.
const MaxDiscoveryBytes = 50 << 20

// Discovered is one URL a sitemap, sitemap index or feed lists.
type Discovered struct {
	URL string
	// LastMod is the sitemap's <lastmod> or the feed item's date; zero if
	// none was given or it could not be read.
	LastMod time.Time
	// Sitemap: the URL is another sitemap (from a sitemap index).
	Sitemap bool
}

// Discovery kinds, as ReadDiscovery reports them.
const (
	KindURLSet       = "urlset"
	KindSitemapIndex = "sitemapindex"
	KindRSS          = "rss"
	KindAtom         = "atom"
)

// ErrNotDiscovery: the document is not a sitemap or a feed.
var ErrNotDiscovery = errors.New("not a sitemap or feed")

// ReadDiscovery streams a sitemap (urlset), sitemap index, RSS or Atom feed
// from r, gzip or not, calling fn for each URL it lists, in order; memory
// does not grow with the document. It returns which kind it read.
func ReadDiscovery(r io.Reader, fn func(Discovered) error) (kind string, err error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return "", fmt.Errorf("gunzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	dec := xml.NewDecoder(io.LimitReader(br, MaxDiscoveryBytes))
	dec.Strict = false
	dec.CharsetReader = charset.NewReaderLabel
	var (
		item  bool // inside <url>, <sitemap>, <item> or <entry>
		field string
		text  strings.Builder
		cur   Discovered
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if kind == "" {
				return "", fmt.Errorf("%w: %v", ErrNotDiscovery, err)
			}
			return kind, fmt.Errorf("read %s: %w", kind, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if kind == "" {
				switch name {
				case "urlset":
					kind = KindURLSet
				case "sitemapindex":
					kind = KindSitemapIndex
				case "rss", "rdf":
					kind = KindRSS
				case "feed":
					kind = KindAtom
				default:
					return "", fmt.Errorf("%w: root element <%s>", ErrNotDiscovery, t.Name.Local)
				}
				continue
			}
			switch {
			case name == "url" || name == "sitemap" || name == "item" || name == "entry":
				item, cur = true, Discovered{Sitemap: kind == KindSitemapIndex}
			case item && name == "link" && kind == KindAtom:
				rel := "alternate"
				var href string
				for _, a := range t.Attr {
					switch strings.ToLower(a.Name.Local) {
					case "rel":
						rel = strings.ToLower(a.Value)
					case "href":
						href = a.Value
					}
				}
				if rel == "alternate" && cur.URL == "" {
					cur.URL = strings.TrimSpace(href)
				}
			case item:
				field = name
				text.Reset()
			}
		case xml.CharData:
			if field != "" {
				text.Write(t)
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			switch {
			case item && name == field:
				v := strings.TrimSpace(text.String())
				switch field {
				case "loc", "link":
					if cur.URL == "" {
						cur.URL = v
					}
				case "lastmod", "pubdate", "updated", "published", "date":
					if d, ok := discoveryDate(v); ok && (cur.LastMod.IsZero() || d.After(cur.LastMod)) {
						cur.LastMod = d
					}
				}
				field = ""
			case name == "url" || name == "sitemap" || name == "item" || name == "entry":
				if item && cur.URL != "" {
					if err := fn(cur); err != nil {
						return kind, err
					}
				}
				item = false
			}
		}
	}
	if kind == "" {
		return "", ErrNotDiscovery
	}
	return kind, nil
}

// discoveryDate reads W3C datetimes (sitemaps, Atom) and RFC 822 dates
// (RSS); a date without a zone is Vietnam's.
func discoveryDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, Vietnam); err == nil {
			return t.In(Vietnam), true
		}
	}
	if t, err := http.ParseTime(s); err == nil {
		return t.In(Vietnam), true
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.In(Vietnam), true
		}
	}
	return time.Time{}, false
}
