package parsers

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bodySelectors find the article body in the CMSs ward portals and
// Vietnamese news sites run on. The first selector that matches an element
// with enough text wins; among its matches the one with the most text is
// taken.
var bodySelectors = []string{
	`[itemprop="articleBody"]`,
	`#news-bodyhtml`, `.news-bodyhtml`, // NukeViet
	`#divArticleContent`, `.ms-rtestate-field`, // SharePoint
	`.journal-content-article`, // Liferay / VNPT ePortal web content
	`.content-detail`, `.detail-content`, `.news-detail-content`, `.news-content`, `.article-content`, `.article-body`, `.post-content`,
	`.article__body`, `.cms-body`, // news CMSs (BEM-style themes)
	`.entry-content`,                        // WordPress
	`.edn_articleDetails`,                   // DotNetNuke EasyDNNnews
	`.news-text-wrap`,                       // TYPO3 tx_news
	`.field--name-body`, `.field-name-body`, // Drupal 8+, Drupal 7
	`.bodytext`, `.noidung`, `.noi-dung`, `.chitiet`, `.content-news`,
}

// knownSelectors indexes bodySelectors by what they match: an id, a class
// or the articleBody microdata property, so that one walk finds them all.
var knownSelectors = func() (k struct{ ids, classes map[string]int }) {
	k.ids, k.classes = map[string]int{}, map[string]int{}
	for i, sel := range bodySelectors {
		switch {
		case strings.HasPrefix(sel, "#"):
			k.ids[sel[1:]] = i
		case strings.HasPrefix(sel, "."):
			k.classes[sel[1:]] = i
		case sel == `[itemprop="articleBody"]`:
		default:
			panic("bodySelectors: unsupported selector " + sel)
		}
	}
	return k
}()

// locateKnownBody finds the body container by the site's content_selector,
// else by a known CMS container: the first of bodySelectors that matches
// an element (outside chrome) with enough text, the match with the most
// text. It reads the untouched page.
func (p *page) locateKnownBody() {
	if sel := p.opt.ContentSelector; sel != "" {
		if m := goquery.NewDocumentFromNode(p.doc).Find(sel); m.Length() > 0 {
			p.known, p.knownSel = m.Get(0), "content_selector "+sel
			return
		}
	}
	matches := map[int][]*html.Node{}
	for n := range p.doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "itemprop":
				if a.Val == "articleBody" {
					matches[0] = append(matches[0], n)
				}
			case "id":
				if i, ok := knownSelectors.ids[a.Val]; ok {
					matches[i] = append(matches[i], n)
				}
			case "class":
				for _, tok := range strings.Fields(a.Val) {
					if i, ok := knownSelectors.classes[tok]; ok {
						matches[i] = append(matches[i], n)
					}
				}
			}
		}
	}
	if len(matches) == 0 {
		return
	}
	for i, sel := range bodySelectors {
		var best *html.Node
		bestLen := 0
		var parts []*html.Node
		sum := 0
		for _, n := range matches[i] {
			if p.chromeAncestor(n) {
				continue
			}
			l := textLen(n)
			if l > bestLen {
				best, bestLen = n, l
			}
			if l >= 100 && (len(parts) == 0 || !isAncestor(parts[len(parts)-1], n)) {
				parts, sum = append(parts, n), sum+l
			}
		}
		if best == nil || bestLen < 40 {
			continue
		}
		p.known, p.knownSel = best, sel
		// A body the CMS split into several blocks (around ads or
		// embeds) is their common ancestor, when that adds little text.
		if len(parts) >= 2 {
			if lca := commonAncestor(parts); lca != nil && lca.DataAtom != atom.Body && textLen(lca)*10 <= sum*13 {
				p.known, p.knownSel = lca, sel+" (all "+strconv.Itoa(len(parts))+" blocks)"
			}
		}
		return
	}
}

// commonAncestor returns the deepest element that holds every node.
func commonAncestor(nodes []*html.Node) *html.Node {
	anc := nodes[0].Parent
	for anc != nil {
		all := true
		for _, n := range nodes[1:] {
			if !isAncestor(anc, n) {
				all = false
				break
			}
		}
		if all {
			return anc
		}
		anc = anc.Parent
	}
	return nil
}

// leadClass names the sapo (lead paragraph) that CMSs keep apart from the
// body: NukeViet's .hometext, .sapo, .brief, .description, TYPO3's
// .teaser-text, EasyDNN's articleSummary…
var leadClass = newTokenSet(`(?i)(?:^|[-_])(?:hometext|sapo|brief|summary|lead|lede|chapeau|chapo|standfirst|excerpt|description|teaser|tomtat|tom-tat|mota|mo-ta|trichdan|trich-dan|intro|introtext)(?:$|[-_])`)

