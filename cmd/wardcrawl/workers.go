package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/storage"
)

func workersCmd(ctx context.Context, stdout io.Writer) *cobra.Command {
	var dbf dbFlags
	var asJSON, all bool
	c := &cobra.Command{
		Use:   "workers",
		Short: "List the workers crawling a PostgreSQL archive, their leases and heartbeats",
		Long: `workers lists the crawl processes (wardcrawl crawl or schedule) that joined a
PostgreSQL archive: live ones first, then those that stopped or died in the
last day (--all: every one). For each: its id (host:pid:tag), when it began,
its last heartbeat and when its leases expire, the run it is on, and the
sites and hosts it holds now. A worker whose leases expired without it
stopping died; its sites go to the others.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			st, err := openExisting(ctx, &dbf)
			if err != nil {
				return err
			}
			defer st.Close()
			ws, err := st.Workers(ctx, all)
			if err != nil {
				return usageError{fmt.Errorf("%s: %w", st.Path(), err)}
			}
			if asJSON {
				if ws == nil {
					ws = []storage.WorkerInfo{}
				}
				return printJSON(stdout, ws)
			}
			if len(ws) == 0 {
				what := "no worker has joined in the last day (--all: every one that ever did)"
				if all {
					what = "no worker has ever joined"
				}
				_, err := fmt.Fprintf(stdout, "%s: %s\n", st.Path(), what)
				return err
			}
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "WORKER\tSTATE\tSTARTED\tHEARTBEAT\tEXPIRES\tRUN\tSITES\tHOSTS")
			for _, w := range ws {
				state := "live"
				switch {
				case w.StoppedAt != nil:
					state = "stopped"
				case !w.Live:
					state = "dead"
				}
				run := "-"
				if w.RunID > 0 {
					run = fmt.Sprint(w.RunID)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", w.ID, state, fmtTime(w.StartedAt), fmtTime(w.Heartbeat), fmtTime(w.ExpiresAt),
					run, list(w.Sites), list(w.Hosts))
			}
			return tw.Flush()
		},
	}
	addDBFlags(c, &dbf, "config.yaml")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	c.Flags().BoolVar(&all, "all", false, "every worker that ever joined, not only the last day's")
	return c
}

// list is a comma-separated list, "-" when empty.
func list(xs []string) string {
	if len(xs) == 0 {
		return "-"
	}
	return strings.Join(xs, ",")
}
