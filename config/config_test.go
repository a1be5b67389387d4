package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

const good = `
storage: {path: data/w.db}
defaults:
  user_agent: "test-agent"
  delay: 250ms
  parallelism: 3
  max_depth: 4
  timeout: 10s
sites:
  - name: phuong-bo-de
    start_urls: [http://127.0.0.1:8080/]
    delay: 2s
    article_pattern: '/tin-tuc/.+\.html$'
  - name: phuong-hoi-phu
    start_urls:
      - http://127.0.0.2/news
      - http://127.0.0.2:81/other
    allowed_domains: [127.0.0.2, 127.0.0.2:81]
    respect_robots: false
    site_model: false
    max_pages: 50
`

func TestParseGood(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.StoragePath != "data/w.db" || cfg.MaxActiveSites != 0 {
		t.Errorf("storage path = %q, max_active_sites %d", cfg.StoragePath, cfg.MaxActiveSites)
	}
	if len(cfg.Sites) != 2 {
		t.Fatalf("sites = %d", len(cfg.Sites))
	}
	a, b := cfg.Sites[0], cfg.Sites[1]
	if a.Delay != 2*time.Second || a.Parallelism != 3 || a.MaxDepth != 4 || a.Timeout != 10*time.Second || a.UserAgent != "test-agent" {
		t.Errorf("site a settings not merged: %+v", a.Settings)
	}
	if !a.RespectRobots {
		t.Error("respect_robots must default to true")
	}
	if !a.SiteModel || b.SiteModel {
		t.Errorf("site_model: a %v (default true), b %v (set false)", a.SiteModel, b.SiteModel)
	}
	if got := strings.Join(a.AllowedDomains, ","); got != "127.0.0.1:8080" {
		t.Errorf("default allowed domains = %q", got)
	}
	if a.ArticlePattern == nil || !a.ArticlePattern.MatchString("/tin-tuc/x.html") {
		t.Error("article pattern not compiled")
	}
	if b.Delay != 250*time.Millisecond || b.RespectRobots || b.MaxPages != 50 {
		t.Errorf("site b settings: %+v", b.Settings)
	}
	if a.Line != 10 || b.Line != 14 {
		t.Errorf("site lines = %d, %d", a.Line, b.Line)
	}
}

func TestMinimalSite(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("sites:\n  - name: x\n    start_urls: [https://x.example/]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Sites[0].Settings != BuiltinDefaults() {
		t.Errorf("minimal site should get builtin defaults, got %+v", cfg.Sites[0].Settings)
	}
}

