package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/bench"
)

func benchCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var opt bench.Options
	var so bench.SitesOptions
	var asJSON, noPeers, quiet, incremental bool
	var dir, serve string
	var sites []int
	var searchArticles int
	var searchReuse bool
	var wo bench.WorkersOptions
	var c *cobra.Command
	c = &cobra.Command{
		Use:   "bench [--pages N] [--json] [--no-peers] [--double=false] [--profile FILE] [--dir DIR] | bench --sites N[,N...]",
		Short: "Measure the whole pipeline on a generated loopback farm against its ceiling and its peers",
		Long: `bench serves a generated farm of ward portals on 127.0.0.1 (one site per
CMS layout of the extraction corpus, N article pages in all plus their
listings, no delay, robots.txt allowing all) and measures, in one run:

  ceiling      parse + extract + hash of every farm page in-process, all cores
  pipeline     wardcrawl crawl of the farm, end to end, into a fresh database
               (a child process: pages/s, articles/s, its peak RSS, what it wrote)
  export-jsonl the pipeline's database exported to JSONL
  pipeline-2x  the same crawl of a farm twice as large (memory must stay flat)
  wget         wget --mirror of every site, one process per site (if installed)
  colly        a plain colly crawl that only fetches and follows links

Every crawler has one connection per site in flight. The table's ratios
compare figures of this run only.

With --sites N[,N...], bench measures instead many small portals crawled
politely by one process, as a config of every commune would be: N portals of
--per-site articles, each on its own loopback address (127.1.X.Y), answering
after --latency, crawled with --delay between requests and parallelism 1.
For each N it runs a first and an incremental crawl on a fresh database
and reports wall time, pages/s, articles stored of those expected, failed
sites and why, the crawl's peak RSS and open file descriptors, its CPU
time per page, and what it wrote per page (its database's WAL and
checkpoints, mostly).

With --incremental, bench measures what scheduled runs cost: the farm of
--pages articles crawled in full, twice more with nothing changed, once
after every site published 3 articles (every listing page changes; only
the first yields new links), and once more with nothing changed; with the
revisit schedule (adaptive_revisit) and without it, each on a fresh
database. Each row: pages fetched against the farm's pages and those that
changed, new articles stored, time and CPU.

With --search N, bench seeds a database with N articles drawn from the
corpus's words (150 words each), and reports the time to store and index
them, to rebuild the index alone, the index's share of the database, and
the p50 and p95 latency of single-word, three-word and phrase searches.

With --workers N[,N...] --db postgres://…, bench crawls one farm of
--worker-sites portals (each on its own loopback address, --per-site
articles, polite) once into SQLite with one process, then into PostgreSQL
with N worker processes sharing it, for each N, each in a database of its
own created on that server (the user needs CREATEDB) and dropped after.
Each row: time, pages/s, articles stored of those expected, pages fetched
more than once, and CPU per page, the workers' own and the whole
machine's (the database server's included).`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			out := benchOutput{dir: dir, asJSON: asJSON, quiet: quiet, stdout: stdout, stderr: stderr}
			if opt.Articles < 20 {
				return usageError{fmt.Errorf("--pages must be at least 20")}
			}
			if len(wo.Workers) > 0 {
				if !c.Flags().Changed("per-site") {
					so.PerSite = 0
				}
				if !c.Flags().Changed("latency") {
					so.Latency = 0
				}
				if !c.Flags().Changed("delay") {
					so.Delay = 0
				}
				wo.PerSite, wo.Latency, wo.Delay = so.PerSite, so.Latency, so.Delay
				return runWorkersBench(ctx, wo, out)
			}
			if len(sites) > 0 {
				return runSitesBench(ctx, so, sites, opt.CPUProfile, out)
			}
			if searchArticles > 0 {
				if searchReuse && dir == "" && wo.DB == "" {
					return usageError{fmt.Errorf("--search-reuse needs --dir: the directory an earlier --search run left its database in")}
				}
				return runSearchBench(ctx, bench.SearchOptions{Articles: searchArticles, Reuse: searchReuse, DB: wo.DB}, out)
			}
			if incremental {
				return runIncrementalBench(ctx, opt.Articles, out)
			}
			if serve != "" {
				err := bench.Serve(ctx, opt.Articles, serve, filepath.Join(filepath.Dir(serve), "farm.db"), stderr)
				if ctx.Err() != nil {
					return nil
				}
				return err
			}
			self, err := selfCommand()
			if err != nil {
				return err
			}
			opt.Wardcrawl, opt.Peers = self, !noPeers
			if opt.CPUProfile != "" {
				if opt.CPUProfile, err = filepath.Abs(opt.CPUProfile); err != nil {
					return fmt.Errorf("bench: %w", err)
				}
			}
			return runBench(out, func(dir string, log io.Writer) (*bench.Result, error) {
				opt.Dir, opt.Log = dir, log
				return bench.Run(ctx, opt)
			}, func(w io.Writer, r *bench.Result) error { return r.WriteTable(w) })
		},
	}
	c.Flags().IntVar(&opt.Articles, "pages", 20000, "article pages in the farm (listings come on top)")
	c.Flags().BoolVar(&opt.Double, "double", true, "also crawl a farm twice as large, to show memory stays flat")
	c.Flags().BoolVar(&noPeers, "no-peers", false, "skip wget and the colly fetch-only crawl")
	c.Flags().StringVar(&opt.CPUProfile, "profile", "", "write the pipeline's CPU profile to this file (go tool pprof); with --sites, a prefix: each crawl's CPU and heap profiles go to PREFIX-N-first.cpu, PREFIX-N-first.heap, PREFIX-N-incremental.cpu…")
	c.Flags().StringVar(&dir, "dir", "", "keep the databases, wget's mirror and the export here (default: a temporary directory, removed)")
	c.Flags().StringVar(&serve, "serve", "", "only serve the farm, after writing its crawl configuration to this file, until interrupted")
	c.Flags().BoolVar(&asJSON, "json", false, "print the result as one JSON object")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "do not print each measure as it starts")
	c.Flags().IntVar(&searchArticles, "search", 0, "measure full-text search instead: seed this many articles (e.g. 1000000), time the index and single-word, three-word and phrase queries")
	c.Flags().BoolVar(&searchReuse, "search-reuse", false, "with --search and --dir: time the queries again on the database an earlier --search run left there")
	c.Flags().BoolVar(&incremental, "incremental", false, "measure idle and news runs after a full crawl instead, with and without the revisit schedule")
	c.Flags().IntSliceVar(&sites, "sites", nil, "measure many small portals instead: N[,N...] sites")
	c.Flags().IntSliceVar(&wo.Workers, "workers", nil, "measure PostgreSQL workers instead: N[,N...] worker processes sharing one archive (needs --db postgres://…)")
	c.Flags().StringVar(&wo.DB, "db", "", "with --workers: the PostgreSQL server (postgres://…) to create the bench's databases on; with --search: an empty PostgreSQL archive to seed and query (with --search-reuse: one to query)")
	c.Flags().IntVar(&wo.Sites, "worker-sites", 40, "with --workers: portals in the farm")
	c.Flags().IntVar(&so.PerSite, "per-site", 20, "with --sites: articles per portal")
	c.Flags().DurationVar(&so.Latency, "latency", 20*time.Millisecond, "with --sites: how long each answer waits")
	c.Flags().DurationVar(&so.Delay, "delay", time.Second, "with --sites: the crawl's delay between requests to a site")
	c.Flags().IntVar(&so.MaxActive, "max-active", 0, "with --sites: max_active_sites (default: wardcrawl's)")
	c.Flags().IntVar(&so.FDLimit, "fd-limit", 0, "with --sites: the crawl's open-file limit (default: inherited)")
	return c
}

