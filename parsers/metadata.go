package parsers

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what the page says about itself before anything is removed:
// its <title>, Open Graph and meta tags, and schema.org data in JSON-LD or
// microdata.
type pageMeta struct {
	ogTitle, ogType, docTitle, author string
	// ldHeadline is the headline of the page's article entity (JSON-LD or
	// microdata itemprop=headline).
	ldHeadline string
	// dates are publish dates from metadata, in the order found, each with
	// where it came from.
	dates []metaDate
	// types are the schema.org types the page declares (JSON-LD @type,
	// microdata itemtype), in the order found.
	types []string
	// declaredLang is <html lang>, lower-cased primary tag.
	declaredLang string
}

type metaDate struct{ value, source string }

// articleTypes are schema.org types of one article; listingTypes are types
// of pages that are not one article.
var (
	articleTypeRE = regexp.MustCompile(`(?i)^(?:\w*Article|BlogPosting|LiveBlogPosting|Report|SocialMediaPosting|DiscussionForumPosting|Review|PressRelease|Announcement)$`)
	listingTypeRE = regexp.MustCompile(`(?i)^(?:CollectionPage|ItemList|SearchResultsPage|ProfilePage|ContactPage|AboutPage|Dataset|DataCatalog|DataDownload|QAPage|FAQPage|CheckoutPage|Event|Place|Organization|Product)$`)
)

// articleType returns the first schema.org article type the page declares.
func (m pageMeta) articleType() string {
	for _, t := range m.types {
		if articleTypeRE.MatchString(t) {
			return t
		}
	}
	return ""
}

// listingType returns the first schema.org type of a non-article page,
// when the page declares no article type.
func (m pageMeta) listingType() string {
	if m.articleType() != "" {
		return ""
	}
	for _, t := range m.types {
		if listingTypeRE.MatchString(t) {
			return t
		}
	}
	return ""
}

// metaDateKeys are the meta names and properties that carry a publish date.
var metaDateKeys = map[string]bool{
	"article:published_time": true, "og:article:published_time": true, "datepublished": true,
	"pubdate": true, "publishdate": true, "publish-date": true, "publish_date": true,
	"dc.date.issued": true, "dc.date": true, "dcterms.date": true, "dcterms.issued": true,
	"dcterms.created": true, "date": true, "sailthru.date": true, "parsely-pub-date": true,
	"article.published": true, "article_date_original": true, "original-publish-date": true,
}

// readMetadata reads the page's self-description in one walk.
func (p *page) readMetadata() {
	m := &p.meta
	for n := range p.doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Html:
			if lang := strings.TrimSpace(attr(n, "lang")); lang != "" {
				m.declaredLang = strings.ToLower(strings.SplitN(strings.SplitN(lang, "-", 2)[0], "_", 2)[0])
			}
		case atom.Title:
			if m.docTitle == "" && hasAncestorAtom(n, atom.Head) {
				m.docTitle = CleanLine(textOf(n))
			}
		case atom.Meta:
			m.readMetaTag(n)
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
				m.readJSONLD(n.FirstChild.Data)
			}
		}
		if n.DataAtom == atom.Abbr && attr(n, "itemprop") == "" && hasClassToken(n, hAtomPublished) {
			m.dates = append(m.dates, metaDate{machineDate(n), "hAtom published"})
		}
		if t := attr(n, "itemtype"); t != "" {
			m.types = append(m.types, schemaName(t))
		}
		switch attr(n, "itemprop") {
		case "datePublished":
			m.dates = append(m.dates, metaDate{machineDate(n), "microdata datePublished"})
		case "headline":
			if m.ldHeadline == "" && n.DataAtom != atom.Meta {
				m.ldHeadline = CleanLine(textOf(n))
			}
		}
	}
}

// machineDate is the date an element gives machines: its datetime or
// content attribute, an <abbr>'s title (the microformats pattern Blogger
// and hAtom themes use), else its text.
func machineDate(n *html.Node) string {
	for _, k := range []string{"datetime", "content"} {
		if v := attr(n, k); v != "" {
			return v
		}
	}
	if n.DataAtom == atom.Abbr {
		if v := attr(n, "title"); v != "" {
			return v
		}
	}
	return textOf(n)
}