func TestErrorsNameFileLineKey(t *testing.T) {
	cases := []struct {
		name, yaml, want string
		line             int
	}{
		{"unknown top key", "sitez: []\n", "sitez", 1},
		{"unknown site key", "sites:\n  - name: a\n    start_urls: [http://a/]\n    dealy: 1s\n", "sites[0].dealy", 4},
		{"unknown default key", "defaults:\n  parallel: 2\nsites:\n  - name: a\n    start_urls: [http://a/]\n", "defaults.parallel", 2},
		{"bad duration", "sites:\n  - name: a\n    start_urls: [http://a/]\n    delay: 5\n", "sites[0].delay", 4},
		{"bad regex", "sites:\n  - name: a\n    start_urls: [http://a/]\n    follow_pattern: '(['\n", "sites[0].follow_pattern", 4},
		{"duplicate name", "sites:\n  - name: a\n    start_urls: [http://a/]\n  - name: a\n    start_urls: [http://b/]\n", "sites[1].name", 4},
		{"bad name", "sites:\n  - name: Phuong A\n    start_urls: [http://a/]\n", "sites[0].name", 2},
		{"missing start", "sites:\n  - name: a\n", "sites[0].start_urls", 2},
		{"relative start", "sites:\n  - name: a\n    start_urls: [/news]\n", "sites[0].start_urls", 3},
		{"ftp start", "sites:\n  - name: a\n    start_urls: ['ftp://a/x']\n", "sites[0].start_urls", 3},
		{"zero parallelism", "defaults: {parallelism: 0}\nsites:\n  - name: a\n    start_urls: [http://a/]\n", "defaults.parallelism", 1},
		{"bad bool", "sites:\n  - name: a\n    start_urls: [http://a/]\n    respect_robots: maybe\n", "sites[0].respect_robots", 4},
		{"no sites", "storage: {path: x.db}\n", "sites", 1},
		{"storage url not postgres", "storage: {url: 'mysql://x'}\nsites:\n  - name: a\n    start_urls: [http://a/]\n", "storage.url", 1},
		{"storage path and url", "storage:\n  path: x.db\n  url: postgres://u@h/db\nsites:\n  - name: a\n    start_urls: [http://a/]\n", "storage.url", 3},
		{"bad pool", "max_active_sites: 0\nsites:\n  - name: a\n    start_urls: [http://a/]\n", "max_active_sites", 1},
		{"bad content selector", "sites:\n  - name: a\n    start_urls: [http://a/]\n    content_selector: 'div[class='\n", "sites[0].content_selector", 4},
		{"bad remove selector", "sites:\n  - name: a\n    start_urls: [http://a/]\n    remove_selectors:\n      - .ok\n      - 'p:nth-child('\n", "sites[0].remove_selectors", 6},
		{"empty date selector", "sites:\n  - name: a\n    start_urls: [http://a/]\n    date_selector: ''\n", "sites[0].date_selector", 4},
		{"bad cron", "sites:\n  - name: a\n    start_urls: [http://a/]\n    schedule: '0 */6 * *'\n", "sites[0].schedule", 4},
		{"bad recheck", "defaults:\n  recheck_after: 30d\nsites:\n  - name: a\n    start_urls: [http://a/]\n", "defaults.recheck_after", 2},
		{"revisit bounds reversed", "defaults:\n  revisit_max: 2h\n  revisit_min: 3h\nsites:\n  - name: a\n    start_urls: [http://a/]\n", "defaults.revisit_min", 3},
		{"site revisit under defaults' min", "defaults:\n  revisit_min: 3h\nsites:\n  - name: a\n    start_urls: [http://a/]\n    revisit_max: 2h\n", "sites[0].revisit_max", 6},
		{"zero revisit", "sites:\n  - name: a\n    start_urls: [http://a/]\n    revisit_min: 0s\n", "sites[0].revisit_min", 4},
		{"alert bad query", "sites:\n  - name: a\n    start_urls: [http://a/]\nalerts:\n  - name: dat\n    query: '\"thu hoi'\n    webhook: http://h/\n", "alerts[0].query", 6},
		{"alert unknown site", "sites:\n  - name: a\n    start_urls: [http://a/]\nalerts:\n  - name: dat\n    query: dat\n    sites: [a, b]\n    webhook: http://h/\n", "alerts[0].sites", 7},
		{"alert bad webhook", "sites:\n  - name: a\n    start_urls: [http://a/]\nalerts:\n  - name: dat\n    query: dat\n    webhook: /hook\n", "alerts[0].webhook", 7},
		{"alert without webhook", "sites:\n  - name: a\n    start_urls: [http://a/]\nalerts:\n  - name: dat\n    query: dat\n", "alerts[0].webhook", 5},
		{"alert twice", "sites:\n  - name: a\n    start_urls: [http://a/]\nalerts:\n  - {name: dat, query: dat, webhook: 'http://h/'}\n  - {name: dat, query: dat, webhook: 'http://h/'}\n", "alerts[1].name", 6},
		{"negative variants", "sites:\n  - name: a\n    start_urls: [http://a/]\n    max_query_variants: -1\n", "sites[0].max_query_variants", 4},
		{"repeated key", "sites:\n  - name: a\n    name: b\n    start_urls: [http://a/]\n", "sites[0].name", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("my.yaml", []byte(c.yaml))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("want *config.Error, got %v", err)
			}
			if ce.File != "my.yaml" || ce.Key != c.want || ce.Line != c.line {
				t.Errorf("got file=%s line=%d key=%s (%v); want line %d key %s", ce.File, ce.Line, ce.Key, err, c.line, c.want)
			}
			if !strings.HasPrefix(err.Error(), "my.yaml:") {
				t.Errorf("message must start with the file name: %v", err)
			}
		})
	}
}

