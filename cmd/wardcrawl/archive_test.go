package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"

	warc "github.com/internetarchive/gowarc"

	"github.com/wardcrawl/wardcrawl/archive"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// requireTool returns the path of an external program a test checks
// against; .ci/run installs it and sets WARDCRAWL_REQUIRE_READERS=1, so
// there a missing one fails the test instead of skipping it.
func requireTool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("WARDCRAWL_REQUIRE_READERS") != "" {
			t.Fatalf("%s not installed (%s)", name, install)
		}
		t.Skipf("%s not installed: %s (or run .ci/run)", name, install)
	}
	return p
}

// warcioDir is the independent WARC reader: webrecorder's warcio.js, from
// npm (archive/testdata/warcio).
func warcioDir(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs("../../archive/testdata/warcio")
	requireTool(t, "node", "apt-get install nodejs")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "warcio")); err != nil {
		if os.Getenv("WARDCRAWL_REQUIRE_READERS") != "" {
			t.Fatalf("warcio not installed in %s (npm install there): %v", dir, err)
		}
		t.Skipf("warcio not installed: run `npm install --prefix %s` (or .ci/run)", dir)
	}
	return dir
}

type warcioReport struct {
	Records        int            `json:"records"`
	Types          map[string]int `json:"types"`
	BlockDigests   int            `json:"blockDigests"`
	PayloadDigests int            `json:"payloadDigests"`
	Errors         []string       `json:"errors"`
}

// warcioVerify has warcio.js parse every record of files and check its
// block digest, and the payload digest of every response.
func warcioVerify(t *testing.T, files []string) warcioReport {
	t.Helper()
	dir := warcioDir(t)
	raw, err := exec.Command("node", append([]string{filepath.Join(dir, "verify.mjs")}, files...)...).Output()
	var rep warcioReport
	if jerr := json.Unmarshal(raw, &rep); jerr != nil {
		t.Fatalf("warcio verify: %v %v\n%s", err, jerr, raw)
	}
	for _, e := range rep.Errors {
		t.Errorf("warcio: %s", e)
	}
	if rep.BlockDigests != rep.Records {
		t.Errorf("warcio verified %d block digests of %d records", rep.BlockDigests, rep.Records)
	}
	return rep
}

// warcioIndex is warcio.js's own CDXJ index of the files, sorted.
func warcioIndex(t *testing.T, dir string, files []string) []string {
	t.Helper()
	cli := filepath.Join(warcioDir(t), "node_modules", "warcio", "dist", "cli.js")
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	cmd := exec.Command("node", append([]string{cli, "cdx-index"}, names...)...)
	cmd.Dir = dir
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("warcio cdx-index: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	sort.Strings(lines)
	return lines
}

func closedWARCs(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	return files
}

type warcRec struct {
	file    string
	header  warc.Header
	block   []byte
	offset  int64
	payload []byte // the HTTP body, de-chunked, content coding kept
	status  int
	ctype   string
}

// parsed reads a record's block and, for a response or revisit, its HTTP
// status, Content-Type and payload.
func parsed(file string, r *warc.Record) (warcRec, error) {
	r.Content.Seek(0, io.SeekStart)
	b, err := io.ReadAll(r.Content)
	if err != nil {
		return warcRec{}, err
	}
	rec := warcRec{file: file, header: r.Header, block: b, offset: r.Offset}
	if k := r.Header.Get("WARC-Type"); k == "response" || k == "revisit" {
		if resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(b)), nil); err == nil {
			rec.status, rec.ctype = resp.StatusCode, resp.Header.Get("Content-Type")
			rec.payload, _ = io.ReadAll(resp.Body)
		}
	}
	return rec, nil
}

