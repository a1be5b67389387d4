package storage

import (
	"errors"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// PostgreSQL's SQLSTATEs that say "not now".
const (
	pgSerialization  = "40001" // serialization_failure
	pgDeadlock       = "40P01" // deadlock_detected
	pgTooManyClients = "53300" // too_many_connections
	pgCannotConnect  = "57P03" // cannot_connect_now (starting up, shutting down)
)

// isConflict reports a PostgreSQL transaction that lost to another
// (deadlock, serialization): running it again succeeds.
func isConflict(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == pgSerialization || pe.Code == pgDeadlock)
}

// SQLite's primary result codes that say "not now" rather than "never".
const (
	sqliteBusy     = 5  // SQLITE_BUSY: another connection holds the lock past the busy timeout
	sqliteLocked   = 6  // SQLITE_LOCKED
	sqliteNoMem    = 7  // SQLITE_NOMEM
	sqliteIOErr    = 10 // SQLITE_IOERR (with ENFILE/EMFILE behind it)
	sqliteCantOpen = 14 // SQLITE_CANTOPEN: often no file descriptor left
)

// IsTransient reports a store error that says the database cannot be used
// right now (busy past its timeout, or the process out of file
// descriptors or memory; PostgreSQL out of reach or out of connections,
// or a transaction that kept losing to other workers'), so that a crawl defers the site instead of
// failing it.
func IsTransient(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
		return true
	}
	var ce *pgconn.ConnectError // PostgreSQL out of reach: restarting, or failing over
	if errors.As(err, &ce) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case pgSerialization, pgDeadlock, pgTooManyClients, pgCannotConnect:
			return true
		}
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // extended codes keep the primary in their low byte
		case sqliteBusy, sqliteLocked, sqliteNoMem, sqliteCantOpen:
			return true
		case sqliteIOErr:
			return false // a real I/O error is not transient
		}
	}
	return false
}
