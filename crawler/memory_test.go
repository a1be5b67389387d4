package crawler

import (
	"fmt"
	"testing"
)

func TestURLMemoryForgetsTheOldestOnly(t *testing.T) {
	m := newURLMemory(3)
	for i := range 5 {
		m.add(fmt.Sprint(i))
		m.add(fmt.Sprint(i)) // again: no second slot
	}
	for i, want := range []bool{false, false, true, true, true} {
		if m.has(fmt.Sprint(i)) != want {
			t.Errorf("%d remembered: %v, want %v", i, !want, want)
		}
	}
	if len(m.set) != 3 {
		t.Errorf("%d remembered, size 3", len(m.set))
	}
}

// A memory costs what it holds, not its size: a small site's is small.
func TestURLMemoryGrowsAsUsed(t *testing.T) {
	m := newURLMemory(8192)
	m.add("http://a/1")
	if cap(m.ring) > 16 || len(m.set) != 1 {
		t.Errorf("one URL: ring cap %d, set %d", cap(m.ring), len(m.set))
	}
	for i := range 10000 {
		m.add(fmt.Sprint("http://a/", i))
	}
	if len(m.ring) != 8192 || len(m.set) != 8192 {
		t.Errorf("full: ring %d, set %d", len(m.ring), len(m.set))
	}
}
