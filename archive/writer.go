// Package archive writes what the crawler fetches into standard WARC/1.1
// files (with gowarc), indexes them as CDXJ for replay tools, and reads
// WARC files back to rebuild articles without touching the network.
package archive

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	warc "github.com/internetarchive/gowarc"
	"github.com/internetarchive/gowarc/pkg/spooledtempfile"

	"github.com/wardcrawl/wardcrawl/storage"
)

const (
	// DefaultMaxFileSize is the size at which a WARC file is closed and the
	// next one started.
	DefaultMaxFileSize = 1 << 30
	// IndexName is the CDXJ index written beside the WARC files.
	IndexName = "index.cdxj"

	openSuffix = ".open"
	warcExt    = ".warc.gz"
	// revisitProfile marks a revisit record whose payload equals an earlier
	// response's (WARC 1.1 §6.7.2).
	revisitProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
)

// WriterOptions configure a Writer.
type WriterOptions struct {
	Dir    string // output directory, created if missing
	Prefix string // file name prefix (default "wardcrawl"); letters, digits, '.', '_' and '-' only
	// MaxFileSize closes a file once it has grown past this many bytes
	// (default DefaultMaxFileSize). A record is never split.
	MaxFileSize int64
	// Info are the fields of each file's warcinfo record.
	Info map[string]string
	// TempDir holds response bodies too big to keep in memory (default: the
	// system's).
	TempDir string
}

// Exchange is one HTTP request and its response, as the bytes went over the
// wire.
type Exchange struct {
	URI      string
	Date     time.Time // when the request was sent
	IP       string    // the address dialled ("" : unknown)
	Request  []byte
	Response spooledtempfile.ReadWriteSeekCloser // raw response bytes; closed by WriteExchange
	// Truncated is the WARC-Truncated reason when the response is not whole:
	// "length" (over the size cap), "disconnect" (the connection broke).
	Truncated string
}

// Writer writes exchanges into rotating, gzipped WARC files: one gzip
// member per record, so any record can be read at its offset. A file is
// named *.warc.gz.open while it is written and renamed when closed, so a
// file without .open is always whole. It is safe for concurrent use.
type Writer struct {
	opt WriterOptions

	mu       sync.Mutex
	f        *os.File
	cw       *countingWriter
	w        *warc.Writer
	name     string // current file, without .open
	infoID   string
	serial   int
	payloads map[string]original // payload digest -> first response with it
	index    []Entry
	files    []string // every file of the archive, in order
	records  int
	bytes    int64
	revisits int
	err      error // sticky: once a write failed, nothing more is written
}

type original struct {
	uri, date, id string
}

// Entry is one CDXJ line: a response or revisit record and where it is.
type Entry struct {
	URLKey    string
	Timestamp string // 14 digits, UTC
	URL       string
	Mime      string
	Status    string
	Digest    string // payload digest without its algorithm prefix
	Length    int64
	Offset    int64
	Filename  string
}

