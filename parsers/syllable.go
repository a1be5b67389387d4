package parsers

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese is written in syllables: an optional initial consonant, a
// vowel cluster carrying at most one tone mark, and an optional final
// consonant. Text that a legacy-font repair would turn into such
// syllables is Vietnamese; text it would turn into "fỹr" or "Gesprọchs"
// is not, and is left alone.

// vnInitials are the initial consonants, longest first.
var vnInitials = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"}

// vnFinals are the final consonants, longest first.
var vnFinals = []string{"ng", "nh", "ch", "c", "m", "n", "p", "t"}

func vnVowel(r rune) bool { return strings.ContainsRune("aăâeêioôơuưy", r) }

// toneMarks are the five combining tone marks of Vietnamese.
func toneMark(r rune) bool {
	return r == '\u0300' || r == '\u0301' || r == '\u0303' || r == '\u0309' || r == '\u0323'
}

// vietnameseSyllable reports whether w (one word, any case) is a
// well-formed Vietnamese syllable.
func vietnameseSyllable(w string) bool {
	w = strings.ToLower(w)
	var b strings.Builder
	tones := 0
	for _, r := range norm.NFD.String(w) {
		if toneMark(r) {
			tones++
			continue
		}
		b.WriteRune(r)
	}
	if tones > 1 {
		return false
	}
	s := norm.NFC.String(b.String())
	for _, in := range vnInitials {
		if strings.HasPrefix(s, in) {
			// "gi" and "qu" may also be g/q before a vowel cluster that
			// starts with i/u; both readings are tried.
			if rhyme(s[len(in):]) {
				return true
			}
		}
	}
	return rhyme(s)
}

// rhyme reports whether s is one to three vowels and an optional final.
func rhyme(s string) bool {
	rs := []rune(s)
	v := 0
	for v < len(rs) && vnVowel(rs[v]) {
		v++
	}
	if v == 0 || v > 3 {
		return false
	}
	rest := string(rs[v:])
	if rest == "" {
		return true
	}
	for _, f := range vnFinals {
		if rest == f {
			return true
		}
	}
	return false
}

// syllableShare counts, among the words of s that changed from orig (same
// word positions), how many are Vietnamese syllables.
func syllableShare(orig, conv string) (changed, valid int) {
	ow := strings.FieldsFunc(orig, notWordRune)
	cw := strings.FieldsFunc(conv, notWordRune)
	if len(ow) != len(cw) {
		return 0, 0
	}
	for i := range ow {
		if ow[i] == cw[i] {
			continue
		}
		changed++
		if vietnameseSyllable(cw[i]) {
			valid++
		}
	}
	return changed, valid
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != 0xB5 && !legacyLetter(r)
}

// legacyLetter reports a Latin-1 code point that TCVN3 or VNI uses as a
// letter or mark inside words (« ¸ µ © ®…): kept inside a word when
// splitting, so that "Th«ng" is one word.
func legacyLetter(r rune) bool {
	return r >= 0xA1 && r <= 0xFF && (tcvn3[r] != 0 || vniMark(r))
}
