package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"runtime/pprof"
	"runtime/trace"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
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
		Version:       readBuildInfo().String(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\n\n%s", err, c.UsageString())}
	})
	root.AddCommand(crawlCmd(ctx, stdout, stderr), extractCmd(ctx, stdout), exportCmd(ctx, stdout, stderr),
		statsCmd(ctx, stdout), demoCmd(ctx, stdout, stderr), evalCmd(stdout), runsCmd(ctx, stdout), scheduleCmd(ctx, stdout, stderr),
		archiveCmd(ctx, stdout, stderr), reextractCmd(ctx, stdout, stderr), benchCmd(ctx, stdout, stderr), whyCmd(ctx, stdout), siteModelCmd(ctx, stdout), frontierCmd(ctx, stdout), serveCmd(ctx, stdout, stderr), migrateCmd(ctx, stdout, stderr), workersCmd(ctx, stdout), versionCmd(stdout), configCmd(stdout), sitesCmd(ctx, stdout, stderr))
	var cpuProfile, memProfile, traceFile string
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the command to this file (go tool pprof)")
	root.PersistentFlags().StringVar(&memProfile, "memprofile", "", "write a heap profile of the command at its peak to this file (go tool pprof)")
	root.PersistentFlags().StringVar(&traceFile, "trace", "", "write an execution trace of the command to this file (go tool trace)")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if traceFile != "" {
			f, err := os.Create(traceFile)
			if err != nil {
				return fmt.Errorf("trace: %w", err)
			}
			if err := trace.Start(f); err != nil {
				f.Close()
				return fmt.Errorf("trace: %w", err)
			}
			prev := stopProfile
			stopProfile = func() { prev(); trace.Stop(); f.Close() }
		}
		if memProfile != "" {
			stop, err := startMemProfile(memProfile)
			if err != nil {
				return err
			}
			prev := stopProfile
			stopProfile = func() { prev(); stop() }
		}
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
		prev := stopProfile
		stopProfile = func() { prev(); pprof.StopCPUProfile(); f.Close() }
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

// exactArgs wants n arguments, named in what; anything else is a mistake
// in the command line (exit 2), not a failure.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s needs %s (got %d argument(s))\n\n%s", c.Name(), what, len(args), c.UsageString())}
		}
		return nil
	}
}

// noArgs refuses arguments (exit 2).
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q\n\n%s", c.Name(), args, c.UsageString())}
	}
	return nil
}

// logOptions sets the level and writes log times in the zone every other
// output uses, +07:00, with the offset (slog's default is the machine's
// zone, often UTC on a server).
func logOptions(level slog.Level) *slog.HandlerOptions {
	return &slog.HandlerOptions{Level: level, ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 && a.Value.Kind() == slog.KindTime {
			a.Value = slog.StringValue(a.Value.Time().In(parsers.Vietnam).Format("2006-01-02T15:04:05.000-07:00"))
		}
		return a
	}}
}

// fmtDuration shows a run's length to the millisecond when it is short,
// to the second when it is long: "0s" says nothing about a quick run.
func fmtDuration(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// fmtTime shows a time in the portals' zone, +07:00, with the offset.
func fmtTime(t time.Time) string { return t.In(parsers.Vietnam).Format(time.RFC3339) }

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
	return slog.New(slog.NewTextHandler(w, logOptions(level)))
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

// openForCrawl takes the database's crawl lock, opens it, and marks runs a
// killed process left "running" as aborted. close releases both.
//
// A PostgreSQL archive has no such lock: any number of workers crawl it at
// once (see joinWorkers), and only the runs of workers that died are
// marked aborted.
func openForCrawl(ctx context.Context, db string, wait bool, log *slog.Logger) (st *storage.Store, close func(), err error) {
	if storage.IsPostgresURL(db) {
		st, err := storage.Open(ctx, db, storage.Options{Log: log})
		if err != nil {
			return nil, nil, err
		}
		if n, err := st.AbortStaleRuns(ctx); err != nil {
			st.Close()
			return nil, nil, err
		} else if n > 0 {
			log.Warn("runs left unfinished by workers that died were marked aborted; their sites resume where they stopped", "runs", n)
		}
		return st, func() { st.Close() }, nil
	}
	lock, err := storage.Lock(ctx, db, wait)
	if err != nil {
		if errors.Is(err, storage.ErrLocked) {
			return nil, nil, fmt.Errorf("%w; use --wait to wait for it", err)
		}
		return nil, nil, err
	}
	st, err = storage.Open(ctx, db, storage.Options{Log: log})
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

// dbFlags are --db and --config as every command that reads or writes the
// database takes them, resolved one way: --db, else storage.path in the
// config, else wardcrawl.db.
type dbFlags struct {
	db, config string
	cmd        *cobra.Command
}

// addDBFlags registers --db and --config on c; configDefault is the
// --config default ("" : read only when given).
func addDBFlags(c *cobra.Command, f *dbFlags, configDefault string) {
	f.cmd = c
	c.Flags().StringVar(&f.db, "db", "", "SQLite file or postgres:// URL (default: storage.path in --config, else wardcrawl.db)")
	c.Flags().StringVar(&f.config, "config", configDefault, "configuration file (read for storage.path)")
}

// resolve returns the database path and the config, when one was read. A
// config the user named must load; the default one may be missing.
func (f *dbFlags) resolve() (string, *config.Config, error) {
	given := f.cmd != nil && f.cmd.Flags().Changed("config")
	var cfg *config.Config
	if f.config != "" {
		var err error
		cfg, err = config.Load(f.config)
		if err != nil {
			if !given && errors.Is(err, fs.ErrNotExist) {
				cfg = nil
			} else if !given && f.db != "" {
				cfg = nil // the default config is broken, but --db says where to look
			} else {
				var ce *config.Error
				if errors.As(err, &ce) {
					return "", nil, err
				}
				return "", nil, usageError{err}
			}
		}
	}
	return dbPath(f.db, cfg), cfg, nil
}

// openExisting opens the database a read-only command reads, read-only: it
// never creates one, never writes to one, and reads one the user may not
// write.
func openExisting(ctx context.Context, f *dbFlags) (*storage.Store, error) {
	path, _, err := f.resolve()
	if err != nil {
		return nil, err
	}
	return storage.Open(ctx, path, storage.Options{ReadOnly: true})
}

// defaultLeaseTime is how long a worker's leases last without a
// heartbeat: how long a dead worker's sites wait before others take them.
const defaultLeaseTime = 30 * time.Second

// joinWorkers makes a crawl on a PostgreSQL archive one of its workers:
// the crawler then takes each site (and its hosts) on lease, so workers
// share the sites and keep each host's delay between them. leave gives
// back what the worker holds. On SQLite it does nothing (the crawl lock
// already keeps one crawl at a time).
func joinWorkers(ctx context.Context, st *storage.Store, opt *crawler.Options, leaseTime time.Duration, log *slog.Logger) (leave func(), err error) {
	if !st.IsPostgres() {
		return func() {}, nil
	}
	w, err := st.JoinWorker(ctx, cmp.Or(leaseTime, defaultLeaseTime))
	if err != nil {
		return nil, err
	}
	log.Info("joined the archive's workers", "worker", w.ID)
	opt.Leases = w
	return func() {
		if err := w.Leave(context.WithoutCancel(ctx)); err != nil {
			log.Warn("could not leave the workers cleanly: the leases expire on their own", "worker", w.ID, "error", err)
		}
	}, nil
}
