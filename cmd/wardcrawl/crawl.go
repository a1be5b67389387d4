package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl/bench"
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/serve"
	"github.com/wardcrawl/wardcrawl/storage"
)

type crawlFlags struct {
	config, db    string
	sites         []string
	quiet, asJSON bool
	verbose, wait bool
	maxActive     int // the config's max_active_sites
	leaseTime     time.Duration
	alerts        []config.Alert
}

func crawlCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var f crawlFlags
	c := &cobra.Command{
		Use:   "crawl",
		Short: "Crawl the configured sites and store their articles",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := config.Load(f.config)
			if err != nil {
				var ce *config.Error
				if errors.As(err, &ce) {
					return err
				}
				return usageError{err}
			}
			sites, err := cfg.SelectSites(f.sites)
			if err != nil {
				return usageError{err}
			}
			f.maxActive, f.alerts = cfg.MaxActiveSites, cfg.Alerts
			return runCrawl(ctx, stdout, stderr, dbPath(f.db, cfg), sites, f)
		},
	}
	c.Flags().StringVar(&f.config, "config", "config.yaml", "configuration file")
	c.Flags().StringVar(&f.db, "db", "", "SQLite file or postgres:// URL (default: storage.path in the config, else wardcrawl.db)")
	c.Flags().StringArrayVar(&f.sites, "site", nil, "crawl only this site (repeatable)")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print only errors")
	c.Flags().BoolVar(&f.asJSON, "json", false, "print the run summary as JSON")
	c.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "log every skipped link and retry")
	c.Flags().BoolVar(&f.wait, "wait", false, "if another crawl holds the database, wait for it instead of exiting with code 75")
	c.Flags().DurationVar(&f.leaseTime, "lease-time", defaultLeaseTime, "PostgreSQL workers: how long this worker's site leases last without a heartbeat (a dead worker's sites wait that long)")
	return c
}

func runCrawl(ctx context.Context, stdout, stderr io.Writer, db string, sites []config.Site, f crawlFlags) error {
	log := newLogger(stderr, f.quiet, f.verbose)
	st, closeDB, err := openForCrawl(ctx, db, f.wait, log)
	if err != nil {
		return err
	}
	defer closeDB()
	opt := crawler.Options{Logger: log, MaxActiveSites: f.maxActive}
	leave, err := joinWorkers(ctx, st, &opt, f.leaseTime, log)
	if err != nil {
		return err
	}
	defer leave()
	var bar *progress
	if !f.quiet && !f.asJSON && isTerminal(stdout) {
		bar = newProgress(stderr, sites)
		opt.Progress = bar.update
		opt.Logger = newLogger(bar, f.quiet, f.verbose) // warnings above the progress block
	}
	sum, err := crawler.New(st, opt).Run(ctx, sites)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		return err
	}
	// Alerts: the articles this run stored first that match a saved
	// search go to its webhook, after the crawl (an interrupted run's too,
	// within two minutes).
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	deliveries := serve.DeliverAlerts(actx, st, sum.RunID, f.alerts, serve.AlertOptions{Logger: log})
	cancel()
	switch {
	case f.asJSON:
		peak, _ := bench.PeakRSS(0)
		written, _ := bench.WrittenBytes(0)
		if err := printJSON(stdout, struct {
			crawler.Summary
			DurationSeconds float64                 `json:"duration_seconds"`
			DB              string                  `json:"db"`
			PeakRSSBytes    int64                   `json:"peak_rss_bytes,omitempty"` // this process's (Linux)
			WrittenBytes    int64                   `json:"written_bytes,omitempty"`  // what this process wrote: WAL, checkpoints, archives (Linux)
			Alerts          []storage.AlertDelivery `json:"alerts,omitempty"`
		}{sum, sum.Duration.Seconds(), db, peak, written, deliveries}); err != nil {
			return err
		}
	case !f.quiet:
		printSummary(stdout, sum)
		for _, d := range deliveries {
			if d.Error != "" {
				fmt.Fprintf(stdout, "alert %s: %d articles NOT delivered after %d attempts: %s\n", d.Alert, d.Articles, d.Attempts, d.Error)
			} else {
				fmt.Fprintf(stdout, "alert %s: %d articles delivered\n", d.Alert, d.Articles)
			}
		}
	default:
		// Quiet (cron) mode prints only what needs a person: a site that
		// may have been lost without an error is one.
		for _, s := range sum.Sites {
			if s.Warning != "" {
				fmt.Fprintf(stdout, "%s: WARNING: %s\n", s.Site, s.Warning)
			}
		}
	}
	if sum.Status == "interrupted" {
		return errInterrupted
	}
	if sum.Failed() {
		var failed []string
		for _, s := range sum.Sites {
			if s.Error != "" {
				failed = append(failed, s.Site+" ("+s.Error+")")
			}
		}
		return fmt.Errorf("%d of %d sites failed: %s", len(failed), len(sum.Sites), strings.Join(failed, "; "))
	}
	return nil
}

func printSummary(w io.Writer, sum crawler.Summary) {
	for _, s := range sum.Sites {
		line := siteLine(s)
		if s.Error != "" {
			line += " — FAILED: " + s.Error
		}
		fmt.Fprintln(w, line)
		if s.Warning != "" {
			fmt.Fprintf(w, "%s: WARNING: %s\n", s.Site, s.Warning)
		}
	}
	fmt.Fprintf(w, "run %d %s in %s\n", sum.RunID, sum.Status, fmtDuration(sum.Duration))
}
