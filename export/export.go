package export

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/wardcrawl/wardcrawl/storage"
)

// Field is one column of the dataset schema.
type Field struct {
	Name        string `json:"name"`
	Type        string `json:"type"` // as JSONL and CSV carry it; Parquet's type is in ParquetType
	ParquetType string `json:"parquet_type"`
	Nullable    bool   `json:"nullable"`
	Description string `json:"description"`
}

// Schema is every exported field, in order. The same names and types are
// used by every format.
var Schema = []Field{
	{"content_hash", "string", "STRING", false, "hex SHA-256 of the article text in hash form (NFC, invisible characters removed, whitespace collapsed to single spaces); the record's key"},
	{"site", "string", "STRING", false, "the configured site where the article was first seen"},
	{"url", "string", "STRING", false, "the URL where it was first seen"},
	{"urls", "array of strings (a JSON array in CSV)", "LIST<STRING>", false, "every URL where this text was seen, sorted"},
	{"title", "string", "STRING", false, "headline"},
	{"published_at", "string, RFC 3339 with +07:00", "TIMESTAMP(MICROS, UTC)", true, "publish date as the page states it; null if it states none"},
	{"author", "string", "STRING", true, "byline; null if none"},
	{"text", "string", "STRING", false, "clean article text, NFC; paragraphs separated by a blank line (\\n\\n)"},
	{"lang", "string", "STRING", false, "language code, vi unless the page says otherwise"},
	{"first_seen_at", "string, RFC 3339 with +07:00", "TIMESTAMP(MICROS, UTC)", false, "when wardcrawl first stored this text"},
	{"last_seen_at", "string, RFC 3339 with +07:00", "TIMESTAMP(MICROS, UTC)", false, "when wardcrawl last saw this text at any of its URLs"},
}

// Formats wardcrawl exports.
var Formats = []string{"jsonl", "csv", "parquet"}

// Options select and shape what to export.
type Options struct {
	Sites        []string
	Since, Until *time.Time // on published_at, else first_seen_at; Until exclusive
	MinChars     int
	// FirstSeenSince and NewInRun select by discovery: articles first
	// seen at or after a time, or first stored by a crawl run.
	FirstSeenSince *time.Time
	NewInRun       int64
	// Fields are the columns to write, in schema order whatever order they
	// are given in; none means all.
	Fields []string
	// Excel starts a CSV with a UTF-8 byte-order mark, so Excel shows
	// Vietnamese correctly.
	Excel bool
	// Gzip compresses the output (JSONL and CSV; Parquet compresses its
	// pages with zstd already).
	Gzip bool
	// Progress, if set, is called every 1,000 records with the count.
	Progress func(n int)
}

// Summary describes what an export wrote; it feeds the dataset card.
type Summary struct {
	Records  int            `json:"records"`
	PerSite  map[string]int `json:"records_per_site"`
	Earliest *time.Time     `json:"published_earliest"`
	Latest   *time.Time     `json:"published_latest"`
	Undated  int            `json:"records_without_published_at"`
}

// CheckFields validates field names and returns them in schema order.
func CheckFields(names []string) ([]Field, error) {
	if len(names) == 0 {
		return Schema, nil
	}
	var out []Field
	for _, f := range Schema {
		if slices.Contains(names, f.Name) {
			out = append(out, f)
		}
	}
	for _, n := range names {
		if !slices.ContainsFunc(Schema, func(f Field) bool { return f.Name == n }) {
			var all []string
			for _, f := range Schema {
				all = append(all, f.Name)
			}
			return nil, fmt.Errorf("unknown field %q (fields: %s)", n, strings.Join(all, ","))
		}
	}
	return out, nil
}

// recordWriter writes records in one format.
type recordWriter interface {
	write(Record) error
	close() error
}

