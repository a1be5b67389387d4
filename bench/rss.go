package bench

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// PeakRSS is a live process's peak resident set in bytes (pid 0: this
// process), read from VmHWM in /proc/PID/status; ok is false where there is
// no such file. It is the process's own: getrusage's ru_maxrss is not, for
// a child Go starts with vfork (exec carries the parent's peak over).
func PeakRSS(pid int) (int64, bool) {
	v, ok := procValue(procPath(pid, "status"), "VmHWM:")
	if !ok {
		return 0, false
	}
	kb, err := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64)
	return kb << 10, err == nil
}

// WrittenBytes is how many bytes a live process has handed to write(2),
// pwrite(2) and the like so far (pid 0: this process): wchar in
// /proc/PID/io. For a crawl that is mostly its database's WAL and the
// checkpoints that copy it into the database (its HTTP requests are a few
// hundred bytes each), so over the pages fetched it measures the store's
// write amplification. ok is false where there is no such file.
func WrittenBytes(pid int) (int64, bool) {
	v, ok := procValue(procPath(pid, "io"), "wchar:")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// procPath is a file of /proc/PID (pid 0: /proc/self).
func procPath(pid int, file string) string {
	if pid > 0 {
		return fmt.Sprintf("/proc/%d/%s", pid, file)
	}
	return "/proc/self/" + file
}

// procValue is the value of the line of a /proc file that starts with
// key ("VmHWM:"), trimmed.
func procValue(path, key string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key); ok {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// watchPeakRSS polls a child's VmHWM every 10 ms until stop, which returns
// the last reading: the peak up to at most 10 ms before the child exited.
func watchPeakRSS(pid int) (stop func() int64) {
	var peak atomic.Int64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			if v, ok := PeakRSS(pid); ok && v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		<-finished
		return peak.Load()
	}
}

// childCPU is a finished child's user + system time, in seconds.
func childCPU(ps *os.ProcessState) float64 {
	if ps == nil {
		return 0
	}
	return (ps.UserTime() + ps.SystemTime()).Seconds()
}
