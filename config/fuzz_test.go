package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse: any bytes given as a config file are either a valid config or
// a *config.Error that names the file (and, when it can, the line); Parse
// never panics.
//
//	go test ./config -run '^$' -fuzz FuzzParse -fuzztime 1m
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("../config.yaml"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"sites:\n  - name: a\n    start_urls: [http://a.vn/]\n",
		"defaults: {delay: -1s}\nsites: []\n",
		"sites:\n  - name: a\n    start_urls: [http://a.vn/]\n    schedule: \"61 * * * *\"\n",
		"sites: {a: 1}\n", "storage: [1]\n", ": :\n", "\t\x00", "sites:\n  - &a {name: x}\n  - *a\n",
		"sites:\n  - name: b\n    start_urls: [ftp://b.vn/]\n    article_pattern: \"(\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data)
		if err == nil {
			if cfg == nil {
				t.Fatal("nil config without an error")
			}
			for _, s := range cfg.Sites {
				if s.Name == "" || len(s.StartURLs) == 0 {
					t.Fatalf("accepted a site without name or start URLs: %+v", s)
				}
			}
			return
		}
		var ce *Error
		if !errors.As(err, &ce) {
			t.Fatalf("error is not a *config.Error: %T %v", err, err)
		}
		if ce.File != "fuzz.yaml" || !strings.HasPrefix(err.Error(), "fuzz.yaml") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
