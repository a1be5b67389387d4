package parsers

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The site stage. A page on its own cannot tell a portal's template from
// its text; a crawler sees the whole site. The welcome blurb, the "số
// người đang xem" line, the "Cơ quan chủ quản" sentence and the box of
// links to other articles recur on page after page of one portal, with
// only the numbers changing, while an article's own text appears once. The
// crawler observes every page it fetches into a SiteModel; once the model
// has seen enough articles, extraction drops from an article's text every
// paragraph the model has seen on a large share of the site's articles.
//
// Only article pages count paragraphs: a listing repeats the lead of each
// article it lists (on the home page, its category, a "tin mới" box), and
// counting those would make an article's own lead look like template.
// Listings count where their main block sits (the listing template path).
//
// A paragraph's fingerprint is its text lower-cased, with digits and
// whitespace folded. A paragraph that is all link text (an item of a box of
// links: each page shows other titles) is counted by its slot instead: the
// element path it sits at.

const (
	// ModelMinArticles is how many article pages the model must have seen
	// before it is trusted (before then it removes nothing).
	ModelMinArticles = 8
	// ModelMinPages: a paragraph seen on fewer pages is never chrome,
	// whatever the share: two articles that quote each other keep it.
	ModelMinPages = 4
	// ModelShare: a paragraph on at least this share of the site's article
	// pages is template chrome.
	ModelShare = 0.5
	// ModelCap bounds the blocks a model keeps per site; the rarest and
	// oldest are evicted first.
	ModelCap = 4096
	// modelPaths bounds the template paths a model keeps.
	modelPaths = 64
	// ModelWindow: when the model has counted twice this many articles,
	// every count is halved, so the model follows a portal whose template
	// changes: new chrome needs at most about this many new articles to
	// reach the share, and old chrome fades as it stops being seen.
	ModelWindow = 100
)

// Print is one paragraph of a page's main text as the site model sees it.
type Print struct {
	FP   uint64 // fingerprint of the folded text
	Slot uint64 // for a paragraph of link text only: its element path's; else 0
	Text string // the paragraph (a sample for the model)
	Path string // its element path
}

// PageKind is what a page is to the site model.
type PageKind int

const (
	KindOther PageKind = iota
	KindArticle
	KindListing
)

// Observation is what one page tells the site model.
type Observation struct {
	Prints     []Print  // the main text's paragraphs, before the site model
	Kind       PageKind // the final decision's: article, listing, other
	AnchorPath string   // where the page's longest prose block sits
	Title      uint64   // the title's key (titleKey)
	TitleText  string
}

// ModelBlock is a paragraph (or a link slot) the model has seen.
type ModelBlock struct {
	Pages   int    // distinct pages it was seen on
	Slot    bool   // a link slot (path), not a text
	Title   bool   // an article title's key: never chrome, it tells a numbered series
	Sample  string // the text, or the slot's path
	LastRun int64  // the run that last saw it
	// Applied: the site's stored articles were cleaned of this block (see
	// NewChrome); the crawler's bookkeeping.
	Applied bool
}

// TemplatePath counts the pages whose longest prose block sits at a path:
// articles, and other pages (listings, mostly: "Listings").
type TemplatePath struct {
	Articles, Listings int
	LastRun            int64
}

// SiteModel is what the crawler has learned of one site's template.
type SiteModel struct {
	Pages        int // distinct pages observed
	ArticlePages int // of which articles
	Blocks       map[uint64]*ModelBlock
	Paths        map[string]*TemplatePath
	// MinArticles and MinPages override ModelMinArticles and ModelMinPages
	// when > 0 (evaluation on small sites).
	MinArticles, MinPages int
}

// NewSiteModel returns an empty model.
func NewSiteModel() *SiteModel {
	return &SiteModel{Blocks: map[uint64]*ModelBlock{}, Paths: map[string]*TemplatePath{}}
}

