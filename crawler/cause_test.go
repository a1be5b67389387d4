package crawler

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/wardcrawl/wardcrawl/config"
)

func TestCause(t *testing.T) {
	for _, c := range []struct {
		status int
		err    error
		want   string
	}{
		{404, nil, "HTTP 404 Not Found"},
		{503, fmt.Errorf("x"), "HTTP 503 Service Unavailable"},
		{0, &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, "connection refused ("},
		{0, &net.DNSError{Err: "no such host", Name: "xa.example.gov.vn", IsNotFound: true}, "DNS: no such host xa.example.gov.vn ("},
		{0, &net.DNSError{Err: "server misbehaving", Name: "xa.example.gov.vn", IsTemporary: true}, "DNS lookup failed for xa.example.gov.vn ("},
		{0, fmt.Errorf("Get x: %w", x509.UnknownAuthorityError{}), "TLS error ("},
		{0, &net.OpError{Op: "dial", Err: os.NewSyscallError("socket", syscall.EMFILE)}, "too many open files"},
		{0, context.DeadlineExceeded, "timed out ("},
		{0, fmt.Errorf("dial: %w: 10.0.0.1 is an internal address", ErrAddressRefused), "address refused by the address guard"},
	} {
		if got := Cause(c.status, c.err); !strings.HasPrefix(got, c.want) {
			t.Errorf("Cause(%d, %v) = %q, want %q…", c.status, c.err, got, c.want)
		}
	}
}

// Every way a site can fail names its real cause (issue 16: an unreachable
// host was blamed on robots.txt, and a 404 or a moved portal was "ok").
func TestStartFailuresNameTheCause(t *testing.T) {
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/new-portal/", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	disallow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n")
			return
		}
		fmt.Fprint(w, "<html><body>x</body></html>")
	}))
	defer disallow.Close()
	robots503 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer robots503.Close()
	tlsSrv := httptest.NewTLSServer(http.NotFoundHandler()) // its certificate is trusted by no one
	defer tlsSrv.Close()

	refused := "http://127.0.0.77:1/"
	noRobots := site("refused-no-robots", refused)
	noRobots.RespectRobots = false
	tlsSite := site("tls", tlsSrv.URL+"/")
	tlsSite.RespectRobots = false
	for _, c := range []struct {
		site config.Site
		want []string
	}{
		{site("refused", refused), []string{"robots.txt unreachable: connection refused", "RFC 9309"}},
		{noRobots, []string{refused + ": connection refused"}},
		{site("gone", srv.URL+"/gone"), []string{"/gone: HTTP 404 Not Found"}},
		{site("moved", srv.URL+"/moved"), []string{"redirects to " + other.URL + "/new-portal/", "add " + other.URL + "/new-portal/ to start_urls", strings.TrimPrefix(other.URL, "http://") + " to allowed_domains"}},
		{site("disallowed", disallow.URL+"/"), []string{"disallowed by robots.txt"}},
		{site("robots503", robots503.URL+"/"), []string{"robots.txt unreachable: HTTP 503 Service Unavailable"}},
		{tlsSite, []string{"TLS error"}},
	} {
		t.Run(c.site.Name, func(t *testing.T) {
			sum, err := fastCrawler(openStore(t)).Run(context.Background(), []config.Site{c.site})
			if err != nil {
				t.Fatal(err)
			}
			s := sum.Sites[0]
			if sum.Status == "ok" || s.Error == "" {
				t.Fatalf("site did not fail: %+v", sum)
			}
			for _, w := range c.want {
				if !strings.Contains(s.Error, w) {
					t.Errorf("error %q lacks %q", s.Error, w)
				}
			}
			if c.site.Name != "disallowed" && strings.Contains(s.Error, "disallowed by robots.txt") {
				t.Errorf("blamed on robots.txt: %q", s.Error)
			}
		})
	}
}

// The bundled config's placeholder hosts fail at once with the reason, and
// nothing is looked up (the reserved names never resolve).
func TestPlaceholderStartURLs(t *testing.T) {
	sum, err := fastCrawler(openStore(t)).Run(context.Background(), []config.Site{site("vi-du", "https://phuongvidu.example/")})
	if err != nil {
		t.Fatal(err)
	}
	if e := sum.Sites[0].Error; !strings.Contains(e, "phuongvidu.example is a reserved example name (RFC 2606)") || sum.Sites[0].PagesFetched != 0 {
		t.Errorf("placeholder site: %+v", sum.Sites[0])
	}
	if !PlaceholderHost("XA.invalid.") || PlaceholderHost("example.gov.vn") || PlaceholderHost("phuong.example.com") {
		t.Error("PlaceholderHost")
	}
}
