package storage

import (
	"context"
	"database/sql"
	"encoding/binary"
)

// The store reads a word's entries from an FTS5 index itself, for the
// ranking of a query of words (wordrank.go): every text holding the word
// with how often in each column, the count bm25 needs of the texts
// holding it, both in one read of the word's entries. FTS5 counts that
// separately, reading the word's entries once more through a query of
// its own for every query it ranks.
//
// The format is FTS5's (fts5_index.c, "Details"):
//   - the structure record (%_data id 10): a 4-byte cookie, then varints:
//     the levels, the segments, a write counter; for each level, the
//     segments being merged, its segments, and each segment's id, first
//     and last leaf page;
//   - leaf page N of segment S is %_data id S<<37 | N; it starts with two
//     big-endian 16-bit fields, the offset of its first rowid when that
//     comes before its first term (else 0) and the offset of its footer,
//     the varint offsets of its terms (the first from the page's start,
//     each next from the one before);
//   - the first term on a page is a varint length and its bytes; each
//     next term a varint of the bytes it shares with the term before, a
//     varint of its new bytes, and those. Terms of the main index start
//     with "0";
//   - a term's doclist follows it: the first rowid as a varint, each next
//     one as its difference from the one before, each followed by its
//     position list: a varint of the list's size times two (plus one for
//     an entry that deletes the text), then the positions of column 0
//     (varints of 2 plus the offset from the one before), and for each
//     other column a byte 0x01, the column's number and its positions;
//   - a doclist too long for its page goes on over the pages after it,
//     whole varints on each; the first rowid on a page is written whole,
//     and the page's header gives its offset;
//   - %_idx(segid, term, pgno) holds, for each page that starts with a
//     term, a key no greater than that term, and the page number times
//     two (plus one when a doclist index follows).
//
// Anything else (the structure record of tables that delete through
// tombstones, an entry deleting a text, a rowid in two segments: this
// store never deletes from its indexes but all at once) is an
// errFTSRecord, and the query is left to FTS5.

// ftsSegment is a segment of an FTS5 index: its id and its leaf pages.
type ftsSegment struct{ id, first, last int64 }

// ftsVarint reads one of FTS5's varints from the start of b: its value
// and length, 0 when b ends inside it.
func ftsVarint(b []byte) (uint64, int) {
	var v uint64
	for n := 0; n < 9 && n < len(b); n++ {
		c := b[n]
		if n == 8 {
			return v<<8 | uint64(c), 9
		}
		v = v<<7 | uint64(c&0x7f)
		if c < 0x80 {
			return v, n + 1
		}
	}
	return 0, 0
}

// ftsStructure reads an FTS5 index's structure record: its segments.
func ftsStructure(block []byte) ([]ftsSegment, error) {
	if len(block) < 4 || block[0] == 0xff { // 0xff: the second format, with tombstones
		return nil, errFTSRecord
	}
	v, err := ftsVarints(block[4:])
	if err != nil || len(v) < 3 {
		return nil, errFTSRecord
	}
	levels, total := v[0], v[1]
	v = v[3:]
	var segs []ftsSegment
	for range levels {
		if len(v) < 2 {
			return nil, errFTSRecord
		}
		n := v[1]
		v = v[2:]
		if int64(len(v)) < 3*n {
			return nil, errFTSRecord
		}
		for i := range n {
			segs = append(segs, ftsSegment{v[3*i], v[3*i+1], v[3*i+2]})
		}
		v = v[3*n:]
	}
	if len(v) != 0 || int64(len(segs)) != total {
		return nil, errFTSRecord
	}
	return segs, nil
}

// ftsPageID is the %_data id of a segment's leaf page.
func ftsPageID(segid, page int64) int64 { return segid<<37 | page }

// ftsLeaf is a leaf page: its bytes, the offset of its first rowid (0:
// none before its first term), the end of its data (its footer's start)
// and its terms' offsets.
type ftsLeaf struct {
	b           []byte
	rowid, size int
	terms       []int
}

