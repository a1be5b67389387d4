package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// progress shows one line per site on a terminal (pages fetched, queued,
// articles new and changed), redrawn in place at most every 200 ms. With
// many sites it shows the most recently active ones and a line of totals.
// Log lines go through it (Write): they are printed above the block, which
// is redrawn below them, so a warning is never erased by the next redraw.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	order   []string
	sites   map[string]storage.RunSiteStats
	touched map[string]time.Time
	drawn   int // lines on screen
	last    time.Time
}

// progressLines is how many sites the block shows at most.
const progressLines = 12

func newProgress(w io.Writer, sites []config.Site) *progress {
	p := &progress{w: w, sites: map[string]storage.RunSiteStats{}, touched: map[string]time.Time{}}
	for _, s := range sites {
		p.order = append(p.order, s.Name)
		p.sites[s.Name] = storage.RunSiteStats{Site: s.Name}
	}
	return p
}

func (p *progress) update(s storage.RunSiteStats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sites[s.Site] = s
	p.touched[s.Site] = time.Now()
	if time.Since(p.last) >= 200*time.Millisecond {
		p.draw()
	}
}

// Write prints a log line above the block and redraws the block under it.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	n, err := p.w.Write(b)
	if len(p.touched) > 0 {
		p.draw()
	}
	return n, err
}

// clear erases the block; the cursor ends where it began.
func (p *progress) clear() {
	if p.drawn > 0 {
		fmt.Fprintf(p.w, "\x1b[%dA\x1b[J", p.drawn)
		p.drawn = 0
	}
}

func (p *progress) draw() {
	var b strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", p.drawn) // back to the first line
	}
	shown := p.order
	lines := 0
	if len(p.order) > progressLines {
		shown = slices.Clone(p.order)
		slices.SortStableFunc(shown, func(a, b string) int { return p.touched[b].Compare(p.touched[a]) })
		shown = shown[:progressLines]
		var tot storage.RunSiteStats
		started := 0
		for _, name := range p.order {
			s := p.sites[name]
			tot.PagesFetched += s.PagesFetched
			tot.Queued += s.Queued
			tot.ArticlesNew += s.ArticlesNew
			tot.ArticlesChanged += s.ArticlesChanged
			tot.Errors += s.Errors
			if !p.touched[name].IsZero() {
				started++
			}
		}
		fmt.Fprintf(&b, "\x1b[2K%-24s %6d fetched %6d queued %5d new %4d changed %4d errors\n",
			fmt.Sprintf("all %d sites (%d begun)", len(p.order), started), tot.PagesFetched, tot.Queued, tot.ArticlesNew, tot.ArticlesChanged, tot.Errors)
		lines++
	}
	for _, name := range shown {
		s := p.sites[name]
		fmt.Fprintf(&b, "\x1b[2K%-24s %6d fetched %6d queued %5d new %4d changed %4d errors\n",
			name, s.PagesFetched, s.Queued, s.ArticlesNew, s.ArticlesChanged, s.Errors)
		lines++
	}
	io.WriteString(p.w, b.String())
	p.drawn, p.last = lines, time.Now()
}

// finish draws the final figures and then clears them: the summary follows.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
}
