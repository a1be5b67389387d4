package storage

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold is text as search sees it: every tone and mark removed (whatever
// the input's normal form), đ and Đ as d (a letter of its own, which
// removing marks leaves alone), lower case. A word folds to one word:
// "Thu hồi ĐẤT" → "thu hoi dat".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