// A YAML syntax error has the same file:line: key: message shape as any
// other config error, on the line at fault (the YAML library names the
// line where the enclosing block starts: line 3 for a bad indent on 5).
func TestSyntaxErrorLine(t *testing.T) {
	for _, c := range []struct {
		yaml string
		line int
	}{
		{"sites: [\n", 1},
		{"defaults:\n  delay: 1s\nsites:\n  - name: a\n   start_urls: [http://a/]\n", 5},
		{"storage: {path: x}\nsites:\n  - name: a\n    start_urls: [http://a/]\n  bad: : :\n", 5},
		{"sites:\n  - name: a\n\tstart_urls: x\n", 3},
		{"sites:\n  - name: a\n    start_urls: [http://a/\n  - name: b\n", 3},
	} {
		_, err := Parse("s.yaml", []byte(c.yaml))
		var ce *Error
		if !errors.As(err, &ce) || ce.Line != c.line || ce.Key != "yaml syntax" || !strings.HasPrefix(err.Error(), fmt.Sprintf("s.yaml:%d: yaml syntax: ", c.line)) {
			t.Errorf("%q: %v (want line %d)", c.yaml, err, c.line)
		}
	}
}

// Every error of the file is reported, each with its line, in line order.
func TestEveryErrorIsReported(t *testing.T) {
	_, err := Parse("c.yaml", []byte("defaults:\n  delay: soon\n  parallelism: 0\nsites:\n  - name: a\n    start_urls: [http://a/]\n    dealy: 1s\n  - name: B\n    start_urls: [/x]\n"))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want Errors, got %T %v", err, err)
	}
	var got []string
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%d:%s", e.Line, e.Key))
	}
	want := "2:defaults.delay 3:defaults.parallelism 7:sites[0].dealy 8:sites[1].name 9:sites[1].start_urls"
	if strings.Join(got, " ") != want {
		t.Errorf("errors %q\nwant %q\n%v", strings.Join(got, " "), want, err)
	}
	if n := strings.Count(err.Error(), "\n"); n != 4 {
		t.Errorf("one line per error: %q", err.Error())
	}
}

func TestAllowedDomainsMustIncludeTheStartHost(t *testing.T) {
	_, err := Parse("c.yaml", []byte("sites:\n  - name: a\n    start_urls: [http://phuong.example.gov.vn/, https://phuong.example.gov.vn:8443/x]\n    allowed_domains: [example.gov.vn, phuong.example.gov.vn]\n"))
	if err == nil || !strings.Contains(err.Error(), "c.yaml:4: sites[0].allowed_domains: excludes phuong.example.gov.vn:8443") || strings.Count(err.Error(), "excludes") != 1 {
		t.Errorf("err = %v", err)
	}
}

