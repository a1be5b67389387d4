package parsers

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromeName matches class and id values of portal chrome: menus, breadcrumbs,
// sidebars, counters, font-size and contrast controls, rating, share and print
// tools, comments, related lists, pagination, search boxes and date pickers.
// A token must stand alone or between '-' / '_' so that, say, "menu" matches
// "top-menu" but "navigation" does not match "nav".
var chromeName = regexp.MustCompile(`(?i)(?:^|[-_])(?:menu|menus|mainmenu|megamenu|nav|navbar|navigation|breadcrumbs?|duongdan|sidebar|side-bar|footer|copyright|banner|counter|visitors?|thongke|statistics?|online|rating|ratings|rate|vote|voting|danhgia|share|sharing|social|addthis|print|sendmail|email|tools?|toolbar|fontsize|font-size|textsize|zoom|contrast|tuongphan|comments?|binhluan|feedback|ykien|related|lienquan|othernews|other-news|tinkhac|samecat|cungchuyenmuc|morenews|pagination|paging|pager|search|timkiem|datepicker|calendar|advert|advertising|ads|quangcao|weblinks?|lienket|hotline|popup|modal|cookie)(?:$|[-_])`)

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
	reDateWords, reDateISO, reDateDMY, reTime,
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
var relatedHeadingRE = regexp.MustCompile(`(?i)^(?:bài viết liên quan|các bài viết liên quan|tin liên quan|tin bài liên quan|các tin liên quan|các tin khác|các tin đã đưa|tin đã đưa|tin khác|các bài khác|các bài viết khác|bài viết khác|tin cùng chuyên mục|bài cùng chuyên mục|các tin cùng chuyên mục|xem thêm|đọc thêm|tin mới hơn|tin cũ hơn|tin mới|tin nổi bật)\s*:?$`)

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
			if chromeName.MatchString(tok) {
				return true
			}
		}
	}
	return false
}
