// Package parsers turns a fetched page into a clean article: portal chrome is
// removed, the body is found by Vietnamese-portal rules or, failing those, by
// readability, and the text is normalized and hashed.
package parsers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Article is what the parser makes of one page.
type Article struct {
	URL         string     `json:"url,omitempty"`
	Title       string     `json:"title"`
	PublishedAt *time.Time `json:"published_at"`
	Author      string     `json:"author"`
	Text        string     `json:"text"`
	IsArticle   bool       `json:"is_article"`
	ContentHash string     `json:"content_hash"`
	Lang        string     `json:"lang"`
	// Method says how the body was found: a portal rule ("rule:<selector>")
	// or "readability".
	Method string `json:"method"`
	// Reason says why a page is not an article; empty for articles.
	Reason string `json:"reason,omitempty"`
}

// MarshalJSON writes absent dates and authors as null.
func (a Article) MarshalJSON() ([]byte, error) {
	type plain Article
	var author *string
	if a.Author != "" {
		author = &a.Author
	}
	return json.Marshal(struct {
		plain
		Author *string `json:"author"`
	}{plain(a), author})
}

// Options adjust one extraction.
type Options struct {
	// ArticleHint, when set, is the site's article_pattern verdict on the URL:
	// false means the page is never an article; true means it is one whenever
	// a title and a body were found, even without a date.
	ArticleHint *bool
	// ContentSelector, when it matches, is the article body: detection is
	// skipped. RemoveSelectors are deleted before anything is read.
	// DateSelector, when it matches an element holding a date, is the
	// publish date. They are the config's per-site overrides; the families
	// in testdata/pages need none of them.
	ContentSelector string
	RemoveSelectors []string
	DateSelector    string
}

// Extract decodes a response body, parses it once and extracts the article.
func Extract(body []byte, contentType string, pageURL *url.URL, opt Options) (Article, error) {
	doc, err := ParseHTML(body, contentType)
	if err != nil {
		return Article{}, err
	}
	return ExtractDocument(doc, pageURL, opt), nil
}

// IsHTML reports whether a response is an HTML page: by its media type, or
// for a missing or generic one, by sniffing the body.
func IsHTML(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return true
	}
	return strings.HasPrefix(http.DetectContentType(body), "text/html")
}

