package evaluate

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/internal/corpus"
	"github.com/wardcrawl/wardcrawl/parsers"
)

const corpusDir = "../testdata/pages"

// TestCorpusMeetsTargets is issue 3's gate: the parser against the labelled
// corpus, with plain readability run on the same pages.
func TestCorpusMeetsTargets(t *testing.T) {
	pages, err := Load(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	fams := map[string]int{}
	articles := 0
	for _, p := range pages {
		fams[p.Meta.Family]++
		if p.Meta.IsArticle {
			articles++
		}
	}
	if len(pages) < 40 || len(fams) < 8 || articles == len(pages) || articles < 25 {
		t.Fatalf("corpus too small: %d pages, %d articles, %d families", len(pages), articles, len(fams))
	}
	rep := Evaluate(pages, DefaultPhrases(), Parser, Readability)
	var table bytes.Buffer
	if err := rep.WriteTable(&table, true); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", table.String())
	for _, f := range rep.Check(Parser.Name, Readability.Name, DefaultTargets) {
		t.Error(f)
	}
	// The baseline is really run: plain readability misses what the
	// corpus was written to catch.
	if r := rep.system(Readability.Name).Overall; r.Leaked == 0 || r.ArticleAcc > 0.9 {
		t.Errorf("readability leaked %d phrases with is_article accuracy %.2f; the corpus no longer tells the two apart", r.Leaked, r.ArticleAcc)
	}
}

// TestCorpusHasHardCases checks that the corpus holds what issue 3 lists,
// so that nobody trims it into an easy one.
func TestCorpusHasHardCases(t *testing.T) {
	pages, err := Load(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	var all, gold strings.Builder
	for _, p := range pages {
		text, _, err := parsers.Decode(p.HTML, p.Meta.ContentType)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(text)
		gold.WriteString(p.Gold)
	}
	for _, s := range []string{
		"Lượt xem: 174", "View count: 528", "A-", "Tăng tương phản", "Tổng số điểm của bài viết", "In bài viết",
		"Tin, ảnh:", "Các tin khác", "Tin cùng chuyên mục", "IMG20191004091522.jpg", "<p>&nbsp;</p>",
		"MsoNormal", "<br />", "figcaption", ".pdf", "Hà Nội, ngày 22-10-2020", "Thứ Hai, 12-10-2020",
		"Ngày đăng bài: 07/10/2019", "15/10/2020 12:12", "Cập nhật lúc 08:30 ngày 02/7/2020", "ngày 2 tháng 7 năm 2020",
		"14/10/2020 | 15:25", ".VnTime", "journal-content-article", "asset-publisher", "assetPublishDate",
		"ms-rtestate-field", "divArticleContent", "content-detail", "dnn_ctr", "entry-content", "articleBody",
	} {
		if !bytes.Contains([]byte(all.String()), []byte(s)) {
			t.Errorf("no page holds %q", s)
		}
	}
	if !strings.Contains(gold.String(), " | ") {
		t.Error("no gold text keeps a table row")
	}
}

// TestCorpusIsGenerated keeps testdata/pages equal to what
// internal/corpus writes: edit the generator, then run
// go run ./internal/corpus/gen -out testdata/pages.
func TestCorpusIsGenerated(t *testing.T) {
	files := corpus.Files()
	on, _ := filepath.Glob(filepath.Join(corpusDir, "*.meta.json"))
	if len(on) != len(files) {
		t.Errorf("testdata/pages has %d pages, the generator %d", len(on), len(files))
	}
	for _, f := range files {
		h, g, m, err := f.Encoded()
		if err != nil {
			t.Fatal(err)
		}
		for ext, want := range map[string][]byte{".html": h, ".gold.txt": g, ".meta.json": m} {
			got, err := os.ReadFile(filepath.Join(corpusDir, f.Name+ext))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s%s is not what the generator writes; run go run ./internal/corpus/gen -out testdata/pages", f.Name, ext)
			}
		}
	}
}

// A system that keeps the whole page's text must fail the check.
func TestCheckBites(t *testing.T) {
	pages, err := Load(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	whole := System{Name: "whole-page", Run: func(p Page) Output {
		doc, _ := parsers.ParseHTML(p.HTML, p.Meta.ContentType)
		return Output{IsArticle: true, Text: parsers.JoinParagraphs(parsers.Paragraphs(doc))}
	}}
	rep := Evaluate(pages, DefaultPhrases(), whole, Readability)
	fails := rep.Check(whole.Name, Readability.Name, DefaultTargets)
	for _, want := range []string{"F1", "chrome phrases leaked", "is_article", "published_at", "title"} {
		found := false
		for _, f := range fails {
			found = found || strings.Contains(f, want)
		}
		if !found {
			t.Errorf("check did not report %q for the whole-page system: %q", want, fails)
		}
	}
}

func TestTokenPRF(t *testing.T) {
	for _, c := range []struct {
		got, gold string
		p, r      float64
	}{
		{"Hà Nội, ngày 2", "hà nội ngày 2", 1, 1},
		{"a b c d", "a b", 0.5, 1},
		{"a", "a b c d", 1, 0.25},
		{"x y", "a b", 0, 0},
		{"", "", 1, 1},
		{"a a a", "a", 1.0 / 3, 1},
	} {
		p, r, _ := TokenPRF(c.got, c.gold)
		if p != c.p || r != c.r {
			t.Errorf("TokenPRF(%q, %q) = P %.3f R %.3f, want %.3f %.3f", c.got, c.gold, p, r, c.p, c.r)
		}
	}
	// NFD and NFC are the same words.
	if _, _, f := TokenPRF("Tha\u0300nh", "Thành"); f != 1 {
		t.Errorf("NFD vs NFC F1 = %v", f)
	}
}

func TestDateMatches(t *testing.T) {
	at := func(s string) *time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &tm
	}
	for _, c := range []struct {
		got   *time.Time
		label string
		want  bool
	}{
		{at("2020-10-14T15:25:00+07:00"), "2020-10-14T15:25:00+07:00", true},
		{at("2020-10-14T08:25:00Z"), "2020-10-14T15:25:00+07:00", true},
		{at("2020-10-14T15:26:00+07:00"), "2020-10-14T15:25:00+07:00", false},
		{at("2020-10-14T00:00:00+07:00"), "2020-10-14T15:25:00+07:00", false},
		{at("2020-10-14T23:30:00+07:00"), "2020-10-14", true},
		{at("2020-10-14T20:30:00Z"), "2020-10-14", false}, // 03:30 next day in Vietnam
		{nil, "", true},
		{nil, "2020-10-14", false},
		{at("2020-10-14T00:00:00+07:00"), "", false},
	} {
		if got := DateMatches(c.got, c.label); got != c.want {
			t.Errorf("DateMatches(%v, %q) = %v", c.got, c.label, got)
		}
	}
}

func TestLeaksAndParagraphs(t *testing.T) {
	got := "Bài viết.\n\nLượt xem: 174\n\nBình luận hay"
	if l := Leaks(got, "Bài viết.", []string{"lượt xem", "bình luận hay", "không có"}); len(l) != 2 {
		t.Errorf("Leaks = %q", l)
	}
	// A phrase the gold text itself holds is not a leak.
	if l := Leaks("Ban hành văn bản mới", "Ban hành văn bản mới", []string{"văn bản mới"}); len(l) != 0 {
		t.Errorf("Leaks = %q", l)
	}
	if !SameParagraphs("a\n\nb | c", "a\n\n b  |  c \n") || SameParagraphs("a b | c", "a\n\nb | c") {
		t.Error("SameParagraphs does not compare paragraph by paragraph")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); err == nil {
		t.Error("empty corpus loaded")
	}
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.meta.json", `{"family":"x","url":"http://a.example/","is_article":true,"title":"T","published_at":"14/10/2020","author":""}`)
	write("a.html", "<p>x</p>")
	write("a.gold.txt", "x")
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "published_at") {
		t.Errorf("bad date: %v", err)
	}
	write("a.meta.json", `{"family":"x","url":"http://a.example/","is_article":true,"title":"T","published_at":"","author":"","extra":1}`)
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "extra") {
		t.Errorf("unknown field: %v", err)
	}
	write("a.meta.json", `{"family":"x","url":"http://a.example/","is_article":true,"title":"T","published_at":"","author":""}`)
	write("a.gold.txt", "  ")
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "gold") {
		t.Errorf("empty gold: %v", err)
	}
}

