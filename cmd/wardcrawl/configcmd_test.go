package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl"
)

// config check validates without crawling: every error with its line, and
// the bundled config's placeholder addresses named as such.
func TestConfigCheck(t *testing.T) {
	dir := t.TempDir()
	bundled := filepath.Join(dir, "config.yaml")
	os.WriteFile(bundled, wardcrawl.DefaultConfig, 0o644)
	out, _, err := run(t, "config", "check", "--config", bundled)
	if err != nil || !strings.Contains(out, "2 sites, no errors; 2 with placeholder addresses") || !strings.Contains(out, "phuongvidu.example never resolves") {
		t.Errorf("bundled config: %v\n%s", err, out)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("defaults:\n  delay: soon\nsites:\n  - name: a\n    start_urls: [http://a.example.gov.vn/]\n    allowed_domains: [b.example.gov.vn]\n"), 0o644)
	_, _, err = run(t, "config", "check", "--config", bad)
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "bad.yaml:2: defaults.delay") || !strings.Contains(err.Error(), "bad.yaml:6: sites[0].allowed_domains") {
		t.Errorf("bad config: %v", err)
	}
}
