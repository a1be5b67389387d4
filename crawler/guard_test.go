package crawler

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wardcrawl/wardcrawl/config"
)

// The guard is given addresses, never dials them: no packet leaves loopback.
func TestAddressGuardRefusesInternal(t *testing.T) {
	refused := []string{
		"127.0.0.1:80", "127.1.2.3:8080", "10.0.0.1:80", "10.255.255.255:443", "172.16.0.1:80", "172.31.255.255:80",
		"192.168.1.1:80", "169.254.169.254:80", "100.64.0.1:80", "0.0.0.0:80", "224.0.0.1:80",
		"[::1]:80", "[::]:80", "[fc00::1]:80", "[fd00:ec2::254]:80", "[fe80::1]:80",
		"[::ffff:127.0.0.1]:80", "[::ffff:169.254.169.254]:80", "[::ffff:10.0.0.1]:443",
	}
	allowed := []string{"8.8.8.8:80", "172.32.0.1:80", "172.15.255.255:80", "192.169.0.1:443", "169.255.0.1:80",
		"[2001:4860:4860::8888]:443", "113.160.0.1:80"}
	guard := AddressGuard(false)
	for _, a := range refused {
		if err := guard("tcp", a); err == nil || !strings.Contains(err.Error(), "internal address") {
			t.Errorf("%s: %v, want refused as internal", a, err)
		}
	}
	for _, a := range allowed {
		if err := guard("tcp", a); err != nil {
			t.Errorf("%s refused: %v", a, err)
		}
	}
	if err := guard("tcp", "portal.example:80"); err == nil {
		t.Error("an unresolved name passed the guard")
	}
	open := AddressGuard(true)
	for _, a := range refused {
		if err := open("tcp", a); err != nil {
			t.Errorf("a site that starts on an internal address: %s refused: %v", a, err)
		}
	}
}

func TestStartsInternal(t *testing.T) {
	ctx := context.Background()
	for start, want := range map[string]bool{
		"http://127.0.0.1:8080/": true, "http://localhost/": true, "http://[::1]/": true, "http://10.1.2.3/": true,
		"https://8.8.8.8/": false,
	} {
		if got := StartsInternal(ctx, config.Site{StartURLs: []string{start}}); got != want {
			t.Errorf("StartsInternal(%s) = %v", start, got)
		}
	}
}

// countingListener counts the connections a server accepts.
type countingListener struct {
	net.Listener
	n atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

// The guard runs before connect(): a refused address never sees a SYN.
// Here a loopback server stands in for an internal address of a site that
// does not start on one.
func TestGuardRefusesBeforeConnecting(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	ln := &countingListener{Listener: srv.Listener}
	srv.Listener = ln
	srv.Start()
	defer srv.Close()

	tr := newTransport(AddressGuard(false))
	defer tr.CloseIdleConnections()
	_, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err == nil || !strings.Contains(err.Error(), "refused to connect") {
		t.Fatalf("request to a loopback server: %v, want refused", err)
	}
	if n := ln.n.Load(); n != 0 {
		t.Errorf("the server accepted %d connections", n)
	}

	st := openStore(t)
	p := newTestPortal(t, 3)
	c := New(st, Options{forbidInternal: true, MaxRetries: 1})
	sum, err := c.Run(context.Background(), []config.Site{site("p", p.URL+"/")})
	if err != nil {
		t.Fatal(err)
	}
	if msg := sum.Sites[0].Error; !strings.Contains(msg, "no start URL could be fetched") {
		t.Errorf("site error %q", msg)
	}
	if hits := p.hits(); len(hits) != 0 {
		t.Errorf("the portal was reached %d times (robots.txt included), want 0", len(hits))
	}
}

// A redirect or link to another host, even another loopback address, is
// not followed; relative and protocol-relative redirects within the site
// are.
func TestRedirectsStayInScope(t *testing.T) {
	outside := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>bí mật</body></html>"))
	}))
	ln, err := net.Listen("tcp", "127.0.0.99:0")
	if err != nil {
		t.Skipf("no 127.0.0.99 on this machine: %v", err)
	}
	cl := &countingListener{Listener: ln}
	outside.Listener = cl
	outside.Start()
	defer outside.Close()

	p := newTestPortal(t, 2)
	host := strings.TrimPrefix(p.URL, "http://")
	p.handle("/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><body><a href="/ra-ngoai">a</a> <a href="/tuong-doi">b</a> <a href="/giao-thuc">c</a>
			<a href="` + outside.URL + `/truc-tiep">d</a> <a href="file:///etc/passwd">e</a> <a href="ftp://` + host + `/x">f</a>
			<a href="data:text/html,hi">g</a> <a href="/tin-tuc">tin</a></body></html>`))
	})
	p.handle("/ra-ngoai", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, outside.URL+"/chuyen-huong", http.StatusFound)
	})
	p.handle("/tuong-doi", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "gioi-thieu") // relative
		w.WriteHeader(http.StatusMovedPermanently)
	})
	p.handle("/giao-thuc", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "//"+host+"/tin-tuc?page=2") // protocol-relative
		w.WriteHeader(http.StatusFound)
	})
	p.handle("/file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	st := openStore(t)
	crawlOnce(t, st, site("p", p.URL+"/", p.URL+"/file"))
	if n := cl.n.Load(); n != 0 {
		t.Errorf("the out-of-scope host on 127.0.0.99 was contacted %d times", n)
	}
	got := map[string]bool{}
	for _, h := range p.hits() {
		got[h.path] = true
	}
	for _, want := range []string{"/gioi-thieu", "/tin-tuc?page=2"} {
		if !got[want] {
			t.Errorf("in-scope redirect target %s not fetched; hits %v", want, got)
		}
	}
	if len(articles(t, st)) != 2 {
		t.Errorf("%d articles", len(articles(t, st)))
	}
}
