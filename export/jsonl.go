// Package export writes stored articles as datasets.
package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wardcrawl/wardcrawl/storage"
)

// Source is what export needs from the article store.
type Source interface {
	EachArticle(ctx context.Context, f storage.Filter, fn func(storage.Record) error) error
}

// Record is one exported article; its JSON field names and order are the
// dataset schema documented in the README.
type Record struct {
	ContentHash string   `json:"content_hash"`
	Site        string   `json:"site"`
	URL         string   `json:"url"`
	URLs        []string `json:"urls"`
	Title       string   `json:"title"`
	PublishedAt *string  `json:"published_at"`
	Author      *string  `json:"author"`
	Text        string   `json:"text"`
	Lang        string   `json:"lang"`
	FirstSeenAt string   `json:"first_seen_at"`
	LastSeenAt  string   `json:"last_seen_at"`
}

// FromStorage converts a stored article to the export schema.
func FromStorage(r storage.Record) Record {
	out := Record{ContentHash: r.ContentHash, Site: r.Site, URL: r.URL, URLs: r.URLs, Title: r.Title, Author: r.Author,
		Text: r.Text, Lang: r.Lang, FirstSeenAt: r.FirstSeenAt.Format(time.RFC3339), LastSeenAt: r.LastSeenAt.Format(time.RFC3339)}
	if r.PublishedAt != nil {
		s := r.PublishedAt.Format(time.RFC3339)
		out.PublishedAt = &s
	}
	if out.URLs == nil {
		out.URLs = []string{}
	}
	return out
}

// JSONL writes every field of every article, one JSON object per line,
// ordered by first_seen_at then content_hash. It returns the number of
// records.
func JSONL(ctx context.Context, src Source, w io.Writer, opt Options) (int, error) {
	sum, err := Write(ctx, src, w, "jsonl", opt)
	return sum.Records, err
}

// ToFile runs write against a temporary file beside path and renames it
// into place only when write succeeds, so a failed export leaves no partial
// file (and an earlier export at path intact).
func ToFile(path string, write func(io.Writer) error) error {
	if err := CheckDestination(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// CheckDestination says, before any work, why an output file cannot be
// written at path: it is a directory, its directory is missing, or the
// user cannot create files there.
func CheckDestination(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("output %s is a directory: give a file name", path)
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("output %s: its directory %s does not exist", path, dir)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s: %s is not a directory", path, dir)
	}
	probe, err := os.CreateTemp(dir, "."+filepath.Base(path)+".check-*")
	if err != nil {
		return fmt.Errorf("output %s: cannot create files in %s: %w", path, dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// FormatOf is the export format a file name asks for: by its extension
// (.jsonl, .ndjson, .csv, .parquet), with gzip for a further .gz; ok is
// false when the name says nothing.
func FormatOf(path string) (format string, gzip, ok bool) {
	name := strings.ToLower(filepath.Base(path))
	if strings.HasSuffix(name, ".gz") {
		gzip, name = true, strings.TrimSuffix(name, ".gz")
	}
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson":
		return "jsonl", gzip, true
	case ".csv":
		return "csv", gzip, true
	case ".parquet":
		return "parquet", gzip, true
	}
	return "", gzip, false
}
