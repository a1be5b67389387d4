package pgtest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// The server listens on a Unix socket only; each test gets a database of
// its own, empty, and writable.
func TestServerAndDatabases(t *testing.T) {
	s := Shared(t)
	ctx := context.Background()
	a, b := s.NewDatabase(t), s.NewDatabase(t)
	if a == b || !strings.Contains(a, "host="+s.sock) {
		t.Fatalf("URLs %q %q", a, b)
	}
	c, err := pgx.Connect(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var listen, version string
	if err := c.QueryRow(ctx, `SHOW listen_addresses`).Scan(&listen); err != nil || listen != "" {
		t.Errorf("listen_addresses %q (%v): the server must not listen on TCP", listen, err)
	}
	if _, err := c.Exec(ctx, `CREATE TABLE x (v text); INSERT INTO x VALUES ('Thu hồi đất')`); err != nil {
		t.Fatal(err)
	}
	c.QueryRow(ctx, `SELECT v FROM x`).Scan(&version)
	if version != "Thu hồi đất" {
		t.Errorf("read back %q", version)
	}
	c2, err := pgx.Connect(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close(ctx)
	var n int
	if err := c2.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE tablename = 'x'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the second database sees the first's table: %d %v", n, err)
	}
}
