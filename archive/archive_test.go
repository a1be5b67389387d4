package archive

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"crypto/x509"
	"encoding/base32"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"crypto/tls"

	warc "github.com/internetarchive/gowarc"
)

// rawServer answers every connection on 127.0.0.1 with exactly resp,
// whatever the request, and closes it.
func rawServer(t *testing.T, resp []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				if _, err := http.ReadRequest(br); err != nil {
					return
				}
				c.Write(resp)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

func chunked(body []byte, size int) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		n := min(size, len(body))
		fmt.Fprintf(&b, "%x\r\n", n)
		b.Write(body[:n])
		b.WriteString("\r\n")
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

func sha1b32(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

type record struct {
	header warc.Header
	block  []byte
	offset int64
	size   int64
}

// readAll reads every record of every file, checking each block digest.
func readAll(t *testing.T, files ...string) []record {
	t.Helper()
	var out []record
	for _, f := range files {
		err := EachRecord(f, true, func(r *warc.Record) error {
			r.Content.Seek(0, io.SeekStart)
			block, err := io.ReadAll(r.Content)
			if err != nil {
				return err
			}
			if got, want := sha1b32(block), r.Header.Get("WARC-Block-Digest"); got != want {
				t.Errorf("%s %s: block digest %s, computed %s", f, r.Header.Get("WARC-Record-ID"), want, got)
			}
			out = append(out, record{header: r.Header, block: block, offset: r.Offset, size: r.Size})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func warcFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func newWriter(t *testing.T, dir string, max int64) *Writer {
	t.Helper()
	w, err := NewWriter(WriterOptions{Dir: dir, MaxFileSize: max, Info: map[string]string{"software": "test"}})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func get(t *testing.T, client *http.Client, u string, readBody bool) string {
	t.Helper()
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	var body []byte
	if readBody {
		body, err = io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := resp.Body.Close(); err != nil {
		t.Fatal(err)
	}
	return string(body)
}

// The response record holds the bytes exactly as the server sent them:
// header case and order, chunked framing, gzip coding. The payload digest
// is over the de-chunked, still gzipped body; the caller reads plain text.
func TestRecorderKeepsWireBytes(t *testing.T) {
	text := "Thông báo lịch tiếp công dân tháng 11 — Ủy ban nhân dân phường."
	wire := append([]byte("HTTP/1.1 200 OK\r\nX-Powered-By: ASP.NET\r\ncontent-type: text/html; charset=utf-8\r\n"+
		"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"), chunked(gzipped(text), 7)...)
	base := rawServer(t, wire)
	dir := t.TempDir()
	w := newWriter(t, dir, DefaultMaxFileSize)
	rec := NewRecorder(w, RecorderOptions{})
	client := &http.Client{Transport: rec}
	if got := get(t, client, base+"/tin-tuc?id=7", true); got != text {
		t.Fatalf("caller read %q, want the inflated text", got)
	}
	c, ok, err := rec.Take(base + "/tin-tuc?id=7")
	if !ok || err != nil {
		t.Fatalf("no capture for the URL: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, warcFiles(t, dir)...)
	if len(recs) != 3 {
		t.Fatalf("%d records, want warcinfo, response, request", len(recs))
	}
	info, resp, req := recs[0], recs[1], recs[2]
	if info.header.Get("WARC-Type") != "warcinfo" || !strings.Contains(string(info.block), "software: test") {
		t.Errorf("first record is not the warcinfo: %v", info.header)
	}
	if !bytes.Equal(resp.block, wire) {
		t.Errorf("response block differs from the wire bytes:\n%q\nwant\n%q", resp.block, wire)
	}
	if got, want := resp.header.Get("WARC-Payload-Digest"), sha1b32(gzipped(text)); got != want {
		t.Errorf("payload digest %s, want %s (de-chunked, still gzipped)", got, want)
	}
	if !strings.HasPrefix(string(req.block), "GET /tin-tuc?id=7 HTTP/1.1\r\n") || !strings.Contains(string(req.block), "Accept-Encoding: gzip\r\n") {
		t.Errorf("request block is not the request sent: %q", req.block)
	}
	if resp.header.Get("WARC-Concurrent-To") != req.header.Get("WARC-Record-ID") || req.header.Get("WARC-Concurrent-To") != resp.header.Get("WARC-Record-ID") {
		t.Error("request and response do not point at each other")
	}
	for _, r := range recs[1:] {
		if r.header.Get("WARC-Target-URI") != base+"/tin-tuc?id=7" || r.header.Get("WARC-IP-Address") != "127.0.0.1" ||
			r.header.Get("WARC-Warcinfo-ID") != info.header.Get("WARC-Record-ID") {
			t.Errorf("record header %v", r.header)
		}
	}
	if c.RecordID != resp.header.Get("WARC-Record-ID") || c.Offset != resp.offset || c.Length != resp.size || c.Type != "response" {
		t.Errorf("capture %+v does not locate the response record (offset %d, size %d)", c, resp.offset, resp.size)
	}
}

// A caller that stops after the headers (the crawler does for a PDF) still
// gets the whole body archived; past MaxRecordBytes the record is cut and
// says so.
func TestRecorderDownloadsWhatTheCallerLeft(t *testing.T) {
	pdf := bytes.Repeat([]byte("%PDF-1.4 Kế hoạch 125/KH-UBND\n"), 4000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdf)
	}))
	defer srv.Close()
	dir := t.TempDir()
	w := newWriter(t, dir, DefaultMaxFileSize)
	get(t, &http.Client{Transport: NewRecorder(w, RecorderOptions{})}, srv.URL+"/whole.pdf", false)
	get(t, &http.Client{Transport: NewRecorder(w, RecorderOptions{MaxRecordBytes: 5000})}, srv.URL+"/cut.pdf", false)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, warcFiles(t, dir)...)
	whole, cut := recs[1], recs[3]
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(whole.block)), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if !bytes.Equal(body, pdf) || whole.header.Get("WARC-Truncated") != "" {
		t.Errorf("the abandoned body was archived with %d of %d bytes (truncated %q)", len(body), len(pdf), whole.header.Get("WARC-Truncated"))
	}
	if cut.header.Get("WARC-Truncated") != "length" || len(cut.block) != 5000 {
		t.Errorf("capped record: truncated %q, %d bytes; want length, 5000", cut.header.Get("WARC-Truncated"), len(cut.block))
	}
}

// Over TLS the tap sits above the encryption: the record holds HTTP.
func TestRecorderTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body>Cổng thông tin điện tử</body></html>")
	}))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	dir := t.TempDir()
	w := newWriter(t, dir, DefaultMaxFileSize)
	get(t, &http.Client{Transport: NewRecorder(w, RecorderOptions{TLS: &tls.Config{RootCAs: pool}})}, srv.URL+"/", true)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, warcFiles(t, dir)...)
	if !strings.HasPrefix(string(recs[1].block), "HTTP/1.1 200 OK\r\n") || !strings.Contains(string(recs[1].block), "Cổng thông tin điện tử") {
		t.Errorf("TLS response not archived as plain HTTP: %q", recs[1].block)
	}
	if !strings.HasPrefix(recs[1].header.Get("WARC-Target-URI"), "https://127.0.0.1:") {
		t.Errorf("target URI %q", recs[1].header.Get("WARC-Target-URI"))
	}
}

