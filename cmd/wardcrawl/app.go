package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/wardcrawl/wardcrawl"
	"github.com/wardcrawl/wardcrawl/bench"
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/evaluate"
	"github.com/wardcrawl/wardcrawl/export"
	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// Exit codes (documented in README).
const (
	exitOK          = 0
	exitFailure     = 1  // an error, or some sites failed
	exitUsage       = 2  // bad flags, command or config
	exitLocked      = 75 // another crawl holds the database (EX_TEMPFAIL: cron may retry)
	exitInterrupted = 130
)

var errInterrupted = errors.New("interrupted")

// usageError is a mistake in how wardcrawl was called (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ue usageError
	var ce *config.Error
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInterrupted) || errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, storage.ErrLocked):
		return exitLocked
	case errors.As(err, &ue) || errors.As(err, &ce):
		return exitUsage
	}
	return exitFailure
}

// Run is wardcrawl's whole command line: main only wires it to the process.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	stopProfile := func() {}
	root := &cobra.Command{
		Use:           "wardcrawl",
		Short:         "Crawl Vietnamese ward portals, keep each article's clean text once, export it",
		Version:       wardcrawl.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\n\n%s", err, c.UsageString())}
	})
	root.AddCommand(crawlCmd(ctx, stdout, stderr), extractCmd(stdout), exportCmd(ctx, stdout, stderr),
		statsCmd(ctx, stdout), demoCmd(ctx, stdout, stderr), evalCmd(stdout), runsCmd(ctx, stdout), scheduleCmd(ctx, stdout, stderr),
		archiveCmd(ctx, stdout, stderr), reextractCmd(ctx, stdout, stderr), benchCmd(ctx, stdout, stderr), whyCmd(ctx, stdout))
	var cpuProfile string
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the command to this file (go tool pprof)")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if cpuProfile == "" {
			return nil
		}
		f, err := os.Create(cpuProfile)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("cpu profile: %w", err)
		}
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return nil
	}
	root.Args = func(c *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usageError{fmt.Errorf("unknown command %q\n\n%s", args[0], c.UsageString())}
		}
		return nil
	}
	root.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
	err := root.ExecuteContext(ctx)
	stopProfile()
	if err != nil && strings.HasPrefix(err.Error(), "unknown command") {
		var ue usageError
		if !errors.As(err, &ue) {
			err = usageError{fmt.Errorf("%w\n\n%s", err, root.UsageString())}
		}
	}
	return err
}

// printJSON writes v as indented JSON, with <, > and & left as they are.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newLogger(w io.Writer, quiet, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if quiet {
		level = slog.LevelError
	}
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// dbPath: the flag, else the config's storage.path, else wardcrawl.db.
func dbPath(flag string, cfg *config.Config) string {
	if flag != "" {
		return flag
	}
	if cfg != nil && cfg.StoragePath != "" {
		return cfg.StoragePath
	}
	return "wardcrawl.db"
}

type crawlFlags struct {
	config, db    string
	sites         []string
	quiet, asJSON bool
	verbose, wait bool
}

func crawlCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var f crawlFlags
	c := &cobra.Command{
		Use:   "crawl",
		Short: "Crawl the configured sites and store their articles",
		Args:  cobra.NoArgs,
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
			return runCrawl(ctx, stdout, stderr, dbPath(f.db, cfg), sites, f)
		},
	}
	c.Flags().StringVar(&f.config, "config", "config.yaml", "configuration file")
	c.Flags().StringVar(&f.db, "db", "", "SQLite database (default: storage.path in the config, else wardcrawl.db)")
	c.Flags().StringArrayVar(&f.sites, "site", nil, "crawl only this site (repeatable)")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print only errors")
	c.Flags().BoolVar(&f.asJSON, "json", false, "print the run summary as JSON")
	c.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "log every skipped link and retry")
	c.Flags().BoolVar(&f.wait, "wait", false, "if another crawl holds the database, wait for it instead of exiting with code 75")
	return c
}

// openForCrawl takes the database's crawl lock, opens it, and marks runs a
// killed process left "running" as aborted. close releases both.
func openForCrawl(ctx context.Context, db string, wait bool, log *slog.Logger) (st *storage.Store, close func(), err error) {
	lock, err := storage.Lock(ctx, db, wait)
	if err != nil {
		if errors.Is(err, storage.ErrLocked) {
			return nil, nil, fmt.Errorf("%w; use --wait to wait for it", err)
		}
		return nil, nil, err
	}
	st, err = storage.Open(ctx, db, storage.Options{})
	if err != nil {
		lock.Unlock()
		return nil, nil, err
	}
	if n, err := st.AbortStaleRuns(ctx); err != nil {
		st.Close()
		lock.Unlock()
		return nil, nil, err
	} else if n > 0 {
		log.Warn("runs left unfinished by a process that died were marked aborted; their sites resume where they stopped", "runs", n)
	}
	return st, func() { st.Close(); lock.Unlock() }, nil
}