// Trusted reports whether the model has seen enough articles to be used.
func (m *SiteModel) Trusted() bool {
	return m != nil && m.ArticlePages >= cmp0(m.MinArticles, ModelMinArticles)
}

func cmp0(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// Threshold is on how many article pages a block must be seen to be
// chrome: ModelShare of the articles counted, and at least ModelMinPages.
func (m *SiteModel) Threshold() int { return m.threshold() }

// ChromeBlocks is how many of the model's blocks are chrome.
func (m *SiteModel) ChromeBlocks() int {
	n := 0
	for k := range m.Blocks {
		if _, ok := m.Chrome(k); ok {
			n++
		}
	}
	return n
}

// threshold is how many pages make a paragraph chrome.
func (m *SiteModel) threshold() int {
	return max(cmp0(m.MinPages, ModelMinPages), int(math.Ceil(ModelShare*float64(m.ArticlePages))))
}

// Chrome reports whether the block with this key is template chrome, and
// on how many pages it was seen.
func (m *SiteModel) Chrome(key uint64) (pages int, ok bool) {
	if !m.Trusted() || key == 0 {
		return 0, false
	}
	b := m.Blocks[key]
	if b == nil || b.Title {
		return 0, false
	}
	return b.Pages, b.Pages >= m.threshold()
}

// Observe adds one page to the model. A page must be observed once: the
// crawler observes a URL the first time it fetches it.
func (m *SiteModel) Observe(o Observation, run int64) {
	m.Pages++
	if o.Kind == KindArticle {
		m.ArticlePages++
	}
	if o.Kind == KindArticle {
		m.count(o, run)
		if m.ArticlePages >= 2*ModelWindow {
			m.halve()
		}
	}
	if o.AnchorPath != "" { // a page that is not an article counts as a listing here
		t := m.Paths[o.AnchorPath]
		if t == nil {
			t = &TemplatePath{}
			m.Paths[o.AnchorPath] = t
		}
		if o.Kind == KindArticle {
			t.Articles++
		} else {
			t.Listings++
		}
		t.LastRun = run
	}
	m.evict()
}

// count adds an article's paragraphs, link slots and title.
func (m *SiteModel) count(o Observation, run int64) {
	seen := make(map[uint64]bool, len(o.Prints))
	add := func(key uint64, slot bool, sample string) {
		if key == 0 || seen[key] {
			return
		}
		seen[key] = true
		b := m.Blocks[key]
		if b == nil {
			b = &ModelBlock{Slot: slot, Title: key == o.Title}
			m.Blocks[key] = b
		}
		b.Pages++
		b.LastRun = run
		if b.Sample == "" && b.Pages > 1 {
			// Most blocks are an article's own paragraphs, seen once: only
			// a repeated one keeps its text, for site-model and why.
			b.Sample = clipRunes(sample, 160)
		}
	}
	for _, p := range o.Prints {
		if p.Slot != 0 {
			add(p.Slot, true, p.Path) // a box's items: each page shows other titles
		}
		add(p.FP, false, p.Text) // a menu: the same links everywhere
	}
	add(o.Title, false, "title: "+o.TitleText) // numbered series (see series)
}

// halve halves every count (a block seen once is dropped): shares stay,
// the past weighs half.
func (m *SiteModel) halve() {
	m.Pages, m.ArticlePages = m.Pages/2, m.ArticlePages/2
	for k, b := range m.Blocks {
		if b.Pages /= 2; b.Pages == 0 {
			delete(m.Blocks, k)
		}
	}
	for k, t := range m.Paths {
		t.Articles, t.Listings = t.Articles/2, t.Listings/2
		if t.Articles+t.Listings == 0 {
			delete(m.Paths, k)
		}
	}
}

// evict keeps the model within its caps: the blocks seen on the fewest
// pages, and of those the longest unseen, go first.
func (m *SiteModel) evict() {
	if len(m.Blocks) > ModelCap {
		type kv struct {
			k uint64
			b *ModelBlock
		}
		all := make([]kv, 0, len(m.Blocks))
		for k, b := range m.Blocks {
			all = append(all, kv{k, b})
		}
		slices.SortFunc(all, func(x, y kv) int {
			if x.b.Pages != y.b.Pages {
				return x.b.Pages - y.b.Pages
			}
			if x.b.LastRun != y.b.LastRun {
				return cmp.Compare(x.b.LastRun, y.b.LastRun)
			}
			return cmp.Compare(x.k, y.k)
		})
		for _, e := range all[:len(all)-ModelCap*9/10] {
			delete(m.Blocks, e.k)
		}
	}
	if len(m.Paths) > modelPaths {
		keys := make([]string, 0, len(m.Paths))
		for k := range m.Paths {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			x, y := m.Paths[a], m.Paths[b]
			if d := (x.Articles + x.Listings) - (y.Articles + y.Listings); d != 0 {
				return d
			}
			return strings.Compare(a, b)
		})
		for _, k := range keys[:len(keys)-modelPaths] {
			delete(m.Paths, k)
		}
	}
}