// goRead reads every record of files with gowarc (a second reader).
func goRead(t *testing.T, files []string) []warcRec {
	t.Helper()
	var out []warcRec
	for _, f := range files {
		err := archive.EachRecord(f, true, func(r *warc.Record) error {
			rec, err := parsed(f, r)
			out = append(out, rec)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// readCapture reads the record a capture points at, in whichever of dirs
// holds its file, within the capture's length: it must be whole there.
func readCapture(dirs []string, c storage.Capture) (warcRec, error) {
	for _, d := range dirs {
		f, err := os.Open(filepath.Join(d, c.File))
		if errors.Is(err, os.ErrNotExist) {
			// The file a killed writer left open: the record must be whole
			// in it (it was written before its page was stored), and the
			// next run recovers the file under this name.
			f, err = os.Open(filepath.Join(d, c.File+".open"))
		}
		if err != nil {
			continue
		}
		defer f.Close()
		if _, err := f.Seek(c.Offset, io.SeekStart); err != nil {
			return warcRec{}, err
		}
		r, err := warc.NewReader(io.LimitReader(f, c.Length))
		if err != nil {
			return warcRec{}, err
		}
		rec, err := r.ReadRecord()
		if err != nil {
			return warcRec{}, fmt.Errorf("no whole record at %s:%d+%d: %w", c.File, c.Offset, c.Length, err)
		}
		defer rec.Content.Close()
		return parsed(f.Name(), rec)
	}
	return warcRec{}, fmt.Errorf("capture in %s, which is not a WARC file of the archive", c.File)
}

func responseFor(recs []warcRec, u string) (warcRec, bool) {
	for _, r := range recs {
		if k := r.header.Get("WARC-Type"); (k == "response" || k == "revisit") && r.header.Get("WARC-Target-URI") == u {
			return r, true
		}
	}
	return warcRec{}, false
}

func readIndex(t *testing.T, dir string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, archive.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if !slices.IsSorted(lines) {
		t.Error("index.cdxj is not sorted")
	}
	return lines
}

// checkArchive checks a WARC directory with both readers: warcio.js parses
// every record and verifies its digests, and its CDXJ index equals ours.
func checkArchive(t *testing.T, dir string) []warcRec {
	t.Helper()
	files := closedWARCs(t, dir)
	if len(files) == 0 {
		t.Fatalf("no WARC files in %s", dir)
	}
	recs := goRead(t, files)
	rep := warcioVerify(t, files)
	if rep.Records != len(recs) {
		t.Errorf("warcio read %d records, gowarc %d", rep.Records, len(recs))
	}
	responses := 0
	for _, r := range recs {
		if r.header.Get("WARC-Type") == "response" && r.header.Get("WARC-Truncated") == "" {
			responses++
		}
	}
	if rep.PayloadDigests != responses {
		t.Errorf("warcio verified %d payload digests of %d responses", rep.PayloadDigests, responses)
	}
	if got, want := readIndex(t, dir), warcioIndex(t, dir, files); !slices.Equal(got, want) {
		t.Errorf("index.cdxj differs from warcio's index of the same files:\nours:\n%s\nwarcio:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return recs
}

// checkCaptures: every page the database ties to a WARC record points at a
// whole record holding that page, in a closed file or, after a kill -9, in
// the file the writer left open (written before the page was stored; the
// next run cuts that file after its last whole record and closes it); an
// article's record re-extracts to the same article.
func checkCaptures(t *testing.T, db string, dirs ...string) {
	t.Helper()
	st := openDB(t, db)
	defer st.Close()
	n := 0
	err := st.EachCapture(context.Background(), func(pageURL string, c storage.Capture) error {
		n++
		rec, err := readCapture(dirs, c)
		if err != nil {
			t.Errorf("%s: %v", pageURL, err)
			return nil
		}
		norm, _ := crawler.Normalize(strings.Trim(rec.header.Get("WARC-Target-URI"), "<>")) // wget brackets it
		if rec.header.Get("WARC-Record-ID") != c.RecordID || norm != pageURL || rec.header.Get("WARC-Type") != c.Type {
			t.Errorf("%s: capture %+v finds record %v", pageURL, c, rec.header)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no page is tied to a WARC record")
	}
	// Every article has its source in the archive, and it re-extracts to
	// the same text.
	var arts []storage.Record
	st.EachArticle(context.Background(), storage.Filter{}, func(a storage.Record) error {
		arts = append(arts, a)
		return nil
	})
	for _, a := range arts {
		cs, err := st.Captures(context.Background(), a.ContentHash)
		if err != nil || len(cs) == 0 {
			t.Errorf("article %s (%s) is tied to no WARC record", a.Title, a.URLs)
			continue
		}
		for _, c := range cs {
			if c.Type != "response" {
				continue
			}
			rec, err := readCapture(dirs, c)
			if err != nil {
				t.Errorf("article %s: %v", a.Title, err)
				continue
			}
			u, _ := url.Parse(strings.Trim(rec.header.Get("WARC-Target-URI"), "<>"))
			art, err := parsers.Extract(rec.payload, rec.ctype, u, parsers.Options{})
			if err != nil || art.ContentHash != a.ContentHash {
				t.Errorf("article %s: its record re-extracts to %s, not %s", a.Title, art.ContentHash, a.ContentHash)
			}
		}
	}
}

// articleSet is what a reader of the dataset sees of each article.
func articleSet(t *testing.T, db string) map[string]string {
	t.Helper()
	st := openDB(t, db)
	defer st.Close()
	out := map[string]string{}
	st.EachArticle(context.Background(), storage.Filter{}, func(r storage.Record) error {
		pub, author := "", ""
		if r.PublishedAt != nil {
			pub = r.PublishedAt.String()
		}
		if r.Author != nil {
			author = *r.Author
		}
		urls := append([]string(nil), r.URLs...)
		sort.Strings(urls)
		out[r.ContentHash] = strings.Join([]string{r.Site, r.Title, pub, author, r.Text, strings.Join(urls, " ")}, "\n")
		return nil
	})
	return out
}

// archive on two sample portals: a NukeViet one with a PDF attachment and,
// with --assets, a stylesheet and images; a Liferay one whose / redirects,
// in small rotating files. warcio.js reads every record and verifies its
// digests; its index equals ours; the articles are the gold ones, each tied
// to the record that holds it.
func TestArchiveSamplePortals(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	nuke, life := ps[0], ps[1]
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	nukeDir, lifeDir := filepath.Join(dir, "nuke"), filepath.Join(dir, "life")

	out, stderr, err := run(t, "archive", nuke.StartURL(), "--out", nukeDir, "--db", db, "--assets", "--delay", "0", "--json")
	if err != nil {
		t.Fatalf("archive: %v\n%s", err, stderr)
	}
	var sum archiveSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("summary: %v\n%s", err, out)
	}
	if _, stderr, err := run(t, "archive", life.StartURL(), "--out", lifeDir, "--db", db, "--delay", "0", "--warc-size", "4096", "-q"); err != nil {
		t.Fatalf("archive: %v\n%s", err, stderr)
	}

	recs := checkArchive(t, nukeDir)
	var size int64
	for _, f := range closedWARCs(t, nukeDir) {
		fi, _ := os.Stat(f)
		size += fi.Size()
	}
	if sum.Status != "ok" || sum.Articles != 5 || sum.Archive.Records != len(recs) || sum.Archive.Bytes != size || sum.Pages == 0 || sum.BytesPerPage <= 0 {
		t.Errorf("summary %+v; files hold %d records, %d bytes", sum, len(recs), size)
	}
	pdf, ok := responseFor(recs, nuke.URL+"/uploads/ke-hoach-125-kh-ubnd.pdf")
	if !ok || pdf.status != 200 || !strings.HasPrefix(string(pdf.payload), "%PDF-1.4") || !strings.HasSuffix(string(pdf.payload), "%%EOF\n") {
		t.Errorf("the PDF attachment is not archived whole: %v %q", pdf.header, pdf.payload)
	}
	css, ok := responseFor(recs, nuke.URL+"/themes/default/css/nukeviet.css")
	if !ok || css.status != 200 || !strings.Contains(string(css.payload), "font-family") {
		t.Errorf("--assets did not archive the stylesheet")
	}
	images, revisits := 0, 0
	for _, r := range recs {
		if strings.Contains(r.header.Get("WARC-Target-URI"), "/uploads/news/") {
			images++
			if r.header.Get("WARC-Type") == "revisit" {
				revisits++
			}
		}
	}
	if images < 2 || revisits != images/2-1 && revisits == 0 {
		t.Errorf("%d image records, %d revisits: the identical photos should be one response and revisits", images, revisits)
	}
	for _, r := range nuke.Requests() {
		if strings.HasPrefix(r, "/admin/") {
			t.Errorf("robots.txt disallows %s, and archive fetched it", r)
		}
	}

	lrecs := checkArchive(t, lifeDir)
	if n := len(closedWARCs(t, lifeDir)); n < 2 {
		t.Errorf("%d files at --warc-size 4096: no rotation", n)
	}
	if redirect, ok := responseFor(lrecs, life.URL+"/"); !ok || redirect.status != http.StatusFound {
		t.Errorf("the redirect of / is not archived as a 302 response")
	}
	for _, r := range lrecs {
		if strings.Contains(r.header.Get("WARC-Target-URI"), "/documents/") {
			t.Errorf("without --assets, %s was archived", r.header.Get("WARC-Target-URI"))
		}
	}

	got := articleSet(t, db)
	for _, p := range []*sampleportal.Portal{nuke, life} {
		for _, e := range p.Expected() {
			want, _ := crawler.Normalize(e.URL)
			found := false
			for _, a := range got {
				if strings.Contains(a, want) && strings.Contains(a, e.Title) {
					found = true
				}
			}
			if !found {
				t.Errorf("gold article %s (%s) not stored", e.Title, want)
			}
		}
	}
	if len(got) != 7 { // 5 + 3, one story on both portals
		t.Errorf("%d articles, want 7", len(got))
	}
	checkCaptures(t, db, nukeDir, lifeDir)
}

// reextract rebuilds the same articles from the WARC files that Debian's
// wget made of the same portals as from wardcrawl's own, with the portals
// gone: nothing is fetched.
func TestReextractMatchesCrawl(t *testing.T) {
	wget := requireTool(t, "wget", "apt-get install wget")
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	crawled, fromWget, fromOurs := filepath.Join(dir, "crawl.db"), filepath.Join(dir, "wget.db"), filepath.Join(dir, "ours.db")
	ours, wgetDir := filepath.Join(dir, "ours"), filepath.Join(dir, "wget")
	os.MkdirAll(wgetDir, 0o755)
	for _, p := range ps {
		if _, stderr, err := run(t, "archive", p.StartURL(), "--out", ours, "--db", crawled, "--delay", "0", "-q"); err != nil {
			t.Fatalf("archive %s: %v\n%s", p.Name, err, stderr)
		}
		cmd := exec.Command(wget, "--mirror", "--no-verbose", "--no-warc-keep-log", "--warc-file="+filepath.Join(wgetDir, p.Name),
			"--directory-prefix="+filepath.Join(dir, "mirror"), p.StartURL())
		// Exit 8: some page answered an error (the portals' favicons 404).
		if raw, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 8 {
			t.Fatalf("wget: %v\n%s", err, raw)
		}
	}
	sampleportal.Close(ps)
	served := requests(ps)

	if _, stderr, err := run(t, "reextract", "--warc", wgetDir, "--db", fromWget, "-q"); err != nil {
		t.Fatalf("reextract wget: %v\n%s", err, stderr)
	}
	out, stderr, err := run(t, "reextract", "--warc", ours, "--db", fromOurs, "--json")
	if err != nil {
		t.Fatalf("reextract ours: %v\n%s", err, stderr)
	}
	var stats archive.ReextractStats
	json.Unmarshal([]byte(out), &stats)
	if stats.Files != len(closedWARCs(t, ours)) || stats.Articles == 0 {
		t.Errorf("reextract figures %+v", stats)
	}
	if !maps.Equal(served, requests(ps)) {
		t.Error("reextract sent requests")
	}

	want := articleSet(t, crawled)
	if len(want) != 10 {
		t.Fatalf("the archive stored %d articles, want 10", len(want))
	}
	for name, db := range map[string]string{"wget's WARC": fromWget, "wardcrawl's WARC": fromOurs} {
		got := articleSet(t, db)
		for h, a := range want {
			if got[h] != a {
				t.Errorf("%s: article differs:\n%s\nwant\n%s", name, got[h], a)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d articles, the crawl stored %d", name, len(got), len(want))
		}
	}
	checkCaptures(t, fromWget, wgetDir)
	checkCaptures(t, fromOurs, ours)
}

// kill -9 and SIGINT in the middle of an archive: every closed WARC file is
// whole (warcio reads and verifies it), no stored page points into a file
// that is not, and running the command again finishes the archive without
// fetching again what was done.
func TestArchiveInterruptedLeavesFilesWhole(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	nuke := ps[0]
	dir := t.TempDir()
	db, out := filepath.Join(dir, "w.db"), filepath.Join(dir, "warc")
	args := []string{"archive", nuke.StartURL(), "--out", out, "--db", db, "--assets", "--delay", "80ms", "--parallelism", "1", "--warc-size", "3000", "-q"}

	cmd, log := startMain(t, args...)
	waitServed(t, ps, 8)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if len(closedWARCs(t, out)) == 0 {
		t.Fatalf("no file was closed before the kill\n%s", log)
	}
	if open, _ := filepath.Glob(filepath.Join(out, "*.warc.gz.open")); len(open) != 1 {
		t.Fatalf("after kill -9: %d open files, want the one being written", len(open))
	}
	checkWhole(t, db, out)
	done := fetched(t, db)
	before := requests(ps)

	cmd, log = startMain(t, args...)
	waitServed(t, ps, served(ps)+4)
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Errorf("SIGINT: %v, want exit %d\n%s", err, exitInterrupted, log)
	}
	if open, _ := filepath.Glob(filepath.Join(out, "*.open")); len(open) > 0 {
		t.Errorf("SIGINT left %v open", open)
	}
	checkWhole(t, db, out)

	if _, stderr, err := run(t, args...); err != nil {
		t.Fatalf("resumed archive: %v\n%s", err, stderr)
	}
	after := requests(ps)
	for u := range done {
		if after[u] != before[u] {
			t.Errorf("%s was archived before the kill and fetched again", u)
		}
	}
	recs := checkArchive(t, out)
	checkCaptures(t, db, out)
	for _, e := range nuke.Expected() {
		want, _ := crawler.Normalize(e.URL)
		if _, ok := responseFor(recs, want); !ok {
			t.Errorf("%s is not in the archive after resuming", want)
		}
	}
	if got := articleSet(t, db); len(got) != 5 {
		t.Errorf("%d articles after kill, interrupt and resume; want 5", len(got))
	}
}

// checkWhole: the closed files read whole with both readers, and every
// capture in the database points at a whole record of a closed file.
func checkWhole(t *testing.T, db, dir string) {
	t.Helper()
	files := closedWARCs(t, dir)
	goRead(t, files)
	warcioVerify(t, files)
	checkCaptures(t, db, dir)
}

// A site that answers 404 is not archived "ok": the command fails and says
// why (issue 16).
func TestArchiveOfADeadURLFails(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	dir := t.TempDir()
	out, _, err := run(t, "archive", srv.URL+"/cong-thong-tin/", "--out", filepath.Join(dir, "a"), "--db", filepath.Join(dir, "w.db"), "--delay", "0")
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "HTTP 404 Not Found") || strings.Contains(out, "archive ok") {
		t.Errorf("archive of a 404: err %v\n%s", err, out)
	}
}

// Two archives into one directory: the second exits 75 naming the holder
// (issue 16: it renamed the first's .open file and split the index).
func TestArchiveDirectoryIsLocked(t *testing.T) {
	ps, err := sampleportal.Start("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	defer sampleportal.Close(ps)
	dir := t.TempDir()
	out := filepath.Join(dir, "warc")
	held, err := storage.LockDir(context.Background(), out, false)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, "archive", ps[0].StartURL(), "--out", out, "--db", filepath.Join(dir, "w.db"), "--delay", "0", "-q")
	if err == nil || exitCode(err) != 75 || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) || !strings.Contains(err.Error(), "archive directory") {
		t.Errorf("second archive: %v (code %d)", err, exitCode(err))
	}
	if warcs, _ := filepath.Glob(filepath.Join(out, "*.warc*")); len(warcs) != 0 {
		t.Errorf("the locked-out archive wrote %v", warcs)
	}
	held.Unlock()
	if _, _, err := run(t, "archive", ps[0].StartURL(), "--out", out, "--db", filepath.Join(dir, "w.db"), "--delay", "0", "-q"); err != nil {
		t.Errorf("after the lock is released: %v", err)
	}
}
