package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/export"
	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/storage"
	"golang.org/x/text/unicode/norm"
)

func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// chrome is every piece of portal chrome the sample portals show around or
// inside their articles.
var chrome = []string{
	"Lượt xem", "A- A A+", "Tăng tương phản", "Giảm tương phản", "Tổng số điểm của bài viết", "Click để đánh giá",
	"Bài viết liên quan", "Tin cùng chuyên mục", "Thống kê truy cập", "Hôm nay", "Đang truy cập", "Lượt truy cập",
	"Bình luận", "Chọn ngày", "Album Ảnh", "Các chuyên mục", "CHUYÊN MỤC", "IMG2019", ".jpg", "Tin, ảnh",
	"Ngày đăng", "Trang chủ", "Hà Nội, ngày", "Bản quyền", "Đường dây nóng", "Tìm kiếm",
}

type exported = export.Record

func TestEndToEnd(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "w.db")
	cfg := fmt.Sprintf("storage: {path: %s}\ndefaults: {delay: 0s, parallelism: 4}\nsites:\n", db)
	for _, p := range ps {
		cfg += fmt.Sprintf("  - name: %s\n    start_urls: [%s]\n", p.Name, p.StartURL()) // name and start_urls only
	}
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(cfg), 0o644)

	out, stderr, err := run(t, "crawl", "--config", cfgPath, "--json")
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, stderr)
	}
	var sum crawler.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	newTotal := 0
	for _, s := range sum.Sites {
		newTotal += s.ArticlesNew
	}
	if sum.Status != "ok" || newTotal != 10 {
		t.Fatalf("first crawl: %+v", sum)
	}

	// The second crawl: the counters have all changed, nothing is new.
	out, stderr, err = run(t, "crawl", "--config", cfgPath)
	if err != nil {
		t.Fatalf("second crawl: %v\n%s", err, stderr)
	}
	for _, p := range ps {
		if !strings.Contains(out, p.Name+": ") || !strings.Contains(out, "(0 new, 0 changed)") {
			t.Errorf("second crawl summary should report nothing new for %s:\n%s", p.Name, out)
		}
	}

	jsonl, _, err := run(t, "export", "--format", "jsonl", "--config", cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	var recs []exported
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r exported
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if len(recs) != 10 {
		t.Fatalf("%d records exported, want 10 (11 article pages, one syndicated)", len(recs))
	}
	byURL := map[string]exported{}
	hashes := map[string]bool{}
	for _, r := range recs {
		if hashes[r.ContentHash] {
			t.Errorf("article %s exported twice", r.ContentHash)
		}
		hashes[r.ContentHash] = true
		for _, u := range r.URLs {
			if _, dup := byURL[u]; dup {
				t.Errorf("URL %s belongs to two articles", u)
			}
			byURL[u] = r
		}
		for _, c := range chrome {
			if strings.Contains(r.Text, c) {
				t.Errorf("chrome %q in stored text of %s", c, r.URL)
			}
		}
		if !norm.NFC.IsNormalString(r.Text) || !norm.NFC.IsNormalString(r.Title) {
			t.Errorf("%s not NFC", r.URL)
		}
		if !strings.HasSuffix(r.FirstSeenAt, "+07:00") || r.Lang != "vi" {
			t.Errorf("%s: first_seen_at %s lang %s", r.URL, r.FirstSeenAt, r.Lang)
		}
	}
	var wantURLs []string
	for _, p := range ps {
		for _, e := range p.Expected() {
			u, _ := crawler.Normalize(e.URL)
			wantURLs = append(wantURLs, u)
			r, ok := byURL[u]
			if !ok {
				t.Errorf("article %s missing", u)
				continue
			}
			if r.Title != e.Title {
				t.Errorf("%s: title %q, want %q", u, r.Title, e.Title)
			}
			wantDate := e.Published.Format(time.RFC3339)
			if r.PublishedAt == nil || *r.PublishedAt != wantDate {
				t.Errorf("%s: published_at %v, want %s", u, r.PublishedAt, wantDate)
			}
			if r.Text != strings.Join(e.Paras, "\n\n") {
				t.Errorf("%s: text differs from gold:\n%s", u, r.Text)
			}
		}
		// Listing, menu, contact, calendar and search pages: fetched, never articles.
		for _, u := range p.NonArticleURLs() {
			nu, _ := crawler.Normalize(u)
			if _, ok := byURL[nu]; ok {
				t.Errorf("non-article page %s stored as an article", nu)
			}
		}
	}
	var gotURLs []string
	for u := range byURL {
		gotURLs = append(gotURLs, u)
	}
	sort.Strings(gotURLs)
	sort.Strings(wantURLs)
	if strings.Join(gotURLs, "\n") != strings.Join(wantURLs, "\n") {
		t.Errorf("article URLs:\n%s\nwant:\n%s", strings.Join(gotURLs, "\n"), strings.Join(wantURLs, "\n"))
	}
	// The story syndicated on two portals, once in NFD: one record, both URLs.
	synd := byURL[ps[0].Expected()[2].URL]
	if len(synd.URLs) != 2 || !strings.Contains(synd.URLs[0]+synd.URLs[1], ps[1].URL) {
		t.Errorf("syndicated story URLs %v", synd.URLs)
	}

	// Non-article pages were fetched and recorded.
	st, err := storage.Open(context.Background(), db, storage.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	stats, _ := st.Stats(context.Background())
	if v, _ := st.IntegrityCheck(context.Background()); v != "ok" {
		t.Errorf("integrity_check: %s", v)
	}
	st.Close()
	if stats.Pages < 50 || stats.Runs != 2 {
		t.Errorf("stats: %+v", stats)
	}
	statsOut, _, err := run(t, "stats", "--db", db)
	if err != nil || !strings.Contains(statsOut, "10 articles at 11 URLs") {
		t.Errorf("stats output: %v\n%s", err, statsOut)
	}

	// --site narrows the export; an unknown one is an error.
	one, _, err := run(t, "export", "--db", db, "--site", "xa-tan-lap")
	if err != nil || strings.Count(one, "\n") != 3 {
		t.Errorf("export --site: %v (%d lines)", err, strings.Count(one, "\n"))
	}
	outFile := filepath.Join(dir, "out.jsonl")
	if _, _, err := run(t, "export", "--db", db, "--out", outFile); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(outFile); string(b) != jsonl {
		t.Error("--out file differs from stdout export (export must be deterministic)")
	}
}

func TestUserErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("sites:\n  - name: a\n    start_urls: [http://127.0.0.1:1/]\n    delay: soon\n"), 0o644)
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte("sites:\n  - name: a\n    start_urls: [http://127.0.0.1:1/]\n"), 0o644)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"crawl", "--config", bad}, 2, "bad.yaml:4: sites[0].delay"},
		{[]string{"crawl", "--config", filepath.Join(dir, "none.yaml")}, 2, "none.yaml"},
		{[]string{"crawl", "--config", good, "--site", "nope"}, 2, `unknown site nope`},
		{[]string{"crawl", "--bogus"}, 2, "unknown flag"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"export", "--format", "xml", "--db", filepath.Join(dir, "x.db")}, 2, "unsupported --format"},
		{[]string{"export", "--db", filepath.Join(dir, "missing.db")}, 1, "does not exist"},
		{[]string{"stats", "--db", filepath.Join(dir, "missing.db")}, 1, "does not exist"},
		{[]string{"extract", filepath.Join(dir, "nofile.html")}, 1, "read " + filepath.Join(dir, "nofile.html")},
	}
	for _, c := range cases {
		_, _, err := run(t, c.args...)
		if err == nil || exitCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: err=%v code=%d, want code %d and %q", c.args, err, exitCode(err), c.code, c.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("a read-only command must not create a database")
	}
	// A site that cannot be reached: exit 1, reported per site.
	out, _, err := run(t, "crawl", "--config", good, "--db", filepath.Join(dir, "w.db"))
	if err == nil || exitCode(err) != 1 || !strings.Contains(out, "a: ") || !strings.Contains(out, "FAILED") {
		t.Errorf("unreachable site: err=%v out=%s", err, out)
	}
}
