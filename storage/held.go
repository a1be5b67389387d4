package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// HeldPage is a fetched page held back while its site's model learns the
// site (see the crawler): the page without its article, its extraction
// up to the site stage (a parsers.Draft, as the crawler encodes it), and
// whether the model had observed it in an earlier fetch.
type HeldPage struct {
	Page  Page
	Draft []byte
	Seen  bool
}

type heldJSON struct {
	Fetch      Fetch
	RequestURL string
	Capture    *Capture `json:",omitempty"`
	Visit      *Visit   `json:",omitempty"` // as far as the crawler knew it when holding the page
}

// HoldPage records a fetched page and holds it back, in one transaction:
// its fetch and capture are recorded (the fetch says it is held), its URL
// is done in the round, and the draft waits in held_pages for SavePage with
// Page.Held, which stores its article.
func (s *Store) HoldPage(ctx context.Context, h HeldPage, at time.Time) error {
	p := h.Page
	js, err := json.Marshal(heldJSON{p.Fetch, p.RequestURL, p.Capture, p.Visit})
	if err != nil {
		return fmt.Errorf("hold %s: %w", p.Fetch.URL, err)
	}
	err = s.group(ctx, func(tx conn) error {
		if err := recordFetch(ctx, tx, p.Fetch); err != nil {
			return err
		}
		if p.Capture != nil {
			if err := recordCapture(ctx, tx, p.Fetch, *p.Capture); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO held_pages(site, request_url, page, draft, seen, held_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(site, request_url) DO UPDATE SET page = excluded.page, draft = excluded.draft, seen = excluded.seen, held_at = excluded.held_at`,
			p.Fetch.Site, p.RequestURL, string(js), h.Draft, h.Seen, fmtTime(at)); err != nil {
			return err
		}
		return markDone(ctx, tx, p.Fetch.Site, p.RequestURL, p.Fetch.URL)
	})
	if err != nil {
		return fmt.Errorf("hold %s: %w", p.Fetch.URL, err)
	}
	return nil
}

// heldBatch is how many held pages EachHeldPage reads at a time.
const heldBatch = 32

// EachHeldPage calls fn with a site's held pages, in the order they were
// held, a batch at a time (fn may release them).
func (s *Store) EachHeldPage(ctx context.Context, site string, fn func(HeldPage) error) error {
	var after int64
	for {
		rows, err := s.r().QueryContext(ctx, `SELECT rowid, page, draft, seen FROM held_pages WHERE site = ? AND rowid > ? ORDER BY rowid LIMIT ?`,
			site, after, heldBatch)
		if err != nil {
			return fmt.Errorf("held pages of %s: %w", site, err)
		}
		var batch []HeldPage
		for rows.Next() {
			var js string
			var h HeldPage
			if err := rows.Scan(&after, &js, &h.Draft, &h.Seen); err != nil {
				rows.Close()
				return fmt.Errorf("held pages of %s: %w", site, err)
			}
			var hj heldJSON
			if err := json.Unmarshal([]byte(js), &hj); err != nil {
				rows.Close()
				return fmt.Errorf("held pages of %s: %w", site, err)
			}
			h.Page = Page{Fetch: hj.Fetch, RequestURL: hj.RequestURL, Capture: hj.Capture, Visit: hj.Visit, Held: true}
			batch = append(batch, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("held pages of %s: %w", site, err)
		}
		for _, h := range batch {
			if err := fn(h); err != nil {
				return err
			}
		}
		if len(batch) < heldBatch {
			return nil
		}
	}
}

// HeldPages says how many pages of a site are held and their drafts'
// size.
func (s *Store) HeldPages(ctx context.Context, site string) (n int, bytes int64, err error) {
	err = s.r().QueryRowContext(ctx, `SELECT count(*), coalesce(sum(length(draft)), 0) FROM held_pages WHERE site = ?`, site).Scan(&n, &bytes)
	if err != nil {
		return 0, 0, fmt.Errorf("held pages of %s: %w", site, err)
	}
	return n, bytes, nil
}
