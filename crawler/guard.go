package crawler

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
)

// internalNets are the addresses a crawl of public portals has no business
// reaching: loopback, private, carrier-grade NAT, link-local (where cloud
// metadata services live), unique-local, unspecified and multicast.
var internalNets = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{"127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
		"100.64.0.0/10", "0.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32",
		"::1/128", "::/128", "fc00::/7", "fe80::/10", "ff00::/8"} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// internal reports whether ip is one of internalNets (IPv4-mapped IPv6
// addresses count as their IPv4 address).
func internal(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, p := range internalNets {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// ErrAddressRefused is the address guard's refusal.
var ErrAddressRefused = errors.New("refused to connect")

// AddressGuard returns the check run on every address the crawler is about
// to connect to, after name resolution: an internal address is refused
// unless allowInternal (the site's own start URL is on one). It sees the
// address actually dialled, so a name that resolves to an internal address
// (DNS rebinding) is refused too.
func AddressGuard(allowInternal bool) func(network, address string) error {
	return func(network, address string) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return fmt.Errorf("refused to connect to %q: %w", address, err)
		}
		ip, err := netip.ParseAddr(host)
		if err != nil {
			return fmt.Errorf("refused to connect to %q: not an IP address", address)
		}
		if !allowInternal && internal(ip) {
			return fmt.Errorf("%w: %s is an internal address (loopback, private, link-local or metadata), and the site does not start on one", ErrAddressRefused, ip)
		}
		return nil
	}
}

// StartsInternal reports whether one of the site's start URLs is on an
// internal address: an IP literal, "localhost", or a name that resolves to
// one. Such a site (an intranet portal, a test server) may be crawled.
func StartsInternal(ctx context.Context, site config.Site) bool {
	for _, raw := range site.StartURLs {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		host := u.Hostname()
		if strings.EqualFold(host, "localhost") {
			return true
		}
		if ip, err := netip.ParseAddr(host); err == nil {
			if internal(ip) {
				return true
			}
			continue
		}
		if PlaceholderHost(host) {
			continue // never resolves: no DNS query
		}
		lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		ips, _ := net.DefaultResolver.LookupNetIP(lctx, "ip", host) // unresolvable: not internal
		cancel()
		for _, ip := range ips {
			if internal(ip) {
				return true
			}
		}
	}
	return false
}

// newTransport is the crawl's HTTP transport: every dial passes the guard.
// Proxies from the environment are not used: the guard would see the
// proxy's address, not the site's.
func newTransport(guard func(network, address string) error) *http.Transport {
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error { return guard(network, address) }}
	return &http.Transport{
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// inflating decompresses gzip files served without Content-Encoding (a
// *.xml.gz sitemap, application/gzip) before colly sees them. colly would
// inflate them itself, but after its body-size cap, so a gzip bomb would
// fill memory; here the cap applies to the inflated bytes.
type inflating struct{ http.RoundTripper }

func (t inflating) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.RoundTripper.RoundTrip(req)
	if err != nil || resp.Uncompressed || resp.Header.Get("Content-Encoding") != "" {
		return resp, err
	}
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	if !strings.HasSuffix(strings.ToLower(req.URL.Path), ".gz") && !strings.Contains(ct, "gzip") {
		return resp, nil
	}
	resp.Body = &lazyGunzip{raw: resp.Body}
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true
	return resp, nil
}

// lazyGunzip inflates on first read; a body that is not gzip after all is
// passed through as it is.
type lazyGunzip struct {
	raw io.ReadCloser
	r   io.Reader
}

func (g *lazyGunzip) Read(p []byte) (int, error) {
	if g.r == nil {
		br := bufio.NewReader(g.raw)
		if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return 0, err
			}
			g.r = zr
		} else {
			g.r = br
		}
	}
	return g.r.Read(p)
}

func (g *lazyGunzip) Close() error { return g.raw.Close() }
