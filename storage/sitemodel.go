package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SiteModel is a site's learned template as stored (parsers.SiteModel is
// the live one; the crawler converts).
type SiteModel struct {
	Site string
	// StartedAt is when the model began observing: a page whose last fetch
	// is later was observed.
	StartedAt    time.Time
	Pages        int
	ArticlePages int
	Blocks       []ModelBlock
	Paths        []ModelPath
}

// ModelBlock is one stored block of a site model.
type ModelBlock struct {
	Key     uint64
	Slot    bool // a link slot (stored as slot = 1)
	Title   bool // a title's key (slot = 2)
	Pages   int
	Sample  string
	LastRun int64
	Applied bool
}

// ModelPath is one stored template path of a site model.
type ModelPath struct {
	Path               string
	Articles, Listings int
	LastRun            int64
}

// LoadSiteModel reads a site's model; ok is false when it has none.
func (s *Store) LoadSiteModel(ctx context.Context, site string) (m SiteModel, ok bool, err error) {
	m.Site = site
	fail := func(err error) (SiteModel, bool, error) {
		return SiteModel{Site: site}, false, fmt.Errorf("load site model %s: %w", site, err)
	}
	var started string
	err = s.r().QueryRowContext(ctx, `SELECT started_at, pages, article_pages FROM site_models WHERE site = ?`, site).
		Scan(&started, &m.Pages, &m.ArticlePages)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return fail(err)
	}
	m.StartedAt = parseTime(started)
	rows, err := s.r().QueryContext(ctx, `SELECT key, slot, pages, sample, last_run, applied FROM site_blocks WHERE site = ? ORDER BY key`, site)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var b ModelBlock
		var key int64
		var kind int
		if err := rows.Scan(&key, &kind, &b.Pages, &b.Sample, &b.LastRun, &b.Applied); err != nil {
			rows.Close()
			return fail(err)
		}
		b.Key, b.Slot, b.Title = uint64(key), kind == 1, kind == 2
		m.Blocks = append(m.Blocks, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	prows, err := s.r().QueryContext(ctx, `SELECT path, articles, listings, last_run FROM site_paths WHERE site = ? ORDER BY path`, site)
	if err != nil {
		return fail(err)
	}
	defer prows.Close()
	for prows.Next() {
		var p ModelPath
		if err := prows.Scan(&p.Path, &p.Articles, &p.Listings, &p.LastRun); err != nil {
			return fail(err)
		}
		m.Paths = append(m.Paths, p)
	}
	if err := prows.Err(); err != nil {
		return fail(err)
	}
	return m, true, nil
}

