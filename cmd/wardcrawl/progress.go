package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// progress shows one line per site on a terminal (pages fetched, queued,
// articles new and changed), redrawn in place at most every 200 ms.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	order []string
	sites map[string]storage.RunSiteStats
	drawn int // lines on screen
	last  time.Time
}

func newProgress(w io.Writer, sites []config.Site) *progress {
	p := &progress{w: w, sites: map[string]storage.RunSiteStats{}}
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
	if time.Since(p.last) >= 200*time.Millisecond {
		p.draw()
	}
}

func (p *progress) draw() {
	var b strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", p.drawn) // back to the first line
	}
	for _, name := range p.order {
		s := p.sites[name]
		fmt.Fprintf(&b, "\x1b[2K%-24s %6d fetched %6d queued %5d new %4d changed %4d errors\n",
			name, s.PagesFetched, s.Queued, s.ArticlesNew, s.ArticlesChanged, s.Errors)
	}
	io.WriteString(p.w, b.String())
	p.drawn, p.last = len(p.order), time.Now()
}

// finish draws the final figures and then clears them: the summary follows.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn == 0 {
		return
	}
	fmt.Fprintf(p.w, "\x1b[%dA\x1b[J", p.drawn)
	p.drawn = 0
}
