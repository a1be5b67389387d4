// Package bench measures wardcrawl's whole pipeline against its ceiling
// and its peers on a generated farm of ward portals served on loopback:
//
//   - ceiling: parse, extract and hash every page of the farm in-process,
//     on all cores, with no network and no database;
//   - pipeline: `wardcrawl crawl` of the farm, end to end, into a fresh
//     database, in a child process (so its peak RSS is its own);
//   - peers: `wget --mirror` (when installed) and a plain colly crawl that
//     only fetches, at the same concurrency: one connection per site;
//   - export: the pipeline's database to JSONL.
//
// Every figure is measured in the one run; ratios compare figures of that
// run only.
package bench

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/export"
	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// Options configure a benchmark run.
type Options struct {
	// Articles is how many article pages the farm has (default 20,000);
	// listings and home pages come on top.
	Articles int
	// Double also crawls a farm twice as large, to show whether the
	// pipeline's memory grows with the crawl.
	Double bool
	// Peers runs wget (if installed) and the colly fetch-only crawl.
	Peers bool
	// Wardcrawl is the command that runs wardcrawl (argv; "crawl …" is
	// appended), with Env as its environment (nil: this process's).
	Wardcrawl []string
	Env       []string
	// Dir holds the databases, wget's mirror and the export; it must exist.
	Dir string
	// CPUProfile, if set, is where the pipeline writes its CPU profile.
	CPUProfile string
	// Log gets a line as each measure starts (nil: none).
	Log io.Writer
}

// Measure is one row of the table.
type Measure struct {
	Name           string  `json:"name"`
	Pages          int     `json:"pages"`    // HTML pages fetched (or parsed)
	Articles       int     `json:"articles"` // articles extracted (ceiling), stored (pipeline) or exported
	Seconds        float64 `json:"seconds"`
	PagesPerSec    float64 `json:"pages_per_second,omitempty"`
	ArticlesPerSec float64 `json:"articles_per_second,omitempty"`
	PeakRSSMB      float64 `json:"peak_rss_mb,omitempty"`
	// CPUSeconds is user + system time: of the child processes, or of this
	// process for in-process measures (which then includes the farm's).
	CPUSeconds float64 `json:"cpu_seconds,omitempty"`
	// FarmCPUSeconds is this process's CPU time while children ran: the
	// farm serving them.
	FarmCPUSeconds float64 `json:"farm_cpu_seconds,omitempty"`
	// WrittenBytes is what the crawl process wrote (its own count,
	// WrittenBytes): the WAL and its checkpoints, mostly.
	WrittenBytes int64  `json:"written_bytes,omitempty"`
	Note         string `json:"note,omitempty"`
	Skipped      bool   `json:"skipped,omitempty"`
}

// Ratio is a figure of one measure over the same figure of another, or,
// in Result.Targets, a figure held against the target for it.
type Ratio struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	Target string  `json:"target,omitempty"` // e.g. ">= 0.70"
	Met    *bool   `json:"met,omitempty"`
}

// Result is a whole run.
type Result struct {
	Farm struct {
		Sites    int      `json:"sites"`
		Layouts  []string `json:"layouts"`
		Articles int      `json:"articles"`
		Pages    int      `json:"pages"` // articles, listings and home pages
	} `json:"farm"`
	CPUs          int       `json:"cpus"`
	Connections   int       `json:"connections"` // in flight at once, for every crawler: one per site
	Measures      []Measure `json:"measures"`
	DBBytes       int64     `json:"db_bytes"`
	DBPerArticleB float64   `json:"db_bytes_per_article"`
	// SiteModels: each farm site's model after the pipeline's crawl (and
	// the doubled farm's): its size in the store, and the peak of the
	// pages it held back while it learnt the site.
	SiteModels   []SiteModel `json:"site_models,omitempty"`
	SiteModels2x []SiteModel `json:"site_models_2x,omitempty"`
	Ratios       []Ratio     `json:"ratios"`
	Targets      []Ratio     `json:"targets"`
	Profile      string      `json:"cpu_profile,omitempty"`
}

func (r *Result) measure(name string) *Measure {
	for i := range r.Measures {
		if r.Measures[i].Name == name {
			return &r.Measures[i]
		}
	}
	return nil
}

