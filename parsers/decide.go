package parsers

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The article decision weighs evidence. Each signal adds a weight (positive
// for an article, negative against); a page is an article when the sum is
// at least zero. No single missing signal vetoes an article: a page with a
// headline and a long, coherent main text and no listing pattern is an
// article whether or not it shows a date. Only a page with (almost) no main
// text, or one the site's article_pattern excludes, is rejected outright.

// Signal is one piece of evidence in the article decision.
type Signal struct {
	Name   string  `json:"name"`
	Value  string  `json:"value"`
	Weight float64 `json:"weight"`
	// Reason is the signal's wording in a non-article's reason.
	Reason string `json:"-"`
}

// Explanation says how a page was read and judged (extract --explain,
// wardcrawl why).
type Explanation struct {
	Decision  string   `json:"decision"` // "article" or "not an article"
	Score     float64  `json:"score"`
	Threshold float64  `json:"threshold"`
	Signals   []Signal `json:"signals"`
	Body      string   `json:"body"`
	Floor     string   `json:"floor,omitempty"`
	Lead      bool     `json:"lead_added"`
	Title     string   `json:"title"`
	Date      string   `json:"date"`
	Author    string   `json:"author,omitempty"`
	TextChars int      `json:"text_chars"`
	// LongParagraphs counts the main text's paragraphs of 100+ characters.
	LongParagraphs int `json:"long_paragraphs"`
	PageProse      int `json:"page_prose_chars"`
	// Reason is the rejection's reason; empty for an article.
	Reason string `json:"reason,omitempty"`
	// SiteRemoved are the paragraphs the site model took out, each with
	// the number of the site's pages it was seen on; SiteModel says what
	// the model knew.
	SiteRemoved []RemovedBlock `json:"site_model_removed,omitempty"`
	SiteModel   string         `json:"site_model,omitempty"`
}

// LooksLikeArticle reports a rejected page that reads like one: a
// substantial main text in several paragraphs, and no strong sign of a
// listing, a utility page, a front page or a record. A site whose pages
// are mostly rejected this way has lost its articles to the parser, not
// to its structure; the crawl says so.
func (e *Explanation) LooksLikeArticle() bool {
	if e == nil || e.Decision == "article" || e.TextChars < 500 || e.LongParagraphs < 2 {
		return false
	}
	for _, s := range e.Signals {
		if s.Weight <= -3 {
			return false
		}
	}
	return true
}

// ReasonKind is the reason without its figures, for counting rejections
// by kind: "listing: N teasers …", "no publish date".
func (e *Explanation) ReasonKind() string {
	r := e.Reason
	if i := strings.Index(r, " (score"); i >= 0 {
		r = r[:i]
	}
	if i := strings.Index(r, ";"); i >= 0 {
		r = r[:i]
	}
	return strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return 'N'
		}
		return c
	}, r)
}

// nonArticlePath matches the path segment or query parameter of a contact,
// search, sitemap or login page; words inside an article's slug do not count.
var nonArticlePath = regexp.MustCompile(`(?i)(?:^|/)(?:lien-he|lienhe|contact|contact-us|tim-kiem|timkiem|search|seek|sitemap|so-do-site|sodosite|dang-nhap|login|register|dang-ky)(?:$|/|\.[a-z]+(?:$|\?)|\?)|[?&](?:nv|module|option|view|mod)=(?:seek|search|com_search|com_contact|contact|lienhe|timkiem)(?:$|&)`)

// staticPagePath is a portal's standing page about itself: introduction,
// organisation chart, history, functions and duties.
var staticPagePath = regexp.MustCompile(`(?i)(?:^|/)(?:gioi-thieu|gioithieu|gioi-thieu-chung|about|about-us|co-cau-to-chuc|cocautochuc|so-do-to-chuc|lich-su|lich-su-hinh-thanh|chuc-nang-nhiem-vu|chucnangnhiemvu|thong-tin-chung|lanh-dao|ban-lanh-dao)(?:$|/|\.[a-z]+$)`)

// homePath is a site's front page.
var homePath = regexp.MustCompile(`(?i)^/?(?:index\.\w+|default\.aspx|pages/default\.aspx|home|trang-chu|trangchu|portal)?/?$`)

