package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/wardcrawl/wardcrawl/internal/farm"
)

// IncrementalOptions configure the incremental benchmark: what a
// scheduled crawl of a portal costs when nothing changed, and when a few
// announcements were published.
type IncrementalOptions struct {
	Articles  int // article pages in the farm (default 2,000)
	Publish   int // new articles each site publishes before the news run (default 3)
	Wardcrawl []string
	Env       []string
	Dir       string
	Log       io.Writer
}

// IncrementalRun is one crawl of the sequence.
type IncrementalRun struct {
	Schedule    string  `json:"schedule"` // adaptive, off (adaptive_revisit)
	Run         string  `json:"run"`      // full, idle, news
	Seconds     float64 `json:"seconds"`
	Fetched     int     `json:"pages_fetched"`   // HTML pages the farm served whole
	Requests    int     `json:"requests"`        // and robots.txt, 404s
	FarmPages   int     `json:"farm_pages"`      // HTML pages the farm has
	Changed     int     `json:"pages_changed"`   // of which new or changed since the last run
	NewArticles int     `json:"articles_new"`    // stored by this run
	Stored      int     `json:"articles_stored"` // in the database after it
	CPUSeconds  float64 `json:"cpu_seconds"`
	Failed      int     `json:"failed_sites"`
}

// RunIncremental crawls the bench farm once in full, then twice with
// nothing changed, then after every site published opt.Publish articles
// (on top of its listings: every listing page changes, only the first
// yields new links), then once more with nothing changed; with the
// revisit schedule, then on a fresh farm and database without it. The
// runs follow each other at once, as a frequent schedule would: what is
// due is what the revisit schedule says is always due.
func RunIncremental(ctx context.Context, opt IncrementalOptions) ([]IncrementalRun, error) {
	var out []IncrementalRun
	for _, adaptive := range []bool{true, false} {
		runs, err := runIncremental(ctx, opt, adaptive)
		out = append(out, runs...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func runIncremental(ctx context.Context, opt IncrementalOptions, adaptive bool) ([]IncrementalRun, error) {
	if opt.Articles <= 0 {
		opt.Articles = 2000
	}
	if opt.Publish <= 0 {
		opt.Publish = 3
	}
	if len(opt.Wardcrawl) == 0 {
		return nil, errors.New("bench: no wardcrawl command to run")
	}
	f := farm.New(opt.Articles)
	if err := f.Start("127.0.0.1"); err != nil {
		return nil, err
	}
	defer f.Close()
	dir := filepath.Join(opt.Dir, "incremental")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	db, cfg := filepath.Join(dir, "wardcrawl.db"), filepath.Join(dir, "farm.yaml")
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		os.Remove(p)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "storage: {path: %q}\ndefaults: {delay: 0s, parallelism: 1, max_depth: 0, adaptive_revisit: %v}\nsites:\n", db, adaptive)
	for _, s := range f.Sites {
		fmt.Fprintf(&b, "  - name: %s\n    start_urls: [%q]\n", s.Name, s.URL+"/")
	}
	if err := os.WriteFile(cfg, []byte(b.String()), 0o644); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	so := SitesOptions{Wardcrawl: opt.Wardcrawl, Env: opt.Env}
	schedule := "adaptive"
	if !adaptive {
		schedule = "off"
	}
	var out []IncrementalRun
	stored := 0
	for _, run := range []string{"full", "idle", "idle", "news", "idle"} {
		changed := 0
		switch run {
		case "full":
			changed = f.Pages()
		case "news":
			for _, s := range f.Sites {
				s.Articles += opt.Publish
				changed += 1 + s.Listings() + opt.Publish // the home page, every listing (shifted), the new articles
			}
		}
		logf(opt.Log, "incremental (schedule %s): %s run of %d sites (%d pages, %d new or changed)", schedule, run, len(f.Sites), f.Pages(), changed)
		r, err := crawlSites(ctx, so, f, cfg, db, nil)
		if err != nil {
			return out, err
		}
		served := f.Served()
		ir := IncrementalRun{Schedule: schedule, Run: run, Seconds: r.Seconds, Fetched: served.Pages, Requests: served.Pages + served.Others, FarmPages: f.Pages(),
			Changed: changed, NewArticles: r.Stored - stored, Stored: r.Stored, CPUSeconds: r.CPUSeconds, Failed: r.Failed}
		stored = r.Stored
		out = append(out, ir)
		logf(opt.Log, "  %.1f s, %d pages fetched of %d, %d new articles", ir.Seconds, ir.Fetched, ir.FarmPages, ir.NewArticles)
	}
	return out, nil
}

// WriteIncremental prints the runs, a row each.
func WriteIncremental(w io.Writer, runs []IncrementalRun) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "schedule\trun\tseconds\tpages fetched\trequests\tfarm pages\tfetched %\tpages changed\tarticles new\tarticles stored\tCPU s\tfailed sites\t")
	for _, r := range runs {
		pct := 0.0
		if r.FarmPages > 0 {
			pct = 100 * float64(r.Fetched) / float64(r.FarmPages)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\t%s\t%s\t%.1f\t%s\t%s\t%s\t%.1f\t%d\t\n", r.Schedule, r.Run, r.Seconds, whole(r.Fetched), whole(r.Requests),
			whole(r.FarmPages), pct, whole(r.Changed), whole(r.NewArticles), whole(r.Stored), r.CPUSeconds, r.Failed)
	}
	return tw.Flush()
}

// whole formats a whole number, thousands grouped.
func whole(n int) string {
	if n < 10 {
		return fmt.Sprint(n)
	}
	return num(float64(n))
}