func (m *pageMeta) readMetaTag(n *html.Node) {
	key := strings.ToLower(cmpStr(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
	val := strings.TrimSpace(attr(n, "content"))
	if val == "" || key == "" {
		return
	}
	switch {
	case key == "og:title" || key == "twitter:title":
		if m.ogTitle == "" {
			m.ogTitle = CleanLine(val)
		}
	case key == "og:type":
		m.ogType = strings.ToLower(val)
	case key == "author" || key == "article:author" || key == "dc.creator" || key == "byl" || key == "sailthru.author" || key == "parsely-author":
		if !strings.Contains(val, "://") && m.author == "" {
			m.author = authorPrefix.ReplaceAllString(CleanLine(val), "")
		}
	case key == "headline" && m.ldHeadline == "":
		m.ldHeadline = CleanLine(val)
	case metaDateKeys[key]:
		m.dates = append(m.dates, metaDate{val, "meta " + key})
	}
}

func cmpStr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// schemaName is the type name of a schema.org URL or term.
func schemaName(t string) string {
	t = strings.TrimSpace(strings.Fields(t + " x")[0])
	if i := strings.LastIndexAny(t, "/#:"); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// readJSONLD reads one JSON-LD block: every @type it declares, and the
// headline, datePublished and author of its first article entity. A block
// that does not parse is skipped.
func (m *pageMeta) readJSONLD(raw string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(raw)), &v); err != nil {
		return
	}
	var article map[string]any
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			for _, t := range ldTypes(x["@type"]) {
				m.types = append(m.types, t)
				if article == nil && articleTypeRE.MatchString(t) {
					article = x
				}
			}
			if g, ok := x["@graph"]; ok {
				walk(g, depth+1)
			}
			if me, ok := x["mainEntity"]; ok {
				walk(me, depth+1)
			}
		}
	}
	walk(v, 0)
	if article == nil {
		return
	}
	if h, ok := article["headline"].(string); ok && m.ldHeadline == "" {
		m.ldHeadline = CleanLine(h)
	}
	if d, ok := article["datePublished"].(string); ok {
		m.dates = append(m.dates, metaDate{d, "JSON-LD datePublished"})
	}
	if a := ldAuthor(article["author"]); a != "" && m.author == "" {
		m.author = a
	}
}

func ldTypes(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{schemaName(t)}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, schemaName(s))
			}
		}
		return out
	}
	return nil
}

