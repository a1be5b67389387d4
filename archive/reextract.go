package archive

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	warc "github.com/internetarchive/gowarc"
	"golang.org/x/net/html"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// Store is what Reextract needs from the database.
type Store interface {
	SavePage(ctx context.Context, p storage.Page) (storage.SaveResult, error)
}

// ReextractOptions configure Reextract.
type ReextractOptions struct {
	// SiteFor is the site a page belongs to: its name and extraction rules
	// (default: a site named after the URL's host, as `archive` names it).
	SiteFor func(u *url.URL) config.Site
	Logger  *slog.Logger
	// Progress, if set, is called after every file.
	Progress func(ReextractStats)
	// MaxBodyBytes caps a page body, as the crawler does (default 20 MiB).
	MaxBodyBytes int64
}

// ReextractStats are the figures of a Reextract.
type ReextractStats struct {
	Files       int `json:"files"`
	Records     int `json:"records"`
	Responses   int `json:"responses"` // response and revisit records of pages answered 2xx
	HTMLPages   int `json:"html_pages"`
	Articles    int `json:"articles"`
	ArticlesNew int `json:"articles_new"`
	Skipped     int `json:"skipped"` // unreadable bodies, unknown codings, revisits of unknown records
}

// WARCFiles lists the WARC files at path: the file itself, or a directory's
// *.warc and *.warc.gz files in name order. Files still being written
// (*.open) are left out.
func WARCFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	if !fi.IsDir() {
		if err := checkWARC(path); err != nil {
			return nil, err
		}
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".warc.gz")) {
			out = append(out, filepath.Join(path, n))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("warc: no .warc or .warc.gz files in %s", path)
	}
	for _, f := range out {
		if err := checkWARC(f); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkWARC reads the start of a file: a WARC file (gzipped or not) begins
// with its first record's "WARC/1.x" version line.
func checkWARC(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("warc: %s: %w", path, err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("warc: %s is gzip but unreadable: %w", path, err)
		}
		defer zr.Close()
		head = make([]byte, 16)
		n, _ = io.ReadFull(zr, head)
		head = head[:n]
	}
	if !bytes.HasPrefix(head, []byte("WARC/")) {
		if len(head) > 24 {
			head = head[:24]
		}
		return fmt.Errorf("warc: %s is not a WARC file: it starts with %q, not a WARC/1.x record header", path, head)
	}
	return nil
}

// Reextract rebuilds articles from WARC files alone: every 2xx HTML
// response (and revisit of one) is parsed and stored as a crawl would store
// it, tied to its record. Nothing is fetched.
func Reextract(ctx context.Context, files []string, st Store, opt ReextractOptions) (ReextractStats, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = 20 << 20
	}
	if opt.SiteFor == nil {
		opt.SiteFor = func(u *url.URL) config.Site { return SiteFor(u.String()) }
	}
	x := &reextractor{ctx: ctx, st: st, opt: opt, payloads: map[string]location{}}
	files, err := byCaptureTime(files)
	if err != nil {
		return x.stats, err
	}
	// First pass: every page of a site with site_model on is observed into
	// its site model, as a crawl's first round observes every page before
	// it extracts the pages it held back; the second pass extracts with it.
	x.models, x.observed = map[string]*parsers.SiteModel{}, map[uint64]bool{}
	log := x.opt.Logger
	x.opt.Logger = slog.New(slog.DiscardHandler) // the second pass says it
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return x.stats, err
		}
		if err := EachRecord(path, true, func(rec *warc.Record) error { return x.record(path, rec) }); err != nil {
			return x.stats, err
		}
	}
	x.stats, x.observed, x.payloads, x.opt.Logger = ReextractStats{}, nil, map[string]location{}, log
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return x.stats, err
		}
		x.stats.Files++
		err := EachRecord(path, true, func(rec *warc.Record) error {
			x.stats.Records++
			return x.record(path, rec)
		})
		if err != nil {
			return x.stats, err
		}
		if opt.Progress != nil {
			opt.Progress(x.stats)
		}
	}
	return x.stats, nil
}

// byCaptureTime orders files by the date of their first record, so pages
// are stored in the order they were captured (an article's first sighting
// is its earliest), whatever the files are named.
func byCaptureTime(files []string) ([]string, error) {
	dates := map[string]string{}
	for _, f := range files {
		err := EachRecord(f, false, func(r *warc.Record) error {
			dates[f] = r.Header.Get("WARC-Date")
			return errStop
		})
		if err != nil && !errors.Is(err, errStop) {
			return nil, err
		}
	}
	out := slices.Clone(files)
	slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(dates[a], dates[b]) })
	return out, nil
}

type location struct {
	path   string
	offset int64
}

type reextractor struct {
	ctx      context.Context
	st       Store
	opt      ReextractOptions
	stats    ReextractStats
	payloads map[string]location // payload digest -> a response record holding it
	// models are the sites' site models; observed, while set, says the
	// first pass is observing (and which URLs it has: each once).
	models   map[string]*parsers.SiteModel
	observed map[uint64]bool
}

