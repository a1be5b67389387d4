package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
)

// indexArticle adds a new article to the search index.
func indexArticle(ctx context.Context, tx conn, rowid int64, title, text string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO article_search(rowid, title, body) VALUES (?, ?, ?)`, rowid, textsearch.Fold(title), textsearch.Fold(text))
	return err
}

// backfillSearch indexes the articles a database held before it had a
// search index, once, a batch per transaction.
func (s *Store) backfillSearch(ctx context.Context) error {
	var done bool
	if err := s.db.QueryRowContext(ctx, `SELECT backfilled FROM search_state WHERE id = 1`).Scan(&done); err != nil || done {
		return err
	}
	var after int64
	for {
		n := 0
		err := s.tx(ctx, func(tx conn) error {
			rows, err := tx.QueryContext(ctx, `SELECT rowid, title, text FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 500`, after)
			if err != nil {
				return err
			}
			type row struct {
				id          int64
				title, text string
			}
			var batch []row
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.title, &r.text); err != nil {
					rows.Close()
					return err
				}
				batch = append(batch, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, r := range batch {
				// An article indexed since this version is not indexed twice.
				var have int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM article_search WHERE rowid = ?`, r.id).Scan(&have); err != nil {
					return err
				}
				if have == 0 {
					if err := indexArticle(ctx, tx, r.id, r.title, r.text); err != nil {
						return err
					}
				}
				after, n = r.id, n+1
			}
			if n == 0 {
				_, err := tx.ExecContext(ctx, `UPDATE search_state SET backfilled = 1 WHERE id = 1`)
				return err
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("index articles for search: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}

// SearchQuery is a search with its filters and page.
type SearchQuery struct {
	Query        textsearch.Query
	Sites        []string   // seen on any of these sites; none: all
	Since, Until *time.Time // the article's date (published, else first seen): Since inclusive, Until exclusive
	Sort         string     // "relevance" (default), "date" (newest first), "first_seen" (newest first)
	FirstRun     int64      // only articles first stored by this run (alerts)
	Limit        int
	Offset       int
}

// SearchHit is an article a search found.
type SearchHit struct {
	ContentHash string     `json:"content_hash"`
	Site        string     `json:"site"`
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	PublishedAt *time.Time `json:"published_at"`
	FirstSeenAt time.Time  `json:"first_seen_at"`
	Author      string     `json:"author,omitempty"`
	Text        string     `json:"-"`
}

// searchTimeout bounds one search.
const searchTimeout = 5 * time.Second

// Search runs a query: the hits of the page asked for and how many there
// are in all. Relevance is FTS5's bm25 with the title weighing ten times
// the text. An expression FTS5 cannot run is an textsearch.ErrBadQuery; a search
// that takes longer than a few seconds is stopped.
func (s *Store) Search(ctx context.Context, q SearchQuery) (total int, hits []SearchHit, err error) {
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	where := []string{`article_search MATCH ?`, `EXISTS (SELECT 1 FROM article_urls u WHERE u.content_hash = a.content_hash AND u.revised_to IS NULL)`}
	args := []any{q.Query.Match}
	if len(q.Sites) > 0 {
		where = append(where, `a.content_hash IN (SELECT content_hash FROM article_urls WHERE site IN (?`+strings.Repeat(", ?", len(q.Sites)-1)+`))`)
		for _, site := range q.Sites {
			args = append(args, site)
		}
	}
	if q.Since != nil {
		where = append(where, `coalesce(a.published_at, a.first_seen_at) >= ?`)
		args = append(args, fmtTime(*q.Since))
	}
	if q.Until != nil {
		where = append(where, `coalesce(a.published_at, a.first_seen_at) < ?`)
		args = append(args, fmtTime(*q.Until))
	}
	if q.FirstRun > 0 {
		where = append(where, `a.first_run = ?`)
		args = append(args, q.FirstRun)
	}
	from := ` FROM article_search JOIN articles a ON a.rowid = article_search.rowid WHERE ` + strings.Join(where, " AND ")
	if err := s.r().QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total); err != nil {
		return 0, nil, searchError(ctx, err)
	}
	order := `bm25(article_search, 10.0, 1.0), a.first_seen_at DESC`
	switch q.Sort {
	case "date":
		order = `coalesce(a.published_at, a.first_seen_at) DESC, a.content_hash`
	case "first_seen":
		order = `a.first_seen_at DESC, a.content_hash`
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	rows, err := s.r().QueryContext(ctx, `SELECT a.content_hash, a.site, a.url, a.title, a.published_at, a.first_seen_at, coalesce(a.author, ''), a.text`+
		from+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return 0, nil, searchError(ctx, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h SearchHit
		var published sql.NullString
		var first string
		if err := rows.Scan(&h.ContentHash, &h.Site, &h.URL, &h.Title, &published, &first, &h.Author, &h.Text); err != nil {
			return 0, nil, searchError(ctx, err)
		}
		if published.Valid {
			t := parseTime(published.String)
			h.PublishedAt = &t
		}
		h.FirstSeenAt = parseTime(first)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, searchError(ctx, err)
	}
	return total, hits, nil
}

// searchError words a failed search: FTS5's complaint about the query, or
// the time limit.
func searchError(ctx context.Context, err error) error {
	msg := err.Error()
	switch {
	case ctx.Err() != nil || strings.Contains(msg, "interrupted"):
		return fmt.Errorf("%w: tìm kiếm quá lâu (hơn %s); hãy thu hẹp câu tìm kiếm", textsearch.ErrBadQuery, searchTimeout)
	case strings.Contains(msg, "fts5") || strings.Contains(msg, "syntax error") || strings.Contains(msg, "malformed MATCH"):
		if i := strings.Index(msg, "fts5: "); i >= 0 {
			msg = msg[i+len("fts5: "):]
		}
		msg = strings.TrimSuffix(strings.TrimSpace(msg), " (1)")
		return fmt.Errorf("%w: %s", textsearch.ErrBadQuery, msg)
	}
	return fmt.Errorf("search: %w", err)
}
