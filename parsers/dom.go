package parsers

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Small helpers over golang.org/x/net/html trees, shared by the stages.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
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

// isAncestor reports whether anc is a proper ancestor of n.
func isAncestor(anc, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == anc {
			return true
		}
	}
	return false
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

func blockAncestor(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (blockAtoms[p.DataAtom] || p.DataAtom == atom.Td || p.DataAtom == atom.Th || p.DataAtom == atom.Body) {
			return p
		}
	}
	return n
}

// textOf is the raw text under n, with a space for each <br>.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		} else if d.Type == html.ElementNode && d.DataAtom == atom.Br {
			b.WriteByte(' ')
		}
	}
	return b.String()
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

// cloneTree deep-copies n.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	if len(n.Attr) > 0 {
		c.Attr = append([]html.Attribute(nil), n.Attr...)
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneTree(ch))
	}
	return c
}

// textLen is the length in characters of the text under n as CleanLine
// would leave it (whitespace runs one space, trimmed), counted without
// building the string: the stages that only weigh text use it.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return collapsedLen(n.Data)
	}
	c := counter{}
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			c.add(d.Data)
		} else if d.Type == html.ElementNode && d.DataAtom == atom.Br {
			c.add(" ")
		}
	}
	return c.n
}

// collapsedLen is textLen of a string.
func collapsedLen(s string) int {
	c := counter{}
	c.add(s)
	return c.n
}

type counter struct {
	n       int
	pending bool // a space is owed before the next character
}

func (c *counter) add(s string) {
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad' || r == '\u2060':
		case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0' || r == '\f' || r == '\v':
			c.pending = c.n > 0
		default:
			if c.pending {
				c.n++
				c.pending = false
			}
			c.n++
		}
	}
}
