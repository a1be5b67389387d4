package parsers

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// A draft's binary form, for a crawler holding many: JSON costs more to
// read back than finishing the draft does (measured: decoding was 85% of
// a held page's release). Fields go in a fixed order: strings and byte
// strings length-prefixed, integers as varints, floats as their bits,
// the date in time's own binary form. The first byte is the format's
// version; a change of Draft's fields is a new version.
const draftVersion = 1

// MarshalBinary encodes the draft (encoding.BinaryMarshaler).
func (d *Draft) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 512+draftTextBytes(d))
	b = append(b, draftVersion)
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	for _, s := range []string{d.URL, d.Title, d.TitleSource, d.DateSource, d.Author, d.BylineNote, d.DeclaredLang, d.Method, d.FloorNote, d.AnchorPath} {
		str(s)
	}
	flag(d.PublishedAt != nil)
	if d.PublishedAt != nil {
		t, err := d.PublishedAt.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("draft: %w", err)
		}
		str(string(t))
	}
	flag(d.LeadAdded)
	flag(d.HasRoot)
	switch {
	case d.Hint == nil:
		b = append(b, 0)
	case *d.Hint:
		b = append(b, 2)
	default:
		b = append(b, 1)
	}
	num(d.PageProse)
	num(d.ProseChars)
	b = binary.AppendUvarint(b, uint64(len(d.Prints)))
	for _, p := range d.Prints {
		b = binary.LittleEndian.AppendUint64(b, p.FP)
		b = binary.LittleEndian.AppendUint64(b, p.Slot)
		str(p.Text)
		str(p.Path)
	}
	for _, ss := range [][]draftSignal{d.Lead, d.Block, d.Tail} {
		b = binary.AppendUvarint(b, uint64(len(ss)))
		for _, s := range ss {
			str(s.Name)
			str(s.Value)
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.Weight))
			str(s.Reason)
		}
	}
	return b, nil
}

func draftTextBytes(d *Draft) int {
	n := 0
	for _, p := range d.Prints {
		n += len(p.Text) + len(p.Path) + 20
	}
	return n
}

// errDraftShort: the bytes end before the draft does.
var errDraftShort = errors.New("draft: truncated")

// UnmarshalBinary decodes what MarshalBinary wrote
// (encoding.BinaryUnmarshaler).
func (d *Draft) UnmarshalBinary(data []byte) error {
	if len(data) == 0 || data[0] != draftVersion {
		return fmt.Errorf("draft: not a version %d draft", draftVersion)
	}
	r := draftReader{b: data[1:]}
	*d = Draft{}
	for _, s := range []*string{&d.URL, &d.Title, &d.TitleSource, &d.DateSource, &d.Author, &d.BylineNote, &d.DeclaredLang, &d.Method, &d.FloorNote, &d.AnchorPath} {
		*s = r.str()
	}
	if r.flag() {
		var t time.Time
		if err := t.UnmarshalBinary([]byte(r.str())); err != nil && r.err == nil {
			r.err = fmt.Errorf("draft: date: %w", err)
		}
		d.PublishedAt = &t
	}
	d.LeadAdded = r.flag()
	d.HasRoot = r.flag()
	switch r.byte() {
	case 1:
		v := false
		d.Hint = &v
	case 2:
		v := true
		d.Hint = &v
	}
	d.PageProse = r.num()
	d.ProseChars = r.num()
	if n := r.count(8 + 8 + 2); n > 0 {
		d.Prints = make([]Print, n)
		for i := range d.Prints {
			p := &d.Prints[i]
			p.FP, p.Slot = r.u64(), r.u64()
			p.Text, p.Path = r.str(), r.str()
		}
	}
	for _, ss := range []*[]draftSignal{&d.Lead, &d.Block, &d.Tail} {
		if n := r.count(1 + 1 + 8 + 1); n > 0 {
			*ss = make([]draftSignal, n)
			for i := range *ss {
				s := &(*ss)[i]
				s.Name, s.Value = r.str(), r.str()
				s.Weight = math.Float64frombits(r.u64())
				s.Reason = r.str()
			}
		}
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = fmt.Errorf("draft: %d bytes after its end", len(r.b))
	}
	return r.err
}

// draftReader reads a draft's fields; the first error sticks, and every
// read after it gives zero values.
type draftReader struct {
	b   []byte
	err error
}

func (r *draftReader) fail() {
	if r.err == nil {
		r.err = errDraftShort
	}
	r.b = nil
}

func (r *draftReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *draftReader) num() int {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// count reads a length whose elements take at least min bytes each: one
// the rest cannot hold is an error, not an allocation.
func (r *draftReader) count(min int) int {
	n := r.uvarint()
	if n > uint64(len(r.b)/min) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *draftReader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *draftReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *draftReader) flag() bool { return r.byte() == 1 }

func (r *draftReader) u64() uint64 {
	if len(r.b) < 8 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}
