package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/storage"
)

func exportDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "w.db")
	st, err := storage.Open(context.Background(), db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vn := time.FixedZone("+07:00", 7*3600)
	for i, day := range []int{3, 14, 25} {
		pub := time.Date(2020, 10, day, 8, 0, 0, 0, vn)
		text := strings.Repeat("Phường tổ chức tiếp công dân định kỳ. ", 1+i*5)
		if _, err := st.SaveArticle(context.Background(), storage.Article{ContentHash: strings.Repeat(string(rune('a'+i)), 64), Site: "phuong-a",
			URL: "http://a.vn/" + string(rune('a'+i)), Title: "Tin", Text: text, PublishedAt: &pub, SeenAt: pub}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestExportCommand(t *testing.T) {
	db := exportDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "tap-du-lieu.csv")
	_, stderr, err := run(t, "export", "--db", db, "--format", "csv", "--out", out, "--since", "2020-10-10", "--until", "2020-10-25", "--excel")
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	data, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(data), "\ufeffcontent_hash,") || strings.Count(string(data), "\r\n") != 2 {
		t.Errorf("csv: %q", data)
	}
	var card map[string]any
	raw, err := os.ReadFile(filepath.Join(dir, "tap-du-lieu.csv.card.json"))
	if err != nil || json.Unmarshal(raw, &card) != nil || card["records"] != 1.0 || card["format"] != "csv" {
		t.Errorf("card: %v %s", err, raw)
	}
	if !strings.Contains(stderr, "exported 1 articles") {
		t.Errorf("stderr: %s", stderr)
	}
	// --min-chars and --fields to standard output.
	stdout, _, err := run(t, "export", "--db", db, "--min-chars", "100", "--fields", "content_hash,site")
	if err != nil || strings.Count(stdout, "\n") != 2 || strings.Contains(stdout, `"text"`) {
		t.Errorf("jsonl --min-chars --fields: %v\n%s", err, stdout)
	}
	pq := filepath.Join(dir, "x.parquet")
	if _, _, err := run(t, "export", "--db", db, "--format", "parquet", "--out", pq); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(pq); len(b) < 8 || string(b[:4]) != "PAR1" {
		t.Error("not a Parquet file")
	}
}

// Bad flags: a clear usage error, and nothing written.
func TestExportBadFlagsLeaveNoFile(t *testing.T) {
	db := exportDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.csv")
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--format", "xlsx"}, 2, "unsupported --format"},
		{[]string{"--site", "xa-khong-co"}, 2, `unknown site "xa-khong-co"`},
		{[]string{"--since", "2020-11-01", "--until", "2020-10-01"}, 2, "is not before --until"},
		{[]string{"--since", "14/10/2020"}, 2, "want a day"},
		{[]string{"--fields", "content_hash,tieu_de"}, 2, `unknown field "tieu_de"`},
		{[]string{"--format", "jsonl", "--excel", "--out", filepath.Join(dir, "out.jsonl")}, 2, "--excel applies to --format csv only"},
		{[]string{"--min-chars", "-1"}, 2, "--min-chars"},
		{[]string{"--format", "parquet", "--gzip", "--out", filepath.Join(dir, "out.parquet")}, 2, "zstd already"},
		{[]string{"--out", filepath.Join(dir, "out.parquet.gz")}, 2, "zstd already"},
		{[]string{"--format", "csv", "--out", filepath.Join(dir, "out.parquet")}, 2, "--format csv does not match --out " + filepath.Join(dir, "out.parquet") + ", which names parquet"},
		{[]string{"--gzip"}, 2, "name the file " + out + ".gz"},
		{[]string{"--out", dir}, 2, "output " + dir + " is a directory"},
	}
	for _, c := range cases {
		args := append([]string{"export", "--db", db, "--out", out}, c.args...)
		_, _, err := run(t, args...)
		if err == nil || exitCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: %v (code %d), want code %d and %q", c.args, err, exitCode(err), c.code, c.msg)
		}
	}
	// An unwritable path: a clear error, no partial file anywhere.
	_, _, err := run(t, "export", "--db", db, "--format", "parquet", "--out", filepath.Join(dir, "no-such-dir", "x.parquet"))
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), filepath.Join(dir, "no-such-dir")+" does not exist") {
		t.Errorf("unwritable path: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("bad exports left files: %v", entries)
	}
}

// The format follows --out's name, and each export gets a card of its own
// (issue 16: x.parquet held JSONL, and out.jsonl/out.csv/out.parquet all
// wrote out.card.json).
func TestExportFormatFromTheFileName(t *testing.T) {
	db := exportDB(t)
	dir := t.TempDir()
	for _, name := range []string{"out.jsonl", "out.csv", "out.parquet", "out.csv.gz"} {
		if _, _, err := run(t, "export", "--db", db, "--out", filepath.Join(dir, name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	head := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		return string(b[:min(4, len(b))])
	}
	if head("out.parquet") != "PAR1" || head("out.csv.gz")[:2] != "\x1f\x8b" || !strings.HasPrefix(head("out.csv"), "cont") || head("out.jsonl")[0] != '{' {
		t.Errorf("formats: %q %q %q %q", head("out.parquet"), head("out.csv.gz"), head("out.csv"), head("out.jsonl"))
	}
	for name, format := range map[string]string{"out.jsonl": "jsonl", "out.csv": "csv", "out.parquet": "parquet", "out.csv.gz": "csv"} {
		var card map[string]any
		raw, err := os.ReadFile(filepath.Join(dir, name+".card.json"))
		if err != nil || json.Unmarshal(raw, &card) != nil || card["format"] != format {
			t.Errorf("%s card: %v %s", name, err, raw)
		}
	}
}