func runCrawl(ctx context.Context, stdout, stderr io.Writer, db string, sites []config.Site, f crawlFlags) error {
	log := newLogger(stderr, f.quiet, f.verbose)
	st, closeDB, err := openForCrawl(ctx, db, f.wait, log)
	if err != nil {
		return err
	}
	defer closeDB()
	opt := crawler.Options{Logger: log}
	var bar *progress
	if !f.quiet && !f.asJSON && isTerminal(stdout) {
		bar = newProgress(stderr, sites)
		opt.Progress = bar.update
	}
	sum, err := crawler.New(st, opt).Run(ctx, sites)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		return err
	}
	switch {
	case f.asJSON:
		peak, _ := bench.PeakRSS(0)
		if err := printJSON(stdout, struct {
			crawler.Summary
			DurationSeconds float64 `json:"duration_seconds"`
			DB              string  `json:"db"`
			PeakRSSBytes    int64   `json:"peak_rss_bytes,omitempty"` // this process's (Linux)
		}{sum, sum.Duration.Seconds(), db, peak}); err != nil {
			return err
		}
	case !f.quiet:
		printSummary(stdout, sum)
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
				failed = append(failed, s.Site)
			}
		}
		return fmt.Errorf("%d of %d sites failed: %s", len(failed), len(sum.Sites), strings.Join(failed, ", "))
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
	fmt.Fprintf(w, "run %d %s in %s\n", sum.RunID, sum.Status, sum.Duration.Round(time.Millisecond))
}

func extractCmd(stdout io.Writer) *cobra.Command {
	var pageURL, contentType string
	var explain bool
	c := &cobra.Command{
		Use:   "extract [--url URL] [--explain] FILE|-",
		Short: "Extract the article from one saved page and print it as JSON",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			var body []byte
			var err error
			if args[0] == "-" {
				body, err = io.ReadAll(os.Stdin)
			} else {
				body, err = os.ReadFile(args[0])
			}
			if err != nil {
				return fmt.Errorf("read page: %w", err)
			}
			var u *url.URL
			if pageURL != "" {
				if u, err = url.Parse(pageURL); err != nil || u.Host == "" {
					return usageError{fmt.Errorf("--url %q is not an absolute URL", pageURL)}
				}
			}
			a, err := parsers.Extract(body, contentType, u, parsers.Options{Explain: explain})
			if err != nil {
				return err
			}
			return printJSON(stdout, a)
		},
	}
	c.Flags().StringVar(&pageURL, "url", "", "the page's URL (resolves links; some rules look at the path)")
	c.Flags().StringVar(&contentType, "content-type", "", `the Content-Type it was served with, e.g. "text/html; charset=windows-1258"`)
	c.Flags().BoolVar(&explain, "explain", false, "add every signal of the article decision, its weight, and how the body, title and date were found")
	return c
}

