// Package pgtest starts a throwaway PostgreSQL server for tests, as
// issue 21 asks: Debian's postgresql binaries, initdb into a temporary
// directory, the server listening on a Unix socket in that directory only
// (no TCP port), a fresh database per test, the server stopped when the
// test binary ends. Without PostgreSQL installed the tests that need it
// skip, unless WARDCRAWL_REQUIRE_POSTGRES is set (.ci/run sets it): then
// they fail.
//
// PostgreSQL refuses to run as root; as root the server runs as the
// postgres user the Debian package creates.
package pgtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a running throwaway server.
type Server struct {
	dir  string // data directory and socket directory's parent
	sock string // the socket's directory
	bin  string
	as   string // the OS user the server runs as ("" : this one)
	user string // the database superuser
	n    atomic.Int64
}

var (
	once    sync.Once
	shared  *Server
	sharedE error
)

// bindir finds the server's binaries: on PATH, else the newest Debian
// install.
func bindir() string {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d
		}
	}
	return ""
}

// Required reports whether tests must have PostgreSQL.
func Required() bool { return os.Getenv("WARDCRAWL_REQUIRE_POSTGRES") != "" }

// Shared returns the test binary's server, started on first use; it
// skips the test (or fails it, when required) without PostgreSQL.
func Shared(t testing.TB) *Server {
	t.Helper()
	once.Do(func() { shared, sharedE = start() })
	if sharedE != nil {
		if Required() {
			t.Fatalf("PostgreSQL is required (WARDCRAWL_REQUIRE_POSTGRES): %v", sharedE)
		}
		t.Skipf("no PostgreSQL: %v", sharedE)
	}
	return shared
}

func start() (*Server, error) {
	bin := bindir()
	if bin == "" {
		return nil, fmt.Errorf("no pg_ctl on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
	}
	dir, err := os.MkdirTemp("", "wardcrawl-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, sock: filepath.Join(dir, "sock"), bin: bin, user: "wardcrawl"}
	if os.Getuid() == 0 {
		s.as = "postgres"
		u, err := user.Lookup(s.as)
		if err != nil {
			return nil, fmt.Errorf("running as root, and there is no postgres user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chmod(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	if err := s.run("mkdir", "-p", s.sock); err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := s.run(filepath.Join(bin, "initdb"), "-D", data, "-U", s.user, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, fmt.Errorf("initdb: %w", err)
	}
	opts := fmt.Sprintf("-c listen_addresses='' -k %s -c fsync=off -c max_connections=200", s.sock)
	if err := s.run(filepath.Join(bin, "pg_ctl"), "-D", data, "-o", opts, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		return nil, fmt.Errorf("pg_ctl start: %w\n%s", err, log)
	}
	return s, nil
}

// run runs a command as the server's user.
func (s *Server) run(name string, args ...string) error {
	if s.as != "" {
		args = append([]string{"-u", s.as, "--", name}, args...)
		name = "runuser"
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// Stop stops the shared server and removes its directory (TestMain calls
// it after the tests).
func Stop() {
	if shared == nil {
		return
	}
	shared.run(filepath.Join(shared.bin, "pg_ctl"), "-D", filepath.Join(shared.dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(shared.dir)
}

// URL is the connection URL of a database of the server.
func (s *Server) URL(db string) string {
	return fmt.Sprintf("postgres://%s@/%s?host=%s&sslmode=disable", s.user, db, s.sock)
}

// NewDatabase creates a database for one test and returns its URL; it is
// dropped when the test ends.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), s.n.Add(1))
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), s.URL("postgres"))
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return s.URL(name)
}
