//go:build !unix

package storage

import (
	"errors"
	"os"
)

// tryLock: wardcrawl's crawl lock uses flock(2); on systems without it the
// lock cannot be taken, and a crawl says so instead of running unprotected.
func tryLock(*os.File) (bool, error) {
	return false, errors.New("crawl lock is only supported on Unix systems")
}