// SaveSiteModel replaces a site's stored model, in one transaction.
func (s *Store) SaveSiteModel(ctx context.Context, m SiteModel, at time.Time) error {
	err := s.group(ctx, func(tx conn) error {
		if err := tx.ensureSite(ctx, m.Site, fmtTime(at)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO site_models(site, started_at, pages, article_pages, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(site) DO UPDATE SET pages = excluded.pages, article_pages = excluded.article_pages, updated_at = excluded.updated_at`,
			m.Site, fmtTime(m.StartedAt), m.Pages, m.ArticlePages, fmtTime(at)); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM site_blocks WHERE site = ?`, `DELETE FROM site_paths WHERE site = ?`} {
			if _, err := tx.ExecContext(ctx, q, m.Site); err != nil {
				return err
			}
		}
		for _, b := range m.Blocks {
			kind := 0
			switch {
			case b.Slot:
				kind = 1
			case b.Title:
				kind = 2
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO site_blocks(site, key, slot, pages, sample, last_run, applied) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				m.Site, int64(b.Key), kind, b.Pages, b.Sample, b.LastRun, b.Applied); err != nil {
				return err
			}
		}
		for _, p := range m.Paths {
			if _, err := tx.ExecContext(ctx, `INSERT INTO site_paths(site, path, articles, listings, last_run) VALUES (?, ?, ?, ?, ?)`,
				m.Site, p.Path, p.Articles, p.Listings, p.LastRun); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save site model %s: %w", m.Site, err)
	}
	return nil
}

// CurrentArticle is the version of the article at one URL seen last.
type CurrentArticle struct {
	URL         string
	ContentHash string
	Title       string
	Text        string
	PublishedAt *time.Time
	Author      string
	Lang        string
	Slots       string
}

// currentBatch is how many articles EachCurrentArticle reads at a time.
const currentBatch = 200

// EachCurrentArticle calls fn with the current article version of every
// URL of a site (not revised, seen last), in URL order, reading a batch at
// a time: fn may write, and memory does not grow with the site.
func (s *Store) EachCurrentArticle(ctx context.Context, site string, fn func(CurrentArticle) error) error {
	after := ""
	for {
		batch, err := s.currentArticles(ctx, site, after)
		if err != nil {
			return fmt.Errorf("current articles of %s: %w", site, err)
		}
		for _, c := range batch {
			if err := fn(c); err != nil {
				return err
			}
		}
		if len(batch) < currentBatch {
			return nil
		}
		after = batch[len(batch)-1].URL
	}
}

func (s *Store) currentArticles(ctx context.Context, site, after string) ([]CurrentArticle, error) {
	rows, err := s.r().QueryContext(ctx, `SELECT u.url, a.content_hash, a.title, a.text, a.published_at, a.author, a.lang, a.slots
		FROM article_urls u JOIN articles a ON a.content_hash = u.content_hash
		WHERE u.site = ? AND u.url > ? AND u.revised_to IS NULL AND NOT EXISTS (SELECT 1 FROM article_urls v
			WHERE v.url = u.url AND v.revised_to IS NULL AND
			(v.last_seen_at > u.last_seen_at OR v.last_seen_at = u.last_seen_at AND v.content_hash > u.content_hash))
		ORDER BY u.url LIMIT ?`, site, after, currentBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CurrentArticle
	for rows.Next() {
		var c CurrentArticle
		var pub, author *string
		if err := rows.Scan(&c.URL, &c.ContentHash, &c.Title, &c.Text, &pub, &author, &c.Lang, &c.Slots); err != nil {
			return nil, err
		}
		if pub != nil {
			t := parseTime(*pub)
			c.PublishedAt = &t
		}
		if author != nil {
			c.Author = *author
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ReviseArticle stores a new version of the article at a URL derived from
// its stored version from (the site model applied to its text), not
// fetched. The new version takes the old one's place in time (its first
// and last sightings: the page is the same), records the reason, and the
// old one is marked replaced (exports leave it out); the URL's last fetch
// points at the new version, so a 304 later confirms it. a.SeenAt is
// ignored.
func (s *Store) ReviseArticle(ctx context.Context, a Article, from, reason string) (SaveResult, error) {
	var res SaveResult
	err := s.group(ctx, func(tx conn) error {
		var first, last string
		if err := tx.QueryRowContext(ctx, `SELECT first_seen_at, last_seen_at FROM article_urls WHERE url = ? AND content_hash = ?`, a.URL, from).
			Scan(&first, &last); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("no stored version %s", from)
			}
			return err
		}
		a.SeenAt = parseTime(last)
		var err error
		if res, err = saveArticle(ctx, tx, a); err != nil {
			return err
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE article_urls SET reason = ?, first_seen_at = least(first_seen_at, ?) WHERE url = ? AND content_hash = ?`, []any{reason, first, a.URL, a.ContentHash}},
			{`UPDATE articles SET first_seen_at = least(first_seen_at, ?) WHERE content_hash = ?`, []any{first, a.ContentHash}},
			{`UPDATE article_urls SET revised_to = ? WHERE url = ? AND content_hash = ?`, []any{a.ContentHash, a.URL, from}},
			{`UPDATE fetches SET content_hash = ? WHERE url = ? AND content_hash = ?`, []any{a.ContentHash, a.URL, from}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("revise %s: %w", a.URL, err)
	}
	return res, nil
}

// URLVersion is one article version stored for a URL.
type URLVersion struct {
	ContentHash string    `json:"content_hash"`
	FirstSeenAt time.Time `json:"first_seen_at"`
	LastSeenAt  time.Time `json:"last_seen_at"`
	// Reason says why the version was derived from a stored one ("": it
	// was fetched); RevisedTo names the version that replaced it.
	Reason    string `json:"reason,omitempty"`
	RevisedTo string `json:"revised_to,omitempty"`
}

// URLVersions lists the article versions stored for a URL, oldest first
// (a derived version after the one it was derived from).
func (s *Store) URLVersions(ctx context.Context, url string) ([]URLVersion, error) {
	rows, err := s.r().QueryContext(ctx, `SELECT content_hash, first_seen_at, last_seen_at, reason, coalesce(revised_to, '')
		FROM article_urls WHERE url = ? ORDER BY first_seen_at, revised_to IS NULL, reason <> '', last_seen_at, content_hash`, url)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", url, err)
	}
	defer rows.Close()
	var out []URLVersion
	for rows.Next() {
		var v URLVersion
		var first, last string
		if err := rows.Scan(&v.ContentHash, &first, &last, &v.Reason, &v.RevisedTo); err != nil {
			return nil, fmt.Errorf("versions of %s: %w", url, err)
		}
		v.FirstSeenAt, v.LastSeenAt = parseTime(first), parseTime(last)
		out = append(out, v)
	}
	return out, rows.Err()
}

// ModelSize is how much a site's stored model takes: its rows and the
// bytes of their values (keys, counters, samples and paths; SQLite's own
// page overhead aside).
type ModelSize struct {
	Site   string `json:"site"`
	Blocks int    `json:"blocks"`
	Paths  int    `json:"paths"`
	Bytes  int64  `json:"bytes"`
}

// ModelSizes measures every site's stored model, by site name.
func (s *Store) ModelSizes(ctx context.Context) ([]ModelSize, error) {
	rows, err := s.r().QueryContext(ctx, `SELECT m.site,
		(SELECT count(*) FROM site_blocks b WHERE b.site = m.site),
		(SELECT count(*) FROM site_paths p WHERE p.site = m.site),
		(SELECT coalesce(sum(8 + 8 + 8 + 1 + 1 + octet_length(sample)), 0) FROM site_blocks b WHERE b.site = m.site) +
		(SELECT coalesce(sum(8 + 8 + 8 + octet_length(path)), 0) FROM site_paths p WHERE p.site = m.site)
		FROM site_models m ORDER BY m.site`)
	if err != nil {
		return nil, fmt.Errorf("site model sizes: %w", err)
	}
	defer rows.Close()
	var out []ModelSize
	for rows.Next() {
		var m ModelSize
		if err := rows.Scan(&m.Site, &m.Blocks, &m.Paths, &m.Bytes); err != nil {
			return nil, fmt.Errorf("site model sizes: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
