// Package asciifold finds ASCII words in text of any bytes, ignoring ASCII
// case. strings.Index(strings.ToLower(s), w) does not give an index into
// s: ToLower turns each invalid UTF-8 byte into a 3-byte U+FFFD, and
// changes the length of some letters (Ⱥ, 2 bytes, lowers to ⱥ, 3), so the
// index can point past the end of s, or to the wrong place in it.
package asciifold

// Index is the index in s of the first instance of word, which must be
// lower-case ASCII, with s's ASCII letters compared in either case; -1 if
// there is none.
func Index(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if HasPrefix(s[i:], word) {
			return i
		}
	}
	return -1
}

// HasPrefix reports whether s starts with word (lower-case ASCII),
// ignoring the case of s's ASCII letters.
func HasPrefix(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for j := 0; j < len(word); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[j] {
			return false
		}
	}
	return true
}
