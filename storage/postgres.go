package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// PostgreSQL: the same Store, its statements rewritten for PostgreSQL
// (dialect.go), its schema in migrations_pg. Many processes may write to
// one database at once (workers): a transaction that loses a deadlock or
// a serialization conflict to another's is run again (Store.tx).

//go:embed migrations_pg/*.sql
var pgMigrationFS embed.FS

// IsPostgresURL reports whether a --db value names a PostgreSQL database.
func IsPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// RedactURL is a database URL without its password, for messages.
func RedactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// pgConns bounds a process's connections to PostgreSQL: the group
// commit's writer and the crawl's readers.
const pgConns = 8

// openPostgres connects to a PostgreSQL database and brings wardcrawl's
// schema up to date in it. ReadOnly connects with every transaction
// read-only and writes nothing (no migration): a role with SELECT alone
// serves and exports the archive.
func openPostgres(ctx context.Context, dsn string, opt Options) (*Store, error) {
	conn := dsn
	if opt.ReadOnly {
		u, err := url.Parse(dsn)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", RedactURL(dsn), err)
		}
		q := u.Query()
		q.Set("default_transaction_read_only", "on") // a run-time parameter of each connection
		u.RawQuery = q.Encode()
		conn = u.String()
	}
	db, err := sql.Open("pgx", conn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", RedactURL(dsn), err)
	}
	db.SetMaxOpenConns(pgConns)
	db.SetMaxIdleConns(pgConns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", RedactURL(dsn), err)
	}
	s := &Store{db: db, rdb: db, path: RedactURL(dsn), url: dsn, sites: map[string]bool{}, log: opt.Log}
	s.dialect.pg = true
	if opt.ReadOnly {
		if err := s.checkSchemaPG(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", RedactURL(dsn), err)
		}
		return s, nil
	}
	if err := s.migratePG(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", RedactURL(dsn), err)
	}
	return s, nil
}

// checkSchemaPG checks, writing nothing, that the database holds
// wardcrawl's schema at this wardcrawl's version.
func (s *Store) checkSchemaPG(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe) && pe.Code == "42P01": // undefined_table
		return errors.New("not a wardcrawl database (no schema_migrations table): `wardcrawl migrate` or a crawl creates one")
	case err != nil:
		return err
	}
	return schemaReadable(v, newestMigration(pgMigrationFS, "migrations_pg"))
}

// IsPostgres reports whether the store is in PostgreSQL.
func (s *Store) IsPostgres() bool { return s.dialect.pg }

// pgMigrationLock is the advisory lock a process holds while it
// migrates (and indexes a migrated archive for search): workers starting
// at once on a new database would otherwise race to create the same
// tables.
const pgMigrationLock = 0x77617264 // "ward"

func (s *Store) migratePG(ctx context.Context) error {
	c, err := s.db.Conn(ctx) // the advisory lock is the session's
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, pgMigrationLock); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer c.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, pgMigrationLock)
	if err := s.applyMigrations(ctx, c, pgMigrationFS, "migrations_pg"); err != nil {
		return err
	}
	// Still alone: a migrated archive's articles are indexed once.
	return s.backfillSearch(ctx)
}

// migratedTables are the tables an archive copies, parents before the
// tables that refer to them, each with its primary key (the order rows
// are compared in).
var migratedTables = []struct{ name, key string }{
	{"sites", "name"},
	{"crawl_runs", "id"},
	{"articles", "content_hash"},
	{"article_urls", "url, content_hash"},
	{"fetches", "url"},
	{"captures", "record_id"},
	{"frontier", "id"},
	{"cookies", "site, host"},
	{"site_models", "site"},
	{"site_blocks", "site, key"},
	{"site_paths", "site, path"},
	{"held_pages", "site, request_url"},
	{"schedule", "site, url"},
	{"alert_deliveries", "alert, run_id"},
}

// TableCheck is one table's copy: rows on each side and whether their
// contents hash the same.
type TableCheck struct {
	Table   string `json:"table"`
	Rows    int    `json:"rows"`
	Copied  int    `json:"copied"`
	Hash    string `json:"sha256"`
	Matches bool   `json:"matches"`
}

