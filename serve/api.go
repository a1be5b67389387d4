package serve

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/wardcrawl/wardcrawl/export"
	"github.com/wardcrawl/wardcrawl/internal/textsearch"
	"github.com/wardcrawl/wardcrawl/storage"
)

// hitJSON is a search result as the API and the alerts' webhooks get it.
type hitJSON struct {
	ContentHash string  `json:"content_hash"`
	Site        string  `json:"site"`
	URL         string  `json:"url"`
	Title       string  `json:"title"`
	PublishedAt *string `json:"published_at"`
	FirstSeenAt string  `json:"first_seen_at"`
	// Snippet is HTML in the API (the text escaped, the words found in
	// <mark>), plain text for a webhook.
	Snippet string `json:"snippet"`
}

func newHitJSON(h storage.SearchHit, snippet string) hitJSON {
	j := hitJSON{ContentHash: h.ContentHash, Site: h.Site, URL: h.URL, Title: h.Title, FirstSeenAt: h.FirstSeenAt.Format(time.RFC3339), Snippet: snippet}
	if h.PublishedAt != nil {
		t := h.PublishedAt.Format(time.RFC3339)
		j.PublishedAt = &t
	}
	return j
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// apiSearch: /api/search takes the search page's parameters.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	names, _, err := s.siteNames(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	res, p, q, err := s.runSearch(r, names)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	out := struct {
		Total int `json:"total"`
		// TotalCapped: there are more than total (a broad query is counted
		// up to a bound).
		TotalCapped bool      `json:"total_capped"`
		Page        int       `json:"page"`
		PerPage     int       `json:"per_page"`
		Results     []hitJSON `json:"results"`
	}{res.Total, res.Capped, p.page, s.opt.PerPage, []hitJSON{}}
	for _, h := range res.Hits {
		out.Results = append(out.Results, newHitJSON(h, textsearch.SnippetHTML(textsearch.Snippet(h.Text, q.Terms, 40))))
	}
	writeJSON(w, http.StatusOK, out)
}

// apiArticle: one article in the export schema.
func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	rec, err := s.findArticle(r.Context(), r.PathValue("hash"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, export.FromStorage(rec))
}

// apiSites: the archive's sites with their counts.
func (s *Server) apiSites(w http.ResponseWriter, r *http.Request) {
	st, err := s.a.Stats(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sites": st.Sites, "articles": st.Articles})
}
