package export

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/wardcrawl/wardcrawl/storage"
)

// tricky stores articles whose text has everything a CSV or JSON writer can
// get wrong: Vietnamese, quotes, commas, CR/LF, tabs, <>&, a leading "=".
func tricky(t *testing.T) *storage.Store {
	t.Helper()
	ctx := context.Background()
	st := tempStore(t)
	vn := time.FixedZone("+07:00", 7*3600)
	pub := time.Date(2020, 10, 14, 15, 25, 0, 0, vn)
	arts := []storage.Article{
		{ContentHash: "a1", Site: "phuong-bo-de", URL: "http://bode.vn/tin/1", Title: "Thông báo \"khẩn\", lịch tiếp dân",
			Text: "Ủy ban nhân dân phường Bồ Đề, quận Long Biên.\n\nĐoạn hai: giá 1,5 triệu đồng; <b>&</b>\ttab.", PublishedAt: &pub, Author: "Nguyễn Thị Ánh", SeenAt: pub},
		{ContentHash: "a2", Site: "xa-tan-lap", URL: "http://tanlap.vn/a?id=2", Title: "=SUM(A1) không phải công thức",
			Text: "Dòng một\nvẫn là dòng một.", SeenAt: pub.Add(time.Hour)},
	}
	for _, a := range arts {
		if _, err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	// a1 seen again at a second URL.
	second := arts[0]
	second.URL, second.SeenAt = "http://bode.vn/tin/1-ban-in", pub.Add(2*time.Hour)
	if _, err := st.SaveArticle(ctx, second); err != nil {
		t.Fatal(err)
	}
	return st
}

func dbRecords(t *testing.T, st *storage.Store) []Record {
	t.Helper()
	var out []Record
	st.EachArticle(context.Background(), storage.Filter{}, func(r storage.Record) error {
		out = append(out, FromStorage(r))
		return nil
	})
	return out
}

func export(t *testing.T, st *storage.Store, format string, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := Write(context.Background(), st, &b, format, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func fromCSV(t *testing.T, data []byte) ([]string, []Record) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []Record
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = row[i]
		}
		r := Record{ContentHash: m["content_hash"], Site: m["site"], URL: m["url"], Title: m["title"], Text: m["text"], Lang: m["lang"],
			FirstSeenAt: m["first_seen_at"], LastSeenAt: m["last_seen_at"]}
		if err := json.Unmarshal([]byte(m["urls"]), &r.URLs); err != nil {
			t.Fatalf("urls cell %q: %v", m["urls"], err)
		}
		if v := m["published_at"]; v != "" {
			r.PublishedAt = &v
		}
		if v := m["author"]; v != "" {
			r.Author = &v
		}
		out = append(out, r)
	}
	return rows[0], out
}

// parquetRow is how a reader that knows the schema sees a Parquet row.
type parquetRow struct {
	ContentHash string     `parquet:"content_hash"`
	Site        string     `parquet:"site"`
	URL         string     `parquet:"url"`
	URLs        []string   `parquet:"urls,list"`
	Title       string     `parquet:"title"`
	PublishedAt *time.Time `parquet:"published_at,optional,timestamp(microsecond)"`
	Author      *string    `parquet:"author,optional"`
	Text        string     `parquet:"text"`
	Lang        string     `parquet:"lang"`
	FirstSeenAt time.Time  `parquet:"first_seen_at,timestamp(microsecond)"`
	LastSeenAt  time.Time  `parquet:"last_seen_at,timestamp(microsecond)"`
}

