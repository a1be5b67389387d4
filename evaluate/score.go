package evaluate

import (
	"strings"
	"time"
	"unicode"

	"github.com/wardcrawl/wardcrawl/parsers"
)

// Tokens splits text into lower-case NFC words: runs of letters and digits.
func Tokens(text string) []string {
	text = strings.ToLower(parsers.CleanLine(text))
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// TokenPRF is bag-of-words precision, recall and F1 of got against gold.
// Two empty texts score 1.
func TokenPRF(got, gold string) (p, r, f float64) {
	g, w := Tokens(got), Tokens(gold)
	if len(g) == 0 && len(w) == 0 {
		return 1, 1, 1
	}
	want := map[string]int{}
	for _, t := range w {
		want[t]++
	}
	common := 0
	for _, t := range g {
		if want[t] > 0 {
			want[t]--
			common++
		}
	}
	if common == 0 {
		return 0, 0, 0
	}
	p = float64(common) / float64(len(g))
	r = float64(common) / float64(len(w))
	return p, r, 2 * p * r / (p + r)
}

// TokenDiff lists, in order, the tokens of got that gold does not have
// (extra) and those of gold that got lacks (missing), at most max each.
func TokenDiff(got, gold string, max int) (extra, missing []string) {
	g, w := Tokens(got), Tokens(gold)
	diff := func(a, b []string) []string {
		have := map[string]int{}
		for _, t := range b {
			have[t]++
		}
		var out []string
		for _, t := range a {
			if have[t] > 0 {
				have[t]--
			} else if len(out) < max {
				out = append(out, t)
			}
		}
		return out
	}
	return diff(g, w), diff(w, g)
}

// Leaks lists the chrome phrases found in got more often than in gold
// (case-insensitive, after normalization).
func Leaks(got, gold string, phrases []string) []string {
	g := strings.ToLower(parsers.CleanLine(got))
	w := strings.ToLower(parsers.CleanLine(gold))
	var out []string
	for _, ph := range phrases {
		ph = strings.ToLower(parsers.CleanLine(ph))
		if ph != "" && strings.Count(g, ph) > strings.Count(w, ph) {
			out = append(out, ph)
		}
	}
	return out
}

// DateMatches compares an extracted date with a label: to the minute when
// the label has a time of day, to the day otherwise; both absent matches.
func DateMatches(got *time.Time, label string) bool {
	if label == "" {
		return got == nil
	}
	if got == nil {
		return false
	}
	want, withTime, err := goldDate(label)
	if err != nil {
		return false
	}
	g := got.In(parsers.Vietnam)
	if withTime {
		return g.Truncate(time.Minute).Equal(want.Truncate(time.Minute))
	}
	y1, m1, d1 := g.Date()
	y2, m2, d2 := want.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// SameText compares titles and authors: equal after normalization.
func SameText(a, b string) bool {
	return parsers.CleanLine(a) == parsers.CleanLine(b)
}

// Paragraphs splits a text into its normalized, non-empty paragraphs
// (separated by blank lines).
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = parsers.CleanLine(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SameParagraphs tells whether got has exactly gold's paragraphs, in order:
// the same words, the same paragraph breaks, one line per table row.
func SameParagraphs(got, gold string) bool {
	g, w := Paragraphs(got), Paragraphs(gold)
	if len(g) != len(w) {
		return false
	}
	for i := range g {
		if g[i] != w[i] {
			return false
		}
	}
	return true
}