// readLeaf reads a leaf page's header and footer.
func readLeaf(b []byte) (ftsLeaf, error) {
	if len(b) < 4 {
		return ftsLeaf{}, errFTSRecord
	}
	l := ftsLeaf{b: b, rowid: int(binary.BigEndian.Uint16(b)), size: int(binary.BigEndian.Uint16(b[2:]))}
	if l.size < 4 || l.size > len(b) || l.rowid != 0 && (l.rowid < 4 || l.rowid >= l.size) {
		return ftsLeaf{}, errFTSRecord
	}
	for off, foot := 0, b[l.size:]; len(foot) > 0; {
		d, n := ftsVarint(foot)
		if n == 0 {
			return ftsLeaf{}, errFTSRecord
		}
		off += int(d)
		if off < 4 || off >= l.size {
			return ftsLeaf{}, errFTSRecord
		}
		l.terms = append(l.terms, off)
		foot = foot[n:]
	}
	return l, nil
}

// find is where term's doclist starts on the page and where it ends on
// it (the next term, or the page's data end: last is then true, and the
// doclist may go on over the next pages); ok is false when the page does
// not hold term.
func (l ftsLeaf) find(term []byte) (start, end int, last, ok bool, err error) {
	var cur []byte
	for i, off := range l.terms {
		p := off
		var shared uint64
		if i > 0 {
			var n int
			if shared, n = ftsVarint(l.b[p:l.size]); n == 0 || int(shared) > len(cur) {
				return 0, 0, false, false, errFTSRecord
			}
			p += n
		}
		size, n := ftsVarint(l.b[p:l.size])
		if n == 0 || p+n+int(size) > l.size {
			return 0, 0, false, false, errFTSRecord
		}
		p += n
		cur = append(cur[:shared], l.b[p:p+int(size)]...)
		p += int(size)
		switch c := string(cur); {
		case c == string(term):
			end, last := l.size, i == len(l.terms)-1
			if !last {
				end = l.terms[i+1]
			}
			if p > end {
				return 0, 0, false, false, errFTSRecord
			}
			return p, end, last, true, nil
		case c > string(term):
			return 0, 0, false, false, nil // terms are in order: not here
		}
	}
	return 0, 0, false, false, nil
}

// doclist is a word's doclist in one segment, gathered from its pages:
// its bytes, and the offsets in them where a page's first rowid is
// written whole.
type doclist struct {
	b     []byte
	whole []int
}

// wordSpan is where a word's doclist may lie in a segment: from its page
// (where the word would start) to the next page starting with a term,
// the pages between holding only its doclist.
type wordSpan struct {
	seg        ftsSegment
	page, next int64
}

// wordSpans are where word's doclists may lie in an FTS5 index (table:
// its name), one span a segment, found in its %_idx without reading a
// page; and how many pages they cover (a word in no segment may count a
// page in each).
func wordSpans(ctx context.Context, tx conn, table string, segs []ftsSegment, word string) ([]wordSpan, int64, error) {
	term := ftsTerm(word)
	var spans []wordSpan
	var pages int64
	for _, seg := range segs {
		sp := wordSpan{seg, seg.first, seg.last + 1}
		var key int64
		switch err := tx.QueryRowContext(ctx, `SELECT pgno FROM `+table+`_idx WHERE segid = ? AND term <= ? ORDER BY term DESC LIMIT 1`, seg.id, term).Scan(&key); {
		case err == sql.ErrNoRows:
		case err != nil:
			return nil, 0, err
		default:
			sp.page = max(sp.page, key>>1)
		}
		switch err := tx.QueryRowContext(ctx, `SELECT pgno FROM `+table+`_idx WHERE segid = ? AND term > ? ORDER BY term LIMIT 1`, seg.id, term).Scan(&key); {
		case err == sql.ErrNoRows:
		case err != nil:
			return nil, 0, err
		default:
			sp.next = min(sp.next, key>>1)
		}
		if sp.page <= seg.last {
			spans, pages = append(spans, sp), pages+max(sp.next-sp.page, 1)
		}
	}
	return spans, pages, nil
}

// ftsTerm is a word as the main index of an FTS5 table keeps it: after
// the byte "0".
func ftsTerm(word string) []byte { return append([]byte{'0'}, word...) }

