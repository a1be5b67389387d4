package parsers

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/wardcrawl/wardcrawl/internal/asciifold"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Old ward pages hold text typed for legacy Vietnamese fonts: TCVN3 (.VnTime)
// and VNI (VNI-Times). Without the font a browser shows it as Latin-1
// ("Th«ng b¸o", "Thoâng baùo"). fixLegacyText repairs such text only where
// there is Vietnamese evidence: the element sets a .Vn or VNI font, or the
// repair turns the words it changes into Vietnamese syllables. Ordinary
// Latin-1 text (German, French, a © sign) is never converted.

var (
	reVnFont       = regexp.MustCompile(`(?i)^\s*["']?\.?vn[a-z]`)
	reVnFontStyle  = regexp.MustCompile(`(?i)font-family\s*:\s*["']?\.vn[a-z]+`)
	reVnUpperFont  = regexp.MustCompile(`(?i)^\s*["']?\.?vn[a-z]*h\b`)
	reVNIFont      = regexp.MustCompile(`(?i)^\s*["']?vni[- ]`)
	reVNIFontStyle = regexp.MustCompile(`(?i)font-family\s*:\s*["']?vni[- ]`)
)

// legacyFont is the legacy font an element's text is typed for.
type legacyFont int

const (
	noLegacyFont legacyFont = iota
	fontTCVN3
	fontVNI
)

// fontOf returns the font an element sets (face attribute or font-family).
func fontOf(n *html.Node) string {
	for _, a := range n.Attr {
		switch a.Key {
		case "face":
			return a.Val
		case "style":
			if i := asciifold.Index(a.Val, "font-family"); i >= 0 {
				v := a.Val[i+len("font-family"):]
				v = strings.TrimLeft(v, " :")
				if j := strings.IndexByte(v, ';'); j >= 0 {
					v = v[:j]
				}
				return v
			}
		}
	}
	return ""
}

// fixLegacyText converts TCVN3 and VNI text in a parsed page to Unicode:
// text under a .Vn or VNI font (or one the page's CSS sets for the whole
// page), and text that reads as Vietnamese syllables once converted. Text
// under an "H" font (.VnTimeH) is put in capitals, as the font shows it.
func fixLegacyText(doc *html.Node) {
	pageFont := noLegacyFont
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Style && n.FirstChild != nil {
			switch css := n.FirstChild.Data; {
			case reVNIFontStyle.MatchString(css):
				pageFont = fontVNI
			case reVnFontStyle.MatchString(css):
				pageFont = fontTCVN3
			}
			if pageFont != noLegacyFont {
				break
			}
		}
	}
	var walk func(n *html.Node, font legacyFont, upper bool)
	walk = func(n *html.Node, font legacyFont, upper bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				if c.DataAtom == atom.Script || c.DataAtom == atom.Style {
					continue
				}
				cf, cup := font, upper
				if f := fontOf(c); f != "" {
					first := strings.SplitN(f, ",", 2)[0]
					switch {
					case reVNIFont.MatchString(first): // before .Vn: "VNI-Times" also starts with "vn"
						cf, cup = fontVNI, false
					case reVnFont.MatchString(first):
						cf, cup = fontTCVN3, reVnUpperFont.MatchString(first)
					default:
						cf, cup = noLegacyFont, false
					}
				}
				walk(c, cf, cup)
			case html.TextNode:
				if !isASCII(c.Data) {
					c.Data = repairLegacy(c.Data, cmpFont(font, pageFont))
				}
				if upper {
					c.Data = strings.ToUpper(c.Data)
				}
			}
		}
	}
	walk(doc, noLegacyFont, false)
}

func cmpFont(own, page legacyFont) legacyFont {
	if own != noLegacyFont {
		return own
	}
	return page
}

// repairLegacy converts one run of text when its font or its words say it
// is TCVN3 or VNI.
func repairLegacy(t string, font legacyFont) string {
	switch font {
	case fontTCVN3:
		if looksTCVN3(t, true) {
			return FromTCVN3(t)
		}
		return t
	case fontVNI:
		return FromVNI(t)
	}
	if looksTCVN3(t, false) {
		if conv := FromTCVN3(t); mostlySyllables(t, conv) {
			return conv
		}
	}
	if looksVNI(t) {
		if conv := FromVNI(t); mostlySyllables(t, conv) {
			return conv
		}
	}
	return t
}

// vniOnly are the VNI mark bytes that are not letters of Unicode
// Vietnamese: ø (grave), û (hook), ï (dot below), å ä (circumflex with hook
// and dot), ü ë (breve with tilde and dot), ö (ư), ñ (đ), æ (ỉ), î (ỵ).
// Unicode Vietnamese text shares à, á, â, ã, ô, õ, ù… with VNI, so only these
// count as evidence.
const vniOnly = "øûïåäüëöñæîØÛÏÅÄÜËÖÑÆÎ"

// looksVNI tells whether a run of text is VNI shown as Latin-1: no letter
// of Unicode Vietnamese, and at least two VNI-only marks inside words.
func looksVNI(s string) bool {
	marks := 0
	prevLetter := false
	for _, r := range s {
		if vietnameseUnicode(r) {
			return false
		}
		if prevLetter && strings.ContainsRune(vniOnly, r) {
			marks++
		}
		prevLetter = unicode.IsLetter(r)
	}
	return marks >= 2
}

// mostlySyllables: at least one changed word is a syllable, and four in five of the
// words the conversion changed are Vietnamese syllables.
func mostlySyllables(orig, conv string) bool {
	changed, valid := syllableShare(orig, conv)
	return valid >= 1 && valid*5 >= changed*4
}

func hasVietnameseUnicode(s string) bool {
	for _, r := range s {
		if vietnameseUnicode(r) {
			return true
		}
	}
	return false
}
