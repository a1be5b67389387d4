// Package export writes stored articles as datasets.
package export

import (
	"bufio"
	"context"
	"encoding/json"
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

// Options select what to export.
type Options struct {
	Sites []string
}

// JSONL writes one JSON object per line, ordered by first_seen_at then
// content_hash, streaming from the store. It returns the number of records.
func JSONL(ctx context.Context, src Source, w io.Writer, opt Options) (int, error) {
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	err := src.EachArticle(ctx, storage.Filter{Sites: opt.Sites}, func(r storage.Record) error {
		if err := enc.Encode(FromStorage(r)); err != nil {
			return fmt.Errorf("write record: %w", err)
		}
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write: %w", err)
	}
	return n, nil
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