// Measure names.
const (
	Ceiling   = "ceiling"
	Pipeline  = "pipeline"
	Pipeline2 = "pipeline-2x"
	Wget      = "wget"
	Colly     = "colly"
	Export    = "export-jsonl"
)

// Serve serves a farm of the given size until ctx ends, after writing the
// crawl configuration of it (with db as its database) to cfg: for
// profiling a crawl, or measuring another crawler, by hand.
func Serve(ctx context.Context, articles int, cfg, db string, log io.Writer) error {
	f := farm.New(articles)
	if err := f.Start("127.0.0.1"); err != nil {
		return err
	}
	defer f.Close()
	if err := farmConfig(f, cfg, db); err != nil {
		return err
	}
	for _, s := range f.Sites {
		logf(log, "%s: %s/ (%d articles)", s.Name, s.URL, s.Articles)
	}
	logf(log, "serving %d pages; crawl configuration in %s; interrupt to stop", f.Pages(), cfg)
	<-ctx.Done()
	return nil
}

// SiteModel is one site's model as the benchmark reports it.
type SiteModel struct {
	Site          string `json:"site"`
	Articles      int    `json:"articles_counted"`
	Blocks        int    `json:"blocks"`
	Chrome        int    `json:"chrome_blocks"`
	StoredBytes   int64  `json:"stored_bytes"`
	HeldPeakPages int    `json:"held_peak_pages"`
	HeldPeakBytes int64  `json:"held_peak_bytes"`
}

