package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/storage"
)

// SitesOptions configure the many-sites benchmark: every commune's portal
// in one config, crawled politely by one process.
type SitesOptions struct {
	Sites     []int         // farm sizes to measure, each on a fresh database
	PerSite   int           // articles per site (default 20)
	Latency   time.Duration // every answer's delay (default 20 ms)
	Delay     time.Duration // the crawl's delay between requests to a site (default 1 s)
	MaxActive int           // max_active_sites (0: wardcrawl's default)
	FDLimit   int           // the crawl's RLIMIT_NOFILE, soft and hard (0: inherited)
	Wardcrawl []string      // how to run wardcrawl
	Env       []string
	Dir       string
	Log       io.Writer
	// Profile, if set, is a path prefix: each crawl writes its CPU and
	// heap profiles to PREFIX-N-RUN.cpu and PREFIX-N-RUN.heap.
	Profile string
}

// SitesRun is one crawl of a many-sites farm.
type SitesRun struct {
	Sites        int            `json:"sites"`
	Run          string         `json:"run"` // first, incremental
	Seconds      float64        `json:"seconds"`
	Pages        int            `json:"pages"` // HTML pages the farm served
	PagesPerSec  float64        `json:"pages_per_second"`
	Stored       int            `json:"articles_stored"` // in the database after the run
	Expected     int            `json:"articles_expected"`
	Failed       int            `json:"failed_sites"`
	Reasons      map[string]int `json:"failure_reasons,omitempty"`
	PeakRSSMB    float64        `json:"peak_rss_mb"`
	PeakFDs      int            `json:"peak_fds"`
	CPUSeconds   float64        `json:"cpu_seconds"`
	CPUPerPageMs float64        `json:"cpu_per_page_ms"`
	// WrittenKBPerPage is what the crawl wrote (the WAL and its
	// checkpoints, mostly: WrittenBytes), over the pages.
	WrittenKBPerPage float64 `json:"written_kb_per_page,omitempty"`
	// StallSeconds is the longest time in the run in which the farm
	// served no page (a writer or a collector stalling shows there).
	StallSeconds float64 `json:"longest_stall_seconds"`
	Status       string  `json:"status"`
}

// RunSites measures a first and an incremental crawl of each farm size.
func RunSites(ctx context.Context, opt SitesOptions) ([]SitesRun, error) {
	if opt.PerSite <= 0 {
		opt.PerSite = 20
	}
	if opt.Latency == 0 {
		opt.Latency = 20 * time.Millisecond
	}
	if opt.Delay == 0 {
		opt.Delay = time.Second
	}
	if len(opt.Wardcrawl) == 0 {
		return nil, errors.New("bench: no wardcrawl command to run")
	}
	var out []SitesRun
	for _, n := range opt.Sites {
		f := farm.NewSites(n, opt.PerSite)
		f.Latency = opt.Latency
		if err := f.StartSpread(); err != nil {
			return out, err
		}
		dir := filepath.Join(opt.Dir, fmt.Sprintf("sites-%d", n))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			f.Close()
			return out, fmt.Errorf("bench: %w", err)
		}
		db, cfg := filepath.Join(dir, "wardcrawl.db"), filepath.Join(dir, "sites.yaml")
		for _, p := range []string{db, db + "-wal", db + "-shm"} {
			os.Remove(p)
		}
		if err := sitesConfig(f, cfg, db, opt); err != nil {
			f.Close()
			return out, err
		}
		for _, run := range []string{"first", "incremental"} {
			logf(opt.Log, "sites: %s crawl of %d portals (%d articles each, %s latency, delay %s)", run, n, opt.PerSite, opt.Latency, opt.Delay)
			var extra []string
			if opt.Profile != "" {
				extra = []string{"--cpuprofile", fmt.Sprintf("%s-%d-%s.cpu", opt.Profile, n, run), "--memprofile", fmt.Sprintf("%s-%d-%s.heap", opt.Profile, n, run),
					"--trace", fmt.Sprintf("%s-%d-%s.trace", opt.Profile, n, run)}
			}
			r, err := crawlSites(ctx, opt, f, cfg, db, extra)
			r.Sites, r.Run, r.Expected = n, run, n*opt.PerSite
			if err != nil {
				f.Close()
				return out, err
			}
			out = append(out, r)
			logf(opt.Log, "  %.1f s, %.0f pages/s, %d of %d articles stored, %d failed sites, peak RSS %.0f MB, %d fds, %.2f ms CPU per page, %.0f KB written per page, longest stall %.1f s",
				r.Seconds, r.PagesPerSec, r.Stored, r.Expected, r.Failed, r.PeakRSSMB, r.PeakFDs, r.CPUPerPageMs, r.WrittenKBPerPage, r.StallSeconds)
		}
		f.Close()
	}
	return out, nil
}

