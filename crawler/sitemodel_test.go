package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/internal/tanlap"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

func newTemplatePortal(t *testing.T, n int) *tanlap.Portal {
	p := tanlap.New(n)
	if err := p.Start("127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// templateSite is the portal's config: one request at a time, so the
// fetch order is the portal's link order.
func templateSite(p *tanlap.Portal) config.Site {
	s := site("tan-lap", p.URL+"/")
	s.Parallelism = 1
	return s
}

// checkTemplateTexts compares every stored article of the portal with its
// gold and lists what is wrong: a missing article, chrome in a text, a
// text other than the gold.
func checkTemplateTexts(t *testing.T, st *storage.Store, p *tanlap.Portal, n int) (problems []string, texts map[string]string) {
	t.Helper()
	texts = currentTexts(t, st, "tan-lap")
	for i := range n {
		u := fmt.Sprintf("%s/bai/%d", p.URL, i)
		got, ok := texts[u]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("article %d not stored", i))
			continue
		case got != tanlap.Gold(i):
			for _, c := range tanlap.Chrome {
				if strings.Contains(got, c) {
					problems = append(problems, fmt.Sprintf("article %d keeps the chrome %q", i, c))
				}
			}
			problems = append(problems, fmt.Sprintf("article %d:\n got %q\nwant %q", i, got, tanlap.Gold(i)))
		}
	}
	return problems, texts
}