// The second response with a payload already archived is a revisit record
// that keeps its own headers and points at the first.
func TestRevisitForIdenticalPayload(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/gif")
		w.Write([]byte("GIF89a same placeholder photo"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	w := newWriter(t, dir, DefaultMaxFileSize)
	rec := NewRecorder(w, RecorderOptions{})
	client := &http.Client{Transport: rec}
	get(t, client, srv.URL+"/anh-1.jpg", true)
	get(t, client, srv.URL+"/anh-2.jpg", true)
	c, _, _ := rec.Take(srv.URL + "/anh-2.jpg")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, warcFiles(t, dir)...)
	first, again := recs[1], recs[3]
	h := again.header
	if h.Get("WARC-Type") != "revisit" || c.Type != "revisit" || h.Get("WARC-Profile") != revisitProfile ||
		h.Get("WARC-Refers-To") != first.header.Get("WARC-Record-ID") || h.Get("WARC-Refers-To-Target-URI") != srv.URL+"/anh-1.jpg" ||
		h.Get("WARC-Refers-To-Date") != first.header.Get("WARC-Date") || h.Get("WARC-Payload-Digest") != first.header.Get("WARC-Payload-Digest") {
		t.Fatalf("second copy is not a revisit of the first: %v", h)
	}
	if !strings.HasPrefix(string(again.block), "HTTP/1.1 200 OK\r\n") || !strings.HasSuffix(string(again.block), "\r\n\r\n") || strings.Contains(string(again.block), "GIF89a") {
		t.Errorf("revisit block should be the headers only: %q", again.block)
	}
	if w.Stats().Revisits != 1 {
		t.Errorf("stats count %d revisits", w.Stats().Revisits)
	}
}

// Files rotate at the size limit without splitting a record; a file a
// killed writer left open is cut after its last whole record, closed, and
// the archive goes on in a new file with the old ones in its index.
func TestRotationAndRecovery(t *testing.T) {
	var n int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		fmt.Fprintf(w, "<html><body>Trang %s, lần %d</body></html>", r.URL.Path, n)
	}))
	defer srv.Close()
	dir := t.TempDir()
	w := newWriter(t, dir, 1500)
	client := &http.Client{Transport: NewRecorder(w, RecorderOptions{})}
	for i := range 6 {
		get(t, client, fmt.Sprintf("%s/p%d", srv.URL, i), true)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files := warcFiles(t, dir)
	if len(files) < 3 {
		t.Fatalf("%d files at a 1500-byte limit, want rotation", len(files))
	}
	for _, f := range files {
		recs := readAll(t, f)
		if recs[0].header.Get("WARC-Type") != "warcinfo" || recs[0].header.Get("WARC-Filename") != filepath.Base(f) {
			t.Errorf("%s does not start with its warcinfo: %v", f, recs[0].header)
		}
		if (len(recs)-1)%2 != 0 {
			t.Errorf("%s holds a split exchange: %d records", f, len(recs))
		}
	}

	// A writer killed in the middle of a record: copy its open file cut short.
	w2 := newWriter(t, dir, DefaultMaxFileSize)
	client = &http.Client{Transport: NewRecorder(w2, RecorderOptions{})}
	get(t, client, srv.URL+"/q0", true)
	get(t, client, srv.URL+"/q1", true)
	w2.mu.Lock()
	openName := w2.f.Name()
	whole, _ := os.ReadFile(openName)
	w2.mu.Unlock()
	killed := filepath.Join(dir, "wardcrawl-20200101000000-00009.warc.gz.open")
	if err := os.WriteFile(killed, whole[:len(whole)-40], 0o644); err != nil {
		t.Fatal(err)
	}
	w2.Close()

	w3 := newWriter(t, dir, DefaultMaxFileSize)
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Fatal("the open file was not recovered")
	}
	recovered := readAll(t, strings.TrimSuffix(killed, openSuffix))
	if len(recovered) != 4 { // warcinfo, q0 response and request, q1 response (its request was cut)
		t.Errorf("recovered file holds %d records, want 4", len(recovered))
	}
	client = &http.Client{Transport: NewRecorder(w3, RecorderOptions{})}
	get(t, client, srv.URL+"/r0", true)
	if err := w3.Close(); err != nil {
		t.Fatal(err)
	}
	all := warcFiles(t, dir)
	readAll(t, all...)
	idx, err := os.ReadFile(filepath.Join(dir, IndexName))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(idx)), "\n")
	// 6 + 2 (w2) + 1 recovered q1 response ... counted from the files.
	want := 0
	for _, f := range all {
		for _, r := range readAll(t, f) {
			if k := r.header.Get("WARC-Type"); k == "response" || k == "revisit" {
				want++
			}
		}
	}
	if len(lines) != want || want != 6+2+2+1 {
		t.Errorf("index has %d lines; the files hold %d responses (want 11)", len(lines), want)
	}
	for _, l := range lines {
		if !strings.Contains(l, `"filename":"wardcrawl-`) {
			t.Errorf("index line %q", l)
		}
	}
}

