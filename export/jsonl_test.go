package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/storage"
)

// tempStore opens a new database in the test's temp directory.
func tempStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func seeded(t *testing.T, n int) *storage.Store {
	t.Helper()
	ctx := context.Background()
	st := tempStore(t)
	base := time.Date(2020, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		pub := base.Add(time.Duration(i) * time.Hour)
		a := storage.Article{ContentHash: fmt.Sprintf("%064d", n-i), Site: "phuong-a", URL: fmt.Sprintf("http://a.vn/tin/%d", i),
			Title: fmt.Sprintf("Tin số %d của phường", i), Text: fmt.Sprintf("Nội dung “bài” số %d <b>\n\nĐoạn hai.", i),
			PublishedAt: &pub, SeenAt: base.Add(time.Duration(i%3) * time.Minute)}
		if i%2 == 0 {
			a.Author = "Mai Phương"
		}
		if _, err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	// The first article seen again on another site.
	first := fmt.Sprintf("%064d", n)
	if _, err := st.SaveArticle(ctx, storage.Article{ContentHash: first, Site: "phuong-b", URL: "http://b.vn/x", Title: "x", Text: "x", SeenAt: base.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestJSONLRoundTripAndOrder(t *testing.T) {
	st := seeded(t, 9)
	var buf bytes.Buffer
	n, err := JSONL(context.Background(), st, &buf, Options{})
	if err != nil || n != 9 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	var recs []Record
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"content_hash", "site", "url", "urls", "title", "published_at", "author", "text", "lang", "first_seen_at", "last_seen_at"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("field %s missing", k)
			}
		}
		var r Record
		json.Unmarshal(sc.Bytes(), &r)
		recs = append(recs, r)
	}
	for i := 1; i < len(recs); i++ {
		a, b := recs[i-1], recs[i]
		if a.FirstSeenAt > b.FirstSeenAt || a.FirstSeenAt == b.FirstSeenAt && a.ContentHash > b.ContentHash {
			t.Errorf("order broken at %d: %s/%s then %s/%s", i, a.FirstSeenAt, a.ContentHash, b.FirstSeenAt, b.ContentHash)
		}
	}
	var stored []storage.Record
	st.EachArticle(context.Background(), storage.Filter{}, func(r storage.Record) error { stored = append(stored, r); return nil })
	for i, r := range recs {
		want := FromStorage(stored[i])
		if !reflect.DeepEqual(r, want) {
			t.Errorf("record %d differs:\n%+v\n%+v", i, r, want)
		}
		if !strings.HasSuffix(r.FirstSeenAt, "+07:00") || r.PublishedAt == nil || !strings.HasSuffix(*r.PublishedAt, "+07:00") {
			t.Errorf("times must carry +07:00: %s %v", r.FirstSeenAt, r.PublishedAt)
		}
	}
	if !strings.Contains(recs[0].Text, "“bài”") || !strings.Contains(recs[0].Text, "<b>") {
		t.Errorf("text not intact: %q", recs[0].Text)
	}
	for _, r := range recs {
		if r.ContentHash == fmt.Sprintf("%064d", 9) && fmt.Sprint(r.URLs) != "[http://a.vn/tin/0 http://b.vn/x]" {
			t.Errorf("urls: %v", r.URLs)
		}
	}
	var again bytes.Buffer
	JSONL(context.Background(), st, &again, Options{})
	var first bytes.Buffer
	JSONL(context.Background(), st, &first, Options{})
	if !bytes.Equal(again.Bytes(), first.Bytes()) {
		t.Error("export is not deterministic")
	}
	var onlyB bytes.Buffer
	if n, _ := JSONL(context.Background(), st, &onlyB, Options{Sites: []string{"phuong-b"}}); n != 1 {
		t.Errorf("site filter gave %d records", n)
	}
}

func TestToFileLeavesNoPartialFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.jsonl")
	os.WriteFile(path, []byte("old\n"), 0o644)
	err := ToFile(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("want error")
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("previous export damaged: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary file left behind: %v", entries)
	}
	if err := ToFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("got %q", b)
	}
	if err := ToFile(filepath.Join(dir, "no", "such", "dir.jsonl"), func(io.Writer) error { return nil }); err == nil {
		t.Error("unwritable path must be an error")
	}
}

// BenchmarkJSONL measures export throughput and allocation per record;
// memory per record must stay flat as the database grows (streaming).
func BenchmarkJSONL(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			st := seededBench(b, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := JSONL(context.Background(), st, io.Discard, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
		})
	}
}

func seededBench(b *testing.B, n int) *storage.Store {
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(b.TempDir(), "w.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	text := strings.Repeat("Ủy ban nhân dân phường tổ chức hội nghị tổng kết công tác năm. ", 40)
	for i := 0; i < n; i++ {
		if _, err := st.SaveArticle(ctx, storage.Article{ContentHash: fmt.Sprintf("%064x", i), Site: "a", URL: fmt.Sprintf("http://a/%d", i),
			Title: "Tin", Text: text, SeenAt: time.Unix(int64(i), 0)}); err != nil {
			b.Fatal(err)
		}
	}
	return st
}
