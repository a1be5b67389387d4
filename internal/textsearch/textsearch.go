// Package textsearch is how wardcrawl reads text for search: the folding
// shared by the index and the queries (no tones, no marks, đ as d, lower
// case), the query language, and snippets with the words found marked.
package textsearch

import (
	"errors"
	"fmt"
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold is text as search sees it: every tone and mark removed (whatever
// the input's normal form), đ and Đ as d (a letter of its own, which
// removing marks leaves alone), lower case. A word folds to one word:
// "Thu hồi ĐẤT" → "thu hoi dat".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case unicode.Is(unicode.Mn, r):
			// a combining mark (NFD input): dropped
		default:
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

// folded caches each non-ASCII letter's folding (Vietnamese text uses a
// few hundred).
var folded sync.Map // rune → string

// foldRune folds one rune: decomposed, marks dropped, đ as d, lower case.
func foldRune(r rune) string {
	if f, ok := folded.Load(r); ok {
		return f.(string)
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		switch {
		case unicode.Is(unicode.Mn, c):
		case c == 'đ' || c == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(c))
		}
	}
	f := b.String()
	folded.Store(r, f)
	return f
}

// Words are the folded words of s: its runs of letters and digits, as a
// query reads them and as the index keeps them (FTS5's unicode61
// tokenizer splits alike; PostgreSQL is given them so split).
func Words(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// ErrBadQuery is a search query that cannot be run; its message says why
// in words a reader of the search page understands.
var ErrBadQuery = errors.New("câu tìm kiếm không hợp lệ")

// Term is a word of a query, folded; Prefix: it ended in *.
type Term struct {
	Word   string
	Prefix bool
}

// Query is a parsed search query: the FTS5 expression it runs and the
// words it looks for (to highlight).
type Query struct {
	Raw   string
	Match string
	// TSQuery is the same expression for PostgreSQL's to_tsquery: words
	// quoted, a phrase's words joined by <->, a prefix as :*, & where
	// FTS5 reads AND (and between operands side by side), | for OR, & !
	// for NOT.
	TSQuery string
	Terms   []Term
	// Phrase: every text found holds a phrase of two words or more (a
	// quoted phrase, or a word with punctuation inside): the query has
	// one, and no OR or NOT. Such a query matches few texts, whatever its
	// words.
	Phrase bool
}

// maxQueryLength bounds a query, in bytes.
const maxQueryLength = 500

// ParseQuery reads a search query: words (every word must appear), "a
// phrase" in double quotes, AND, OR and NOT in capitals, parentheses, and
// word* for a prefix. Case, tones, marks and đ do not matter: the query is
// folded as the index is. A word with punctuation inside (12/QĐ-UBND) is
// the phrase of its parts.
func ParseQuery(q string) (Query, error) {
	out := Query{Raw: q}
	q = norm.NFC.String(strings.TrimSpace(q))
	if q == "" {
		return out, fmt.Errorf("%w: hãy nhập từ cần tìm", ErrBadQuery)
	}
	if len(q) > maxQueryLength {
		return out, fmt.Errorf("%w: dài quá %d ký tự", ErrBadQuery, maxQueryLength)
	}
	var parts, ts []string
	phrases, operators := 0, false
	operand := false // the last ts part ends an operand: one side by side is ANDed
	tsAdd := func(p string, starts, ends bool) {
		if starts && operand {
			ts = append(ts, "&")
		}
		ts = append(ts, p)
		operand = ends
	}
	addWords := func(s string, phrase bool) {
		words := Words(s)
		if len(words) == 0 {
			return
		}
		for _, w := range words {
			out.Terms = append(out.Terms, Term{Word: w})
		}
		if len(words) > 1 {
			phrases++
		}
		prefix := !phrase && strings.HasSuffix(s, "*")
		if prefix {
			out.Terms[len(out.Terms)-1].Prefix = true
		}
		p := `"` + strings.Join(words, " ") + `"`
		if prefix {
			p += "*"
		}
		parts = append(parts, p)
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + w + "'"
		}
		if prefix {
			quoted[len(quoted)-1] += ":*"
		}
		tp := strings.Join(quoted, " <-> ")
		if len(quoted) > 1 {
			tp = "(" + tp + ")"
		}
		tsAdd(tp, true, true)
	}
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"':
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return out, fmt.Errorf("%w: dấu ngoặc kép (\") chưa được đóng", ErrBadQuery)
			}
			addWords(q[i+1:i+1+end], true)
			i += end + 2
		case c == '(' || c == ')':
			parts = append(parts, string(c))
			tsAdd(string(c), c == '(', c == ')')
			i++
		default:
			end := strings.IndexAny(q[i:], " \t\n\r\"()")
			if end < 0 {
				end = len(q) - i
			}
			w := q[i : i+end]
			if w == "AND" || w == "OR" || w == "NOT" {
				operators = operators || w != "AND"
				parts = append(parts, w)
				tsAdd(map[string]string{"AND": "&", "OR": "|", "NOT": "& !"}[w], false, false)
			} else {
				addWords(w, false)
			}
			i += end
		}
	}
	if len(out.Terms) == 0 {
		return out, fmt.Errorf("%w: không có từ nào để tìm (chỉ có dấu hoặc toán tử)", ErrBadQuery)
	}
	out.Match = strings.Join(parts, " ")
	out.TSQuery = strings.Join(ts, " ")
	out.Phrase = phrases > 0 && !operators
	return out, nil
}

