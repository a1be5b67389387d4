// Package export writes stored articles as datasets.
package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync output: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close output: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("output permissions: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename output: %w", err)
	}
	return nil
}
