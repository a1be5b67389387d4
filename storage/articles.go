package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The archive as a reader browses it: articles by site and by date, one
// article with everywhere it was seen, alerts sent.

// ListArticles returns a page of the current articles (a version the site
// model revised is left out), of one site or all (site ""), newest first:
// by date (published, else first seen), or by first_seen_at when
// byFirstSeen (what a feed shows); and how many there are.
func (s *Store) ListArticles(ctx context.Context, site string, byFirstSeen bool, limit, offset int) (total int, out []SearchHit, err error) {
	var f Filter
	if site != "" {
		f.Sites = []string{site}
	}
	conds, args := f.conditions()
	where := `WHERE ` + strings.Join(conds, " AND ")
	if err := s.r().QueryRowContext(ctx, `SELECT count(*) FROM articles a `+where, args...).Scan(&total); err != nil {
		return 0, nil, fmt.Errorf("list articles: %w", err)
	}
	order := `coalesce(a.published_at, a.first_seen_at) DESC, a.content_hash`
	if byFirstSeen {
		order = `a.first_seen_at DESC, a.content_hash`
	}
	rows, err := s.r().QueryContext(ctx, `SELECT a.content_hash, a.site, a.url, a.title, a.published_at, a.first_seen_at, coalesce(a.author, ''), a.text
		FROM articles a `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return 0, nil, fmt.Errorf("list articles: %w", err)
	}
	out, err = scanHits(rows)
	if err != nil {
		return 0, nil, fmt.Errorf("list articles: %w", err)
	}
	return total, out, nil
}

// ArticleByHash returns one stored article, current or not; URLs lists
// where its text is current.
func (s *Store) ArticleByHash(ctx context.Context, hash string) (Record, bool, error) {
	var r Record
	var published, author sql.NullString
	var first, last string
	err := s.r().QueryRowContext(ctx, `SELECT content_hash, site, url, title, published_at, author, text, lang, first_seen_at, last_seen_at
		FROM articles WHERE content_hash = ?`, hash).Scan(&r.ContentHash, &r.Site, &r.URL, &r.Title, &published, &author, &r.Text, &r.Lang, &first, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("article %s: %w", hash, err)
	}
	r.setTimes(published, author, first, last)
	sightings, err := s.Sightings(ctx, hash)
	if err != nil {
		return r, false, err
	}
	r.URLs = []string{}
	for _, si := range sightings {
		if si.RevisedTo == "" {
			r.URLs = append(r.URLs, si.URL)
		}
	}
	return r, true, nil
}

// Sighting is a URL where an article text was seen.
type Sighting struct {
	URL         string    `json:"url"`
	Site        string    `json:"site"`
	FirstSeenAt time.Time `json:"first_seen_at"`
	LastSeenAt  time.Time `json:"last_seen_at"`
	Reason      string    `json:"reason,omitempty"`     // a derived version: why
	RevisedTo   string    `json:"revised_to,omitempty"` // replaced there by this version
}

// Sightings lists every URL where an article text was seen, by URL.
func (s *Store) Sightings(ctx context.Context, hash string) ([]Sighting, error) {
	rows, err := s.r().QueryContext(ctx, `SELECT url, site, first_seen_at, last_seen_at, reason, coalesce(revised_to, '')
		FROM article_urls WHERE content_hash = ? ORDER BY url`, hash)
	if err != nil {
		return nil, fmt.Errorf("sightings of %s: %w", hash, err)
	}
	defer rows.Close()
	var out []Sighting
	for rows.Next() {
		var si Sighting
		var first, last string
		if err := rows.Scan(&si.URL, &si.Site, &first, &last, &si.Reason, &si.RevisedTo); err != nil {
			return nil, fmt.Errorf("sightings of %s: %w", hash, err)
		}
		si.FirstSeenAt, si.LastSeenAt = parseTime(first), parseTime(last)
		out = append(out, si)
	}
	return out, rows.Err()
}

// AlertDelivery is one alert's delivery after a run.
type AlertDelivery struct {
	Alert    string    `json:"alert"`
	RunID    int64     `json:"run_id"`
	Articles int       `json:"articles"`
	Attempts int       `json:"attempts"`
	Status   int       `json:"status"`
	Error    string    `json:"error,omitempty"`
	At       time.Time `json:"at"`
}

// RecordAlert records an alert's delivery (or its failure) for a run.
func (s *Store) RecordAlert(ctx context.Context, d AlertDelivery) error {
	_, err := s.q().ExecContext(ctx, `INSERT INTO alert_deliveries(alert, run_id, articles, attempts, status, error, at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(alert, run_id) DO UPDATE SET articles = excluded.articles, attempts = alert_deliveries.attempts + excluded.attempts,
			status = excluded.status, error = excluded.error, at = excluded.at`,
		d.Alert, d.RunID, d.Articles, d.Attempts, d.Status, d.Error, fmtTime(d.At))
	if err != nil {
		return fmt.Errorf("record alert %s: %w", d.Alert, err)
	}
	return nil
}

// AlertDeliveries lists the deliveries recorded for a run.
func (s *Store) AlertDeliveries(ctx context.Context, run int64) ([]AlertDelivery, error) {
	rows, err := s.r().QueryContext(ctx, `SELECT alert, run_id, articles, attempts, status, error, at FROM alert_deliveries WHERE run_id = ? ORDER BY alert`, run)
	if err != nil {
		return nil, fmt.Errorf("alert deliveries: %w", err)
	}
	defer rows.Close()
	var out []AlertDelivery
	for rows.Next() {
		var d AlertDelivery
		var at string
		if err := rows.Scan(&d.Alert, &d.RunID, &d.Articles, &d.Attempts, &d.Status, &d.Error, &at); err != nil {
			return nil, fmt.Errorf("alert deliveries: %w", err)
		}
		d.At = parseTime(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// SiteNames lists the archive's sites, by name: what a request names is
// checked against it without counting anything (Stats counts every
// article).
func (s *Store) SiteNames(ctx context.Context) ([]string, error) {
	rows, err := s.r().QueryContext(ctx, `SELECT name FROM sites ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("sites: %w", err)
	}
	names, err := scanStrings(rows)
	if err != nil {
		return nil, fmt.Errorf("sites: %w", err)
	}
	return names, nil
}