// OnePhrase is the words of a query that is one phrase of two words or
// more and nothing else (no other word, operator or prefix): "thu hồi
// đất" in quotes, or 12/QĐ-UBND.
func (q Query) OnePhrase() ([]string, bool) {
	if !q.Phrase || len(q.Terms) < 2 {
		return nil, false
	}
	words := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		if t.Prefix {
			return nil, false
		}
		words[i] = t.Word
	}
	return words, q.Match == `"`+strings.Join(words, " ")+`"`
}

// PlainWords is the words of a query that is words alone, each to be
// found anywhere in a text (thu hồi đất): no phrase, operator, prefix or
// parenthesis.
func (q Query) PlainWords() ([]string, bool) {
	if q.Phrase {
		return nil, false
	}
	words, quoted := make([]string, len(q.Terms)), make([]string, len(q.Terms))
	for i, t := range q.Terms {
		if t.Prefix {
			return nil, false
		}
		words[i], quoted[i] = t.Word, `"`+t.Word+`"`
	}
	return words, q.Match == strings.Join(quoted, " ")
}

// Segment is a piece of a snippet; Hit: a word the query looks for.
type Segment struct {
	Text string
	Hit  bool
}

// Snippet is the stretch of text around the first words a query looks
// for, at most about words long, with those words marked. A text without
// them gives its beginning.
func Snippet(text string, terms []Term, words int) []Segment {
	type word struct {
		start, end int
		hit        bool
	}
	var ws []word
	inWord := false
	for i, r := range text {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case letter && !inWord:
			ws = append(ws, word{start: i})
			inWord = true
		case !letter && inWord:
			ws[len(ws)-1].end = i
			inWord = false
		}
	}
	if inWord {
		ws[len(ws)-1].end = len(text)
	}
	first := -1
	for i := range ws {
		f := Fold(text[ws[i].start:ws[i].end])
		for _, t := range terms {
			if f == t.Word || t.Prefix && strings.HasPrefix(f, t.Word) {
				ws[i].hit = true
				if first < 0 {
					first = i
				}
				break
			}
		}
	}
	if len(ws) == 0 {
		return nil
	}
	from := max(0, first-words/3)
	to := min(len(ws), from+words)
	var out []Segment
	add := func(s string, hit bool) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Hit == hit {
			out[n-1].Text += s
			return
		}
		out = append(out, Segment{s, hit})
	}
	if from > 0 {
		add("… ", false)
	}
	pos := ws[from].start
	for _, w := range ws[from:to] {
		between := collapse(text[pos:w.start])
		// Words found side by side are marked as one.
		joined := w.hit && len(out) > 0 && out[len(out)-1].Hit && strings.TrimSpace(between) == ""
		add(between, joined)
		add(text[w.start:w.end], w.hit)
		pos = w.end
	}
	if to < len(ws) {
		add(" …", false)
	} else {
		add(collapse(text[pos:]), false)
	}
	return out
}

// collapse makes every run of white space one space.
func collapse(s string) string {
	var b strings.Builder
	prev := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !prev {
				b.WriteByte(' ')
			}
			prev = true
			continue
		}
		prev = false
		b.WriteRune(r)
	}
	return b.String()
}

// SnippetHTML is a snippet as HTML: the text escaped, the words found in
// <mark>.
func SnippetHTML(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Hit {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}

// SnippetText is a snippet as plain text (a feed's summary, a webhook's).
func SnippetText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	return b.String()
}
