package parsers

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// metaScanLimit is how far into a page the <meta charset> prescan reads.
// The HTML standard says 1024 bytes, but portal templates often put long
// scripts and styles before the meta tag, so we look further.
const metaScanLimit = 16 * 1024

// Decode converts a response body to UTF-8 and names the encoding it used.
// Order: a byte-order mark (as the WHATWG encoding standard requires, a BOM
// wins over a header that contradicts it), the Content-Type header's charset
// (except a Western default such as iso-8859-1 on a body that is valid
// UTF-8 with multi-byte characters: that is read as UTF-8),
// a <meta charset> or <meta http-equiv> declaration, then detection: valid
// UTF-8 stays UTF-8, a page in a .Vn font or whose high bytes are TCVN3's
// vowels is read as TCVN3, a page in a VNI font as windows-1252 (for the
// VNI repair), anything else as windows-1258, the legacy Vietnamese
// Windows code page.
func Decode(body []byte, contentType string) ([]byte, string, error) {
	enc, name := DetectEncoding(body, contentType)
	if name == "utf-8" {
		b := bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))
		if !utf8.Valid(b) {
			b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		}
		return b, name, nil
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), body)
	if err != nil {
		return nil, name, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, name, nil
}

// DetectEncoding returns the encoding Decode would use and its canonical name.
func DetectEncoding(body []byte, contentType string) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")):
		return unicode.UTF8, "utf-8"
	case bytes.HasPrefix(body, []byte("\xFE\xFF")):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(body, []byte("\xFF\xFE")):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if enc, name := lookup(params["charset"]); enc != nil {
			// A Western single-byte charset cannot hold Vietnamese: a server
			// default left on a page that is really UTF-8 (valid, with
			// multi-byte characters). Such a page is read as UTF-8.
			if westernDefault[name] && utf8.Valid(body) && hasMultiByte(body) {
				return unicode.UTF8, "utf-8"
			}
			return enc, name
		}
	}
	if label := metaCharset(body); label != "" {
		if enc, name := lookup(label); enc != nil {
			return enc, name
		}
	}
	if utf8.Valid(body) {
		return unicode.UTF8, "utf-8"
	}
	if tcvn3Bytes(body) {
		return tcvn3Encoding{}, "tcvn3"
	}
	if vniFontBytes(body) {
		// VNI text is Latin-1 bytes shown in a VNI font: read as such,
		// the parser's legacy repair turns it into Unicode.
		return charmap.Windows1252, "windows-1252"
	}
	return charmap.Windows1258, "windows-1258"
}

// vniFontBytes tells whether an undeclared, non-UTF-8 page names a VNI font.
func vniFontBytes(body []byte) bool {
	head := body
	if len(head) > metaScanLimit*4 {
		head = head[:metaScanLimit*4]
	}
	lower := strings.ToLower(string(head))
	return strings.Contains(lower, `face="vni-`) || strings.Contains(lower, `face='vni-`) || reVNIFontStyle.MatchString(lower)
}

// westernDefault are the charsets web servers send by default that no
// Vietnamese page is written in.
var westernDefault = map[string]bool{"windows-1252": true, "iso-8859-1": true, "us-ascii": true, "iso-8859-15": true}

func hasMultiByte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func lookup(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" {
		return nil, ""
	}
	enc, name := charset.Lookup(label)
	if enc == nil {
		return nil, ""
	}
	// A page that declares UTF-16 in a meta tag is not UTF-16 (the meta tag
	// could not have been read otherwise); the standard says treat it as UTF-8.
	if name == "utf-16be" || name == "utf-16le" || name == "utf-16" {
		return unicode.UTF8, "utf-8"
	}
	return enc, name
}

// metaCharset finds a <meta charset=…> or <meta http-equiv=Content-Type
// content="…; charset=…"> in the first metaScanLimit bytes.
func metaCharset(body []byte) string {
	if len(body) > metaScanLimit {
		body = body[:metaScanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var cs, content string
			var httpEquivCT bool
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "content":
					content = string(v)
				case "http-equiv":
					httpEquivCT = strings.EqualFold(string(v), "content-type")
				}
				if !more {
					break
				}
			}
			if cs != "" {
				return cs
			}
			if httpEquivCT && content != "" {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
				// Slice the lowered copy: ToLower can change the length of
				// invalid UTF-8, so its offsets are not content's.
				if lower := strings.ToLower(content); strings.Contains(lower, "charset=") {
					return strings.Trim(lower[strings.Index(lower, "charset=")+len("charset="):], `"'; `)
				}
			}
		}
	}
}
