// Package config loads wardcrawl's YAML configuration. Every error it
// returns names the file, the line and the key at fault.
package config

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/wardcrawl/wardcrawl/internal/textsearch"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"
)

// DefaultUserAgent identifies wardcrawl to the sites it crawls.
const DefaultUserAgent = "wardcrawl/0.1 (+archive of Vietnamese ward portals; respects robots.txt)"

// Settings are the per-site crawl settings. The `defaults` section sets them
// for every site; a site may override any of them.
type Settings struct {
	UserAgent     string
	Delay         time.Duration
	Parallelism   int
	MaxDepth      int
	MaxPages      int // 0: no limit
	Timeout       time.Duration
	RespectRobots bool
	// RecheckAfter is how long a stored article page is trusted after it
	// is first stored before a run fetches it again (conditionally): its
	// first revisit interval, which then adapts like any page's; 0
	// rechecks every run.
	RecheckAfter time.Duration
	// AdaptiveRevisit gives every URL its own next visit: a run fetches
	// the start URLs, the pages they link, and the URLs that are due; a
	// page's interval halves when a visit yields something new (links to
	// pages never seen, a changed text) and doubles when it does not,
	// within RevisitMin and RevisitMax (default true; false: every page
	// but a fresh stored article is fetched every run).
	AdaptiveRevisit bool
	RevisitMin      time.Duration
	RevisitMax      time.Duration
	// MaxQueryVariants caps the distinct query strings of one path a run
	// queues (calendars, sort orders, session ids); 0: no cap.
	MaxQueryVariants int
	// Schedule is a cron expression for `wardcrawl schedule` ("" : none).
	Schedule string
	// MinScheduleInterval is the shortest time the schedule may leave
	// between two runs: a schedule that fires more often is a config
	// error (a typo such as "* * * * * *" would crawl every second).
	// Lower it on purpose to allow a faster schedule.
	MinScheduleInterval time.Duration
	// SiteModel: learn the site's template from its pages and strip what
	// repeats on most of its articles (default true).
	SiteModel bool
}

// BuiltinDefaults are used for any setting that the config file leaves out.
func BuiltinDefaults() Settings {
	return Settings{
		UserAgent:     DefaultUserAgent,
		Delay:         time.Second,
		Parallelism:   2,
		MaxDepth:      6,
		MaxPages:      0,
		Timeout:       30 * time.Second,
		RespectRobots: true,
		RecheckAfter:  720 * time.Hour,
		// Heritrix's adaptive revisit bounds: an hour, a month.
		AdaptiveRevisit: true,
		RevisitMin:      time.Hour,
		RevisitMax:      720 * time.Hour,
		// A ward portal's biggest listing rarely passes 300 pages of ?page=N.
		MaxQueryVariants:    500,
		MinScheduleInterval: time.Minute,
		SiteModel:           true,
	}
}

// Site is one configured portal, with its settings resolved.
type Site struct {
	Name           string
	StartURLs      []string
	AllowedDomains []string // hosts (host or host:port); default: the start URLs' hosts
	ArticlePattern *regexp.Regexp
	FollowPattern  *regexp.Regexp
	ExcludePattern *regexp.Regexp
	// ContentSelector, RemoveSelectors and DateSelector are CSS selectors
	// that override the parser's detection for this site (see README).
	ContentSelector string
	RemoveSelectors []string
	DateSelector    string
	Settings
	Line int // line of the site's entry in the config file
}

// Config is a loaded configuration.
type Config struct {
	File        string
	StoragePath string // storage.path, or storage.url (postgres://…)
	// MaxActiveSites is how many sites a crawl runs at once; the others
	// wait their turn (0: derived from the open-file limit; see the
	// crawler's DefaultMaxActiveSites).
	MaxActiveSites int
	Defaults       Settings
	Sites          []Site
	// Alerts are saved searches run after each crawl: the articles a run
	// stored first that match are posted to the alert's webhook.
	Alerts []Alert
}

// Alert is a saved search with a webhook.
type Alert struct {
	Name    string
	Query   string
	Sites   []string // only articles seen on these sites; none: all
	Webhook string
	// AllowInternal lets the webhook be on a loopback or private address,
	// which the crawler's address guard refuses otherwise.
	AllowInternal bool
	Line          int
}

// Error is a configuration error at a known place.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Key, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.File, e.Key, e.Msg)
}

