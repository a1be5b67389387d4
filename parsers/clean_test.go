package parsers

import (
	"strings"
	"testing"
)

func TestChromeLines(t *testing.T) {
	chrome := []string{"Ngày đăng 14/10/2020 | 15:25 | Lượt xem: 174", "A- A A+ | Tăng tương phản Giảm tương phản",
		"Tổng số điểm của bài viết là: 0 trong 0 đánh giá", "Hôm nay : 14", "Năm 2024 : 13.304", "IMG20191004091522.jpg",
		"15/10/2020 12:12 | 0", "View count: 528", "Chọn ngày:", "Bình luận", "In bài | Gửi email | Chia sẻ"}
	for _, c := range chrome {
		if !isChromeLine(c) {
			t.Errorf("%q should be chrome", c)
		}
	}
	text := []string{"Ngày 04/10/2019 Đảng ủy phường tổ chức hội nghị.", "Thứ Ba, 03/11/2020 | Sáng từ 8 giờ | Ông Trần Văn Hòa",
		"Phường Bồ Đề, ngày 05 tháng 10 năm 2020", "Hôm nay, phường ra quân làm sạch đường phố."}
	for _, c := range text {
		if isChromeLine(c) {
			t.Errorf("%q is article text, not chrome", c)
		}
	}
}

// English-language themes: a "By NAME, Title" byline goes to the author, a
// sentence that starts with "By" stays; widget lines and date lines with a
// time zone go.
func TestEnglishBylinesAndWidgetLines(t *testing.T) {
	paras := []string{
		"By Tom Krisher, AP Auto Writer",
		"Updated 1:00 AM EST Wednesday, November 20, 2019",
		"By the end of the year, the company expects to build two new plants in the state.",
		"Advertisement",
		"Share this article",
		"Thứ tư, 22/10/2025, 19:25 (GMT+7)",
		"The union said talks would resume next week, and both sides hoped for a deal before the holidays.",
		"Quảng cáo",
		"Related:",
	}
	out, byline := cleanParagraphs(paras, "")
	want := []string{paras[2], paras[6]}
	if byline != "Tom Krisher" || strings.Join(out, "|") != strings.Join(want, "|") {
		t.Errorf("byline %q, text %q", byline, out)
	}
}