// runWorkersBench runs bench --workers.
func runWorkersBench(ctx context.Context, wo bench.WorkersOptions, out benchOutput) error {
	for _, n := range wo.Workers {
		if n < 1 || n > 64 {
			return usageError{fmt.Errorf("--workers %d: between 1 and 64", n)}
		}
	}
	if wo.DB == "" {
		return usageError{fmt.Errorf("--workers needs --db postgres://…")}
	}
	self, err := selfCommand()
	if err != nil {
		return err
	}
	return runBench(out, func(dir string, log io.Writer) ([]bench.WorkersRun, error) {
		wo.Wardcrawl, wo.Dir, wo.Log = self, dir, log
		return bench.RunWorkers(ctx, wo)
	}, bench.WriteWorkers)
}

// runSearchBench runs bench --search.
func runSearchBench(ctx context.Context, opt bench.SearchOptions, out benchOutput) error {
	return runBench(out, func(dir string, log io.Writer) (bench.SearchBench, error) {
		opt.Dir, opt.Log = dir, log
		return bench.RunSearch(ctx, opt)
	}, bench.WriteSearch)
}

// runIncrementalBench runs bench --incremental.
func runIncrementalBench(ctx context.Context, articles int, out benchOutput) error {
	self, err := selfCommand()
	if err != nil {
		return err
	}
	return runBench(out, func(dir string, log io.Writer) ([]bench.IncrementalRun, error) {
		return bench.RunIncremental(ctx, bench.IncrementalOptions{Articles: articles, Wardcrawl: self, Dir: dir, Log: log})
	}, bench.WriteIncremental)
}