// segmentDoclist gathers term's doclist from its span in a segment, nil
// when the segment does not hold term.
func segmentDoclist(ctx context.Context, tx conn, table string, sp wordSpan, term []byte) (*doclist, error) {
	last := min(sp.next, sp.seg.last) // the next term's page may start with the doclist's end
	rows, err := tx.QueryContext(ctx, `SELECT id, block FROM `+table+`_data WHERE id >= ? AND id <= ? ORDER BY id`, ftsPageID(sp.seg.id, sp.page), ftsPageID(sp.seg.id, last))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var d *doclist
	want := ftsPageID(sp.seg.id, sp.page)
	for rows.Next() {
		var id int64
		var b sql.RawBytes // valid until the next row: what is kept is copied
		if err := rows.Scan(&id, &b); err != nil {
			return nil, err
		}
		if id != want {
			return nil, errFTSRecord // a page missing
		}
		want++
		l, err := readLeaf(b)
		if err != nil {
			return nil, err
		}
		if d == nil { // the page where the term should start
			start, end, more, ok, err := l.find(term)
			if err != nil || !ok {
				return nil, err
			}
			d = &doclist{b: make([]byte, 0, (end-start)+int(last-sp.page)*len(b))}
			d.b = append(d.b, l.b[start:end]...)
			if !more {
				return d, nil
			}
			continue
		}
		// A page after the term's: its data up to its first term goes on
		// with the doclist.
		end := l.size
		if len(l.terms) > 0 {
			end = l.terms[0]
		}
		if l.rowid != 0 && l.rowid < end {
			d.whole = append(d.whole, len(d.b)+l.rowid-4)
		}
		d.b = append(d.b, l.b[4:end]...)
		if len(l.terms) > 0 {
			return d, nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

// entries walks a doclist's entries: next moves to the next, setting
// rowid and pos (its position list); it is false at the end or on a
// record that cannot be read (err).
type entries struct {
	d     *doclist
	p     int
	whole []int
	rowid int64
	pos   []byte
	err   error
}

func (d *doclist) entries() *entries { return &entries{d: d, whole: d.whole} }

func (e *entries) next() bool {
	b, p := e.d.b, e.p
	if p >= len(b) || e.err != nil {
		return false
	}
	fail := func() bool { e.err = errFTSRecord; return false }
	var v uint64
	var n int
	if c := b[p]; c < 0x80 {
		v, n = uint64(c), 1
	} else if v, n = ftsVarint(b[p:]); n == 0 {
		return fail()
	}
	switch {
	case p == 0 || len(e.whole) > 0 && e.whole[0] == p: // written whole
		if p > 0 {
			e.whole = e.whole[1:]
			if int64(v) <= e.rowid {
				return fail()
			}
		}
		e.rowid = int64(v)
	case len(e.whole) > 0 && e.whole[0] < p, v == 0: // a page's first rowid inside an entry
		return fail()
	default:
		e.rowid += int64(v)
	}
	p += n
	var size uint64
	if p < len(b) && b[p] < 0x80 {
		size, n = uint64(b[p]), 1
	} else if size, n = ftsVarint(b[p:]); n == 0 {
		return fail()
	}
	p += n
	if size&1 == 1 || p+int(size>>1) > len(b) {
		return fail() // cut, or an entry deleting a text
	}
	e.pos = b[p : p+int(size>>1)]
	e.p = p + int(size>>1)
	if e.p == len(b) && len(e.whole) > 0 {
		return fail()
	}
	return true
}

// columns counts the positions of a position list in columns 0 and 1.
func columns(pos []byte) (title, text int32, err error) {
	col := 0
	for len(pos) > 0 {
		v, n := ftsVarint(pos)
		if n == 0 {
			return 0, 0, errFTSRecord
		}
		pos = pos[n:]
		if v == 1 { // the next column's number
			c, n := ftsVarint(pos)
			if n == 0 {
				return 0, 0, errFTSRecord
			}
			col, pos = int(c), pos[n:]
			continue
		}
		switch col {
		case 0:
			title++
		case 1:
			text++
		}
	}
	return title, text, nil
}

// wordDoclists are a word's doclists in an FTS5 index (table: its name),
// one for each segment holding it, read from its spans (wordSpans) in
// tx, and their size in bytes.
func wordDoclists(ctx context.Context, tx conn, table string, spans []wordSpan, word string) ([]*doclist, int, error) {
	term := ftsTerm(word)
	var lists []*doclist
	size := 0
	for _, sp := range spans {
		d, err := segmentDoclist(ctx, tx, table, sp, term)
		if err != nil {
			return nil, 0, err
		}
		if d != nil && len(d.b) > 0 {
			lists, size = append(lists, d), size+len(d.b)
		}
	}
	return lists, size, nil
}
