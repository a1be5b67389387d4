package parsers

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Vietnam is the portals' time zone. Vietnam has had no daylight saving
// since 1975, so a fixed offset is exact and needs no tzdata.
var Vietnam = time.FixedZone("+07:00", 7*3600)

// reDateISO also reads NukeViet's article:published_time, written with
// PHP's "T" (a zone abbreviation) where ISO 8601 has the letter T:
// "2020-10-14+0715:25:00" or "2020-10-14ICT15:25:00".
var (
	reDateWords = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	// reDateMonthWord is Joomla's and WordPress's Vietnamese long date:
	// "18 Tháng 11 2020", "18 tháng 11, 2020".
	reDateMonthWord = regexp.MustCompile(`(?i)\b(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+(\d{4})\b`)
	reDateISO       = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:(?:[T ]|[A-Z]{3,4}|[+-]\d{2})(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?`)
	reDateDMY       = regexp.MustCompile(`\b(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d{4})\b`)
	reTime          = regexp.MustCompile(`(?i)\b(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*\d{2})?\b\s*(am|pm|sa|ch|a\.m\.|p\.m\.)?`)
	// English month names: "November 19, 2019", "Nov. 19, 2019", "19 November 2019".
	reDateMDY   = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reDateDMonY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	// reDateSpaced is day, month and year separated by spaces only, as
	// some SharePoint themes print them ("thứ ba, 06 08 2019 14:41"). It is
	// read only where the text is known to be a date (a date element, or a
	// line that starts with a weekday).
	reDateSpaced = regexp.MustCompile(`\b(\d{1,2}) (\d{1,2}) (\d{4})\b`)
)

var monthNames = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// FindDate finds the first date in s (with its time of day where one stands
// within a few characters of it) and returns it in +07:00. hasTime tells
// whether a time of day was found.
func FindDate(s string) (t time.Time, hasTime, ok bool) { return findDate(s, false) }

// findDate is FindDate; loose also reads day, month and year separated by
// spaces, for text known to be a date.
func findDate(s string, loose bool) (t time.Time, hasTime, ok bool) {
	type match struct {
		start, end int
		y, m, d    int
		h, mi, sec int
		zone       *time.Location
		withTime   bool
	}
	var best *match
	consider := func(m match) {
		if best == nil || m.start < best.start {
			mm := m
			best = &mm
		}
	}
	for _, g := range reDateISO.FindAllStringSubmatchIndex(s, -1) {
		m := match{start: g[0], end: g[1], y: atoi(s, g, 1), m: atoi(s, g, 2), d: atoi(s, g, 3)}
		if g[8] >= 0 {
			m.h, m.mi, m.withTime = atoi(s, g, 4), atoi(s, g, 5), true
			if g[12] >= 0 {
				m.sec = atoi(s, g, 6)
			}
			if g[14] >= 0 {
				m.zone = parseZone(s[g[14]:g[15]])
			}
		}
		if validDate(m.y, m.m, m.d) {
			consider(m)
			break
		}
	}
	for _, g := range reDateWords.FindAllStringSubmatchIndex(s, -1) {
		m := match{start: g[0], end: g[1], d: atoi(s, g, 1), m: atoi(s, g, 2), y: atoi(s, g, 3)}
		if validDate(m.y, m.m, m.d) {
			consider(m)
			break
		}
	}
	for _, g := range reDateMonthWord.FindAllStringSubmatchIndex(s, -1) {
		m := match{start: g[0], end: g[1], d: atoi(s, g, 1), m: atoi(s, g, 2), y: atoi(s, g, 3)}
		if validDate(m.y, m.m, m.d) {
			consider(m)
			break
		}
	}
	for _, g := range reDateDMY.FindAllStringSubmatchIndex(s, -1) {
		a, b, y := atoi(s, g, 1), atoi(s, g, 2), atoi(s, g, 3)
		d, mo := a, b
		if a <= 12 && b > 12 { // only a month/day order makes sense
			d, mo = b, a
		}
		if validDate(y, mo, d) {
			consider(match{start: g[0], end: g[1], y: y, m: mo, d: d})
			break
		}
	}
	for _, g := range reDateMDY.FindAllStringSubmatchIndex(s, -1) {
		m := match{start: g[0], end: g[1], m: monthNames[strings.ToLower(s[g[2]:g[3]])], d: atoi(s, g, 2), y: atoi(s, g, 3)}
		if validDate(m.y, m.m, m.d) {
			consider(m)
			break
		}
	}
	for _, g := range reDateDMonY.FindAllStringSubmatchIndex(s, -1) {
		m := match{start: g[0], end: g[1], d: atoi(s, g, 1), m: monthNames[strings.ToLower(s[g[4]:g[5]])], y: atoi(s, g, 3)}
		if validDate(m.y, m.m, m.d) {
			consider(m)
			break
		}
	}
	if best == nil && loose {
		for _, g := range reDateSpaced.FindAllStringSubmatchIndex(s, -1) {
			m := match{start: g[0], end: g[1], d: atoi(s, g, 1), m: atoi(s, g, 2), y: atoi(s, g, 3)}
			if validDate(m.y, m.m, m.d) {
				consider(m)
				break
			}
		}
	}
	if best == nil {
		return time.Time{}, false, false
	}
	if !best.withTime {
		best.h, best.mi, best.withTime = nearestTime(s, best.start, best.end)
	}
	loc := Vietnam
	if best.zone != nil {
		loc = best.zone
	}
	t = time.Date(best.y, time.Month(best.m), best.d, best.h, best.mi, best.sec, 0, loc).In(Vietnam)
	return t, best.withTime, true
}

// nearestTime looks for a time of day within 30 characters of a date.
func nearestTime(s string, start, end int) (h, mi int, ok bool) {
	bestDist := 31
	for _, g := range reTime.FindAllStringSubmatchIndex(s, -1) {
		if g[0] < end && g[1] > start { // overlaps the date itself
			continue
		}
		dist := start - g[1]
		if g[0] >= end {
			dist = g[0] - end
		}
		hh, mm := atoi(s, g, 1), atoi(s, g, 2)
		if g[6] >= 0 {
			switch strings.ToLower(s[g[6]:g[7]]) {
			case "pm", "ch", "p.m.":
				if hh < 12 {
					hh += 12
				}
			case "am", "sa", "a.m.":
				if hh == 12 {
					hh = 0
				}
			}
		}
		if hh > 23 || mm > 59 || dist >= bestDist {
			continue
		}
		h, mi, ok, bestDist = hh, mm, true, dist
	}
	return h, mi, ok
}

func atoi(s string, g []int, i int) int {
	if g[2*i] < 0 {
		return 0
	}
	n, _ := strconv.Atoi(s[g[2*i]:g[2*i+1]])
	return n
}

func validDate(y, m, d int) bool {
	if y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func parseZone(z string) *time.Location {
	if z == "Z" {
		return time.UTC
	}
	z = strings.ReplaceAll(z, ":", "")
	if len(z) != 5 {
		return nil
	}
	h, err1 := strconv.Atoi(z[1:3])
	m, err2 := strconv.Atoi(z[3:5])
	if err1 != nil || err2 != nil {
		return nil
	}
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off)
}

// dateClass names the elements themes print the publish date in.
var dateClass = newTokenSet(`(?i)(?:^|[-_])(?:date|dates|time|datetime|pubdate|published|publish|publishdate|post-date|postdate|entry-date|created|posted|posted-on|postedon|ngay|ngaydang|ngay-dang|thoigian|thoi-gian|ngaythang|meta-date|news-date|article-date|detail-time)(?:$|[-_])`)

// placeDateLine is a "Hà Nội, ngày 22-10-2020" header: today's date.
var placeDateLine = regexp.MustCompile(`(?i)^[\p{L} .]{2,40},\s*(?:ngày|thứ)\b`)

// weekdayStart is a line that opens with a weekday: what follows is a date.
var weekdayStart = regexp.MustCompile(`(?i)^\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)

// reURLDate is a date in a URL path: /2019/11/20/.
var reURLDate = regexp.MustCompile(`/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)`)

// findPublishDate locates the page's publish date by structure, in this
// order: the site's date_selector; the page's metadata (JSON-LD, meta
// tags, microdata); a <time datetime> or date-classed element, or a date
// line, nearest the headline (a line is the inline run a reader sees, so a
// date <span> inside a long block still counts); the URL. A metadata date
// without a time of day (NukeViet writes "2020-10-14+0715:25:00") yields
// to a visible date of the same day that has one.
func (p *page) findPublishDate() {
	if t, ok := p.dateFromSelector(); ok {
		p.date, p.dateSource = &t, "date_selector "+p.opt.DateSelector
		return
	}
	near, nearOK, nearSrc := p.dateNearHeadline()
	for _, d := range p.meta.dates {
		t, hasTime, ok := FindDate(d.value)
		if !ok {
			continue
		}
		if !hasTime && nearOK && sameDay(t, near) {
			t, d.source = near, d.source+" (time from "+nearSrc+")"
		}
		p.date, p.dateSource = &t, d.source
		return
	}
	if nearOK {
		p.date, p.dateSource = &near, nearSrc
		return
	}
	if p.url != nil {
		if g := reURLDate.FindStringSubmatch(p.url.Path); g != nil {
			y, m, d := atoiS(g[1]), atoiS(g[2]), atoiS(g[3])
			if validDate(y, m, d) {
				t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, Vietnam)
				p.date, p.dateSource = &t, "url"
			}
		}
	}
}

