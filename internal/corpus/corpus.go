// Package corpus writes the labelled extraction corpus in testdata/pages:
// ward-portal pages modelled on the CMSs Vietnamese local governments run
// (NukeViet, Liferay/VNPT ePortal, SharePoint, VHV, DotNetNuke, WordPress,
// Joomla, hand-made table layouts and a small vendor's Bootstrap theme),
// with the article text a reader wants and the page's labels.
//
// Every story and every template is written for this corpus. A story's gold
// text is its paragraphs as written here; the page wraps those paragraphs in
// its CMS's markup and puts the CMS's chrome around and inside them.
package corpus

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File is one corpus page: its HTML, gold text and labels.
type File struct {
	Name  string
	HTML  []byte
	Gold  string
	Meta  Meta
	Story *Story
}

// Meta mirrors evaluate.Meta (kept separate so that the evaluator does not
// depend on the generator).
type Meta struct {
	Family      string `json:"family"`
	URL         string `json:"url"`
	ContentType string `json:"content_type,omitempty"`
	IsArticle   bool   `json:"is_article"`
	Title       string `json:"title"`
	PublishedAt string `json:"published_at"`
	Author      string `json:"author"`
}

// Block is a piece of an article body: the HTML the CMS shows and the lines
// of gold text it contributes (none for chrome).
type Block struct {
	HTML string
	Gold []string
}

// Story is one article page's content.
type Story struct {
	Name   string
	URL    string
	Title  string
	Date   string // the date line as the page shows it
	Pub    string // label: RFC 3339 or 2006-01-02
	Author string
	Lead   string // sapo; the first gold paragraph when set
	Blocks []Block
}

// Gold is the story's text: the lead, then every block's lines.
func (s *Story) Gold() string {
	var lines []string
	if s.Lead != "" {
		lines = append(lines, s.Lead)
	}
	for _, b := range s.Blocks {
		lines = append(lines, b.Gold...)
	}
	return strings.Join(lines, "\n\n")
}

// Body renders the blocks.
func (s *Story) Body() string {
	var b strings.Builder
	for _, bl := range s.Blocks {
		b.WriteString(bl.HTML)
		b.WriteByte('\n')
	}
	return b.String()
}

// esc escapes text for HTML.
func esc(s string) string { return html.EscapeString(s) }

// P is a plain paragraph.
func P(text string) Block { return Block{fmt.Sprintf("<p>%s</p>", esc(text)), []string{text}} }

// PJ is a justified paragraph, as rich-text editors write them.
func PJ(text string) Block {
	return Block{fmt.Sprintf(`<p style="text-align: justify;">%s</p>`, esc(text)), []string{text}}
}

// Mso is a paragraph pasted from Microsoft Word.
func Mso(text string) Block {
	return Block{fmt.Sprintf(`<p class="MsoNormal" style="margin-bottom:6.0pt;text-align:justify;text-indent:36.0pt;line-height:150%%"><span lang="VI" style="font-size:14.0pt;line-height:150%%;font-family:&quot;Times New Roman&quot;,serif"><span style="mso-spacerun:yes">&nbsp;</span><span style="color:black">%s</span><o:p></o:p></span></p>`, esc(text)), []string{text}}
}

// BrRun is paragraphs separated by <br> in one container instead of <p>.
func BrRun(texts ...string) Block {
	var parts []string
	for _, t := range texts {
		parts = append(parts, esc(t))
	}
	return Block{"<div>" + strings.Join(parts, "<br />\n<br />\n") + "</div>", texts}
}

// Div is a paragraph written as a div.
func Div(text string) Block { return Block{fmt.Sprintf("<div>%s</div>", esc(text)), []string{text}} }

// H is a subheading inside the body; a reader keeps it.
func H(tag, text string) Block {
	return Block{fmt.Sprintf("<%s>%s</%s>", tag, esc(text), tag), []string{text}}
}

// Strong is a paragraph in bold.
func Strong(text string) Block {
	return Block{fmt.Sprintf("<p><strong>%s</strong></p>", esc(text)), []string{text}}
}

