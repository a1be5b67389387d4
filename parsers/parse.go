package parsers

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// IsHTML reports whether a response is an HTML page: by its media type, or
// for a missing or generic one, by sniffing the body. A page declared as
// something else (application/pdf, image/png…) is not HTML whatever its
// bytes look like.
func IsHTML(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return true
	}
	return MaybeHTML(contentType) && strings.HasPrefix(http.DetectContentType(body), "text/html")
}

// MaybeHTML reports content types whose body may be HTML: HTML itself, and
// missing or generic types (servers send PHP pages as text/plain or
// application/octet-stream), which are sniffed after download.
func MaybeHTML(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || contentType == "" {
		return true
	}
	switch mt {
	case "text/html", "application/xhtml+xml", "application/octet-stream", "binary/octet-stream", "text/plain", "application/x-httpd-php":
		return true
	}
	return false
}

// ParseHTML decodes body to UTF-8 (see Decode) and parses it.
func ParseHTML(body []byte, contentType string) (*html.Node, error) {
	text, _, err := Decode(body, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	return doc, nil
}

// repairLegacyText converts text typed for the legacy TCVN3 and VNI fonts
// to Unicode (see legacy.go).
func (p *page) repairLegacyText() { fixLegacyText(p.doc) }

// applyRemovals deletes the site's remove_selectors before anything is read.
func (p *page) applyRemovals() {
	if len(p.opt.RemoveSelectors) == 0 {
		return
	}
	gq := goquery.NewDocumentFromNode(p.doc)
	for _, sel := range p.opt.RemoveSelectors {
		gq.Find(sel).Remove()
	}
}
