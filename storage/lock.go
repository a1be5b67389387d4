package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrLocked is returned by Lock when another process holds the crawl lock.
var ErrLocked = errors.New("locked by another process")

// LockError says who holds the lock.
type LockError struct {
	Path   string // the lock file
	What   string // what is locked: "database", "archive directory"
	Holder string // what the holder wrote: pid and start time
}

func (e *LockError) Error() string {
	msg := fmt.Sprintf("%s: %s %v", e.Path, e.What, ErrLocked)
	if e.Holder != "" {
		msg += " (" + e.Holder + ")"
	}
	return msg
}

func (e *LockError) Unwrap() error { return ErrLocked }

// CrawlLock is the exclusive right to crawl into one database. It is an
// advisory lock on DB.lock held by the open file, so the kernel releases
// it when the process dies, kill -9 included: there is no stale lock.
type CrawlLock struct{ f *os.File }

// LockPath is the lock file for a database.
func LockPath(db string) string { return db + ".lock" }

// Lock takes the crawl lock of the database at db. Without wait it fails
// at once with a *LockError when another process holds it; with wait it
// polls until the lock is free or ctx ends.
func Lock(ctx context.Context, db string, wait bool) (*CrawlLock, error) {
	return lockFile(ctx, LockPath(db), "database", wait)
}

// LockDir takes the lock of an output directory (archive's WARC files), so
// two processes never write into one: DIR/.wardcrawl.lock, with the same
// semantics as Lock.
func LockDir(ctx context.Context, dir string, wait bool) (*CrawlLock, error) {
	return lockFile(ctx, filepath.Join(dir, ".wardcrawl.lock"), "archive directory", wait)
}

func lockFile(ctx context.Context, path, what string, wait bool) (*CrawlLock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if ok {
			break
		}
		if !wait {
			holder, _ := os.ReadFile(path)
			f.Close()
			return nil, &LockError{Path: path, What: what, Holder: strings.TrimSpace(string(holder))}
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
	f.Truncate(0)
	fmt.Fprintf(f, "pid %d since %s", os.Getpid(), time.Now().In(vietnam).Format(time.RFC3339))
	return &CrawlLock{f: f}, nil
}

// Unlock releases the lock.
func (l *CrawlLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := l.f.Close() // closing the file releases the lock
	l.f = nil
	return err
}