func evalCmd(stdout io.Writer) *cobra.Command {
	var asJSON, verbose, check bool
	var phrasesFile string
	c := &cobra.Command{
		Use:   "eval DIR",
		Short: "Score the parser against a labelled corpus, side by side with plain readability",
		Long: `eval runs wardcrawl's parser and plain readability over every page of a
labelled corpus (NAME.html, NAME.gold.txt, NAME.meta.json; see
testdata/pages) and prints token precision, recall and F1 against the gold
text, chrome phrases leaked, is_article, title, date and author accuracy and
milliseconds per page, overall and per CMS family.

With --check it exits 1 when the parser misses a target: F1 >= 0.97, no
chrome leaked, is_article, title and date accuracy >= 0.97, and F1 at least
readability's in every family.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			pages, err := evaluate.Load(args[0])
			if err != nil {
				return usageError{err}
			}
			phrases := evaluate.DefaultPhrases()
			if phrasesFile != "" {
				raw, err := os.ReadFile(phrasesFile)
				if err != nil {
					return usageError{fmt.Errorf("read phrases: %w", err)}
				}
				phrases = evaluate.Phrases(string(raw))
			}
			rep := evaluate.Evaluate(pages, phrases, evaluate.Parser, evaluate.Readability)
			if asJSON {
				if err := printJSON(stdout, rep); err != nil {
					return err
				}
			} else if err := rep.WriteTable(stdout, verbose); err != nil {
				return err
			}
			if check {
				if fails := rep.Check(evaluate.Parser.Name, evaluate.Readability.Name, evaluate.DefaultTargets); len(fails) > 0 {
					return fmt.Errorf("eval: targets missed: %s", strings.Join(fails, "; "))
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the full report, every page included, as JSON")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every page where a system missed something")
	c.Flags().BoolVar(&check, "check", false, "exit 1 when the parser misses a target")
	c.Flags().StringVar(&phrasesFile, "phrases", "", "chrome phrase list to count leaks with (default: the bundled list)")
	return c
}

func exportCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var format, out, db, cfgPath, since, until, fields string
	var sites []string
	var opt export.Options
	c := &cobra.Command{
		Use:   "export --format jsonl|csv|parquet [--out FILE|-] [--site NAME]... [--since DATE] [--until DATE] [--min-chars N] [--fields a,b] [--gzip] [--excel]",
		Short: "Export the stored articles as a dataset (JSONL, CSV or Parquet), with a dataset card",
		Long: `export writes one record per unique article (by content hash), ordered by
first_seen_at then content_hash, with the fields in the README's schema.
--since and --until (YYYY-MM-DD, or RFC 3339) bound published_at, or
first_seen_at for articles without one; --until is exclusive. A file export
is written to a temporary file and renamed into place, so a failed export
leaves nothing behind, and NAME.card.json is written beside it.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if !slices.Contains(export.Formats, format) {
				return usageError{fmt.Errorf("unsupported --format %q (supported: %s)", format, strings.Join(export.Formats, ", "))}
			}
			var err error
			if opt.Since, err = parseDay("--since", since); err != nil {
				return err
			}
			if opt.Until, err = parseDay("--until", until); err != nil {
				return err
			}
			if opt.Since != nil && opt.Until != nil && !opt.Since.Before(*opt.Until) {
				return usageError{fmt.Errorf("--since %s is not before --until %s", since, until)}
			}
			if opt.MinChars < 0 {
				return usageError{fmt.Errorf("--min-chars must be 0 or more")}
			}
			if fields != "" {
				opt.Fields = strings.Split(strings.ReplaceAll(fields, " ", ""), ",")
				if _, err := export.CheckFields(opt.Fields); err != nil {
					return usageError{fmt.Errorf("--fields: %w", err)}
				}
			}
			if opt.Gzip && format == "parquet" {
				return usageError{fmt.Errorf("--gzip applies to jsonl and csv: Parquet is compressed with zstd already")}
			}
			if opt.Excel && format != "csv" {
				return usageError{fmt.Errorf("--excel applies to --format csv only")}
			}
			toStdout := out == "" || out == "-"
			if format == "parquet" && toStdout && isTerminal(stdout) {
				return usageError{fmt.Errorf("refusing to write Parquet to a terminal: use --out FILE")}
			}
			st, err := openExisting(ctx, db, cfgPath)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := checkSites(ctx, st, sites); err != nil {
				return err
			}
			opt.Sites = sites
			if !toStdout && isTerminal(stderr) {
				opt.Progress = func(n int) { fmt.Fprintf(stderr, "\r\x1b[2Kexporting: %d articles", n) }
			}
			var sum export.Summary
			write := func(w io.Writer) (err error) {
				sum, err = export.Write(ctx, st, w, format, opt)
				if opt.Progress != nil {
					fmt.Fprint(stderr, "\r\x1b[2K")
				}
				return err
			}
			if toStdout {
				return write(stdout)
			}
			if err := export.ToFile(out, write); err != nil {
				return err
			}
			card := export.NewCard(out, format, st.Path(), wardcrawl.Version, opt, sum, time.Now())
			cardPath := export.CardPath(out)
			if err := export.ToFile(cardPath, func(w io.Writer) error { return export.WriteCard(w, card) }); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "exported %d articles to %s (card: %s)\n", sum.Records, out, cardPath)
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	c.Flags().StringVarP(&out, "out", "o", "-", "output file, - for standard output")
	c.Flags().StringArrayVar(&sites, "site", nil, "only articles seen on this site (repeatable)")
	c.Flags().StringVar(&since, "since", "", "only articles dated on or after this day (YYYY-MM-DD, +07:00) or instant (RFC 3339)")
	c.Flags().StringVar(&until, "until", "", "only articles dated before this day or instant")
	c.Flags().IntVar(&opt.MinChars, "min-chars", 0, "only articles with at least this many characters of text")
	c.Flags().StringVar(&fields, "fields", "", "comma-separated fields to write (default: all, in schema order)")
	c.Flags().BoolVar(&opt.Gzip, "gzip", false, "gzip the output (JSONL and CSV)")
	c.Flags().BoolVar(&opt.Excel, "excel", false, "start the CSV with a byte-order mark so Excel shows Vietnamese correctly")
	c.Flags().StringVar(&db, "db", "", "SQLite database (default: storage.path in --config, else wardcrawl.db)")
	c.Flags().StringVar(&cfgPath, "config", "config.yaml", "configuration file (only read for storage.path)")
	return c
}

