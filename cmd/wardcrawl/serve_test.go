package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/serve"
)

// A crawl with an alert posts what it stored first that matches to the
// alert's webhook, once; the next crawl stores nothing new and posts
// nothing. serve, run beside it on the same database, finds the articles
// without tones, serves their pages and feeds, says where it listens, and
// stops cleanly when its context ends.
func TestCrawlAlertsAndServe(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	p := ps[0]
	var mu sync.Mutex
	var posts []serve.AlertPayload
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var pl serve.AlertPayload
		json.NewDecoder(r.Body).Decode(&pl)
		mu.Lock()
		posts = append(posts, pl)
		mu.Unlock()
	}))
	defer hook.Close()
	dir := t.TempDir()
	db, cfg := filepath.Join(dir, "w.db"), filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`storage: {path: %s}
defaults: {delay: 0s}
sites:
  - name: %s
    start_urls: [%s]
alerts:
  - name: ve-sinh
    query: ve sinh moi truong
    webhook: %s/hook
    allow_internal: true
`, db, p.Name, p.StartURL(), hook.URL)), 0o644)
	var sum struct {
		RunID  int64 `json:"run_id"`
		Alerts []struct {
			Alert    string `json:"alert"`
			Articles int    `json:"articles"`
			Error    string `json:"error"`
		} `json:"alerts"`
	}
	out, stderr, err := run(t, "crawl", "--config", cfg, "--json")
	if err != nil || json.Unmarshal([]byte(out), &sum) != nil {
		t.Fatalf("crawl: %v\n%s\n%s", err, out, stderr)
	}
	if len(sum.Alerts) != 1 || sum.Alerts[0].Articles != 1 || sum.Alerts[0].Error != "" {
		t.Errorf("alerts in the summary: %+v", sum.Alerts)
	}
	if len(posts) != 1 || posts[0].Alert != "ve-sinh" || posts[0].RunID != sum.RunID || len(posts[0].Articles) != 1 ||
		!strings.Contains(posts[0].Articles[0].Title, "vệ sinh môi trường") {
		t.Fatalf("posts: %+v", posts)
	}
	if _, _, err := run(t, "crawl", "--config", cfg, "-q"); err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 {
		t.Errorf("a run that stored nothing new posted: %+v", posts[1:])
	}
	if out, _, _ := run(t, "runs", "--sites", "--config", cfg); !strings.Contains(out, "alert ve-sinh: 1 articles delivered (1 attempts)") {
		t.Errorf("runs --sites does not show the delivery:\n%s", out)
	}

	// serve, beside the database.
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		var errb strings.Builder
		done <- Run(ctx, []string{"serve", "--config", cfg, "--addr", "127.0.0.1:0"}, pw, &errb)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	go io.Copy(io.Discard, pr)
	if !strings.Contains(line, "this machine only") {
		t.Errorf("serve does not say it serves loopback only: %q", line)
	}
	base := strings.TrimSuffix(strings.Fields(line[strings.Index(line, "http://"):])[0], "/")
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	var found struct {
		Total   int `json:"total"`
		Results []struct {
			ContentHash string `json:"content_hash"`
		} `json:"results"`
	}
	status, body := get("/api/search?q=ve+sinh+moi+truong")
	if status != 200 || json.Unmarshal([]byte(body), &found) != nil || found.Total != 1 {
		t.Fatalf("/api/search: %d %s", status, body)
	}
	for _, path := range []string{"/", "/sites/" + p.Name, "/articles/" + found.Results[0].ContentHash, "/search?q=v%E1%BB%87+sinh", "/feed.atom", "/sites/" + p.Name + "/feed.atom"} {
		if status, body := get(path); status != 200 || !strings.Contains(body, "môi trường") {
			t.Errorf("%s: %d", path, status)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve stopped with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, _, err := run(t, "serve", "--config", cfg, "--base-url", "archive.example"); exitCode(err) != exitUsage {
		t.Errorf("a bad --base-url: %v", err)
	}
}