// Run runs the benchmark.
func Run(ctx context.Context, opt Options) (*Result, error) {
	if opt.Articles <= 0 {
		opt.Articles = 20000
	}
	if len(opt.Wardcrawl) == 0 {
		return nil, errors.New("bench: no wardcrawl command to run the pipeline with")
	}
	f := farm.New(opt.Articles)
	if err := f.Start("127.0.0.1"); err != nil {
		return nil, err
	}
	defer f.Close()
	res := &Result{CPUs: runtime.GOMAXPROCS(0), Connections: len(f.Sites), Profile: opt.CPUProfile}
	res.Farm.Sites, res.Farm.Articles, res.Farm.Pages = len(f.Sites), f.Articles(), f.Pages()
	for _, s := range f.Sites {
		res.Farm.Layouts = append(res.Farm.Layouts, s.Family)
	}

	logf(opt.Log, "ceiling: parse + extract + hash of %d pages on %d cores", res.Farm.Pages, res.CPUs)
	ceiling, err := measureCeiling(ctx, f)
	if err != nil {
		return nil, err
	}
	res.Measures = append(res.Measures, ceiling)

	logf(opt.Log, "pipeline: wardcrawl crawl of %d sites into a fresh database", len(f.Sites))
	pipe, db, models, err := measurePipeline(ctx, opt, f, filepath.Join(opt.Dir, "pipeline"), opt.CPUProfile)
	if err != nil {
		return nil, err
	}
	res.SiteModels = models
	pipe.Name = Pipeline
	res.Measures = append(res.Measures, pipe)
	if fi, err := os.Stat(db); err == nil {
		res.DBBytes = fi.Size()
		if wal, err := os.Stat(db + "-wal"); err == nil {
			res.DBBytes += wal.Size()
		}
		if pipe.Articles > 0 {
			res.DBPerArticleB = float64(res.DBBytes) / float64(pipe.Articles)
		}
	}

	logf(opt.Log, "export: the pipeline's database to JSONL")
	exp, err := measureExport(ctx, db, filepath.Join(opt.Dir, "export.jsonl"))
	if err != nil {
		return nil, err
	}
	res.Measures = append(res.Measures, exp)

	if opt.Double {
		f2 := farm.New(2 * opt.Articles)
		if err := f2.Start("127.0.0.1"); err != nil {
			return nil, err
		}
		logf(opt.Log, "pipeline-2x: wardcrawl crawl of a farm twice as large (%d pages)", f2.Pages())
		p2, _, models2, err := measurePipeline(ctx, opt, f2, filepath.Join(opt.Dir, "pipeline-2x"), "")
		f2.Close()
		if err != nil {
			return nil, err
		}
		res.SiteModels2x = models2
		p2.Name = Pipeline2
		res.Measures = append(res.Measures, p2)
	}

	if opt.Peers {
		logf(opt.Log, "wget --mirror: one process per site")
		res.Measures = append(res.Measures, measureWget(ctx, f, filepath.Join(opt.Dir, "wget")))
		logf(opt.Log, "colly: fetch-only crawl, one collector per site")
		res.Measures = append(res.Measures, measureColly(ctx, f))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.ratios()
	return res, nil
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

func (m *Measure) rates(seconds float64) {
	m.Seconds = seconds
	if seconds > 0 {
		m.PagesPerSec = float64(m.Pages) / seconds
		m.ArticlesPerSec = float64(m.Articles) / seconds
	}
}

// page is one rendered farm page, for the ceiling.
type page struct {
	site string
	url  string
	body []byte
}

// measureCeiling renders every farm page first, then times parsing,
// extraction and hashing of them all on GOMAXPROCS workers, through the
// same function the crawler uses for each fetched page.
func measureCeiling(ctx context.Context, f *farm.Farm) (Measure, error) {
	var pages []page
	for _, s := range f.Sites {
		for _, p := range s.Paths() {
			body, _, _ := s.Page(p)
			pages = append(pages, page{s.Name, s.URL + p, []byte(body)})
		}
	}
	sites := map[string]config.Site{}
	for _, s := range f.Sites {
		sites[s.Name] = config.Site{Name: s.Name, StartURLs: []string{s.URL + "/"}, Settings: config.BuiltinDefaults()}
	}
	var next, articles atomic.Int64
	var firstErr error
	var mu sync.Mutex
	var wg sync.WaitGroup
	runtime.GC()
	start, cpu0 := time.Now(), selfCPU()
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(pages) {
					return
				}
				p := pages[i]
				doc, err := parsers.ParseHTML(p.body, "text/html; charset=utf-8")
				if err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, fmt.Errorf("ceiling: parse %s: %w", p.url, err))
					mu.Unlock()
					continue
				}
				fetch := storage.Fetch{Site: p.site, URL: p.url, Status: 200, ContentType: "text/html; charset=utf-8", FetchedAt: start, Bytes: len(p.body)}
				if crawler.ArticlePage(sites[p.site], fetch, doc).Article != nil {
					articles.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	m := Measure{Name: Ceiling, Pages: len(pages), Articles: int(articles.Load()), Note: "in-process, no network, no database"}
	m.rates(time.Since(start).Seconds())
	m.CPUSeconds = selfCPU() - cpu0
	if err := ctx.Err(); err != nil {
		return m, err
	}
	return m, firstErr
}

// farmConfig writes the crawl configuration of the farm.
func farmConfig(f *farm.Farm, path, db string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "storage: {path: %q}\n", db)
	b.WriteString("defaults: {delay: 0s, parallelism: 1, max_depth: 0, recheck_after: 0s}\nsites:\n")
	for _, s := range f.Sites {
		fmt.Fprintf(&b, "  - name: %s\n    start_urls: [%q]\n", s.Name, s.URL+"/")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// crawlSummary is what the bench reads of `wardcrawl crawl --json`: the
// run's status, each site's figures, and what the process itself
// measured (its peak RSS, what it wrote).
type crawlSummary struct {
	Status       string                 `json:"status"`
	Sites        []storage.RunSiteStats `json:"sites"`
	PeakBytes    int64                  `json:"peak_rss_bytes"`
	WrittenBytes int64                  `json:"written_bytes"`
}

// measurePipeline runs `wardcrawl crawl` of the farm into a fresh
// database in dir and returns its figures and the database's path.
func measurePipeline(ctx context.Context, opt Options, f *farm.Farm, dir, profile string) (Measure, string, []SiteModel, error) {
	m := Measure{Name: Pipeline}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return m, "", nil, fmt.Errorf("pipeline: %w", err)
	}
	db := filepath.Join(dir, "wardcrawl.db")
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return m, "", nil, fmt.Errorf("pipeline: fresh database: %w", err)
		}
	}
	cfg := filepath.Join(dir, "farm.yaml")
	if err := farmConfig(f, cfg, db); err != nil {
		return m, "", nil, fmt.Errorf("pipeline: %w", err)
	}
	args := append(append([]string{}, opt.Wardcrawl[1:]...), "crawl", "--config", cfg, "--json", "-q")
	if profile != "" {
		args = append(args, "--cpuprofile", profile)
	}
	cmd := exec.CommandContext(ctx, opt.Wardcrawl[0], args...)
	cmd.Env = opt.Env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	f.Reset()
	start, cpu0 := time.Now(), selfCPU()
	err := cmd.Run()
	elapsed := time.Since(start).Seconds()
	m.FarmCPUSeconds = selfCPU() - cpu0
	if err != nil {
		return m, db, nil, fmt.Errorf("pipeline: wardcrawl crawl: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var sum crawlSummary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		return m, db, nil, fmt.Errorf("pipeline: read the crawl's summary: %w", err)
	}
	m.WrittenBytes = sum.WrittenBytes
	for _, s := range sum.Sites {
		m.Articles += s.ArticlesNew
	}
	m.Pages = f.Served().Pages
	m.rates(elapsed)
	m.PeakRSSMB = float64(sum.PeakBytes) / (1 << 20)
	m.CPUSeconds = childCPU(cmd.ProcessState)
	m.Note = fmt.Sprintf("wardcrawl crawl, one process; %d of %d farm articles stored", m.Articles, f.Articles())
	models, err := siteModels(ctx, db, sum.Sites)
	return m, db, models, err
}