// A meta file may leave title, date and author unlabelled (the shared real
// page sets do): those fields are skipped, not scored as "none". A page may
// be stored gzipped as NAME.html.gz.
func TestLoadUnlabelledAndGzip(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := `<html><head><title>Ignored title</title></head><body><article><h1>Ignored title</h1>` +
		strings.Repeat("<p>The council met on Monday to talk about the new road through the village and its cost.</p>", 4) +
		`</article></body></html>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	write("a.html.gz", gz.Bytes())
	write("a.gold.txt", []byte(strings.Repeat("The council met on Monday to talk about the new road through the village and its cost.\n\n", 4)))
	write("a.meta.json", []byte(`{"family":"x","url":"http://a.example/a","is_article":true,"title":"","published_at":"","author":"","unlabelled":["title","published_at","author"]}`))
	pages, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if string(pages[0].HTML) != page {
		t.Fatalf("gzipped page read as %q", pages[0].HTML)
	}
	rep := Evaluate(pages, nil, System{Name: "fixed", Run: func(Page) Output {
		return Output{IsArticle: true, Title: "Some other title", Text: pages[0].Gold}
	}})
	ps := rep.Systems[0].Pages[0]
	if ps.TitleOK != nil || ps.DateOK != nil || ps.AuthorOK != nil {
		t.Errorf("unlabelled fields were scored: title %v date %v author %v", ps.TitleOK, ps.DateOK, ps.AuthorOK)
	}
	if o := rep.Systems[0].Overall; o.TitleAcc != 1 || o.DateAcc != 1 || o.F1 != 1 || o.withTitle != 0 {
		t.Errorf("summary counts unlabelled fields: %+v", o)
	}
	// Without the list the same output is a wrong title and a wrong date.
	pages[0].Meta.Unlabelled = nil
	pages[0].Meta.Title = "Ignored title"
	rep = Evaluate(pages, nil, System{Name: "fixed", Run: func(Page) Output {
		tm := time.Now()
		return Output{IsArticle: true, Title: "Some other title", PublishedAt: &tm, Text: pages[0].Gold}
	}})
	if o := rep.Systems[0].Overall; o.TitleAcc != 0 || o.DateAcc != 0 {
		t.Errorf("labelled fields not scored: title %.2f date %.2f", o.TitleAcc, o.DateAcc)
	}
	write("a.meta.json", []byte(`{"family":"x","url":"http://a.example/a","is_article":true,"title":"","published_at":"","author":"","unlabelled":["text"]}`))
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), `"text"`) {
		t.Errorf("unknown unlabelled field: %v", err)
	}
}