// NewWriter prepares a Writer in opt.Dir. Files with its prefix that a
// killed run left open are recovered first (cut after their last whole
// record, then closed), and the WARC files already in the directory are
// indexed, so the archive, its index and its revisit records continue
// across runs.
func NewWriter(opt WriterOptions) (*Writer, error) {
	if opt.Prefix == "" {
		opt.Prefix = "wardcrawl"
	}
	if strings.ContainsFunc(opt.Prefix, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-')
	}) {
		return nil, fmt.Errorf("warc file prefix %q: only letters, digits, '.', '_' and '-'", opt.Prefix)
	}
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("create archive directory: %w", err)
	}
	w := &Writer{opt: opt, payloads: map[string]original{}}
	open, err := filepath.Glob(filepath.Join(opt.Dir, opt.Prefix+"-*"+warcExt+openSuffix))
	if err != nil {
		return nil, err
	}
	for _, p := range open {
		if _, err := Recover(p); err != nil {
			return nil, err
		}
	}
	// Every closed WARC file in the directory is indexed (another site's,
	// another tool's), so index.cdxj covers the whole collection.
	done, err := filepath.Glob(filepath.Join(opt.Dir, "*"+warcExt))
	if err != nil {
		return nil, err
	}
	sort.Strings(done)
	for _, p := range done {
		if err := w.indexExisting(p); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// indexExisting adds an earlier file's responses to the index and the
// revisit table.
func (w *Writer) indexExisting(path string) error {
	name := filepath.Base(path)
	w.files = append(w.files, name)
	return EachRecord(path, true, func(rec *warc.Record) error {
		w.records++
		w.bytes += rec.Size
		e, ok := entryOf(rec, name)
		if !ok {
			return nil
		}
		w.index = append(w.index, e)
		if rec.Header.Get("WARC-Type") == "response" && e.Digest != "" {
			d := rec.Header.Get("WARC-Payload-Digest")
			if _, seen := w.payloads[d]; !seen {
				w.payloads[d] = original{uri: e.URL, date: rec.Header.Get("WARC-Date"), id: rec.Header.Get("WARC-Record-ID")}
			}
		}
		return nil
	})
}

// WriteExchange writes a response record (or a revisit record, when an
// earlier response had the same payload) and its request record, and
// returns where the response went.
func (w *Writer) WriteExchange(x Exchange) (storage.Capture, error) {
	defer x.Response.Close() // also closed by gowarc when it is the record's block; closing twice is harmless
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return storage.Capture{}, w.err
	}
	c, err := w.writeExchange(x)
	if err != nil {
		w.err = fmt.Errorf("write warc %s: %w", w.name, err)
		return storage.Capture{}, w.err
	}
	return c, nil
}

func (w *Writer) writeExchange(x Exchange) (storage.Capture, error) {
	if w.f == nil || w.cw.n >= w.opt.MaxFileSize {
		if err := w.rotate(); err != nil {
			return storage.Capture{}, err
		}
	}
	date := x.Date.UTC().Format(time.RFC3339Nano)
	respID, reqID := "<urn:uuid:"+uuid.NewString()+">", "<urn:uuid:"+uuid.NewString()+">"

	in, err := inspectResponse(x.Response)
	if err != nil {
		return storage.Capture{}, err
	}
	resp := w.newRecord("response", respID, reqID, date, x)
	resp.Header.Set("WARC-Payload-Digest", in.payloadDigest)
	if x.Truncated != "" {
		resp.Header.Set("WARC-Truncated", x.Truncated)
	}
	orig, dup := w.payloads[in.payloadDigest]
	if dup && x.Truncated == "" && in.payloadDigest != emptyDigest {
		// The same payload again: keep the headers, point at the first copy.
		resp.Header.Set("WARC-Type", "revisit")
		resp.Header.Set("WARC-Profile", revisitProfile)
		resp.Header.Set("WARC-Refers-To", orig.id)
		resp.Header.Set("WARC-Refers-To-Target-URI", orig.uri)
		resp.Header.Set("WARC-Refers-To-Date", orig.date)
		if _, err := x.Response.Seek(0, io.SeekStart); err != nil {
			return storage.Capture{}, err
		}
		head, err := headerBlock(bufio.NewReader(x.Response))
		if err != nil {
			return storage.Capture{}, err
		}
		if _, err := resp.Content.Write(head); err != nil {
			return storage.Capture{}, err
		}
	} else {
		// The block is the captured response itself, with the length and
		// digest already taken: it is not copied or read again before writing.
		resp.Content.Close()
		resp.Content = x.Response
		resp.Header.Set("Content-Length", strconv.FormatInt(in.size, 10))
		resp.Header.Set("WARC-Block-Digest", in.blockDigest)
		if !dup && x.Truncated == "" && in.payloadDigest != emptyDigest {
			w.payloads[in.payloadDigest] = original{uri: x.URI, date: date, id: respID}
		}
	}
	offset := w.cw.n
	if err := w.write(resp); err != nil {
		return storage.Capture{}, err
	}
	length := w.cw.n - offset
	kind, ctype := resp.Header.Get("WARC-Type"), in.mime
	if kind == "revisit" {
		w.revisits++
		ctype = "warc/revisit"
	}

	req := w.newRecord("request", reqID, respID, date, x)
	if _, err := req.Content.Write(x.Request); err != nil {
		return storage.Capture{}, err
	}
	if err := w.write(req); err != nil {
		return storage.Capture{}, err
	}
	w.index = append(w.index, Entry{URLKey: SURT(x.URI), Timestamp: timestamp14(date), URL: x.URI, Mime: ctype,
		Status: in.status, Digest: digestValue(in.payloadDigest), Length: length, Offset: offset, Filename: w.name})
	return storage.Capture{RecordID: respID, File: w.name, Offset: offset, Length: length, Type: kind, At: x.Date}, nil
}