// findLead finds the sapo: the last lead-classed (or itemprop=description)
// element between the headline and the body, outside figures and chrome.
// Without a headline, the search covers the body's parent before the body.
func (p *page) findLead() {
	anchor := p.known
	if anchor == nil {
		anchor = p.proseAnchor()
	}
	if anchor == nil {
		return
	}
	from := p.titleNode
	if from == nil {
		from = anchor.Parent
	}
	if from == nil {
		return
	}
	started := false
	var lead *html.Node
	for n := range p.doc.Descendants() {
		if n == anchor {
			break
		}
		if !started {
			started = n == from
			continue
		}
		if p.titleNode != nil && isAncestor(p.titleNode, n) {
			continue
		}
		if n.Type != html.ElementNode || isAncestor(n, anchor) {
			continue
		}
		if !hasClassToken(n, leadClass) && attr(n, "itemprop") != "description" {
			continue
		}
		if n.DataAtom == atom.Meta || hasAncestorAtom(n, atom.Figure, atom.Figcaption) || n.DataAtom == atom.Figcaption || p.chromeAncestor(n) {
			continue
		}
		if lead != nil && isAncestor(lead, n) {
			continue // the outer lead element already holds it
		}
		if l := utf8.RuneCountInString(strings.TrimSpace(textOf(n))); l >= 20 && l <= 1500 {
			lead = n
		}
	}
	p.lead = lead
	if lead != nil {
		p.leadParas = Paragraphs(lead)
	}
}

// keepPristineCopy keeps what the floor needs to run readability on the
// page as a reader sees it. When readability will run on this page's own
// tree, that is a copy made now; when a known container is the body, the
// chrome stage only detaches nodes, and it keeps a log to put them back, so
// the copy is made only if the floor is needed.
func (p *page) keepPristineCopy() {
	p.pageProse() // measured on the untouched page
	if p.known == nil {
		p.pristine = cloneTree(p.doc)
	} else {
		p.undo = &[]detached{}
	}
}

// detached is a node the chrome stage took out, and where it was.
type detached struct{ node, parent, next *html.Node }

// pristineCopy returns the untouched page: the copy made before the chrome
// stage, or, on the known-container path, a copy made after putting the
// detached nodes back (and taking them out again).
func (p *page) pristineCopy() *html.Node {
	if p.pristine != nil || p.undo == nil {
		return p.pristine
	}
	log := *p.undo
	for i := len(log) - 1; i >= 0; i-- {
		d := log[i]
		d.parent.InsertBefore(d.node, d.next)
	}
	p.pristine = cloneTree(p.doc)
	for _, d := range log {
		d.parent.RemoveChild(d.node)
	}
	return p.pristine
}

// selectBody takes the known container, else readability's choice on the
// page without its chrome. Readability on the untouched page is the
// floor: when the first choice holds less than half of the page's prose
// and readability finds clearly more text, readability's result, cleaned
// by the same chrome rules, wins. A site's content_selector is the user's
// word and is never overruled.
func (p *page) selectBody() {
	if p.known != nil && attached(p.known, p.doc) {
		p.root, p.method = p.known, "rule:"+p.knownSel
	} else {
		p.root, p.method = readabilityRoot(p.doc, p.url), "readability"
	}
	p.paras = p.withLead(p.root, p.paragraphsOf(p.root))
	got := textChars(p.paras)
	mass := p.pageProse()
	if got*2 >= mass || mass < 200 || strings.HasPrefix(p.knownSel, "content_selector") {
		return // enough of the page's prose, or the site's own selector
	}
	alt := readabilityRoot(p.pristineCopy(), p.url)
	if alt == nil {
		p.floorNote = fmt.Sprintf("%s kept %d of the page's %d prose characters; readability on the untouched page found nothing", p.method, got, mass)
		return
	}
	got = textChars(cleanLines(p.paras, p.title))
	p.stripChrome(alt, nil)
	altParas := p.withLead(nil, p.paragraphsOf(alt))
	altChars := textChars(cleanLines(altParas, p.title))
	if altChars*10 > got*13+500 {
		p.floorNote = fmt.Sprintf("%s kept %d of the page's %d prose characters; readability on the untouched page kept %d: taken", p.method, got, mass, altChars)
		p.root, p.paras, p.method = alt, altParas, "readability-floor"
		return
	}
	p.floorNote = fmt.Sprintf("%s kept %d of the page's %d prose characters; readability on the untouched page kept %d: not clearly more", p.method, got, mass, altChars)
}

// paragraphsOf renders a body and keeps where each paragraph sits.
func (p *page) paragraphsOf(root *html.Node) []string {
	if root == nil {
		return nil
	}
	paras, info := paragraphsWithInfo(root)
	if p.paraInfo == nil {
		p.paraInfo = info
	} else {
		for k, v := range info {
			p.paraInfo[k] = v
		}
	}
	return paras
}

// withLead puts the sapo in front of the body's paragraphs, unless the
// body holds it already.
func (p *page) withLead(root *html.Node, paras []string) []string {
	if len(p.leadParas) == 0 || len(paras) == 0 {
		return paras
	}
	if root != nil && p.lead != nil && isAncestor(root, p.lead) {
		return paras
	}
	for i := 0; i < len(paras) && i < 4; i++ {
		if paras[i] == p.leadParas[0] {
			return paras
		}
	}
	p.leadAdded = true
	return append(append([]string(nil), p.leadParas...), paras...)
}

func textChars(paras []string) int {
	n := 0
	for _, s := range paras {
		n += utf8.RuneCountInString(s)
	}
	return n
}

// readabilityRoot runs readability on doc (mutating it) and returns its
// article node.
func readabilityRoot(doc *html.Node, pageURL *url.URL) *html.Node {
	ps := readability.NewParser()
	art, err := ps.ParseAndMutate(doc, pageURL)
	if err != nil || art.Node == nil {
		return nil
	}
	fixAtoms(art.Node)
	return art.Node
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
