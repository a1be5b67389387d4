package archive

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/internetarchive/gowarc/pkg/spooledtempfile"

	"github.com/wardcrawl/wardcrawl/storage"
)

// DefaultMaxRecordBytes caps one response in the archive; the rest of a
// bigger one is not downloaded and the record says it is truncated.
const DefaultMaxRecordBytes = 1 << 30

// RecorderOptions configure a Recorder.
type RecorderOptions struct {
	// MaxRecordBytes caps one raw response (default DefaultMaxRecordBytes).
	MaxRecordBytes int64
	// TLS is the client TLS configuration (default: the system's roots,
	// certificates verified).
	TLS *tls.Config
	// DialTimeout bounds connecting (default 30s).
	DialTimeout time.Duration
	// Guard, if set, is called with every address about to be dialled
	// (after name resolution) and may refuse it (crawler.AddressGuard).
	Guard func(network, address string) error
}

// Recorder is an http.RoundTripper that writes every exchange into a
// Writer exactly as the bytes went over the wire: it taps the connection
// (above TLS), so the records keep the server's header order, chunked
// framing and content coding. Each connection carries one exchange. The
// response is written once its body is read to the end or closed; the
// rest of a body the caller did not want is still downloaded (up to
// MaxRecordBytes), so the archive holds it whole.
type Recorder struct {
	w   *Writer
	opt RecorderOptions
	rt  *http.Transport

	mu       sync.Mutex
	captures map[string]storage.Capture // by request URL, until taken
}

type exchangeKey struct{}

// NewRecorder returns a Recorder writing to w.
func NewRecorder(w *Writer, opt RecorderOptions) *Recorder {
	if opt.MaxRecordBytes <= 0 {
		opt.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if opt.DialTimeout <= 0 {
		opt.DialTimeout = 30 * time.Second
	}
	r := &Recorder{w: w, opt: opt, captures: map[string]storage.Capture{}}
	dialer := &net.Dialer{Timeout: opt.DialTimeout, KeepAlive: -1}
	if opt.Guard != nil {
		dialer.Control = func(network, address string, _ syscall.RawConn) error { return opt.Guard(network, address) }
	}
	r.rt = &http.Transport{
		Proxy: nil, // a proxy would put its own protocol on the tapped wire
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return tap(ctx, c, c), nil
		},
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			raw, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			host, _, _ := net.SplitHostPort(addr)
			cfg := &tls.Config{}
			if opt.TLS != nil {
				cfg = opt.TLS.Clone()
			}
			if cfg.ServerName == "" {
				cfg.ServerName = host
			}
			cfg.NextProtos = []string{"http/1.1"}
			tc := tls.Client(raw, cfg)
			if err := tc.HandshakeContext(ctx); err != nil {
				raw.Close()
				return nil, err
			}
			return tap(ctx, tc, raw), nil
		},
		DisableKeepAlives: true, // one exchange per connection: the tap knows where it ends
		// Content codings are undone here, above the raw body, so the rest
		// of a body is downloaded without inflating it (a gzip bomb costs
		// only its compressed size).
		DisableCompression:     true,
		TLSHandshakeTimeout:    opt.DialTimeout,
		MaxResponseHeaderBytes: 1 << 20,
	}
	return r
}

// exchange collects one request's bytes as the tapped connection carries
// them.
type exchange struct {
	mu   sync.Mutex
	req  bytes.Buffer
	resp spooledtempfile.ReadWriteSeekCloser
	n    int64
	ip   string
	over bool // the response passed MaxRecordBytes
	max  int64
}

func (x *exchange) wrote(p []byte) {
	x.mu.Lock()
	x.req.Write(p)
	x.mu.Unlock()
}

func (x *exchange) read(p []byte) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.over {
		return
	}
	if x.n+int64(len(p)) > x.max {
		p = p[:x.max-x.n]
		x.over = true
	}
	x.resp.Write(p)
	x.n += int64(len(p))
}

func (x *exchange) request() []byte {
	x.mu.Lock()
	defer x.mu.Unlock()
	return bytes.Clone(x.req.Bytes())
}

func (x *exchange) size() int64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.n
}

// tapConn copies what crosses a connection into the request's exchange.
type tapConn struct {
	net.Conn
	x *exchange
}

func tap(ctx context.Context, c net.Conn, raw net.Conn) net.Conn {
	x, _ := ctx.Value(exchangeKey{}).(*exchange)
	if x == nil {
		return c
	}
	if a, ok := raw.RemoteAddr().(*net.TCPAddr); ok {
		x.ip = a.IP.String()
	}
	return &tapConn{Conn: c, x: x}
}

