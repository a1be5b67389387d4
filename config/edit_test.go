package config

import (
	"strings"
	"testing"
)

func TestAddSitesBeforeTheNextKey(t *testing.T) {
	in := "sites:\n    - name: a\n      start_urls: [http://a/]\n      # a's note\n\n# storage comes last here\nstorage: {path: x.db}\n"
	out, err := AddSites("c.yaml", []byte(in), []NewSite{{Name: "b", StartURL: "http://b/", Comment: "Xã B"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "sites:\n    - name: a\n      start_urls: [http://a/]\n      # a's note\n    - name: b  # Xã B\n      start_urls: [http://b/]\n\n# storage comes last here\nstorage: {path: x.db}\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if _, err := AddSites("c.yaml", []byte("sites: [{name: a, start_urls: [http://a/]}]\n"), []NewSite{{Name: "b", StartURL: "http://b/"}}); err == nil || !strings.Contains(err.Error(), "by hand") {
		t.Errorf("flow list: %v", err)
	}
	if _, err := AddSites("c.yaml", []byte(in), []NewSite{{Name: "a", StartURL: "http://c/"}}); err == nil {
		t.Error("duplicate name accepted")
	}
}

func TestSiteName(t *testing.T) {
	for _, c := range []struct{ title, host, want string }{
		{"Cổng TTĐT xã Tả Thanh Oai", "x.gov.vn", "xa-ta-thanh-oai"},
		{"Cổng thông tin điện tử phường Đồng Xuân", "x.gov.vn", "phuong-dong-xuan"},
		{"", "xatamhiep.thanhtri.hanoi.gov.vn", "xatamhiep-thanhtri-hanoi"},
		{"", "www.thanhtri.gov.vn:8080", "thanhtri"},
	} {
		if got := SiteName(c.title, c.host); got != c.want || !siteNameRE.MatchString(got) {
			t.Errorf("SiteName(%q, %q) = %q, want %q", c.title, c.host, got, c.want)
		}
	}
}
