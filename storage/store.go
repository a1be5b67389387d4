// Package storage keeps wardcrawl's articles, fetches and runs in SQLite.
// No other package writes SQL: callers use the Store's methods, sized to
// what the crawler, the exporter and the CLI need.
package storage

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// vietnam is the offset every stored time carries.
var vietnam = time.FixedZone("+07:00", 7*3600)

const timeFormat = time.RFC3339

func fmtTime(t time.Time) string { return t.In(vietnam).Format(timeFormat) }

// fmtRunTime keeps milliseconds: a run's length is shown to the
// millisecond (parseTime reads both forms).
func fmtRunTime(t time.Time) string { return t.In(vietnam).Format("2006-01-02T15:04:05.000Z07:00") }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t.In(vietnam)
}

// ErrNotExist is returned by Open with MustExist when there is no database.
var ErrNotExist = errors.New("database does not exist")

// Store is an open wardcrawl database.
type Store struct {
	db     *sql.DB // the writer: one connection
	rdb    *sql.DB // readers (Store.r)
	path   string
	cache  stmtCache
	rcache stmtCache
	writes groupCommit
	queue  searchQueue   // articles stored, not yet indexed (SQLite; searchqueue.go)
	ckpt   *checkpointer // nil for a read-only store and PostgreSQL
	log    *slog.Logger  // Options.Log, nil: none
	// dialect: SQLite's or PostgreSQL's (see dialect.go); url is
	// PostgreSQL's database URL.
	dialect dialect
	url     string
	worker  string // the worker this process joined as (JoinWorker), "" : none

	sitesMu sync.Mutex
	sites   map[string]bool // site rows known committed (sites are never deleted)
}

// Options adjust Open.
type Options struct {
	// MustExist makes Open fail with ErrNotExist instead of creating a database.
	MustExist bool
	// BusyTimeout is how long a write waits for another process's lock
	// before failing (default 10s).
	BusyTimeout time.Duration
	// ReadOnly opens an existing database for reading only: nothing is
	// written (no migration, no WAL switch), an empty or foreign file is an
	// error, and a database in a directory the user cannot write is still
	// read. Implies MustExist.
	ReadOnly bool
	// Log, if set, hears of the long work Open may do: filling the search
	// indexes for the articles of a database from an earlier version
	// (when it starts, every 50,000 articles, when it ends).
	Log *slog.Logger
}

// Open opens (or creates) the database at path and brings its schema up to
// date. The database runs in WAL mode with a busy timeout, so readers never
// block the crawler and a second writer waits instead of failing.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if IsPostgresURL(path) {
		return openPostgres(ctx, path, opt)
	}
	if opt.ReadOnly {
		return openReadOnly(ctx, path, opt)
	}
	if _, err := os.Stat(path); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open db %s: %w", path, err)
		}
		if opt.MustExist {
			return nil, fmt.Errorf("open db %s: %w (run `wardcrawl crawl` or `wardcrawl demo` first)", path, ErrNotExist)
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("open db: create directory: %w", err)
			}
		}
	}
	q := url.Values{}
	if opt.BusyTimeout <= 0 {
		opt.BusyTimeout = 10 * time.Second
	}
	busy := fmt.Sprintf("busy_timeout(%d)", opt.BusyTimeout.Milliseconds())
	for _, p := range []string{busy, "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "wal_autocheckpoint(0)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open db %s: %w", path, err)
	}
	// SQLite has one writer at a time; one connection makes that explicit
	// and keeps transactions from waiting on each other inside the process.
	db.SetMaxOpenConns(1)
	// Readers: WAL lets them read the last commit while the writer works.
	rq := url.Values{}
	for _, p := range []string{busy, "query_only(1)"} {
		rq.Add("_pragma", p)
	}
	rdb, err := sql.Open("sqlite", "file:"+path+"?"+rq.Encode())
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open db %s: %w", path, err)
	}
	rdb.SetMaxOpenConns(2)
	// The checkpointer's connection (see checkpoint.go).
	cdb, err := sql.Open("sqlite", "file:"+path+"?"+url.Values{"_pragma": {busy}}.Encode())
	if err != nil {
		db.Close()
		rdb.Close()
		return nil, fmt.Errorf("open db %s: %w", path, err)
	}
	cdb.SetMaxOpenConns(1)
	s := &Store{db: db, rdb: rdb, path: path, sites: map[string]bool{}, log: opt.Log}
	err = s.migrate(ctx)
	if err == nil {
		err = s.backfillSearch(ctx)
	}
	if err == nil {
		err = s.indexUnindexed(ctx)
	}
	if err != nil {
		db.Close()
		rdb.Close()
		cdb.Close()
		if werr := writable(path); werr != nil {
			return nil, fmt.Errorf("open db %s: cannot write to it (%w); SQLite said: %v", path, werr, err)
		}
		return nil, fmt.Errorf("open db %s: %w", path, err)
	}
	s.ckpt = startCheckpointer(cdb)
	return s, nil
}

// readOnlyCacheKiB is the page cache of each connection of a read-only
// open (serve, export, stats), in KiB; SQLite's default is 2,000 KiB.
// A server searching a large archive reads the same pages at every query:
// the search index's lengths of its texts (about 12 MB at a million
// articles), its structure and page index. SQLite fills the cache as it
// reads, so a small archive costs no more. At a million articles, in
// alternating runs of the search bench, three-word p95 went from 87-111
// to 74-83 ms.
const readOnlyCacheKiB = 32 << 10

