package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl"
	"github.com/wardcrawl/wardcrawl/archive"
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/storage"
)

type archiveFlags struct {
	out           string
	dbf           dbFlags
	assets        bool
	maxPages      int
	maxDepth      int
	warcSize      int64
	delay         time.Duration
	parallelism   int
	quiet, asJSON bool
	verbose, wait bool
}

func archiveCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var f archiveFlags
	defaults := config.BuiltinDefaults()
	c := &cobra.Command{
		Use:   "archive URL",
		Short: "Archive a whole site into WARC files (and its articles into the database)",
		Long: `archive crawls every page of the site at URL (its host only; same robots.txt,
politeness and trap rules as crawl; no config file needed) and writes each
HTTP exchange, as the bytes went over the wire, into WARC/1.1 files: a
warcinfo record per file, request and response records with their digests,
revisit records for payloads already archived, one gzip member per record.
A file is closed at --warc-size and the next begun; index.cdxj beside them
lets replay tools (pywb, ReplayWeb.page) find every capture.

Without --assets, pages and what they link to (attachments such as PDF and
DOC files) are archived; with it, each page's images, stylesheets and scripts
on the same host too.

The articles found go into the database as crawl would store them, each
tied to the WARC record that holds it. An interrupted archive leaves every
closed file whole; run the same command again to resume.`,
		Args: exactArgs(1, "the URL of the site to archive"),
		RunE: func(_ *cobra.Command, args []string) error {
			u, err := url.Parse(args[0])
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return usageError{fmt.Errorf("archive: %q is not an http(s) URL", args[0])}
			}
			if f.maxPages < 0 || f.maxDepth < 0 || f.parallelism < 1 || f.warcSize < 1 || f.delay < 0 {
				return usageError{errors.New("archive: --max-pages and --max-depth must be >= 0, --parallelism and --warc-size >= 1, --delay >= 0")}
			}
			if f.out == "" {
				f.out = "archive-" + strings.TrimPrefix(archive.FilePrefix(archive.SiteFor(u.String())), "wardcrawl-")
			}
			return runArchive(ctx, stdout, stderr, u.String(), f)
		},
	}
	c.Flags().StringVar(&f.out, "out", "", "directory for the WARC files and index.cdxj (default archive-HOST)")
	addDBFlags(c, &f.dbf, "")
	c.Flags().BoolVar(&f.assets, "assets", false, "also archive each page's images, stylesheets and scripts (same host)")
	c.Flags().IntVar(&f.maxPages, "max-pages", 0, "stop after this many fetches (0: no limit); run again to go on")
	c.Flags().IntVar(&f.maxDepth, "max-depth", defaults.MaxDepth, "follow links at most this many clicks from URL (0: no limit)")
	c.Flags().Int64Var(&f.warcSize, "warc-size", archive.DefaultMaxFileSize, "close a WARC file once it reaches this many bytes")
	c.Flags().DurationVar(&f.delay, "delay", defaults.Delay, "pause between requests to the host (robots.txt Crawl-delay wins if longer)")
	c.Flags().IntVar(&f.parallelism, "parallelism", defaults.Parallelism, "requests in flight to the host")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print only errors")
	c.Flags().BoolVar(&f.asJSON, "json", false, "print the summary as JSON")
	c.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "log every skipped link and retry")
	c.Flags().BoolVar(&f.wait, "wait", false, "if a crawl holds the database, wait for it instead of exiting with code 75")
	return c
}

// archiveSummary is what archive prints at the end.
type archiveSummary struct {
	URL          string               `json:"url"`
	Dir          string               `json:"dir"`
	Status       string               `json:"status"`
	Pages        int                  `json:"pages"`
	Articles     int                  `json:"articles"`
	ArticlesNew  int                  `json:"articles_new"`
	Errors       int                  `json:"errors"`
	Archive      archive.Stats        `json:"warc"`
	Seconds      float64              `json:"duration_seconds"`
	PagesPerSec  float64              `json:"pages_per_second"`
	BytesPerPage float64              `json:"bytes_per_page"`
	Site         storage.RunSiteStats `json:"site"`
}

