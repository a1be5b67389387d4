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
