package parsers

import (
	"testing"
	"time"
)

func TestJSONLDAndMicrodata(t *testing.T) {
	page := `<html><head><title>Báo tỉnh</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Báo tỉnh"},{"@type":["NewsArticle"],"headline":"Khánh thành cầu dân sinh ở xã vùng cao","datePublished":"2025-10-17T10:05:00+07:00","author":[{"@type":"Person","name":"Hoàng Lan"},{"@type":"Person","name":"Minh Quân"}]}]}</script>
<script type="application/ld+json">{ not json at all,</script>
</head><body><div itemscope itemtype="http://schema.org/BreadcrumbList"></div></body></html>`
	doc, err := ParseHTML([]byte(page), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(doc, nil, Options{})
	p.readMetadata()
	m := p.meta
	if m.ldHeadline != "Khánh thành cầu dân sinh ở xã vùng cao" || m.author != "Hoàng Lan, Minh Quân" {
		t.Errorf("headline %q author %q", m.ldHeadline, m.author)
	}
	if m.articleType() != "NewsArticle" || len(m.types) != 3 {
		t.Errorf("types %q, article type %q", m.types, m.articleType())
	}
	if len(m.dates) != 1 || m.dates[0].source != "JSON-LD datePublished" {
		t.Errorf("dates %+v", m.dates)
	}
	// A catalogue page says so.
	doc, _ = ParseHTML([]byte(`<html><head><script type="application/ld+json">{"@type":"Dataset","name":"x"}</script></head><body></body></html>`), "")
	p = newPage(doc, nil, Options{})
	p.readMetadata()
	if p.meta.listingType() != "Dataset" {
		t.Errorf("listing type %q", p.meta.listingType())
	}
}

// A SharePoint 2010 theme's <title> and title-area <h2> say "Home" on
// every page; the headline is the p.Title right above the body. Issue 15:
// the title came out as "Home" and lang as "en".
func TestHeadlineOverAGenericPageTitle(t *testing.T) {
	page := `<html lang="en-US"><head><title>Home</title></head><body>
<div class="s4-title"><table><tr><td class="s4-titletext"><h1><a href="/">Cổng thông tin điện tử huyện Thanh Trì</a></h1><h2><span><a href="/Pages/Home.aspx">Home</a></span></h2></td></tr></table></div>
<table><tr><td class="FolderTitle">Tin tức - Sự kiện</td></tr><tr><td class="Time">thứ ba, 06 08 2019 14:41</td></tr>
<tr><td><p class="Title">Nghiệm thu tuyến đường liên xã Tam Hiệp – Tả Thanh Oai</p><div class="ExternalClassB3F5">
<div>Chiều ngày 05/8/2019, UBND huyện tổ chức nghiệm thu và bàn giao đưa vào sử dụng tuyến đường liên xã sau hơn 10 tháng thi công.</div>
<div>Tuyến đường dài 2,8 km, mặt đường rộng 7,5 m, hai bên có vỉa hè và hệ thống thoát nước, chiếu sáng công cộng, tổng mức đầu tư 86 tỷ đồng.</div>
</div></td></tr></table></body></html>`
	a := extractString(t, page, "http://thanhtri.example.gov.vn/tintuc/Pages/Nghiem-thu-tuyen-duong.aspx")
	if a.Title != "Nghiệm thu tuyến đường liên xã Tam Hiệp – Tả Thanh Oai" {
		t.Errorf("title = %q", a.Title)
	}
	if a.Lang != "vi" {
		t.Errorf("lang = %q: the theme's lang=en-US is not the text's", a.Lang)
	}
	if want := time.Date(2019, 8, 6, 14, 41, 0, 0, Vietnam); a.PublishedAt == nil || !a.PublishedAt.Equal(want) {
		t.Errorf("published_at = %v (from %s)", a.PublishedAt, a.Explain.Date)
	}
	if !a.IsArticle {
		t.Errorf("not an article: %s", a.Reason)
	}
}

func TestLanguageFromText(t *testing.T) {
	english := `<html><body><article><h1>The council meets on Monday</h1><p>` + repeat("The council will meet on Monday to discuss the new road through the village and how much it will cost the town. ", 4) + `</p></article></body></html>`
	if a := extractString(t, english, ""); a.Lang != "und" {
		t.Errorf("English text, no lang attribute: lang = %q, want und", a.Lang)
	}
	if a := extractString(t, `<html lang="en-GB">`+english[6:], ""); a.Lang != "en" {
		t.Errorf("declared en: lang = %q", a.Lang)
	}
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}