// listingPath is a category, tag or archive page, or a page of a
// paginated list.
var listingPath = regexp.MustCompile(`(?i)(?:^|/)(?:category|categories|tag|tags|chuyen-muc|chuyenmuc|danh-muc|archive|archives)(?:/|$)|[?&](?:page|trang|p|paged|start|pageindex|pagenumber)=\d+`)

// articleURL is a path that reads like one article's: a slug of four or
// more words, a numeric id, or a date.
var articleURL = regexp.MustCompile(`(?i)/[^/?]*[a-z0-9]+(?:[-_][a-z0-9]+){3,}[^/?]*/?$|[-_/.](?:id)?\d{4,}(?:\.[a-z]+)?/?$|/(?:19|20)\d{2}/\d{1,2}/`)

var reAttachment = regexp.MustCompile(`\.(?:pdf|docx?|xlsx?|pptx?|odt|zip|rar)(?:[?#]|$)`)

// weighPage finds the evidence that lies in the page's markup, before the
// site stage: what the page says it is, its headline, the listing patterns
// of its main block, its date and URL. decide adds the evidence of the
// text, which the site model may still shorten, and sums.
func (p *page) weighPage() {
	var lead, block, tail []Signal
	add := func(to *[]Signal, name, value string, w float64, reason string) {
		*to = append(*to, Signal{Name: name, Value: value, Weight: w, Reason: reason})
	}
	if p.opt.ArticleHint != nil && *p.opt.ArticleHint {
		add(&lead, "article_pattern", "matches", 10, "")
	}

	// What the page says it is.
	switch {
	case p.meta.articleType() != "":
		add(&lead, "structured data", "schema.org "+p.meta.articleType(), 3, "")
	case p.meta.ogType == "article":
		add(&lead, "structured data", "og:type article", 2, "")
	case p.meta.listingType() != "":
		add(&lead, "structured data", "schema.org "+p.meta.listingType(), -2, "structured data says "+p.meta.listingType())
	}

	// Headline.
	ref := strings.ToLower(p.meta.ogTitle + " \x00 " + p.meta.docTitle + " \x00 " + p.meta.ldHeadline)
	switch {
	case p.title == "":
		add(&lead, "headline", "none", -2, "no title")
	case p.titleNode != nil && strings.Contains(ref, strings.ToLower(p.title)):
		add(&lead, "headline", "a heading that matches the page title", 1, "")
	case p.titleNode != nil:
		add(&lead, "headline", "a heading", 0.5, "")
	default:
		add(&lead, "headline", "from metadata only", 0, "")
	}
	if titleLinksElsewhere(p.titleNode, p.url) {
		add(&lead, "headline link", "the headline links to another page", -4, "listing: the headline links to another page")
	}

	// Listing patterns in the main block.
	if p.root != nil {
		p.proseChars = proseOf(p.root)
		st := mainStats(p.root)
		if st.all > 0 {
			d := float64(st.linkChars) / float64(st.all)
			switch {
			case d > 0.5:
				add(&block, "link density", fmt.Sprintf("%.2f", d), -4, "mostly links")
			case d > 0.3:
				add(&block, "link density", fmt.Sprintf("%.2f", d), -2, "many links")
			}
		}
		chars := utf8.RuneCountInString(p.text)
		if st.teasers > 0 {
			share := float64(st.teaserChars) / float64(max(st.all, 1))
			v := fmt.Sprintf("%d teasers (headline link with summary), %.0f%% of the main block", st.teasers, share*100)
			switch {
			case st.teasers >= 2 && (share >= 0.35 || st.teasers >= 4 && chars < 1500):
				add(&block, "listing teasers", v, -5, fmt.Sprintf("listing: %d teasers (headline link with summary) in the main block", st.teasers))
			case st.teasers == 1 && chars < 1000 && share >= 0.2:
				add(&block, "listing teasers", v, -3, "listing: a teaser (headline link with summary) is most of a short main block")
			case st.teasers >= 2:
				add(&block, "listing teasers", v, -1, "")
			}
		}
		if st.headlines >= 4 {
			share := float64(st.headlineChars) / float64(max(st.all, 1))
			v := fmt.Sprintf("%d, %.0f%% of the main block", st.headlines, share*100)
			if share >= 0.3 {
				add(&block, "headline links", v, -4, fmt.Sprintf("listing: %d headline links in the main block", st.headlines))
			} else {
				add(&block, "headline links", v, -1, "")
			}
		}
		if st.fieldRows >= 4 && st.fieldChars*2 >= st.all {
			add(&block, "label | value rows", fmt.Sprintf("%d rows, %.0f%% of the main block", st.fieldRows, 100*float64(st.fieldChars)/float64(st.all)), -4,
				"a table of fields (label | value), not prose")
		}
	}

	// Date.
	if p.date != nil {
		add(&tail, "publish date", p.dateSource, 1.5, "")
	} else {
		add(&tail, "publish date", "none found", -1, "no publish date")
	}

	// URL shape.
	if u := p.url; u != nil {
		path := u.EscapedPath()
		switch {
		case nonArticlePath.MatchString(u.Path + "?" + u.RawQuery):
			add(&tail, "url", "a contact, search or utility page", -6, "contact, search or utility page")
		case homePath.MatchString(path) && u.RawQuery == "":
			add(&tail, "url", "the site's front page", -3, "the site's front page")
		case staticPagePath.MatchString(path):
			add(&tail, "url", "a standing page (introduction, organisation)", -2, "a standing page about the site (introduction, organisation)")
		case listingPath.MatchString(path + "?" + u.RawQuery):
			add(&tail, "url", "a category, tag or paginated list", -1.5, "a category, tag or paginated list")
		case articleURL.MatchString(path):
			add(&tail, "url", "reads like an article's (slug, id or date)", 0.5, "")
		}
	}
	p.weighed = weighed{lead: lead, block: block, tail: tail, hasRoot: p.root != nil, hint: p.opt.ArticleHint}
	p.anchorPath = elementPathOrEmpty(p.proseAnchor(), p.body)
	switch {
	case p.titleNode != nil:
		p.titleSource = "heading " + elementName(p.titleNode)
	case p.title != "":
		p.titleSource = "page metadata"
	}
}