// ArticlePath is where most of the site's articles have their main text,
// when at least half of them agree and the site's listings do not put
// their longest prose there too (a CMS that renders a teaser with the
// body's own template, as Drupal's teaser view mode does, makes the path
// no evidence either way).
func (m *SiteModel) ArticlePath() (path string, pages int, ok bool) {
	var at *TemplatePath
	for p, t := range m.Paths {
		if t.Articles > pages || t.Articles == pages && p < path {
			path, pages, at = p, t.Articles, t
		}
	}
	return path, pages, m.Trusted() && pages*2 >= m.ArticlePages && at.Listings*10 <= at.Articles
}

// ListingPath is where most of the site's listing pages have their longest
// prose block (a teaser's summary), when it is not the articles' place.
func (m *SiteModel) ListingPath() (path string, pages int, ok bool) {
	var at *TemplatePath
	for p, t := range m.Paths {
		if t.Listings > pages || t.Listings == pages && p < path {
			path, pages, at = p, t.Listings, t
		}
	}
	return path, pages, m.Trusted() && pages >= cmp0(m.MinPages, ModelMinPages) && at.Articles*10 <= at.Listings
}

// NewChrome lists the chrome blocks the site's stored articles have not
// been cleaned of yet (see MarkApplied), in key order: when it is empty,
// CleanText would change no stored article that the model has seen.
func (m *SiteModel) NewChrome() []uint64 {
	var keys []uint64
	for k, b := range m.Blocks {
		if _, ok := m.Chrome(k); ok && !b.Applied {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// MarkApplied records that the stored articles were cleaned of the
// current chrome.
func (m *SiteModel) MarkApplied() {
	for _, k := range m.NewChrome() {
		m.Blocks[k].Applied = true
	}
}

// RemovedBlock is a paragraph the site model took out of an article.
type RemovedBlock struct {
	Text  string `json:"text"`
	Pages int    `json:"pages"` // the site's pages it was seen on
	Of    int    `json:"of"`    // the site's article pages
	Slot  string `json:"slot,omitempty"`
}

// CleanText applies the model to a stored article's title and text, with
// the link slots extraction recorded for its paragraphs (Article.Slots),
// and the same guards as extraction: in a numbered series only blocks
// without digits go, and a text the model would all but empty is kept
// whole. It returns the text and its slots after cleaning.
func (m *SiteModel) CleanText(title, text, slots string) (string, string, []RemovedBlock) {
	if !m.Trusted() {
		return text, slots, nil
	}
	paras := strings.Split(text, "\n\n")
	slotOf := decodeSlots(slots, len(paras))
	prints := make([]Print, len(paras))
	for i, p := range paras {
		prints[i] = Print{FP: Fingerprint(p), Slot: slotOf[i], Text: p}
	}
	verdicts := m.judge(title, prints)
	var kept []string
	var keptSlots []uint64
	var removed []RemovedBlock
	for i, p := range paras {
		if v := verdicts[i]; v.chrome {
			removed = append(removed, RemovedBlock{Text: clipRunes(p, 160), Pages: v.pages, Of: m.ArticlePages})
			continue
		}
		kept, keptSlots = append(kept, p), append(keptSlots, slotOf[i])
	}
	out := JoinParagraphs(kept)
	if len(removed) == 0 || utf8.RuneCountInString(out) < 80 {
		return text, slots, nil
	}
	return out, encodeSlots(keptSlots), removed
}

// verdict is the model's judgement of one paragraph of a page.
type verdict struct {
	chrome bool
	pages  int  // the article pages it was seen on
	slot   bool // judged by its link slot
}

// judge tells a page's template chrome from its text, paragraph by
// paragraph:
//
//   - a link-only paragraph whose slot is chrome is an item of the
//     template's box of links, wherever it is;
//   - a paragraph whose folded text is chrome is template, unless it sits
//     inside the article's own text: a CMS puts its chrome around the body
//     field it renders, not between the paragraphs of one article, and a
//     line repeated there ("Nơi nhận:", a series' recurring subheading) is
//     the author's. Inside means that the nearest paragraphs before and
//     after it that are not chrome are the page's own (seen on no other
//     article);
//   - in a numbered series, a paragraph with digits is never chrome by its
//     text (the numbers are the content).
func (m *SiteModel) judge(title string, prints []Print) []verdict {
	series := m.series(title)
	vs := make([]verdict, len(prints))
	for i, pr := range prints {
		if pr.Slot != 0 {
			if n, ok := m.Chrome(pr.Slot); ok {
				vs[i] = verdict{chrome: true, pages: n, slot: true}
				continue
			}
		}
		if series && strings.ContainsAny(pr.Text, "0123456789") {
			continue
		}
		if n, ok := m.Chrome(pr.FP); ok {
			vs[i] = verdict{chrome: true, pages: n}
		}
	}
	own := func(i int) bool {
		b := m.Blocks[prints[i].FP]
		return b == nil || b.Pages <= 1
	}
	for i, v := range vs {
		if !v.chrome || v.slot {
			continue
		}
		before, after := -1, -1
		for j := i - 1; j >= 0 && before < 0; j-- {
			if !vs[j].chrome {
				before = j
			}
		}
		for j := i + 1; j < len(vs) && after < 0; j++ {
			if !vs[j].chrome {
				after = j
			}
		}
		if before >= 0 && after >= 0 && own(before) && own(after) {
			vs[i] = verdict{}
		}
	}
	return vs
}

// encodeSlots writes the link slots of a text's paragraphs, by index
// ("3:9f0c…,4:9f0c…"), for the paragraphs that are link text only.
func encodeSlots(slots []uint64) string {
	var parts []string
	for i, s := range slots {
		if s != 0 {
			parts = append(parts, fmt.Sprintf("%d:%x", i, s))
		}
	}
	return strings.Join(parts, ",")
}

// decodeSlots reads encodeSlots for a text of n paragraphs (malformed or
// out-of-range entries are ignored).
func decodeSlots(s string, n int) []uint64 {
	out := make([]uint64, n)
	for _, part := range strings.Split(s, ",") {
		var i int
		var k uint64
		if _, err := fmt.Sscanf(part, "%d:%x", &i, &k); err == nil && i >= 0 && i < n {
			out[i] = k
		}
	}
	return out
}

// TopBlocks lists the n blocks seen on the most pages.
func (m *SiteModel) TopBlocks(n int) []ModelBlock {
	all := make([]ModelBlock, 0, len(m.Blocks))
	for _, b := range m.Blocks {
		all = append(all, *b)
	}
	slices.SortStableFunc(all, func(a, b ModelBlock) int {
		if a.Pages != b.Pages {
			return b.Pages - a.Pages
		}
		return strings.Compare(a.Sample, b.Sample)
	})
	return all[:min(n, len(all))]
}

// Fingerprint is a paragraph's site-model key: its text lower-cased, every
// run of digits one '#', whitespace collapsed.
func Fingerprint(text string) uint64 {
	var b strings.Builder
	b.Grow(len(text))
	space, digit := false, false
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsSpace(r):
			space, digit = b.Len() > 0, false
		case unicode.IsDigit(r):
			if space {
				b.WriteByte(' ')
				space = false
			}
			if !digit {
				b.WriteByte('#')
			}
			digit = true
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			digit = false
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(b.String()))
	return h.Sum64() | 1 // never 0
}

// titleKey is a title's key: its folded text in a namespace of its own.
// Titles that fold alike ("Lịch cắt điện ngày 12/10", "… ngày 19/10") make
// a numbered series.
func titleKey(title string) uint64 {
	if title == "" {
		return 0
	}
	return Fingerprint("\x00title\x00" + title)
}

// series reports a page whose title folds like those of other pages of the
// site: a numbered series, whose articles differ from each other in their
// numbers only. On such a page only blocks without digits are chrome.
func (m *SiteModel) series(title string) bool {
	b := m.Blocks[titleKey(title)]
	return b != nil && b.Pages >= max(2, cmp0(m.MinPages, ModelMinPages)-1)
}

// slotKey is a link slot's key.
func slotKey(path string) uint64 {
	h := fnv.New64a()
	h.Write([]byte("\x00slot\x00" + path))
	return h.Sum64() | 1
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// printParagraphs keeps what the site model sees of the cleaned text: each
// paragraph's fingerprint, and for a paragraph of link text only, its slot.
func (p *page) printParagraphs() {
	p.prints = make([]Print, 0, len(p.paras))
	for _, s := range p.paras {
		pr := Print{FP: Fingerprint(s), Text: s}
		if in, ok := p.paraInfo[s]; ok {
			pr.Path = in.path
			if in.linkOnly {
				pr.Slot = slotKey(in.path)
			}
		}
		p.prints = append(p.prints, pr)
	}
}

// siteStage applies the site model to the cleaned text (the observation
// for the crawler keeps the prints from before it).
func (p *page) siteStage() {
	m := p.opt.Site
	if !m.Trusted() {
		p.slots = encodeSlots(printSlots(p.prints))
		return
	}
	verdicts := m.judge(p.title, p.prints)
	kept := p.paras[:0:0]
	var keptPrints []Print
	var removed []RemovedBlock
	for i, pr := range p.prints {
		if v := verdicts[i]; v.chrome {
			rb := RemovedBlock{Text: clipRunes(pr.Text, 160), Pages: v.pages, Of: m.ArticlePages}
			if v.slot {
				rb.Slot = pr.Path
			}
			removed = append(removed, rb)
			continue
		}
		kept, keptPrints = append(kept, p.paras[i]), append(keptPrints, pr)
	}
	// The model never empties a page: a page whose text would be all
	// template is kept as it is (a little chrome beats a lost article).
	if text := JoinParagraphs(kept); len(removed) > 0 && utf8.RuneCountInString(text) >= 80 {
		p.paras, p.text, p.siteRemoved = kept, text, removed
		p.slots = encodeSlots(printSlots(keptPrints))
		return
	} else if len(removed) > 0 {
		p.siteNote = fmt.Sprintf("the site model would have left %d characters: not applied", utf8.RuneCountInString(text))
	}
	p.slots = encodeSlots(printSlots(p.prints))
}

func printSlots(prints []Print) []uint64 {
	out := make([]uint64, len(prints))
	for i, pr := range prints {
		out[i] = pr.Slot
	}
	return out
}
