package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/config"
)

const commentedConfig = `# My portals.
storage:
  path: w.db   # the database

defaults:
  delay: 2s    # be gentle

sites:
  # Phường Bồ Đề, Long Biên.
  - name: phuong-bo-de
    start_urls: [http://phuongbode.longbien.hanoi.gov.vn/]   # moved in 2024

# Kept for later:
#  - name: old
`

// sites add appends an entry and keeps every other byte of the file.
func TestSitesAdd(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(cfg, []byte(commentedConfig), 0o600)
	out, _, err := run(t, "sites", "add", "https://phuonggiang.longbien.hanoi.gov.vn/tin-tuc", "--config", cfg)
	if err != nil || !strings.Contains(out, "added site phuonggiang-longbien-hanoi") {
		t.Fatalf("sites add: %v %s", err, out)
	}
	got, _ := os.ReadFile(cfg)
	want := strings.Replace(commentedConfig, "\n# Kept for later:", "  - name: phuonggiang-longbien-hanoi\n    start_urls: [https://phuonggiang.longbien.hanoi.gov.vn/tin-tuc]\n\n# Kept for later:", 1)
	if string(got) != want {
		t.Errorf("edited file:\n%s\nwant:\n%s", got, want)
	}
	if fi, _ := os.Stat(cfg); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	loaded, err := config.Load(cfg)
	if err != nil || len(loaded.Sites) != 2 {
		t.Fatalf("the edited file: %v", err)
	}
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"http://a.gov.vn/", "--name", "phuong-bo-de"}, `"phuong-bo-de" is already configured`},
		{[]string{"/tin-tuc", "--name", "x"}, "not an absolute http(s) URL"},
		{[]string{"http://a.gov.vn/", "--name", "Bad Name"}, "not a valid site name"},
	} {
		_, _, err := run(t, append([]string{"sites", "add", "--config", cfg}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: %v", c.args, err)
		}
	}
	if again, _ := os.ReadFile(cfg); string(again) != want {
		t.Error("a refused add changed the file")
	}
}

// sites discover reads a district portal's page of commune portals (on
// loopback, in the shape such pages have) and lists or adds them.
func TestSitesDiscover(t *testing.T) {
	var robots int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			robots++
			fmt.Fprint(w, "User-agent: *\nDisallow: /quan-tri/\n")
		case "/lien-ket-website":
			fmt.Fprint(w, `<html><body><div class="box"><div class="box-title">Liên kết website</div>
<select onchange="window.open(this.value)"><option value="">-- Cổng TTĐT xã, thị trấn --</option>
<option value="http://xatamhiep.thanhtri.hanoi.gov.vn/">Cổng TTĐT xã Tam Hiệp</option>
<option value="http://phuongbode.longbien.hanoi.gov.vn/">Phường Bồ Đề</option>
<option value="https://chinhphu.vn/">Cổng TTĐT Chính phủ</option></select></div>
<ul class="ds-xa"><li><a href="https://xatathanhoai.thanhtri.hanoi.gov.vn/tin-tuc/">Cổng thông tin điện tử xã Tả Thanh Oai</a></li>
<li><a href="https://xatamhiep.thanhtri.hanoi.gov.vn/">Xã Tam Hiệp</a></li></ul></body></html>`)
		case "/quan-tri/lien-ket":
			fmt.Fprint(w, "<html><body><a href='http://x.gov.vn/'>x</a></body></html>")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(cfg, []byte(commentedConfig), 0o644)
	out, _, err := run(t, "sites", "discover", srv.URL+"/lien-ket-website", "--config", cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# 3 portals linked from",
		"- name: xa-tam-hiep  # Cổng TTĐT xã Tam Hiệp\n    start_urls: [http://xatamhiep.thanhtri.hanoi.gov.vn/]",
		"- name: xa-ta-thanh-oai  # Cổng thông tin điện tử xã Tả Thanh Oai\n    start_urls: [https://xatathanhoai.thanhtri.hanoi.gov.vn/]",
		"# http://phuongbode.longbien.hanoi.gov.vn/ is configured already as phuong-bo-de",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("discover output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "chinhphu.vn") || robots == 0 {
		t.Errorf("not under gov.vn, or robots.txt not read (%d):\n%s", robots, out)
	}
	if _, _, err := run(t, "sites", "discover", srv.URL+"/quan-tri/lien-ket", "--config", cfg); err == nil || !strings.Contains(err.Error(), "disallowed by robots.txt") {
		t.Errorf("a disallowed page: %v", err)
	}
	if _, _, err := run(t, "sites", "discover", srv.URL+"/lien-ket-website", "--config", cfg, "--add"); err != nil {
		t.Fatal(err)
	}
	loaded, err := config.Load(cfg)
	if err != nil || len(loaded.Sites) != 3 || loaded.Sites[1].Name != "xa-tam-hiep" || loaded.Sites[2].Name != "xa-ta-thanh-oai" {
		t.Errorf("after --add: %v %+v", err, loaded)
	}
	if got, _ := os.ReadFile(cfg); !strings.HasPrefix(string(got), commentedConfig[:strings.Index(commentedConfig, "\n# Kept")]) || !strings.Contains(string(got), "# Kept for later:") {
		t.Errorf("--add did not keep the file:\n%s", got)
	}
}
