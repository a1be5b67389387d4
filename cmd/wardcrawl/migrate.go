package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/storage"
)

// migrateCmd copies a SQLite archive into PostgreSQL.
func migrateCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var from, to string
	var wait, asJSON bool
	c := &cobra.Command{
		Use:   "migrate --from FILE.db --to postgres://…",
		Short: "Copy a SQLite archive into an empty PostgreSQL database and verify it",
		Long: `migrate copies every table of a SQLite archive (articles and their
versions, URLs, fetches, captures, the frontier, the revisit schedule, site
models, runs, alert deliveries) into an empty PostgreSQL database, in one
transaction, then reads both back and compares each table's row count and a
hash of its rows. It holds the SQLite archive's crawl lock meanwhile, so no
crawl writes to it. export --db postgres://… then writes the same files as
export of the SQLite file.

The PostgreSQL user needs to create tables in the database (the schema is
created on first use).`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			if from == "" || to == "" {
				return usageError{fmt.Errorf("migrate needs --from FILE.db and --to postgres://…")}
			}
			if !storage.IsPostgresURL(to) {
				return usageError{fmt.Errorf("--to %q: %w (postgres://user@host/db)", to, storage.ErrNotPostgres)}
			}
			if _, err := os.Stat(from); err != nil {
				return usageError{fmt.Errorf("--from %s: %w", from, err)}
			}
			log := slog.New(slog.NewTextHandler(stderr, logOptions(slog.LevelWarn)))
			src, closeSrc, err := openForCrawl(ctx, from, wait, log)
			if err != nil {
				return err
			}
			defer closeSrc()
			dst, err := storage.Open(ctx, to, storage.Options{})
			if err != nil {
				return err
			}
			defer dst.Close()
			checks, err := storage.MigrateToPostgres(ctx, src, dst, func(table string, rows int) {
				if !asJSON {
					fmt.Fprintf(stderr, "copied %-16s %d rows\n", table, rows)
				}
			})
			if asJSON && checks != nil {
				if perr := printJSON(stdout, map[string]any{"from": from, "to": dst.Path(), "tables": checks, "verified": err == nil}); perr != nil {
					return perr
				}
			} else if checks != nil {
				tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "TABLE\tROWS\tCOPIED\tSHA-256\tSAME")
				for _, c := range checks {
					fmt.Fprintf(tw, "%s\t%d\t%d\t%.16s…\t%v\n", c.Table, c.Rows, c.Copied, c.Hash, c.Matches)
				}
				tw.Flush()
			}
			if err != nil {
				return err
			}
			if !asJSON {
				fmt.Fprintf(stdout, "%s copied to %s and verified\n", from, dst.Path())
			}
			return nil
		},
	}
	c.Flags().StringVar(&from, "from", "", "the SQLite archive to copy")
	c.Flags().StringVar(&to, "to", "", "the PostgreSQL database to copy it into (postgres://user@host/db; empty)")
	c.Flags().BoolVar(&wait, "wait", false, "if a crawl holds the SQLite archive, wait for it instead of exiting with code 75")
	c.Flags().BoolVar(&asJSON, "json", false, "print the tables' checks as JSON")
	return c
}
