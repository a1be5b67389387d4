package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/storage"
)

// frontierCmd lists a site's revisit schedule.
func frontierCmd(ctx context.Context, stdout io.Writer) *cobra.Command {
	var dbf dbFlags
	var asJSON, dueOnly bool
	var limit int
	c := &cobra.Command{
		Use:   "frontier SITE",
		Short: "List a site's URLs with their last visit, revisit interval, next due time and why",
		Long: `frontier prints the revisit schedule the crawler keeps for a site, soonest
due first: for each URL fetched so far, its kind (start, hub: linked from a
start page, page, article, error), its last visit and HTTP status, the
interval the crawler chose, when it is next due, and why (new links found,
nothing new, not modified, a changed text). A run fetches a URL that is not
a start URL only when it is due; start URLs and hubs are due every run.
A cap lowered in the config since (revisit_max, recheck_after) makes URLs
due sooner than shown.`,
		Args: exactArgs(1, "the name of a crawled site"),
		RunE: func(_ *cobra.Command, args []string) error {
			if limit < 0 {
				return usageError{fmt.Errorf("--limit %d: want 0 (all) or more", limit)}
			}
			st, err := openExisting(ctx, &dbf)
			if err != nil {
				return err
			}
			defer st.Close()
			now := time.Now()
			at := storage.DueAt{Now: now, ArticleCap: 1 << 62, PageCap: 1 << 62} // the stored times only
			sum, err := st.SummarizeSchedule(ctx, args[0], at)
			if err != nil {
				return err
			}
			if sum.URLs == 0 {
				return fmt.Errorf("%s has no revisit schedule in %s (not crawled yet, or crawled before wardcrawl kept one)", args[0], st.Path())
			}
			rows := []storage.Scheduled{}
			each := st.EachScheduled
			if dueOnly {
				each = func(ctx context.Context, site string, fn func(storage.Scheduled) error) error {
					return st.EachDue(ctx, site, at, fn)
				}
			}
			errEnough := fmt.Errorf("enough")
			err = each(ctx, args[0], func(e storage.Scheduled) error {
				if limit > 0 && len(rows) >= limit {
					return errEnough
				}
				rows = append(rows, e)
				return nil
			})
			if err != nil && err != errEnough {
				return err
			}
			if asJSON {
				return printJSON(stdout, struct {
					storage.ScheduleSummary
					Site string              `json:"site"`
					Rows []storage.Scheduled `json:"schedule"`
				}{sum, args[0], rows})
			}
			fmt.Fprintf(stdout, "%s: %d URLs scheduled, %d due now", args[0], sum.URLs, sum.Due)
			if !sum.NextDue.IsZero() {
				fmt.Fprintf(stdout, ", the next at %s", fmtTime(sum.NextDue))
			}
			fmt.Fprintln(stdout)
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NEXT DUE\tINTERVAL\tLAST VISIT\tSTATUS\tVISITS\tKIND\tURL\tWHY")
			for _, e := range rows {
				next := fmtTime(e.NextDue)
				if !e.NextDue.After(now) {
					next = "due"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", next, fmtInterval(e.Interval), fmtTime(e.At), e.Status, e.Visits, e.Kind, e.URL, e.Reason)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if limit > 0 && len(rows) == limit && sum.URLs > limit {
				fmt.Fprintf(stdout, "(%d of %d; --limit 0 lists them all)\n", limit, sum.URLs)
			}
			return nil
		},
	}
	addDBFlags(c, &dbf, "config.yaml")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	c.Flags().BoolVar(&dueOnly, "due", false, "only the URLs due now")
	c.Flags().IntVarP(&limit, "limit", "n", 50, "list at most this many URLs (0: all)")
	return c
}

// fmtInterval shows a revisit interval in days once it is a day or more.
func fmtInterval(d time.Duration) string {
	if d >= 24*time.Hour {
		return strconv.FormatFloat(d.Hours()/24, 'f', -1, 64) + "d"
	}
	return d.String()
}
