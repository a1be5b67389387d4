package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/wardcrawl/wardcrawl/config"
)

// Page is one page fetched on its own (FetchOne).
type Page struct {
	URL         *url.URL // after redirects
	ContentType string
	Body        []byte
}

// FetchOne fetches a single page the way a crawl would: through the
// address guard, with the site's user agent and timeout, and only when
// robots.txt allows it (if the site respects robots.txt). It is for
// commands that read one page, such as `wardcrawl sites discover`.
func FetchOne(ctx context.Context, site config.Site, raw string) (Page, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Page{}, fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	if PlaceholderHost(u.Hostname()) {
		return Page{}, fmt.Errorf("%s: %s is a reserved example name (RFC 2606) that never resolves", raw, u.Hostname())
	}
	tr := newTransport(AddressGuard(StartsInternal(ctx, site)))
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: inflating{tr}, Timeout: site.Timeout}
	get := func(target string, limit int64) (int, string, []byte, *url.URL, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return 0, "", nil, nil, err
		}
		req.Header.Set("User-Agent", site.UserAgent)
		resp, err := client.Do(req)
		if err != nil {
			return 0, "", nil, nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, limit))
		return resp.StatusCode, resp.Header.Get("Content-Type"), body, resp.Request.URL, err
	}
	if site.RespectRobots {
		robotsURL := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		status, _, body, _, err := get(robotsURL.String(), robotsMaxBytes)
		rb := robotsFromResponse(status, body, site.UserAgent)
		switch {
		case err != nil:
			return Page{}, fmt.Errorf("%s: robots.txt unreachable: %s; RFC 9309 §2.3.1.4: nothing on the host is fetched until it answers", raw, Cause(0, err))
		case rb.disallowAll && status >= 500:
			return Page{}, fmt.Errorf("%s: robots.txt unreachable: %s; RFC 9309 §2.3.1.4: nothing on the host is fetched until it answers", raw, Cause(status, nil))
		case !rb.allowed(u):
			return Page{}, fmt.Errorf("%s: disallowed by robots.txt", raw)
		}
	}
	status, ct, body, final, err := get(u.String(), 20<<20)
	switch {
	case err != nil:
		return Page{}, fmt.Errorf("%s: %s", raw, Cause(0, err))
	case status < 200 || status >= 300:
		return Page{}, fmt.Errorf("%s: %s", raw, Cause(status, nil))
	}
	return Page{URL: final, ContentType: ct, Body: body}, nil
}

// PlaceholderHost reports the reserved example names of RFC 2606 (.example,
// .invalid), which config files use as placeholders: they never resolve,
// so wardcrawl does not send a DNS query to find that out.
func PlaceholderHost(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	return h == "example" || h == "invalid" || strings.HasSuffix(h, ".example") || strings.HasSuffix(h, ".invalid")
}

var errPlaceholder = errors.New("a reserved example name (RFC 2606) that never resolves: replace it with the portal's address")
