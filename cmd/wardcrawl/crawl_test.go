package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/storage"
)

// crawl and stats count pages one way: every URL fetched, errors included
// (issue 16: they disagreed), and the summary says what each figure counts.
func TestCrawlAndStatsCountPagesAlike(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><body><h1>Tin tức</h1><a href="/tin/hoi-nghi.html">Hội nghị tổng kết công tác năm của phường</a> <a href="/khong-con">Trang cũ đã xóa khỏi cổng thông tin</a></body></html>`)
		case "/tin/hoi-nghi.html":
			fmt.Fprint(w, `<html><body><h1>Hội nghị tổng kết công tác năm của phường</h1><p>Ngày đăng 14/10/2020 15:25</p><div class="noidung"><p>Sáng 13/10, Ủy ban nhân dân phường tổ chức hội nghị tổng kết công tác năm với sự tham dự của đại diện các tổ dân phố.</p></div></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: {path: %s}\ndefaults: {delay: 0s}\nsites:\n  - name: p\n    start_urls: [%s/]\n", db, srv.URL)), 0o644)
	out, _, err := run(t, "crawl", "--config", cfg, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var sum crawler.Summary
	json.Unmarshal([]byte(out), &sum)
	out, _, err = run(t, "stats", "--config", cfg, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var st storage.Stats
	json.Unmarshal([]byte(out), &st)
	s := sum.Sites[0]
	if s.Errors == 0 {
		t.Fatalf("test setup: a broken link should be an error: %+v", s)
	}
	if s.PagesFetched != st.Pages || s.Errors != st.Sites[0].Errors {
		t.Errorf("crawl: %d pages, %d errors; stats: %d pages, %d errors", s.PagesFetched, s.Errors, st.Pages, st.Sites[0].Errors)
	}
	line := siteLine(storage.RunSiteStats{Site: "p", PagesFetched: 9, Errors: 2, RobotsBlocked: 1})
	if !strings.Contains(line, "9 pages fetched (2 with errors)") || !strings.Contains(line, "1 URLs robots.txt disallows") {
		t.Errorf("summary line %q", line)
	}
	out, _, _ = run(t, "runs", "--config", cfg)
	if !strings.Contains(out, "+07:00") || strings.Contains(out, " 0s ") {
		t.Errorf("runs: times in +07:00, durations to the millisecond: %s", out)
	}
}