// parseDay reads a YYYY-MM-DD day (midnight in Vietnam) or an RFC 3339 time.
func parseDay(flag, v string) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", v, parsers.Vietnam); err == nil {
		return &t, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return &t, nil
	}
	return nil, usageError{fmt.Errorf("%s %q: want a day (2020-10-14) or an RFC 3339 time (2020-10-14T08:00:00+07:00)", flag, v)}
}

// openExisting opens the database a read-only command reads: --db, else
// storage.path in the config (if the config loads), else wardcrawl.db. It
// never creates one.
func openExisting(ctx context.Context, db, cfgPath string) (*storage.Store, error) {
	var cfg *config.Config
	if db == "" {
		cfg, _ = config.Load(cfgPath) // the config is optional here
	}
	return storage.Open(ctx, dbPath(db, cfg), storage.Options{MustExist: true})
}

// checkSites refuses --site names the database has never seen.
func checkSites(ctx context.Context, st *storage.Store, sites []string) error {
	if len(sites) == 0 {
		return nil
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	var names []string
	for _, s := range stats.Sites {
		known[s.Site] = true
		names = append(names, s.Site)
	}
	for _, s := range sites {
		if !known[s] {
			return usageError{fmt.Errorf("unknown site %q in %s (sites: %s)", s, st.Path(), strings.Join(names, ", "))}
		}
	}
	return nil
}

func statsCmd(ctx context.Context, stdout io.Writer) *cobra.Command {
	var db, cfgPath string
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats",
		Short: "Show what the database holds",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			st, err := openExisting(ctx, db, cfgPath)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(stdout, s)
			}
			printStats(stdout, st.Path(), s)
			return nil
		},
	}
	c.Flags().StringVar(&db, "db", "", "SQLite database (default: storage.path in --config, else wardcrawl.db)")
	c.Flags().StringVar(&cfgPath, "config", "config.yaml", "configuration file (only read for storage.path)")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func printStats(w io.Writer, path string, s storage.Stats) {
	fmt.Fprintf(w, "%s: %d articles at %d URLs, %d pages fetched, %d runs (schema v%d)\n",
		path, s.Articles, s.ArticleURLs, s.Pages, s.Runs, s.SchemaVersion)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SITE\tARTICLES\tURLS\tPAGES\tERRORS\tLAST RUN")
	for _, ss := range s.Sites {
		last := "-"
		if ss.LastRunAt != nil {
			last = ss.LastRunAt.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", ss.Site, ss.Articles, ss.URLs, ss.Pages, ss.Errors, last)
	}
	tw.Flush()
	if r := s.LastRun; r != nil {
		fmt.Fprintf(w, "last run: #%d %s, started %s\n", r.ID, r.Status, r.StartedAt.Format(time.RFC3339))
	}
}

func demoCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var db, out string
	var delay time.Duration
	var quiet bool
	c := &cobra.Command{
		Use:   "demo",
		Short: "Serve the bundled sample portals on 127.0.0.1, crawl them, and export the result (works offline)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			base, err := config.Parse("config.yaml (bundled)", wardcrawl.DefaultConfig)
			if err != nil {
				return err
			}
			portals, err := sampleportal.StartAt("127.0.0.1", []int{18081, 18082, 18083})
			if err != nil {
				return err
			}
			defer sampleportal.Close(portals)
			var sites []config.Site
			for _, p := range portals {
				s := config.Site{Name: p.Name, StartURLs: []string{p.StartURL()}, Settings: base.Defaults}
				s.Delay = delay
				s.AllowedDomains = []string{strings.TrimPrefix(p.URL, "http://")}
				sites = append(sites, s)
				if !quiet {
					fmt.Fprintf(stdout, "serving %-18s (%s layout) at %s\n", p.Name, p.Family, p.URL)
				}
			}
			start := time.Now()
			if err := runCrawl(ctx, stdout, stderr, db, sites, crawlFlags{quiet: quiet}); err != nil {
				return err
			}
			st, err := storage.Open(ctx, db, storage.Options{MustExist: true})
			if err != nil {
				return err
			}
			defer st.Close()
			var n int
			if err := export.ToFile(out, func(w io.Writer) (err error) {
				n, err = export.JSONL(ctx, st, w, export.Options{})
				return err
			}); err != nil {
				return err
			}
			if !quiet {
				s, err := st.Stats(ctx)
				if err != nil {
					return err
				}
				printStats(stdout, db, s)
				fmt.Fprintf(stdout, "exported %d articles to %s in %s total\n", n, out, time.Since(start).Round(time.Millisecond))
			}
			return nil
		},
	}
	c.Flags().StringVar(&db, "db", "wardcrawl-demo.db", "SQLite database for the demo")
	c.Flags().StringVarP(&out, "out", "o", "wardcrawl-demo.jsonl", "where to export the demo's articles")
	c.Flags().DurationVar(&delay, "delay", 50*time.Millisecond, "pause between requests to one sample portal")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only errors")
	return c
}
