package farm

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/corpus"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// TestFarmIsACrawlableSetOfPortals walks every site from its home page by
// the links the crawler would follow, without a network: every article is
// reached, is extracted as an article with its own title and text, and no
// listing is taken for one.
func TestFarmIsACrawlableSetOfPortals(t *testing.T) {
	f := New(250)
	if len(f.Sites) != templateFamilies() || f.Articles() != 250 {
		t.Fatalf("%d sites, %d articles", len(f.Sites), f.Articles())
	}
	hashes := map[string]string{}
	for _, s := range f.Sites {
		s.URL = "http://" + s.Name + ".test"
		site := config.Site{Name: s.Name, Settings: config.BuiltinDefaults()}
		seen := map[string]bool{"/": true}
		queue := []string{"/"}
		articles := 0
		shared := map[uint64]int{} // paragraph fingerprint → articles showing it
		sample := map[uint64]string{}
		for len(queue) > 0 {
			path := queue[0]
			queue = queue[1:]
			page, isArticle, ok := s.Page(path)
			if !ok {
				continue // a template's own menu link: a 404 on the farm
			}
			pageURL, _ := url.Parse(s.URL + path)
			doc, err := parsers.ParseHTML([]byte(page), "text/html; charset=utf-8")
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range parsers.Links(doc, pageURL) {
				if u, err := url.Parse(l); err == nil && u.Host == pageURL.Host && !seen[u.Path] {
					seen[u.Path] = true
					queue = append(queue, u.Path)
				}
			}
			got := crawler.ArticlePage(site, storage.Fetch{Site: s.Name, URL: pageURL.String(), Status: 200}, doc).Article
			switch {
			case isArticle && got == nil:
				t.Errorf("%s%s: not extracted as an article", s.Name, path)
			case !isArticle && got != nil:
				t.Errorf("%s%s: a listing extracted as an article %q", s.Name, path, got.Title)
			case isArticle:
				articles++
				var n int
				fmt.Sscanf(strings.TrimPrefix(path, "/tin-tuc/bai-"), "%d", &n)
				if !strings.Contains(got.Title, fmt.Sprintf("(số %d)", n)) || !strings.Contains(got.Text, fmt.Sprintf("Bản tin số %d của %s", n, s.Name)) {
					t.Errorf("%s%s: title %q, text without its own sentence", s.Name, path, got.Title)
				}
				if prev, dup := hashes[got.ContentHash]; dup {
					t.Errorf("%s%s has the text of %s", s.Name, path, prev)
				}
				hashes[got.ContentHash] = s.Name + path
				for _, p := range strings.Split(got.Text, "\n\n") {
					if len([]rune(p)) > 40 {
						shared[parsers.Fingerprint(p)]++
						sample[parsers.Fingerprint(p)] = p
					}
				}
			}
		}
		if articles != s.Articles {
			t.Errorf("%s: %d of %d articles reached from the home page", s.Name, articles, s.Articles)
		}
		// As on a real portal, an article's text is its own: no longer
		// paragraph is on half the site's articles (the site model's share).
		for fp, n := range shared {
			if n >= parsers.ModelMinPages && n*2 >= articles {
				t.Errorf("%s: a paragraph is on %d of its %d articles: %q", s.Name, n, articles, sample[fp])
				break
			}
		}
	}
}

