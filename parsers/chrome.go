package parsers

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromeName matches class and id values of portal chrome: menus, breadcrumbs,
// sidebars, counters, font-size and contrast controls, rating, share and print
// tools, comments, related lists, pagination, search boxes and date pickers.
// A token must stand alone or between '-' / '_' so that, say, "menu" matches
// "top-menu" but "navigation" does not match "nav".
var chromeName = newTokenSet(`(?i)(?:^|[-_])(?:menu|menus|mainmenu|megamenu|nav|navbar|navigation|breadcrumbs?|duongdan|sidebar|side-bar|footer|copyright|banner|counter|visitors?|thongke|statistics?|online|rating|ratings|rate|vote|voting|danhgia|share|sharing|social|addthis|print|sendmail|email|tools?|toolbar|fontsize|font-size|textsize|zoom|contrast|tuongphan|comments?|binhluan|feedback|ykien|related|relatedposts|yarpp|lienquan|othernews|other-news|tinkhac|samecat|cungchuyenmuc|morenews|pagination|paging|pager|search|timkiem|datepicker|calendar|advert|advertising|ad|ads|adsbygoogle|quangcao|weblinks?|lienket|hotline|popup|modal|cookie)(?:$|[-_])`)

// chromeAtoms are removed wherever they are.
var chromeAtoms = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Script: true, atom.Style: true,
	atom.Noscript: true, atom.Template: true, atom.Iframe: true, atom.Select: true,
	atom.Button: true, atom.Input: true, atom.Textarea: true, atom.Label: true, atom.Svg: true,
	atom.Object: true, atom.Embed: true, atom.Map: true, atom.Dialog: true,
}

// chromeElement tells whether an element is chrome by tag, class or id.
func chromeElement(n *html.Node) bool {
	if chromeAtoms[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" && a.Key != "role" {
			continue
		}
		if a.Key == "role" {
			switch a.Val {
			case "navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar":
				return true
			}
			continue
		}
		for _, tok := range strings.Fields(a.Val) {
			if chromeName.match(tok) {
				return true
			}
		}
	}
	return false
}

// camelDash splits camelCase class and id words with dashes, so that
// DotNetNuke's "dnn_MenuPane" or EasyDNN's "edn_articleSummary" match the
// same word lists as "menu-pane" and "article-summary".
func camelDash(tok string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range tok {
		if unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)) {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// widgetCaptionRE matches the caption of a sidebar or footer box: the box
// it heads is chrome wherever it sits.
var widgetCaptionRE = regexp.MustCompile(`(?i)^(?:thống kê truy cập|liên kết website|liên kết web|liên kết|album ảnh|thư viện ảnh|thư viện video|video clip|văn bản mới|văn bản mới ban hành|tin đọc nhiều|tin xem nhiều|tin mới nhất|bài viết mới|tin mới|lưu trữ|danh mục|chuyên mục|các chuyên mục|đường dây nóng|hỗ trợ trực tuyến|thăm dò ý kiến|quảng cáo|số lượt truy cập|lượt truy cập)\s*:?$`)

// tokenSet matches class and id tokens against a word list, remembering
// each token's answer: portals repeat the same few hundred class names on
// every page, and the regexp is the parser's hottest path without it.
type tokenSet struct {
	re    *regexp.Regexp
	mu    sync.RWMutex
	cache map[string]bool
}

// tokenCacheMax bounds each cache; tokens beyond it (unique ids such as
// "post-1184") are matched without being remembered.
const tokenCacheMax = 20000

func newTokenSet(pattern string) *tokenSet {
	return &tokenSet{re: regexp.MustCompile(pattern), cache: map[string]bool{}}
}

func (t *tokenSet) match(tok string) bool {
	t.mu.RLock()
	v, ok := t.cache[tok]
	t.mu.RUnlock()
	if ok {
		return v
	}
	v = t.re.MatchString(camelDash(tok))
	t.mu.Lock()
	if len(t.cache) < tokenCacheMax {
		t.cache[tok] = v
	}
	t.mu.Unlock()
	return v
}

// structuralChrome are page regions by tag (nav, aside, footer, header):
// chrome unless they hold most of the page's prose, as a theme that wraps
// the whole article in an <aside> or a <header> sometimes does.
var structuralChrome = map[atom.Atom]bool{atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Header: true}

// isChrome is the chrome stage's verdict on one element: chrome by tag,
// class, id or role, or a site <header> outside the article, unless it is
// a layout wrapper. A wrapper is an element that holds at least half of
// the page's prose (a theme's "sidebar-1" or "td-content-wrap" around the
// article column): a widget never does.
func (p *page) isChrome(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom == atom.Body || n.DataAtom == atom.Html {
		return false
	}
	site := n.DataAtom == atom.Header && !hasAncestorAtom(n, atom.Article, atom.Main)
	if !site && !chromeElement(n) {
		return false
	}
	if chromeAtoms[n.DataAtom] && !structuralChrome[n.DataAtom] {
		return true // scripts, forms controls, iframes: never text
	}
	if v, ok := p.chromeCache[n]; ok {
		return v
	}
	mass := p.pageProse()
	pr := proseOf(n)
	v := !(pr >= 400 && pr*2 >= mass)
	if p.chromeCache == nil {
		p.chromeCache = map[*html.Node]bool{}
	}
	p.chromeCache[n] = v
	return v
}

// chromeAncestor reports whether n or one of its ancestors is chrome.
func (p *page) chromeAncestor(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if p.isChrome(a) {
			return true
		}
	}
	return false
}