// weighed is the evidence weighPage found in the markup, in the order the
// explanation lists it: before, between and after the text's own.
type weighed struct {
	lead, block, tail []Signal
	hasRoot           bool
	hint              *bool
}

// decide weighs the evidence and sets the verdict, its reason and, for
// explanations, every signal: the markup's (weighPage), the text's as the
// site stage left it, and the site's template.
func (p *page) decide() {
	chars := utf8.RuneCountInString(p.text)
	switch {
	case p.weighed.hint != nil && !*p.weighed.hint:
		p.reason = "url does not match article_pattern"
		return
	case !p.weighed.hasRoot || p.text == "":
		p.reason = "no main text found"
		return
	case chars < 80:
		p.reason = "too little text"
		return
	}
	p.signals = append(p.signals, p.weighed.lead...)
	add := func(name, value string, w float64, reason string) {
		p.signals = append(p.signals, Signal{Name: name, Value: value, Weight: w, Reason: reason})
	}

	// The main text itself.
	var w float64
	switch {
	case chars < 250:
		w = -1.5
	case chars < 500:
		w = -1
	case chars < 1000:
		w = 0
	case chars < 2000:
		w = 1
	case chars < 4000:
		w = 2
	default:
		w = 3
	}
	add("main text", fmt.Sprintf("%d characters", chars), w, "too little text")
	long := 0
	for _, s := range p.paras {
		if utf8.RuneCountInString(s) >= 100 {
			long++
		}
	}
	switch {
	case long == 0:
		add("paragraphs", "none of 100+ characters", -0.5, "no paragraph of prose")
	case long >= 6:
		add("paragraphs", fmt.Sprintf("%d of 100+ characters", long), 1, "")
	case long >= 3:
		add("paragraphs", fmt.Sprintf("%d of 100+ characters", long), 0.5, "")
	}

	// Continuous prose: an article is mostly paragraphs of sentences; a
	// record, a list of resources or a menu is not. (Short notices are
	// often short lines; the paragraphs signal covers them.)
	if prose := p.proseChars; chars >= 600 && prose*100 < chars*35 {
		add("prose", fmt.Sprintf("%d%% of the main text is in paragraphs of 80+ characters", prose*100/chars), -1, "little continuous prose")
	}
	p.signals = append(p.signals, p.weighed.block...)

	// The site's own template, once the crawler's model knows it.
	if m := p.opt.Site; m.Trusted() {
		here := p.anchorPath
		if path, n, ok := m.ArticlePath(); ok && here == path {
			add("site template", fmt.Sprintf("the main text sits where %d of the site's %d articles have it (%s)", n, m.ArticlePages, path), 1.5, "")
		} else if path, n, ok := m.ListingPath(); ok && here == path {
			add("site template", fmt.Sprintf("the longest prose sits where %d of the site's listing pages have it (%s)", n, path), -1.5, "the site's listing template")
		}
	}
	p.signals = append(p.signals, p.weighed.tail...)

	for _, s := range p.signals {
		p.score += s.Weight
	}
	p.isArticle = p.score >= 0
	if !p.isArticle {
		p.reason = p.negativeReason()
	}
}