func atoiS(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func (p *page) dateFromSelector() (time.Time, bool) {
	if p.opt.DateSelector == "" {
		return time.Time{}, false
	}
	var found time.Time
	ok := false
	goquery.NewDocumentFromNode(p.doc).Find(p.opt.DateSelector).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		for _, v := range []string{s.AttrOr("datetime", ""), s.AttrOr("content", ""), s.Text()} {
			if t, _, hit := findDate(v, true); hit {
				found, ok = t, true
				return false
			}
		}
		return true
	})
	return found, ok
}

func sameDay(a, b time.Time) bool {
	y1, m1, d1 := a.In(Vietnam).Date()
	y2, m2, d2 := b.In(Vietnam).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// dateNearHeadline finds the article's own date near the headline, in two
// passes. First a date element: a <time datetime> or an element whose class
// names a date, after the headline (up to the body text) or just before it
// within the headline's section (its fourth ancestor: a theme prints the
// date row above the headline row). Then a date line: the first short line
// after the headline that is little more than a date, else one just before
// it that shares the headline's block (its grandparent) and is not a
// "Place, ngày …" header. Without a headline the search starts at the body
// container, else at the top.
func (p *page) dateNearHeadline() (time.Time, bool, string) {
	anchor := p.titleNode
	if anchor == nil {
		anchor = p.known
	}
	var nodes []*html.Node
	start := 0
	for n := range p.doc.Descendants() {
		if n == anchor {
			start = len(nodes)
		}
		nodes = append(nodes, n)
	}
	ancestor := func(k int) *html.Node {
		if p.titleNode == nil {
			return nil
		}
		a := p.titleNode
		for i := 0; i < k && a.Parent != nil; i++ {
			a = a.Parent
		}
		return a
	}
	lineScope, elementScope := ancestor(2), ancestor(4)
	for _, elements := range []bool{true, false} {
		seen := map[*html.Node]bool{}
		// check returns a date, or stop when the search reached body text.
		check := func(n *html.Node, before bool) (t time.Time, src string, ok, stop bool) {
			scope := lineScope
			if elements {
				scope = elementScope
			}
			if before && (p.chromeAncestor(n) || scope != nil && !isAncestor(scope, n)) {
				return
			}
			if n.Type == html.ElementNode {
				if !elements || !dateElement(n) || seen[n] || linkedItemDate(n) {
					return
				}
				seen[n] = true
				for _, v := range []string{attr(n, "datetime"), attr(n, "content"), attr(n, "title")} {
					if t, _, hit := FindDate(v); hit {
						return t, "<" + n.Data + "> " + elementName(n), true, false
					}
				}
				if line := CleanLine(textOf(n)); utf8.RuneCountInString(line) <= 120 && !placeDateLine.MatchString(line) {
					if t, _, hit := findDate(line, true); hit {
						return t, "date element " + elementName(n), true, false
					}
				}
				return
			}
			if n.Type != html.TextNode || !strings.ContainsAny(n.Data, "0123456789") && !elements {
				return
			}
			first, line := lineAround(n)
			if seen[first] {
				return
			}
			seen[first] = true
			if utf8.RuneCountInString(line) > 200 {
				return t, "", false, true // reached body text
			}
			// "Hà Nội, ngày 22-10-2020" in a site header is today's date. A
			// date inside a sentence ("thành lập theo Nghị định … ngày
			// 22/11/1996 …") is not the page's date line.
			if elements || placeDateLine.MatchString(line) || !dateLineLike(line) || linkedItemDate(n) || inFieldRow(n) {
				return
			}
			if t, _, hit := findDate(line, weekdayStart.MatchString(line)); hit {
				return t, "date line " + strconv.Quote(line), true, false
			}
			return
		}
		for i, budget := start, 60; i < len(nodes) && budget > 0; i++ {
			if p.titleNode != nil && (nodes[i] == p.titleNode || isAncestor(p.titleNode, nodes[i])) {
				continue // the title's own text
			}
			if nodes[i].Type == html.TextNode {
				budget--
			}
			if t, src, ok, stop := check(nodes[i], false); ok {
				return t, true, src
			} else if stop {
				break
			}
		}
		if anchor == nil {
			continue
		}
		for i, budget := start-1, 8; i >= 0 && budget > 0; i-- {
			if nodes[i].Type == html.TextNode && strings.TrimSpace(nodes[i].Data) != "" {
				budget--
			}
			if isAncestor(nodes[i], anchor) {
				continue // a block that holds the headline is not a date line
			}
			if t, src, ok, _ := check(nodes[i], true); ok {
				return t, true, src
			}
		}
	}
	return time.Time{}, false, ""
}

// linkedItemDate reports a date that belongs to a linked item (a related
// or newer-news list entry, a teaser): its list item or block also holds a
// link whose text reads like a headline. A block of more than 400
// characters is a container, not an item.
func linkedItemDate(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type != html.ElementNode {
			continue
		}
		if attr(a, teaserBlock) != "" {
			return true
		}
		if a.DataAtom == atom.Li || a.DataAtom == atom.Tr || blockAtoms[a.DataAtom] {
			if textLen(a) > 400 {
				return false // a container, not an item
			}
			for d := range a.Descendants() {
				if d.Type == html.ElementNode && d.DataAtom == atom.A && textLen(d) >= 20 {
					return true
				}
			}
			return false
		}
	}
	return false
}