// ParseHTML decodes body to UTF-8 (see Decode) and parses it.
func ParseHTML(body []byte, contentType string) (*html.Node, error) {
	text, _, err := Decode(body, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	return doc, nil
}

// bodySelectors find the article body in the CMSs ward portals run on. The
// first selector that matches an element with enough text wins; among its
// matches the one with the most text is taken.
var bodySelectors = []string{
	`[itemprop="articleBody"]`,
	`#news-bodyhtml`, `.news-bodyhtml`, // NukeViet
	`#divArticleContent`, `.ms-rtestate-field`, // SharePoint
	`.journal-content-article`, // Liferay / VNPT ePortal web content
	`.content-detail`, `.detail-content`, `.news-detail-content`, `.news-content`, `.article-content`, `.article-body`, `.post-content`,
	`.entry-content`,      // WordPress
	`.edn_articleDetails`, // DotNetNuke EasyDNNnews
	`.bodytext`, `.noidung`, `.noi-dung`, `.chitiet`, `.content-news`,
}

var titleClass = newTokenSet(`(?i)(?:^|[-_])(?:title|tieude|tieu-de|headline|heading)(?:$|[-_])`)
var authorClass = newTokenSet(`(?i)(?:^|[-_])(?:author|tacgia|tac-gia|byline|nguoiviet)(?:$|[-_])`)

// nonArticlePath matches the path segment or query parameter of a contact,
// search, sitemap or login page; words inside an article's slug do not count.
var nonArticlePath = regexp.MustCompile(`(?i)(?:^|/)(?:lien-he|lienhe|contact|contact-us|tim-kiem|timkiem|search|seek|sitemap|so-do-site|sodosite|dang-nhap|login|register|dang-ky)(?:$|/|\.[a-z]+(?:$|\?)|\?)|[?&](?:nv|module|option|view|mod)=(?:seek|search|com_search|com_contact|contact|lienhe|timkiem)(?:$|&)`)
var reAttachment = regexp.MustCompile(`\.(?:pdf|docx?|xlsx?|pptx?|odt|zip|rar)(?:[?#]|$)`)
var placeDateLine = regexp.MustCompile(`(?i)^[\p{L} .]{2,40},\s*(?:ngày|thứ)\b`)

// ExtractDocument extracts the article from a parsed page. It mutates doc.
func ExtractDocument(doc *html.Node, pageURL *url.URL, opt Options) Article {
	a := Article{Lang: "vi"}
	fixLegacyText(doc)
	if pageURL != nil {
		a.URL = pageURL.String()
	}
	gq := goquery.NewDocumentFromNode(doc)
	if lang, ok := gq.Find("html").Attr("lang"); ok && strings.TrimSpace(lang) != "" {
		a.Lang = strings.ToLower(strings.SplitN(strings.TrimSpace(lang), "-", 2)[0])
	}
	for _, sel := range opt.RemoveSelectors {
		gq.Find(sel).Remove()
	}
	meta := readMeta(gq)

	var known *html.Node
	var method string
	if opt.ContentSelector != "" {
		if sel := gq.Find(opt.ContentSelector); sel.Length() > 0 {
			known, method = sel.Get(0), "content_selector "+opt.ContentSelector
		}
	}
	if known == nil {
		known, method = knownBody(gq)
	}
	titleNode, title := findTitle(gq, meta, known)
	a.Title = title

	a.PublishedAt = publishDate(gq, doc, titleNode, known, meta, opt.DateSelector)
	a.Author = authorFromElements(gq)
	if a.Author == "" {
		a.Author = meta.author
	}

	lead := findLead(known)
	body := doc
	if b := gq.Find("body"); b.Length() > 0 {
		body = b.Get(0)
	}
	removeChrome(body, known)
	markTeasers(body)

	var root *html.Node
	if known != nil && attached(known, doc) {
		root = known
		a.Method = "rule:" + method
	} else {
		ps := readability.NewParser()
		if art, err := ps.ParseAndMutate(doc, pageURL); err == nil && art.Node != nil {
			root = art.Node
			fixAtoms(root)
		}
		a.Method = "readability"
	}

	var paras []string
	if root != nil {
		paras = Paragraphs(root)
		if lead != nil && root == known && attached(lead, doc) {
			lp := Paragraphs(lead)
			if len(lp) > 0 && (len(paras) == 0 || paras[0] != lp[0]) {
				paras = append(lp, paras...)
			}
		}
	}
	paras, byline := cleanParagraphs(paras, a.Title)
	if byline != "" {
		a.Author = byline
	}
	a.Text = JoinParagraphs(paras)
	a.ContentHash = ContentHash(a.Text)
	a.IsArticle, a.Reason = decide(a, root, pageURL, meta, opt)
	if a.IsArticle && titleLinksElsewhere(titleNode, pageURL) && (opt.ArticleHint == nil || !*opt.ArticleHint) {
		a.IsArticle, a.Reason = false, "listing: the headline links to another page"
	}
	return a
}

// fixAtoms sets the atom of elements readability created or renamed (it
// sets only the tag name), so that <br> runs it turned into <p> count as
// paragraphs.
func fixAtoms(root *html.Node) {
	for n := range root.Descendants() {
		if n.Type == html.ElementNode {
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
	}
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

// attached reports whether n is still in the tree rooted at doc.
func attached(n, doc *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == doc {
			return true
		}
	}
	return false
}

type pageMeta struct {
	ogTitle, ogType, docTitle, author string
	dates                             []string
}

func readMeta(gq *goquery.Document) pageMeta {
	var m pageMeta
	m.docTitle = CleanLine(gq.Find("head title").First().Text())
	gq.Find("meta").Each(func(_ int, s *goquery.Selection) {
		key := strings.ToLower(s.AttrOr("property", s.AttrOr("name", s.AttrOr("itemprop", ""))))
		val := strings.TrimSpace(s.AttrOr("content", ""))
		if val == "" {
			return
		}
		switch key {
		case "og:title", "twitter:title":
			if m.ogTitle == "" {
				m.ogTitle = CleanLine(val)
			}
		case "og:type":
			m.ogType = strings.ToLower(val)
		case "author", "article:author", "dc.creator":
			if !strings.Contains(val, "://") {
				m.author = CleanLine(val)
			}
		case "article:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "dc.date.issued", "dc.date", "date":
			m.dates = append(m.dates, val)
		}
	})
	gq.Find(`[itemprop="datePublished"]`).Each(func(_ int, s *goquery.Selection) {
		if v := s.AttrOr("datetime", s.AttrOr("content", "")); v != "" {
			m.dates = append(m.dates, v)
		} else {
			m.dates = append(m.dates, s.Text())
		}
	})
	return m
}

func (m pageMeta) published() (t time.Time, hasTime, ok bool) {
	for _, d := range m.dates {
		if t, hasTime, ok := FindDate(d); ok {
			return t, hasTime, true
		}
	}
	return time.Time{}, false, false
}

// publishDate picks the page's date: the site's date_selector when it
// matches a date, else the metadata date, else the date line near the
// title. A metadata date without a time of day (NukeViet writes
// "2020-10-14+0715:25:00") yields to the date line when that shows the
// same day with a time.
func publishDate(gq *goquery.Document, doc, titleNode, known *html.Node, meta pageMeta, dateSelector string) *time.Time {
	if dateSelector != "" {
		var found *time.Time
		gq.Find(dateSelector).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			for _, v := range []string{s.AttrOr("datetime", ""), s.AttrOr("content", ""), s.Text()} {
				if t, _, ok := FindDate(v); ok {
					found = &t
					return false
				}
			}
			return true
		})
		if found != nil {
			return found
		}
	}
	if t, hasTime, ok := meta.published(); ok {
		if !hasTime {
			if v, ok := dateNear(doc, titleNode, known); ok && sameDay(t, v) {
				t = v
			}
		}
		return &t
	}
	if v, ok := dateNear(doc, titleNode, known); ok {
		return &v
	}
	return nil
}

