package bench

import (
	"os"
	"path/filepath"
	"testing"
)

// procValue reads the line of a /proc file that starts with its key,
// trimmed, and says when there is none or no file.
func TestProcValue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "status")
	if err := os.WriteFile(path, []byte("Name:\twardcrawl\nVmPeak:\t  2048 kB\nVmHWM:\t    1536 kB\nwchar: 123\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"VmHWM:": "1536 kB", "wchar:": "123", "Name:": "wardcrawl"} {
		if v, ok := procValue(path, key); !ok || v != want {
			t.Errorf("procValue(%q) = %q, %v; want %q", key, v, ok, want)
		}
	}
	if v, ok := procValue(path, "rchar:"); ok {
		t.Errorf("a missing key: %q, true", v)
	}
	if _, ok := procValue(filepath.Join(t.TempDir(), "none"), "VmHWM:"); ok {
		t.Error("a missing file: ok")
	}
}

// WrittenBytes counts what this process writes: a megabyte written to a
// file shows (where /proc/self/io exists).
func TestWrittenBytesCountsWrites(t *testing.T) {
	before, ok := WrittenBytes(0)
	if !ok {
		t.Skip("no /proc/self/io here")
	}
	if err := os.WriteFile(filepath.Join(t.TempDir(), "mb"), make([]byte, 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	after, ok := WrittenBytes(0)
	if !ok || after-before < 1<<20 {
		t.Errorf("written %d → %d (%v), want at least 1 MiB more", before, after, ok)
	}
	if peak, ok := PeakRSS(0); !ok || peak <= 0 {
		t.Errorf("PeakRSS(0) = %d, %v", peak, ok)
	}
}