func ldAuthor(v any) string {
	switch a := v.(type) {
	case string:
		if !strings.Contains(a, "://") {
			return CleanLine(a)
		}
	case map[string]any:
		if n, ok := a["name"].(string); ok {
			return CleanLine(n)
		}
	case []any:
		var names []string
		for _, e := range a {
			if n := ldAuthor(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// hAtomPublished is the hAtom microformat's publish-date class.
var hAtomPublished = newTokenSet(`^published$`)

var titleClass = newTokenSet(`(?i)(?:^|[-_])(?:title|tieude|tieu-de|headline|heading)(?:$|[-_])`)
var authorClass = newTokenSet(`(?i)(?:^|[-_])(?:author|tacgia|tac-gia|byline|nguoiviet)(?:$|[-_])`)

// findTitle picks the page's headline among its headings (h1–h4) and
// title-classed elements. A heading scores for its tag, for agreeing with
// the page's own title (<title>, og:title, the schema.org headline; a
// one-word <title> such as "Home" says little), for standing nearest before
// the main text, and for reading like a headline (several words). Without
// a heading the og:title, else the <title> without its site name, is the
// title.
func (p *page) findTitle() {
	m := p.meta
	ref := strings.ToLower(m.ogTitle + " \x00 " + m.docTitle + " \x00 " + m.ldHeadline)
	anchor := p.known
	if anchor == nil {
		anchor = p.proseAnchor()
	}
	type cand struct {
		n     *html.Node
		text  string
		score int
	}
	var cands []cand
	passedAnchor := false
	lastBefore := -1
	for n := range p.doc.Descendants() {
		if n == anchor {
			passedAnchor = true
		}
		if n.Type != html.ElementNode {
			continue
		}
		isHeading := n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3 || n.DataAtom == atom.H4
		titleClassed := hasClassToken(n, titleClass)
		headlineProp := attr(n, "itemprop") == "headline"
		if !isHeading && !titleClassed && !headlineProp || !headlineProp && hasClassToken(n, leadClass) {
			continue // a sapo set as a heading (h2.sapo) is not the headline
		}
		text := CleanLine(textOf(n))
		l := utf8.RuneCountInString(text)
		if l < 4 || l > 400 || p.chromeAncestor(n) {
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
		if headlineProp {
			score += 3
		}
		words := len(strings.Fields(text))
		lt := strings.ToLower(text)
		if strings.Contains(ref, lt) {
			score += min(words, 4) // a one-word match ("Home") says little
		}
		if strings.EqualFold(text, m.ogTitle) || strings.EqualFold(text, stripSiteName(m.docTitle)) || strings.EqualFold(text, m.ldHeadline) {
			score += min(words, 2)
		}
		if words >= 4 {
			score++
		}
		if anchor != nil && isAncestor(anchor, n) {
			score-- // a heading inside the body is more likely a subheading
		}
		if !passedAnchor && anchor != nil {
			if p.known != nil {
				score += 2
			}
			lastBefore = len(cands)
		}
		cands = append(cands, cand{n, text, score})
	}
	if lastBefore >= 0 {
		cands[lastBefore].score += 3 // the heading nearest before the main text
	}
	best := -1
	for i, c := range cands {
		if best < 0 || c.score > cands[best].score {
			best = i
		}
	}
	switch {
	case best >= 0:
		p.titleNode, p.title = cands[best].n, cands[best].text
	case m.ldHeadline != "":
		p.title = m.ldHeadline
	case m.ogTitle != "":
		p.title = m.ogTitle
	default:
		p.title = stripSiteName(m.docTitle)
	}
}

// stripSiteName drops " - Site name" style suffixes from a <title>.
func stripSiteName(t string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " » "} {
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

// findAuthor reads the byline from author markup, a labelled "Tác giả:"
// line, or the page's metadata. A byline in the body (a final signature
// line) may replace it when the text is cleaned.
func (p *page) findAuthor() {
	p.author = p.authorFromElements()
	if p.author == "" && !p.siteAsAuthor(p.meta.author) {
		p.author = p.meta.author
	}
}

// notPerson starts the names portals put in <meta name="author"> for the
// site itself: the owning agency, the portal, an administrator account.
var notPerson = regexp.MustCompile(`(?i)^(?:ubnd|ủy ban|uỷ ban|cổng thông tin|trang thông tin|website|ban biên tập|admin|administrator|quản trị)`)

// siteAsAuthor reports a metadata author that names the site, not a
// person: an agency or portal name, or most of its words in the <title>'s
// site part (NukeViet writes the owner, "UBND phường An Hòa", into every
// page's meta author).
func (p *page) siteAsAuthor(a string) bool {
	if a == "" || notPerson.MatchString(a) {
		return a != ""
	}
	site := strings.ToLower(strings.Replace(p.meta.docTitle, p.title, "", 1))
	words := strings.Fields(strings.ToLower(a))
	in := 0
	for _, w := range words {
		if strings.Contains(site, w) {
			in++
		}
	}
	return len(words) >= 2 && in*5 >= len(words)*3
}

// authorPrefix is the wording themes put before an author's name.
var authorPrefix = regexp.MustCompile(`(?i)^(?:viết bởi|đăng bởi|được đăng bởi|bởi|posted by|written by|by|tác giả bài viết|tác giả|người viết|người đăng)\s*:?\s*`)

// authorLabelStart finds the text node that starts a labelled author line.
var authorLabelStart = regexp.MustCompile(`(?i)^\s*(?:tác giả|người viết|người đăng)`)

// authorLabel is a labelled author line.
var authorLabel = regexp.MustCompile(`(?i)^(?:tác giả bài viết|tác giả|người viết|người đăng)\s*:\s*(\p{L}[\p{L} .\-]{1,58})$`)

func (p *page) authorFromElements() string {
	for n := range p.doc.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom == atom.Meta || n.DataAtom == atom.Link || n.DataAtom == atom.Script {
			continue
		}
		isProp := attr(n, "itemprop") == "author" || attr(n, "rel") == "author"
		if !isProp && !hasClassToken(n, authorClass) {
			continue
		}
		text := CleanLine(textOf(n))
		if m := reByline.FindStringSubmatch(text); m != nil {
			text = m[1]
		}
		text = authorPrefix.ReplaceAllString(text, "")
		if l := utf8.RuneCountInString(text); l >= 2 && l <= 60 {
			return text
		}
	}
	// A labelled line outside the body: "Tác giả bài viết: Minh Hà".
	for t := range p.doc.Descendants() {
		if t.Type != html.TextNode || !authorLabelStart.MatchString(t.Data) {
			continue
		}
		blk := blockAncestor(t)
		text := CleanLine(textOf(blk))
		if len(text) > 120 || p.chromeAncestor(blk) {
			continue
		}
		if m := authorLabel.FindStringSubmatch(text); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	return ""
}

// detectLanguage names the text's language: Vietnamese when its words
// carry Vietnamese letters (ơ, ư, ă, đ, tone marks), whatever <html lang>
// says (portal themes ship with lang="en"); else the declared language;
// else "und" for a long text with next to no Vietnamese letters, and "vi"
// for a page with too little text to judge.
func (p *page) detectLanguage() {
	sample := p.text
	if len(sample) > 4000 {
		sample = sample[:4000]
	}
	words, vn := 0, 0
	for _, w := range strings.FieldsFunc(sample, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		words++
		for _, r := range w {
			if vietnameseUnicode(r) {
				vn++
				break
			}
		}
	}
	switch {
	case words >= 20 && vn*4 >= words:
		p.lang = "vi"
	case p.meta.declaredLang != "":
		p.lang = p.meta.declaredLang
	case words >= 20 && vn*20 < words:
		p.lang = "und" // a page in another language that does not say which
	default:
		p.lang = "vi"
	}
}
