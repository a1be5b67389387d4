package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl/serve"
)

// serveCmd serves the archive to a browser, as JSON and as feeds.
func serveCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var dbf dbFlags
	var addr, baseURL string
	var verbose bool
	c := &cobra.Command{
		Use:   "serve",
		Short: "Search and read the archive in a browser, with a JSON API and Atom feeds",
		Long: `serve opens the database read-only and serves it over HTTP:

  /                      the sites, with their articles and last crawl; the latest articles
  /sites/NAME            a site's articles, newest first
  /articles/HASH         one article: its text, every URL where it was seen, its versions
                         with a word diff, and its WARC capture
  /search?q=…            full-text search (no need to type tones: thu hoi dat finds Thu hồi đất);
                         &site=NAME &since=YYYY-MM-DD &until=YYYY-MM-DD &sort=relevance|date &page=N
  /api/search, /api/articles/HASH, /api/sites     the same as JSON
  /feed.atom, /sites/NAME/feed.atom, /search.atom?q=…   Atom feeds of new articles

It runs beside crawl and schedule on the same database and sees what they
store at the next request. It listens on 127.0.0.1 (this machine only)
unless --addr says otherwise: serving to a network is your explicit choice.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			if baseURL != "" {
				if u, err := url.Parse(baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return usageError{fmt.Errorf("--base-url %q: want an absolute http(s) URL, such as https://archive.example.org", baseURL)}
				}
			}
			st, err := openExisting(ctx, &dbf)
			if err != nil {
				return err
			}
			defer st.Close()
			level := slog.LevelWarn
			if verbose {
				level = slog.LevelInfo
			}
			log := slog.New(slog.NewTextHandler(stderr, logOptions(level)))
			s, err := serve.New(st, serve.Options{BaseURL: baseURL, Logger: log})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usageError{fmt.Errorf("--addr %s: %w", addr, err)}
			}
			where := "this machine only (loopback); --addr 0.0.0.0:8080 serves the network"
			if !loopback(ln.Addr()) {
				where = "the NETWORK: anyone who can reach this address can read the archive"
			}
			fmt.Fprintf(stdout, "serving %s at http://%s/ to %s\n", st.Path(), ln.Addr(), where)
			srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second}
			done := make(chan error, 1)
			go func() { done <- srv.Serve(ln) }()
			select {
			case err := <-done:
				return err
			case <-ctx.Done():
				sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
					return err
				}
				fmt.Fprintln(stdout, "stopped")
				return nil
			}
		},
	}
	addDBFlags(c, &dbf, "config.yaml")
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	c.Flags().StringVar(&baseURL, "base-url", "", "the server's public address, for the feeds' links (default: from each request's Host)")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "log more")
	return c
}

// loopback reports whether a listener only takes connections from this
// machine.
func loopback(a net.Addr) bool {
	ap, err := netip.ParseAddrPort(a.String())
	return err == nil && ap.Addr().IsLoopback()
}
