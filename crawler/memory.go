package crawler

import (
	"hash/maphash"
	"sync"
)

// urlMemory remembers up to a fixed number of URLs, forgetting the oldest
// first: memory stays flat however large the crawl, and grows only as URLs
// come (a small site's costs next to nothing). It keeps 64-bit hashes, not
// the URLs. A URL never leaves a round during a run, so what it remembers
// stays true for the run.
type urlMemory struct {
	mu   sync.Mutex
	size int
	set  map[uint64]struct{}
	ring []uint64
	next int
}

var urlSeed = maphash.MakeSeed()

func newURLMemory(size int) *urlMemory {
	return &urlMemory{size: size, set: map[uint64]struct{}{}}
}

func (m *urlMemory) has(u string) bool {
	k := maphash.String(urlSeed, u)
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.set[k]
	return ok
}

func (m *urlMemory) add(u string) {
	k := maphash.String(urlSeed, u)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.set[k]; ok {
		return
	}
	if len(m.ring) < m.size {
		m.ring = append(m.ring, k)
	} else {
		delete(m.set, m.ring[m.next])
		m.ring[m.next] = k
		m.next = (m.next + 1) % m.size
	}
	m.set[k] = struct{}{}
}