// pageProse is the prose on the page before anything was removed.
func (p *page) pageProse() int {
	if p.proseMass < 0 {
		p.proseMass = proseOf(p.body)
	}
	return p.proseMass
}

// proseOf counts the characters of prose under n: the text of every block
// whose own text (its inline content, outside nested blocks) is at least 80
// characters and at most 30% link text. Menus, link lists, counters and
// captions are not prose; article paragraphs, comments and blurbs are.
func proseOf(n *html.Node) int {
	total := 0
	var own, link int
	var inline func(c *html.Node, inA bool)
	inline = func(c *html.Node, inA bool) {
		for ch := c.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				l := utf8.RuneCountInString(strings.TrimSpace(ch.Data))
				own += l
				if inA {
					link += l
				}
			case html.ElementNode:
				if skipAtoms[ch.DataAtom] {
					continue
				}
				if blockAtoms[ch.DataAtom] || ch.DataAtom == atom.Table || ch.DataAtom == atom.Tr || ch.DataAtom == atom.Td || ch.DataAtom == atom.Th || ch.DataAtom == atom.Tbody {
					total += proseOf(ch)
					continue
				}
				inline(ch, inA || ch.DataAtom == atom.A)
			}
		}
	}
	if n.Type == html.TextNode {
		return 0
	}
	inline(n, n.DataAtom == atom.A)
	if own >= 80 && link*10 <= own*3 {
		total += own
	}
	return total
}

// densestProse returns the element whose own text is the page's longest
// prose block: where the main text is when no container names it.
func densestProse(root *html.Node) *html.Node {
	var best *html.Node
	bestLen := 0
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || !(blockAtoms[n.DataAtom] || n.DataAtom == atom.Td) {
			continue
		}
		own := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				own += len(strings.TrimSpace(c.Data))
			} else if c.Type == html.ElementNode && !blockAtoms[c.DataAtom] && c.DataAtom != atom.A && !skipAtoms[c.DataAtom] && c.DataAtom != atom.Table {
				own += len(strings.TrimSpace(textOf(c)))
			}
		}
		if own > bestLen {
			best, bestLen = n, own
		}
	}
	if bestLen < 80 {
		return nil
	}
	return best
}

// removeChrome is the chrome stage: it deletes chrome elements, the banner,
// menu and footer rows of layout tables, boxes headed by a widget caption
// and related-article lists under the page body, never an element that
// holds the known body container.
func (p *page) removeChrome() { p.stripChrome(p.body, p.known) }

// stripChrome removes the chrome under root, keeping keep and its
// ancestors.
func (p *page) stripChrome(root, keep *html.Node) {
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
			guarded := keep != nil && (c == keep || isAncestor(c, keep))
			if !guarded && p.isChrome(c) {
				doomed = append(doomed, c)
				continue
			}
			if !guarded && c.DataAtom == atom.Form && textLen(c) < 300 {
				doomed = append(doomed, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	doomed = append(doomed, spanningRows(root, keep)...)
	log := p.undo
	if root != p.body {
		log = nil // only the page's own removals can be undone
	}
	detach := func(n *html.Node) {
		if n.Parent == nil {
			return
		}
		if log != nil {
			*log = append(*log, detached{n, n.Parent, n.NextSibling})
		}
		n.Parent.RemoveChild(n)
	}
	for _, n := range doomed {
		detach(n)
	}
	removeWidgetBoxes(root, keep, detach)
	removeRelated(root, detach)
}

// captionSized reports text short enough to be a widget caption or a
// related-list heading: the longest, with its colon, is under 32
// characters.
func captionSized(s string) bool {
	if len(s) > 200 {
		return false
	}
	n := collapsedLen(s)
	return n > 0 && n <= 32
}

// removeWidgetBoxes removes boxes headed by a widget caption ("Thống kê
// truy cập", "Liên kết website", "Đường dây nóng"…): the largest element
// that starts with the caption and stays short, whatever its class.
func removeWidgetBoxes(root, keep *html.Node, detach func(*html.Node)) {
	var boxes []*html.Node
	for t := range root.Descendants() {
		if t.Type != html.TextNode || t.Parent == nil || !captionSized(t.Data) {
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
			detach(b)
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
			if textLen(r) < 400 {
				out = append(out, r)
			}
		}
	}
	return out
}

// removeRelated removes a "Tin liên quan" style heading and everything after
// it at its level: the list it introduces.
func removeRelated(root *html.Node, detach func(*html.Node)) {
	var heads []*html.Node
	for t := range root.Descendants() {
		if t.Type != html.TextNode || !captionSized(t.Data) || t.Parent == nil || t.Parent.Type != html.ElementNode {
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
			detach(s)
			s = next
		}
	}
}