// kind is what the page is to the site model: an article, a listing (a
// strong listing signal), or something else.
func (p *page) kind() PageKind {
	if p.isArticle {
		return KindArticle
	}
	if strongListing(p.signals) {
		return KindListing
	}
	return KindOther
}

// strongListing reports a strong listing signal: most of the main block
// is headline links, or teasers (headline link with summary).
func strongListing(signals []Signal) bool {
	for _, s := range signals {
		if (s.Name == "listing teasers" || s.Name == "headline links") && s.Weight <= -4 {
			return true
		}
	}
	return false
}

// Listing reports a rejected page that is a listing by a strong signal
// (KindListing to the site model).
func (e *Explanation) Listing() bool {
	return e != nil && e.Decision != "article" && strongListing(e.Signals)
}

// negativeReason words a rejection: its strongest negative signals.
func (p *page) negativeReason() string {
	neg := make([]Signal, 0, len(p.signals))
	for _, s := range p.signals {
		if s.Weight < 0 && s.Reason != "" {
			neg = append(neg, s)
		}
	}
	sort.SliceStable(neg, func(i, j int) bool { return neg[i].Weight < neg[j].Weight })
	var parts []string
	for i, s := range neg {
		if i == 2 {
			break
		}
		parts = append(parts, s.Reason)
	}
	if len(parts) == 0 {
		parts = append(parts, "too little evidence of an article")
	}
	return fmt.Sprintf("%s (score %.1f)", strings.Join(parts, "; "), p.score)
}

func (p *page) explanation() *Explanation {
	e := &Explanation{
		Score: p.score, Signals: p.signals, Body: p.method, Floor: p.floorNote, Lead: p.leadAdded,
		TextChars: utf8.RuneCountInString(p.text), PageProse: max(p.proseMass, 0),
		Date: p.dateSource, Author: p.bylineNote, Reason: p.reason, SiteRemoved: p.siteRemoved,
	}
	if m := p.opt.Site; m != nil {
		if m.Trusted() {
			e.SiteModel = fmt.Sprintf("trusted: %d pages seen, %d articles; a paragraph on %d or more of them is template chrome", m.Pages, m.ArticlePages, m.threshold())
			if p.siteNote != "" {
				e.SiteModel += "; " + p.siteNote
			}
		} else {
			e.SiteModel = fmt.Sprintf("learning: %d of the %d articles it needs seen", m.ArticlePages, cmp0(m.MinArticles, ModelMinArticles))
		}
	}
	for _, s := range p.paras {
		if utf8.RuneCountInString(s) >= 100 {
			e.LongParagraphs++
		}
	}
	if e.Signals == nil {
		e.Signals = []Signal{}
	}
	e.Decision = "not an article"
	if p.isArticle {
		e.Decision = "article"
	}
	e.Title = p.titleSource
	if e.Date == "" {
		e.Date = "none"
	}
	return e
}

// teaserAttr marks the headline links of listing teasers and teaserBlock
// their blocks. Attributes, not node sets: readability clones subtrees
// between its attempts, and the floor reads a copy of the page.
const (
	teaserAttr  = "data-wardcrawl-teaser"
	teaserBlock = "data-wardcrawl-teaser-block"
)

// markTeasers marks the headline links of listing teasers: sibling blocks
// that each hold one headline link plus some text of their own (a date, a
// summary). decide then counts how many ended up in the main block. One
// pass, bottom up.
func (p *page) markTeasers() { teaserPass(p.body) }

// teaserStat is what teaserPass knows of a subtree: its headline links
// (0, 1, or 2 for "two or more"), the first one and its length, and the
// subtree's text length.
type teaserStat struct {
	headlines int
	link      *html.Node
	linkLen   int
	chars     int
}

