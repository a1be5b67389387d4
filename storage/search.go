package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// indexArticle adds a new article to the search index.
func indexArticle(ctx context.Context, tx conn, rowid int64, title, text string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO article_search(rowid, title, body) VALUES (?, ?, ?)`, rowid, Fold(title), Fold(text))
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

// ErrBadQuery is a search query that cannot be run; its message says why
// in words a reader of the search page understands.
var ErrBadQuery = errors.New("câu tìm kiếm không hợp lệ")

// Term is a word of a query, folded; Prefix: it ended in *.
type Term struct {
	Word   string
	Prefix bool
}

// Query is a parsed search query: the FTS5 expression it runs and the
// words it looks for (to highlight).
type Query struct {
	Raw   string
	Match string
	Terms []Term
}

// maxQueryLength bounds a query, in bytes.
const maxQueryLength = 500

// ParseQuery reads a search query: words (every word must appear), "a
// phrase" in double quotes, AND, OR and NOT in capitals, parentheses, and
// word* for a prefix. Case, tones, marks and đ do not matter: the query is
// folded as the index is. A word with punctuation inside (12/QĐ-UBND) is
// the phrase of its parts.
func ParseQuery(q string) (Query, error) {
	out := Query{Raw: q}
	q = norm.NFC.String(strings.TrimSpace(q))
	if q == "" {
		return out, fmt.Errorf("%w: hãy nhập từ cần tìm", ErrBadQuery)
	}
	if len(q) > maxQueryLength {
		return out, fmt.Errorf("%w: dài quá %d ký tự", ErrBadQuery, maxQueryLength)
	}
	var parts []string
	addWords := func(s string, phrase bool) {
		words := strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) == 0 {
			return
		}
		for _, w := range words {
			out.Terms = append(out.Terms, Term{Word: w})
		}
		prefix := !phrase && strings.HasSuffix(s, "*")
		if prefix {
			out.Terms[len(out.Terms)-1].Prefix = true
		}
		p := `"` + strings.Join(words, " ") + `"`
		if prefix {
			p += "*"
		}
		parts = append(parts, p)
	}
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"':
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return out, fmt.Errorf("%w: dấu ngoặc kép (\") chưa được đóng", ErrBadQuery)
			}
			addWords(q[i+1:i+1+end], true)
			i += end + 2
		case c == '(' || c == ')':
			parts = append(parts, string(c))
			i++
		default:
			end := strings.IndexAny(q[i:], " \t\n\r\"()")
			if end < 0 {
				end = len(q) - i
			}
			w := q[i : i+end]
			if w == "AND" || w == "OR" || w == "NOT" {
				parts = append(parts, w)
			} else {
				addWords(w, false)
			}
			i += end
		}
	}
	if len(out.Terms) == 0 {
		return out, fmt.Errorf("%w: không có từ nào để tìm (chỉ có dấu hoặc toán tử)", ErrBadQuery)
	}
	out.Match = strings.Join(parts, " ")
	return out, nil
}

// SearchQuery is a search with its filters and page.
type SearchQuery struct {
	Query        Query
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
// the text. An expression FTS5 cannot run is an ErrBadQuery; a search
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
		return fmt.Errorf("%w: tìm kiếm quá lâu (hơn %s); hãy thu hẹp câu tìm kiếm", ErrBadQuery, searchTimeout)
	case strings.Contains(msg, "fts5") || strings.Contains(msg, "syntax error") || strings.Contains(msg, "malformed MATCH"):
		if i := strings.Index(msg, "fts5: "); i >= 0 {
			msg = msg[i+len("fts5: "):]
		}
		msg = strings.TrimSuffix(strings.TrimSpace(msg), " (1)")
		return fmt.Errorf("%w: %s", ErrBadQuery, msg)
	}
	return fmt.Errorf("search: %w", err)
}

// Segment is a piece of a snippet; Hit: a word the query looks for.
type Segment struct {
	Text string
	Hit  bool
}

// Snippet is the stretch of text around the first words a query looks
// for, at most about words long, with those words marked. A text without
// them gives its beginning.
func Snippet(text string, terms []Term, words int) []Segment {
	type word struct {
		start, end int
		hit        bool
	}
	var ws []word
	inWord := false
	for i, r := range text {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case letter && !inWord:
			ws = append(ws, word{start: i})
			inWord = true
		case !letter && inWord:
			ws[len(ws)-1].end = i
			inWord = false
		}
	}
	if inWord {
		ws[len(ws)-1].end = len(text)
	}
	first := -1
	for i := range ws {
		f := Fold(text[ws[i].start:ws[i].end])
		for _, t := range terms {
			if f == t.Word || t.Prefix && strings.HasPrefix(f, t.Word) {
				ws[i].hit = true
				if first < 0 {
					first = i
				}
				break
			}
		}
	}
	if len(ws) == 0 {
		return nil
	}
	from := max(0, first-words/3)
	to := min(len(ws), from+words)
	var out []Segment
	add := func(s string, hit bool) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Hit == hit {
			out[n-1].Text += s
			return
		}
		out = append(out, Segment{s, hit})
	}
	if from > 0 {
		add("… ", false)
	}
	pos := ws[from].start
	for _, w := range ws[from:to] {
		between := collapse(text[pos:w.start])
		// Words found side by side are marked as one.
		joined := w.hit && len(out) > 0 && out[len(out)-1].Hit && strings.TrimSpace(between) == ""
		add(between, joined)
		add(text[w.start:w.end], w.hit)
		pos = w.end
	}
	if to < len(ws) {
		add(" …", false)
	} else {
		add(collapse(text[pos:]), false)
	}
	return out
}

// collapse makes every run of white space one space.
func collapse(s string) string {
	var b strings.Builder
	prev := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !prev {
				b.WriteByte(' ')
			}
			prev = true
			continue
		}
		prev = false
		b.WriteRune(r)
	}
	return b.String()
}

// SnippetHTML is a snippet as HTML: the text escaped, the words found in
// <mark>.
func SnippetHTML(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Hit {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}