func (x *reextractor) record(path string, rec *warc.Record) error {
	h := rec.Header
	kind := h.Get("WARC-Type")
	uri := strings.Trim(h.Get("WARC-Target-URI"), "<>") // WARC/1.0 writers sometimes bracket it
	if kind != "response" && kind != "revisit" {
		return nil
	}
	date, err := time.Parse(time.RFC3339Nano, h.Get("WARC-Date"))
	if err != nil {
		x.opt.Logger.Warn("record without a valid WARC-Date: skipped", "file", path, "offset", rec.Offset, "uri", uri)
		x.stats.Skipped++
		return nil
	}
	c := storage.Capture{RecordID: h.Get("WARC-Record-ID"), File: filepath.Base(path), Offset: rec.Offset, Length: rec.Size, Type: kind, At: date}
	digest := h.Get("WARC-Payload-Digest")
	if kind == "response" {
		if digest != "" && rec.Offset >= 0 {
			if _, ok := x.payloads[digest]; !ok {
				x.payloads[digest] = location{path, rec.Offset}
			}
		}
		if _, err := rec.Content.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return x.page(uri, date, c, rec.Content, nil)
	}
	// A revisit holds the headers; the payload is the earlier response's.
	loc, ok := x.payloads[digest]
	if !ok {
		x.opt.Logger.Debug("revisit of a record not in these files: skipped", "uri", uri, "refers_to", h.Get("WARC-Refers-To"))
		x.stats.Skipped++
		return nil
	}
	return x.fromRecordAt(loc, func(orig *warc.Record) error {
		return x.page(uri, date, c, orig.Content, rec.Content)
	})
}

// fromRecordAt reads the record at a known offset.
func (x *reextractor) fromRecordAt(loc location, fn func(*warc.Record) error) error {
	f, err := os.Open(loc.path)
	if err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(loc.offset, io.SeekStart); err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	r, err := warc.NewReader(f)
	if err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	defer r.Close()
	rec, err := r.ReadRecord()
	if err != nil {
		return fmt.Errorf("read warc %s at offset %d: %w", loc.path, loc.offset, err)
	}
	defer rec.Content.Close()
	if _, err := rec.Content.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return fn(rec)
}

// page stores the page held by an HTTP response block. When headers is
// set (a revisit), the status and headers come from it and the body from
// block.
func (x *reextractor) page(uri string, date time.Time, c storage.Capture, block io.Reader, headers io.Reader) error {
	resp, err := http.ReadResponse(bufio.NewReader(block), nil)
	if err != nil {
		x.stats.Skipped++
		x.opt.Logger.Debug("unreadable HTTP response: skipped", "uri", uri, "error", err)
		return nil
	}
	defer resp.Body.Close()
	head := resp
	if headers != nil {
		if head, err = http.ReadResponse(bufio.NewReader(headers), nil); err != nil {
			x.stats.Skipped++
			return nil
		}
		head.Body.Close()
	}
	if head.StatusCode < 200 || head.StatusCode > 299 {
		return nil
	}
	x.stats.Responses++
	norm, err := crawler.Normalize(uri)
	if err != nil {
		x.stats.Skipped++
		return nil
	}
	body, err := decodedBody(resp, x.opt.MaxBodyBytes)
	if err != nil {
		x.stats.Skipped++
		x.opt.Logger.Warn("body not readable: skipped", "uri", uri, "error", err)
		return nil
	}
	ct := head.Header.Get("Content-Type")
	if !parsers.IsHTML(ct, body) {
		return nil
	}
	x.stats.HTMLPages++
	u, _ := url.Parse(norm)
	site := x.opt.SiteFor(u)
	f := storage.Fetch{Site: site.Name, URL: norm, Status: head.StatusCode, FetchedAt: date, ContentType: ct,
		ETag: head.Header.Get("ETag"), LastModified: head.Header.Get("Last-Modified"), Bytes: len(body)}
	doc, err := parsers.ParseHTML(body, ct)
	if err != nil {
		x.stats.Skipped++
		return nil
	}
	if x.observed != nil {
		x.observe(site, f, doc)
		return nil
	}
	p, _ := crawler.ExtractPageWith(site, f, doc, x.models[site.Name])
	p.Capture = &c
	res, err := x.st.SavePage(x.ctx, p)
	if err != nil {
		return err
	}
	if p.Article != nil {
		x.stats.Articles++
		if res != storage.Unchanged {
			x.stats.ArticlesNew++
		}
	}
	return nil
}

// observe adds a page to its site's model (the first pass), once per URL.
func (x *reextractor) observe(site config.Site, f storage.Fetch, doc *html.Node) {
	if !site.SiteModel {
		return
	}
	h := fnv.New64a()
	h.Write([]byte(f.URL))
	k := h.Sum64()
	if x.observed[k] {
		return
	}
	x.observed[k] = true
	m := x.models[site.Name]
	if m == nil {
		m = parsers.NewSiteModel()
		x.models[site.Name] = m
	}
	_, a := crawler.ExtractPageWith(site, f, doc, nil)
	m.Observe(a.Observation, 0)
}

// decodedBody undoes the response's content coding (gzip, deflate) and caps
// its size.
func decodedBody(resp *http.Response, max int64) ([]byte, error) {
	var r io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		r = gz
	case "deflate":
		// "deflate" is meant to be zlib-wrapped, but many servers send raw
		// deflate: the zlib header tells them apart.
		br := bufio.NewReader(r)
		if h, _ := br.Peek(2); len(h) == 2 && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, err
			}
			defer zr.Close()
			r = zr
		} else {
			r = flate.NewReader(br)
		}
	default:
		return nil, fmt.Errorf("content coding %q not supported", enc)
	}
	return io.ReadAll(io.LimitReader(r, max))
}

// FilePrefix is the WARC file name prefix for a site's archive:
// "wardcrawl-" and its host, with anything but letters, digits, '.' and '-'
// replaced by '_'.
func FilePrefix(site config.Site) string {
	return "wardcrawl-" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '_'
	}, site.Name)
}

// SiteFor is the site `archive` crawls for a start URL, and the one
// `reextract` files a page under when no configured site claims it: named
// after the URL's host, with the built-in settings.
func SiteFor(raw string) config.Site {
	u, err := url.Parse(raw)
	host := raw
	if err == nil {
		host = u.Host
	}
	return config.Site{Name: host, StartURLs: []string{raw}, AllowedDomains: []string{host}, Settings: config.BuiltinDefaults()}
}
