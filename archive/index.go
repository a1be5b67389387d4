package archive

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	warc "github.com/internetarchive/gowarc"
)

// EachRecord reads every record of a WARC file (gzipped per record, or
// plain) in order. With content false the record blocks are skipped. A
// record that cannot be read whole is an error naming the file and offset.
func EachRecord(path string, content bool, fn func(*warc.Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open warc: %w", err)
	}
	defer f.Close()
	r, err := warc.NewReader(f)
	if err != nil {
		return fmt.Errorf("read warc %s: %w", path, err)
	}
	defer r.Close()
	var opts []warc.ReadOpts
	if !content {
		opts = append(opts, warc.ReadOptsNoContentOutput)
	}
	var end int64
	for {
		rec, err := r.ReadRecord(opts...)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read warc %s: record at offset %d: %w", path, end, err)
		}
		end = rec.Offset + rec.Size
		err = fn(rec)
		rec.Content.Close()
		if err != nil {
			return err
		}
	}
}

// errStop ends an EachRecord early; it is not a failure.
var errStop = errors.New("stop")

// Recover makes a WARC file a killed writer left open whole again: it is cut
// after its last complete record and renamed without .open. It returns the
// number of records kept; a file with none is removed.
func Recover(path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("recover warc: %w", err)
	}
	var end int64
	n := 0
	// Reading stops at the half-written record (an error, deliberately
	// ignored), or at a record that is not its own gzip member: nothing
	// after it can be cut safely.
	EachRecord(path, false, func(rec *warc.Record) error {
		if rec.Offset < 0 {
			return errStop
		}
		end = rec.Offset + rec.Size
		n++
		return nil
	})
	if n == 0 {
		return 0, os.Remove(path)
	}
	if err := os.Truncate(path, end); err != nil {
		return 0, fmt.Errorf("recover warc: %w", err)
	}
	if err := os.Rename(path, strings.TrimSuffix(path, openSuffix)); err != nil {
		return 0, fmt.Errorf("recover warc: %w", err)
	}
	return n, nil
}

// entryOf is the CDXJ entry of a response or revisit record.
func entryOf(rec *warc.Record, filename string) (Entry, bool) {
	kind := rec.Header.Get("WARC-Type")
	if kind != "response" && kind != "revisit" {
		return Entry{}, false
	}
	date := rec.Header.Get("WARC-Date")
	e := Entry{URLKey: SURT(rec.Header.Get("WARC-Target-URI")), Timestamp: timestamp14(date), URL: rec.Header.Get("WARC-Target-URI"),
		Digest: digestValue(rec.Header.Get("WARC-Payload-Digest")), Length: rec.Size, Offset: rec.Offset, Filename: filename}
	if _, err := rec.Content.Seek(0, io.SeekStart); err == nil {
		if resp, err := http.ReadResponse(bufio.NewReader(rec.Content), nil); err == nil {
			e.Status = strconv.Itoa(resp.StatusCode)
			e.Mime = strings.TrimSpace(strings.SplitN(resp.Header.Get("Content-Type"), ";", 2)[0])
			resp.Body.Close()
		}
	}
	if kind == "revisit" {
		e.Mime = "warc/revisit"
	}
	return e, true
}

var wwwPrefix = regexp.MustCompile(`^(https?://)www\d*\.`)

// SURT is the sort key replay tools index a URL under (as pywb and warcio
// compute it): host labels reversed, lower case, query arguments sorted.
func SURT(raw string) string {
	if !strings.HasPrefix(raw, "http:") && !strings.HasPrefix(raw, "https:") {
		return raw
	}
	lower := strings.ToLower(wwwPrefix.ReplaceAllString(raw, "$1"))
	u, err := url.Parse(lower)
	if err != nil {
		return raw
	}
	labels := strings.Split(u.Hostname(), ".")
	for i, j := 0, len(labels)-1; i < j; i, j = i+1, j-1 {
		labels[i], labels[j] = labels[j], labels[i]
	}
	var b strings.Builder
	b.WriteString(strings.Join(labels, ","))
	if p := u.Port(); p != "" {
		b.WriteString(":" + p)
	}
	b.WriteString(")")
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	b.WriteString(path)
	if u.RawQuery != "" {
		args := strings.Split(u.RawQuery, "&")
		sort.Strings(args)
		b.WriteString("?" + strings.Join(args, "&"))
	}
	return b.String()
}

// Line is the entry as a CDXJ line (without the newline).
func (e Entry) Line() string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as warcio and pywb write them: & stays &
	enc.Encode(struct {
		URL      string `json:"url"`
		Mime     string `json:"mime"`
		Status   string `json:"status"`
		Digest   string `json:"digest"`
		Length   string `json:"length"`
		Offset   string `json:"offset"`
		Filename string `json:"filename"`
	}{e.URL, e.Mime, e.Status, e.Digest, strconv.FormatInt(e.Length, 10), strconv.FormatInt(e.Offset, 10), e.Filename})
	return e.URLKey + " " + e.Timestamp + " " + strings.TrimSuffix(b.String(), "\n")
}

// WriteIndex writes entries as a sorted CDXJ file, replacing path only once
// the new index is whole.
func WriteIndex(path string, entries []Entry) error {
	lines := make([]string, len(entries))
	for i, e := range entries {
		lines[i] = e.Line()
	}
	sort.Strings(lines)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".index-*.cdxj")
	if err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write index: %w", err)
	}
	bw := bufio.NewWriter(tmp)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("write index: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	return nil
}
