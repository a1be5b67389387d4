package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/archive"
	"github.com/wardcrawl/wardcrawl/internal/farm"
	"github.com/wardcrawl/wardcrawl/internal/pgtest"
	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/storage"
)

// workerFarm serves 12 small portals for the workers' test: four share one
// server (paths of one provincial host), eight have a host each. Every
// request is logged.
func workerFarm(t *testing.T) *farm.Farm {
	t.Helper()
	f := farm.NewSites(12, 12)
	// Answers take most of the delay, so a kill likely lands on a
	// request in flight.
	f.Latency = 90 * time.Millisecond
	f.LogRequests()
	if err := f.StartShared("127.3.0.1", f.Sites[:4]); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	for i, s := range f.Sites[4:] {
		if err := s.Start(fmt.Sprintf("127.3.0.%d", i+2)); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// workerOf is the worker (of ids) whose id names pid.
func workerOf(ids []string, pid int) string {
	for _, id := range ids {
		if strings.Contains(id, fmt.Sprintf(":%d:", pid)) {
			return id
		}
	}
	return ""
}

// Three worker processes crawl one PostgreSQL archive; one is killed
// (SIGKILL) while it holds sites. The others finish its sites; every
// article is stored once; every page was fetched once, but for a few the
// killed worker had in flight on its own sites; no host saw two requests
// closer than its delay, across workers; the archive checks clean.
func TestWorkersShareAndSurviveAKill(t *testing.T) {
	pg := pgtest.Shared(t)
	dsn := pg.NewDatabase(t)
	f := workerFarm(t)
	const delay = 120 * time.Millisecond
	var cfg strings.Builder
	// Two sites at a time per worker: the shared host's four sites go to
	// different workers in turn, so its lease changes hands while its
	// delay runs.
	fmt.Fprintf(&cfg, "storage: {url: %q}\nmax_active_sites: 2\ndefaults: {delay: %s, parallelism: 1}\nsites:\n", dsn, delay)
	for _, s := range f.Sites {
		fmt.Fprintf(&cfg, "  - name: %s\n    start_urls: [%q]\n", s.Name, s.URL+"/")
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for range 3 {
		cmd, out := startMain(t, "crawl", "--config", path, "--json", "--lease-time", "1500ms", "-v")
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	st, err := storage.Open(context.Background(), dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()

	// Kill the worker that holds the shared host, once the farm has served
	// a quarter of its pages: its sites and that host go to the others.
	shared := strings.TrimPrefix(strings.TrimSuffix(f.Sites[0].URL, "/"+f.Sites[0].Name), "http://")
	pages := f.Pages()
	var victim int
	var victimID string
	var victimSites []string
	deadline := time.Now().Add(60 * time.Second)
	for victimID == "" {
		if time.Now().After(deadline) {
			t.Fatalf("no worker held the shared host a quarter of the way in\n%s", outs[0])
		}
		time.Sleep(50 * time.Millisecond)
		if f.Served().Pages < pages/4 {
			continue
		}
		ws, err := st.Workers(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, w := range ws {
			ids = append(ids, w.ID)
		}
		for i, cmd := range cmds {
			id := workerOf(ids, cmd.Process.Pid)
			for _, w := range ws {
				if w.ID == id && slices.Contains(w.Hosts, shared) {
					victim, victimID, victimSites = i, id, w.Sites
				}
			}
			if victimID != "" {
				break
			}
		}
	}
	if err := cmds[victim].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmds[victim].Wait()
	killedAt := time.Now()
	// Its sites as they stood at the kill (it may have taken one more
	// between the listing and the signal).
	if ws, err := st.Workers(ctx, false); err == nil {
		for _, w := range ws {
			if w.ID == victimID {
				victimSites = append(victimSites, w.Sites...)
			}
		}
	}
	sort.Strings(victimSites)
	victimSites = slices.Compact(victimSites)
	t.Logf("killed worker %s holding %v", victimID, victimSites)
	for i, cmd := range cmds {
		if i == victim {
			continue
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("worker %d: %v\n%s", i, err, outs[i])
			}
		case <-time.After(120 * time.Second):
			t.Fatalf("worker %d did not finish\n%s", i, outs[i])
		}
	}
	t.Logf("the others finished %s after the kill", time.Since(killedAt).Round(time.Millisecond))

	// Every article stored exactly once, at one URL.
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != f.Articles() || stats.ArticleURLs != f.Articles() {
		t.Errorf("%d articles at %d URLs stored; the farm has %d", stats.Articles, stats.ArticleURLs, f.Articles())
	}
	// The killed worker's sites were finished by the others.
	held := map[string]bool{}
	for _, s := range victimSites {
		held[s] = true
	}
	for _, s := range stats.Sites {
		if held[s.Site] && s.Articles != 12 {
			t.Errorf("%s, the killed worker's: %d articles", s.Site, s.Articles)
		}
	}
	runs, err := st.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	finishedBy := map[string]string{}
	for _, r := range runs {
		for _, s := range r.Sites {
			if s.CrawledBy == "" && s.Error == "" {
				finishedBy[s.Site] = r.Worker
			}
		}
		if r.Worker == victimID && r.Status != "aborted" && r.Status != "running" {
			t.Errorf("the killed worker's run %d is %s", r.ID, r.Status)
		}
	}
	for _, s := range victimSites {
		if by := finishedBy[s]; by == "" || by == victimID {
			t.Errorf("%s finished by %q", s, by)
		}
	}

	// Every page fetched once, but for what the killed worker had in
	// flight on its own sites.
	reqs := f.Requests()
	count := map[string]int{}
	for _, r := range reqs {
		if r.Status == 200 && !strings.HasSuffix(r.Path, "robots.txt") {
			count[r.Host+r.Path]++
		}
	}
	siteOf := func(hostPath string) string {
		for _, s := range f.Sites {
			if strings.HasPrefix("http://"+hostPath, s.URL+"/") {
				return s.Name
			}
		}
		return ""
	}
	again := 0
	for u, n := range count {
		if n == 1 {
			continue
		}
		again += n - 1
		if n > 2 || !held[siteOf(u)] {
			t.Errorf("%s fetched %d times (site %s)", u, n, siteOf(u))
		}
	}
	if again > 2*len(victimSites) {
		t.Errorf("%d pages fetched again; the killed worker held %d sites", again, len(victimSites))
	}
	if len(count) != f.Pages() {
		t.Errorf("%d pages fetched, the farm has %d", len(count), f.Pages())
	}
	t.Logf("%d requests, %d pages, %d fetched again", len(reqs), len(count), again)

	// No host saw two requests closer than the delay, whichever worker
	// sent them (the log's times are the server's: a few milliseconds of
	// scheduling either way). The shared host changed hands at the kill.
	byHost := map[string][]time.Time{}
	for _, r := range reqs {
		byHost[r.Host] = append(byHost[r.Host], r.At)
	}
	const slack = 15 * time.Millisecond
	for h, ts := range byHost {
		sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
		for i := 1; i < len(ts); i++ {
			if gap := ts[i].Sub(ts[i-1]); gap < delay-slack {
				t.Errorf("%s: two requests %s apart (delay %s)", h, gap, delay)
				break
			}
		}
	}
	if v, err := st.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity: %s %v", v, err)
	}
	ws, _ := st.Workers(ctx, false)
	for _, w := range ws {
		if w.Live || len(w.Sites) > 0 {
			t.Errorf("worker %s still live or holding %v", w.ID, w.Sites)
		}
	}
	// workers lists the two that stopped and the one that died; runs
	// names each run's worker.
	out, _, err := run(t, "workers", "--db", dsn)
	if err != nil || strings.Count(out, " stopped ") != 2 || !strings.Contains(out, victimID+"  dead ") {
		t.Errorf("workers: %v\n%s", err, out)
	}
	out, _, err = run(t, "runs", "--db", dsn)
	if err != nil || !strings.Contains(out, "WORKER") || !strings.Contains(out, victimID) {
		t.Errorf("runs: %v\n%s", err, out)
	}
	// The next crawl, one worker, is incremental on PostgreSQL as on
	// SQLite: nothing new, stored articles not fetched again.
	before := len(f.Requests())
	out, stderr, err := run(t, "crawl", "--config", path, "--json", "-q")
	var sum struct {
		Status string                 `json:"status"`
		Sites  []storage.RunSiteStats `json:"sites"`
	}
	if err != nil || json.Unmarshal([]byte(out), &sum) != nil || sum.Status != "ok" {
		t.Fatalf("second crawl: %v\n%s\n%s", err, out, stderr)
	}
	for _, s := range sum.Sites {
		if s.ArticlesNew != 0 || s.Error != "" || s.CrawledBy != "" {
			t.Errorf("second crawl: %+v", s)
		}
	}
	articlePages := 0
	for _, r := range f.Requests()[before:] {
		if strings.Contains(r.Path, "/tin-tuc/bai-") {
			articlePages++
		}
	}
	if articlePages > 0 {
		t.Errorf("the second crawl fetched %d stored articles again", articlePages)
	}
}

// Two schedule daemons on one PostgreSQL archive fire on the same cron
// ticks: at each tick each site is crawled by one of them, the other
// reports it crawled by the first.
func TestTwoSchedulersShareEachTick(t *testing.T) {
	pg := pgtest.Shared(t)
	dsn := pg.NewDatabase(t)
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	var b strings.Builder
	fmt.Fprintf(&b, "storage: {url: %q}\ndefaults: {delay: 100ms, parallelism: 2, schedule: \"*/2 * * * * *\", min_schedule_interval: 1s}\nsites:\n", dsn)
	for _, p := range ps[:2] {
		fmt.Fprintf(&b, "  - name: %s\n    start_urls: [%s]\n", p.Name, p.StartURL())
	}
	if err := os.WriteFile(cfg, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 2)
	for range 2 {
		go func() { done <- Run(ctx, []string{"schedule", "--config", cfg}, &bytes.Buffer{}, &bytes.Buffer{}) }()
	}
	time.Sleep(7 * time.Second)
	cancel()
	for range 2 {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("schedule: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("schedule did not stop")
		}
	}
	st, err := storage.Open(context.Background(), dsn, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	crawled := map[string]int{} // site and tick → crawls
	others := 0
	for _, r := range runs {
		for _, s := range r.Sites {
			tick := s.Site + " " + r.StartedAt.Truncate(2*time.Second).Format(time.TimeOnly)
			switch {
			case s.CrawledBy != "":
				others++
			case s.PagesFetched > 0:
				crawled[tick]++
			}
		}
	}
	if len(crawled) < 4 || others == 0 {
		t.Errorf("%d site ticks crawled, %d left to the other scheduler: %v", len(crawled), others, crawled)
	}
	for tick, n := range crawled {
		if n > 1 {
			t.Errorf("%s crawled %d times", tick, n)
		}
	}
}

// workers on an archive no worker has joined says so; on SQLite it is a
// usage error naming PostgreSQL.
func TestWorkersCommandWithoutWorkers(t *testing.T) {
	dsn := pgtest.Shared(t).NewDatabase(t)
	st, err := storage.Open(context.Background(), dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if out, _, err := run(t, "workers", "--db", dsn); err != nil || !strings.Contains(out, "no worker has joined") {
		t.Errorf("%v\n%s", err, out)
	}
	db := filepath.Join(t.TempDir(), "w.db")
	if _, _, err := run(t, "demo", "--db", db, "--out", filepath.Join(t.TempDir(), "d.jsonl"), "--delay", "0s", "-q"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "workers", "--db", db); exitCode(err) != exitUsage || !strings.Contains(err.Error(), "PostgreSQL") {
		t.Errorf("on SQLite: %v", err)
	}
}

// archive on a PostgreSQL archive is one of its workers: while another
// worker holds the site and its host, it fetches nothing; once they are
// given back it archives the whole site, though the other worker finished
// it after the archive began (a crawl would skip it as Done).
func TestArchiveTakesItsHostOnLease(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Shared(t).NewDatabase(t)
	f := farm.NewSites(1, 4)
	f.LogRequests()
	if err := f.Start("127.3.1.1"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	st, err := storage.Open(ctx, dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	other, err := st.JoinWorker(ctx, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Leave(ctx)
	host := strings.TrimPrefix(f.Sites[0].URL, "http://")
	name := archive.SiteFor(f.Sites[0].URL + "/").Name
	if l, err := other.Acquire(ctx, 0, name, []string{host}, 0, nil); err != nil || l.State != storage.Leased {
		t.Fatalf("the other worker's lease: %+v %v", l, err)
	}
	done := make(chan error, 1)
	var out, errb bytes.Buffer
	go func() {
		done <- Run(ctx, []string{"archive", f.Sites[0].URL + "/", "--db", dsn, "--out", t.TempDir(), "--delay", "0", "--json"}, &out, &errb)
	}()
	time.Sleep(1500 * time.Millisecond)
	if n := len(f.Requests()); n != 0 {
		t.Errorf("%d requests while another worker held the host", n)
	}
	if err := other.Release(ctx, name, map[string]time.Duration{host: 0}, true); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("archive: %v\n%s", err, errb.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("archive did not finish once the host was free")
	}
	var sum struct{ Pages, Articles int }
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil || sum.Articles != 4 || len(f.Requests()) == 0 {
		t.Errorf("archive: %s (%v), %d requests", out.String(), err, len(f.Requests()))
	}
}