func sameDay(a, b time.Time) bool {
	y1, m1, d1 := a.In(Vietnam).Date()
	y2, m2, d2 := b.In(Vietnam).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

func knownBody(gq *goquery.Document) (*html.Node, string) {
	for _, sel := range bodySelectors {
		var best *html.Node
		bestLen := 0
		gq.Find(sel).Each(func(_ int, s *goquery.Selection) {
			if insideChrome(s.Get(0)) {
				return
			}
			if n := utf8.RuneCountInString(CleanLine(s.Text())); n > bestLen {
				best, bestLen = s.Get(0), n
			}
		})
		if best != nil && bestLen >= 40 {
			return best, sel
		}
	}
	return nil, ""
}

// insideChrome reports whether n or one of its ancestors is chrome.
func insideChrome(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (chromeElement(p) || p.DataAtom == atom.Header && !hasAncestorAtom(p, atom.Article, atom.Main)) {
			return true
		}
	}
	return false
}

// findTitle picks the page's headline: the heading that agrees with the
// document title or og:title, preferring h1 and headings just before the body.
func findTitle(gq *goquery.Document, m pageMeta, known *html.Node) (*html.Node, string) {
	ref := strings.ToLower(m.ogTitle + " \x00 " + m.docTitle)
	var best *html.Node
	var bestText string
	bestScore := -1
	passedKnown := false // document order: headings seen before the body container get a bonus
	for n := range gq.Get(0).Descendants() {
		if n == known {
			passedKnown = true
		}
		if n.Type != html.ElementNode {
			continue
		}
		isHeading := n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3 || n.DataAtom == atom.H4
		titleClassed := hasClassToken(n, titleClass)
		if !isHeading && !titleClassed {
			continue
		}
		text := CleanLine(gq.FindNodes(n).Text())
		l := utf8.RuneCountInString(text)
		if l < 4 || l > 400 || insideChrome(n) {
			continue
		}
		score := 0
		switch n.DataAtom {
		case atom.H1:
			score += 3
		case atom.H2:
			score += 2
		case atom.H3, atom.H4:
			score++
		}
		if titleClassed {
			score++
		}
		if lt := strings.ToLower(text); strings.Contains(ref, lt) {
			score += 4
		}
		if known != nil && !passedKnown {
			score += 2
		}
		if known != nil && isAncestor(known, n) {
			score-- // a heading inside the body is more likely a subheading
		}
		if strings.EqualFold(text, m.ogTitle) || strings.EqualFold(text, stripSiteName(m.docTitle)) {
			score += 2
		}
		if score > bestScore {
			best, bestText, bestScore = n, text, score
		}
	}
	if best != nil {
		return best, bestText
	}
	if m.ogTitle != "" {
		return nil, m.ogTitle
	}
	return nil, stripSiteName(m.docTitle)
}

