package storage

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/pgtest"
)

// The store suite runs on both backends, as a table (shiori's way): a
// test wrapped in eachBackend runs once on SQLite and once on PostgreSQL,
// and open gives it the store of the backend it runs on. Without
// PostgreSQL the second run skips (fails under WARDCRAWL_REQUIRE_POSTGRES).

// onPostgres holds the subtests running on PostgreSQL.
var onPostgres sync.Map // *testing.T → bool

// eachBackend runs test on SQLite, then on PostgreSQL.
func eachBackend(t *testing.T, test func(t *testing.T)) {
	t.Helper()
	t.Run("sqlite", test)
	t.Run("postgres", func(t *testing.T) {
		pgtest.Shared(t)
		onPostgres.Store(t, true)
		t.Cleanup(func() { onPostgres.Delete(t) })
		test(t)
	})
}

// open opens an empty store on the test's backend.
func open(t *testing.T) *Store {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "sub", "w.db")
	if _, pg := onPostgres.Load(t); pg {
		dsn = pgtest.Shared(t).NewDatabase(t)
	}
	s, err := Open(context.Background(), dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
