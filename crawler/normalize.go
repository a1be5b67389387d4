package crawler

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/internal/asciifold"
)

// trackingParams are query parameters that name where a click came from, not
// what page it asks for; they are dropped so one page is fetched once.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "zarsrc": true,
	"_ga": true, "_gl": true, "mc_cid": true, "mc_eid": true, "igshid": true, "ref_src": true,
	"phpsessid": true, "jsessionid": true, "aspsessionid": true, "sid": true, "sessionid": true,
}

// Normalize puts a URL in the form wardcrawl fetches and stores it under:
// scheme and host lowercased, default port and fragment dropped, empty path
// made "/", dot segments resolved, ";jsessionid=" path parameters and
// tracking query parameters (utm_*, fbclid, session ids…) removed, and the
// remaining query parameters sorted by name (values keep their order).
func Normalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("normalize %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("normalize %q: only http and https URLs are crawled", raw)
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("normalize %q: no host", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if i := asciifold.Index(u.Path, ";jsessionid="); i >= 0 {
		u.Path = u.Path[:i]
		u.RawPath = ""
	}
	if u.Path == "" {
		u.Path = "/"
	}
	u = u.ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery}) // resolves . and ..
	u.RawQuery = normalizeQuery(u.RawQuery)
	u.ForceQuery = false
	return u.String(), nil
}

func normalizeQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type kv struct{ k, v, raw string }
	var params []kv
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		lk := strings.ToLower(key)
		if trackingParams[lk] || strings.HasPrefix(lk, "utm_") {
			continue
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			val = v
		}
		params = append(params, kv{key, val, part})
	}
	sort.SliceStable(params, func(i, j int) bool { return params[i].k < params[j].k })
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.k))
		if strings.Contains(p.raw, "=") {
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(p.v))
		}
	}
	return b.String()
}

// scope decides which hosts belong to a site.
type scope struct{ hosts map[string]bool }

func newScope(allowed []string) scope {
	s := scope{hosts: map[string]bool{}}
	for _, h := range allowed {
		s.hosts[strings.ToLower(h)] = true
	}
	return s
}

// allows reports whether u is on one of the site's hosts (config.HostAllowed).
func (s scope) allows(u *url.URL) bool { return config.HostAllowed(s.hosts, u) }
