package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Visit is what a fetch of a URL set in its site's schedule: the crawler
// decides the interval and the next due time (its revisit policy), the
// store keeps them with the fetch, in the same transaction.
type Visit struct {
	Kind     string        `json:"kind"` // page, article, hub, error
	Depth    int           `json:"depth"`
	At       time.Time     `json:"last_visit"`
	Interval time.Duration `json:"interval_ns"`
	NextDue  time.Time     `json:"next_due"`
	Visits   int           `json:"visits"`  // this one included
	Yielded  int           `json:"yielded"` // new links, or 1 for an article whose text changed
	Status   int           `json:"status"`
	Reason   string        `json:"reason"`
	// PrevHash is the content hash of the URL's article before this
	// visit: the crawler's, to tell a changed text; not stored.
	PrevHash string `json:"prev_hash,omitempty"`
}

// Scheduled is a URL's row in its site's schedule.
type Scheduled struct {
	Site string `json:"site"`
	URL  string `json:"url"`
	Visit
}

// scheduleVisit records a visit of a URL (the one claimed from the
// frontier) in its site's schedule.
func scheduleVisit(ctx context.Context, tx conn, site, url string, v Visit) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO schedule(site, url, kind, depth, interval_s, last_visit, next_due, visits, yielded, status, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(site, url) DO UPDATE SET kind = excluded.kind, depth = least(schedule.depth, excluded.depth), interval_s = excluded.interval_s,
			last_visit = excluded.last_visit, next_due = excluded.next_due, visits = excluded.visits, yielded = excluded.yielded,
			status = excluded.status, reason = excluded.reason`,
		site, url, v.Kind, v.Depth, int64(v.Interval/time.Second), fmtTime(v.At), fmtTime(v.NextDue), max(v.Visits, 1), v.Yielded, v.Status, v.Reason)
	return err
}

const scheduledColumns = `site, url, kind, depth, interval_s, last_visit, next_due, visits, yielded, status, reason`

func scanScheduled(row interface{ Scan(...any) error }) (Scheduled, error) {
	var s Scheduled
	var secs int64
	var last, next string
	if err := row.Scan(&s.Site, &s.URL, &s.Kind, &s.Depth, &secs, &last, &next, &s.Visits, &s.Yielded, &s.Status, &s.Reason); err != nil {
		return s, err
	}
	s.Interval, s.At, s.NextDue = time.Duration(secs)*time.Second, parseTime(last), parseTime(next)
	return s, nil
}

// ScheduledURLs returns the schedule rows of those of a site's URLs that
// have one, by URL, in one query.
func (s *Store) ScheduledURLs(ctx context.Context, site string, urls []string) (map[string]Scheduled, error) {
	out := map[string]Scheduled{}
	if len(urls) == 0 {
		return out, nil
	}
	list, err := json.Marshal(urls)
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	rows, err := s.r().QueryContext(ctx, `SELECT `+scheduledColumns+` FROM schedule WHERE site = ? AND url IN (SELECT value FROM json_each(?))`, site, string(list))
	if err != nil {
		return nil, fmt.Errorf("schedule of %s: %w", site, err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanScheduled(rows)
		if err != nil {
			return nil, fmt.Errorf("schedule of %s: %w", site, err)
		}
		out[e.URL] = e
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("schedule of %s: %w", site, err)
	}
	return out, nil
}

// DueAt says when a scheduled URL is due: at its next due time, or once
// its last visit is older than its kind's cap (so a cap lowered in the
// config applies at once).
type DueAt struct {
	Now        time.Time
	ArticleCap time.Duration // a stored article's longest interval (recheck_after)
	PageCap    time.Duration // any other URL's (revisit_max)
}

// Due reports whether a scheduled URL is due.
func (d DueAt) Due(e Scheduled) bool {
	limit := d.PageCap
	if e.Kind == "article" {
		limit = d.ArticleCap
	}
	return !e.NextDue.After(d.Now) || !e.At.Add(limit).After(d.Now)
}

// where is Due as SQL, with its arguments.
func (d DueAt) where() (string, []any) {
	return `(next_due <= ? OR kind = 'article' AND last_visit <= ? OR kind <> 'article' AND last_visit <= ?)`,
		[]any{fmtTime(d.Now), fmtTime(d.Now.Add(-d.ArticleCap)), fmtTime(d.Now.Add(-d.PageCap))}
}

// EachDue calls fn with each of a site's URLs that are due, soonest first,
// a batch at a time.
func (s *Store) EachDue(ctx context.Context, site string, at DueAt, fn func(Scheduled) error) error {
	w, args := at.where()
	return s.eachScheduled(ctx, site, `AND `+w, args, fn)
}

// EachScheduled calls fn with each of a site's schedule rows, soonest due
// first.
func (s *Store) EachScheduled(ctx context.Context, site string, fn func(Scheduled) error) error {
	return s.eachScheduled(ctx, site, ``, nil, fn)
}

func (s *Store) eachScheduled(ctx context.Context, site, where string, args []any, fn func(Scheduled) error) error {
	type key struct{ due, url string }
	var after key
	for first := true; ; first = false {
		q := `SELECT ` + scheduledColumns + ` FROM schedule WHERE site = ? ` + where
		a := append([]any{site}, args...)
		if !first {
			q += ` AND (next_due, url) > (?, ?)`
			a = append(a, after.due, after.url)
		}
		rows, err := s.r().QueryContext(ctx, q+` ORDER BY next_due, url LIMIT 500`, a...)
		if err != nil {
			return fmt.Errorf("schedule of %s: %w", site, err)
		}
		var batch []Scheduled
		for rows.Next() {
			e, err := scanScheduled(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("schedule of %s: %w", site, err)
			}
			batch = append(batch, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("schedule of %s: %w", site, err)
		}
		for _, e := range batch {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(batch) < 500 {
			return nil
		}
		last := batch[len(batch)-1]
		after = key{fmtTime(last.NextDue), last.URL}
	}
}

// ScheduleSummary is a site's schedule at a time.
type ScheduleSummary struct {
	URLs    int       `json:"urls"`
	Due     int       `json:"due"`
	NextDue time.Time `json:"next_due,omitzero"` // the soonest of those not due
}

// SummarizeSchedule counts a site's scheduled URLs and those due, and
// finds when the soonest of the others falls due.
func (s *Store) SummarizeSchedule(ctx context.Context, site string, at DueAt) (ScheduleSummary, error) {
	var sum ScheduleSummary
	var next *string
	w, args := at.where()
	args = append(append(args, args...), site)
	err := s.r().QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE `+w+`), min(next_due) FILTER (WHERE NOT `+w+`)
		FROM schedule WHERE site = ?`, args...).Scan(&sum.URLs, &sum.Due, &next)
	if err != nil {
		return sum, fmt.Errorf("schedule of %s: %w", site, err)
	}
	if next != nil {
		sum.NextDue = parseTime(*next)
	}
	return sum, nil
}
