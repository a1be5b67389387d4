package parsers

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanText is the clean stage: the body's paragraphs lose chrome lines,
// what precedes the title, the title itself, image file names and trailing
// related lists; a byline moves to the author.
func (p *page) cleanText() {
	paras, byline := cleanParagraphs(p.paras, p.title)
	if byline != "" {
		p.author, p.bylineNote = byline, "byline in the body"
	}
	p.paras = paras
	p.text = JoinParagraphs(paras)
}

// cleanLines is cleanParagraphs without the byline.
func cleanLines(paras []string, title string) []string {
	out, _ := cleanParagraphs(paras, title)
	return out
}

// cleanParagraphs drops chrome lines, what precedes the title, the title
// itself, image file names and related lists, and takes the byline out.
func cleanParagraphs(paras []string, title string) ([]string, string) {
	// Whatever stands before the title line in the body (category labels,
	// breadcrumbs) is not the article.
	if title != "" {
		for i := 0; i < len(paras) && i < 6; i++ {
			if strings.EqualFold(paras[i], title) {
				paras = paras[i+1:]
				break
			}
		}
	}
	var out []string
	byline := ""
	for _, p := range paras {
		if relatedHeadingRE.MatchString(p) {
			break
		}
		if isChromeLine(p) || (title != "" && strings.EqualFold(p, title)) {
			continue
		}
		if m := reByline.FindStringSubmatch(p); m != nil {
			byline = strings.TrimSpace(m[1])
			continue
		}
		if m := reByName.FindStringSubmatch(p); m != nil && len(out) < 3 && looksLikeName(strings.TrimSpace(m[1])) {
			if byline == "" {
				byline = strings.TrimSpace(m[1])
			}
			continue
		}
		out = append(out, p)
	}
	if byline == "" && len(out) >= 3 && looksLikeName(out[len(out)-1]) {
		byline = out[len(out)-1]
		out = out[:len(out)-1]
	}
	return out, byline
}

// looksLikeName reports a short signature line such as "Nhật Quang": two to
// five words, every one capitalized, no digits or sentence punctuation.
func looksLikeName(p string) bool {
	words := strings.Fields(p)
	if len(words) < 2 || len(words) > 5 || utf8.RuneCountInString(p) > 50 {
		return false
	}
	if strings.ContainsAny(p, ".,;:!?\"“”()/0123456789-–|") {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// lineFragments are the pieces a date/view-count/tool line is made of. A line
// that is nothing but these (and punctuation) is chrome.
var lineFragments = []*regexp.Regexp{
	reDateWords, reDateMonthWord, reDateISO, reDateDMY, reDateMDY, reDateDMonY, reTime,
	// Time zones: "(GMT+7)", "UTC+07:00", "ICT", "EST".
	regexp.MustCompile(`(?i)\b(?:gmt|utc)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?|\b(?:ict|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest)\b`),
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
	// The same widgets on English-language themes.
	`quảng cáo`, `advertisement`, `advert`, `comments?`, `\d+ comments?`, `share this(?: article| story| post)?`, `read more`, `continue reading`,
	`related(?: articles| stories| posts| content| coverage)?:?`, `more from [\p{L} ]{2,30}`, `sign up`, `subscribe(?: now)?`,
	`\(?đã xem \d+ lần\)?`,
}, "|") + `)$`)

// relatedHeadingRE matches the heading of a related-articles list; the
// heading and what follows it are removed.
var relatedHeadingRE = regexp.MustCompile(`(?i)^(?:bài viết liên quan|có liên quan|những tin mới hơn|những tin cũ hơn|nội dung liên quan|các bài viết liên quan|tin liên quan|tin bài liên quan|các tin liên quan|các tin khác|các tin đã đưa|tin đã đưa|tin khác|các bài khác|các bài viết khác|bài viết khác|tin cùng chuyên mục|bài cùng chuyên mục|các tin cùng chuyên mục|xem thêm|đọc thêm|tin mới hơn|tin cũ hơn|tin mới|tin nổi bật)\s*:?$`)

// reImageFile matches an image file name shown as text.
var reImageFile = regexp.MustCompile(`(?i)^[\w\-. ()]+\.(?:jpe?g|png|gif|bmp|webp|tiff?)$`)

// reByline matches an explicit byline line.
var reByline = regexp.MustCompile(`(?i)^(?:tin\s*(?:,|và|&)\s*ảnh|tin\s*-\s*ảnh|bài\s*(?:,|và|&)\s*ảnh|bài\s*-\s*ảnh|tin\s*bài|tin|bài|ảnh|tác giả|người viết|người đăng|phóng viên|bài viết)\s*:\s*(.{2,80})$`)

// reByName is an English-language theme's byline at the head of the body:
// "By Tom Krisher, AP Auto Writer". Only a name counts ("By the end of the
// year, …" is a sentence).
var reByName = regexp.MustCompile(`^(?:By|BY|Written by|Words by|Posted by|Reported by)\s+([^,|•·]{2,60})(?:\s*[,|•·].{0,100})?$`)

// isChromeLine tells whether a paragraph is a date/view/tool line or a
// widget caption rather than article text.
func isChromeLine(p string) bool {
	if p == "" {
		return true
	}
	if chromeLineRE.MatchString(p) || reImageFile.MatchString(p) {
		return true
	}
	if len(p) > 300 || !chromeHint(p) || nonFragmentLetters(p, 0) > 0 { // date, view and tool lines are short
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
		monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun t z
		january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
		utc gmt est edt cst cdt mst mdt pst pdt bst cet cest ict`) {
		m[w] = true
	}
	return m
}()

// nonFragmentLetters counts the letters of words that are neither numbers
// nor fragment words, stopping once the count passes limit (the callers
// only compare it with a bound).
func nonFragmentLetters(p string, limit int) int {
	n := 0
	word := func(w string) {
		if w == "" || fragmentWords[w] || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			return
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				n++
			}
		}
	}
	start := -1
	lower := strings.ToLower(p)
	for i, r := range lower {
		sep := !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' && r != '-' && !unicode.Is(unicode.Mn, r)
		switch {
		case sep && start >= 0:
			word(lower[start:i])
			start = -1
			if n > limit {
				return n
			}
		case !sep && start < 0:
			start = i
		}
	}
	if start >= 0 {
		word(lower[start:])
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