// runSitesBench runs bench --sites.
func runSitesBench(ctx context.Context, so bench.SitesOptions, sites []int, profile string, out benchOutput) error {
	for _, n := range sites {
		if n < 1 || n > 60000 {
			return usageError{fmt.Errorf("--sites %d: between 1 and 60000 (one loopback address each)", n)}
		}
	}
	self, err := selfCommand()
	if err != nil {
		return err
	}
	so.Sites, so.Wardcrawl, so.Profile = sites, self, profile
	if so.Profile != "" {
		if so.Profile, err = filepath.Abs(so.Profile); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
	}
	return runBench(out, func(dir string, log io.Writer) ([]bench.SitesRun, error) {
		so.Dir, so.Log = dir, log
		return bench.RunSites(ctx, so)
	}, bench.WriteSites)
}

// benchOutput is where every bench mode keeps its files and what it
// prints: --dir, --json, --quiet and the command's streams.
type benchOutput struct {
	dir            string
	asJSON, quiet  bool
	stdout, stderr io.Writer
}

// runBench is what the bench modes share around their measure: the
// directory (--dir, else a temporary one, removed after), the progress
// log (none with --quiet), and the result printed as JSON or as the
// mode's table.
func runBench[T any](out benchOutput, run func(dir string, log io.Writer) (T, error), table func(io.Writer, T) error) error {
	dir, cleanup, err := benchDir(out.dir)
	if err != nil {
		return err
	}
	defer cleanup()
	var log io.Writer
	if !out.quiet {
		log = out.stderr
	}
	res, err := run(dir, log)
	if err != nil {
		return err
	}
	if out.asJSON {
		return printJSON(out.stdout, res)
	}
	return table(out.stdout, res)
}

// selfCommand is how bench runs wardcrawl: this very binary.
func selfCommand() ([]string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("bench: find wardcrawl's own binary: %w", err)
	}
	return []string{self}, nil
}

// benchDir is where a bench keeps its databases: the --dir given
// (created if missing, kept), else a temporary directory that cleanup
// removes.
func benchDir(dir string) (string, func(), error) {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", nil, fmt.Errorf("bench: %w", err)
		}
		return dir, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "wardcrawl-bench-")
	if err != nil {
		return "", nil, fmt.Errorf("bench: %w", err)
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}
