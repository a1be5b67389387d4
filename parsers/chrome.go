package parsers

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromeName matches class and id values of portal chrome: menus, breadcrumbs,
// sidebars, counters, font-size and contrast controls, rating, share and print
// tools, comments, related lists, pagination, search boxes and date pickers.
// A token must stand alone or between '-' / '_' so that, say, "menu" matches
// "top-menu" but "navigation" does not match "nav".
var chromeName = newTokenSet(`(?i)(?:^|[-_])(?:menu|menus|mainmenu|megamenu|nav|navbar|navigation|breadcrumbs?|duongdan|sidebar|side-bar|footer|copyright|banner|counter|visitors?|thongke|statistics?|online|rating|ratings|rate|vote|voting|danhgia|share|sharing|social|addthis|print|sendmail|email|tools?|toolbar|fontsize|font-size|textsize|zoom|contrast|tuongphan|comments?|binhluan|feedback|ykien|related|relatedposts|yarpp|lienquan|othernews|other-news|tinkhac|samecat|cungchuyenmuc|morenews|pagination|paging|pager|search|timkiem|datepicker|calendar|advert|advertising|ads|quangcao|weblinks?|lienket|hotline|popup|modal|cookie)(?:$|[-_])`)

// chromeAtoms are removed wherever they are.
var chromeAtoms = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Script: true, atom.Style: true,
	atom.Noscript: true, atom.Template: true, atom.Iframe: true, atom.Select: true,
	atom.Button: true, atom.Input: true, atom.Textarea: true, atom.Label: true, atom.Svg: true,
	atom.Object: true, atom.Embed: true, atom.Map: true, atom.Dialog: true,
}

// lineFragments are the pieces a date/view-count/tool line is made of. A line
// that is nothing but these (and punctuation) is chrome.
var lineFragments = []*regexp.Regexp{
	reDateWords, reDateMonthWord, reDateISO, reDateDMY, reTime,
	regexp.MustCompile(`(?i)(?:ngày đăng bài|ngày đăng|đăng ngày|ngày cập nhật|cập nhật lúc|cập nhật|đăng lúc|thời gian đăng|ngày xuất bản|ngày đưa tin|đăng tải|posted on|published|updated)\s*:?`),
	regexp.MustCompile(`(?i)(?:số lượt xem|lượt xem|lượt đọc|lượt truy cập|view count|views?|hits?|lượt thích|bình luận)\s*:?\s*[\d.,]*`),
	regexp.MustCompile(`A\s*-\s*A\s*A\s*\+|A\s*\+\s*A\s*A\s*-|\bA-|\bA\+`),
	regexp.MustCompile(`(?i)(?:tăng|giảm|bình thường|mặc định) tương phản|tương phản|cỡ chữ|kích thước chữ|phông chữ`),
	regexp.MustCompile(`(?i)in bài viết|in bài|bản in|gửi email|gửi bài viết|gửi cho bạn bè|chia sẻ|lưu bài viết|lưu bài|quay lại|về đầu trang|đầu trang|\b(?:print|e-?mail|share|facebook|zalo|twitter|tweet|like|back|top)\b`),
	regexp.MustCompile(`(?i)thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b`),
	regexp.MustCompile(`(?i)\bngày\b|\blúc\b|\bgiờ\b`),
}

// chromeLineRE matches whole lines that are widget text, not article text.
var chromeLineRE = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
	`tổng số điểm của bài viết là.*`,
	`click để đánh giá bài viết`, `đánh giá bài viết:?`, `bấm để đánh giá.*`,
	`bình luận`, `gửi bình luận`, `ý kiến bạn đọc`, `ý kiến của bạn`, `viết bình luận.*`,
	`chọn ngày:?`, `tìm kiếm`, `xem theo ngày:?`, `/`,
	`nội dung đang cập nhật\.*`,
	`thống kê truy cập`, `(?:hôm nay|hôm qua|tuần này|tuần trước|tháng này|tháng trước|tháng \d{1,2}|năm \d{4}|năm nay|tất cả|tổng|tổng cộng|tổng số|đang truy cập|đang online|trực tuyến|tổng lượt truy cập|lượt truy cập)\s*:\s*[\d.,]+`,
	`văn bản mới`, `album ảnh`, `thư viện ảnh`, `các chuyên mục`, `chuyên mục`, `liên kết website`, `video clip`,
	`\(?đã xem \d+ lần\)?`,
}, "|") + `)$`)