// A schedule that fires more often than min_schedule_interval (1m by
// default) is refused unless the floor is lowered on purpose.
func TestScheduleFloor(t *testing.T) {
	for _, c := range []struct {
		yaml, want string
	}{
		{"sites:\n  - name: a\n    start_urls: [http://a/]\n    schedule: '*/10 * * * * *'\n", "c.yaml:4: sites[0].schedule: \"*/10 * * * * *\" runs every 10s"},
		{"defaults:\n  schedule: '@every 30s'\nsites:\n  - name: a\n    start_urls: [http://a/]\n", "c.yaml:2: defaults.schedule: \"@every 30s\" runs every 30s"},
		{"defaults:\n  schedule: '*/5 * * * *'\nsites:\n  - name: a\n    start_urls: [http://a/]\n    min_schedule_interval: 1h\n", "c.yaml:4: sites[0].schedule (from defaults): \"*/5 * * * *\" runs every 5m0s"},
	} {
		if _, err := Parse("c.yaml", []byte(c.yaml)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("err = %v, want %q", err, c.want)
		}
	}
	for _, ok := range []string{
		"sites:\n  - name: a\n    start_urls: [http://a/]\n    schedule: '* * * * *'\n",
		"sites:\n  - name: a\n    start_urls: [http://a/]\n    schedule: '*/10 * * * * *'\n    min_schedule_interval: 10s\n",
		"defaults:\n  schedule: '0 */6 * * *'\nsites:\n  - name: a\n    start_urls: [http://a/]\n",
	} {
		if _, err := Parse("c.yaml", []byte(ok)); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

func TestSelectSites(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	got, err := cfg.SelectSites([]string{"phuong-hoi-phu"})
	if err != nil || len(got) != 1 || got[0].Name != "phuong-hoi-phu" {
		t.Fatalf("select: %v %v", got, err)
	}
	if _, err := cfg.SelectSites([]string{"nope"}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("unknown site should be an error naming it: %v", err)
	}
}

func TestSelectors(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("sites:\n  - name: a\n    start_urls: [http://a/]\n    content_selector: '#noi-dung .bai-viet'\n    remove_selectors: ['.quang-cao', 'p.tin-nong']\n    date_selector: 'span.ngay-dang'\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Sites[0]
	if s.ContentSelector != "#noi-dung .bai-viet" || strings.Join(s.RemoveSelectors, ",") != ".quang-cao,p.tin-nong" || s.DateSelector != "span.ngay-dang" {
		t.Errorf("selectors = %q %q %q", s.ContentSelector, s.RemoveSelectors, s.DateSelector)
	}
}

func TestIncrementalKeys(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte(`defaults:
  recheck_after: 168h
  schedule: "0 */6 * * *"
sites:
  - name: a
    start_urls: [http://a/]
    max_query_variants: 20
  - name: b
    start_urls: [http://b/]
    recheck_after: 0s
    schedule: "CRON_TZ=Asia/Ho_Chi_Minh 30 5 * * *"
  - name: c
    start_urls: [http://c/]
    schedule: ""
  - name: d
    start_urls: [http://d/]
    adaptive_revisit: false
    revisit_min: 30m
    revisit_max: 240h
`))
	if err != nil {
		t.Fatal(err)
	}
	a, b := cfg.Sites[0], cfg.Sites[1]
	if a.RecheckAfter != 168*time.Hour || a.MaxQueryVariants != 20 || a.Schedule != "0 */6 * * *" {
		t.Errorf("site a: %+v", a.Settings)
	}
	if b.RecheckAfter != 0 || b.MaxQueryVariants != BuiltinDefaults().MaxQueryVariants || !strings.HasPrefix(b.Schedule, "CRON_TZ=") {
		t.Errorf("site b: %+v", b.Settings)
	}
	if c := cfg.Sites[2]; !c.AdaptiveRevisit || c.RevisitMin != time.Hour || c.RevisitMax != 720*time.Hour {
		t.Errorf("revisit defaults: %v %s %s", c.AdaptiveRevisit, c.RevisitMin, c.RevisitMax)
	}
	if cfg.Sites[2].Schedule != "" {
		t.Errorf("schedule \"\" must opt a site out of the defaults' schedule: %q", cfg.Sites[2].Schedule)
	}
	if d := cfg.Sites[3]; d.AdaptiveRevisit || d.RevisitMin != 30*time.Minute || d.RevisitMax != 240*time.Hour {
		t.Errorf("site d: %v %s %s", d.AdaptiveRevisit, d.RevisitMin, d.RevisitMax)
	}
	for expr, secs := range map[string]bool{"*/5 * * * * *": true, "@every 6h": false, "0 */6 * * *": false} {
		if got, err := ParseSchedule(expr); err != nil || got != secs {
			t.Errorf("ParseSchedule(%q) = %v, %v", expr, got, err)
		}
	}
}

func TestAlerts(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte(`sites:
  - name: a
    start_urls: [http://a/]
alerts:
  - name: thu-hoi-dat
    query: '"thu hồi đất" OR giải phóng mặt bằng'
    sites: [a]
    webhook: https://hooks.example.org/wardcrawl
  - name: noi-bo
    query: ngập
    webhook: http://127.0.0.1:9000/hook
    allow_internal: true
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Alerts) != 2 || cfg.Alerts[0].Name != "thu-hoi-dat" || cfg.Alerts[0].Sites[0] != "a" || cfg.Alerts[0].Line != 5 ||
		!cfg.Alerts[1].AllowInternal || cfg.Alerts[0].AllowInternal || cfg.Alerts[1].Webhook != "http://127.0.0.1:9000/hook" {
		t.Errorf("alerts: %+v", cfg.Alerts)
	}
}

// storage.url names a PostgreSQL archive; it stands where storage.path
// would.
func TestStorageURL(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("storage: {url: 'postgres://wardcrawl@db.example/archive'}\nsites:\n  - name: a\n    start_urls: [http://a/]\n"))
	if err != nil || cfg.StoragePath != "postgres://wardcrawl@db.example/archive" {
		t.Fatalf("%+v %v", cfg, err)
	}
}
