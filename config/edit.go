package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// NewSite is a site to add to a config file.
type NewSite struct {
	Name     string
	StartURL string
	Comment  string // written after the name, e.g. the portal's title
}

// AddSites appends sites to the `sites` list of a config file's text and
// returns the new text. Every other byte of the file is kept as it was,
// comments included: the entries are inserted as text at the end of the
// list, indented like its first item. The result is validated as a whole
// (names must be new and valid, URLs absolute) before it is returned.
func AddSites(file string, data []byte, sites []NewSite) ([]byte, error) {
	if len(sites) == 0 {
		return data, nil
	}
	cfg, err := Parse(file, data)
	if err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	for _, s := range cfg.Sites {
		taken[s.Name] = true
	}
	for _, s := range sites {
		if taken[s.Name] {
			return nil, fmt.Errorf("%s: a site named %q is already configured", file, s.Name)
		}
		taken[s.Name] = true
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, err
	}
	top := root.Content[0]
	var seq *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "sites" {
			seq = top.Content[i+1]
		}
	}
	if seq == nil || seq.Kind != yaml.SequenceNode || len(seq.Content) == 0 || seq.Style&yaml.FlowStyle != 0 {
		return nil, fmt.Errorf("%s: sites is not a block list wardcrawl can add to; add the entries by hand", file)
	}
	// A block sequence item's node starts after "- ": the dash is two
	// columns to the left.
	indent := strings.Repeat(" ", max(seq.Content[0].Column-3, 0))
	var b strings.Builder
	for _, s := range sites {
		comment := ""
		if s.Comment != "" {
			comment = "  # " + strings.ReplaceAll(s.Comment, "\n", " ")
		}
		fmt.Fprintf(&b, "%s- name: %s%s\n%s  start_urls: [%s]\n", indent, s.Name, comment, indent, s.StartURL)
	}
	// The list ends after its last item's last line: the lines after the
	// item's first that are indented deeper than its dash (blank lines
	// between them included). A comment or key at the dash's column or
	// left of it starts something else.
	lines := strings.SplitAfter(string(data), "\n")
	at := seq.Content[len(seq.Content)-1].Line // 1-based line of the last item: its index+1
	for i := at; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r\n")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(l)-len(strings.TrimLeft(l, " ")) <= len(indent) {
			break
		}
		at = i + 1
	}
	head := strings.Join(lines[:at], "")
	if head != "" && !strings.HasSuffix(head, "\n") {
		head += "\n"
	}
	out := []byte(head + b.String() + strings.Join(lines[at:], ""))
	if _, err := Parse(file, out); err != nil {
		return nil, fmt.Errorf("%s: the edited file would not load: %w", file, err)
	}
	return out, nil
}

// SiteName makes a site name ([a-z0-9-]) from a portal's title or host:
// diacritics and đ folded, words joined with dashes, the words portals put
// before their name ("Cổng thông tin điện tử", "Trang TTĐT") left out.
func SiteName(title, host string) string {
	t := strings.ToLower(strings.TrimSpace(title))
	for _, prefix := range portalPrefixes {
		t = strings.TrimSpace(strings.TrimPrefix(t, prefix))
	}
	if n := slugify(t); n != "" && len(n) <= 48 {
		return n
	}
	h := strings.ToLower(host)
	if i := strings.IndexByte(h, ':'); i >= 0 {
		h = h[:i]
	}
	h = strings.TrimSuffix(strings.TrimSuffix(h, ".gov.vn"), ".vn")
	h = strings.TrimPrefix(h, "www.")
	return slugify(strings.ReplaceAll(h, ".", " "))
}

var portalPrefixes = []string{"cổng thông tin điện tử", "trang thông tin điện tử", "cổng ttđt", "trang ttđt", "cổng thông tin", "trang thông tin", "website"}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slugify(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Trim(nonSlug.ReplaceAllString(b.String(), "-"), "-")
}

// CheckStartURL says why raw cannot be a start URL ("" : it can).
func CheckStartURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	return nil
}