// inFieldRow reports text in the value cell of a label | value row (a
// metadata record's "Cập nhật lần cuối | 6 tháng 11, 2024"): a field of
// the record, not the page's date line.
func inFieldRow(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && a.DataAtom == atom.Tr {
			_, _, ok := fieldRow(a)
			return ok && cells(a) == 2
		}
		if a.Type == html.ElementNode && a.DataAtom == atom.Table {
			return false
		}
	}
	return false
}

// dateElement is a <time> with a datetime, or an element whose class or
// id names a date.
func dateElement(n *html.Node) bool {
	if n.DataAtom == atom.Time {
		return true
	}
	return hasClassToken(n, dateClass) && n.DataAtom != atom.Body && n.DataAtom != atom.Html && n.DataAtom != atom.Input && n.DataAtom != atom.Select
}

// elementName is "tag.class" or "tag#id", for explanations.
func elementName(n *html.Node) string {
	if c := strings.Fields(attr(n, "class")); len(c) > 0 {
		return n.Data + "." + c[0]
	}
	if id := attr(n, "id"); id != "" {
		return n.Data + "#" + id
	}
	return n.Data
}

// lineAround returns the line of text a reader sees around the text node
// t: the run of inline content between block boundaries and <br>s in t's
// block. first identifies the line.
func lineAround(t *html.Node) (first *html.Node, line string) {
	blk := blockAncestor(t)
	top := t
	for top.Parent != nil && top.Parent != blk && inlineNode(top.Parent) {
		top = top.Parent
	}
	first = top
	for s := top.PrevSibling; s != nil && inlineNode(s); s = s.PrevSibling {
		first = s
	}
	var b strings.Builder
	for s := first; s != nil && inlineNode(s); s = s.NextSibling {
		b.WriteString(textOf(s))
		b.WriteByte(' ')
	}
	return first, CleanLine(b.String())
}

// inlineNode is text, or an element that does not break the line.
func inlineNode(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		return true
	case html.ElementNode:
		return !blockAtoms[n.DataAtom] && n.DataAtom != atom.Br && n.DataAtom != atom.Table && n.DataAtom != atom.Tr &&
			n.DataAtom != atom.Td && n.DataAtom != atom.Th && n.DataAtom != atom.Tbody && n.DataAtom != atom.Li && !skipAtoms[n.DataAtom]
	}
	return false
}

// dateLineLike tells a date line ("Ngày đăng 14/10/2020 | 15:25 | Lượt
// xem: 174", "Cập nhật lúc 08:30 ngày 02/7/2020", "(Đăng ngày: 05/10/2020)")
// from a sentence that mentions a date: besides numbers and the words date,
// time, weekday and label fragments are made of, it holds at most 30
// letters.
func dateLineLike(line string) bool {
	return nonFragmentLetters(line, 30) <= 30
}
