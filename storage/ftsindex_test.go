package storage

import (
	"context"
	"errors"
	"maps"
	"testing"

	"github.com/wardcrawl/wardcrawl/internal/textsearch"
)

// readWord reads a word's entries from the search index as the store
// does: each text holding it, with its occurrences in title and text.
func readWord(t *testing.T, s *Store, word string) (got map[int64][2]int32, pages int64, continued bool) {
	t.Helper()
	ctx := context.Background()
	var block []byte
	if err := s.q().QueryRowContext(ctx, `SELECT block FROM article_search_data WHERE id = 10`).Scan(&block); err != nil {
		t.Fatal(err)
	}
	segs, err := ftsStructure(block)
	if err != nil {
		t.Fatal(err)
	}
	spans, pages, err := wordSpans(ctx, s.q(), "article_search", segs, word)
	if err != nil {
		t.Fatal(err)
	}
	lists, _, err := wordDoclists(ctx, s.q(), "article_search", spans, word)
	if err != nil {
		t.Fatal(err)
	}
	got = map[int64][2]int32{}
	for _, d := range lists {
		continued = continued || len(d.whole) > 0
		e := d.entries()
		for e.next() {
			title, text, err := columns(e.pos)
			if err != nil {
				t.Fatal(err)
			}
			if _, dup := got[e.rowid]; dup {
				t.Fatalf("%s: text %d in two segments", word, e.rowid)
			}
			got[e.rowid] = [2]int32{title, text}
		}
		if e.err != nil {
			t.Fatal(e.err)
		}
	}
	return got, pages, continued
}

// The store reads a word's entries as FTS5 itself lists them (its
// fts5vocab table of instances): every text, every occurrence in each
// column, over several segments, and over pages a doclist goes on to.
func TestWordDoclistsReadAsFTS5(t *testing.T) {
	ctx := context.Background()
	s := wordsStore(t, 400, false)
	if _, err := s.db.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, article_search, instance)`); err != nil {
		t.Fatal(err)
	}
	var segments int
	if err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM article_search_idx`).Scan(&segments); err != nil || segments < 2 {
		t.Fatalf("%d segments (%v): the test needs several", segments, err)
	}
	continued := false
	for _, word := range []string{"dat", "phuong", "thu", "hoach", "moi", "khong", "0", "zz"} {
		want := map[int64][2]int32{}
		rows, err := s.db.QueryContext(ctx, `SELECT doc, col, count(*) FROM temp.instances WHERE term = ? GROUP BY doc, col`, word)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var doc int64
			var col string
			var n int32
			if err := rows.Scan(&doc, &col, &n); err != nil {
				t.Fatal(err)
			}
			c := want[doc]
			c[map[string]int{"title": 0, "body": 1}[col]] = n
			want[doc] = c
		}
		rows.Close()
		got, pages, more := readWord(t, s, word)
		continued = continued || more
		if !maps.Equal(got, want) {
			t.Errorf("%s: %d texts read, FTS5 lists %d (pages %d)", word, len(got), len(want), pages)
			for doc, c := range want {
				if got[doc] != c {
					t.Errorf("%s: text %d: %v, FTS5: %v", word, doc, got[doc], c)
					break
				}
			}
		}
		if len(want) > 100 && pages < 10 {
			t.Errorf("%s: %d texts on %d pages of 64 bytes", word, len(want), pages)
		}
	}
	if !continued {
		t.Error("no doclist went on over pages: the test reads none")
	}
}

// Records the store does not read are errFTSRecord: the query is then
// left to FTS5.
func TestFTSRecordsNotRead(t *testing.T) {
	if _, err := ftsStructure([]byte{0xff, 0, 0, 1, 1, 1, 1}); !errors.Is(err, errFTSRecord) {
		t.Errorf("a structure record with tombstones: %v", err)
	}
	if _, err := ftsStructure([]byte{0, 0, 0, 1, 1, 2, 9, 0, 1, 5, 1}); !errors.Is(err, errFTSRecord) {
		t.Errorf("a structure record cut inside a segment: %v", err)
	}
	if segs, err := ftsStructure([]byte{0, 0, 0, 1, 2, 2, 9, 0, 1, 5, 1, 3, 0, 1, 7, 1, 2}); err != nil || len(segs) != 2 || segs[1] != (ftsSegment{7, 1, 2}) {
		t.Errorf("two levels of a segment each: %v, %v", segs, err)
	}
	for name, b := range map[string][]byte{
		"an entry deleting a text":     {5, 2*2 + 1, 2, 3},
		"a position list cut":          {5, 2 * 4, 2, 3},
		"a rowid going back":           {5, 2, 2, 0, 2, 2},
		"a rowid written whole inside": {5, 2 * 2, 2, 3, 1, 2, 2},
	} {
		d := &doclist{b: b}
		if name == "a rowid written whole inside" {
			d.whole = []int{3}
		}
		e := d.entries()
		for e.next() {
		}
		if !errors.Is(e.err, errFTSRecord) {
			t.Errorf("%s: %v", name, e.err)
		}
	}
	if _, _, err := columns([]byte{2, 1}); !errors.Is(err, errFTSRecord) {
		t.Errorf("a column marker without its column: %v", err)
	}
	if title, text, err := columns([]byte{2, 3, 1, 1, 4, 2, 1, 2, 2}); err != nil || title != 2 || text != 2 {
		t.Errorf("columns = %d, %d, %v; want 2 in the title, 2 in the text (the third column not counted)", title, text, err)
	}
}

// A word the tokenizer would fold itself is not read by the store.
func TestIsASCIIWord(t *testing.T) {
	for w, want := range map[string]bool{"dat": true, "12": true, "qd12": true, "": false, "ωμέγα": false, "Dat": false, "đat": false} {
		if got := isASCIIWord(w); got != want {
			t.Errorf("isASCIIWord(%q) = %v", w, got)
		}
	}
	if w := textsearch.Words("Thu hồi ĐẤT"); !isASCIIWord(w[2]) {
		t.Errorf("%q: Vietnamese folds to ASCII", w[2])
	}
}