// openReadOnly opens an existing database without writing to it. SQLite in
// WAL mode needs the -shm file, which a read-only user cannot create in a
// directory it cannot write: without a -wal file (no writer is at work)
// the database is then opened immutable, which needs neither.
func openReadOnly(ctx context.Context, path string, opt Options) (*Store, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("open db %s: %w (run `wardcrawl crawl` or `wardcrawl demo` first)", path, ErrNotExist)
	case err != nil:
		return nil, fmt.Errorf("open db %s: %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("open db %s: is a directory, not a database file", path)
	case fi.Size() == 0:
		return nil, fmt.Errorf("open db %s: the file is empty, not a wardcrawl database", path)
	}
	if opt.BusyTimeout <= 0 {
		opt.BusyTimeout = 10 * time.Second
	}
	q := url.Values{}
	q.Set("mode", "ro")
	for _, p := range []string{fmt.Sprintf("busy_timeout(%d)", opt.BusyTimeout.Milliseconds()), "query_only(1)", fmt.Sprintf("cache_size(%d)", -readOnlyCacheKiB)} {
		q.Add("_pragma", p)
	}
	if _, werr := os.Stat(path + "-wal"); errors.Is(werr, fs.ErrNotExist) && writableDir(filepath.Dir(path)) != nil {
		q.Set("immutable", "1")
	}
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open db %s: %w", path, err)
	}
	db.SetMaxOpenConns(2)
	s := &Store{db: db, rdb: db, path: path, sites: map[string]bool{}}
	var v int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		db.Close()
		if strings.Contains(err.Error(), "no such table") || strings.Contains(err.Error(), "not a database") {
			return nil, fmt.Errorf("open db %s: not a wardcrawl database", path)
		}
		return nil, fmt.Errorf("open db %s: %w", path, err)
	}
	if err := schemaReadable(v, latestSchema()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open db %s: %w", path, err)
	}
	return s, nil
}

// schemaReadable says why a reader that writes nothing cannot read a
// database at schema version v, this wardcrawl's being latest (nil: it
// can).
func schemaReadable(v, latest int) error {
	switch {
	case v < latest:
		return fmt.Errorf("schema v%d is older than this wardcrawl's v%d; a crawl (or any command that writes) upgrades it", v, latest)
	case v > latest:
		return fmt.Errorf("schema v%d was written by a newer wardcrawl (this one knows v%d)", v, latest)
	}
	return nil
}

// latestSchema is the version of the newest embedded migration.
func latestSchema() int { return newestMigration(migrationFS, "migrations") }

// newestMigration is the version of the newest migration in an embedded
// directory.
func newestMigration(fsys embed.FS, dir string) int {
	entries, _ := fs.ReadDir(fsys, dir)
	v := 0
	for _, e := range entries {
		if n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0]); err == nil && n > v {
			v = n
		}
	}
	return v
}

