package main

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl"
)

func TestVersionCommand(t *testing.T) {
	out, _, err := run(t, "version")
	if err != nil || !strings.HasPrefix(out, "wardcrawl "+wardcrawl.Version) || !strings.Contains(out, runtime.Version()) {
		t.Errorf("version: %v %q", err, out)
	}
	out, _, _ = run(t, "version", "--json")
	var b buildInfo
	if err := json.Unmarshal([]byte(out), &b); err != nil || b.Version != wardcrawl.Version || b.GoVersion == "" {
		t.Errorf("version --json: %v %s", err, out)
	}
	if flag, _, _ := run(t, "--version"); !strings.Contains(flag, wardcrawl.Version) {
		t.Errorf("--version: %q", flag)
	}
	// A build from a checkout names its revision.
	if s := (buildInfo{Version: "1", Module: "v1.2.3", Revision: "abc123", Time: "2026-11-30T00:00:00Z", Modified: true, GoVersion: "go1.26"}).String(); s != "wardcrawl 1 (module v1.2.3), revision abc123 of 2026-11-30T00:00:00Z with local changes, built with go1.26" {
		t.Errorf("String() = %q", s)
	}
}
