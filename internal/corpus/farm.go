package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// Template is a corpus article page that generated sites (the benchmark's
// farm) copy: every copy keeps the page's markup and chrome byte for byte
// and gets a title and a sentence of its own, and each of its longer
// paragraphs a tag of its own, so each copy is a distinct article whose
// text, as on a real portal, no other article repeats (the site model
// would rightly take a paragraph every article shows for template).
type Template struct {
	Family string
	page   string
	title  string   // escaped, as the page shows it
	para   string   // an escaped paragraph that occurs once in the page
	lines  []string // the escaped gold paragraphs the page shows verbatim, longest first
	cells  []string // of gold table rows ("a | b"), a cell the page shows as ">a<"
	gold   string
}

// Templates returns the corpus articles that can be copied this way: those
// whose title and one paragraph appear verbatim in their UTF-8 markup
// (pages in legacy encodings cannot be), in corpus order.
func Templates() []Template {
	var out []Template
	for _, f := range Files() {
		if f.Story == nil || !f.Meta.IsArticle {
			continue
		}
		page := string(f.HTML)
		t := Template{Family: f.Meta.Family, page: page, title: esc(f.Story.Title), gold: f.Gold}
		if !strings.Contains(page, t.title) {
			continue
		}
		for _, line := range strings.Split(f.Gold, "\n\n") {
			if p := esc(line); len(line) > 40 && strings.Count(page, p) == 1 && p != t.title {
				t.para = p
				break
			}
		}
		for _, line := range strings.Split(f.Gold, "\n\n") {
			if p := esc(line); len(line) > 40 && strings.Contains(page, p) && p != t.title {
				t.lines = append(t.lines, p)
			}
		}
		for _, line := range strings.Split(f.Gold, "\n\n") {
			for _, c := range strings.Split(line, " | ") {
				if c != line && len(c) >= 6 && strings.Contains(page, ">"+esc(c)+"<") {
					t.cells = append(t.cells, ">"+esc(c)+"<")
					break
				}
			}
		}
		slices.SortStableFunc(t.lines, func(a, b string) int { return len(b) - len(a) })
		if t.para != "" {
			out = append(out, t)
		}
	}
	return out
}

// Title is article n's title, HTML-escaped: the template's with "(số n)".
func (t Template) Title(n int) string { return fmt.Sprintf("%s (số %d)", t.title, n) }

// Article renders the template as article n of the named site: the title
// becomes Title(n) wherever the page shows it, the paragraph ends with a
// sentence naming n and the site, and every longer paragraph with n's tag.
func (t Template) Article(site string, n int) string {
	note := esc(fmt.Sprintf(" Bản tin số %d của %s được đăng để phục vụ đo hiệu năng.", n, site))
	page := t.page
	for _, line := range t.lines {
		tagged := line + " (" + Tag(n) + ")"
		if line == t.para {
			tagged += note
		}
		page = strings.ReplaceAll(page, line, tagged)
	}
	for _, c := range t.cells {
		page = strings.ReplaceAll(page, c, strings.TrimSuffix(c, "<")+" ("+Tag(n)+")<")
	}
	return strings.ReplaceAll(page, t.title, t.Title(n))
}

// Gold is article n's gold text: the template's, with the tags and the
// sentence Article adds.
func (t Template) Gold(site string, n int) string {
	note := fmt.Sprintf(" Bản tin số %d của %s được đăng để phục vụ đo hiệu năng.", n, site)
	tag := " (" + Tag(n) + ")"
	lines := strings.Split(t.gold, "\n\n")
	for i, line := range lines {
		if p := esc(line); slices.Contains(t.lines, p) {
			lines[i] = line + tag
			if p == t.para {
				lines[i] += note
			}
			continue
		}
		cells := strings.Split(line, " | ")
		for k, c := range cells {
			if slices.Contains(t.cells, ">"+esc(c)+"<") {
				cells[k] = c + tag
			}
		}
		lines[i] = strings.Join(cells, " | ")
	}
	return strings.Join(lines, "\n\n")
}

// Tag is n in letters ("bản a", "bản b", …, "bản ba"): a paragraph's tag must
// differ from copy to copy in more than digits, which the site model folds.
func Tag(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('a' + n%26)}, b...)
		if n /= 26; n == 0 {
			break
		}
	}
	return "bản " + string(b)
}

// Shell wraps main, e.g. a listing of articles, in the family's page chrome.
func Shell(family, title, main string) string {
	switch family {
	case "nukeviet":
		return nvShell(title, "website", "", main)
	case "liferay":
		return lrShell(title, title, main, lrCategories)
	case "sharepoint":
		return spShell(title, main)
	case "vhv":
		return vhvShell(title, main)
	case "dnn":
		return dnnShell(title, main)
	case "wordpress":
		return wpShell(title, "archive category", "", main)
	case "joomla":
		return jmShell(title, main)
	case "custom":
		return cuShell(title, main)
	case "handmade":
		return hmShell(hmUTF8, title, main)
	case "nukeviet-panel":
		return npShell(title, main)
	case "sp2010":
		return s10Shell(main)
	case "ckan":
		return ckShell(title, "", main, "")
	case "drupal":
		return drShell(title, "path-tin-tuc", main)
	case "typo3":
		return t3Shell(title, main)
	case "news":
		return newsShell("Báo tỉnh", title, "vi", "", main)
	case "blogger":
		return bgShell(title, main)
	}
	return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title></head><body>" + main + "</body></html>"
}
