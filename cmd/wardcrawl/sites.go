package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/parsers"
)

// sitesCmd adds sites to the config file, by hand or from a portal's page
// of links.
func sitesCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	c := &cobra.Command{Use: "sites", Short: "Add sites to the configuration file", Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() }}

	var addCfg, name string
	add := &cobra.Command{
		Use:   "add URL [--name NAME] [--config config.yaml]",
		Short: "Append a site to the config file, keeping its comments and layout",
		Long: `sites add appends a site with NAME (default: made from the host) and URL as
its start URL to the sites list of the config file. The rest of the file is
kept byte for byte, comments included; the result is checked before it is
written.`,
		Args: exactArgs(1, "the site's start URL"),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := config.CheckStartURL(args[0]); err != nil {
				return usageError{err}
			}
			u, _ := url.Parse(args[0])
			if name == "" {
				name = config.SiteName("", u.Host)
			}
			if err := addSites(addCfg, []config.NewSite{{Name: name, StartURL: args[0]}}); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "added site %s (%s) to %s\n", name, args[0], addCfg)
			return nil
		},
	}
	add.Flags().StringVar(&addCfg, "config", "config.yaml", "configuration file to edit")
	add.Flags().StringVar(&name, "name", "", "site name ([a-z0-9-]; default: made from the host)")

	var discCfg string
	var doAdd bool
	discover := &cobra.Command{
		Use:   "discover URL [--add] [--config config.yaml]",
		Short: "List the government portals a province's or district's page links to",
		Long: `sites discover fetches one page (robots.txt respected) such as a district
portal's list of commune and ward portals, a "Liên kết website" box or a
<select> of links, and lists the portals on hosts under gov.vn it links to,
one per host, named after the link text, as config entries. With --add they
are appended to the config file (sites already configured are skipped).`,
		Args: exactArgs(1, "the URL of a page that links to portals"),
		RunE: func(_ *cobra.Command, args []string) error {
			site := config.Site{Name: "discover", StartURLs: []string{args[0]}, Settings: config.BuiltinDefaults()}
			cfg, cfgErr := config.Load(discCfg)
			if cfgErr == nil {
				site.Settings = cfg.Defaults
			} else if doAdd {
				return cfgErr
			}
			page, err := crawler.FetchOne(ctx, site, args[0])
			if err != nil {
				return err
			}
			if !parsers.IsHTML(page.ContentType, page.Body) {
				return fmt.Errorf("%s is not an HTML page (%s)", args[0], page.ContentType)
			}
			doc, err := parsers.ParseHTML(page.Body, page.ContentType)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			portals := parsers.PortalLinks(doc, page.URL)
			if len(portals) == 0 {
				return fmt.Errorf("%s links to no portal under gov.vn", args[0])
			}
			known := map[string]string{}
			taken := map[string]bool{}
			if cfg != nil {
				for _, s := range cfg.Sites {
					taken[s.Name] = true
					for _, raw := range s.StartURLs {
						if u, err := url.Parse(raw); err == nil {
							known[strings.ToLower(u.Host)] = s.Name
						}
					}
				}
			}
			var entries []config.NewSite
			fmt.Fprintf(stdout, "# %d portals linked from %s\n", len(portals), args[0])
			for _, p := range portals {
				if s, ok := known[p.Host]; ok {
					fmt.Fprintf(stdout, "# %s is configured already as %s\n", p.URL, s)
					continue
				}
				n := config.SiteName(p.Name, p.Host)
				for i := 2; taken[n]; i++ {
					n = fmt.Sprintf("%s-%d", config.SiteName(p.Name, p.Host), i)
				}
				taken[n] = true
				e := config.NewSite{Name: n, StartURL: p.URL, Comment: p.Name}
				entries = append(entries, e)
				fmt.Fprintf(stdout, "  - name: %s  # %s\n    start_urls: [%s]\n", e.Name, e.Comment, e.StartURL)
			}
			if !doAdd || len(entries) == 0 {
				return nil
			}
			if err := addSites(discCfg, entries); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "added %d sites to %s\n", len(entries), discCfg)
			return nil
		},
	}
	discover.Flags().StringVar(&discCfg, "config", "config.yaml", "configuration file (its defaults apply to the fetch; --add edits it)")
	discover.Flags().BoolVar(&doAdd, "add", false, "append the portals found to the config file")

	c.AddCommand(add, discover)
	return c
}

// addSites edits the config file in place: the new text is written to a
// temporary file beside it and renamed over it.
func addSites(path string, sites []config.NewSite) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	out, err := config.AddSites(path, data, sites)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return err
		}
		return usageError{err}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), fi.Mode().Perm()); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