// Write exports the articles src holds in format to w, streaming: memory
// does not grow with the number of articles. JSONL and CSV output depends
// only on the database and the options, byte for byte.
func Write(ctx context.Context, src Source, w io.Writer, format string, opt Options) (Summary, error) {
	sum := Summary{PerSite: map[string]int{}}
	fields, err := CheckFields(opt.Fields)
	if err != nil {
		return sum, err
	}
	var zw *gzip.Writer
	if opt.Gzip && format != "parquet" {
		zw = gzip.NewWriter(w) // no name or time in the header: same bytes every time
		w = zw
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	var rw recordWriter
	switch format {
	case "jsonl":
		rw = &jsonlWriter{w: bw, fields: fields}
	case "csv":
		rw, err = newCSVWriter(bw, fields, opt.Excel)
	case "parquet":
		rw = newParquetWriter(bw, fields)
	default:
		return sum, fmt.Errorf("unsupported format %q (supported: %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return sum, err
	}
	err = src.EachArticle(ctx, storage.Filter{Sites: opt.Sites, Since: opt.Since, Until: opt.Until, MinChars: opt.MinChars,
		FirstSeenSince: opt.FirstSeenSince, FirstRun: opt.NewInRun}, func(r storage.Record) error {
		if err := rw.write(FromStorage(r)); err != nil {
			return fmt.Errorf("write record: %w", err)
		}
		sum.add(r)
		if opt.Progress != nil && sum.Records%1000 == 0 {
			opt.Progress(sum.Records)
		}
		return nil
	})
	if err != nil {
		return sum, err
	}
	if err := rw.close(); err != nil {
		return sum, fmt.Errorf("write: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return sum, fmt.Errorf("write: %w", err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return sum, fmt.Errorf("write: %w", err)
		}
	}
	return sum, nil
}

func (s *Summary) add(r storage.Record) {
	s.Records++
	s.PerSite[r.Site]++
	if r.PublishedAt == nil {
		s.Undated++
		return
	}
	if s.Earliest == nil || r.PublishedAt.Before(*s.Earliest) {
		t := *r.PublishedAt
		s.Earliest = &t
	}
	if s.Latest == nil || r.PublishedAt.After(*s.Latest) {
		t := *r.PublishedAt
		s.Latest = &t
	}
}

// values returns a record's fields by name, typed as JSON carries them.
func (r Record) values() map[string]any {
	var pub, author any
	if r.PublishedAt != nil {
		pub = *r.PublishedAt
	}
	if r.Author != nil {
		author = *r.Author
	}
	return map[string]any{"content_hash": r.ContentHash, "site": r.Site, "url": r.URL, "urls": r.URLs, "title": r.Title,
		"published_at": pub, "author": author, "text": r.Text, "lang": r.Lang, "first_seen_at": r.FirstSeenAt, "last_seen_at": r.LastSeenAt}
}

type jsonlWriter struct {
	w      *bufio.Writer
	fields []Field
}

// write emits the selected fields in schema order.
func (j *jsonlWriter) write(r Record) error {
	vals := r.values()
	j.w.WriteByte('{')
	for i, f := range j.fields {
		if i > 0 {
			j.w.WriteByte(',')
		}
		key, _ := json.Marshal(f.Name)
		val, err := marshal(vals[f.Name])
		if err != nil {
			return err
		}
		j.w.Write(key)
		j.w.WriteByte(':')
		j.w.Write(val)
	}
	j.w.WriteString("}\n")
	return nil
}

func (j *jsonlWriter) close() error { return nil }

// marshal is json.Marshal without HTML escaping (< > & stay as they are).
func marshal(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

type csvWriter struct {
	w      *bufio.Writer
	fields []Field
	row    []string
}

// newCSVWriter writes RFC 4180 CSV: a header row, CRLF between records,
// fields quoted when they hold a comma, quote, CR or LF (quotes doubled).
// Line breaks inside a field are kept as they are: encoding/csv's writer
// would turn the text's "\n" into "\r\n". Nulls are empty cells; urls is
// a JSON array.
func newCSVWriter(w *bufio.Writer, fields []Field, bom bool) (*csvWriter, error) {
	if bom {
		w.WriteString("\ufeff")
	}
	c := &csvWriter{w: w, fields: fields, row: make([]string, len(fields))}
	for i, f := range fields {
		c.row[i] = f.Name
	}
	c.writeRow()
	return c, nil
}

func (c *csvWriter) writeRow() {
	for i, v := range c.row {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if !strings.ContainsAny(v, ",\"\r\n") && strings.TrimSpace(v) == v {
			c.w.WriteString(v)
			continue
		}
		c.w.WriteByte('"')
		c.w.WriteString(strings.ReplaceAll(v, `"`, `""`))
		c.w.WriteByte('"')
	}
	c.w.WriteString("\r\n")
}

func (c *csvWriter) write(r Record) error {
	vals := r.values()
	for i, f := range c.fields {
		switch v := vals[f.Name].(type) {
		case nil:
			c.row[i] = ""
		case string:
			c.row[i] = v
		default:
			b, err := marshal(v)
			if err != nil {
				return err
			}
			c.row[i] = string(b)
		}
	}
	c.writeRow()
	return nil
}

func (c *csvWriter) close() error { return nil }

// parquetRowGroupBytes bounds a row group by the text it holds (16 MiB,
// some 8,000 typical articles): large enough for fast scans, small enough
// that the writer's buffers stay bounded however long the articles are.
const parquetRowGroupBytes = 16 << 20

type parquetWriter struct {
	w        *parquet.Writer
	fields   []Field
	typ      reflect.Type
	buffered int // bytes of text in the current row group
}

// newParquetWriter writes zstd-compressed Parquet with timestamps as
// TIMESTAMP(MICROS, UTC) and urls as LIST<STRING>. The schema comes from a
// struct type built for the selected fields, since parquet-go orders a
// schema built from a map by name and the columns must keep schema order.
func newParquetWriter(w io.Writer, fields []Field) *parquetWriter {
	sf := make([]reflect.StructField, len(fields))
	for i, f := range fields {
		tag := f.Name
		var typ reflect.Type = reflect.TypeFor[string]()
		switch {
		case f.Name == "urls":
			typ, tag = reflect.TypeFor[[]string](), tag+",list"
		case strings.HasPrefix(f.ParquetType, "TIMESTAMP"):
			typ, tag = reflect.TypeFor[time.Time](), tag+",timestamp(microsecond)"
		}
		if f.Nullable {
			typ, tag = reflect.PointerTo(typ), tag+",optional"
		}
		sf[i] = reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: typ, Tag: reflect.StructTag(`parquet:"` + tag + `"`)}
	}
	typ := reflect.StructOf(sf)
	schema := parquet.SchemaOf(reflect.New(typ).Elem().Interface())
	opts := []parquet.WriterOption{schema, parquet.Compression(&zstd.Codec{}), parquet.CreatedBy("wardcrawl", "", "")}
	// Page bounds of text columns say nothing a reader can use, and the
	// writer keeps every page's bounds until the footer: 56 MB of them at
	// 900,000 articles. Only the timestamp columns keep theirs.
	for _, f := range fields {
		switch {
		case f.Name == "urls":
			opts = append(opts, parquet.SkipPageBounds("urls", "list", "element"))
		case !strings.HasPrefix(f.ParquetType, "TIMESTAMP"):
			opts = append(opts, parquet.SkipPageBounds(f.Name))
		}
	}
	return &parquetWriter{fields: fields, typ: typ, w: parquet.NewWriter(w, opts...)}
}

func (p *parquetWriter) write(r Record) error {
	vals := r.values()
	row := reflect.New(p.typ).Elem()
	for i, f := range p.fields {
		v := vals[f.Name]
		if v == nil {
			continue // a nil pointer: null
		}
		if s, ok := v.(string); ok && strings.HasPrefix(f.ParquetType, "TIMESTAMP") {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
			v = t.UTC()
		}
		rv := reflect.ValueOf(v)
		if f.Nullable {
			ptr := reflect.New(rv.Type())
			ptr.Elem().Set(rv)
			rv = ptr
		}
		row.Field(i).Set(rv)
	}
	if err := p.w.Write(row.Interface()); err != nil {
		return err
	}
	p.buffered += len(r.Text) + len(r.Title) + len(r.URL)
	if p.buffered >= parquetRowGroupBytes {
		p.buffered = 0
		return p.w.Flush() // ends the row group: memory stays bounded
	}
	return nil
}

func (p *parquetWriter) close() error { return p.w.Close() }