// siteModels reads the crawl's site-model figures and the stored models'
// sizes.
func siteModels(ctx context.Context, db string, sites []storage.RunSiteStats) ([]SiteModel, error) {
	st, err := storage.Open(ctx, db, storage.Options{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("pipeline: site models: %w", err)
	}
	defer st.Close()
	sizes, err := st.ModelSizes(ctx)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	stored := map[string]int64{}
	for _, s := range sizes {
		stored[s.Site] = s.Bytes
	}
	var out []SiteModel
	for _, s := range sites {
		out = append(out, SiteModel{Site: s.Site, Articles: s.ModelArticles, Blocks: s.ModelBlocks, Chrome: s.ModelChrome,
			StoredBytes: stored[s.Site], HeldPeakPages: s.HeldPeakPages, HeldPeakBytes: s.HeldPeakBytes})
	}
	return out, nil
}

// measureExport times writing the pipeline's database as JSONL to a file.
func measureExport(ctx context.Context, db, out string) (Measure, error) {
	m := Measure{Name: Export, Note: "storage → JSONL file, in-process"}
	st, err := storage.Open(ctx, db, storage.Options{MustExist: true})
	if err != nil {
		return m, fmt.Errorf("export: %w", err)
	}
	defer st.Close()
	start, cpu0 := time.Now(), selfCPU()
	var sum export.Summary
	err = export.ToFile(out, func(w io.Writer) (err error) {
		sum, err = export.Write(ctx, st, w, "jsonl", export.Options{})
		return err
	})
	if err != nil {
		return m, fmt.Errorf("export: %w", err)
	}
	m.Articles = sum.Records
	m.rates(time.Since(start).Seconds())
	m.CPUSeconds = selfCPU() - cpu0
	return m, nil
}

// measureWget mirrors every site with its own wget process, all at once.
func measureWget(ctx context.Context, f *farm.Farm, dir string) Measure {
	m := Measure{Name: Wget}
	bin, err := exec.LookPath("wget")
	if err != nil {
		m.Skipped, m.Note = true, "wget is not installed"
		return m
	}
	if err := os.RemoveAll(dir); err != nil {
		m.Skipped, m.Note = true, err.Error()
		return m
	}
	f.Reset()
	start, cpu0 := time.Now(), selfCPU()
	cmds := make([]*exec.Cmd, len(f.Sites))
	errs := make([]error, len(f.Sites))
	var wg sync.WaitGroup
	peaks := make([]int64, len(f.Sites))
	for i, s := range f.Sites {
		cmds[i] = exec.CommandContext(ctx, bin, "--mirror", "--quiet", "--tries=1", "--timeout=30",
			"--directory-prefix", filepath.Join(dir, s.Name), s.URL+"/")
		if errs[i] = cmds[i].Start(); errs[i] != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			stop := watchPeakRSS(cmds[i].Process.Pid)
			errs[i] = cmds[i].Wait()
			peaks[i] = stop()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	m.FarmCPUSeconds = selfCPU() - cpu0
	for i, err := range errs {
		// 8: the server answered some request with an error (the 404s).
		var ee *exec.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 8) {
			m.Skipped, m.Note = true, fmt.Sprintf("wget of %s failed: %v", f.Sites[i].Name, err)
			return m
		}
		m.PeakRSSMB += float64(peaks[i]) / (1 << 20)
		m.CPUSeconds += childCPU(cmds[i].ProcessState)
	}
	served := f.Served()
	m.Pages = served.Pages
	m.rates(elapsed)
	m.Note = fmt.Sprintf("%d processes, fetch and save to disk; RSS summed, sampled every 10 ms", len(f.Sites))
	return m
}

// measureColly crawls every site with a plain colly collector that only
// fetches pages and follows their links (one request in flight per site).
func measureColly(ctx context.Context, f *farm.Farm) Measure {
	m := Measure{Name: Colly, Note: "in-process (CPU includes the farm's), follows a[href], stores nothing"}
	f.Reset()
	start, cpu0 := time.Now(), selfCPU()
	var wg sync.WaitGroup
	for _, s := range f.Sites {
		u, _ := url.Parse(s.URL)
		c := colly.NewCollector(colly.AllowedDomains(u.Hostname()), colly.Async(true))
		c.Context = ctx
		c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: 1})
		c.OnHTML("a[href]", func(e *colly.HTMLElement) {
			if link, err := url.Parse(e.Request.AbsoluteURL(e.Attr("href"))); err == nil && link.Host == u.Host {
				e.Request.Visit(link.String())
			}
		})
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Visit(s.URL + "/")
			c.Wait()
		}()
	}
	wg.Wait()
	m.Pages = f.Served().Pages
	m.rates(time.Since(start).Seconds())
	m.CPUSeconds = selfCPU() - cpu0
	return m
}