// stripSiteName drops " - Site name" style suffixes from a <title>.
func stripSiteName(t string) string {
	for _, sep := range []string{" | ", " - ", " – ", " :: "} {
		if parts := strings.Split(t, sep); len(parts) > 1 {
			longest := parts[0]
			for _, p := range parts[1:] {
				if len(p) > len(longest) {
					longest = p
				}
			}
			return strings.TrimSpace(longest)
		}
	}
	return t
}

func hasClassToken(n *html.Node, set *tokenSet) bool {
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			for _, tok := range strings.Fields(a.Val) {
				if set.match(tok) {
					return true
				}
			}
		}
	}
	return false
}

func isAncestor(anc, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == anc {
			return true
		}
	}
	return false
}

// dateNear finds the article's own date line: the first short block after
// the title that holds a date, else one just before the title that is not a
// "Place, ngày …" header. A page with no title node is searched from the
// body container, then from the top of the page.
func dateNear(doc, titleNode, known *html.Node) (time.Time, bool) {
	anchor := titleNode
	if anchor == nil {
		anchor = known
	}
	var nodes []*html.Node
	for n := range doc.Descendants() {
		nodes = append(nodes, n)
	}
	start := 0
	if anchor != nil {
		for i, n := range nodes {
			if n == anchor {
				start = i
				break
			}
		}
	}
	// A date line above the title must share the title's block: its
	// grandparent (title and date line side by side in one header).
	var scope *html.Node
	if titleNode != nil && titleNode.Parent != nil {
		scope = titleNode.Parent.Parent
	}
	seen := map[*html.Node]bool{}
	check := func(n *html.Node, before bool) (time.Time, bool, bool) {
		if n.Type != html.TextNode || !strings.ContainsAny(n.Data, "0123456789") {
			return time.Time{}, false, false
		}
		blk := blockAncestor(n)
		if seen[blk] {
			return time.Time{}, false, false
		}
		seen[blk] = true
		line := CleanLine(textOf(blk))
		if utf8.RuneCountInString(line) > 200 {
			return time.Time{}, false, true // reached body text
		}
		// "Hà Nội, ngày 22-10-2020" in a site header is today's date, and
		// so is a date above the title outside the title's own block.
		if placeDateLine.MatchString(line) || before && (insideChrome(blk) || scope != nil && !isAncestor(scope, blk)) {
			return time.Time{}, false, false
		}
		// A date inside a sentence ("thành lập theo Nghị định … ngày
		// 22/11/1996 …") is not the page's date line.
		if !dateLineLike(line) {
			return time.Time{}, false, false
		}
		t, _, ok := FindDate(line)
		return t, ok, false
	}
	for i, budget := start, 60; i < len(nodes) && budget > 0; i++ {
		if anchor != nil && isAncestor(anchor, nodes[i]) && anchor == titleNode {
			continue // the title's own text
		}
		if nodes[i].Type == html.TextNode {
			budget--
		}
		if t, ok, stop := check(nodes[i], false); ok {
			return t, true
		} else if stop {
			break
		}
	}
	if anchor == nil {
		return time.Time{}, false
	}
	for i, budget := start-1, 8; i >= 0 && budget > 0; i-- {
		if nodes[i].Type == html.TextNode && strings.TrimSpace(nodes[i].Data) != "" {
			budget--
		}
		if t, ok, _ := check(nodes[i], true); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateLineLike tells a date line ("Ngày đăng 14/10/2020 | 15:25 | Lượt
// xem: 174", "Cập nhật lúc 08:30 ngày 02/7/2020", "(Đăng ngày: 05/10/2020)")
// from a sentence that mentions a date: besides numbers and the words date,
// time, weekday and label fragments are made of, it holds at most 30
// letters.
func dateLineLike(line string) bool {
	return nonFragmentLetters(line) <= 30
}

func blockAncestor(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (blockAtoms[p.DataAtom] || p.DataAtom == atom.Td || p.DataAtom == atom.Th || p.DataAtom == atom.Body) {
			return p
		}
	}
	return n
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		} else if d.Type == html.ElementNode && d.DataAtom == atom.Br {
			b.WriteByte(' ')
		}
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	return b.String()
}

func authorFromElements(gq *goquery.Document) string {
	var author string
	gq.Find(`[itemprop="author"], [rel="author"], [class], [id]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Get(0)
		isProp := s.AttrOr("itemprop", "") == "author" || s.AttrOr("rel", "") == "author"
		if !isProp && !hasClassToken(n, authorClass) {
			return true
		}
		text := CleanLine(s.Text())
		if m := reByline.FindStringSubmatch(text); m != nil {
			text = m[1]
		}
		text = authorPrefix.ReplaceAllString(text, "")
		if l := utf8.RuneCountInString(text); l >= 2 && l <= 60 {
			author = text
			return false
		}
		return true
	})
	if author != "" {
		return author
	}
	// A labelled line outside the body: "Tác giả bài viết: Minh Hà".
	for t := range gq.Get(0).Descendants() {
		if t.Type != html.TextNode || !authorLabelStart.MatchString(t.Data) {
			continue
		}
		blk := blockAncestor(t)
		text := CleanLine(textOf(blk))
		if len(text) > 120 || insideChrome(blk) {
			continue
		}
		if m := authorLabel.FindStringSubmatch(text); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	return author
}

// authorPrefix is the wording themes put before an author's name.
var authorPrefix = regexp.MustCompile(`(?i)^(?:viết bởi|đăng bởi|được đăng bởi|bởi|posted by|written by|by|tác giả bài viết|tác giả|người viết|người đăng)\s*:?\s*`)

// authorLabelStart finds the text node that starts a labelled author line.
var authorLabelStart = regexp.MustCompile(`(?i)^\s*(?:tác giả|người viết|người đăng)`)

// authorLabel is a labelled author line.
var authorLabel = regexp.MustCompile(`(?i)^(?:tác giả bài viết|tác giả|người viết|người đăng)\s*:\s*(\p{L}[\p{L} .\-]{1,58})$`)

// removeChrome deletes chrome elements and related-article lists under
// root, but never an element that holds the known body or most of the page.
func removeChrome(root, keep *html.Node) {
	total := utf8.RuneCountInString(textOf(root))
	var doomed []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.CommentNode {
				doomed = append(doomed, c)
				continue
			}
			if c.Type != html.ElementNode {
				continue
			}
			if chromeElement(c) || c.DataAtom == atom.Header && !hasAncestorAtom(c, atom.Article, atom.Main) {
				guarded := keep != nil && (c == keep || isAncestor(c, keep))
				if !guarded {
					l := utf8.RuneCountInString(textOf(c))
					guarded = total > 1000 && l*2 > total && !chromeAtoms[c.DataAtom]
				}
				if !guarded {
					doomed = append(doomed, c)
					continue
				}
			}
			if c.DataAtom == atom.Form && utf8.RuneCountInString(CleanLine(textOf(c))) < 300 {
				doomed = append(doomed, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	doomed = append(doomed, spanningRows(root, keep)...)
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	removeWidgetBoxes(root, keep)
	removeRelated(root)
}

// removeWidgetBoxes removes boxes headed by a widget caption ("Thống kê
// truy cập", "Liên kết website", "Đường dây nóng"…): the largest element
// that starts with the caption and stays short, whatever its class.
func removeWidgetBoxes(root, keep *html.Node) {
	var boxes []*html.Node
	for t := range root.Descendants() {
		if t.Type != html.TextNode || t.Parent == nil || len(t.Data) > 200 {
			continue
		}
		caption := CleanLine(t.Data)
		if caption == "" || !widgetCaptionRE.MatchString(caption) {
			continue
		}
		n := t.Parent
		if n.Type != html.ElementNode || n.DataAtom == atom.A || hasAncestorAtom(n, atom.A) {
			continue
		}
		box := n
		// Climb while the element still starts with the caption and holds
		// little text outside links; a table cell is as far as a box goes.
		for p := n.Parent; p != nil && p != root && p.Type == html.ElementNode && p.DataAtom != atom.Body; p = p.Parent {
			if keep != nil && (p == keep || isAncestor(p, keep)) {
				break
			}
			if p.DataAtom == atom.Tr && cells(p) > 1 {
				break // a layout row: the box is one of its cells
			}
			if !strings.HasPrefix(CleanLine(textOf(p)), caption) || plainChars(p) > utf8.RuneCountInString(caption)+200 {
				break
			}
			box = p
		}
		if box == n {
			// A bare caption: the box is the caption and the list or
			// table right after it.
			if next := nextElement(n); next != nil && plainChars(next) < 200 && (keep == nil || next != keep && !isAncestor(next, keep)) {
				boxes = append(boxes, next)
			}
		}
		boxes = append(boxes, box)
	}
	for _, b := range boxes {
		if b.Parent != nil && attached(b, root) {
			b.Parent.RemoveChild(b)
		}
	}
}

// spanningRows finds the banner, menu and footer rows of layout tables: a
// row with one cell spanning the columns, in a table whose other rows
// hold page regions side by side, with little text.
func spanningRows(root, keep *html.Node) []*html.Node {
	var out []*html.Node
	for t := range root.Descendants() {
		if t.Type != html.ElementNode || t.DataAtom != atom.Table {
			continue
		}
		var rows []*html.Node
		layout := false
		for r := range t.Descendants() {
			if r.Type != html.ElementNode || r.DataAtom != atom.Tr || closestTable(r) != t {
				continue
			}
			rows = append(rows, r)
			if cells(r) > 1 && layoutRow(r) {
				layout = true
			}
		}
		if !layout {
			continue
		}
		for _, r := range rows {
			if cells(r) != 1 || keep != nil && (r == keep || isAncestor(r, keep)) {
				continue
			}
			var cell *html.Node
			for c := r.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					cell = c
				}
			}
			if cell == nil || attr(cell, "colspan") == "" || attr(cell, "colspan") == "1" {
				continue
			}
			if utf8.RuneCountInString(CleanLine(textOf(r))) < 400 {
				out = append(out, r)
			}
		}
	}
	return out
}

func closestTable(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Table {
			return p
		}
	}
	return nil
}

func cells(tr *html.Node) int {
	n := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			n++
		}
	}
	return n
}

// plainChars counts the characters under n outside links.
func plainChars(n *html.Node) int {
	c := 0
	for d := range n.Descendants() {
		if d.Type == html.TextNode && !hasAncestorAtom(d, atom.A) {
			c += utf8.RuneCountInString(strings.TrimSpace(d.Data))
		}
	}
	return c
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return nil
		}
	}
	return nil
}

// leadClass names the sapo (lead paragraph) that CMSs keep apart from
// the body: NukeViet's .hometext, .sapo, EasyDNN's articleSummary…
var leadClass = newTokenSet(`(?i)(?:^|[-_])(?:hometext|sapo|summary|lead|chapeau|tomtat|tom-tat|mota|mo-ta|trichdan|trich-dan|intro|introtext)(?:$|[-_])`)

// findLead returns the sapo of a body found by a portal rule: the last
// element with a lead class that comes before the body inside the body's
// parent.
func findLead(known *html.Node) *html.Node {
	if known == nil || known.Parent == nil {
		return nil
	}
	var lead *html.Node
	for n := range known.Parent.Descendants() {
		if n == known {
			break
		}
		if n.Type != html.ElementNode || !hasClassToken(n, leadClass) || insideChrome(n) {
			continue
		}
		if l := utf8.RuneCountInString(CleanLine(textOf(n))); l >= 20 && l <= 1500 {
			lead = n
		}
	}
	return lead
}

func hasAncestorAtom(n *html.Node, atoms ...atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, a := range atoms {
			if p.DataAtom == a {
				return true
			}
		}
	}
	return false
}

// removeRelated removes a "Tin liên quan" style heading and everything after
// it at its level: the list it introduces.
func removeRelated(root *html.Node) {
	var heads []*html.Node
	for t := range root.Descendants() {
		if t.Type != html.TextNode || len(t.Data) > 200 || t.Parent == nil || t.Parent.Type != html.ElementNode {
			continue
		}
		if !relatedHeadingRE.MatchString(CleanLine(t.Data)) {
			continue
		}
		n := t.Parent
		if !blockAtoms[n.DataAtom] && n.DataAtom != atom.Strong && n.DataAtom != atom.B && n.DataAtom != atom.Span && n.DataAtom != atom.Em {
			continue
		}
		if relatedHeadingRE.MatchString(CleanLine(textOf(n))) {
			heads = append(heads, n)
		}
	}
	for _, h := range heads {
		if !attached(h, root) {
			continue
		}
		// Climb to the outermost element whose text is still just the heading.
		for h.Parent != nil && h.Parent != root && CleanLine(textOf(h.Parent)) == CleanLine(textOf(h)) {
			h = h.Parent
		}
		parent := h.Parent
		if parent == nil {
			continue
		}
		for s := h; s != nil; {
			next := s.NextSibling
			parent.RemoveChild(s)
			s = next
		}
	}
}

// cleanParagraphs drops chrome lines, what precedes the title, the title
// itself, image file names and related lists, and takes the byline out.
func cleanParagraphs(paras []string, title string) ([]string, string) {
	// Whatever stands before the title line in the body (category labels,
	// breadcrumbs) is not the article.
	if title != "" {
		for i := 0; i < len(paras) && i < 6; i++ {
			if strings.EqualFold(paras[i], title) {
				paras = paras[i+1:]
				break
			}
		}
	}
	var out []string
	byline := ""
	for _, p := range paras {
		if relatedHeadingRE.MatchString(p) {
			break
		}
		if isChromeLine(p) || (title != "" && strings.EqualFold(p, title)) {
			continue
		}
		if m := reByline.FindStringSubmatch(p); m != nil {
			byline = strings.TrimSpace(m[1])
			continue
		}
		out = append(out, p)
	}
	if byline == "" && len(out) >= 3 && looksLikeName(out[len(out)-1]) {
		byline = out[len(out)-1]
		out = out[:len(out)-1]
	}
	return out, byline
}

// looksLikeName reports a short signature line such as "Nhật Quang": two to
// five words, every one capitalized, no digits or sentence punctuation.
func looksLikeName(p string) bool {
	words := strings.Fields(p)
	if len(words) < 2 || len(words) > 5 || utf8.RuneCountInString(p) > 50 {
		return false
	}
	if strings.ContainsAny(p, ".,;:!?\"“”()/0123456789-–|") {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// decide tells whether a page is an article, and if not, why.
func decide(a Article, root *html.Node, u *url.URL, m pageMeta, opt Options) (bool, string) {
	if opt.ArticleHint != nil && !*opt.ArticleHint {
		return false, "url does not match article_pattern"
	}
	if u != nil && nonArticlePath.MatchString(u.Path+"?"+u.RawQuery) {
		return false, "contact, search or utility page"
	}
	if root == nil || a.Text == "" {
		return false, "no main text found"
	}
	if a.Title == "" {
		return false, "no title"
	}
	chars := utf8.RuneCountInString(a.Text)
	if chars < 80 {
		return false, "too little text"
	}
	inRoot := 0
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && attr(n, teaserAttr) != "" {
			inRoot++
		}
	}
	// Readability sometimes keeps only one teaser of a short listing page;
	// a lone teaser in a short main block is a listing too.
	if inRoot >= 2 || inRoot == 1 && utf8.RuneCountInString(a.Text) < 1000 {
		return false, fmt.Sprintf("listing: %d teasers (headline link with summary) in the main block", inRoot)
	}
	headlines, linkChars, allChars := linkStats(root)
	if headlines >= 4 {
		return false, fmt.Sprintf("listing: %d headline links in the main block", headlines)
	}
	if allChars > 0 && float64(linkChars)/float64(allChars) > 0.5 {
		return false, "mostly links"
	}
	if opt.ArticleHint != nil && *opt.ArticleHint {
		return true, ""
	}
	if a.PublishedAt == nil {
		if m.ogType == "article" && chars >= 400 {
			return true, ""
		}
		return false, "no publish date"
	}
	return true, ""
}

// teaserAttr marks the headline links of listing teasers. An attribute,
// not a node set: readability clones subtrees between its attempts.
const teaserAttr = "data-wardcrawl-teaser"

// markTeasers marks the headline links of listing teasers: sibling blocks
// that each hold one headline link plus some text of their own (a date, a
// summary). decide then counts how many ended up in the main block.
func markTeasers(root *html.Node) {
	for parent := range root.Descendants() {
		if parent.Type != html.ElementNode {
			continue
		}
		var links []*html.Node
		for c := parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if l := teaserLink(c); l != nil {
				links = append(links, l)
			}
		}
		if len(links) >= 2 {
			for _, l := range links {
				if attr(l, teaserAttr) == "" {
					l.Attr = append(l.Attr, html.Attribute{Key: teaserAttr, Val: "1"})
				}
			}
		}
	}
}

// teaserLink returns the headline link of a teaser block, or nil.
func teaserLink(n *html.Node) *html.Node {
	var link *html.Node
	linkText := 0
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.DataAtom == atom.A {
			l := utf8.RuneCountInString(CleanLine(textOf(d)))
			if l < 25 || reAttachment.MatchString(strings.ToLower(attr(d, "href"))) {
				continue
			}
			if link != nil {
				return nil // two headlines: not one teaser
			}
			link, linkText = d, l
		}
	}
	if link == nil {
		return nil
	}
	own := utf8.RuneCountInString(CleanLine(textOf(n))) - linkText
	if own < 8 || own > 600 {
		return nil
	}
	return link
}

// linkStats counts, under root, links whose text reads like a headline (a
// listing's items), and the characters inside and outside links. Links to
// attachments do not count as headlines.
func linkStats(root *html.Node) (headlines, linkChars, allChars int) {
	allChars = utf8.RuneCountInString(CleanLine(textOf(root)))
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom != atom.A {
			continue
		}
		t := CleanLine(textOf(n))
		l := utf8.RuneCountInString(t)
		linkChars += l
		href := strings.ToLower(attr(n, "href"))
		if l >= 25 && !reAttachment.MatchString(href) {
			headlines++
		}
	}
	return headlines, linkChars, allChars
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
