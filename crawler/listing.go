package crawler

import (
	"encoding/json"
	"net/http"

	"github.com/wardcrawl/wardcrawl/storage"
)

// A start page is a portal's home or a section's front: a listing, whose
// links are what a crawl needs from it. Extracting it again at every run
// only finds the listing again, and in an incremental run, which fetches
// little else, that was a fifth of the CPU (bench --sites 1000: start
// pages are half its pages, and readability on a listing page the
// costliest step). So a start page whose last extraction called it a
// listing by a clear margin is not extracted again, but every
// listingRecheck-th fetch, which extracts it again: a page that changed
// its nature is seen within that many runs. A start page that was an
// article, or a near call, is extracted every time.

// listingMargin is how far below the article threshold a start page's
// score must have been to be taken for a listing (a listing's teasers
// weigh -5, its link density -2).
const listingMargin = 3

// listingRecheck: a known listing is extracted again every so many
// fetches.
const listingRecheck = 10

// listingDecision is the decision recorded for a start page taken for a
// listing without extracting it.
const listingDecision = `{"decision":"not an article","listing":true,"reason":"a start page that was a listing when it was last extracted: its links are followed, it is extracted again every 10th fetch"}`

// knownListing reports whether a start page's last fetch shows it a
// listing: answered, extracted, not an article, its score listingMargin
// or more below the threshold (or taken for a listing then), and not due
// for its listingRecheck-th extraction.
func knownListing(prev storage.Fetch) bool {
	if prev.Status != http.StatusOK || prev.Err != "" || prev.IsArticle || prev.Decision == "" || (prev.Count+1)%listingRecheck == 0 {
		return false
	}
	var d struct {
		Decision         string
		Listing          bool
		Score, Threshold float64
	}
	if json.Unmarshal([]byte(prev.Decision), &d) != nil || d.Decision != "not an article" {
		return false
	}
	return d.Listing || d.Score <= d.Threshold-listingMargin
}