// Errors is every error found in a config file, in line order: a user
// fixes them all in one pass instead of one per run.
type Errors []*Error

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, x := range e {
		lines[i] = x.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives errors.As each *Error.
func (e Errors) Unwrap() []error {
	out := make([]error, len(e))
	for i, x := range e {
		out[i] = x
	}
	return out
}

// Load reads and validates the config file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

var siteNameRE = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$`)

// Parse validates config text; file is used in error messages only. It
// returns every error in the file (Errors), not just the first.
func Parse(file string, data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, Errors{syntaxError(file, data, err)}
	}
	p := &parser{file: file}
	cfg := &Config{File: file, Defaults: BuiltinDefaults()}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, Errors{{File: file, Key: "sites", Msg: "config is empty: at least one site is required"}}
	}
	var sitesNode, alertsNode *yaml.Node
	p.mapping(root.Content[0], "", map[string]func(*yaml.Node, string) error{
		"storage": func(v *yaml.Node, key string) error {
			return p.mapping(v, key, map[string]func(*yaml.Node, string) error{
				"path": func(v *yaml.Node, key string) (err error) {
					if cfg.StoragePath != "" {
						return p.errf(v, key, "storage has both path and url: give one")
					}
					cfg.StoragePath, err = p.str(v, key)
					return err
				},
				"url": func(v *yaml.Node, key string) error {
					u, err := p.str(v, key)
					if err != nil {
						return err
					}
					if !strings.HasPrefix(u, "postgres://") && !strings.HasPrefix(u, "postgresql://") {
						return p.errf(v, key, "%q is not a postgres:// URL (a SQLite file goes in storage.path)", u)
					}
					if cfg.StoragePath != "" {
						return p.errf(v, key, "storage has both path and url: give one")
					}
					cfg.StoragePath = u
					return nil
				},
			})
		},
		"max_active_sites": func(v *yaml.Node, key string) (err error) {
			cfg.MaxActiveSites, err = p.integer(v, key, 1)
			return err
		},
		"defaults": func(v *yaml.Node, key string) error {
			return p.mapping(v, key, p.settingsFields(&cfg.Defaults, nil))
		},
		"sites": func(v *yaml.Node, key string) error {
			sitesNode = v
			return nil
		},
		"alerts": func(v *yaml.Node, key string) error {
			alertsNode = v
			return nil
		},
	})
	if at, ok := p.schedules[&cfg.Defaults]; ok {
		p.add(p.checkScheduleFloor(&cfg.Defaults, at.node, "defaults"))
	}
	if at, ok := p.revisits[&cfg.Defaults]; ok {
		p.add(p.checkRevisit(&cfg.Defaults, at.node, "defaults"))
	}
	// Sites are read after defaults, wherever the keys stand in the file.
	switch {
	case sitesNode == nil:
		p.add(&Error{File: file, Line: root.Content[0].Line, Key: "sites", Msg: "missing: at least one site is required"})
	case sitesNode.Kind != yaml.SequenceNode:
		p.add(p.errf(sitesNode, "sites", "must be a list of sites"))
	case len(sitesNode.Content) == 0:
		p.add(p.errf(sitesNode, "sites", "empty: at least one site is required"))
	default:
		seen := map[string]int{}
		for i, sn := range sitesNode.Content {
			site, ok := p.site(sn, fmt.Sprintf("sites[%d]", i), cfg.Defaults)
			if !ok {
				continue
			}
			if first, dup := seen[site.Name]; dup {
				p.add(&Error{File: file, Line: site.Line, Key: fmt.Sprintf("sites[%d].name", i),
					Msg: fmt.Sprintf("duplicate site name %q (first defined on line %d)", site.Name, first)})
				continue
			}
			seen[site.Name] = site.Line
			cfg.Sites = append(cfg.Sites, site)
		}
	}
	if alertsNode != nil {
		cfg.Alerts = p.alerts(alertsNode, cfg.Sites)
	}
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
		return nil, p.errs
	}
	return cfg, nil
}

// syntaxError places a YAML syntax error on the line where the problem is.
// The YAML library reports the line where the enclosing block starts (a
// bad indent on line 5 is reported on line 3); the first prefix of the file
// that fails to parse ends on the line at fault.
func syntaxError(file string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	reported := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		reported, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(msg, m[0])
	}
	lines := strings.SplitAfter(string(data), "\n")
	line := reported
	for n := max(reported, 1); n <= len(lines) && n < reported+500; n++ {
		var node yaml.Node
		if yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &node) != nil {
			line = n
			break
		}
	}
	return &Error{File: file, Line: line, Key: "yaml syntax", Msg: msg}
}

var yamlLineRE = regexp.MustCompile(`^line (\d+): `)

// SelectSites returns the named sites, in config order; no names means all.
func (c *Config) SelectSites(names []string) ([]Site, error) {
	if len(names) == 0 {
		return c.Sites, nil
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []Site
	for _, s := range c.Sites {
		if want[s.Name] {
			out = append(out, s)
			delete(want, s.Name)
		}
	}
	if len(want) > 0 {
		var missing []string
		for n := range want {
			missing = append(missing, n)
		}
		sort.Strings(missing)
		return nil, fmt.Errorf("unknown site %s in %s (configured: %s)", strings.Join(missing, ", "), c.File, strings.Join(c.SiteNames(), ", "))
	}
	return out, nil
}

// SiteNames lists the configured site names in order.
func (c *Config) SiteNames() []string {
	names := make([]string, len(c.Sites))
	for i, s := range c.Sites {
		names[i] = s.Name
	}
	return names
}

// parser reads the YAML tree, collecting every error it meets.
type parser struct {
	file string
	errs Errors
	// schedules remembers where each Settings got its schedule, for the
	// floor check that runs once the whole entry is read.
	schedules map[*Settings]schedulePlace
	// revisits remembers where each Settings got its revisit bounds.
	revisits map[*Settings]schedulePlace
}

func (p *parser) revisitAt(s *Settings, v *yaml.Node, key string) {
	if p.revisits == nil {
		p.revisits = map[*Settings]schedulePlace{}
	}
	p.revisits[s] = schedulePlace{v, key}
}

// checkRevisit refuses revisit bounds the wrong way round, at the key
// that set the later of them (or the entry, when both came from defaults).
func (p *parser) checkRevisit(s *Settings, entry *yaml.Node, prefix string) error {
	if s.RevisitMin <= s.RevisitMax || s.RevisitMin <= 0 || s.RevisitMax <= 0 {
		return nil
	}
	at, ok := p.revisits[s]
	if !ok {
		at = schedulePlace{entry, prefix + ".revisit_max"}
	}
	return p.errf(at.node, at.key, "revisit_min (%s) is longer than revisit_max (%s)", s.RevisitMin, s.RevisitMax)
}

type schedulePlace struct {
	node *yaml.Node
	key  string
}

func (p *parser) scheduleAt(s *Settings, v *yaml.Node, key string) {
	if p.schedules == nil {
		p.schedules = map[*Settings]schedulePlace{}
	}
	p.schedules[s] = schedulePlace{v, key}
}

// checkScheduleFloor refuses a schedule that fires more often than the
// settings' min_schedule_interval. entry and prefix place the error when
// the schedule was inherited from defaults.
func (p *parser) checkScheduleFloor(s *Settings, entry *yaml.Node, prefix string) error {
	if s.Schedule == "" {
		return nil
	}
	gap, err := ScheduleGap(s.Schedule)
	if err != nil || gap >= s.MinScheduleInterval {
		return nil // a bad expression is reported where it is read
	}
	at, ok := p.schedules[s]
	if !ok {
		at = schedulePlace{entry, prefix + ".schedule (from defaults)"}
	}
	return p.errf(at.node, at.key, "%q runs every %s, more often than min_schedule_interval (%s); if that is meant, set min_schedule_interval: %s", s.Schedule, gap, s.MinScheduleInterval, gap)
}

// ScheduleGap is the shortest time between two runs of a schedule, over
// its next 200 runs from a fixed day.
func ScheduleGap(expr string) (time.Duration, error) {
	withSeconds, err := ParseSchedule(expr)
	if err != nil {
		return 0, err
	}
	opts := cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor
	if withSeconds {
		opts |= cron.Second
	}
	sched, err := cron.NewParser(opts).Parse(expr)
	if err != nil {
		return 0, err
	}
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	prev := sched.Next(t)
	gap := time.Duration(math.MaxInt64)
	for range 200 {
		next := sched.Next(prev)
		if next.IsZero() {
			break
		}
		gap = min(gap, next.Sub(prev))
		prev = next
	}
	return gap, nil
}

func (p *parser) errf(n *yaml.Node, key, format string, args ...any) error {
	return &Error{File: p.file, Line: n.Line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// add records an error; nil is ignored.
func (p *parser) add(err error) {
	if err == nil {
		return
	}
	var ce *Error
	if errors.As(err, &ce) {
		p.errs = append(p.errs, ce)
		return
	}
	p.errs = append(p.errs, &Error{File: p.file, Key: "(config)", Msg: err.Error()})
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// mapping walks a YAML mapping, calling the handler of each key; an unknown
// or repeated key is an error at that key's line. Errors are recorded and
// the walk goes on with the next key; the returned error only says the
// node was not a mapping at all (also recorded).
func (p *parser) mapping(n *yaml.Node, prefix string, fields map[string]func(*yaml.Node, string) error) error {
	if n.Kind != yaml.MappingNode {
		name := prefix
		if name == "" {
			name = "(top level)"
		}
		err := p.errf(n, name, "must be a mapping of keys to values")
		p.add(err)
		return err
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := join(prefix, k.Value)
		h, ok := fields[k.Value]
		if !ok {
			known := make([]string, 0, len(fields))
			for f := range fields {
				known = append(known, f)
			}
			sort.Strings(known)
			p.add(p.errf(k, key, "unknown key %q (known keys: %s)", k.Value, strings.Join(known, ", ")))
			continue
		}
		if seen[k.Value] {
			p.add(p.errf(k, key, "key given twice"))
			continue
		}
		seen[k.Value] = true
		if err := h(v, key); err != nil {
			var ce *Error
			if !errors.As(err, &ce) || !p.recorded(ce) {
				p.add(err)
			}
		}
	}
	return nil
}

// recorded reports an error already added (a nested mapping's).
func (p *parser) recorded(e *Error) bool {
	for _, x := range p.errs {
		if x == e {
			return true
		}
	}
	return false
}

// settingsFields returns the handlers that decode the Settings keys into s,
// plus any extra handlers (a site's own keys).
func (p *parser) settingsFields(s *Settings, extra map[string]func(*yaml.Node, string) error) map[string]func(*yaml.Node, string) error {
	f := map[string]func(*yaml.Node, string) error{
		"user_agent": func(v *yaml.Node, key string) (err error) {
			s.UserAgent, err = p.str(v, key)
			if err == nil && strings.TrimSpace(s.UserAgent) == "" {
				err = p.errf(v, key, "must not be empty")
			}
			return err
		},
		"delay": func(v *yaml.Node, key string) (err error) {
			s.Delay, err = p.duration(v, key, false)
			return err
		},
		"timeout": func(v *yaml.Node, key string) (err error) {
			s.Timeout, err = p.duration(v, key, true)
			return err
		},
		"parallelism": func(v *yaml.Node, key string) (err error) {
			s.Parallelism, err = p.integer(v, key, 1)
			return err
		},
		"max_depth": func(v *yaml.Node, key string) (err error) {
			s.MaxDepth, err = p.integer(v, key, 0)
			return err
		},
		"max_pages": func(v *yaml.Node, key string) (err error) {
			s.MaxPages, err = p.integer(v, key, 0)
			return err
		},
		"respect_robots": func(v *yaml.Node, key string) (err error) {
			s.RespectRobots, err = p.boolean(v, key)
			return err
		},
		"site_model": func(v *yaml.Node, key string) (err error) {
			s.SiteModel, err = p.boolean(v, key)
			return err
		},
		"recheck_after": func(v *yaml.Node, key string) (err error) {
			s.RecheckAfter, err = p.duration(v, key, false)
			return err
		},
		"adaptive_revisit": func(v *yaml.Node, key string) (err error) {
			s.AdaptiveRevisit, err = p.boolean(v, key)
			return err
		},
		"revisit_min": func(v *yaml.Node, key string) (err error) {
			s.RevisitMin, err = p.duration(v, key, true)
			p.revisitAt(s, v, key)
			return err
		},
		"revisit_max": func(v *yaml.Node, key string) (err error) {
			s.RevisitMax, err = p.duration(v, key, true)
			p.revisitAt(s, v, key)
			return err
		},
		"max_query_variants": func(v *yaml.Node, key string) (err error) {
			s.MaxQueryVariants, err = p.integer(v, key, 0)
			return err
		},
		"schedule": func(v *yaml.Node, key string) (err error) {
			if s.Schedule, err = p.str(v, key); err != nil {
				return err
			}
			if s.Schedule = strings.TrimSpace(s.Schedule); s.Schedule == "" {
				return nil // explicitly unscheduled (e.g. a site opting out of the defaults' schedule)
			}
			if _, err := ParseSchedule(s.Schedule); err != nil {
				return p.errf(v, key, "%v", err)
			}
			p.scheduleAt(s, v, key)
			return nil
		},
		"min_schedule_interval": func(v *yaml.Node, key string) (err error) {
			s.MinScheduleInterval, err = p.duration(v, key, true)
			return err
		},
	}
	for k, h := range extra {
		f[k] = h
	}
	return f
}

// site reads one site entry; ok is false when it has errors (recorded).
func (p *parser) site(n *yaml.Node, prefix string, defaults Settings) (site Site, ok bool) {
	before := len(p.errs)
	site = p.siteFields(n, prefix, defaults)
	return site, len(p.errs) == before
}

func (p *parser) siteFields(n *yaml.Node, prefix string, defaults Settings) Site {
	s := Site{Settings: defaults, Line: n.Line}
	var hasName, hasStart bool
	extra := map[string]func(*yaml.Node, string) error{
		"name": func(v *yaml.Node, key string) (err error) {
			hasName = true
			s.Name, err = p.str(v, key)
			if err == nil && !siteNameRE.MatchString(s.Name) {
				err = p.errf(v, key, "%q is not a valid site name: use lowercase letters, digits and dashes ([a-z0-9-])", s.Name)
			}
			return err
		},
		"start_urls": func(v *yaml.Node, key string) (err error) {
			hasStart = true
			s.StartURLs, err = p.strList(v, key)
			if err != nil {
				return err
			}
			if len(s.StartURLs) == 0 {
				return p.errf(v, key, "at least one start URL is required")
			}
			for i, raw := range s.StartURLs {
				u, perr := url.Parse(raw)
				if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return p.errf(elem(v, i), key, "%q is not an absolute http(s) URL", raw)
				}
			}
			return nil
		},
		"allowed_domains": func(v *yaml.Node, key string) (err error) {
			s.AllowedDomains, err = p.strList(v, key)
			for i, d := range s.AllowedDomains {
				if err == nil && (d == "" || strings.ContainsAny(d, "/ ")) {
					err = p.errf(elem(v, i), key, "%q is not a host name (give host or host:port, no scheme or path)", d)
				}
				s.AllowedDomains[i] = strings.ToLower(d)
			}
			return err
		},
		"article_pattern": func(v *yaml.Node, key string) (err error) {
			s.ArticlePattern, err = p.regex(v, key)
			return err
		},
		"follow_pattern": func(v *yaml.Node, key string) (err error) {
			s.FollowPattern, err = p.regex(v, key)
			return err
		},
		"exclude_pattern": func(v *yaml.Node, key string) (err error) {
			s.ExcludePattern, err = p.regex(v, key)
			return err
		},
		"content_selector": func(v *yaml.Node, key string) (err error) {
			s.ContentSelector, err = p.selector(v, key)
			return err
		},
		"date_selector": func(v *yaml.Node, key string) (err error) {
			s.DateSelector, err = p.selector(v, key)
			return err
		},
		"remove_selectors": func(v *yaml.Node, key string) (err error) {
			s.RemoveSelectors, err = p.strList(v, key)
			for i, sel := range s.RemoveSelectors {
				if err == nil {
					_, err = p.selector(elem(v, i), key)
				}
				s.RemoveSelectors[i] = strings.TrimSpace(sel)
			}
			return err
		},
	}
	var allowedNode *yaml.Node
	extra["allowed_domains"] = func(h func(*yaml.Node, string) error) func(*yaml.Node, string) error {
		return func(v *yaml.Node, key string) error { allowedNode = v; return h(v, key) }
	}(extra["allowed_domains"])
	if p.mapping(n, prefix, p.settingsFields(&s.Settings, extra)) != nil {
		return s
	}
	if _, ok := p.revisits[&s.Settings]; ok {
		p.add(p.checkRevisit(&s.Settings, n, prefix))
	}
	if !hasName {
		p.add(p.errf(n, prefix+".name", "missing: every site needs a name"))
	}
	if !hasStart {
		p.add(p.errf(n, prefix+".start_urls", "missing: site %q needs at least one start URL", s.Name))
	}
	if len(s.AllowedDomains) == 0 {
		for _, raw := range s.StartURLs {
			if u, err := url.Parse(raw); err == nil {
				s.AllowedDomains = appendUnique(s.AllowedDomains, strings.ToLower(u.Host))
			}
		}
	} else if allowedNode != nil {
		hosts := map[string]bool{}
		for _, h := range s.AllowedDomains {
			hosts[h] = true
		}
		for _, raw := range s.StartURLs {
			if u, err := url.Parse(raw); err == nil && u.Host != "" && !HostAllowed(hosts, u) {
				p.add(p.errf(allowedNode, prefix+".allowed_domains", "excludes %s, the host of start URL %s: add %q or remove allowed_domains", u.Host, raw, strings.ToLower(u.Host)))
			}
		}
	}
	// A schedule inherited with the defaults' own floor was checked once,
	// with the defaults.
	if _, own := p.schedules[&s.Settings]; own || s.MinScheduleInterval != defaults.MinScheduleInterval {
		p.add(p.checkScheduleFloor(&s.Settings, n, prefix))
	}
	return s
}

// HostAllowed reports whether u is on one of hosts (host or host:port). An
// entry with a port matches that host:port only; one without matches the
// host on the default port of either scheme.
func HostAllowed(hosts map[string]bool, u *url.URL) bool {
	if u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	host := strings.ToLower(u.Host)
	if hosts[host] {
		return true
	}
	if u.Port() == "" || (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		return hosts[strings.ToLower(u.Hostname())]
	}
	return false
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

func (p *parser) scalar(v *yaml.Node, key, what string) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", p.errf(v, key, "must be %s", what)
	}
	return v.Value, nil
}

func (p *parser) str(v *yaml.Node, key string) (string, error) {
	return p.scalar(v, key, "a string")
}

// elem is the node of a list's i-th item, or the node itself when a single
// value stood for the list.
func elem(v *yaml.Node, i int) *yaml.Node {
	if v.Kind == yaml.SequenceNode && i < len(v.Content) {
		return v.Content[i]
	}
	return v
}

func (p *parser) strList(v *yaml.Node, key string) ([]string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" { // "key:" with nothing after it
		return nil, nil
	}
	if v.Kind == yaml.ScalarNode { // a single value is accepted as a one-item list
		return []string{v.Value}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, p.errf(v, key, "must be a list of strings")
	}
	out := make([]string, 0, len(v.Content))
	for _, item := range v.Content {
		s, err := p.scalar(item, key, "a list of strings")
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (p *parser) duration(v *yaml.Node, key string, positive bool) (time.Duration, error) {
	s, err := p.scalar(v, key, "a duration such as 1s, 500ms or 2m")
	if err != nil {
		return 0, err
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, p.errf(v, key, "%q is not a duration (use a unit: 500ms, 1s, 2m, 720h)", s)
	}
	if d < 0 || (positive && d == 0) {
		return 0, p.errf(v, key, "%q must be greater than zero", s)
	}
	return d, nil
}

func (p *parser) integer(v *yaml.Node, key string, min int) (int, error) {
	s, err := p.scalar(v, key, "a whole number")
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, p.errf(v, key, "%q is not a whole number", s)
	}
	if n < min {
		return 0, p.errf(v, key, "%d is too small (minimum %d)", n, min)
	}
	return n, nil
}

func (p *parser) boolean(v *yaml.Node, key string) (bool, error) {
	s, err := p.scalar(v, key, "true or false")
	if err != nil {
		return false, err
	}
	switch strings.ToLower(s) {
	case "true", "yes", "on":
		return true, nil
	case "false", "no", "off":
		return false, nil
	}
	return false, p.errf(v, key, "%q is not true or false", s)
}

// selector reads a CSS selector and checks that it compiles.
func (p *parser) selector(v *yaml.Node, key string) (string, error) {
	s, err := p.str(v, key)
	if err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", p.errf(v, key, "empty CSS selector")
	}
	if _, err := cascadia.Compile(s); err != nil {
		return "", p.errf(v, key, "bad CSS selector %q: %v", s, err)
	}
	return s, nil
}

func (p *parser) regex(v *yaml.Node, key string) (*regexp.Regexp, error) {
	s, err := p.str(v, key)
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(s)
	if err != nil {
		return nil, p.errf(v, key, "bad regular expression: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	return re, nil
}

// ParseSchedule checks a cron expression as `wardcrawl schedule` reads it:
// five fields (minute hour day-of-month month day-of-week), or six with
// seconds first, or a descriptor such as "@every 6h" or "@daily"; an
// optional "CRON_TZ=Asia/Ho_Chi_Minh " prefix sets its time zone (default:
// the machine's). It reports whether the expression has a seconds field.
func ParseSchedule(expr string) (withSeconds bool, err error) {
	fields := strings.Fields(expr)
	if len(fields) > 0 && (strings.HasPrefix(fields[0], "CRON_TZ=") || strings.HasPrefix(fields[0], "TZ=")) {
		fields = fields[1:]
	}
	withSeconds = len(fields) == 6
	parser := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	if withSeconds {
		parser = cron.NewParser(cron.Second | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	}
	if _, err := parser.Parse(expr); err != nil {
		return false, fmt.Errorf("bad cron expression %q: %v (want 5 fields, e.g. \"0 */6 * * *\", or 6 with seconds first)", expr, err)
	}
	return withSeconds, nil
}

// alerts reads the alerts list: each needs a unique name, a query the
// search understands, an http(s) webhook, and sites among those
// configured.
func (p *parser) alerts(n *yaml.Node, sites []Site) []Alert {
	if n.Kind != yaml.SequenceNode {
		p.add(p.errf(n, "alerts", "must be a list of alerts ({name, query, webhook, sites?})"))
		return nil
	}
	known := map[string]bool{}
	for _, s := range sites {
		known[s.Name] = true
	}
	var out []Alert
	seen := map[string]int{}
	for i, an := range n.Content {
		prefix := fmt.Sprintf("alerts[%d]", i)
		before := len(p.errs)
		a := Alert{Line: an.Line}
		var hasName, hasQuery, hasHook bool
		p.mapping(an, prefix, map[string]func(*yaml.Node, string) error{
			"name": func(v *yaml.Node, key string) (err error) {
				hasName = true
				if a.Name, err = p.str(v, key); err == nil && !siteNameRE.MatchString(a.Name) {
					err = p.errf(v, key, "%q is not a valid alert name: use lowercase letters, digits and dashes ([a-z0-9-])", a.Name)
				}
				return err
			},
			"query": func(v *yaml.Node, key string) (err error) {
				hasQuery = true
				if a.Query, err = p.str(v, key); err != nil {
					return err
				}
				if _, qerr := textsearch.ParseQuery(a.Query); qerr != nil {
					return p.errf(v, key, "%v", qerr)
				}
				return nil
			},
			"sites": func(v *yaml.Node, key string) (err error) {
				if a.Sites, err = p.strList(v, key); err != nil {
					return err
				}
				for j, s := range a.Sites {
					if !known[s] {
						return p.errf(elem(v, j), key, "%q is not a configured site", s)
					}
				}
				return nil
			},
			"webhook": func(v *yaml.Node, key string) (err error) {
				hasHook = true
				if a.Webhook, err = p.str(v, key); err != nil {
					return err
				}
				if u, perr := url.Parse(a.Webhook); perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return p.errf(v, key, "%q is not an absolute http(s) URL", a.Webhook)
				}
				return nil
			},
			"allow_internal": func(v *yaml.Node, key string) (err error) {
				a.AllowInternal, err = p.boolean(v, key)
				return err
			},
		})
		for _, k := range []struct {
			key string
			has bool
		}{{"name", hasName}, {"query", hasQuery}, {"webhook", hasHook}} {
			if !k.has && an.Kind == yaml.MappingNode {
				p.add(p.errf(an, prefix+"."+k.key, "missing: every alert needs a name, a query and a webhook"))
			}
		}
		if len(p.errs) > before {
			continue
		}
		if first, dup := seen[a.Name]; dup {
			p.add(&Error{File: p.file, Line: a.Line, Key: prefix + ".name", Msg: fmt.Sprintf("duplicate alert name %q (first defined on line %d)", a.Name, first)})
			continue
		}
		seen[a.Name] = a.Line
		out = append(out, a)
	}
	return out
}