// newRecord is one half of an exchange: a response or request record,
// pointing at the other half.
func (w *Writer) newRecord(kind, id, other, date string, x Exchange) *warc.Record {
	r := warc.NewRecord(w.opt.TempDir, false)
	r.Header.Set("WARC-Type", kind)
	r.Header.Set("WARC-Record-ID", id)
	r.Header.Set("WARC-Date", date)
	r.Header.Set("WARC-Target-URI", x.URI)
	r.Header.Set("WARC-Concurrent-To", other)
	r.Header.Set("WARC-Warcinfo-ID", w.infoID)
	r.Header.Set("Content-Type", "application/http; msgtype="+kind)
	if x.IP != "" {
		r.Header.Set("WARC-IP-Address", x.IP)
	}
	return r
}

// write writes one record as its own gzip member.
func (w *Writer) write(r *warc.Record) error {
	w.w.Reset(w.cw)
	if _, err := w.w.WriteRecord(r); err != nil {
		return err
	}
	w.records++
	return nil
}

// rotate closes the current file and starts the next with its warcinfo.
func (w *Writer) rotate() error {
	if err := w.closeFile(); err != nil {
		return err
	}
	for {
		w.serial++
		// Prefix-Timestamp-Serial, as the WARC spec's annex suggests; the
		// millisecond timestamp keeps names apart across runs and directories.
		name := fmt.Sprintf("%s-%s-%05d%s", w.opt.Prefix, strings.Replace(time.Now().UTC().Format("20060102150405.000"), ".", "", 1), w.serial, warcExt)
		f, err := os.OpenFile(filepath.Join(w.opt.Dir, name+openSuffix), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(w.opt.Dir, name)); err == nil {
			f.Close()
			os.Remove(f.Name())
			continue
		}
		w.f, w.cw, w.name = f, &countingWriter{w: f}, name
		break
	}
	ww, err := warc.NewWriter(w.cw, w.name+openSuffix, warc.SHA1, warc.CompressionGzip, true, nil)
	if err != nil {
		return err
	}
	w.w = ww
	info := warc.Header{}
	for k, v := range w.opt.Info {
		info[k] = v
	}
	info["format"] = "WARC File Format 1.1"
	info["conformsTo"] = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
	id, err := w.w.WriteInfoRecord(info)
	if err != nil {
		return err
	}
	w.records++
	w.infoID = "<urn:uuid:" + id + ">"
	w.files = append(w.files, w.name)
	return nil
}

// closeFile syncs, closes and renames the current file.
func (w *Writer) closeFile() error {
	if w.f == nil {
		return nil
	}
	f := w.f
	w.f = nil
	w.bytes += w.cw.n
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), strings.TrimSuffix(f.Name(), openSuffix))
}

