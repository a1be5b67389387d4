package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "demo.db"), filepath.Join(dir, "demo.jsonl")
	stdout, _, err := run(t, "demo", "--db", db, "--out", out, "--delay", "0s")
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, stdout)
	}
	b, _ := os.ReadFile(out)
	if n := strings.Count(string(b), "\n"); n != 10 {
		t.Errorf("demo exported %d articles, want 10\n%s", n, stdout)
	}
	if !strings.Contains(stdout, "serve --db "+db) {
		t.Errorf("demo does not say how to browse what it crawled:\n%s", stdout)
	}
}

// demo checks where it will write before it crawls.
func TestDemoChecksOutFirst(t *testing.T) {
	dir := t.TempDir()
	_, _, err := run(t, "demo", "--db", filepath.Join(dir, "d.db"), "--out", dir, "-q")
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), dir+" is a directory") {
		t.Errorf("demo --out DIR: %v", err)
	}
	if _, serr := os.Stat(filepath.Join(dir, "d.db")); serr == nil {
		t.Error("demo crawled before checking --out")
	}
}
