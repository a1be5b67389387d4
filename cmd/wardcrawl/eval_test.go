package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// eval prints the comparison table over the bundled corpus and --check
// passes; a missing corpus is a usage error.
func TestEvalCommand(t *testing.T) {
	out, _, err := run(t, "eval", "--check", "../../testdata/pages")
	if err != nil {
		t.Fatalf("eval --check: %v\n%s", err, out)
	}
	for _, want := range []string{"token F1 (mean)", "chrome phrases leaked", "is_article accuracy", "published_at exact", "ms per page", "wardcrawl", "readability", "nukeviet", "handmade"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "eval", "--json", "../../testdata/pages")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Pages   int `json:"pages"`
		Systems []struct {
			Name    string `json:"name"`
			Overall struct {
				F1 float64 `json:"f1"`
			} `json:"overall"`
		} `json:"systems"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Pages < 40 || len(rep.Systems) != 2 || rep.Systems[0].Overall.F1 < 0.97 {
		t.Errorf("eval --json: %v %+v", err, rep)
	}
	_, _, err = run(t, "eval", t.TempDir())
	if code := exitCode(err); code != 2 || !strings.Contains(err.Error(), "no *.meta.json") {
		t.Errorf("empty corpus: exit %d, %v", code, err)
	}
}

// eval --site-mode on the bundled corpus: the parser with a model per
// family beside the parser alone and readability, and what the models
// removed; --check still judges the parser alone.
func TestEvalSiteMode(t *testing.T) {
	out, _, err := run(t, "eval", "--site-mode", "--site-min-articles", "3", "--check", "../../testdata/pages")
	if err != nil {
		t.Fatalf("eval --site-mode: %v\n%s", err, out)
	}
	for _, want := range []string{"wardcrawl+site", "site model per family", "of which gold (false)", "nukeviet"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval --site-mode lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "eval", "--site-mode", "--json", "../../testdata/pages")
	var rep struct {
		Systems []struct {
			Name string `json:"name"`
		} `json:"systems"`
		Models map[string]struct {
			Pages int `json:"pages"`
		} `json:"site_models"`
	}
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Systems) != 3 || rep.Systems[1].Name != "wardcrawl+site" || rep.Models["nukeviet"].Pages == 0 {
		t.Errorf("eval --site-mode --json: %v %+v", err, rep)
	}
	if _, _, err := run(t, "eval", "--site-min-articles", "3", "../../testdata/pages"); exitCode(err) != exitUsage {
		t.Errorf("--site-min-articles without --site-mode: %v", err)
	}
}