// relatedHeadingRE matches the heading of a related-articles list; the
// heading and what follows it are removed.
var relatedHeadingRE = regexp.MustCompile(`(?i)^(?:bài viết liên quan|có liên quan|những tin mới hơn|những tin cũ hơn|nội dung liên quan|các bài viết liên quan|tin liên quan|tin bài liên quan|các tin liên quan|các tin khác|các tin đã đưa|tin đã đưa|tin khác|các bài khác|các bài viết khác|bài viết khác|tin cùng chuyên mục|bài cùng chuyên mục|các tin cùng chuyên mục|xem thêm|đọc thêm|tin mới hơn|tin cũ hơn|tin mới|tin nổi bật)\s*:?$`)

// reImageFile matches an image file name shown as text.
var reImageFile = regexp.MustCompile(`(?i)^[\w\-. ()]+\.(?:jpe?g|png|gif|bmp|webp|tiff?)$`)

// reByline matches an explicit byline line.
var reByline = regexp.MustCompile(`(?i)^(?:tin\s*(?:,|và|&)\s*ảnh|tin\s*-\s*ảnh|bài\s*(?:,|và|&)\s*ảnh|bài\s*-\s*ảnh|tin\s*bài|tin|bài|ảnh|tác giả|người viết|người đăng|phóng viên|bài viết)\s*:\s*(.{2,80})$`)

// isChromeLine tells whether a paragraph is a date/view/tool line or a
// widget caption rather than article text.
func isChromeLine(p string) bool {
	if p == "" {
		return true
	}
	if chromeLineRE.MatchString(p) || reImageFile.MatchString(p) {
		return true
	}
	if len(p) > 300 || !chromeHint(p) || nonFragmentLetters(p) > 0 { // date, view and tool lines are short
		return false
	}
	rest := p
	for _, re := range lineFragments {
		rest = re.ReplaceAllString(rest, " ")
	}
	if len(rest) == len(p) { // nothing matched: ordinary text
		return false
	}
	for _, r := range rest {
		if unicode.IsLetter(r) {
			return false
		}
	}
	// Only digits and punctuation remain, and something chrome-like matched.
	return true
}

// fragmentWords holds every word the lineFragments patterns are made of.
// A line with a word outside it keeps letters whatever the patterns take
// out, so it is text; the patterns only run on lines made of these words.
var fragmentWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`ngày tháng năm h giờ am pm sa ch đăng bài cập nhật lúc thời gian xuất bản đưa tin tải
		posted on published updated số lượt xem đọc truy thích bình luận view views count hits hit a a- a+ -a +a
		tăng giảm thường mặc định tương phản cỡ chữ kích thước phông in viết gửi email e-mail mail cho bạn bè chia sẻ
		lưu quay lại về đầu trang print share facebook zalo twitter tweet like back top thứ hai ba tư sáu bảy chủ
		monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun t z`) {
		m[w] = true
	}
	return m
}()

// nonFragmentLetters counts the letters of words that are neither numbers
// nor fragment words.
func nonFragmentLetters(p string) int {
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' && r != '-' && !unicode.Is(unicode.Mn, r)
	}) {
		if fragmentWords[w] || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				n++
			}
		}
	}
	return n
}

// chromeHints are substrings one of which every chrome line without a
// digit holds; a line with neither is text, without running lineFragments.
var chromeHints = []string{"a-", "a+", "tương phản", "cỡ chữ", "chữ", "chia sẻ", "in bài", "bản in", "email", "e-mail",
	"print", "share", "facebook", "zalo", "twitter", "tweet", "like", "lượt", "bình luận", "quay lại", "đầu trang",
	"back", "top", "gửi", "lưu bài", "views", "hits"}

func chromeHint(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] >= '0' && p[i] <= '9' {
			return true
		}
	}
	l := strings.ToLower(p)
	for _, h := range chromeHints {
		if strings.Contains(l, h) {
			return true
		}
	}
	return false
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
