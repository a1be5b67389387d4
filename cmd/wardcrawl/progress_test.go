package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

func TestProgressShowsEverySite(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, nil)
	p.order = []string{"phuong-a", "xa-b"}
	p.update(storage.RunSiteStats{Site: "phuong-a", PagesFetched: 12, Queued: 30, ArticlesNew: 4, ArticlesChanged: 1})
	p.last = time.Time{}
	p.update(storage.RunSiteStats{Site: "xa-b", PagesFetched: 3, Queued: 7})
	out := b.String()
	for _, want := range []string{"phuong-a", "12 fetched", "30 queued", "4 new", "1 changed", "xa-b", "7 queued", "\x1b[2A"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q: %q", want, out)
		}
	}
}

// A warning logged while the block is drawn is printed above it and stays:
// the block is erased, the line written, the block drawn again below it
// (issue 16: the next redraw erased warnings).
func TestProgressKeepsLogLinesAbove(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, []config.Site{{Name: "phuong-a"}})
	p.update(storage.RunSiteStats{Site: "phuong-a", PagesFetched: 5})
	log := newLogger(p, false, false)
	log.Warn("robots.txt unreachable", "host", "a.example")
	out := b.String()
	erase := strings.Index(out, "\x1b[1A\x1b[J")
	warn := strings.Index(out, "robots.txt unreachable")
	redraw := strings.LastIndex(out, "phuong-a")
	if erase < 0 || warn < erase || redraw < warn {
		t.Errorf("order erase %d, warning %d, redraw %d: %q", erase, warn, redraw, out)
	}
	// Later redraws move up over the block only, never over the warning.
	p.last = time.Time{}
	p.update(storage.RunSiteStats{Site: "phuong-a", PagesFetched: 6})
	if tail := b.String()[len(out):]; !strings.HasPrefix(tail, "\x1b[1A\x1b[2Kphuong-a") {
		t.Errorf("redraw %q", tail)
	}
	if !strings.Contains(out, "+07:00") {
		t.Errorf("log time not in +07:00: %q", out)
	}
}

// With thousands of sites the block shows a totals line and the most
// recently active sites, not one line per site.
func TestProgressManySites(t *testing.T) {
	var b bytes.Buffer
	var sites []config.Site
	for i := range 500 {
		sites = append(sites, config.Site{Name: fmt.Sprintf("xa-%03d", i)})
	}
	p := newProgress(&b, sites)
	for i := range 30 {
		p.last = time.Time{}
		p.update(storage.RunSiteStats{Site: fmt.Sprintf("xa-%03d", i), PagesFetched: 2, ArticlesNew: 1})
	}
	if p.drawn != progressLines+1 {
		t.Errorf("drawn %d lines", p.drawn)
	}
	last := b.String()[strings.LastIndex(b.String(), "all 500 sites"):]
	if !strings.HasPrefix(last, "all 500 sites (30 begun)") || !strings.Contains(last, "60 fetched") || !strings.Contains(last, "xa-029") || strings.Contains(last, "xa-000") {
		t.Errorf("block %q", last)
	}
}
