package crawler

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/wardcrawl/wardcrawl/parsers"
	"github.com/wardcrawl/wardcrawl/storage"
)

// A start page is a portal's home or a section's front, and the pages it
// links that are listings are the sections' fronts: their links are what
// a crawl needs from them, and they are fetched at every run. Extracting
// them again only finds the listing again, and in an incremental run,
// which fetches little else, that was a fifth of the CPU for the start
// pages alone (bench --sites 1000: start pages are half its pages,
// readability on a listing page the costliest step). So such a page is
// not extracted again when its last extraction called it a listing on
// clear evidence, but every listingRecheck-th fetch, which extracts it
// again: a page that changed its nature is seen within that many runs.
//   - A start page: not an article, listingMargin or more below the
//     threshold.
//   - A page a start page links: the same, and a strong listing signal
//     too (most of its main block headline links or teasers): a page
//     linked from the front may be an article published empty and filled
//     in later, which must not wait ten runs.
// An article, a near call, an error or a held page is extracted every
// time.

// listingMargin is how far below the article threshold a page's score
// must have been to be taken for a listing (a listing's teasers weigh -5,
// its link density -2).
const listingMargin = 3

// listingRecheck: a known listing is extracted again every so many
// fetches.
const listingRecheck = 10

// listingDecision is the decision recorded for a page taken for a listing
// without extracting it.
var listingDecision = fmt.Sprintf(`{"decision":"not an article","listing":true,"reason":"a listing the crawl enters by (a start page, or one it links to) when it was last extracted: its links are followed, it is extracted again every %dth fetch"}`, listingRecheck)

// knownListing reports whether a page's last fetch shows it a listing,
// for a start page (linked: false) or a page a start page links (true):
// answered, extracted, not an article, its score listingMargin or more
// below the threshold, with a strong listing signal if linked (or taken
// for a listing then), and not due for its listingRecheck-th extraction.
func knownListing(prev storage.Fetch, linked bool) bool {
	if prev.Status != http.StatusOK || prev.Err != "" || prev.IsArticle || prev.Decision == "" || (prev.Count+1)%listingRecheck == 0 {
		return false
	}
	var d struct {
		parsers.Explanation
		Listing bool `json:"listing"`
	}
	if json.Unmarshal([]byte(prev.Decision), &d) != nil || d.Decision != "not an article" {
		return false
	}
	if d.Listing {
		return true
	}
	return d.Score <= d.Threshold-listingMargin && (!linked || d.Explanation.Listing())
}
