package textsearch

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Thu hồi ĐẤT":                    "thu hoi dat",
		norm.NFD.String("Thu hồi đất"):   "thu hoi dat",
		"Quyết định số 12/QĐ-UBND":       "quyet dinh so 12/qd-ubnd",
		"PHƯỜNG Đống Đa, quận Đống Đa":   "phuong dong da, quan dong da",
		"Ủy ban nhân dân xã Ea H'Leo":    "uy ban nhan dan xa ea h'leo",
		"tiếng Việt có dấu: ă â ê ô ơ ư": "tieng viet co dau: a a e o o u",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// The snippet is the text around the first word found, with the words
// found marked, whatever their tones or case in the text; HTML is escaped.
func TestSnippet(t *testing.T) {
	q, _ := ParseQuery("thu hoi dat")
	text := "Mở đầu. " + strings.Repeat("Chữ ", 40) + "Việc THU HỒI ĐẤT <khu> A, tiếp theo là thu hồi nhà."
	segs := Snippet(text, q.Terms, 12)
	got := SnippetHTML(segs)
	if !strings.HasPrefix(got, "… ") || !strings.Contains(got, "<mark>THU HỒI ĐẤT</mark> &lt;khu&gt; A") || strings.Contains(got, "Mở đầu") {
		t.Errorf("snippet %q", got)
	}
	if got := SnippetHTML(Snippet("Không có gì.", q.Terms, 12)); got != "Không có gì." {
		t.Errorf("no hit: %q", got)
	}
}

// Queries parse into an FTS5 expression of folded words and phrases, and
// the same for PostgreSQL's to_tsquery; a query that cannot be one says
// why.
func TestParseQuery(t *testing.T) {
	for in, want := range map[string]string{
		"Thu hồi ĐẤT":                 `"thu" "hoi" "dat"`,
		`"thu hồi đất" OR bồi thườ*`:  `"thu hoi dat" OR "boi" "thuo"*`,
		"12/QĐ-UBND NOT (xã AND đất)": `"12 qd ubnd" NOT ( "xa" AND "dat" )`,
	} {
		q, err := ParseQuery(in)
		if err != nil || q.Match != want {
			t.Errorf("ParseQuery(%q) = %q, %v; want %q", in, q.Match, err, want)
		}
	}
	for in, want := range map[string]string{
		"Thu hồi ĐẤT":                 `'thu' & 'hoi' & 'dat'`,
		`"thu hồi đất" OR bồi thườ*`:  `('thu' <-> 'hoi' <-> 'dat') | 'boi' & 'thuo':*`,
		"12/QĐ-UBND NOT (xã AND đất)": `('12' <-> 'qd' <-> 'ubnd') & ! ( 'xa' & 'dat' )`,
		"(xã) phường":                 `( 'xa' ) & 'phuong'`,
	} {
		if q, err := ParseQuery(in); err != nil || q.TSQuery != want {
			t.Errorf("ParseQuery(%q).TSQuery = %q, %v; want %q", in, q.TSQuery, err, want)
		}
	}
	for in, want := range map[string]bool{
		`"thu hồi đất"`:            true,
		`12/QĐ-UBND phường`:        true,
		`"thu hồi" AND đất`:        true,
		`thu hồi đất`:              false,
		`"đất"`:                    false,
		`"thu hồi đất" OR bồi`:     false,
		`phường NOT "thu hồi đất"`: false,
	} {
		if q, err := ParseQuery(in); err != nil || q.Phrase != want {
			t.Errorf("ParseQuery(%q).Phrase = %v, %v; want %v", in, q.Phrase, err, want)
		}
	}
	for _, in := range []string{`"`, `*`, ``, `AND`, strings.Repeat("x", 501)} {
		if _, err := ParseQuery(in); err == nil {
			t.Errorf("ParseQuery(%q) accepted", in)
		}
	}
}

// Fold folds rune by rune as a whole-string NFD would: the same on
// composed and decomposed Vietnamese, ASCII, other scripts.
func TestFoldMatchesWholeStringNFD(t *testing.T) {
	reference := func(s string) string {
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			switch {
			case unicode.Is(unicode.Mn, r):
			case r == 'đ' || r == 'Đ':
				b.WriteRune('d')
			default:
				b.WriteRune(unicode.ToLower(r))
			}
		}
		return b.String()
	}
	text := "Ủy ban nhân dân phường Đống Đa thông báo: THU HỒI ĐẤT dự án số 12/QĐ-UBND; Ngữ, Ỹ, ẵ, ợ, ự — Ωμέγα, Привет, 東京, ﬁ"
	for _, s := range []string{text, norm.NFD.String(text), norm.NFKD.String(text), "plain ASCII Text 123", ""} {
		if got, want := Fold(s), reference(s); got != want {
			t.Errorf("Fold(%q)\n = %q\nwant %q", s, got, want)
		}
	}
}

// PlainWords: a query of words alone, each found anywhere, gives them, in
// order and repeated; a phrase, an operator or a prefix is not words alone.
func TestPlainWords(t *testing.T) {
	for in, want := range map[string]string{
		`Thu hồi ĐẤT`:       "thu hoi dat",
		`  thu   hồi `:      "thu hoi",
		`"đất"`:             "dat",
		`đất đất`:           "dat dat",
		`"thu hồi" đất`:     "",
		`12/QĐ-UBND`:        "",
		`thu AND hồi`:       "",
		`thu OR hồi`:        "",
		`thu NOT hồi`:       "",
		`(thu hồi)`:         "",
		`thu hồ*`:           "",
		`"thu hồi đất"`:     "",
		`phường 12/QĐ-UBND`: "",
	} {
		q, err := ParseQuery(in)
		if err != nil {
			t.Fatal(err)
		}
		words, ok := q.PlainWords()
		if got := strings.Join(words, " "); ok != (want != "") || ok && got != want {
			t.Errorf("PlainWords(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// OnePhrase: a query that is a phrase and nothing else gives its words.
func TestOnePhrase(t *testing.T) {
	for in, want := range map[string]string{
		`"Thu hồi ĐẤT"`:        "thu hoi dat",
		`12/QĐ-UBND`:           "12 qd ubnd",
		` "thu  hồi" `:         "thu hoi",
		`"thu hồi" AND đất`:    "",
		`"thu hồi" đất`:        "",
		`("thu hồi")`:          "",
		`"thu hồi" OR "đất"`:   "",
		`thu hồi`:              "",
		`"đất"`:                "",
		`12/QĐ-UBND phường`:    "",
		`"thu hồi đất" NOT xã`: "",
	} {
		q, err := ParseQuery(in)
		if err != nil {
			t.Fatal(err)
		}
		words, ok := q.OnePhrase()
		if got := strings.Join(words, " "); ok != (want != "") || ok && got != want {
			t.Errorf("OnePhrase(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