func fromParquet(t *testing.T, data []byte) []Record {
	t.Helper()
	rows, err := parquet.Read[parquetRow](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	vn := time.FixedZone("+07:00", 7*3600)
	var out []Record
	for _, p := range rows {
		r := Record{ContentHash: p.ContentHash, Site: p.Site, URL: p.URL, URLs: p.URLs, Title: p.Title, Author: p.Author, Text: p.Text,
			Lang: p.Lang, FirstSeenAt: p.FirstSeenAt.In(vn).Format(time.RFC3339), LastSeenAt: p.LastSeenAt.In(vn).Format(time.RFC3339)}
		if p.PublishedAt != nil {
			s := p.PublishedAt.In(vn).Format(time.RFC3339)
			r.PublishedAt = &s
		}
		if r.URLs == nil {
			r.URLs = []string{}
		}
		out = append(out, r)
	}
	return out
}

func fromJSONL(t *testing.T, data []byte) []Record {
	t.Helper()
	var out []Record
	dec := json.NewDecoder(bytes.NewReader(data))
	for dec.More() {
		var r Record
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// Every format reads back equal to the database, Vietnamese text intact.
func TestEveryFormatRoundTrips(t *testing.T) {
	st := tricky(t)
	want := dbRecords(t, st)
	if len(want) != 2 || len(want[0].URLs) != 2 || want[1].PublishedAt != nil || want[1].Author != nil {
		t.Fatalf("seed: %+v", want)
	}
	header, fromC := fromCSV(t, export(t, st, "csv", Options{}))
	var names []string
	for _, f := range Schema {
		names = append(names, f.Name)
	}
	if !reflect.DeepEqual(header, names) {
		t.Errorf("CSV header %v", header)
	}
	for format, got := range map[string][]Record{
		"jsonl":   fromJSONL(t, export(t, st, "jsonl", Options{})),
		"csv":     fromC,
		"parquet": fromParquet(t, export(t, st, "parquet", Options{})),
	} {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s read back differs:\n got %+v\nwant %+v", format, got, want)
		}
	}
}

func TestCSVIsRFC4180AndExcelFriendly(t *testing.T) {
	st := tricky(t)
	plain := export(t, st, "csv", Options{})
	if !bytes.HasPrefix(plain, []byte("content_hash,site,url,urls,")) || !bytes.Contains(plain, []byte("\r\n")) {
		t.Errorf("CSV header or line ends: %q", plain[:60])
	}
	if !bytes.Contains(plain, []byte(`"Thông báo ""khẩn"", lịch tiếp dân"`)) {
		t.Error("quotes and commas in a cell are not quoted as RFC 4180 says")
	}
	excel := export(t, st, "csv", Options{Excel: true})
	if !bytes.Equal(excel, append([]byte("\xef\xbb\xbf"), plain...)) {
		t.Error("--excel must be the same CSV with a UTF-8 BOM in front")
	}
}

func TestDeterministicGzipAndFields(t *testing.T) {
	st := tricky(t)
	for _, format := range []string{"jsonl", "csv"} {
		a, b := export(t, st, format, Options{}), export(t, st, format, Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two exports of one database differ", format)
		}
		z1, z2 := export(t, st, format, Options{Gzip: true}), export(t, st, format, Options{Gzip: true})
		if !bytes.Equal(z1, z2) {
			t.Errorf("%s --gzip: two exports differ", format)
		}
		zr, err := gzip.NewReader(bytes.NewReader(z1))
		if err != nil {
			t.Fatal(err)
		}
		unz, _ := io.ReadAll(zr)
		if !bytes.Equal(unz, a) {
			t.Errorf("%s --gzip does not decompress to the plain export", format)
		}
	}
	// --fields: only those, in schema order whatever order they are asked in.
	out := export(t, st, "jsonl", Options{Fields: []string{"text", "content_hash", "published_at"}})
	first := strings.SplitN(string(out), "\n", 2)[0]
	if !strings.HasPrefix(first, `{"content_hash":"a1","published_at":"2020-10-14T15:25:00+07:00","text":"Ủy ban`) || strings.Contains(first, `"site"`) {
		t.Errorf("--fields jsonl: %s", first)
	}
	header, _ := csv.NewReader(bytes.NewReader(export(t, st, "csv", Options{Fields: []string{"url", "site"}}))).Read()
	if fmt.Sprint(header) != "[site url]" {
		t.Errorf("--fields csv header %v", header)
	}
	pq := export(t, st, "parquet", Options{Fields: []string{"title", "urls"}})
	f, err := parquet.OpenFile(bytes.NewReader(pq), int64(len(pq)))
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, c := range f.Schema().Fields() {
		cols = append(cols, c.Name())
	}
	if fmt.Sprint(cols) != "[urls title]" || f.NumRows() != 2 {
		t.Errorf("--fields parquet: %v, %d rows", cols, f.NumRows())
	}
	if _, err := Write(context.Background(), st, io.Discard, "jsonl", Options{Fields: []string{"tieu_de"}}); err == nil || !strings.Contains(err.Error(), "tieu_de") {
		t.Errorf("unknown field: %v", err)
	}
}

func TestCardDescribesTheExport(t *testing.T) {
	st := tricky(t)
	sum, err := Write(context.Background(), st, io.Discard, "parquet", Options{})
	if err != nil {
		t.Fatal(err)
	}
	card := NewCard("/x/articles.parquet", "parquet", "/x/w.db", "9.9", Options{MinChars: 5}, sum, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	var b bytes.Buffer
	WriteCard(&b, card)
	var got map[string]any
	json.Unmarshal(b.Bytes(), &got)
	if got["records"] != 2.0 || got["wardcrawl_version"] != "9.9" || got["compression"] != "zstd (Parquet pages)" ||
		got["published_earliest"] != "2020-10-14T15:25:00+07:00" || got["records_without_published_at"] != 1.0 ||
		!strings.Contains(b.String(), `"phuong-bo-de": 1`) || !strings.Contains(b.String(), "SHA-256") || len(got["fields"].([]any)) != len(Schema) {
		t.Errorf("card:\n%s", b.String())
	}
	if p := CardPath("/x/articles.csv.gz"); p != "/x/articles.csv.gz.card.json" {
		t.Errorf("card path %s", p)
	}
}

// An independent reader (DuckDB, from npm) loads the CSV and Parquet files:
// row count, column names and sample values must match. .ci/run installs
// the reader (export/testdata/reader) and sets WARDCRAWL_REQUIRE_READERS=1;
// elsewhere the test is skipped when the reader is not installed.
func TestIndependentReaderLoadsCSVAndParquet(t *testing.T) {
	dir, _ := filepath.Abs("testdata/reader")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil {
		if os.Getenv("WARDCRAWL_REQUIRE_READERS") != "" {
			t.Fatalf("DuckDB reader not installed in %s (npm install there): %v", dir, err)
		}
		t.Skipf("DuckDB reader not installed: run `npm install --prefix %s` (or .ci/run)", dir)
	}
	st := tricky(t)
	want := dbRecords(t, st)
	out := t.TempDir()
	for _, format := range []string{"csv", "parquet"} {
		path := filepath.Join(out, "articles."+format)
		if err := os.WriteFile(path, export(t, st, format, Options{Excel: format == "csv"}), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("node", filepath.Join(dir, "read.mjs"), path)
		cmd.Dir = dir
		raw, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", format, err, raw)
		}
		var got struct {
			Columns []string            `json:"columns"`
			Rows    []map[string]string `json:"rows"`
		}
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatalf("%s: reader output %v\n%s", format, err, raw)
		}
		var names []string
		for _, f := range Schema {
			names = append(names, f.Name)
		}
		if !reflect.DeepEqual(got.Columns, names) || len(got.Rows) != len(want) {
			t.Fatalf("%s: DuckDB sees columns %v and %d rows", format, got.Columns, len(got.Rows))
		}
		for i, w := range want {
			g := got.Rows[i]
			if g["content_hash"] != w.ContentHash || g["title"] != w.Title || g["text"] != w.Text || g["url_count"] != fmt.Sprint(len(w.URLs)) {
				t.Errorf("%s row %d: DuckDB reads %v", format, i, g)
			}
			if w.PublishedAt != nil && g["published_utc"] != "2020-10-14 08:25:00" {
				t.Errorf("%s row %d: published_at %q", format, i, g["published_utc"])
			}
			if w.PublishedAt == nil && g["published_utc"] != "" {
				t.Errorf("%s row %d: null published_at read as %q", format, i, g["published_utc"])
			}
		}
	}
}

func TestProgressEveryThousandRecords(t *testing.T) {
	st := seeded(t, 2500)
	var calls []int
	if _, err := Write(context.Background(), st, io.Discard, "csv", Options{Progress: func(n int) { calls = append(calls, n) }}); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(calls) != "[1000 2000]" {
		t.Errorf("progress calls %v", calls)
	}
}
