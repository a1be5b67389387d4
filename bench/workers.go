package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/storage"
)

// The workers benchmark: one farm of portals crawled into PostgreSQL by
// 1, 2, 4… worker processes sharing it, and by one process into SQLite,
// in one run. On a machine of few cores the point is correctness (every
// article stored once) and what the backend costs per page, not a
// speed-up: each row gives the workers' own CPU per page and the whole
// machine's (the database server's work included).
//
// Each PostgreSQL row crawls into a database of its own, created on the
// server --db names and dropped after (the user needs CREATEDB).

// WorkersOptions configure the workers benchmark.
type WorkersOptions struct {
	Workers   []int
	DB        string        // postgres://… (a server the bench may create databases on)
	Sites     int           // portals (default 40)
	PerSite   int           // articles per portal (default 25)
	Latency   time.Duration // every answer's delay (default 5 ms)
	Delay     time.Duration // between requests to a site (default 20 ms)
	Wardcrawl []string
	Env       []string
	Dir       string
	Log       io.Writer
}

// WorkersRun is one crawl of the farm.
type WorkersRun struct {
	Backend           string  `json:"backend"` // sqlite, postgres
	Workers           int     `json:"workers"`
	Seconds           float64 `json:"seconds"`
	Pages             int     `json:"pages"` // HTML pages the farm served
	PagesPerSec       float64 `json:"pages_per_second"`
	Stored            int     `json:"articles_stored"`
	Expected          int     `json:"articles_expected"`
	CPUPerPageMs      float64 `json:"cpu_per_page_ms"`         // the workers' own
	MachineCPUPerPage float64 `json:"machine_cpu_per_page_ms"` // every process's, the database server's too
	RefetchedPages    int     `json:"refetched_pages"`         // served more than once
	WorkersOK         bool    `json:"workers_ok"`              // every worker exited 0
}

// RunWorkers crawls the farm once into SQLite, then into PostgreSQL with
// each number of workers.
func RunWorkers(ctx context.Context, opt WorkersOptions) ([]WorkersRun, error) {
	if !storage.IsPostgresURL(opt.DB) {
		return nil, fmt.Errorf("bench: --workers needs --db postgres://…: %w", storage.ErrNotPostgres)
	}
	opt.Sites = cmpOr(opt.Sites, 40)
	opt.PerSite = cmpOr(opt.PerSite, 25)
	if opt.Latency == 0 {
		opt.Latency = 5 * time.Millisecond
	}
	if opt.Delay == 0 {
		opt.Delay = 20 * time.Millisecond
	}
	f := farm.NewSites(opt.Sites, opt.PerSite)
	f.Latency = opt.Latency
	f.LogRequests()
	if err := f.StartSpread(); err != nil {
		return nil, err
	}
	defer f.Close()
	var out []WorkersRun
	db := filepath.Join(opt.Dir, "workers-sqlite.db")
	logf(opt.Log, "workers: 1 process into SQLite, %d portals of %d articles", opt.Sites, opt.PerSite)
	r, err := crawlWorkers(ctx, opt, f, db, 1)
	if err != nil {
		return out, err
	}
	r.Backend = "sqlite"
	out = append(out, r)
	for _, n := range opt.Workers {
		dsn, drop, err := benchDatabase(ctx, opt.DB, n)
		if err != nil {
			return out, err
		}
		logf(opt.Log, "workers: %d into PostgreSQL (%s)", n, storage.RedactURL(dsn))
		r, err := crawlWorkers(ctx, opt, f, dsn, n)
		drop()
		if err != nil {
			return out, err
		}
		r.Backend = "postgres"
		out = append(out, r)
	}
	return out, nil
}

func cmpOr(v, d int) int {
	if v > 0 {
		return v
	}
	return d
}

// benchDatabase creates an empty database on the server of dsn for n
// workers' run; drop removes it.
func benchDatabase(ctx context.Context, dsn string, n int) (string, func(), error) {
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", nil, fmt.Errorf("bench: connect to %s: %w", storage.RedactURL(dsn), err)
	}
	name := fmt.Sprintf("wardcrawl_bench_%d_%d", os.Getpid(), n)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close(ctx)
		return "", nil, fmt.Errorf("bench: create database %s (the user needs CREATEDB): %w", name, err)
	}
	u, _ := url.Parse(dsn)
	u.Path = "/" + name
	drop := func() {
		admin.Exec(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close(context.WithoutCancel(ctx))
	}
	return u.String(), drop, nil
}

