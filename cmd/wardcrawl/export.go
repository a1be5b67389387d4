package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl"
	"github.com/wardcrawl/wardcrawl/export"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

func exportCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var format, out, since, until, fields, firstSeen string
	var dbf dbFlags
	var sites []string
	var opt export.Options
	c := &cobra.Command{
		Use:   "export --format jsonl|csv|parquet [--out FILE|-] [--site NAME]... [--since DATE] [--until DATE] [--new-in-run N] [--first-seen-since TIME] [--min-chars N] [--fields a,b] [--gzip] [--excel]",
		Short: "Export the stored articles as a dataset (JSONL, CSV or Parquet), with a dataset card",
		Long: `export writes one record per unique article (by content hash), ordered by
first_seen_at then content_hash, with the fields in the README's schema.
--since and --until (YYYY-MM-DD, or RFC 3339) bound published_at, or
first_seen_at for articles without one; --until is exclusive. --new-in-run N
and --first-seen-since select by discovery instead: the articles crawl run N
stored first (see wardcrawl runs), or those first seen at or after a day
or instant. A file export
is written to a temporary file and renamed into place, so a failed export
leaves nothing behind, and NAME.card.json is written beside it (for
articles.parquet, articles.parquet.card.json). The format comes from --out's
extension (.jsonl, .csv, .parquet, with .gz for gzip) unless --format says
it; the two must agree.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			toStdout := out == "" || out == "-"
			if format != "" && !slices.Contains(export.Formats, format) {
				return usageError{fmt.Errorf("unsupported --format %q (supported: %s)", format, strings.Join(export.Formats, ", "))}
			}
			if !toStdout {
				named, gz, ok := export.FormatOf(out)
				switch {
				case ok && format != "" && format != named:
					return usageError{fmt.Errorf("--format %s does not match --out %s, which names %s: change one of them", format, out, named)}
				case ok:
					format = named
				}
				switch {
				case gz && c.Flags().Changed("gzip") && !opt.Gzip:
					return usageError{fmt.Errorf("--out %s ends in .gz but --gzip=false", out)}
				case gz:
					opt.Gzip = true
				case opt.Gzip && format != "parquet":
					return usageError{fmt.Errorf("--gzip writes gzip: name the file %s.gz", out)}
				}
				if err := export.CheckDestination(out); err != nil {
					return usageError{err}
				}
			}
			if format == "" {
				format = "jsonl"
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
			if opt.FirstSeenSince, err = parseDay("--first-seen-since", firstSeen); err != nil {
				return err
			}
			if opt.NewInRun < 0 {
				return usageError{fmt.Errorf("--new-in-run %d: a run number (see wardcrawl runs)", opt.NewInRun)}
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
			if format == "parquet" && toStdout && isTerminal(stdout) {
				return usageError{fmt.Errorf("refusing to write Parquet to a terminal: use --out FILE")}
			}
			st, err := openExisting(ctx, &dbf)
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
	c.Flags().StringVar(&format, "format", "", "output format: "+strings.Join(export.Formats, ", ")+" (default: from --out's extension, else jsonl)")
	c.Flags().StringVarP(&out, "out", "o", "-", "output file, - for standard output")
	c.Flags().StringArrayVar(&sites, "site", nil, "only articles seen on this site (repeatable)")
	c.Flags().Int64Var(&opt.NewInRun, "new-in-run", 0, "only articles first stored by this crawl run (see wardcrawl runs)")
	c.Flags().StringVar(&firstSeen, "first-seen-since", "", "only articles first seen on or after this day (YYYY-MM-DD, +07:00) or instant (RFC 3339)")
	c.Flags().StringVar(&since, "since", "", "only articles dated on or after this day (YYYY-MM-DD, +07:00) or instant (RFC 3339)")
	c.Flags().StringVar(&until, "until", "", "only articles dated before this day or instant")
	c.Flags().IntVar(&opt.MinChars, "min-chars", 0, "only articles with at least this many characters of text")
	c.Flags().StringVar(&fields, "fields", "", "comma-separated fields to write (default: all, in schema order)")
	c.Flags().BoolVar(&opt.Gzip, "gzip", false, "gzip the output (JSONL and CSV)")
	c.Flags().BoolVar(&opt.Excel, "excel", false, "start the CSV with a byte-order mark so Excel shows Vietnamese correctly")
	addDBFlags(c, &dbf, "config.yaml")
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

// checkSites refuses --site names the database has never seen.
func checkSites(ctx context.Context, st *storage.Store, sites []string) error {
	if len(sites) == 0 {
		return nil
	}
	names, err := st.SiteNames(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, s := range names {
		known[s] = true
	}
	for _, s := range sites {
		if !known[s] {
			return usageError{fmt.Errorf("unknown site %q in %s (sites: %s)", s, st.Path(), strings.Join(names, ", "))}
		}
	}
	return nil
}
