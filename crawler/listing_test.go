package crawler

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/storage"
)

// A start page is taken for a listing only on clear evidence of its last
// extraction, and never on its every 10th fetch.
func TestKnownListing(t *testing.T) {
	listing := `{"decision":"not an article","score":-10,"threshold":0,"signals":[]}`
	for _, c := range []struct {
		name string
		f    storage.Fetch
		want bool
	}{
		{"a clear listing", storage.Fetch{Status: http.StatusOK, Decision: listing, Count: 1}, true},
		{"taken for a listing before", storage.Fetch{Status: http.StatusOK, Decision: listingDecision, Count: 4}, true},
		{"a near call", storage.Fetch{Status: http.StatusOK, Decision: `{"decision":"not an article","score":-2.5,"threshold":0}`, Count: 1}, false},
		{"an article", storage.Fetch{Status: http.StatusOK, IsArticle: true, Decision: `{"decision":"article","score":6,"threshold":0}`, Count: 1}, false},
		{"its 10th fetch", storage.Fetch{Status: http.StatusOK, Decision: listing, Count: 9}, false},
		{"its 11th fetch", storage.Fetch{Status: http.StatusOK, Decision: listing, Count: 10}, true},
		{"an error", storage.Fetch{Status: http.StatusOK, Decision: listing, Err: "body cut", Count: 1}, false},
		{"not answered", storage.Fetch{Status: http.StatusServiceUnavailable, Decision: listing, Count: 1}, false},
		{"held", storage.Fetch{Status: http.StatusOK, Decision: heldDecision, Count: 1}, false},
		{"never extracted", storage.Fetch{Status: http.StatusOK, Count: 1}, false},
		{"unreadable", storage.Fetch{Status: http.StatusOK, Decision: `{"decision":`, Count: 1}, false},
	} {
		if got := knownListing(c.f); got != c.want {
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
	if f := decision(); !strings.Contains(f.Decision, `"signals"`) || !knownListing(f) {
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
