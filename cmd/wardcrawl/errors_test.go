package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 16: a bad command line is exit 2 whatever the command; junk input
// is exit 1 naming the file and what is wrong with it.
func TestBadInputExitCodes(t *testing.T) {
	dir := t.TempDir()
	binary := filepath.Join(dir, "scan.pdf")
	os.WriteFile(binary, []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n\x00\x01\x02\x03binary"), 0o644)
	htmlish := filepath.Join(dir, "page.bin")
	os.WriteFile(htmlish, []byte("<html><body><h1>x</h1><p>Nội dung</p></body></html>"), 0o644)
	notWARC := filepath.Join(dir, "notes.warc")
	os.WriteFile(notWARC, []byte("these are my notes, not a WARC file\n"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"extract"}, 2, "extract needs one saved page"},
		{[]string{"archive"}, 2, "archive needs the URL"},
		{[]string{"eval"}, 2, "eval needs a corpus directory"},
		{[]string{"why"}, 2, "why needs the URL"},
		{[]string{"runs", "-n", "-3"}, 2, "--limit -3"},
		{[]string{"stats", "extra"}, 2, "takes no arguments"},
		{[]string{"extract", binary}, 1, binary + " is not an HTML page"},
		{[]string{"extract", "--content-type", "application/pdf", htmlish}, 1, "not an HTML page (Content-Type application/pdf)"},
		{[]string{"reextract", "--warc", notWARC, "--db", filepath.Join(dir, "r.db")}, 1, notWARC + " is not a WARC file"},
		{[]string{"reextract", "--warc", filepath.Join(dir, "none.warc.gz"), "--db", filepath.Join(dir, "r.db")}, 1, "none.warc.gz"},
	} {
		_, _, err := run(t, c.args...)
		if err == nil || exitCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: err=%v code=%d, want code %d and %q", c.args, err, exitCode(err), c.code, c.msg)
		}
	}
}

// Under --quiet (cron) an unreachable site's line names the real cause.
func TestQuietFailureNamesTheCause(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte("sites:\n  - name: gone\n    start_urls: [http://127.0.0.77:1/]\n    respect_robots: false\n"), 0o644)
	out, stderr, err := run(t, "crawl", "--config", cfg, "--db", filepath.Join(dir, "w.db"), "--quiet")
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("err %v", err)
	}
	all := out + stderr + err.Error()
	if !strings.Contains(err.Error(), "gone (no start URL could be fetched: http://127.0.0.77:1/: connection refused") || strings.Contains(all, "robots.txt") {
		t.Errorf("quiet crawl of a refused host said:\nerr %v\nout %s\nstderr %s", err, out, stderr)
	}
}