func (t *tapConn) Read(p []byte) (int, error) {
	n, err := t.Conn.Read(p)
	if n > 0 {
		t.x.read(p[:n])
	}
	return n, err
}

// Write records the bytes before sending them: once they are on the wire
// the response may come back, and the exchange be written, before this
// goroutine runs again.
func (t *tapConn) Write(p []byte) (int, error) {
	t.x.wrote(p)
	return t.Conn.Write(p)
}

// RoundTrip sends req and records the exchange once its body is done.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, fmt.Errorf("archive: unsupported scheme %q", req.URL.Scheme)
	}
	x := &exchange{resp: spooledtempfile.NewSpooledTempFile("wardcrawl", r.w.opt.TempDir, -1, false, -1), max: r.opt.MaxRecordBytes}
	ctx := req.Context()
	out := req.WithContext(context.WithValue(ctx, exchangeKey{}, x))
	askedGzip := false
	if req.Header.Get("Accept-Encoding") == "" && req.Method != http.MethodHead {
		out.Header = req.Header.Clone()
		out.Header.Set("Accept-Encoding", "gzip")
		askedGzip = true
	}
	sent := time.Now()
	resp, err := r.rt.RoundTrip(out)
	if err != nil {
		x.resp.Close()
		return nil, err
	}
	b := &recordedBody{raw: resp.Body, r: r, x: x, ctx: ctx, uri: req.URL.String(), sent: sent}
	if askedGzip && strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		// As net/http would have done: the caller reads the inflated body.
		b.gzipped = true
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
		resp.Uncompressed = true
	}
	resp.Body = b
	return resp, nil
}

// recordedBody writes the exchange when the caller is done with the body.
type recordedBody struct {
	raw     io.ReadCloser // the body as sent, content coding kept
	gzipped bool
	dec     *gzip.Reader
	r       *Recorder
	x       *exchange
	ctx     context.Context
	uri     string
	sent    time.Time

	eof, closed bool
	err         error // a read error other than EOF: the connection broke
}

func (b *recordedBody) readRaw(p []byte) (int, error) {
	n, err := b.raw.Read(p)
	if errors.Is(err, io.EOF) {
		b.eof = true
	} else if err != nil {
		b.err = err
	}
	return n, err
}

func (b *recordedBody) Read(p []byte) (int, error) {
	if !b.gzipped {
		return b.readRaw(p)
	}
	if b.dec == nil {
		d, err := gzip.NewReader(rawReader{b})
		if err != nil {
			return 0, fmt.Errorf("gzip body: %w", err)
		}
		b.dec = d
	}
	return b.dec.Read(p)
}

type rawReader struct{ b *recordedBody }

func (r rawReader) Read(p []byte) (int, error) { return r.b.readRaw(p) }

// Close downloads what the caller left of the body (unless the request
// was cancelled), then writes the exchange.
func (b *recordedBody) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	if !b.eof && b.err == nil && b.ctx.Err() == nil {
		buf := make([]byte, 32<<10)
		for b.x.size() < b.r.opt.MaxRecordBytes {
			if _, err := b.readRaw(buf); err != nil {
				break
			}
		}
	}
	cerr := b.raw.Close()
	if b.ctx.Err() != nil && !b.eof {
		b.x.resp.Close() // interrupted: the page is fetched again on resume
		return cerr
	}
	ex := Exchange{URI: b.uri, Date: b.sent, IP: b.x.ip, Request: b.x.request(), Response: b.x.resp}
	switch {
	case b.x.over || (!b.eof && b.err == nil):
		ex.Truncated = "length"
	case b.err != nil:
		ex.Truncated = "disconnect"
	}
	c, err := b.r.w.WriteExchange(ex)
	if err != nil {
		return err
	}
	b.r.mu.Lock()
	b.r.captures[b.uri] = c
	b.r.mu.Unlock()
	return cerr
}

// Take returns where the last response for url was archived, once. The
// error is the writer's, if a write failed: the archive is incomplete.
func (r *Recorder) Take(url string) (storage.Capture, bool, error) {
	r.mu.Lock()
	c, ok := r.captures[url]
	delete(r.captures, url)
	r.mu.Unlock()
	r.w.mu.Lock()
	err := r.w.err
	r.w.mu.Unlock()
	return c, ok, err
}
