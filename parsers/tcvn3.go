package parsers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// TCVN3 (TCVN 5712:1993 VN3, "ABC") is the 8-bit Vietnamese encoding of the
// .VnTime family of fonts. It turns up on old pages in two ways: a whole
// page saved as TCVN3 bytes, and TCVN3 text pasted into a UTF-8 page inside
// a <font face=".VnTime">, where a browser without the font shows it as
// Latin-1 ("Th«ng b¸o" for "Thông báo"). An "H" font (.VnTimeH) shows the
// same codes as capitals.

// tcvn3 maps the bytes 0xA1–0xFF to Unicode; a zero entry is unchanged.
var tcvn3 = [256]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// FromTCVN3 converts text whose characters are TCVN3 codes (as Latin-1 code
// points) to Unicode.
func FromTCVN3(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for _, r := range s {
		if r < 256 && tcvn3[r] != 0 {
			r = tcvn3[r]
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tcvn3Marker reports a TCVN3 code that Unicode Vietnamese text never holds
// as a letter: à, á, â… are letters in both, so they prove nothing; µ, ¸,
// «, ® are TCVN3 letters and symbols otherwise.
func tcvn3Marker(r rune) bool {
	if r >= 256 || tcvn3[r] == 0 {
		return false
	}
	return !unicode.IsLetter(r) || strings.ContainsRune("µªÆÇËÎÏÐÑÖØÜÞßäåæçëîïñöøûüþ", r)
}

// vietnameseUnicode reports a letter only Unicode Vietnamese text has: one
// beyond Latin-1 (ă, ơ, ư, đ, ạ, ế…) or a combining tone mark.
func vietnameseUnicode(r rune) bool {
	return r > 0xFF && unicode.IsLetter(r) || r >= 0x300 && r <= 0x323
}

// looksTCVN3 tells whether a run of text is TCVN3 shown as Latin-1: no
// letter of Unicode Vietnamese and at least two TCVN3 markers inside words.
// inFont lowers the bar to one marker.
func looksTCVN3(s string, inFont bool) bool {
	markers := 0
	prevLetter := false
	for _, r := range s {
		if vietnameseUnicode(r) {
			return false
		}
		m := tcvn3Marker(r)
		if m && (prevLetter || inFont) {
			markers++
		}
		prevLetter = unicode.IsLetter(r) || m
	}
	return markers >= 2 || inFont && markers >= 1
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// tcvn3Bytes tells whether an undeclared, non-UTF-8 body is TCVN3 rather
// than code page 1258: it names a .Vn font, or its high bytes are mostly
// TCVN3's tone-marked vowels (0xB5–0xBE: à ả ã á ạ ằ ẳ ẵ ắ), which in 1258
// are rare symbols (µ ¶ · ¸ ¹ º » ¼ ½ ¾).
func tcvn3Bytes(body []byte) bool {
	head := body
	if len(head) > metaScanLimit*4 {
		head = head[:metaScanLimit*4]
	}
	lower := strings.ToLower(string(head))
	if strings.Contains(lower, `face=".vn`) || strings.Contains(lower, `face='.vn`) || strings.Contains(lower, "face=.vn") || reVnFontStyle.MatchString(lower) {
		return true
	}
	high, vowels := 0, 0
	for _, c := range body {
		if c >= 0x80 {
			high++
			if c >= 0xB5 && c <= 0xBE {
				vowels++
			}
		}
	}
	return high >= 20 && vowels*5 >= high
}

// tcvn3Encoding decodes TCVN3 bytes (decoding only; wardcrawl never writes it).
type tcvn3Encoding struct{}

func (tcvn3Encoding) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: tcvn3Decoder{}}
}

func (tcvn3Encoding) NewEncoder() *encoding.Encoder {
	return encoding.Nop.NewEncoder()
}

type tcvn3Decoder struct{ transform.NopResetter }

func (tcvn3Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		r := rune(c)
		if tcvn3[c] != 0 {
			r = tcvn3[c]
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc++
	}
	return nDst, nSrc, nil
}