func currentTexts(t *testing.T, st *storage.Store, site string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := st.EachCurrentArticle(context.Background(), site, func(c storage.CurrentArticle) error {
		out[c.URL] = c.Text
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The acceptance test of the site model: a portal in an unknown layout
// with chrome inside its body container, crawled in two orders, stores
// every article as its gold, without the chrome, the same either way; the
// quotes two and six articles share stay in each. With the model off the
// chrome stays.
func TestSiteModelStripsAnUnknownTemplate(t *testing.T) {
	const n = 34
	var texts [2]map[string]string
	var orders [2][]int
	for k, rev := range []bool{false, true} {
		p := newTemplatePortal(t, n)
		p.Reverse(rev)
		st := openStore(t)
		stats := crawlOnce(t, st, templateSite(p))
		problems, got := checkTemplateTexts(t, st, p, n)
		for _, pr := range problems {
			t.Errorf("order %d: %s", k, pr)
		}
		if stats.ArticlesNew != n || stats.ModelArticles != n || stats.HeldPeakPages < learnArticles || stats.ModelChrome == 0 || stats.ArticlesRevised != 0 {
			t.Errorf("order %d: stats %+v", k, stats)
		}
		orders[k] = p.Served()
		texts[k] = make(map[string]string, len(got))
		for u, text := range got { // the same paths on another port
			texts[k][strings.TrimPrefix(u, p.URL)] = text
		}
	}
	if slices.Equal(orders[0], orders[1]) || len(orders[0]) != n {
		t.Errorf("the two crawls fetched the articles in the same order: %v", orders[0])
	}
	for u, text := range texts[0] {
		if texts[1][u] != text {
			t.Errorf("%s differs between the two fetch orders:\n%q\n%q", u, text, texts[1][u])
		}
	}
	// Switched off, the same crawl keeps the chrome: no rule knows it.
	p := newTemplatePortal(t, n)
	st := openStore(t)
	s := templateSite(p)
	s.SiteModel = false
	crawlOnce(t, st, s)
	problems, _ := checkTemplateTexts(t, st, p, n)
	for _, c := range tanlap.Chrome {
		if !slices.ContainsFunc(problems, func(pr string) bool { return strings.Contains(pr, c) }) {
			t.Errorf("without the site model, no article keeps %q: the test does not test the model", c)
		}
	}
}

// A site crawled first when it had too few articles for the model keeps
// its chrome; when it has grown, the run that makes the model trusted
// cleans the stored articles too: each gets a new version, with the
// reason, and exports show only the clean one.
func TestSiteModelRevisesStoredArticles(t *testing.T) {
	p := newTemplatePortal(t, 6)
	st := openStore(t)
	s := templateSite(p)
	first := crawlOnce(t, st, s)
	if first.ArticlesNew != 6 || first.ArticlesRevised != 0 {
		t.Fatalf("first run: %+v", first)
	}
	if problems, _ := checkTemplateTexts(t, st, p, 6); len(problems) == 0 {
		t.Fatal("6 articles: the model is not trusted yet, the chrome should still be there")
	}
	p.Publish(34)
	second := crawlOnce(t, st, s)
	if second.ArticlesNew != 28 || second.ArticlesRevised != 6 {
		t.Errorf("second run: %+v", second)
	}
	for _, pr := range first34(checkTemplateTexts(t, st, p, 34)) {
		t.Error(pr)
	}
	vs, err := st.URLVersions(context.Background(), p.URL+"/bai/2")
	if err != nil || len(vs) != 2 || vs[0].RevisedTo != vs[1].ContentHash ||
		!strings.Contains(vs[1].Reason, "site model, run 2: removed") || !strings.Contains(vs[1].Reason, "of 34 article pages") {
		t.Errorf("versions of an early article: %+v %v", vs, err)
	}
	if got := len(articles(t, st)); got != 34 {
		t.Errorf("%d articles exported, want 34 (the replaced versions left out)", got)
	}
	// Nothing new: a third run revises nothing and observes nothing again.
	third := crawlOnce(t, st, s)
	if third.ArticlesRevised != 0 || third.ModelArticles != 34 || third.ArticlesNew != 0 {
		t.Errorf("third run: %+v", third)
	}
}

func first34(problems []string, _ map[string]string) []string { return problems }

// A site is held back only while it is new: once its stored model is
// trusted, a later run extracts its pages as they come, even when the
// site has fewer articles than a new site's hold waits for (each held
// page is written twice), and they come out as clean.
func TestTrustedModelHoldsNothing(t *testing.T) {
	const n = 12 // trusted (parsers.ModelMinArticles), fewer than learnArticles
	p := newTemplatePortal(t, n)
	st := openStore(t)
	s := templateSite(p)
	first := crawlOnce(t, st, s)
	if first.ArticlesNew != n || first.HeldPeakPages == 0 || first.ModelArticles != n {
		t.Fatalf("first run: %+v", first)
	}
	for _, pr := range first34(checkTemplateTexts(t, st, p, n)) {
		t.Error("first run:", pr)
	}
	p.Publish(n + 4)
	second := crawlOnce(t, st, s)
	if second.ArticlesNew != 4 || second.HeldPeakPages != 0 || second.ArticlesRevised != 0 {
		t.Errorf("second run: %+v", second)
	}
	for _, pr := range first34(checkTemplateTexts(t, st, p, n+4)) {
		t.Error("second run:", pr)
	}
}

// Pages are observed once: a run that fetches every article again (no
// recheck delay) adds nothing to the model and stores no new version.
func TestSiteModelObservesEachPageOnce(t *testing.T) {
	p := newTemplatePortal(t, 30)
	st := openStore(t)
	s := templateSite(p)
	s.RecheckAfter = 0
	first := crawlOnce(t, st, s)
	sm, ok, err := st.LoadSiteModel(context.Background(), "tan-lap")
	if err != nil || !ok || sm.ArticlePages != 30 || first.ModelArticles != 30 {
		t.Fatalf("model after the first run: %d articles, ok %v, %v", sm.ArticlePages, ok, err)
	}
	p.Served()
	second := crawlOnce(t, st, s)
	if n := len(p.Served()); n != 30 {
		t.Fatalf("the second run fetched %d articles, want all 30", n)
	}
	again, _, _ := st.LoadSiteModel(context.Background(), "tan-lap")
	if again.Pages != sm.Pages || again.ArticlePages != 30 || second.ArticlesNew+second.ArticlesChanged != 0 || second.HeldPeakPages != 0 {
		t.Errorf("second run: model %d pages (was %d), %d articles; stats %+v", again.Pages, sm.Pages, again.ArticlePages, second)
	}
}

// A run interrupted while the model is still learning stores the pages
// it held back (nothing fetched is fetched again); the next run finishes
// the round and every article ends as its gold.
func TestSiteModelInterruptedWhileLearning(t *testing.T) {
	p := newTemplatePortal(t, 34)
	st := openStore(t)
	s := templateSite(p)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	p.OnArticle(func(served int) {
		if served == 10 {
			once.Do(cancel)
		}
	})
	sum, err := New(st, Options{}).Run(ctx, []config.Site{s})
	if err != nil || sum.Status != "interrupted" {
		t.Fatalf("first run: %v %+v", err, sum)
	}
	if got := len(currentTexts(t, st, "tan-lap")); got < 9 { // the 10th may be cut off by the stop
		t.Errorf("%d articles stored by the interrupted run; it fetched 10", got)
	}
	p.OnArticle(nil)
	before := p.Served()
	second := crawlOnce(t, st, s)
	if !second.Resumed {
		t.Error("the second run did not resume the round")
	}
	// The article being served as the run stopped may be fetched again
	// (its response was cut off); none before it is.
	for _, i := range p.Served() {
		if k := slices.Index(before, i); k >= 0 && k < len(before)-1 {
			t.Errorf("article %d, fetched and stored by the interrupted run, fetched again", i)
		}
	}
	for _, pr := range first34(checkTemplateTexts(t, st, p, 34)) {
		t.Error(pr)
	}
}

// A held draft is kept in its binary form, gzipped; one an earlier
// wardcrawl held as gzipped JSON still reads.
func TestHeldDraftEncodings(t *testing.T) {
	pub := time.Date(2024, 3, 1, 8, 0, 0, 0, time.FixedZone("+07:00", 7*3600))
	yes := true
	d := &parsers.Draft{URL: "http://a/1", Title: "Thông báo", PublishedAt: &pub, Hint: &yes, PageProse: 12,
		Prints: []parsers.Print{{FP: 7, Text: "Đoạn văn", Path: "div>p"}}}
	enc, err := encodeDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	var legacy bytes.Buffer
	zw := gzip.NewWriter(&legacy)
	json.NewEncoder(zw).Encode(d)
	zw.Close()
	for name, b := range map[string][]byte{"binary": enc, "legacy JSON": legacy.Bytes()} {
		got, err := decodeDraft(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Title != d.Title || !got.PublishedAt.Equal(pub) || got.Hint == nil || !*got.Hint || len(got.Prints) != 1 || got.Prints[0].Text != "Đoạn văn" {
			t.Errorf("%s: %+v", name, got)
		}
	}
	if _, err := decodeDraft([]byte("not gzip")); err == nil {
		t.Error("garbage decoded")
	}
}

// BenchmarkHeldDraft: holding and releasing one draft of a corpus page:
// its binary form (what the crawler keeps), the same gzipped, and the
// gzipped JSON it replaced.
func BenchmarkHeldDraft(b *testing.B) {
	files, _ := filepath.Glob("../testdata/pages/*.html")
	if len(files) == 0 {
		b.Fatal("no corpus pages")
	}
	html, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	doc, err := parsers.ParseHTML(html, "")
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse("https://phuong.example.gov.vn/tin-tuc/1.html")
	d := parsers.ExtractDraft(doc, u, parsers.Options{})
	b.Run("binary", func(b *testing.B) {
		for b.Loop() {
			enc, _ := encodeDraft(d)
			if _, err := decodeDraft(enc); err != nil {
				b.Fatal(err)
			}
		}
		enc, _ := encodeDraft(d)
		b.ReportMetric(float64(len(enc)), "bytes")
	})
	gzipped := func(b *testing.B, encode func(w io.Writer) error, decode func(r io.Reader) error) {
		zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // pooled, as the crawler did
		var size int
		for b.Loop() {
			var buf bytes.Buffer
			zw.Reset(&buf)
			if err := encode(zw); err != nil {
				b.Fatal(err)
			}
			zw.Close()
			size = buf.Len()
			zr, _ := gzip.NewReader(&buf)
			if err := decode(zr); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(size), "bytes")
	}
	b.Run("binary-gzip", func(b *testing.B) {
		gzipped(b, func(w io.Writer) error { raw, _ := d.MarshalBinary(); _, err := w.Write(raw); return err },
			func(r io.Reader) error { raw, _ := io.ReadAll(r); var x parsers.Draft; return x.UnmarshalBinary(raw) })
	})
	b.Run("json-gzip", func(b *testing.B) {
		gzipped(b, func(w io.Writer) error { return json.NewEncoder(w).Encode(d) },
			func(r io.Reader) error { var x parsers.Draft; return json.NewDecoder(r).Decode(&x) })
	})
}

// releaseCounter counts how the pages a site held back are stored.
type releaseCounter struct {
	*storage.Store
	held, heldOneByOne, writes, released atomic.Int64
}

func (c *releaseCounter) HoldPage(ctx context.Context, h storage.HeldPage, at time.Time) error {
	c.held.Add(1)
	return c.Store.HoldPage(ctx, h, at)
}

func (c *releaseCounter) SavePage(ctx context.Context, p storage.Page) (storage.SaveResult, error) {
	if p.Held {
		c.heldOneByOne.Add(1)
	}
	return c.Store.SavePage(ctx, p)
}

func (c *releaseCounter) SavePages(ctx context.Context, pages []storage.Page) ([]storage.SaveResult, error) {
	c.writes.Add(1)
	c.released.Add(int64(len(pages)))
	return c.Store.SavePages(ctx, pages)
}

// The pages held while the model learns are stored releaseBatch to a
// write, not one write each, and every one of them is stored and counted.
func TestHeldPagesAreReleasedInBatches(t *testing.T) {
	const n = 80
	p := newTemplatePortal(t, n)
	st := &releaseCounter{Store: openStore(t)}
	sum, err := fastCrawler(st).Run(context.Background(), []config.Site{templateSite(p)})
	if err != nil {
		t.Fatal(err)
	}
	stats := sum.Sites[0]
	if stats.Error != "" || stats.ArticlesNew != n {
		t.Fatalf("stats %+v, want %d new articles", stats, n)
	}
	held, writes := st.held.Load(), st.writes.Load()
	if held < releaseBatch+1 || st.released.Load() != held || st.heldOneByOne.Load() != 0 {
		t.Errorf("%d pages held, %d released in batches, %d one by one", held, st.released.Load(), st.heldOneByOne.Load())
	}
	if most := (held + releaseBatch - 1) / releaseBatch; writes > most || writes*4 > held {
		t.Errorf("%d held pages released in %d writes, want at most %d and at least 4 pages a write", held, writes, most)
	}
	if len(currentTexts(t, st.Store, "tan-lap")) != n {
		t.Errorf("not every article is stored")
	}
}

// failRelease is a store whose first release of held pages fails.
type failRelease struct {
	*storage.Store
	failed atomic.Bool
}

func (f *failRelease) SavePages(ctx context.Context, pages []storage.Page) ([]storage.SaveResult, error) {
	if f.failed.CompareAndSwap(false, true) {
		return nil, errors.New("disk I/O error")
	}
	return f.Store.SavePages(ctx, pages)
}

// A release that cannot be stored fails the site with its cause and
// loses nothing: the pages stay held, and the next run stores them.
func TestAFailedReleaseKeepsThePagesHeld(t *testing.T) {
	const n = 40
	p := newTemplatePortal(t, n)
	st := &failRelease{Store: openStore(t)}
	sum, err := fastCrawler(st).Run(context.Background(), []config.Site{templateSite(p)})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Sites[0]; !strings.Contains(got.Error, "disk I/O error") {
		t.Fatalf("the site did not fail with the release's cause: %+v", got)
	}
	held, _, err := st.HeldPages(context.Background(), "tan-lap")
	if err != nil || held == 0 {
		t.Fatalf("%d pages held after the failed release (%v)", held, err)
	}
	crawlOnce(t, st.Store, templateSite(p))
	if held, _, _ := st.HeldPages(context.Background(), "tan-lap"); held != 0 {
		t.Errorf("%d pages still held after the second run", held)
	}
	for _, pr := range first34(checkTemplateTexts(t, st.Store, p, n)) {
		t.Error(pr)
	}
}