// crawlWorkers runs n crawl processes into db at once and measures them.
func crawlWorkers(ctx context.Context, opt WorkersOptions, f *farm.Farm, db string, n int) (WorkersRun, error) {
	r := WorkersRun{Workers: n, Expected: f.Articles()}
	cfg := filepath.Join(opt.Dir, fmt.Sprintf("workers-%d.yaml", n))
	if err := sitesConfig(f, cfg, db, SitesOptions{Delay: opt.Delay}); err != nil {
		return r, err
	}
	f.Reset()
	before := len(f.Requests())
	cpu0, _ := machineCPU()
	start := time.Now()
	cmds := make([]*exec.Cmd, n)
	errs := make([]bytes.Buffer, n)
	for i := range cmds {
		args := append(append([]string{}, opt.Wardcrawl...), "crawl", "--config", cfg, "--json", "-q")
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		cmd.Env, cmd.Stderr = opt.Env, &errs[i]
		if err := cmd.Start(); err != nil {
			return r, fmt.Errorf("bench: start wardcrawl: %w", err)
		}
		cmds[i] = cmd
	}
	r.WorkersOK = true
	var cpu float64
	var failed []string
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			r.WorkersOK = false
			failed = append(failed, fmt.Sprintf("worker %d: %v: %s", i, err, lastLines(errs[i].String(), 3)))
		}
		cpu += childCPU(cmd.ProcessState)
	}
	r.Seconds = time.Since(start).Seconds()
	cpu1, _ := machineCPU()
	r.Pages = f.Served().Pages
	if r.Seconds > 0 {
		r.PagesPerSec = float64(r.Pages) / r.Seconds
	}
	if r.Pages > 0 {
		r.CPUPerPageMs = cpu * 1000 / float64(r.Pages)
		r.MachineCPUPerPage = (cpu1 - cpu0).Seconds() * 1000 / float64(r.Pages)
	}
	seen := map[string]int{}
	for _, q := range f.Requests()[before:] {
		if q.Status == 200 && !strings.HasSuffix(q.Path, "robots.txt") {
			seen[q.Host+q.Path]++
		}
	}
	for _, c := range seen {
		r.RefetchedPages += c - 1
	}
	if len(failed) > 0 {
		return r, fmt.Errorf("bench: %s", strings.Join(failed, "; "))
	}
	var err error
	if r.Stored, err = storedArticles(ctx, db); err != nil {
		return r, err
	}
	logf(opt.Log, "  %.1f s, %.0f pages/s, %d of %d articles stored, %d pages fetched again, %.2f ms CPU per page (workers), %.2f (machine)",
		r.Seconds, r.PagesPerSec, r.Stored, r.Expected, r.RefetchedPages, r.CPUPerPageMs, r.MachineCPUPerPage)
	return r, nil
}

// machineCPU is the CPU time every process of the machine has used
// (/proc/stat: user, nice, system, irq, softirq, steal).
func machineCPU() (time.Duration, error) {
	fh, err := os.Open("/proc/stat")
	if err != nil {
		return 0, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	if !sc.Scan() {
		return 0, errors.New("empty /proc/stat")
	}
	fields := strings.Fields(sc.Text())
	if len(fields) < 9 || fields[0] != "cpu" {
		return 0, fmt.Errorf("/proc/stat: %q", sc.Text())
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} { // not idle (4), iowait (5)
		v, _ := strconv.ParseInt(fields[i], 10, 64)
		ticks += v
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil // USER_HZ is 100 on Linux
}

// WriteWorkers prints the workers benchmark as a table.
func WriteWorkers(w io.Writer, runs []WorkersRun) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "backend\tworkers\tseconds\tpages\tpages/s\tstored/expected\tfetched again\tCPU ms/page (workers)\tCPU ms/page (machine)\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%s\t%s\t%s/%s\t%d\t%.2f\t%.2f\t\n", r.Backend, r.Workers, r.Seconds, num(float64(r.Pages)), num(r.PagesPerSec),
			num(float64(r.Stored)), num(float64(r.Expected)), r.RefetchedPages, r.CPUPerPageMs, r.MachineCPUPerPage)
	}
	return tw.Flush()
}