func teaserPass(n *html.Node) teaserStat {
	var st teaserStat
	type kid struct{ block, link *html.Node }
	var teasers []kid
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			st.chars += collapsedLen(c.Data)
		case html.ElementNode:
			cs := teaserPass(c)
			st.chars += cs.chars
			if cs.headlines == 1 {
				if own := cs.chars - cs.linkLen; own >= 8 && own <= 600 {
					teasers = append(teasers, kid{c, cs.link})
				}
			}
			if cs.headlines > 0 && st.link == nil {
				st.link, st.linkLen = cs.link, cs.linkLen
			}
			st.headlines = min(2, st.headlines+cs.headlines)
		}
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		if st.chars >= 25 && !reAttachment.MatchString(strings.ToLower(attr(n, "href"))) {
			return teaserStat{headlines: 1, link: n, linkLen: st.chars, chars: st.chars}
		}
		return teaserStat{chars: st.chars}
	}
	if len(teasers) >= 2 {
		for _, t := range teasers {
			if attr(t.link, teaserAttr) == "" {
				t.link.Attr = append(t.link.Attr, html.Attribute{Key: teaserAttr, Val: "1"})
			}
			if attr(t.block, teaserBlock) == "" {
				t.block.Attr = append(t.block.Attr, html.Attribute{Key: teaserBlock, Val: "1"})
			}
		}
	}
	return st
}

// blockStats are the listing measures of a main block.
type blockStats struct {
	all                      int // characters
	linkChars                int // inside links
	headlines, headlineChars int // links whose text reads like a headline
	teasers, teaserChars     int // marked teasers and their blocks' text
	fieldRows, fieldChars    int // label | value rows
}

// mainStats measures the main block: links whose text reads like a
// headline (a listing's items; links to attachments do not count), the
// characters inside and outside links, marked teasers, and label | value
// rows (a table of two cells whose first is a short label, or a dt/dd
// pair).
func mainStats(root *html.Node) blockStats {
	var st blockStats
	if root == nil {
		return st
	}
	st.all = textLen(root)
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.DataAtom == atom.A:
			l := textLen(n)
			st.linkChars += l
			if l >= 25 && !reAttachment.MatchString(strings.ToLower(attr(n, "href"))) {
				st.headlines++
				st.headlineChars += l
			}
			if attr(n, teaserAttr) != "" {
				st.teasers++
			}
		case n.DataAtom == atom.Tr:
			if label, value, ok := fieldRow(n); ok {
				st.fieldRows++
				st.fieldChars += label + value
			}
		case n.DataAtom == atom.Dt:
			if dd := nextElement(n); dd != nil && dd.DataAtom == atom.Dd {
				l := textLen(n)
				if l > 0 && l <= 40 {
					st.fieldRows++
					st.fieldChars += l + textLen(dd)
				}
			}
		}
		if attr(n, teaserBlock) != "" && !hasTeaserBlockAncestor(n) {
			st.teaserChars += textLen(n)
		}
	}
	return st
}

func hasTeaserBlockAncestor(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && attr(a, teaserBlock) != "" {
			return true
		}
	}
	return false
}

// fieldRow reports a row of two cells whose first is a short label and
// second a value that is not a paragraph of prose.
func fieldRow(tr *html.Node) (label, value int, ok bool) {
	var cs []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cs = append(cs, c)
		}
	}
	if len(cs) != 2 {
		return 0, 0, false
	}
	label = textLen(cs[0])
	value = textLen(cs[1])
	if label == 0 || label > 40 || value == 0 || value > 400 {
		return 0, 0, false
	}
	return label, value, true
}

// titleLinksElsewhere tells whether the headline is a link to another page,
// as a home page's lead story is; an article's own title links nowhere or
// to itself.
func titleLinksElsewhere(title *html.Node, page *url.URL) bool {
	if title == nil {
		return false
	}
	var link *html.Node
	for p := title; p != nil && link == nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.A {
			link = p
		}
	}
	if link == nil {
		for d := range title.Descendants() {
			if d.Type == html.ElementNode && d.DataAtom == atom.A && CleanLine(textOf(d)) == CleanLine(textOf(title)) {
				link = d
				break
			}
		}
	}
	if link == nil {
		return false
	}
	href := strings.TrimSpace(attr(link, "href"))
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") {
		return false
	}
	if page == nil {
		return true
	}
	u, err := page.Parse(href)
	if err != nil {
		return false
	}
	u.Fragment, u.RawFragment = "", ""
	self := *page
	self.Fragment, self.RawFragment = "", ""
	return u.String() != self.String()
}
