package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
)

// configCmd groups commands about the config file.
func configCmd(stdout io.Writer) *cobra.Command {
	c := &cobra.Command{Use: "config", Short: "Work with the configuration file", Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() }}
	var cfgPath string
	check := &cobra.Command{
		Use:   "check [--config config.yaml]",
		Short: "Validate a config without crawling and without the network",
		Long: `config check reads the config file and reports every error in it (file,
line, key), then lists the sites it would crawl. It sends nothing over the
network. Start URLs on the reserved example names (.example, .invalid), as
the bundled config.yaml ships them, are reported as placeholders.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := config.Load(cfgPath)
			if err != nil {
				var ce *config.Error
				if errors.As(err, &ce) {
					return err
				}
				return usageError{err}
			}
			placeholders := 0
			for _, s := range cfg.Sites {
				note := ""
				for _, raw := range s.StartURLs {
					if u, err := url.Parse(raw); err == nil && crawler.PlaceholderHost(u.Hostname()) {
						note = " — placeholder: " + u.Hostname() + " never resolves; replace it with the portal's address"
						placeholders++
						break
					}
				}
				sched := ""
				if s.Schedule != "" {
					sched = ", schedule " + s.Schedule
				}
				fmt.Fprintf(stdout, "  %s (line %d): %s, delay %s%s%s\n", s.Name, s.Line, strings.Join(s.StartURLs, " "), s.Delay, sched, note)
			}
			fmt.Fprintf(stdout, "%s: %d sites, no errors", cfg.File, len(cfg.Sites))
			if placeholders > 0 {
				fmt.Fprintf(stdout, "; %d with placeholder addresses", placeholders)
			}
			fmt.Fprintf(stdout, "; database %s\n", dbPath("", cfg))
			return nil
		},
	}
	check.Flags().StringVar(&cfgPath, "config", "config.yaml", "configuration file")
	c.AddCommand(check)
	return c
}
