package export

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// HashDefinition says how content_hash is computed.
const HashDefinition = "hex SHA-256 of the article text after Unicode NFC, removal of invisible characters (soft hyphens, zero-width spaces and joiners, BOM), and collapsing every run of whitespace, paragraph breaks included, to one space"

// Card describes an exported dataset; it is written beside the data file.
type Card struct {
	File             string         `json:"file"`
	Format           string         `json:"format"`
	Compression      string         `json:"compression"`
	ExportedAt       string         `json:"exported_at"`
	WardcrawlVersion string         `json:"wardcrawl_version"`
	Database         string         `json:"database"`
	Filters          map[string]any `json:"filters"`
	Summary
	Order         string  `json:"order"`
	ContentHash   string  `json:"content_hash_definition"`
	Fields        []Field `json:"fields"`
	Deterministic string  `json:"deterministic"`
}

// CardPath is where the dataset card of an export file goes: beside it,
// named after the whole file (articles.parquet → articles.parquet.card.json),
// so exports of one name in several formats do not overwrite each other's
// cards.
func CardPath(out string) string { return out + ".card.json" }

// NewCard fills a card for an export of file in format with opt.
func NewCard(file, format, db, version string, opt Options, sum Summary, at time.Time) Card {
	fields, _ := CheckFields(opt.Fields)
	filters := map[string]any{}
	if len(opt.Sites) > 0 {
		filters["sites"] = opt.Sites
	}
	if opt.Since != nil {
		filters["since"] = opt.Since.Format(time.RFC3339)
	}
	if opt.Until != nil {
		filters["until"] = opt.Until.Format(time.RFC3339)
	}
	if opt.MinChars > 0 {
		filters["min_chars"] = opt.MinChars
	}
	if opt.FirstSeenSince != nil {
		filters["first_seen_since"] = opt.FirstSeenSince.Format(time.RFC3339)
	}
	if opt.NewInRun > 0 {
		filters["new_in_run"] = opt.NewInRun
	}
	comp := "none"
	switch {
	case format == "parquet":
		comp = "zstd (Parquet pages)"
	case opt.Gzip:
		comp = "gzip"
	}
	det := "byte-identical for the same database and options"
	if format == "parquet" {
		det = "same rows and values for the same database and options"
	}
	return Card{File: filepath.Base(file), Format: format, Compression: comp, ExportedAt: at.Format(time.RFC3339),
		WardcrawlVersion: version, Database: databaseName(db), Filters: filters, Summary: sum,
		Order: "first_seen_at, then content_hash", ContentHash: HashDefinition, Fields: fields, Deterministic: det}
}

// WriteCard writes a card as indented JSON.
func WriteCard(w io.Writer, c Card) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("write card: %w", err)
	}
	return nil
}

// databaseName is how a card names its source: a SQLite file by its
// name, a PostgreSQL database by its URL (given without a password).
func databaseName(db string) string {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return db
	}
	return filepath.Base(db)
}
