package crawler

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"github.com/wardcrawl/wardcrawl/storage"
)

// Cause words why a request got no usable answer, the way a person
// running a crawl from cron needs to read it: connection refused, DNS
// failure, TLS error, timeout, too many open files, or the HTTP status.
// The underlying error follows the cause.
func Cause(status int, err error) string {
	if status != 0 {
		text := http.StatusText(status)
		if text == "" {
			text = "unknown status"
		}
		return fmt.Sprintf("HTTP %d %s", status, text)
	}
	if err == nil {
		return "no answer"
	}
	if c := networkCause(err); c != "" {
		return c + " (" + err.Error() + ")"
	}
	return err.Error()
}

func networkCause(err error) string {
	var dns *net.DNSError
	var cert x509.UnknownAuthorityError
	var host x509.HostnameError
	var inval x509.CertificateInvalidError
	var tlsRec tls.RecordHeaderError
	var ne net.Error
	switch {
	case errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE):
		return "too many open files (the process's file-descriptor limit)"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset by the server"
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable"
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "DNS: no such host " + dns.Name
		}
		return "DNS lookup failed for " + dns.Name
	case errors.As(err, &cert), errors.As(err, &host), errors.As(err, &inval), errors.As(err, &tlsRec),
		strings.Contains(err.Error(), "tls: "):
		return "TLS error"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timed out"
	case errors.Is(err, ErrAddressRefused):
		return "address refused by the address guard"
	}
	return ""
}

// transient reports errors that say the machine, not the site, is short
// of something for now: file descriptors, buffer space, a DNS server that
// timed out or failed (not one that says the name does not exist), the
// database busy or unable to open a file. The site is deferred, not
// failed.
func transient(err error) bool {
	var dns *net.DNSError
	switch {
	case err == nil:
		return false
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE), errors.Is(err, syscall.ENOBUFS), errors.Is(err, syscall.ENOMEM):
		return true
	case errors.As(err, &dns):
		return !dns.IsNotFound && (dns.IsTemporary || dns.IsTimeout)
	case storage.IsTransient(err):
		return true
	}
	return false
}

// movedNote words a start URL that redirects out of the site's hosts.
func movedNote(from, to string) string {
	host := to
	if u, err := url.Parse(to); err == nil && u.Host != "" {
		host = u.Host
	}
	return fmt.Sprintf("%s redirects to %s, on another host: the portal may have moved; add %s to start_urls and %s to allowed_domains", from, to, to, host)
}
