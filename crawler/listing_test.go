package crawler

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/storage"
)

// A start page is taken for a listing only on clear evidence of its last
// extraction, a page a start page links only with a strong listing signal
// too, and neither on its every 10th fetch.
func TestKnownListing(t *testing.T) {
	listing := `{"decision":"not an article","score":-10,"threshold":0,"signals":[{"name":"headline links","value":"20, 96% of the main block","weight":-4}]}`
	// An article page published empty: mostly links, but no headline
	// links or teasers in its main block.
	empty := `{"decision":"not an article","score":-5,"threshold":0,"signals":[{"name":"link density","value":"0.97","weight":-4},{"name":"listing teasers","value":"2 teasers","weight":-1}]}`
	for _, c := range []struct {
		name   string
		f      storage.Fetch
		linked bool
		want   bool
	}{
		{"a clear listing", storage.Fetch{Status: http.StatusOK, Decision: listing, Count: 1}, false, true},
		{"a clear listing, linked", storage.Fetch{Status: http.StatusOK, Decision: listing, Count: 1}, true, true},
		{"mostly links", storage.Fetch{Status: http.StatusOK, Decision: empty, Count: 1}, false, true},
		{"mostly links, linked", storage.Fetch{Status: http.StatusOK, Decision: empty, Count: 1}, true, false},
		{"taken for a listing before", storage.Fetch{Status: http.StatusOK, Decision: listingDecision, Count: 4}, true, true},
		{"a near call", storage.Fetch{Status: http.StatusOK, Decision: `{"decision":"not an article","score":-2.5,"threshold":0}`, Count: 1}, false, false},
		{"an article", storage.Fetch{Status: http.StatusOK, IsArticle: true, Decision: `{"decision":"article","score":6,"threshold":0}`, Count: 1}, false, false},
		{"its 10th fetch", storage.Fetch{Status: http.StatusOK, Decision: listing, Count: 9}, false, false},
		{"its 11th fetch", storage.Fetch{Status: http.StatusOK, Decision: listing, Count: 10}, false, true},
		{"an error", storage.Fetch{Status: http.StatusOK, Decision: listing, Err: "body cut", Count: 1}, false, false},
		{"not answered", storage.Fetch{Status: http.StatusServiceUnavailable, Decision: listing, Count: 1}, false, false},
		{"held", storage.Fetch{Status: http.StatusOK, Decision: heldDecision, Count: 1}, false, false},
		{"never extracted", storage.Fetch{Status: http.StatusOK, Count: 1}, false, false},
		{"unreadable", storage.Fetch{Status: http.StatusOK, Decision: `{"decision":`, Count: 1}, false, false},
	} {
		if got := knownListing(c.f, c.linked); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// A start page that was a listing is not extracted again at the next
// runs: its decision says so, its links are still followed (a new
// article is found), and its every 10th fetch extracts it again.
func TestStartListingIsNotExtractedAgain(t *testing.T) {
	p := newTemplatePortal(t, 10)
	st := openStore(t)
	s := templateSite(p)
	s.SiteModel = false
	ctx := context.Background()
	decision := func() storage.Fetch {
		t.Helper()
		f, ok, err := st.LastFetch(ctx, p.URL+"/")
		if err != nil || !ok {
			t.Fatalf("the start page's fetch: %v %v", ok, err)
		}
		return f
	}
	crawlOnce(t, st, s)
	if f := decision(); !strings.Contains(f.Decision, `"signals"`) || !knownListing(f, false) {
		t.Fatalf("first run: the start page is not a clear listing: %+v", f)
	}
	p.Publish(11)
	if got := crawlOnce(t, st, s); got.ArticlesNew != 1 {
		t.Errorf("second run: the article published since was not found: %+v", got)
	}
	if f := decision(); f.Decision != listingDecision || f.Count != 2 {
		t.Errorf("second run: the start page extracted again: %+v", f)
	}
	for run := 3; run <= listingRecheck; run++ {
		crawlOnce(t, st, s)
	}
	if f := decision(); f.Count != listingRecheck || !strings.Contains(f.Decision, `"signals"`) {
		t.Errorf("fetch %d: the start page was not extracted again: %+v", f.Count, f)
	}
	if got := len(currentTexts(t, st, "tan-lap")); got != 11 {
		t.Errorf("%d articles stored, want 11", got)
	}
}

// A listing a start page links (a section's front, with its headline
// links) is not extracted again at the next run either; its articles are
// still known and stored once.
func TestLinkedListingIsNotExtractedAgain(t *testing.T) {
	f, s, _ := leasedPortal(t)
	s.Delay = 0
	st := openStore(t)
	ctx := context.Background()
	front := f.Sites[0].URL + "/tin-tuc/trang-1.html"
	crawlOnce(t, st, s)
	first, ok, err := st.LastFetch(ctx, front)
	if err != nil || !ok || !knownListing(first, true) {
		t.Fatalf("first run: the section's front is not a clear listing: %+v %v %v", first, ok, err)
	}
	crawlOnce(t, st, s)
	if got, _, _ := st.LastFetch(ctx, front); got.Decision != listingDecision || got.Count != 2 {
		t.Errorf("second run: the section's front extracted again: %+v", got)
	}
	if got := len(articles(t, st)); got != 5 {
		t.Errorf("%d articles stored, want 5", got)
	}
}
