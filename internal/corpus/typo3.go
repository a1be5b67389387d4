package corpus

import (
	"fmt"
	"strings"
)

// TYPO3 with the tx_news extension (News/Detail.html): the headline is an
// h3 in div.header, the date a <time datetime> in span.news-list-date inside
// a div.footer that sits above the text, the sapo in div.teaser-text
// outside the body, the body in div.news-text-wrap, then the back link and
// the related news. The list view is a stack of div.article teasers.

const t3Site = "https://hoivietduc.example.org.vn"

func init() { families = append(families, typo3) }

func t3Shell(title, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="vi-VN">
<head>
<meta charset="utf-8">
<!--
	This website is powered by TYPO3 - inspiring people to share!
	TYPO3 is a free open source Content Management Framework initially created by Kasper Skaarhoj and licensed under GNU/GPL.
-->
<title>%s – Hội hữu nghị Việt – Đức tỉnh</title>
<meta name="generator" content="TYPO3 CMS" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="stylesheet" href="/typo3temp/assets/compressed/merged-5f1b2c.css" media="all">
</head>
<body id="p12" class="page-12 pagelevel-2 language-0 backendlayout-default layout-default">
<div id="top"></div>
<div class="body-bg">
<header class="navbar navbar-default navbar-has-image navbar-top navbar-fixed-top"><div class="container"><div class="navbar-header navbar-header-main"><a class="navbar-brand navbar-brand-image" href="/"><img class="navbar-brand-logo-normal" src="/fileadmin/logo.png" alt="Hội hữu nghị Việt – Đức" height="52" width="180"></a></div>
<nav id="mainnavigation" class="collapse navbar-collapse"><ul class="nav navbar-nav navbar-main"><li class="nav-item"><a href="/" class="nav-link">Trang chủ</a></li><li class="nav-item active"><a href="/tin-tuc/" class="nav-link">Tin tức</a></li><li class="nav-item"><a href="/gioi-thieu/" class="nav-link">Giới thiệu</a></li></ul></nav></div></header>
<div class="breadcrumb-section hidden-xs hidden-sm"><div class="container"><p class="sr-only" id="breadcrumb">Bạn đang ở đây:</p><ol class="breadcrumb"><li><a href="/" title="Trang chủ">Trang chủ</a></li><li class="active">Tin tức</li></ol></div></div>
<div id="content" class="main-section"><div class="section section-default"><div class="container">
<div id="c34" class="frame frame-default frame-type-list frame-layout-0">
<div class="news news-single">
%s
</div>
</div>
</div></div></div>
<footer><section class="section footer-section footer-section-content"><div class="container"><div class="row"><div class="col-sm-6"><div id="c2" class="frame frame-default frame-type-text"><p>Hội hữu nghị Việt – Đức tỉnh<br>Số 8 Phan Đình Phùng – Điện thoại 0234.3822.456</p></div></div></div></div></section>
<section class="section footer-section footer-section-meta"><div class="container"><div class="frame frame-default frame-type-list frame-layout-0"><ul class="footer-meta-navigation"><li><a href="/lien-he/">Liên hệ</a></li><li><a href="/bao-mat/">Chính sách bảo mật</a></li></ul></div></div></section></footer>
</div>
</body>
</html>
`, esc(title), main)
}

func t3Detail(s *Story, iso string) string {
	var b strings.Builder
	b.WriteString(`<div class="article" itemscope="itemscope" itemtype="http://schema.org/Article">`)
	fmt.Fprintf(&b, `<div class="header"><h3 itemprop="headline">%s</h3></div>`, esc(s.Title))
	fmt.Fprintf(&b, `<div class="footer"><p><span class="news-list-date"><time datetime="%s">%s<meta itemprop="datePublished" content="%s" /></time></span> <span class="news-list-category">Hoạt động hội</span></p></div>`, iso, esc(s.Date), iso)
	if s.Lead != "" {
		fmt.Fprintf(&b, `<div class="teaser-text" itemprop="description"><p>%s</p></div>`, esc(s.Lead))
	}
	b.WriteString(`<div class="news-img-wrap"><div class="outer"><div class="mediaelement mediaelement-image"><a href="/fileadmin/_processed_/a/1/csm_gap-mat.jpg" title="" class="lightbox" rel="lightbox[myImageSet]"><img src="/fileadmin/_processed_/a/1/csm_gap-mat_thumb.jpg" width="282" height="188" alt="" /></a></div></div></div>`)
	fmt.Fprintf(&b, "<div class=\"news-text-wrap\" itemprop=\"articleBody\">\n%s</div>\n", s.Body())
	b.WriteString(`<div class="news-backlink-wrap"><a href="/tin-tuc/">Quay lại</a></div>`)
	b.WriteString(`<div class="news-related-wrap"><div class="news-related news-related-news"><h4>Tin liên quan</h4><ul><li><span class="news-related-news-date">12.06.2024</span><a title="Giao lưu văn hóa Việt – Đức nhân dịp kỷ niệm 49 năm quan hệ ngoại giao" href="/tin-tuc/chi-tiet/giao-luu-van-hoa-viet-duc-2024/">Giao lưu văn hóa Việt – Đức nhân dịp kỷ niệm 49 năm quan hệ ngoại giao</a></li></ul></div></div>`)
	b.WriteString(`</div>`)
	return t3Shell(s.Title, b.String())
}

func typo3() []File {
	const fam = "typo3"
	gm := &Story{
		Name:  "typo3-gap-mat-cuu-hoc-sinh",
		URL:   t3Site + "/tin-tuc/chi-tiet/gap-mat-cuu-hoc-sinh-va-chuyen-gia-viet-nam-tung-hoc-tap-tai-duc/",
		Title: "Gặp mặt cựu học sinh và chuyên gia Việt Nam từng học tập, làm việc tại Đức",
		Date:  "07.10.2024",
		Pub:   "2024-10-07",
		Lead:  "Nhân kỷ niệm 34 năm Ngày thống nhất nước Đức, Hội hữu nghị Việt – Đức tỉnh tổ chức gặp mặt hơn 120 hội viên là cựu học sinh, nghiên cứu sinh và chuyên gia từng học tập, lao động tại Cộng hòa Liên bang Đức.",
		Blocks: []Block{
			P("Buổi gặp mặt diễn ra ấm cúng tại Nhà văn hóa Lao động tỉnh. Nhiều hội viên đã ngoài tám mươi tuổi vẫn về dự, kể lại những năm tháng học nghề ở Dresden, Leipzig, Rostock và những người bạn Đức đã giúp đỡ họ."),
			P("Chủ tịch Hội cho biết, năm 2024 Hội đã phối hợp tổ chức hai lớp tiếng Đức miễn phí cho học sinh trung học, kết nối ba doanh nghiệp của tỉnh với đối tác tại bang Sachsen và trao 15 suất học bổng cho học sinh nghèo vượt khó."),
			P("Dịp này, Hội ra mắt Câu lạc bộ Cựu lưu học sinh Đức với 46 thành viên đầu tiên, nhằm chia sẻ kinh nghiệm, hỗ trợ thế hệ trẻ có nguyện vọng học tập và làm việc tại Đức."),
		},
	}
	var list strings.Builder
	list.WriteString(`<div class="news-list-view" id="news-container-34">`)
	items := []struct{ url, title, date, teaser string }{
		{gm.URL, gm.Title, gm.Date, gm.Lead},
		{t3Site + "/tin-tuc/chi-tiet/giao-luu-van-hoa-viet-duc-2024/", "Giao lưu văn hóa Việt – Đức nhân dịp kỷ niệm 49 năm quan hệ ngoại giao", "12.06.2024", "Chương trình giao lưu với các tiết mục âm nhạc, ẩm thực và triển lãm ảnh về hai đất nước."},
		{t3Site + "/tin-tuc/chi-tiet/dai-hoi-hoi-huu-nghi-nhiem-ky-2024-2029/", "Đại hội Hội hữu nghị Việt – Đức tỉnh nhiệm kỳ 2024 – 2029", "20.03.2024", "Đại hội bầu Ban Chấp hành gồm 21 ủy viên và thông qua chương trình hoạt động 5 năm."},
	}
	for _, it := range items {
		fmt.Fprintf(&list, `<div class="article articletype-0" itemscope="itemscope" itemtype="http://schema.org/Article"><div class="header"><h3><a title="%s" href="%s"><span itemprop="headline">%s</span></a></h3></div><div class="teaser-text"><div itemprop="description"><p>%s</p></div><a class="more" title="%s" href="%s">Xem thêm</a></div><div class="footer"><p><span class="news-list-date"><time>%s</time></span></p></div></div>`,
			esc(it.title), it.url, esc(it.title), esc(it.teaser), esc(it.title), it.url, it.date)
	}
	list.WriteString(`<div class="page-navigation"><p>Trang 1 / 4.</p><ul class="f3-widget-paginator"><li class="current">1</li><li><a href="/tin-tuc/trang-2/">2</a></li></ul></div></div>`)
	return []File{
		article(fam, gm, t3Detail(gm, "2024-10-07")),
		other(fam, "typo3-tin-tuc", t3Site+"/tin-tuc/", "Tin tức", t3Shell("Tin tức", list.String())),
	}
}