// ratios compares the figures and holds them against the targets.
func (r *Result) ratios() {
	check := func(list *[]Ratio, name, unit string, v float64, min, max *float64) {
		q := Ratio{Name: name, Value: v, Unit: unit}
		switch {
		case min != nil:
			met := v >= *min
			q.Target, q.Met = ">= "+num(*min), &met
		case max != nil:
			met := v < *max
			q.Target, q.Met = "< "+num(*max), &met
		}
		*list = append(*list, q)
	}
	ratio := func(name string, a, b float64, min, max *float64) {
		if a > 0 && b > 0 {
			check(&r.Ratios, name, "", a/b, min, max)
		}
	}
	f := func(v float64) *float64 { return &v }
	pipe, ceil := r.measure(Pipeline), r.measure(Ceiling)
	ratio("pipeline/ceiling", pipe.PagesPerSec, ceil.PagesPerSec, f(0.7), nil)
	if m := r.measure(Wget); m != nil && !m.Skipped {
		ratio("pipeline/wget", pipe.PagesPerSec, m.PagesPerSec, f(1), nil)
	}
	if m := r.measure(Colly); m != nil && !m.Skipped {
		ratio("pipeline/colly", pipe.PagesPerSec, m.PagesPerSec, nil, nil)
	}
	if m := r.measure(Pipeline2); m != nil {
		// Flat: doubling the farm (and every site's model and hold) costs
		// at most a tenth more memory.
		ratio("rss pipeline-2x/pipeline", m.PeakRSSMB, pipe.PeakRSSMB, nil, f(1.10))
		check(&r.Targets, "pipeline-2x peak RSS", "MB", m.PeakRSSMB, nil, f(200))
	}
	if pipe.PeakRSSMB > 0 {
		check(&r.Targets, "pipeline peak RSS", "MB", pipe.PeakRSSMB, nil, f(200))
	}
	if m := r.measure(Export); m != nil {
		check(&r.Targets, "export JSONL", "articles/s", m.ArticlesPerSec, f(20000), nil)
	}
}

// num formats a figure: two decimals below 10, thousands grouped above.
func num(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.2f", v)
	}
	s := fmt.Sprintf("%.0f", v)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
