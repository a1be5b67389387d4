package crawler

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// robotsMaxBytes is how much of a robots.txt is read (RFC 9309 §2.5: at
// least 500 KiB must be parsed).
const robotsMaxBytes = 500 << 10

// robots is the part of one host's robots.txt that applies to wardcrawl,
// read as RFC 9309 says. temoto/robotstxt (colly's) was not used: it lets
// the first of two equally long rules win where RFC 9309 §2.2.2 says allow
// wins, rejects a whole file for one malformed line, and matches user
// agents by prefix.
type robots struct {
	disallowAll bool
	// unreachable, with disallowAll, says why robots.txt could not be read
	// (no answer, or a server error): RFC 9309 §2.3.1.4 then forbids the
	// whole host for now. Empty when robots.txt itself disallows.
	unreachable string
	rules       []robotsRule
	crawlDelay  time.Duration // Crawl-delay (not in RFC 9309, widely used)
	sitemaps    []string
}

type robotsRule struct {
	allow   bool
	pattern string // percent-encoded, with * and $ as in RFC 9309
}

// robotsFromResponse reads a robots.txt response: 2xx is parsed; 4xx means
// there are no rules (§2.3.1.3); anything else, a server error or no
// answer, means crawl nothing for now (§2.3.1.4).
func robotsFromResponse(status int, body []byte, userAgent string) *robots {
	switch {
	case status >= 200 && status < 300:
		return parseRobots(body, userAgent)
	case status >= 400 && status < 500:
		return &robots{}
	default:
		return &robots{disallowAll: true}
	}
}

// productToken is the name robots.txt groups are matched against: the
// user agent up to the first "/" or space ("wardcrawl").
func productToken(userAgent string) string {
	tok := strings.ToLower(strings.TrimSpace(userAgent))
	if i := strings.IndexAny(tok, "/ ("); i >= 0 {
		tok = tok[:i]
	}
	return tok
}

func parseRobots(body []byte, userAgent string) *robots {
	if len(body) > robotsMaxBytes {
		body = body[:robotsMaxBytes]
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	token := productToken(userAgent)
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
		hasAny bool // a rule or crawl-delay line closed the agent list
	}
	var groups []*group
	var cur *group
	r := &robots{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	// The buffer grows to the longest line: a 64 KiB one each was an
	// eighth of what a crawl of 500 small portals allocated.
	sc.Buffer(make([]byte, 0, min(len(body)+1, 4<<10)), robotsMaxBytes)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue // RFC 9309 §2.2: lines that do not parse are ignored
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if cur == nil || cur.hasAny {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(value))
		case "allow", "disallow":
			if cur == nil {
				continue // rules before any user-agent line belong to no group
			}
			cur.hasAny = true
			if value == "" {
				continue // an empty pattern matches nothing
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: robotsEncode(value)})
		case "crawl-delay":
			if cur == nil {
				continue
			}
			cur.hasAny = true
			if secs, err := strconv.ParseFloat(value, 64); err == nil && secs >= 0 && secs < 1e6 {
				cur.delay = time.Duration(secs * float64(time.Second))
			}
		case "sitemap":
			if u, err := url.Parse(value); err == nil && u.IsAbs() {
				r.sitemaps = append(r.sitemaps, value)
			}
		}
	}
	// §2.2.1: the groups naming our product token, combined; else the "*"
	// groups, combined; else no rules.
	pick := func(match func(string) bool) bool {
		found := false
		for _, g := range groups {
			for _, a := range g.agents {
				if match(a) {
					found = true
					r.rules = append(r.rules, g.rules...)
					r.crawlDelay = max(r.crawlDelay, g.delay)
					break
				}
			}
		}
		return found
	}
	if token == "" || !pick(func(a string) bool { return productToken(a) == token }) {
		pick(func(a string) bool { return a == "*" })
	}
	return r
}

// allowed applies the longest matching rule to the URL's path and query;
// an allow rule wins a tie (§2.2.2). /robots.txt itself is always allowed.
func (r *robots) allowed(u *url.URL) bool {
	if r == nil {
		return true
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if path == "/robots.txt" {
		return true
	}
	if r.disallowAll {
		return false
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	path = upperPercent(path)
	best, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch matches a path against a pattern where * is any run of
// characters and a final $ anchors the end.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	for i := 1; i < len(parts); i++ {
		if anchored && i == len(parts)-1 {
			return len(path)-pos >= len(parts[i]) && strings.HasSuffix(path, parts[i])
		}
		j := strings.Index(path[pos:], parts[i])
		if j < 0 {
			return false
		}
		pos += j + len(parts[i])
	}
	return !anchored || pos == len(path)
}

// robotsEncode percent-encodes what a URL path would carry encoded (bytes
// outside printable ASCII: "/tin-tức" matches "/tin-t%E1%BB%A9c"), with
// upper-case hex so both sides compare alike.
func robotsEncode(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c <= 0x20 || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return upperPercent(b.String())
}

func upperPercent(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1] = upperHex(b[i+1])
			b[i+2] = upperHex(b[i+2])
		}
	}
	return string(b)
}

func upperHex(c byte) byte {
	if c >= 'a' && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}