// sitesConfig writes the farm's crawl configuration: polite (the given
// delay, one request at a time per site), into db (a SQLite file or a
// postgres:// URL).
func sitesConfig(f *farm.Farm, path, db string, opt SitesOptions) error {
	var b strings.Builder
	key := "path"
	if storage.IsPostgresURL(db) {
		key = "url"
	}
	fmt.Fprintf(&b, "storage: {%s: %q}\n", key, db)
	if opt.MaxActive > 0 {
		fmt.Fprintf(&b, "max_active_sites: %d\n", opt.MaxActive)
	}
	fmt.Fprintf(&b, "defaults: {delay: %s, parallelism: 1, max_depth: 0, timeout: 30s}\nsites:\n", opt.Delay)
	for _, s := range f.Sites {
		fmt.Fprintf(&b, "  - name: %s\n    start_urls: [%q]\n", s.Name, s.URL+"/")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}

// crawlSites runs one crawl in a child process and reads its figures.
func crawlSites(ctx context.Context, opt SitesOptions, f *farm.Farm, cfg, db string, extra []string) (SitesRun, error) {
	var r SitesRun
	args := append(append(append([]string{}, opt.Wardcrawl...), "crawl", "--config", cfg, "--json", "-q"), extra...)
	if opt.FDLimit > 0 {
		// The limit is the child's own: a shell sets it, then becomes the crawl.
		args = append([]string{"/bin/sh", "-c", fmt.Sprintf(`ulimit -n %d && exec "$@"`, opt.FDLimit), "sh"}, args...)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = opt.Env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	f.Reset()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return r, fmt.Errorf("bench: start wardcrawl: %w", err)
	}
	stopFDs := watchFDs(cmd.Process.Pid)
	err := cmd.Wait()
	r.PeakFDs = stopFDs()
	r.Seconds = time.Since(start).Seconds()
	r.Pages = f.Served().Pages
	r.StallSeconds = f.LongestStall().Seconds()
	if r.Seconds > 0 {
		r.PagesPerSec = float64(r.Pages) / r.Seconds
	}
	r.CPUSeconds = childCPU(cmd.ProcessState)
	if r.Pages > 0 {
		r.CPUPerPageMs = r.CPUSeconds * 1000 / float64(r.Pages)
	}
	var sum crawlSummary
	if jerr := json.Unmarshal(stdout.Bytes(), &sum); jerr != nil {
		if err != nil {
			return r, fmt.Errorf("bench: wardcrawl crawl: %w: %s", err, lastLines(stderr.String(), 5))
		}
		return r, fmt.Errorf("bench: read the crawl's summary: %w", jerr)
	}
	r.Status, r.PeakRSSMB = sum.Status, float64(sum.PeakBytes)/(1<<20)
	if r.Pages > 0 {
		r.WrittenKBPerPage = float64(sum.WrittenBytes) / 1024 / float64(r.Pages)
	}
	r.Reasons = map[string]int{}
	for _, s := range sum.Sites {
		if s.Error != "" {
			r.Failed++
			r.Reasons[reasonKind(s.Error)]++
		}
	}
	r.Stored, err = storedArticles(ctx, db)
	return r, err
}

// storedArticles counts the articles a crawl left in the database (a
// file or a postgres:// URL).
func storedArticles(ctx context.Context, db string) (int, error) {
	st, err := storage.Open(ctx, db, storage.Options{ReadOnly: true})
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	defer st.Close()
	n, err := st.ArticleCount(ctx)
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	return n, nil
}

var (
	urlPattern = regexp.MustCompile(`https?://\S+`)
	numPattern = regexp.MustCompile(`\d+`)
)

// reasonKind is a failure reason with its URLs and numbers folded, so
// alike failures count together.
func reasonKind(msg string) string {
	return numPattern.ReplaceAllString(urlPattern.ReplaceAllString(msg, "URL"), "N")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// watchFDs polls a process's open file descriptors every 50 ms until stop,
// which returns the peak.
func watchFDs(pid int) (stop func() int) {
	var peak atomic.Int64
	done, finished := make(chan struct{}), make(chan struct{})
	dir := "/proc/" + strconv.Itoa(pid) + "/fd"
	go func() {
		defer close(finished)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if ents, err := os.ReadDir(dir); err == nil && int64(len(ents)) > peak.Load() {
				peak.Store(int64(len(ents)))
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() int {
		close(done)
		<-finished
		return int(peak.Load())
	}
}

// WriteSites prints the many-sites runs, a row each.
func WriteSites(w io.Writer, runs []SitesRun) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "sites\trun\tseconds\tpages\tpages/s\tstored/expected\tfailed\tpeak RSS MB\tpeak fds\tCPU ms/page\tKB written/page\tlongest stall s\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\t%s\t%s/%s\t%d\t%.0f\t%d\t%.2f\t%.0f\t%.1f\t\n", num(float64(r.Sites)), r.Run, r.Seconds, num(float64(r.Pages)),
			num(r.PagesPerSec), num(float64(r.Stored)), num(float64(r.Expected)), r.Failed, r.PeakRSSMB, r.PeakFDs, r.CPUPerPageMs, r.WrittenKBPerPage, r.StallSeconds)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range runs {
		for _, k := range slices.Sorted(maps.Keys(r.Reasons)) {
			fmt.Fprintf(w, "%d sites, %s run: %d failed: %s\n", r.Sites, r.Run, r.Reasons[k], k)
		}
	}
	return nil
}