// MigrateToPostgres copies an archive from SQLite into an empty
// PostgreSQL database, every table in one transaction, then reads both
// back and compares each table's rows and a hash of their contents. The
// store must not be crawled meanwhile (the caller holds its crawl lock).
func MigrateToPostgres(ctx context.Context, from *Store, to *Store, progress func(table string, rows int)) ([]TableCheck, error) {
	conn, err := pgx.Connect(ctx, to.url)
	if err != nil {
		return nil, fmt.Errorf("migrate: connect to %s: %w", to.Path(), err)
	}
	defer conn.Close(ctx)
	for _, t := range migratedTables {
		var n int64
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+t.name).Scan(&n); err != nil {
			return nil, fmt.Errorf("migrate: %s: %w", t.name, err)
		}
		if n > 0 {
			return nil, fmt.Errorf("migrate: %s already holds %d rows in %s: migrate copies into an empty database", t.name, n, to.Path())
		}
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback(ctx)
	var checks []TableCheck
	for _, t := range migratedTables {
		cols, blob, _, err := from.columns(ctx, t.name)
		if err != nil {
			return nil, err
		}
		rows, err := from.db.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+t.name)
		if err != nil {
			return nil, fmt.Errorf("migrate: read %s: %w", t.name, err)
		}
		src := &sqlRows{rows: rows, vals: make([]any, len(cols)), blob: blob}
		n, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, cols, src)
		rows.Close()
		if err == nil {
			err = src.err
		}
		if err != nil {
			return nil, fmt.Errorf("migrate: copy %s: %w", t.name, err)
		}
		checks = append(checks, TableCheck{Table: t.name, Copied: int(n)})
		if progress != nil {
			progress(t.name, int(n))
		}
	}
	// The ids the database gives next come after the copied ones; the
	// copied articles are to be indexed for search (below).
	for _, q := range []string{
		`SELECT setval(pg_get_serial_sequence('crawl_runs', 'id'), coalesce(max(id), 0) + 1, false) FROM crawl_runs`,
		`SELECT setval(pg_get_serial_sequence('frontier', 'id'), coalesce(max(id), 0) + 1, false) FROM frontier`,
		`UPDATE search_state SET backfilled = 0`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("migrate: commit: %w", err)
	}
	// The copied articles go into the search index now: the commands
	// that only read it never write.
	if err := to.backfillSearch(ctx); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	// Verify: both sides read back in key order, hashed.
	bad := []string{}
	for i, t := range migratedTables {
		cols, blob, text, _ := from.columns(ctx, t.name)
		want, wn, err := tableHash(ctx, from.db, t.name, cols, blob, t.key, nil)
		if err != nil {
			return checks, err
		}
		got, gn, err := tableHash(ctx, to.db, t.name, cols, blob, t.key, text)
		if err != nil {
			return checks, err
		}
		checks[i].Rows, checks[i].Hash, checks[i].Matches = wn, want, want == got && wn == gn && checks[i].Copied == wn
		if !checks[i].Matches {
			bad = append(bad, fmt.Sprintf("%s (%d rows, %d copied, %d read back)", t.name, wn, checks[i].Copied, gn))
		}
	}
	if len(bad) > 0 {
		return checks, fmt.Errorf("migrate: %s differ after the copy: %s", to.Path(), strings.Join(bad, "; "))
	}
	return checks, nil
}

// columns are a table's columns in SQLite, and which hold bytes (an
// empty BLOB reads back as NULL from SQLite: it is copied as empty).
func (s *Store) columns(ctx context.Context, table string) (cols []string, blob []bool, text map[string]bool, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("migrate: columns of %s: %w", table, err)
	}
	defer rows.Close()
	text = map[string]bool{}
	for rows.Next() {
		var c, typ string
		if err := rows.Scan(&c, &typ); err != nil {
			return nil, nil, nil, err
		}
		cols, blob = append(cols, c), append(blob, typ == "BLOB")
		text[c] = typ == "TEXT"
	}
	if len(cols) == 0 {
		return nil, nil, nil, fmt.Errorf("migrate: no table %s", table)
	}
	return cols, blob, text, rows.Err()
}

// sqlRows feeds database/sql rows to CopyFrom.
type sqlRows struct {
	rows *sql.Rows
	vals []any
	blob []bool
	err  error
}

func (r *sqlRows) Next() bool {
	if !r.rows.Next() {
		r.err = r.rows.Err()
		return false
	}
	ptrs := make([]any, len(r.vals))
	for i := range r.vals {
		ptrs[i] = &r.vals[i]
	}
	if err := r.rows.Scan(ptrs...); err != nil {
		r.err = err
		return false
	}
	for i, v := range r.vals {
		if b, ok := v.([]byte); r.blob[i] && (v == nil || ok && b == nil) {
			r.vals[i] = []byte{}
		}
	}
	return true
}

func (r *sqlRows) Values() ([]any, error) { return r.vals, nil }
func (r *sqlRows) Err() error             { return r.err }

// tableHash hashes a table's rows in key order, each value in a form both
// databases give alike (numbers in decimal, text as is, bytes in hex,
// NULL apart).
// collate names the text columns to order byte by byte (PostgreSQL's
// collation may not); nil for SQLite, which does.
func tableHash(ctx context.Context, db *sql.DB, table string, cols []string, blob []bool, key string, collate map[string]bool) (string, int, error) {
	var order []string
	for _, k := range strings.Split(key, ", ") {
		if collate[k] {
			k += ` COLLATE "C"`
		}
		order = append(order, k)
	}
	rows, err := db.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+table+` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return "", 0, fmt.Errorf("migrate: verify %s: %w", table, err)
	}
	defer rows.Close()
	h := sha256.New()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return "", 0, fmt.Errorf("migrate: verify %s: %w", table, err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); blob[i] && (v == nil || ok && b == nil) {
				v = []byte{}
			}
			switch v := v.(type) {
			case nil:
				h.Write([]byte{0})
			case []byte:
				fmt.Fprintf(h, "b%x\x01", v)
			case string:
				fmt.Fprintf(h, "s%s\x01", v)
			case int64:
				fmt.Fprintf(h, "i%d\x01", v)
			case int32:
				fmt.Fprintf(h, "i%d\x01", v)
			case float64:
				fmt.Fprintf(h, "f%v\x01", v)
			case bool:
				fmt.Fprintf(h, "t%v\x01", v)
			default:
				return "", 0, fmt.Errorf("migrate: verify %s: a value of type %T", table, v)
			}
		}
		h.Write([]byte{'\n'})
		n++
	}
	if err := rows.Err(); err != nil {
		return "", 0, fmt.Errorf("migrate: verify %s: %w", table, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// ErrNotPostgres: a command that needs PostgreSQL was given something else.
var ErrNotPostgres = errors.New("not a postgres:// URL")