func runArchive(ctx context.Context, stdout, stderr io.Writer, start string, f archiveFlags) error {
	log := newLogger(stderr, f.quiet, f.verbose)
	site := archive.SiteFor(start)
	site.MaxPages, site.MaxDepth, site.Delay, site.Parallelism = f.maxPages, f.maxDepth, f.delay, f.parallelism

	db, _, err := f.dbf.resolve()
	if err != nil {
		return err
	}
	// One archive writes into an output directory at a time: a second one
	// would rename the first's .open files and split the index.
	dirLock, err := storage.LockDir(ctx, f.out, f.wait)
	if err != nil {
		if errors.Is(err, storage.ErrLocked) {
			return fmt.Errorf("%w; use --wait to wait for it", err)
		}
		return err
	}
	defer dirLock.Unlock()
	st, closeDB, err := openForCrawl(ctx, db, f.wait, log)
	if err != nil {
		return err
	}
	defer closeDB()
	w, err := archive.NewWriter(archive.WriterOptions{Dir: f.out, Prefix: archive.FilePrefix(site), MaxFileSize: f.warcSize, Info: map[string]string{
		"software":               "wardcrawl/" + wardcrawl.Version + " (github.com/internetarchive/gowarc v0.8.101)",
		"description":            "archive of " + start,
		"isPartOf":               site.Name,
		"robots":                 "obey",
		"http-header-user-agent": site.UserAgent,
	}})
	if err != nil {
		return err
	}
	before := w.Stats()
	rec := archive.NewRecorder(w, archive.RecorderOptions{Guard: crawler.AddressGuard(crawler.StartsInternal(ctx, site))})
	opt := crawler.Options{Logger: log, Recorder: rec, Complete: true, Requisites: f.assets}
	// On PostgreSQL, the archive is one of the workers: it takes the site
	// and its hosts on lease, so a crawl of the same host elsewhere keeps
	// its delay with this one.
	leave, err := joinWorkers(ctx, st, &opt, defaultLeaseTime, log)
	if err != nil {
		w.Close()
		return err
	}
	defer leave()
	var bar *progress
	if !f.quiet && !f.asJSON && isTerminal(stdout) {
		bar = newProgress(stderr, []config.Site{site})
		opt.Progress = bar.update
		opt.Logger = newLogger(bar, f.quiet, f.verbose)
	}
	sum, runErr := crawler.New(st, opt).Run(ctx, []config.Site{site})
	if bar != nil {
		bar.finish()
	}
	closeErr := w.Close()
	if runErr != nil {
		return errors.Join(runErr, closeErr)
	}
	after := w.Stats()
	s := sum.Sites[0]
	out := archiveSummary{URL: start, Dir: f.out, Status: sum.Status, Pages: s.PagesFetched, Articles: s.ArticlesFound, ArticlesNew: s.ArticlesNew,
		Errors: s.Errors, Archive: after, Seconds: sum.Duration.Seconds(), Site: s}
	written := after.Bytes - before.Bytes
	if s.PagesFetched > 0 {
		out.BytesPerPage = float64(written) / float64(s.PagesFetched)
	}
	if out.Seconds > 0 {
		out.PagesPerSec = float64(s.PagesFetched) / out.Seconds
	}
	switch {
	case f.asJSON:
		if err := printJSON(stdout, out); err != nil {
			return err
		}
	case !f.quiet:
		fmt.Fprintln(stdout, siteLine(s))
		fmt.Fprintf(stdout, "warc: %d files, %d records (%d revisits), %s in %s (%d bytes this run, %.0f bytes/page)\n",
			len(after.Files), after.Records, after.Revisits, humanBytes(after.Bytes), filepath.Join(f.out), written, out.BytesPerPage)
		fmt.Fprintf(stdout, "archive %s in %s (%.1f pages/s)\n", sum.Status, fmtDuration(sum.Duration), out.PagesPerSec)
	}
	if closeErr != nil {
		return closeErr
	}
	if sum.Status == "interrupted" {
		return errInterrupted
	}
	if s.Error != "" {
		return fmt.Errorf("archive %s failed: %s", start, s.Error)
	}
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