// Close closes the current file and writes the CDXJ index of every file in
// the directory. After a failed write, the file is still closed whole (the
// failed record is cut off) and the error returned.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var err error
	if w.err != nil && w.f != nil {
		// A record may be half written: cut the file after the last whole one.
		name := w.f.Name()
		w.f.Close()
		w.f = nil
		if _, rerr := Recover(name); rerr != nil {
			err = rerr
		}
	}
	if cerr := w.closeFile(); cerr != nil && err == nil {
		err = fmt.Errorf("close warc %s: %w", w.name, cerr)
	}
	if ierr := WriteIndex(filepath.Join(w.opt.Dir, IndexName), w.index); ierr != nil && err == nil {
		err = ierr
	}
	return errors.Join(w.err, err)
}

// Stats are a writer's figures so far.
type Stats struct {
	Files    []string `json:"files"`
	Records  int      `json:"records"`
	Revisits int      `json:"revisits"`
	Bytes    int64    `json:"bytes"`
}

// Stats returns the figures of every file in the archive directory.
func (w *Writer) Stats() Stats {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := Stats{Files: append([]string(nil), w.files...), Records: w.records, Revisits: w.revisits, Bytes: w.bytes}
	if w.f != nil {
		s.Bytes += w.cw.n
	}
	return s
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

var emptyDigest = sha1Digest(sha1.New())

// inspected is what one pass over a raw HTTP response tells.
type inspected struct {
	size          int64
	blockDigest   string // of the whole response, as it went over the wire
	status, mime  string
	payloadDigest string // of the body with any chunked transfer coding removed, content codings such as gzip kept (WARC 1.1 §5.9)
}

// inspectResponse reads a raw HTTP response once, from its start: the block
// digest is taken from the same bytes the HTTP parser reads.
func inspectResponse(raw io.ReadSeeker) (inspected, error) {
	if _, err := raw.Seek(0, io.SeekStart); err != nil {
		return inspected{}, err
	}
	block := &countingWriter{w: sha1.New()}
	br := bufio.NewReader(io.TeeReader(raw, block))
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return inspected{}, fmt.Errorf("unreadable response: %w", err)
	}
	in := inspected{status: strconv.Itoa(resp.StatusCode), mime: strings.TrimSpace(strings.SplitN(resp.Header.Get("Content-Type"), ";", 2)[0])}
	// An incomplete body (cut or broken connection) is digested as far as
	// it goes; the record says it is truncated.
	payload := sha1.New()
	if _, err := io.Copy(payload, readUntilError{resp.Body}); err != nil {
		return inspected{}, err
	}
	resp.Body.Close()
	if _, err := io.Copy(io.Discard, br); err != nil { // the rest of the block, through its digest
		return inspected{}, err
	}
	in.payloadDigest, in.blockDigest, in.size = sha1Digest(payload), sha1Digest(block.w.(hash.Hash)), block.n
	return in, nil
}

// sha1Digest writes a SHA-1 as WARC digests (and gowarc) do: sha1:BASE32.
func sha1Digest(h hash.Hash) string { return "sha1:" + base32.StdEncoding.EncodeToString(h.Sum(nil)) }

// readUntilError ends at the first error, as if it were the end.
type readUntilError struct{ r io.Reader }

func (r readUntilError) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil {
		return n, io.EOF
	}
	return n, nil
}

// headerBlock returns the status line and headers, through the blank line.
func headerBlock(br *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		line, err := br.ReadSlice('\n')
		out = append(out, line...)
		if err != nil {
			return out, fmt.Errorf("response header: %w", err)
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			return out, nil
		}
	}
}

func digestValue(d string) string {
	if _, v, ok := strings.Cut(d, ":"); ok {
		return v
	}
	return d
}

func timestamp14(warcDate string) string {
	s := strings.NewReplacer("-", "", ":", "", "T", "").Replace(warcDate)
	if len(s) > 14 {
		s = s[:14]
	}
	return s
}
