package evaluate

import (
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// DefaultPhrases is the repo's list of chrome phrases: text that belongs to
// portal widgets and must never reach an article.
//
//go:embed chrome-phrases.txt
var defaultPhrases string

// Phrases parses a phrase list: one per line, '#' starts a comment.
func Phrases(list string) []string {
	var out []string
	for _, l := range strings.Split(list, "\n") {
		if i := strings.Index(l, "#"); i >= 0 {
			l = l[:i]
		}
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// DefaultPhrases returns the bundled chrome phrase list.
func DefaultPhrases() []string { return Phrases(defaultPhrases) }

// PageScore is one system's result on one page.
type PageScore struct {
	Page        string   `json:"page"`
	Family      string   `json:"family"`
	IsArticle   bool     `json:"is_article"`
	Precision   float64  `json:"precision"`
	Recall      float64  `json:"recall"`
	F1          float64  `json:"f1"`
	TextExact   bool     `json:"text_exact"`
	Leaked      []string `json:"leaked,omitempty"`
	Extra       []string `json:"extra_tokens,omitempty"`
	Missing     []string `json:"missing_tokens,omitempty"`
	ArticleOK   bool     `json:"is_article_ok"`
	TitleOK     *bool    `json:"title_ok,omitempty"`
	DateOK      *bool    `json:"date_ok,omitempty"`
	AuthorOK    *bool    `json:"author_ok,omitempty"`
	GotTitle    string   `json:"got_title"`
	GotDate     string   `json:"got_date"`
	GotAuthor   string   `json:"got_author"`
	Millis      float64  `json:"ms"`
	GotArticle  bool     `json:"got_is_article"`
	ElapsedNano int64    `json:"-"`
}

// Summary aggregates a system's scores over a set of pages. Text, title,
// date and author figures are over article pages only.
type Summary struct {
	Pages       int     `json:"pages"`
	Articles    int     `json:"articles"`
	Precision   float64 `json:"precision"`
	Recall      float64 `json:"recall"`
	F1          float64 `json:"f1"`
	MinF1       float64 `json:"min_f1"`
	TextExact   float64 `json:"text_exact"`
	Leaked      int     `json:"chrome_leaked"`
	ArticleAcc  float64 `json:"is_article_accuracy"`
	TitleAcc    float64 `json:"title_accuracy"`
	DateAcc     float64 `json:"date_accuracy"`
	AuthorAcc   float64 `json:"author_accuracy"`
	WithAuthor  int     `json:"pages_with_author_label"` // articles whose author is labelled, "" (none) included
	MsPerPage   float64 `json:"ms_per_page"`
	articleOK   int
	exactOK     int
	titleOK     int
	dateOK      int
	withTitle   int // articles whose title is labelled
	withDate    int // articles whose published_at is labelled
	authorOK    int
	elapsedNano int64
}

// SystemReport is one system over the corpus.
type SystemReport struct {
	Name     string              `json:"name"`
	Overall  Summary             `json:"overall"`
	Families map[string]*Summary `json:"families"`
	Pages    []PageScore         `json:"pages"`
}

// Report compares systems on one corpus.
type Report struct {
	Pages    int            `json:"pages"`
	Articles int            `json:"articles"`
	Families []string       `json:"families"`
	Systems  []SystemReport `json:"systems"`
}

// Evaluate runs each system over every page and scores it.
func Evaluate(pages []Page, phrases []string, systems ...System) Report {
	r := Report{Pages: len(pages)}
	fams := map[string]bool{}
	for _, p := range pages {
		fams[p.Meta.Family] = true
		if p.Meta.IsArticle {
			r.Articles++
		}
	}
	for f := range fams {
		r.Families = append(r.Families, f)
	}
	sort.Strings(r.Families)
	for _, sys := range systems {
		sr := SystemReport{Name: sys.Name, Families: map[string]*Summary{}}
		for _, p := range pages {
			ps := score(p, sys.Run(p), phrases)
			sr.Pages = append(sr.Pages, ps)
			sr.Overall.add(ps)
			fs := sr.Families[p.Meta.Family]
			if fs == nil {
				fs = &Summary{}
				sr.Families[p.Meta.Family] = fs
			}
			fs.add(ps)
		}
		sr.Overall.finish()
		for _, fs := range sr.Families {
			fs.finish()
		}
		r.Systems = append(r.Systems, sr)
	}
	return r
}

func score(p Page, o Output, phrases []string) PageScore {
	ps := PageScore{
		Page: p.Name, Family: p.Meta.Family, IsArticle: p.Meta.IsArticle,
		ArticleOK: o.IsArticle == p.Meta.IsArticle, GotArticle: o.IsArticle,
		GotTitle: o.Title, GotAuthor: o.Author,
		Millis: float64(o.Elapsed) / float64(time.Millisecond), ElapsedNano: int64(o.Elapsed),
	}
	if o.PublishedAt != nil {
		ps.GotDate = o.PublishedAt.Format(time.RFC3339)
	}
	if !p.Meta.IsArticle {
		return ps
	}
	ps.Precision, ps.Recall, ps.F1 = TokenPRF(o.Text, p.Gold)
	ps.Leaked = Leaks(o.Text, p.Gold, phrases)
	ps.TextExact = SameParagraphs(o.Text, p.Gold)
	ps.Extra, ps.Missing = TokenDiff(o.Text, p.Gold, 12)
	if p.Meta.Labelled("title") {
		ok := SameText(o.Title, p.Meta.Title)
		ps.TitleOK = &ok
	}
	if p.Meta.Labelled("published_at") {
		ok := DateMatches(o.PublishedAt, p.Meta.PublishedAt)
		ps.DateOK = &ok
	}
	if p.Meta.Labelled("author") { // "" is a label too: the page names no author
		ok := SameText(o.Author, p.Meta.Author)
		ps.AuthorOK = &ok
	}
	return ps
}

func (s *Summary) add(ps PageScore) {
	s.Pages++
	s.elapsedNano += ps.ElapsedNano
	if ps.ArticleOK {
		s.articleOK++
	}
	if !ps.IsArticle {
		return
	}
	if s.Articles == 0 || ps.F1 < s.MinF1 {
		s.MinF1 = ps.F1
	}
	s.Articles++
	s.Precision += ps.Precision
	s.Recall += ps.Recall
	s.F1 += ps.F1
	s.Leaked += len(ps.Leaked)
	if ps.TextExact {
		s.exactOK++
	}
	if ps.TitleOK != nil {
		s.withTitle++
		if *ps.TitleOK {
			s.titleOK++
		}
	}
	if ps.DateOK != nil {
		s.withDate++
		if *ps.DateOK {
			s.dateOK++
		}
	}
	if ps.AuthorOK != nil {
		s.WithAuthor++
		if *ps.AuthorOK {
			s.authorOK++
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *Summary) finish() {
	if s.Articles > 0 {
		n := float64(s.Articles)
		s.Precision /= n
		s.Recall /= n
		s.F1 /= n
	}
	s.ArticleAcc = ratio(s.articleOK, s.Pages)
	s.TextExact = ratio(s.exactOK, s.Articles)
	s.TitleAcc = ratio(s.titleOK, s.withTitle)
	s.DateAcc = ratio(s.dateOK, s.withDate)
	s.AuthorAcc = ratio(s.authorOK, s.WithAuthor)
	if s.Pages > 0 {
		s.MsPerPage = float64(s.elapsedNano) / float64(s.Pages) / float64(time.Millisecond)
	}
}

// Targets are the figures the parser must reach on the bundled corpus.
type Targets struct {
	MinF1, MinPageF1, MinTextExact, MinArticleAcc, MinDateAcc, MinTitleAcc float64
	MaxLeaked                                                              int
}

// DefaultTargets are issue 3's figures plus two of ours: MinPageF1, since a
// mean over 33 articles hides one page lost entirely, and MinTextExact,
// since F1 is a bag of words and cannot see a lost paragraph break or a
// table row run together.
var DefaultTargets = Targets{MinF1: 0.97, MinPageF1: 0.9, MinTextExact: 0.9, MinArticleAcc: 0.97, MinDateAcc: 0.97, MinTitleAcc: 0.97, MaxLeaked: 0}

// Check lists every target the system named sys misses; when base names a
// second system, sys must also match or beat its mean F1 in every family.
func (r Report) Check(sys, base string, t Targets) []string {
	s, b := r.system(sys), r.system(base)
	if s == nil {
		return []string{fmt.Sprintf("no results for %q", sys)}
	}
	var fails []string
	o := s.Overall
	if o.F1 < t.MinF1 {
		fails = append(fails, fmt.Sprintf("F1 %.4f < %.2f", o.F1, t.MinF1))
	}
	if o.MinF1 < t.MinPageF1 {
		var worst []string
		for _, p := range s.Pages {
			if p.IsArticle && p.F1 < t.MinPageF1 {
				worst = append(worst, fmt.Sprintf("%s %.3f", p.Page, p.F1))
			}
		}
		fails = append(fails, fmt.Sprintf("F1 below %.2f on %s", t.MinPageF1, strings.Join(worst, ", ")))
	}
	if o.TextExact < t.MinTextExact {
		fails = append(fails, fmt.Sprintf("text exact paragraph by paragraph on %.3f of articles < %.3f", o.TextExact, t.MinTextExact))
	}
	if o.Leaked > t.MaxLeaked {
		fails = append(fails, fmt.Sprintf("%d chrome phrases leaked (max %d)", o.Leaked, t.MaxLeaked))
	}
	if o.ArticleAcc < t.MinArticleAcc {
		fails = append(fails, fmt.Sprintf("is_article accuracy %.4f < %.2f", o.ArticleAcc, t.MinArticleAcc))
	}
	if o.DateAcc < t.MinDateAcc {
		fails = append(fails, fmt.Sprintf("published_at accuracy %.4f < %.2f", o.DateAcc, t.MinDateAcc))
	}
	if o.TitleAcc < t.MinTitleAcc {
		fails = append(fails, fmt.Sprintf("title accuracy %.4f < %.2f", o.TitleAcc, t.MinTitleAcc))
	}
	if b != nil {
		for _, f := range r.Families {
			fs, fb := s.Families[f], b.Families[f]
			if fs != nil && fb != nil && fs.Articles > 0 && fs.F1 < fb.F1 {
				fails = append(fails, fmt.Sprintf("family %s: F1 %.3f below %s's %.3f", f, fs.F1, base, fb.F1))
			}
		}
	}
	return fails
}

func (r Report) system(name string) *SystemReport {
	for i := range r.Systems {
		if r.Systems[i].Name == name {
			return &r.Systems[i]
		}
	}
	return nil
}

// WriteTable prints the comparison: overall figures, F1 per family, and,
// when verbose, every page where a system missed something.
func (r Report) WriteTable(w io.Writer, verbose bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "%d pages (%d articles, %d not), %d families\n\n", r.Pages, r.Articles, r.Pages-r.Articles, len(r.Families))
	head := "\t"
	for _, s := range r.Systems {
		head += s.Name + "\t"
	}
	fmt.Fprintln(tw, head)
	row := func(label string, f func(Summary) string) {
		line := label + "\t"
		for _, s := range r.Systems {
			line += f(s.Overall) + "\t"
		}
		fmt.Fprintln(tw, line)
	}
	f3 := func(v float64) string { return fmt.Sprintf("%.3f", v) }
	row("token precision", func(s Summary) string { return f3(s.Precision) })
	row("token recall", func(s Summary) string { return f3(s.Recall) })
	row("token F1 (mean)", func(s Summary) string { return f3(s.F1) })
	row("token F1 (worst page)", func(s Summary) string { return f3(s.MinF1) })
	row("text exact, paragraph by paragraph", func(s Summary) string { return f3(s.TextExact) })
	row("chrome phrases leaked", func(s Summary) string { return fmt.Sprint(s.Leaked) })
	row("is_article accuracy", func(s Summary) string { return f3(s.ArticleAcc) })
	row(fmt.Sprintf("title exact (%d labelled)", r.Systems[0].Overall.withTitle), func(s Summary) string { return f3(s.TitleAcc) })
	row(fmt.Sprintf("published_at exact (%d labelled)", r.Systems[0].Overall.withDate), func(s Summary) string { return f3(s.DateAcc) })
	row(fmt.Sprintf("author exact (%d labelled, \"\" = none)", r.Systems[0].Overall.WithAuthor), func(s Summary) string { return f3(s.AuthorAcc) })
	row("ms per page", func(s Summary) string { return fmt.Sprintf("%.2f", s.MsPerPage) })
	fmt.Fprintln(tw)
	head = "family\tpages\tarticles\t"
	for _, s := range r.Systems {
		head += "F1 " + s.Name + "\tis_article " + s.Name + "\t"
	}
	fmt.Fprintln(tw, head)
	for _, f := range r.Families {
		fs0 := r.Systems[0].Families[f]
		line := fmt.Sprintf("%s\t%d\t%d\t", f, fs0.Pages, fs0.Articles)
		for _, s := range r.Systems {
			fs := s.Families[f]
			fv := "-"
			if fs.Articles > 0 {
				fv = f3(fs.F1)
			}
			line += fmt.Sprintf("%s\t%d/%d\t", fv, fs.articleOK, fs.Pages)
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !verbose {
		return nil
	}
	for _, s := range r.Systems {
		fmt.Fprintf(w, "\n%s: pages with a miss\n", s.Name)
		for _, p := range s.Pages {
			var miss []string
			if !p.ArticleOK {
				miss = append(miss, fmt.Sprintf("is_article=%v", p.GotArticle))
			}
			if p.IsArticle {
				if !p.TextExact && p.F1 >= 0.999 {
					miss = append(miss, "paragraphs differ")
				}
				if p.F1 < 0.999 {
					miss = append(miss, fmt.Sprintf("F1=%.3f (P %.3f R %.3f)", p.F1, p.Precision, p.Recall))
					if len(p.Extra) > 0 {
						miss = append(miss, fmt.Sprintf("extra %q", strings.Join(p.Extra, " ")))
					}
					if len(p.Missing) > 0 {
						miss = append(miss, fmt.Sprintf("missing %q", strings.Join(p.Missing, " ")))
					}
				}
				if len(p.Leaked) > 0 {
					miss = append(miss, fmt.Sprintf("leaked %q", p.Leaked))
				}
				if p.TitleOK != nil && !*p.TitleOK {
					miss = append(miss, fmt.Sprintf("title %q", p.GotTitle))
				}
				if p.DateOK != nil && !*p.DateOK {
					miss = append(miss, fmt.Sprintf("date %q", p.GotDate))
				}
				if p.AuthorOK != nil && !*p.AuthorOK {
					miss = append(miss, fmt.Sprintf("author %q", p.GotAuthor))
				}
			}
			if len(miss) > 0 {
				fmt.Fprintf(w, "  %-40s %s\n", p.Page, strings.Join(miss, "; "))
			}
		}
	}
	return nil
}