// List is a bulleted list; each item is a line.
func List(items ...string) Block {
	var b strings.Builder
	b.WriteString("<ul>")
	for _, it := range items {
		fmt.Fprintf(&b, "<li>%s</li>", esc(it))
	}
	b.WriteString("</ul>")
	return Block{b.String(), items}
}

// Table is a content table: the first row is its header; each row is a gold
// line with cells joined by " | ".
func Table(class string, rows ...[]string) Block {
	var b strings.Builder
	var gold []string
	fmt.Fprintf(&b, `<table class="%s" border="1" cellpadding="4" cellspacing="0" style="width:100%%"><tbody>`, class)
	for i, r := range rows {
		b.WriteString("<tr>")
		for _, c := range r {
			if i == 0 {
				fmt.Fprintf(&b, `<td style="text-align:center"><strong>%s</strong></td>`, esc(c))
			} else {
				fmt.Fprintf(&b, `<td><p>%s</p></td>`, esc(c))
			}
		}
		b.WriteString("</tr>\n")
		gold = append(gold, strings.Join(r, " | "))
	}
	b.WriteString("</tbody></table>")
	return Block{b.String(), gold}
}

// Caption is a centred photo with its caption below; the caption is kept.
func Caption(src, text string) Block {
	return Block{fmt.Sprintf(`<p style="text-align:center"><img alt="" src="%s" style="width:600px" /></p><p style="text-align:center"><em>%s</em></p>`, src, esc(text)), []string{text}}
}

// Figure is a photo in <figure> with a <figcaption>.
func Figure(src, text string) Block {
	return Block{fmt.Sprintf(`<figure class="image"><img src="%s" alt="%s" /><figcaption>%s</figcaption></figure>`, src, esc(text), esc(text)), []string{text}}
}

// Attach is an attachment line: the label and the link text are kept.
func Attach(label, text, href string) Block {
	return Block{fmt.Sprintf(`<p>%s <a href="%s" target="_blank">%s</a></p>`, esc(label), href, esc(text)), []string{label + " " + text}}
}

// Chrome is markup that is not article text.
func Chrome(h string) Block { return Block{HTML: h} }

// Raw is hand-written markup with its gold lines.
func Raw(h string, gold ...string) Block { return Block{h, gold} }

// Files returns the whole corpus, sorted by name.
func Files() []File {
	var out []File
	for _, f := range families {
		out = append(out, f()...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

var families []func() []File

// article makes a File from a story and its rendered page.
func article(family string, s *Story, page string) File {
	return File{
		Name: s.Name, HTML: []byte(page), Gold: s.Gold(), Story: s,
		Meta: Meta{Family: family, URL: s.URL, IsArticle: true, Title: s.Title, PublishedAt: s.Pub, Author: s.Author},
	}
}

// other makes a File for a page that is not an article.
func other(family, name, url, title, page string) File {
	return File{Name: name, HTML: []byte(page), Meta: Meta{Family: family, URL: url, Title: title}}
}

// Encoded returns the files' bytes as written to disk.
func (f File) Encoded() (htmlBytes, gold, meta []byte, err error) {
	m, err := json.MarshalIndent(f.Meta, "", "  ")
	if err != nil {
		return nil, nil, nil, err
	}
	g := f.Gold
	if g != "" {
		g += "\n"
	}
	return f.HTML, []byte(g), append(m, '\n'), nil
}

// Write writes every file into dir.
func Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	for _, f := range Files() {
		h, g, m, err := f.Encoded()
		if err != nil {
			return fmt.Errorf("write %s: %w", f.Name, err)
		}
		for ext, data := range map[string][]byte{".html": h, ".gold.txt": g, ".meta.json": m} {
			if err := os.WriteFile(filepath.Join(dir, f.Name+ext), data, 0o644); err != nil {
				return fmt.Errorf("write %s: %w", f.Name, err)
			}
		}
	}
	return nil
}

// clip shortens s to at most n bytes, at a word boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return s
}