func TestSURT(t *testing.T) {
	for in, want := range map[string]string{
		"http://www.Phuong-AnBinh.gov.vn/news/?b=2&a=1": "vn,gov,phuong-anbinh)/news/?a=1&b=2",
		"https://127.0.0.2:8080":                        "2,0,0,127:8080)/",
		"http://example.vn/tin-t%E1%BB%A9c":             "vn,example)/tin-t%e1%bb%a9c",
		"dns:example.vn":                                "dns:example.vn",
	} {
		if got := SURT(in); got != want {
			t.Errorf("SURT(%q) = %q, want %q", in, got, want)
		}
	}
}

// WARC file names come from the host the user gave, never anything else:
// whatever the host holds, the prefix is letters, digits, '.', '_' and '-'
// only, and a prefix with anything else is refused.
func TestFileNamesComeFromTheUsersHostOnly(t *testing.T) {
	for raw, want := range map[string]string{
		"http://127.0.0.1:8080/":           "wardcrawl-127.0.0.1_8080",
		"https://[::1]:443/x":              "wardcrawl-___1__443",
		"http://phuong-an-binh.gov.vn/../": "wardcrawl-phuong-an-binh.gov.vn",
	} {
		if got := FilePrefix(SiteFor(raw)); got != want {
			t.Errorf("FilePrefix(%s) = %q, want %q", raw, got, want)
		}
	}
	for _, bad := range []string{"../x", "a/b", "x y", "ph\u01b0\u1eddng"} {
		if _, err := NewWriter(WriterOptions{Dir: t.TempDir(), Prefix: bad}); err == nil {
			t.Errorf("prefix %q accepted", bad)
		}
	}
}