func TestFarmServesAndCounts(t *testing.T) {
	f := New(40)
	if err := f.Start("127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := f.Sites[0]
	get := func(path string) (int, string) {
		resp, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/robots.txt"); code != 200 || !strings.Contains(body, "Allow: /") {
		t.Errorf("robots.txt: %d %q", code, body)
	}
	for _, p := range []string{"/", "/tin-tuc/trang-1.html", "/tin-tuc/bai-0.html"} {
		if code, _ := get(p); code != 200 {
			t.Errorf("%s: %d", p, code)
		}
	}
	for _, p := range []string{"/tin-tuc/bai-99.html", "/tin-tuc/trang-9.html", "/tin-tuc/bai-01.html", "/lien-he", "/tin-tuc/bai-1.html?x=1"} {
		if code, _ := get(p); code != 404 {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	if got := f.Served(); got.Pages != 3 || got.Articles != 1 || got.Others != 6 || got.Bytes == 0 {
		t.Errorf("served %+v", got)
	}
	f.Reset()
	if got := f.Served(); got != (Served{}) {
		t.Errorf("after reset: %+v", got)
	}
}

// templateFamilies counts the corpus families the farm makes a site of.
func templateFamilies() int {
	fams := map[string]bool{}
	for _, t := range corpus.Templates() {
		fams[t.Family] = true
	}
	return len(fams)
}

// Each article's gold is what the parser extracts from it (the farm's
// templates are corpus pages the parser reads exactly), so the farm can
// measure what a site model removes wrongly.
func TestFarmGold(t *testing.T) {
	f := New(2 * templateFamilies() * 4)
	for _, s := range f.Sites {
		for n := range s.Articles {
			page, _, _ := s.Page(ArticlePath(n))
			a, err := parsers.Extract([]byte(page), "text/html; charset=utf-8", nil, parsers.Options{})
			if err != nil || a.Text != s.Gold(n) {
				t.Errorf("%s article %d:\n got %q\nwant %q", s.Name, n, a.Text, s.Gold(n))
				break
			}
		}
	}
}

// TestLongestStall counts the empty tenths of a second between the first
// page served and the last, and nothing before the first.
func TestLongestStall(t *testing.T) {
	f := NewSites(1, 1)
	if got := f.LongestStall(); got != 0 {
		t.Fatalf("nothing served: stall %v", got)
	}
	for _, i := range []int{5, 6, 9, 20, 21} { // gaps of 2 and 10 slots
		f.timeline[i].Add(1)
	}
	if got := f.LongestStall(); got != 10*TimelineStep {
		t.Fatalf("stall %v, want %v", got, 10*TimelineStep)
	}
	f.Reset()
	f.served()
	f.served()
	if got := f.LongestStall(); got != 0 || f.timeline[0].Load() != 2 {
		t.Fatalf("after Reset: stall %v, slot 0 = %d", got, f.timeline[0].Load())
	}
}

// Sites on a shared server answer under their own paths, link only their
// own pages, and the request log keeps every request with its host.
func TestStartSharedAndRequestLog(t *testing.T) {
	f := NewSites(2, 3)
	f.LogRequests()
	if err := f.StartShared("127.0.0.1", f.Sites); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, b := f.Sites[0], f.Sites[1]
	if !strings.HasSuffix(a.URL, "/"+a.Name) || strings.TrimSuffix(a.URL, a.Name) != strings.TrimSuffix(b.URL, b.Name) {
		t.Fatalf("URLs %s %s", a.URL, b.URL)
	}
	get := func(u string) (int, string) {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, home := get(a.URL + "/")
	if code != 200 || !strings.Contains(home, `href="/`+a.Name+`/tin-tuc/bai-2.html"`) {
		t.Errorf("a's home %d links no prefixed article", code)
	}
	if code, _ := get(b.URL + "/tin-tuc/bai-1.html"); code != 200 {
		t.Errorf("b's article %d", code)
	}
	if code, _ := get(strings.TrimSuffix(a.URL, "/"+a.Name) + "/tin-tuc/bai-1.html"); code != 404 {
		t.Errorf("a path under no site: %d", code)
	}
	reqs := f.Requests()
	if len(reqs) != 3 || reqs[0].Path != "/"+a.Name+"/" || reqs[2].Status != 404 || reqs[1].Host != strings.TrimPrefix(strings.TrimSuffix(b.URL, "/"+b.Name), "http://") {
		t.Errorf("log %+v", reqs)
	}
}
