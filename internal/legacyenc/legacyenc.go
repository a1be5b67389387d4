// Package legacyenc writes Vietnamese text in the legacy encodings old ward
// pages still use, for the sample portals and the test corpus: code page
// 1258 and TCVN3 (ABC). Decoding them is the parser's job; this package is
// deliberately a separate, independently written table so that a mistake in
// one is caught by the other.
package legacyenc

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Windows1258 encodes text the way a Vietnamese Windows editor of the 2000s
// would: precomposed letters where code page 1258 has them, a base letter
// plus a combining tone mark where it does not.
func Windows1258(s string) []byte {
	enc := charmap.Windows1258
	var out []byte
	put := func(r rune) bool {
		b, ok := enc.EncodeRune(r)
		if ok {
			out = append(out, b)
		}
		return ok
	}
	for _, r := range norm.NFC.String(s) {
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
			continue
		}
		if put(r) {
			continue
		}
		// Split off the tone mark (it is not always last in NFD: ậ is
		// a + dot below + circumflex) and recompose the rest (ê, ơ, ă, â…).
		var tone rune
		var rest []rune
		for _, x := range norm.NFD.String(string(r)) {
			switch x {
			case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
				tone = x
			default:
				rest = append(rest, x)
			}
		}
		base := []rune(norm.NFC.String(string(rest)))
		if len(base) != 1 || !put(base[0]) || (tone != 0 && !put(tone)) {
			out = append(out, '?')
		}
	}
	return out
}

// tcvn3Pairs lists each Vietnamese letter with its TCVN3 byte, by vowel:
// plain, grave, hook, tilde, acute, dot below.
const tcvn3Pairs = `
a a à µ ả ¶ ã · á ¸ ạ ¹
ă ¨ ằ » ẳ ¼ ẵ ½ ắ ¾ ặ Æ
â © ầ Ç ẩ È ẫ É ấ Ê ậ Ë
e e è Ì ẻ Î ẽ Ï é Ð ẹ Ñ
ê ª ề Ò ể Ó ễ Ô ế Õ ệ Ö
i i ì × ỉ Ø ĩ Ü í Ý ị Þ
o o ò ß ỏ á õ â ó ã ọ ä
ô « ồ å ổ æ ỗ ç ố è ộ é
ơ ¬ ờ ê ở ë ỡ ì ớ í ợ î
u u ù ï ủ ñ ũ ò ú ó ụ ô
ư ­ ừ õ ử ö ữ ÷ ứ ø ự ù
y y ỳ ú ỷ û ỹ ü ý ý ỵ þ
đ ® Ă ¡ Â ¢ Đ § Ê £ Ô ¤ Ơ ¥ Ư ¦
`

var toTCVN3 = func() map[rune]byte {
	m := map[rune]byte{}
	f := strings.Fields(tcvn3Pairs)
	for i := 0; i+1 < len(f); i += 2 {
		u, _ := utf8.DecodeRuneInString(f[i])
		t, _ := utf8.DecodeRuneInString(f[i+1])
		if t > 0xff {
			panic(fmt.Sprintf("legacyenc: TCVN3 code for %q is not one byte", f[i]))
		}
		m[u] = byte(t)
	}
	return m
}()

// TCVN3 encodes text in TCVN3 (ABC), as typed for the .VnTime fonts. TCVN3
// has no capital letters with tone marks; text that needs them is typed in
// lower case and shown with an "H" font (.VnTimeH), so TCVN3 reports an
// error for them rather than guessing.
func TCVN3(s string) ([]byte, error) {
	var out []byte
	for _, r := range norm.NFC.String(s) {
		switch b, ok := toTCVN3[r]; {
		case r < utf8.RuneSelf:
			out = append(out, byte(r))
		case ok:
			out = append(out, b)
		default:
			return nil, fmt.Errorf("tcvn3: %q has no TCVN3 code", r)
		}
	}
	return out, nil
}

// Latin1 turns bytes into the string a browser shows for them as
// ISO-8859-1: each byte its own code point. A UTF-8 page that carries TCVN3
// text for a .VnTime font holds exactly these characters.
func Latin1(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}
