package crawler

import "sync"

// urlMemory remembers up to a fixed number of URLs, forgetting the oldest
// first: memory stays flat however large the crawl. A URL never leaves a
// round during a run, so what it remembers stays true for the run.
type urlMemory struct {
	mu   sync.Mutex
	set  map[string]struct{}
	ring []string
	next int
}

func newURLMemory(size int) *urlMemory {
	return &urlMemory{set: make(map[string]struct{}, size), ring: make([]string, size)}
}

func (m *urlMemory) has(u string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.set[u]
	return ok
}

func (m *urlMemory) add(u string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.set[u]; ok {
		return
	}
	if old := m.ring[m.next]; old != "" {
		delete(m.set, old)
	}
	m.ring[m.next] = u
	m.set[u] = struct{}{}
	m.next = (m.next + 1) % len(m.ring)
}