func writableDir(dir string) error {
	probe, err := os.CreateTemp(dir, ".wardcrawl-write-check-*")
	if err != nil {
		return err
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// writable says why the database file, or the directory its journal goes
// in, cannot be written (nil: both can).
func writable(path string) error {
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := writableDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("its directory: %w", err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	qerr := s.IndexQueued(context.Background()) // else the next open indexes them
	s.cache.close()
	s.rcache.close()
	rerr := s.rdb.Close()
	werr := s.db.Close()
	var cerr error
	if s.ckpt != nil {
		cerr = s.ckpt.close() // after the writer: the WAL is whole
	}
	return cmp.Or(qerr, werr, rerr, cerr)
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// migrate applies the embedded migrations not yet applied, each in its
// own transaction, in version order.
func (s *Store) migrate(ctx context.Context) error {
	return s.applyMigrations(ctx, s.db, migrationFS, "migrations")
}

// migrator is where migrations run: the database, or (PostgreSQL) the one
// connection holding the migration lock.
type migrator interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// applyMigrations applies the scripts of an embedded directory that the
// database has not applied yet, each with its record in
// schema_migrations in one transaction, in version order.
func (s *Store) applyMigrations(ctx context.Context, db migrator, fsys embed.FS, dir string) error {
	version := "INTEGER" // SQLite's rowid
	if s.dialect.pg {
		version = "BIGINT"
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version `+version+` PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	ms, err := migrations(fsys, dir)
	if err != nil {
		return err
	}
	for _, m := range ms {
		var n int
		if err := db.QueryRowContext(ctx, s.dialect.rewrite(`SELECT count(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&n); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if _, err = tx.ExecContext(ctx, m.body); err == nil {
			_, err = tx.ExecContext(ctx, s.dialect.rewrite(`INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`), m.version, fmtTime(time.Now()))
		}
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
		if err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	return nil
}

// migration is one embedded schema script.
type migration struct {
	version    int
	name, body string
}

// migrations are the scripts in an embedded directory (each named
// VERSION_what.sql), in version order.
func migrations(fsys embed.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var out []migration
	for _, e := range entries {
		v, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migrate: bad migration name %s", e.Name())
		}
		body, err := fsys.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
		out = append(out, migration{v, e.Name(), string(body)})
	}
	return out, nil
}

// scanStrings reads rows of one text column.
func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SchemaVersion is the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.q().QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// conflictRetries is how many times a PostgreSQL transaction that lost
// to another worker's (deadlock, serialization) is run again.
const conflictRetries = 5

// tx runs fn in a transaction: committed if fn returns nil, else rolled
// back. On PostgreSQL a transaction that loses to another process's is
// run again, fn and all: fn must only write through tx and set what it
// returns.
func (s *Store) tx(ctx context.Context, fn func(conn) error) error {
	for attempt := 0; ; attempt++ {
		err := s.tx1(ctx, fn)
		if !s.dialect.pg || attempt == conflictRetries || !isConflict(err) {
			return err
		}
		// Apart at random, so the two do not meet again the same way.
		time.Sleep(time.Duration(attempt+1) * time.Duration(5+rand.IntN(20)) * time.Millisecond)
	}
}

func (s *Store) tx1(ctx context.Context, fn func(conn) error) error {
	s.cache.prepareWanted(ctx, s.db)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	search := &txSearch{}
	c := conn{s: s, tx: tx, db: s.db, cache: &s.cache, search: search}
	if err := fn(c); err != nil {
		tx.Rollback()
		return err
	}
	wrote, err := s.writeSearch(ctx, c, search)
	if err != nil {
		tx.Rollback()
		return err
	}
	if s.dialect.pg {
		return tx.Commit()
	}
	return s.queue.commit(tx, search, wrote)
}

// IntegrityCheck checks the archive and returns its verdict ("ok"), or
// what is wrong: on SQLite, PRAGMA integrity_check (its pages and
// indexes), then on either backend what ties the archive's rows together
// (checkLinks). PostgreSQL checks its own pages as it reads them and has
// no such statement.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	if !s.dialect.pg {
		var v string
		if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&v); err != nil || v != "ok" {
			return v, err
		}
	}
	return s.checkLinks(ctx)
}

// checkLinks checks what ties an archive's rows together, beyond what
// foreign keys hold: every article is seen at some URL, every fetch that
// names an article names a stored one, and every article is in the
// search indexes (once they are filled), which hold nothing else. "ok",
// or what is wrong.
func (s *Store) checkLinks(ctx context.Context) (string, error) {
	type check struct{ what, query string }
	checks := []check{
		{"articles seen at no URL", `SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_urls u WHERE u.content_hash = a.content_hash)`},
		{"fetches naming an article not stored", `SELECT count(*) FROM fetches f WHERE f.content_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.content_hash = f.content_hash)`},
	}
	// On SQLite, articles past indexed_through wait for the indexes (a run
	// that ended before it wrote them; see searchqueue.go).
	queued := ` AND a.rowid <= (SELECT indexed_through FROM search_state)`
	if s.dialect.pg {
		queued = ""
	}
	for _, ix := range s.searchIndexes() {
		t := ix.table
		checks = append(checks,
			check{"articles missing from " + t, `SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM ` + t + ` x WHERE x.rowid = a.rowid) AND (SELECT backfilled FROM search_state) = 1` + queued},
			check{t + " rows of no article", `SELECT count(*) FROM ` + t + ` x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.rowid = x.rowid)`})
	}
	var problems []string
	for _, c := range checks {
		var n int
		if err := s.q().QueryRowContext(ctx, c.query).Scan(&n); err != nil {
			return "", fmt.Errorf("integrity: %w", err)
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf("%d %s", n, c.what))
		}
	}
	if len(problems) == 0 {
		return "ok", nil
	}
	return strings.Join(problems, "; "), nil
}

// RunSiteStats are one site's figures in a run.
type RunSiteStats struct {
	Site            string `json:"site"`
	PagesFetched    int    `json:"pages_fetched"`
	ArticlesFound   int    `json:"articles_found"`
	ArticlesNew     int    `json:"articles_new"`
	ArticlesChanged int    `json:"articles_changed"`
	Errors          int    `json:"errors"`
	NotModified     int    `json:"not_modified"`  // 304 answers: stored copy still current
	SkippedFresh    int    `json:"skipped_fresh"` // links to pages not due (stored articles, pages on the revisit schedule; per link): not fetched
	// The revisit schedule as the run began: URLs due (start URLs and
	// scheduled URLs due), scheduled URLs not due and when the soonest of
	// those falls due; links the run found to pages never seen.
	Due           int        `json:"due"`
	NotDue        int        `json:"not_due"`
	NextDue       *time.Time `json:"next_due,omitempty"`
	NewLinks      int        `json:"new_links"`
	RobotsBlocked int        `json:"robots_blocked"`  // URLs robots.txt disallows
	TrapURLs      int        `json:"trap_urls"`       // URLs over the per-path query-variant cap
	HostSkipped   int        `json:"host_skipped"`    // URLs not fetched: their host was backed off
	Queued        int        `json:"queued"`          // left in the queue (for the next run, or now: waiting)
	Resumed       bool       `json:"resumed"`         // the run went on with a round an earlier run left unfinished
	Error         string     `json:"error,omitempty"` // why the site failed, if it did
	// RejectedLikeArticles counts pages the parser did not take for
	// articles although they read like one (a substantial main text in
	// paragraphs, no listing or record pattern); RejectedReason is the
	// commonest reason and RejectedExample one such URL.
	RejectedLikeArticles int    `json:"rejected_like_articles,omitempty"`
	RejectedReason       string `json:"rejected_reason,omitempty"`
	RejectedExample      string `json:"rejected_example,omitempty"`
	// Warning says that the site may have been lost silently: many pages
	// that read like articles were rejected and few or none were stored.
	Warning string `json:"warning,omitempty"`
	// The site model: stored articles it revised this run (its chrome
	// grew), its size after the run, and the peak of the pages held back
	// while it learnt the site (compressed bodies).
	ArticlesRevised int   `json:"articles_revised,omitempty"`
	ModelArticles   int   `json:"model_articles,omitempty"` // article pages it has counted
	ModelBlocks     int   `json:"model_blocks,omitempty"`
	ModelChrome     int   `json:"model_chrome,omitempty"` // of which chrome
	HeldPeakPages   int   `json:"held_peak_pages,omitempty"`
	HeldPeakBytes   int64 `json:"held_peak_bytes,omitempty"`
	// CrawledBy: another worker crawled the site since this one began
	// (PostgreSQL workers), so this run left it alone.
	CrawledBy string `json:"crawled_by,omitempty"`
}

// Run is one crawl run.
type Run struct {
	ID         int64          `json:"id"`
	StartedAt  time.Time      `json:"started_at"`
	FinishedAt *time.Time     `json:"finished_at"`
	Status     string         `json:"status"`
	Sites      []RunSiteStats `json:"sites"`
}

// StartRun records the start of a crawl of the named sites.
func (s *Store) StartRun(ctx context.Context, sites []string, at time.Time) (int64, error) {
	names, _ := json.Marshal(sites)
	var id int64
	err := s.tx(ctx, func(tx conn) error {
		for _, name := range sites {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sites(name, first_seen_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING`, name, fmtTime(at)); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO crawl_runs(started_at, sites, worker) VALUES (?, ?, ?) RETURNING id`, fmtRunTime(at), string(names), s.workerName()).Scan(&id); err != nil {
			return err
		}
		if s.worker != "" {
			_, err := tx.ExecContext(ctx, `UPDATE workers SET run_id = ? WHERE id = ?`, id, s.worker)
			return err
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	s.sitesMu.Lock()
	for _, name := range sites {
		s.sites[name] = true
	}
	s.sitesMu.Unlock()
	return id, nil
}

// FinishRun records a run's end, status and per-site figures.
func (s *Store) FinishRun(ctx context.Context, id int64, status string, at time.Time, sites []RunSiteStats) error {
	var fetched, newA, changed, seen, errs int
	for _, st := range sites {
		fetched += st.PagesFetched
		newA += st.ArticlesNew
		changed += st.ArticlesChanged
		seen += st.ArticlesFound
		errs += st.Errors
	}
	summary, _ := json.Marshal(sites)
	err := s.tx(ctx, func(tx conn) error {
		tx.search.all = true // the run's articles are found once it has ended (alerts)
		_, err := tx.ExecContext(ctx, `UPDATE crawl_runs SET finished_at = ?, status = ?, pages_fetched = ?, articles_new = ?,
			articles_changed = ?, articles_seen = ?, errors = ?, summary = ? WHERE id = ?`,
			fmtRunTime(at), status, fetched, newA, changed, seen, errs, string(summary), id)
		if err != nil {
			return err
		}
		for _, st := range sites {
			if _, err := tx.ExecContext(ctx, `UPDATE sites SET last_run_at = ? WHERE name = ?`, fmtTime(at), st.Site); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	return nil
}

// Fetch is the outcome of fetching one URL.
type Fetch struct {
	RunID        int64
	Site         string
	URL          string
	Status       int
	FetchedAt    time.Time
	ContentType  string
	ETag         string
	LastModified string
	Bytes        int
	IsArticle    bool
	ContentHash  string
	Err          string
	// Decision is the parser's article decision as JSON (see
	// parsers.Decision); empty for pages that were not parsed.
	Decision string
	// TextChars is the length of the main text the parser found.
	TextChars int
	// Count is how many times the URL has been fetched (read back only).
	Count int
}

// ensureSite inserts a site's row unless it is known to exist: every
// fetch and article names its site, and the row is almost always there
// already (StartRun writes the rows of the sites it crawls).
func (tx conn) ensureSite(ctx context.Context, site, at string) error {
	tx.s.sitesMu.Lock()
	known := tx.s.sites[site]
	tx.s.sitesMu.Unlock()
	if known {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO sites(name, first_seen_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING`, site, at)
	return err
}

func recordFetch(ctx context.Context, tx conn, f Fetch) error {
	var hash any
	if f.ContentHash != "" {
		hash = f.ContentHash
	}
	var run any
	if f.RunID != 0 {
		run = f.RunID
	}
	at := fmtTime(f.FetchedAt)
	if err := tx.ensureSite(ctx, f.Site, at); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO fetches(url, site, run_id, status, fetched_at, first_fetched_at, content_type, etag, last_modified, bytes, is_article, content_hash, error, decision, text_chars)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(url) DO UPDATE SET site = excluded.site, run_id = excluded.run_id, status = excluded.status,
			fetched_at = excluded.fetched_at, fetch_count = fetches.fetch_count + 1, content_type = excluded.content_type,
			etag = excluded.etag, last_modified = excluded.last_modified, bytes = excluded.bytes,
			is_article = excluded.is_article, content_hash = excluded.content_hash, error = excluded.error,
			decision = CASE WHEN excluded.decision = '' AND excluded.status = 304 THEN fetches.decision ELSE excluded.decision END,
			text_chars = CASE WHEN excluded.decision = '' AND excluded.status = 304 THEN fetches.text_chars ELSE excluded.text_chars END`,
		f.URL, f.Site, run, f.Status, at, at, f.ContentType, f.ETag, f.LastModified, f.Bytes, f.IsArticle, hash, f.Err, f.Decision, f.TextChars)
	return err
}

// releaseHeld completes the fetch of a held page with what extraction
// found, and drops its held body.
func releaseHeld(ctx context.Context, tx conn, p Page) error {
	f := p.Fetch
	var hash any
	if f.ContentHash != "" {
		hash = f.ContentHash
	}
	if _, err := tx.ExecContext(ctx, `UPDATE fetches SET is_article = ?, content_hash = ?, error = ?, decision = ?, text_chars = ? WHERE url = ?`,
		f.IsArticle, hash, f.Err, f.Decision, f.TextChars, f.URL); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM held_pages WHERE site = ? AND request_url = ?`, f.Site, p.RequestURL)
	return err
}

// EachFetch calls fn with the latest fetch of every URL of a site ("" : all
// sites), in URL order.
func (s *Store) EachFetch(ctx context.Context, site string, fn func(Fetch) error) error {
	rows, err := s.q().QueryContext(ctx, `SELECT `+fetchColumns+` FROM fetches WHERE ? = '' OR site = ? ORDER BY url`, site, site)
	if err != nil {
		return fmt.Errorf("list fetches: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFetch(rows)
		if err != nil {
			return fmt.Errorf("list fetches: %w", err)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list fetches: %w", err)
	}
	return nil
}

// fetchColumns are the columns scanFetch reads, in its order.
const fetchColumns = `url, site, run_id, status, fetched_at, content_type, etag, last_modified, bytes, is_article,
	content_hash, error, fetch_count, decision, text_chars`

func scanFetch(row interface{ Scan(...any) error }) (Fetch, error) {
	var f Fetch
	var run sql.NullInt64
	var hash sql.NullString
	var at string
	err := row.Scan(&f.URL, &f.Site, &run, &f.Status, &at, &f.ContentType, &f.ETag, &f.LastModified, &f.Bytes, &f.IsArticle, &hash, &f.Err, &f.Count, &f.Decision, &f.TextChars)
	f.RunID, f.ContentHash, f.FetchedAt = run.Int64, hash.String, parseTime(at)
	return f, err
}

// LastFetch returns the latest fetch of a URL; ok is false if it was never
// fetched.
func (s *Store) LastFetch(ctx context.Context, url string) (Fetch, bool, error) {
	m, err := s.LastFetches(ctx, []string{url})
	f, ok := m[url]
	return f, ok, err
}

// LastFetches returns the latest fetch of each of urls that was ever
// fetched, by URL, in one query.
func (s *Store) LastFetches(ctx context.Context, urls []string) (map[string]Fetch, error) {
	out := map[string]Fetch{}
	if len(urls) == 0 {
		return out, nil
	}
	list, err := json.Marshal(urls)
	if err != nil {
		return nil, fmt.Errorf("last fetches: %w", err)
	}
	rows, err := s.r().QueryContext(ctx, `SELECT `+fetchColumns+` FROM fetches WHERE url IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("last fetches: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFetch(rows)
		if err != nil {
			return nil, fmt.Errorf("last fetches: %w", err)
		}
		out[f.URL] = f
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("last fetches: %w", err)
	}
	return out, nil
}

// Page is everything one fetch produced, stored in one transaction so a
// crash never leaves an article stored under a page the frontier still
// thinks unfetched, or the reverse.
type Page struct {
	Fetch Fetch
	// RequestURL is the URL claimed from the frontier, before redirects.
	// It and Fetch.URL are marked done in the site's round.
	RequestURL string
	// Article is the page's article, if it is one.
	Article *Article
	// NotModified: the server answered 304, so the article already stored
	// under Fetch.ContentHash was seen again; only its last_seen_at moves.
	NotModified bool
	// Held: the page was held back (HoldPage) and is stored now: its held
	// body is dropped, and its fetch, recorded then, is completed rather
	// than counted again.
	Held bool
	// Capture, if set, is the WARC record that holds the page's bytes.
	Capture *Capture
	// Visit, if set, is the requested URL's new row in its site's
	// schedule (see Visit).
	Visit *Visit
}

// Capture is where a fetched page's bytes are archived: one WARC record.
type Capture struct {
	RecordID string    `json:"record_id"` // WARC-Record-ID
	File     string    `json:"warc_file"` // file name in the archive directory
	Offset   int64     `json:"warc_offset"`
	Length   int64     `json:"warc_length"`
	Type     string    `json:"record_type"` // response or revisit
	At       time.Time `json:"captured_at"`
}

func recordCapture(ctx context.Context, tx conn, f Fetch, c Capture) error {
	var hash any
	if f.ContentHash != "" {
		hash = f.ContentHash
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO captures(record_id, url, site, content_hash, warc_file, warc_offset, warc_length, record_type, captured_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(record_id) DO UPDATE SET url = excluded.url, site = excluded.site, content_hash = excluded.content_hash`,
		c.RecordID, f.URL, f.Site, hash, c.File, c.Offset, c.Length, c.Type, fmtTime(c.At))
	return err
}

// Captures returns the WARC records that hold an article's source, oldest
// first.
func (s *Store) Captures(ctx context.Context, contentHash string) ([]Capture, error) {
	var out []Capture
	err := s.eachCapture(ctx, `WHERE content_hash = ?`, []any{contentHash}, func(_ string, c Capture) error {
		out = append(out, c)
		return nil
	})
	return out, err
}

// EachCapture calls fn with every page's capture and the page's URL.
func (s *Store) EachCapture(ctx context.Context, fn func(url string, c Capture) error) error {
	return s.eachCapture(ctx, "", nil, fn)
}

func (s *Store) eachCapture(ctx context.Context, where string, args []any, fn func(string, Capture) error) error {
	rows, err := s.q().QueryContext(ctx, `SELECT url, record_id, warc_file, warc_offset, warc_length, record_type, captured_at
		FROM captures `+where+` ORDER BY captured_at, record_id`, args...)
	if err != nil {
		return fmt.Errorf("list captures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Capture
		var url, at string
		if err := rows.Scan(&url, &c.RecordID, &c.File, &c.Offset, &c.Length, &c.Type, &at); err != nil {
			return fmt.Errorf("list captures: %w", err)
		}
		c.At = parseTime(at)
		if err := fn(url, c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list captures: %w", err)
	}
	return nil
}

// SavePage stores a fetch, its article if any, and the frontier's record
// that the page is done, atomically.
func (s *Store) SavePage(ctx context.Context, p Page) (SaveResult, error) {
	result := Unchanged
	err := s.group(ctx, func(tx conn) (err error) {
		result, err = savePage(ctx, tx, p)
		return err
	})
	if err != nil {
		return Unchanged, fmt.Errorf("save page %s: %w", p.Fetch.URL, err)
	}
	return result, nil
}

// SavePages saves pages as SavePage does, all in one write: a site
// releasing the pages it held back costs one commit, not one a page.
// Either every page is saved or, with the error, none.
func (s *Store) SavePages(ctx context.Context, pages []Page) ([]SaveResult, error) {
	results := make([]SaveResult, len(pages))
	err := s.group(ctx, func(tx conn) error {
		for i, p := range pages {
			var err error
			if results[i], err = savePage(ctx, tx, p); err != nil {
				return fmt.Errorf("save page %s: %w", p.Fetch.URL, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// savePage writes a page in a transaction (see SavePage).
func savePage(ctx context.Context, tx conn, p Page) (result SaveResult, err error) {
	if p.Article != nil {
		if result, err = saveArticle(ctx, tx, *p.Article); err != nil {
			return result, err
		}
	}
	if p.NotModified && p.Fetch.ContentHash != "" {
		if err := touchArticle(ctx, tx, p.Fetch.URL, p.Fetch.ContentHash, p.Fetch.Site, fmtTime(p.Fetch.FetchedAt)); err != nil {
			return result, err
		}
	}
	if p.Held {
		if err := releaseHeld(ctx, tx, p); err != nil {
			return result, err
		}
	} else if err := recordFetch(ctx, tx, p.Fetch); err != nil {
		return result, err
	}
	if p.Capture != nil {
		if err := recordCapture(ctx, tx, p.Fetch, *p.Capture); err != nil {
			return result, err
		}
	}
	if p.Visit != nil && p.RequestURL != "" {
		if err := scheduleVisit(ctx, tx, p.Fetch.Site, p.RequestURL, *p.Visit); err != nil {
			return result, err
		}
	}
	if p.RequestURL != "" && !p.Held { // a held page was done when it was held
		return result, markDone(ctx, tx, p.Fetch.Site, p.RequestURL, p.Fetch.URL)
	}
	return result, nil
}

// Article is an article to store.
type Article struct {
	ContentHash string
	Site        string
	URL         string
	Title       string
	Text        string
	PublishedAt *time.Time
	Author      string
	Lang        string
	SeenAt      time.Time
	// Slots are the link slots of the text's paragraphs
	// (parsers.Article.Slots).
	Slots string
	// RunID is the crawl run that found it (0: none).
	RunID int64
}

// SaveResult says what SaveArticle did.
type SaveResult int

const (
	// Unchanged: this text was already stored (from this URL or another).
	Unchanged SaveResult = iota
	// New: a text never stored before, from a URL that had no article.
	New
	// Changed: a text never stored before, from a URL that had another one.
	Changed
)

func (r SaveResult) String() string {
	return [...]string{"unchanged", "new", "changed"}[r]
}

// SaveArticle stores an article once per content hash and records the URL
// where it was seen. Deduplication is the articles primary key and an
// upsert; nothing is scanned.
func (s *Store) SaveArticle(ctx context.Context, a Article) (SaveResult, error) {
	result := Unchanged
	err := s.tx(ctx, func(tx conn) (err error) {
		result, err = saveArticle(ctx, tx, a)
		return err
	})
	if err != nil {
		return Unchanged, fmt.Errorf("save article %s: %w", a.URL, err)
	}
	return result, nil
}

func saveArticle(ctx context.Context, tx conn, a Article) (SaveResult, error) {
	if a.ContentHash == "" {
		return Unchanged, errors.New("empty content hash")
	}
	if a.Lang == "" {
		a.Lang = "vi"
	}
	var published, author any
	if a.PublishedAt != nil {
		published = fmtTime(*a.PublishedAt)
	}
	if a.Author != "" {
		author = a.Author
	}
	at := fmtTime(a.SeenAt)
	if err := tx.ensureSite(ctx, a.Site, at); err != nil {
		return Unchanged, err
	}
	var run any
	if a.RunID > 0 {
		run = a.RunID
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO articles(content_hash, site, url, title, text, published_at, author, lang, chars, first_seen_at, last_seen_at, slots, first_run)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING RETURNING rowid`,
		a.ContentHash, a.Site, a.URL, a.Title, a.Text, published, author, a.Lang, len([]rune(a.Text)), at, at, a.Slots, run).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Unchanged, err
	}
	result := Unchanged
	if err != nil { // no row: the text was stored already
		// Known text: an earlier sighting (a WARC re-extracted after a
		// crawl) becomes its first.
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET site = ?, url = ?, first_seen_at = ? WHERE content_hash = ? AND first_seen_at > ?`,
			a.Site, a.URL, at, a.ContentHash, at); err != nil {
			return Unchanged, err
		}
	} else {
		result = New
		if err := indexArticle(ctx, tx, id, a.Title, a.Text); err != nil {
			return Unchanged, err
		}
		var others int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM article_urls WHERE url = ? AND content_hash <> ?`, a.URL, a.ContentHash).Scan(&others); err != nil {
			return Unchanged, err
		}
		if others > 0 {
			result = Changed
		}
		// Just stored, seen now: only the URL is left to record.
		return result, seenAt(ctx, tx, a.URL, a.ContentHash, a.Site, at)
	}
	return result, touchArticle(ctx, tx, a.URL, a.ContentHash, a.Site, at)
}

// touchArticle records that the article with this hash was seen at url at
// the given time: last_seen_at moves, nothing else does.
func touchArticle(ctx context.Context, tx conn, url, hash, site, at string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET last_seen_at = greatest(last_seen_at, ?) WHERE content_hash = ?`, at, hash); err != nil {
		return err
	}
	return seenAt(ctx, tx, url, hash, site, at)
}

// seenAt records that the article with this hash was seen at url.
func seenAt(ctx context.Context, tx conn, url, hash, site, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO article_urls(url, content_hash, site, first_seen_at, last_seen_at)
		SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE content_hash = ?)
		ON CONFLICT(url, content_hash) DO UPDATE SET first_seen_at = least(article_urls.first_seen_at, excluded.first_seen_at),
			last_seen_at = greatest(article_urls.last_seen_at, excluded.last_seen_at), revised_to = NULL`,
		url, hash, site, at, at, hash)
	return err
}

// Record is one stored article as exported.
type Record struct {
	ContentHash string
	Site        string
	URL         string
	URLs        []string
	Title       string
	PublishedAt *time.Time
	Author      *string
	Text        string
	Lang        string
	FirstSeenAt time.Time
	LastSeenAt  time.Time
}

// Filter selects articles.
type Filter struct {
	Sites []string // articles seen on any of these sites; none means all
	// Since and Until bound the article's date: published_at, or
	// first_seen_at when it has none. Since is inclusive, Until exclusive.
	Since, Until *time.Time
	MinChars     int // articles of at least this many characters
	// FirstSeenSince selects by discovery: articles first seen at or
	// after it; FirstRun, those first stored by that crawl run.
	FirstSeenSince *time.Time
	FirstRun       int64
}

// EachArticle calls fn for every article, ordered by first_seen_at then
// content_hash, streaming rows: memory does not grow with the database.
func (s *Store) EachArticle(ctx context.Context, f Filter, fn func(Record) error) error {
	urls := `(SELECT json_group_array(url) FROM (SELECT DISTINCT url FROM article_urls u WHERE u.content_hash = a.content_hash AND u.revised_to IS NULL ORDER BY url))`
	if s.dialect.pg {
		urls = `coalesce((SELECT json_agg(url ORDER BY url) FROM (SELECT DISTINCT url FROM article_urls u WHERE u.content_hash = a.content_hash AND u.revised_to IS NULL) d), '[]')`
	}
	query := `SELECT a.content_hash, a.site, a.url, a.title, a.published_at, a.author, a.text, a.lang, a.first_seen_at, a.last_seen_at,
		` + urls + ` FROM articles a`
	where, args := f.conditions()
	query += ` WHERE ` + strings.Join(where, " AND ")
	query += ` ORDER BY a.first_seen_at, a.content_hash`
	rows, err := s.q().QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("query articles: %w", err)
	}
	return scanRecords(rows, fn)
}

// conditions are the filter's WHERE conditions on articles a, with the
// values they bind in order: the current versions (a version the site
// model revised is replaced by its revision), then each filter set.
// Stored times are RFC 3339 in +07:00, so they compare as text.
func (f Filter) conditions() (where []string, args []any) {
	where = []string{`EXISTS (SELECT 1 FROM article_urls u WHERE u.content_hash = a.content_hash AND u.revised_to IS NULL)`}
	if len(f.Sites) > 0 {
		where = append(where, `a.content_hash IN (SELECT content_hash FROM article_urls WHERE site IN (?`+strings.Repeat(", ?", len(f.Sites)-1)+`))`)
		for _, site := range f.Sites {
			args = append(args, site)
		}
	}
	if f.Since != nil {
		where, args = append(where, `coalesce(a.published_at, a.first_seen_at) >= ?`), append(args, fmtTime(*f.Since))
	}
	if f.Until != nil {
		where, args = append(where, `coalesce(a.published_at, a.first_seen_at) < ?`), append(args, fmtTime(*f.Until))
	}
	if f.MinChars > 0 {
		where, args = append(where, `a.chars >= ?`), append(args, f.MinChars)
	}
	if f.FirstSeenSince != nil {
		where, args = append(where, `a.first_seen_at >= ?`), append(args, fmtTime(*f.FirstSeenSince))
	}
	if f.FirstRun > 0 {
		where, args = append(where, `a.first_run = ?`), append(args, f.FirstRun)
	}
	return where, args
}

// setTimes sets a record's optional and time columns as stored.
func (r *Record) setTimes(published, author sql.NullString, first, last string) {
	if published.Valid {
		t := parseTime(published.String)
		r.PublishedAt = &t
	}
	if author.Valid {
		r.Author = &author.String
	}
	r.FirstSeenAt, r.LastSeenAt = parseTime(first), parseTime(last)
}

// scanRecords reads EachArticle's rows (either backend's) into records.
func scanRecords(rows *sql.Rows, fn func(Record) error) error {
	defer rows.Close()
	for rows.Next() {
		var r Record
		var published, author sql.NullString
		var first, last, urls string
		if err := rows.Scan(&r.ContentHash, &r.Site, &r.URL, &r.Title, &published, &author, &r.Text, &r.Lang, &first, &last, &urls); err != nil {
			return fmt.Errorf("read article: %w", err)
		}
		r.setTimes(published, author, first, last)
		if err := json.Unmarshal([]byte(urls), &r.URLs); err != nil {
			return fmt.Errorf("read article urls: %w", err)
		}
		sort.Strings(r.URLs)
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	return nil
}

// SiteStats are one site's totals.
type SiteStats struct {
	Site      string     `json:"site"`
	Articles  int        `json:"articles"`
	URLs      int        `json:"article_urls"`
	Pages     int        `json:"pages_fetched"`
	Errors    int        `json:"fetch_errors"`
	LastRunAt *time.Time `json:"last_run_at"`
}

// Stats are the database's totals.
type Stats struct {
	Articles      int         `json:"articles"`
	ArticleURLs   int         `json:"article_urls"`
	Pages         int         `json:"pages_fetched"`
	Runs          int         `json:"runs"`
	SchemaVersion int         `json:"schema_version"`
	Sites         []SiteStats `json:"sites"`
	LastRun       *Run        `json:"last_run"`
}

// SiteStats are one site's figures, each read through an index (Stats
// counts every table): its current articles (those a site listing shows:
// seen on the site, not replaced by a revision), the URLs they were seen
// at, its fetches and failed ones, its last run. ok is false for a site
// the archive does not know.
func (s *Store) SiteStats(ctx context.Context, site string) (st SiteStats, ok bool, err error) {
	st.Site = site
	var last sql.NullString
	err = s.r().QueryRowContext(ctx, `SELECT last_run_at FROM sites WHERE name = ?`, site).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return st, false, nil
	}
	if err != nil {
		return st, false, fmt.Errorf("site stats: %w", err)
	}
	if last.Valid {
		t := parseTime(last.String)
		st.LastRunAt = &t
	}
	where, args := Filter{Sites: []string{site}}.conditions()
	for _, q := range []struct {
		sql  string
		args []any
		dest []any
	}{
		{`SELECT count(*) FROM articles a WHERE ` + strings.Join(where, " AND "), args, []any{&st.Articles}},
		{`SELECT count(*) FROM article_urls WHERE site = ?`, []any{site}, []any{&st.URLs}},
		{`SELECT count(*), count(*) FILTER (WHERE error <> '' OR status >= 400) FROM fetches WHERE site = ?`, []any{site}, []any{&st.Pages, &st.Errors}},
	} {
		if err := s.r().QueryRowContext(ctx, q.sql, q.args...).Scan(q.dest...); err != nil {
			return st, false, fmt.Errorf("site stats: %w", err)
		}
	}
	return st, true, nil
}

// ArticleCount is how many articles (texts) the archive holds.
func (s *Store) ArticleCount(ctx context.Context) (int, error) {
	var n int
	if err := s.q().QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// Stats reports totals per site and the last run.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.q().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_urls),
		(SELECT count(*) FROM fetches), (SELECT count(*) FROM crawl_runs), (SELECT coalesce(max(version),0) FROM schema_migrations)`).
		Scan(&st.Articles, &st.ArticleURLs, &st.Pages, &st.Runs, &st.SchemaVersion)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	// Per site: one pass over each table, grouped (a correlated count per
	// site would scan the articles once per site: hours with 10,000 sites).
	type siteCounts struct{ articles, urls, pages, errors int }
	counts := map[string]*siteCounts{}
	at := func(site string) *siteCounts {
		c := counts[site]
		if c == nil {
			c = &siteCounts{}
			counts[site] = c
		}
		return c
	}
	for _, q := range []struct {
		sql string
		set func(c *siteCounts, n int)
	}{
		{`SELECT site, count(*) FROM articles GROUP BY site`, func(c *siteCounts, n int) { c.articles = n }},
		{`SELECT site, count(*) FROM article_urls GROUP BY site`, func(c *siteCounts, n int) { c.urls = n }},
		{`SELECT site, count(*), count(*) FILTER (WHERE error <> '' OR status >= 400) FROM fetches GROUP BY site`, nil},
	} {
		rows, err := s.q().QueryContext(ctx, q.sql)
		if err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		for rows.Next() {
			var site string
			var n, errs int
			dest := []any{&site, &n}
			if q.set == nil {
				dest = append(dest, &errs)
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return st, fmt.Errorf("stats: %w", err)
			}
			if q.set == nil {
				at(site).pages, at(site).errors = n, errs
			} else {
				q.set(at(site), n)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
	}
	rows, err := s.q().QueryContext(ctx, `SELECT name, last_run_at FROM sites ORDER BY name`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ss SiteStats
		var last sql.NullString
		if err := rows.Scan(&ss.Site, &last); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		if c := counts[ss.Site]; c != nil {
			ss.Articles, ss.URLs, ss.Pages, ss.Errors = c.articles, c.urls, c.pages, c.errors
		}
		if last.Valid {
			t := parseTime(last.String)
			ss.LastRunAt = &t
		}
		st.Sites = append(st.Sites, ss)
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	rows.Close()
	var r Run
	var started string
	var finished, summary sql.NullString
	err = s.q().QueryRowContext(ctx, `SELECT id, started_at, finished_at, status, summary FROM crawl_runs ORDER BY id DESC LIMIT 1`).
		Scan(&r.ID, &started, &finished, &r.Status, &summary)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return st, fmt.Errorf("stats: %w", err)
	default:
		r.StartedAt = parseTime(started)
		if finished.Valid {
			t := parseTime(finished.String)
			r.FinishedAt = &t
		}
		if summary.Valid {
			json.Unmarshal([]byte(summary.String), &r.Sites)
		}
		st.LastRun = &r
	}
	return st, nil
}

// AbortStaleRuns marks runs still "running" as "aborted": their process
// died (kill -9, power loss) without finishing them. On SQLite only call
// it while holding the database's crawl lock, when no other run can be
// live; on PostgreSQL it leaves the runs of live workers alone.
func (s *Store) AbortStaleRuns(ctx context.Context) (int, error) {
	query := `UPDATE crawl_runs SET status = 'aborted' WHERE status = 'running'`
	if s.dialect.pg {
		query += workerRunsCondition
	}
	res, err := s.q().ExecContext(ctx, query)
	if err != nil {
		return 0, fmt.Errorf("abort stale runs: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// RunRow is one run as listed by Runs.
type RunRow struct {
	Run
	PagesFetched    int      `json:"pages_fetched"`
	ArticlesNew     int      `json:"articles_new"`
	ArticlesChanged int      `json:"articles_changed"`
	ArticlesSeen    int      `json:"articles_seen"`
	Errors          int      `json:"errors"`
	SiteNames       []string `json:"site_names"`
	Worker          string   `json:"worker,omitempty"` // the process that ran it
}

// Runs lists the latest runs, newest first; limit <= 0 lists them all.
func (s *Store) Runs(ctx context.Context, limit int) ([]RunRow, error) {
	query := `SELECT id, started_at, finished_at, status, sites, pages_fetched, articles_new,
		articles_changed, articles_seen, errors, summary, worker FROM crawl_runs ORDER BY id DESC`
	var args []any
	if limit > 0 {
		query += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.q().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	defer rows.Close()
	var out []RunRow
	for rows.Next() {
		var r RunRow
		var started, names string
		var finished, summary sql.NullString
		if err := rows.Scan(&r.ID, &started, &finished, &r.Status, &names, &r.PagesFetched, &r.ArticlesNew,
			&r.ArticlesChanged, &r.ArticlesSeen, &r.Errors, &summary, &r.Worker); err != nil {
			return nil, fmt.Errorf("list runs: %w", err)
		}
		r.StartedAt = parseTime(started)
		if finished.Valid {
			t := parseTime(finished.String)
			r.FinishedAt = &t
		}
		json.Unmarshal([]byte(names), &r.SiteNames)
		if summary.Valid {
			json.Unmarshal([]byte(summary.String), &r.Sites)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	return out, nil
}
