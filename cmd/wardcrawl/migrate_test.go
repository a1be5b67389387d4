package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/pgtest"
	"github.com/wardcrawl/wardcrawl/serve"
	"github.com/wardcrawl/wardcrawl/storage"
)

// migrate round-trips the demo's archive: copied into PostgreSQL and
// verified, the exports from SQLite and from PostgreSQL are the same
// bytes (JSONL and CSV), a site filter included; serve answers the same
// searches from both, and its pages and feeds; a second migration into
// the same database is refused; a --to that is not PostgreSQL is a usage
// error.
func TestMigrateRoundTripsTheDemo(t *testing.T) {
	pg := pgtest.Shared(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if _, stderr, err := run(t, "demo", "--db", db, "--out", filepath.Join(dir, "demo.jsonl"), "--delay", "0s", "-q"); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr)
	}
	url := pg.NewDatabase(t)
	out, stderr, err := run(t, "migrate", "--from", db, "--to", url, "--json")
	if err != nil {
		t.Fatalf("migrate: %v\n%s\n%s", err, out, stderr)
	}
	var rep struct {
		Verified bool `json:"verified"`
		Tables   []struct {
			Table   string `json:"table"`
			Rows    int    `json:"rows"`
			Matches bool   `json:"matches"`
		} `json:"tables"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || !rep.Verified || len(rep.Tables) < 10 {
		t.Fatalf("report: %v\n%s", err, out)
	}
	for _, tc := range rep.Tables {
		if !tc.Matches || (tc.Table == "articles" && tc.Rows != 10) {
			t.Errorf("%+v", tc)
		}
	}
	for _, args := range [][]string{{"--format", "jsonl"}, {"--format", "csv"}, {"--format", "jsonl", "--site", "phuong-an-binh"}} {
		a, _, err := run(t, append([]string{"export", "--db", db}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		b, stderr, err := run(t, append([]string{"export", "--db", url}, args...)...)
		if err != nil {
			t.Fatalf("export from PostgreSQL: %v\n%s", err, stderr)
		}
		if a == "" || !bytes.Equal([]byte(a), []byte(b)) {
			t.Errorf("export %v: SQLite and PostgreSQL differ:\n%.500s\n---\n%.500s", args, a, b)
		}
	}
	// A file export from PostgreSQL names the database without its password in its card.
	out2 := filepath.Join(dir, "pg.jsonl")
	if _, stderr, err := run(t, "export", "--db", url, "--out", out2); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if card, _ := os.ReadFile(out2 + ".card.json"); !strings.Contains(string(card), "postgres://") {
		t.Errorf("card: %s", card)
	}
	// serve reads the PostgreSQL archive as it reads the SQLite one: the
	// same search answers (PostgreSQL's full-text search over the folded
	// words), pages and feeds.
	for _, q := range []string{"phường", "thu hồi đất", `"lịch tiếp công dân"`, "UBND NOT xã", "tiep*"} {
		var got [2]string
		for i, d := range []string{db, url} {
			st, err := storage.Open(context.Background(), d, storage.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			srv, err := serve.New(st, serve.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?sort=date&q="+neturl.QueryEscape(q), nil))
			var res struct {
				Total   int `json:"total"`
				Results []struct {
					Hash string `json:"content_hash"`
				} `json:"results"`
			}
			if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &res) != nil {
				t.Fatalf("search %q on %s: %d %s", q, d, rec.Code, rec.Body)
			}
			got[i] = fmt.Sprint(res.Total, res.Results)
			for _, page := range []string{"/", "/search?q=" + neturl.QueryEscape(q), "/feed.atom?q=" + neturl.QueryEscape(q)} {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest("GET", page, nil))
				if rec.Code != 200 {
					t.Errorf("%s on %s: %d", page, d, rec.Code)
				}
			}
			st.Close()
		}
		if got[0] != got[1] || strings.HasPrefix(got[0], "0 ") {
			t.Errorf("search %q: SQLite %s, PostgreSQL %s", q, got[0], got[1])
		}
	}
	if _, _, err := run(t, "migrate", "--from", db, "--to", url); err == nil || !strings.Contains(err.Error(), "already holds") {
		t.Errorf("a second migration: %v", err)
	}
	if _, _, err := run(t, "migrate", "--from", db, "--to", filepath.Join(dir, "x.db")); exitCode(err) != exitUsage {
		t.Errorf("--to a file: %v", err)
	}
}
