package parsers

import (
	"strings"
	"unicode"
)

// VNI-Windows is the other legacy Vietnamese font encoding (fonts named
// "VNI-Times", "VNI-Helve"…). A letter with diacritics is a base letter
// followed by a mark byte, both shown as Latin-1 by a browser without the
// font: "Thoâng baùo" for "Thông báo". ơ, ư, đ, and i and ỵ with tones are
// single bytes. The table follows the VNI code chart (lower case; the
// upper-case marks are the same bytes minus 0x20).

// vniCombine maps a base vowel and a mark byte to the letter they make.
var vniCombine = map[[2]rune]rune{}

// vniSingle maps the single-byte VNI letters.
var vniSingle = map[rune]rune{
	'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
	'Ô': 'Ơ', 'Ö': 'Ư', 'Ñ': 'Đ', 'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ',
}

func init() {
	tones := []rune{'ù', 'ø', 'û', 'õ', 'ï'}    // acute, grave, hook, tilde, dot below
	hat := []rune{'â', 'á', 'à', 'å', 'ã', 'ä'} // circumflex: plain, then the five tones
	breve := []rune{'ê', 'é', 'è', 'ú', 'ü', 'ë'}
	rows := []struct {
		base  rune
		marks []rune
		out   string
	}{
		{'a', tones, "áàảãạ"}, {'a', hat, "âấầẩẫậ"}, {'a', breve, "ăắằẳẵặ"},
		{'e', tones, "éèẻẽẹ"}, {'e', hat, "êếềểễệ"},
		{'o', tones, "óòỏõọ"}, {'o', hat, "ôốồổỗộ"},
		{'ô', tones, "ớờởỡợ"}, // ô is ơ
		{'u', tones, "úùủũụ"},
		{'ö', tones, "ứừửữự"}, // ö is ư
		{'y', tones[:4], "ýỳỷỹ"},
	}
	for _, row := range rows {
		out := []rune(row.out)
		for i, m := range row.marks {
			vniCombine[[2]rune{row.base, m}] = out[i]
			up := unicode.ToUpper(row.base)
			vniCombine[[2]rune{up, unicode.ToUpper(m)}] = unicode.ToUpper(out[i])
			vniCombine[[2]rune{up, m}] = unicode.ToUpper(out[i])
		}
	}
}

// vniMark reports a Latin-1 code point VNI uses as a mark or a letter.
func vniMark(r rune) bool {
	if _, ok := vniSingle[r]; ok {
		return true
	}
	return strings.ContainsRune("ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË", r)
}

// FromVNI converts text typed in a VNI font (shown as Latin-1) to Unicode.
func FromVNI(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i+1 < len(rs) {
			if c, ok := vniCombine[[2]rune{r, rs[i+1]}]; ok {
				b.WriteRune(c)
				i++
				continue
			}
		}
		if c, ok := vniSingle[r]; ok {
			b.WriteRune(c)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
