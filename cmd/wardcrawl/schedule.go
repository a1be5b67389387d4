package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/serve"
)

func scheduleCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var f crawlFlags
	var jsonLogs bool
	c := &cobra.Command{
		Use:   "schedule",
		Short: "Run as a daemon: crawl each site on its cron schedule (schedule: in the config)",
		Long: `schedule keeps running and crawls each site whose config has a schedule:
(a cron expression such as "0 */6 * * *", in the machine's time zone unless
it starts with CRON_TZ=Asia/Ho_Chi_Minh). A site is never crawled twice at
once: a run still going when the next is due makes that one wait. The daemon
holds the database's crawl lock, so a cron "wardcrawl crawl" on the same
database exits with code 75 meanwhile. SIGTERM or SIGINT stops it cleanly:
running crawls put their in-flight URLs back, record their summaries, and
the daemon exits 0.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := config.Load(f.config)
			if err != nil {
				return err
			}
			sites, err := cfg.SelectSites(f.sites)
			if err != nil {
				return usageError{err}
			}
			var scheduled []config.Site
			for _, s := range sites {
				if s.Schedule != "" {
					scheduled = append(scheduled, s)
				}
			}
			if len(scheduled) == 0 {
				return usageError{fmt.Errorf("%s: no site has a schedule (add schedule: \"0 */6 * * *\" to defaults or a site)", cfg.File)}
			}
			level := slog.LevelInfo
			if f.verbose {
				level = slog.LevelDebug
			}
			var h slog.Handler = slog.NewTextHandler(stderr, logOptions(level))
			if jsonLogs {
				h = slog.NewJSONHandler(stderr, logOptions(level))
			}
			return runSchedule(ctx, slog.New(h), dbPath(f.db, cfg), scheduled, cfg.Alerts, f.wait)
		},
	}
	c.Flags().StringVar(&f.config, "config", "config.yaml", "configuration file")
	c.Flags().StringVar(&f.db, "db", "", "SQLite file or postgres:// URL (default: storage.path in the config, else wardcrawl.db)")
	c.Flags().StringArrayVar(&f.sites, "site", nil, "schedule only this site (repeatable)")
	c.Flags().BoolVar(&f.wait, "wait", false, "if another crawl holds the database, wait for it instead of exiting with code 75")
	c.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "debug logs")
	c.Flags().BoolVar(&jsonLogs, "json-logs", false, "log as JSON lines (for journald or a log shipper)")
	return c
}

// runSchedule crawls each site on its cron schedule until ctx ends.
func runSchedule(ctx context.Context, log *slog.Logger, db string, sites []config.Site, alerts []config.Alert, wait bool) error {
	st, closeDB, err := openForCrawl(ctx, db, wait, log)
	if err != nil {
		return err
	}
	defer closeDB()
	var opt crawler.Options
	leave, err := joinWorkers(ctx, st, &opt, defaultLeaseTime, log)
	if err != nil {
		return err
	}
	defer leave()
	s, err := gocron.NewScheduler(gocron.WithLogger(log), gocron.WithStopTimeout(2*time.Minute))
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	var alertsWG sync.WaitGroup
	for _, site := range sites {
		withSeconds, _ := config.ParseSchedule(site.Schedule) // checked when the config loaded
		task := func(jobCtx context.Context) {
			slog := log.With("site", site.Name)
			slog.Info("crawl starting")
			sum, err := crawler.New(st, crawler.Options{Logger: log, Leases: opt.Leases}).Run(jobCtx, []config.Site{site})
			if err != nil {
				slog.Error("crawl failed", "error", err)
				return
			}
			ss := sum.Sites[0]
			attrs := []any{"run", sum.RunID, "status", sum.Status, "duration", sum.Duration.Round(time.Millisecond), "pages", ss.PagesFetched,
				"articles", ss.ArticlesFound, "new", ss.ArticlesNew, "changed", ss.ArticlesChanged, "not_modified", ss.NotModified, "errors", ss.Errors}
			if ss.Error != "" {
				slog.Error("crawl finished; site failed", append(attrs, "error", ss.Error)...)
				return
			}
			slog.Info("crawl finished", attrs...)
			// Alerts go out beside the next crawls, never holding them up.
			alertsWG.Add(1)
			go func() {
				defer alertsWG.Done()
				serve.DeliverAlerts(context.WithoutCancel(jobCtx), st, sum.RunID, alertsFor(alerts, site.Name), serve.AlertOptions{Logger: slog})
			}()
		}
		j, err := s.NewJob(gocron.CronJob(site.Schedule, withSeconds), gocron.NewTask(task),
			gocron.WithName(site.Name), gocron.WithSingletonMode(gocron.LimitModeReschedule), gocron.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("schedule %s: %w", site.Name, err)
		}
		defer func() {
			next, _ := j.NextRun()
			log.Debug("job removed", "site", site.Name, "next_run_was", next)
		}()
	}
	defer alertsWG.Wait()
	s.Start()
	for _, j := range s.Jobs() {
		next, _ := j.NextRun()
		log.Info("scheduled", "site", j.Name(), "next_run", fmtTime(next))
	}
	<-ctx.Done()
	log.Info("stopping: waiting for running crawls to put their queues away")
	if err := s.Shutdown(); err != nil {
		return fmt.Errorf("scheduler shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// alertsFor are the alerts that watch a site: those naming it, and those
// naming none.
func alertsFor(alerts []config.Alert, site string) []config.Alert {
	var out []config.Alert
	for _, a := range alerts {
		if len(a.Sites) == 0 || slices.Contains(a.Sites, site) {
			out = append(out, a)
		}
	}
	return out
}
