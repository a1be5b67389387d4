package parsers

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// blockAtoms start a new paragraph when rendering text.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Figure: true, atom.Figcaption: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true, atom.Address: true,
	atom.Hr: true, atom.Center: true, atom.Form: true, atom.Fieldset: true, atom.Details: true,
	atom.Summary: true, atom.Caption: true,
}

// skipAtoms never contribute text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Select: true, atom.Option: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
	atom.Head: true, atom.Title: true, atom.Img: true, atom.Video: true, atom.Audio: true,
}

// Paragraphs renders the text under n as paragraphs: block elements and <br>
// separate paragraphs, a table row becomes one paragraph with its cells
// joined by " | ". Each paragraph is whitespace-collapsed and NFC.
func Paragraphs(n *html.Node) []string {
	r := &renderer{}
	r.walk(n)
	r.flush()
	return r.paras
}

// paraInfo is where a rendered paragraph sits: the element path of its
// block, and whether all its text is link text (a list of links).
type paraInfo struct {
	path     string
	linkOnly bool
}

// paragraphsWithInfo is Paragraphs with each paragraph's paraInfo, keyed
// by its text (the first occurrence's).
func paragraphsWithInfo(n *html.Node) ([]string, map[string]paraInfo) {
	r := &renderer{info: map[string]paraInfo{}, root: n}
	r.walk(n)
	r.flush()
	return r.paras, r.info
}

type renderer struct {
	cur   strings.Builder
	paras []string

	// With info: the block the current paragraph is in, and how much of
	// its text is inside links.
	info      map[string]paraInfo
	root      *html.Node
	block     *html.Node
	inLink    int
	chars     int
	linkChars int
}

func (r *renderer) flush() {
	if p := CleanLine(r.cur.String()); p != "" {
		r.paras = append(r.paras, p)
		if r.info != nil {
			if _, ok := r.info[p]; !ok {
				r.info[p] = paraInfo{path: elementPath(r.block, r.root), linkOnly: r.chars > 0 && r.linkChars*10 >= r.chars*8}
			}
		}
	}
	r.cur.Reset()
	r.chars, r.linkChars = 0, 0
}

func (r *renderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.cur.WriteString(n.Data)
		if r.info != nil {
			l := len(strings.TrimSpace(n.Data))
			r.chars += l
			if r.inLink > 0 {
				r.linkChars += l
			}
		}
		return
	case html.ElementNode:
		if skipAtoms[n.DataAtom] || hidden(n) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			r.flush()
			return
		case atom.Tr:
			r.flush()
			if layoutRow(n) || cells(n) == 1 {
				break // a layout row or a single cell: walked as blocks, keeping its paragraphs
			}
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					cells = append(cells, strings.Join(Paragraphs(c), " "))
				}
			}
			if row := strings.Join(cells, " | "); strings.Trim(row, " |") != "" {
				row = CleanLine(row)
				r.paras = append(r.paras, row)
				if r.info != nil {
					if _, ok := r.info[row]; !ok {
						r.info[row] = paraInfo{path: elementPath(n, r.root)}
					}
				}
			}
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := n.Type == html.ElementNode && (blockAtoms[n.DataAtom] || n.DataAtom == atom.Table ||
		n.DataAtom == atom.Td || n.DataAtom == atom.Th || n.DataAtom == atom.Tr)
	if block {
		r.flush()
	}
	prev := r.block
	if block {
		r.block = n
	}
	link := n.Type == html.ElementNode && n.DataAtom == atom.A
	if link {
		r.inLink++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if link {
		r.inLink--
	}
	if block {
		r.flush()
		r.block = prev
	}
}

// elementPath names where an element sits in its template: its tag and
// first class, and those of up to three ancestors below root, with digits
// folded (a theme's "col-md-8" and "item-12" are the same slot on every
// page). Ids are left out: CMSs number them per page.
func elementPath(n, root *html.Node) string {
	var parts []string
	for a := n; a != nil && len(parts) < 4; a = a.Parent {
		if a.Type != html.ElementNode {
			continue
		}
		part := a.Data
		if c := strings.Fields(attr(a, "class")); len(c) > 0 {
			part += "." + foldDigits(c[0])
		}
		parts = append(parts, part)
		if a == root {
			break
		}
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ">")
}

// foldDigits replaces every run of digits with '#'.
func foldDigits(s string) string {
	var b strings.Builder
	digit := false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if !digit {
				b.WriteByte('#')
			}
			digit = true
			continue
		}
		digit = false
		b.WriteRune(r)
	}
	return b.String()
}

// layoutRow tells a row of a layout table (page regions side by side) from
// a row of data: a layout cell holds a nested table, several blocks, or a
// long text.
func layoutRow(tr *html.Node) bool {
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
			continue
		}
		blocks, chars := 0, 0
		for d := range c.Descendants() {
			switch {
			case d.Type == html.TextNode:
				chars += len(d.Data)
			case d.Type == html.ElementNode && d.DataAtom == atom.Table:
				return true
			case d.Type == html.ElementNode && blockAtoms[d.DataAtom] && d.DataAtom != atom.Li && d.DataAtom != atom.Ul && d.DataAtom != atom.Ol:
				blocks++
			}
		}
		if blocks > 2 || chars > 600 {
			return true
		}
	}
	return false
}

// hidden reports elements a reader never sees.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// CleanLine puts one line of text in canonical form: NFC, invisible
// characters removed, every run of whitespace (NBSP included) one space.
func CleanLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad' || r == '\u2060':
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	// NFC last: a dropped control character can leave a combining mark
	// next to a letter it may now compose with.
	return norm.NFC.String(b.String())
}

// JoinParagraphs builds an article's text: paragraphs separated by one blank line.
func JoinParagraphs(paras []string) string {
	return strings.Join(paras, "\n\n")
}

// ContentHash is the hex SHA-256 of text in hash form: NFC, invisible
// characters dropped, and all whitespace, paragraph breaks included,
// collapsed to single spaces. Two copies of an article whose words are the
// same therefore hash the same even when one site splits a paragraph with
// <br> and another with <p>, or one sends NFD.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(CleanLine(text)))
	return hex.EncodeToString(sum[:])
}
