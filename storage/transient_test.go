package storage

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestIsTransient(t *testing.T) {
	if !IsTransient(fmt.Errorf("save page: %w", syscall.EMFILE)) || IsTransient(errors.New("constraint failed")) || IsTransient(nil) {
		t.Error("plain errors")
	}
	// A real busy database: a second writer holds the lock past the timeout.
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	a, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO sites(name, first_seen_at) VALUES ('x', '2020-01-01T00:00:00+07:00')`); err != nil {
		t.Fatal(err)
	}
	_, err = b.SaveArticle(ctx, art("h", "y", "http://y/", t0))
	if err == nil || !IsTransient(err) {
		t.Errorf("busy database: %v, transient %v", err, IsTransient(err))
	}
}

// PostgreSQL out of reach (a restart, a fail-over) is transient: the crawl
// defers its sites rather than failing them.
func TestPostgresOutOfReachIsTransient(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	_, err = Open(context.Background(), "postgres://wardcrawl@"+addr+"/archive?connect_timeout=2&sslmode=disable", Options{})
	if err == nil || !IsTransient(err) {
		t.Errorf("%v: transient %v", err, IsTransient(err))
	}
}
