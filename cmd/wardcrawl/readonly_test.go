package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
)

// asReader runs wardcrawl with args as a user who may read but not write
// the database and its directory. As root (CI), the permission bits do not
// bind root, so the test binary runs as nobody; otherwise it runs in
// process.
func asReader(t *testing.T, args ...string) (string, error) {
	t.Helper()
	if os.Geteuid() != 0 {
		out, _, err := run(t, args...)
		return out, err
	}
	// nobody must be able to execute a copy of this binary.
	bin := filepath.Join(t.TempDir(), "wardcrawl.test")
	os.Chmod(filepath.Dir(bin), 0o755)
	os.Chmod(filepath.Dir(filepath.Dir(bin)), 0o755) // the test's temporary root
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(dst, src)
	src.Close()
	dst.Close()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "WARDCRAWL_BE_MAIN=1", "HOME=/")
	cmd.Dir = "/"
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Read-only commands open the database read-only: they work on a database
// in WAL mode whose file and directory the user cannot write, write
// nothing, and an empty file is not turned into a database (issue 16).
func TestReadOnlyCommandsOnAReadOnlyDatabase(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	root := t.TempDir()
	os.Chmod(root, 0o755)
	os.Chmod(filepath.Dir(root), 0o755)
	dir := filepath.Join(root, "data")
	db := filepath.Join(dir, "w.db")
	cfg := filepath.Join(root, "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: {path: %s}\ndefaults: {delay: 0s}\nsites:\n  - name: p\n    start_urls: [%s]\n", db, ps[0].StartURL())), 0o644)
	if _, stderr, err := run(t, "crawl", "--config", cfg, "-q"); err != nil {
		t.Fatalf("crawl: %v %s", err, stderr)
	}
	os.Chmod(cfg, 0o644)
	before, _ := os.ReadFile(db)
	os.Chmod(db, 0o444)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	for _, args := range [][]string{
		{"stats", "--db", db},
		{"runs", "--config", cfg},
		{"export", "--db", db, "--format", "csv"},
		{"why", "--db", db, ps[0].StartURL()},
	} {
		out, err := asReader(t, args...)
		if err != nil || strings.Contains(out, "readonly") {
			t.Errorf("%v on a read-only database: %v\n%s", args, err, out)
		}
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("a read-only command changed the database file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 { // w.db and the crawl lock's w.db.lock
		t.Errorf("files beside the database: %v", entries)
	}

	empty := filepath.Join(root, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	for _, cmd := range []string{"stats", "runs", "export", "why"} {
		args := []string{cmd, "--db", empty}
		if cmd == "why" {
			args = append(args, "http://x/")
		}
		if _, _, err := run(t, args...); err == nil || !strings.Contains(err.Error(), "the file is empty") {
			t.Errorf("%s on an empty file: %v", cmd, err)
		}
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Error("an empty file was turned into a database")
	}
}

// Every command that takes --config finds the database the same way:
// --db, else storage.path, else wardcrawl.db (issue 16: reextract wrote
// ./wardcrawl.db, archive took no --config).
func TestConfigDecidesTheDatabaseForEveryCommand(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "w.db")
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: {path: %s}\nsites:\n  - name: p\n    start_urls: [%s]\n", db, ps[0].StartURL())), 0o644)
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	warc := filepath.Join(dir, "warc")
	if _, stderr, err := run(t, "archive", ps[0].StartURL(), "--config", cfg, "--out", warc, "--delay", "0", "-q"); err != nil {
		t.Fatalf("archive: %v %s", err, stderr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("archive --config did not use storage.path: %v", err)
	}
	os.Remove(db)
	if _, stderr, err := run(t, "reextract", "--warc", warc, "--config", cfg, "-q"); err != nil {
		t.Fatalf("reextract: %v %s", err, stderr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("reextract --config did not use storage.path: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "wardcrawl.db")); err == nil {
		t.Error("a command wrote ./wardcrawl.db although the config names another database")
	}
	if out, _, err := run(t, "stats", "--config", cfg); err != nil || !strings.Contains(out, db) {
		t.Errorf("stats --config: %v %s", err, out)
	}
	if _, _, err := run(t, "stats", "--config", filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("a --config that does not exist must be an error: %v", err)
	}
}
