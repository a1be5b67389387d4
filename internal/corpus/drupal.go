package corpus

import (
	"fmt"
	"strings"
)

// Drupal 9/10 with the Olivero theme, as departments' sites run it: the
// node is an <article class="node node--type-article">, the headline an
// h1.title with a span.field--name-title, the date a <time datetime> in UTC
// inside .node__meta, the body a .field--name-body. A "trang" (basic page)
// node shows no date at all; the news view lists teasers.

const drSite = "https://sotuphap.example.gov.vn"

func init() { families = append(families, drupal) }

func drShell(title, bodyClass, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="vi" dir="ltr" style="--color--primary-hue:202;--color--primary-saturation:79%%;--color--primary-lightness:50">
<head>
<meta charset="utf-8" />
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<meta name="MobileOptimized" content="width" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="icon" href="/core/themes/olivero/favicon.ico" type="image/vnd.microsoft.icon" />
<title>%s | Sở Tư pháp</title>
<link rel="stylesheet" media="all" href="/sites/default/files/css/css_Hq3lLKTQdP9zZ.css" />
</head>
<body class="%s">
<a href="#main-content" class="visually-hidden focusable skip-link">Chuyển đến nội dung chính</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div id="page-wrapper" class="page-wrapper"><div id="page">
<header id="header" class="site-header" data-drupal-selector="site-header" role="banner"><div class="site-header__fixable" data-drupal-selector="site-header-fixable"><div class="site-header__initial"><button class="sticky-header-toggle" data-drupal-selector="sticky-header-toggle" role="switch" aria-controls="site-header__inner" aria-label="Sticky header" aria-checked="false"><span class="sticky-header-toggle__icon"><span></span><span></span><span></span></span></button></div>
<div id="site-header__inner" class="site-header__inner" data-drupal-selector="site-header-inner"><div class="container site-header__inner__container">
<div id="block-olivero-site-branding" class="site-branding block block-system block-system-branding-block"><div class="site-branding__inner"><div class="site-branding__text"><div class="site-branding__name"><a href="/" title="Trang chủ" rel="home">Sở Tư pháp</a></div></div></div></div>
<div class="header-nav-overlay" data-drupal-selector="header-nav-overlay"></div>
<div class="mobile-buttons" data-drupal-selector="mobile-buttons"><button class="mobile-nav-button" data-drupal-selector="mobile-nav-button" aria-label="Main Menu" aria-controls="header-nav" aria-expanded="false"><span class="mobile-nav-button__label">Menu</span><span class="mobile-nav-button__icon"></span></button></div>
<div id="header-nav" class="header-nav" data-drupal-selector="header-nav"><nav  id="block-olivero-main-menu" class="primary-nav block block-menu navigation menu--main" aria-labelledby="block-olivero-main-menu-menu" role="navigation"><h2 class="visually-hidden block__title" id="block-olivero-main-menu-menu">Main navigation</h2><ul  class="menu primary-nav__menu primary-nav__menu--level-1" data-drupal-selector="primary-nav-menu--level-1"><li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">Trang chủ</span></a></li><li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/tin-tuc" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">Tin tức</span></a></li><li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/pho-bien-giao-duc-phap-luat" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">Phổ biến pháp luật</span></a></li></ul></nav></div>
</div></div></div></header>
<div id="main-wrapper" class="layout-main-wrapper layout-container"><div id="main" class="layout-main"><div class="main-content">
<a id="main-content" tabindex="-1"></a>
<div class="region region--breadcrumb grid-full layout--pass--content-medium"><div id="block-olivero-breadcrumbs" class="block block-system block-system-breadcrumb-block"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Đường dẫn</h2><div class="breadcrumb__content"><ol class="breadcrumb__list"><li class="breadcrumb__item"><a href="/" class="breadcrumb__link">Trang chủ</a></li><li class="breadcrumb__item"><a href="/tin-tuc" class="breadcrumb__link">Tin tức</a></li></ol></div></nav></div></div>
<div class="main-content__container container">
<div class="region region--content-above grid-full layout--pass--content-medium"><div data-drupal-messages-fallback class="hidden messages-list"></div></div>
<div class="region region--content grid-full layout--pass--content-medium" id="content">
%s
</div>
<div class="region region--content-below grid-full layout--pass--content-medium"><div class="views-element-container block block-views block-views-blocktin-moi-block-1" id="block-views-block-tin-moi"><h2 class="block__title">Tin mới</h2><div class="block__content"><div class="view view-tin-moi"><div class="view-content"><div class="views-row"><a href="/tin-tuc/hoi-nghi-tap-huan-cong-tac-hoa-giai-o-co-so-nam-2024">Hội nghị tập huấn công tác hòa giải ở cơ sở năm 2024</a></div><div class="views-row"><a href="/tin-tuc/ket-qua-thi-tim-hieu-phap-luat-truc-tuyen">Kết quả cuộc thi tìm hiểu pháp luật trực tuyến</a></div></div></div></div></div></div>
</div></div></div></div>
<footer class="site-footer"><div class="site-footer__inner container"><div class="region region--footer-bottom grid-full"><div id="block-thongtinlienhe" class="block block-block-content"><div class="block__content"><div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item"><p>Sở Tư pháp – Số 15 đường Nguyễn Huệ. Điện thoại: 0234.3822.001. Email: stp@example.gov.vn</p></div></div></div></div></div></footer>
</div></div></div>
</body>
</html>
`, esc(title), bodyClass, main)
}

func drNode(s *Story, typ, utc string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div id="block-olivero-page-title" class="block block-core block-page-title-block"><h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">%s</span></h1></div>`, esc(s.Title))
	fmt.Fprintf(&b, `<div id="block-olivero-content" class="block block-system block-system-main-block"><div class="block__content"><article data-history-node-id="482" class="node node--type-%s node--promoted node--view-mode-full">`, typ)
	if s.Date != "" {
		b.WriteString(`<header class="">`)
		fmt.Fprintf(&b, `<div class="node__meta"><span>Người đăng: <span class="field field--name-uid field--type-entity-reference field--label-hidden"><span>%s</span></span></span> <span class="field field--name-created field--type-created field--label-hidden"><time datetime="%s" title="%s" class="datetime">%s</time></span></div>`,
			esc(cmpOr(s.Author, "Quản trị viên")), utc, esc(s.Date), esc(s.Date))
		b.WriteString(`</header>`)
	}
	fmt.Fprintf(&b, "<div class=\"node__content\"><div class=\"text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item\">\n%s</div>", s.Body())
	b.WriteString(`<div class="field field--name-field-tags field--type-entity-reference field--label-above field--tags"><h3 class="field__label field--tags__label">Từ khóa</h3><ul class="links field__items field--tags__items"><li class="field--tags__item"><a href="/taxonomy/term/4" hreflang="vi">phổ biến pháp luật</a></li></ul></div>`)
	b.WriteString(`</div></article></div></div>`)
	return drShell(s.Title, "path-node page-node-type-"+typ, b.String())
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func drupal() []File {
	const fam = "drupal"
	hg := &Story{
		Name:  "drupal-hoa-giai-co-so",
		URL:   drSite + "/tin-tuc/nang-cao-hieu-qua-cong-tac-hoa-giai-o-co-so",
		Title: "Nâng cao hiệu quả công tác hòa giải ở cơ sở",
		Date:  "Thứ Năm, 19/09/2024 - 10:15",
		Pub:   "2024-09-19T10:15:00+07:00",
		Blocks: []Block{
			P("Ngày 18/9, Sở Tư pháp phối hợp với Ủy ban MTTQ tỉnh tổ chức hội nghị sơ kết 5 năm thực hiện Luật Hòa giải ở cơ sở, với sự tham gia của đại diện phòng tư pháp các huyện, thị xã và hòa giải viên tiêu biểu."),
			P("Toàn tỉnh hiện có 1.214 tổ hòa giải với hơn 7.800 hòa giải viên. Trong 5 năm, các tổ đã tiếp nhận 9.365 vụ việc, hòa giải thành 7.912 vụ, đạt tỷ lệ 84,5%; nhiều vụ việc tranh chấp đất đai, mâu thuẫn trong gia đình được giải quyết ngay tại thôn, tổ dân phố."),
			H("h2", "Những khó khăn cần tháo gỡ"),
			P("Bên cạnh kết quả đạt được, hội nghị chỉ ra một số hạn chế: kinh phí hỗ trợ cho hòa giải viên còn thấp, một bộ phận hòa giải viên cao tuổi, ít được bồi dưỡng kỹ năng; việc ứng dụng công nghệ thông tin trong quản lý vụ việc chưa đồng bộ."),
			P("Giám đốc Sở Tư pháp đề nghị các địa phương bố trí đủ kinh phí theo quy định, chú trọng kiện toàn tổ hòa giải gắn với người có uy tín trong cộng đồng và tổ chức tập huấn kỹ năng ít nhất mỗi năm một lần."),
		},
	}
	ls := &Story{
		Name:  "drupal-lich-su-tu-phap",
		URL:   drSite + "/tin-tuc/80-nam-nganh-tu-phap-nhung-dau-moc-dang-nho",
		Title: "80 năm ngành Tư pháp: những dấu mốc đáng nhớ",
		Blocks: []Block{
			P("Ngày 28/8/1945, trong thành phần Chính phủ lâm thời nước Việt Nam Dân chủ Cộng hòa, Bộ Tư pháp được thành lập. Tám mươi năm qua, ngành Tư pháp đã trải qua nhiều giai đoạn phát triển, gắn liền với từng chặng đường xây dựng và bảo vệ Tổ quốc, để lại những dấu mốc mà nhiều thế hệ cán bộ vẫn nhắc lại với niềm tự hào."),
			P("Những năm đầu sau Cách mạng Tháng Tám, dù điều kiện vô cùng khó khăn, ngành đã khẩn trương xây dựng hệ thống tòa án nhân dân, ban hành các sắc lệnh về tổ chức tư pháp, đặt nền móng cho một nền tư pháp của dân, do dân và vì dân. Nhiều cán bộ tư pháp thời kỳ này vừa làm công tác chuyên môn vừa tham gia kháng chiến, đi đến từng thôn xóm để giải thích chính sách cho bà con."),
			P("Giai đoạn 1960 đến 1981, tổ chức của ngành có nhiều thay đổi: Bộ Tư pháp ngừng hoạt động một thời gian, các nhiệm vụ được giao cho những cơ quan khác. Dù vậy, công tác hộ tịch, công chứng và phổ biến pháp luật ở cơ sở vẫn được duy trì, góp phần ổn định đời sống nhân dân trong những năm chiến tranh và thời kỳ đầu khôi phục đất nước."),
			P("Năm 1981, Bộ Tư pháp được tái lập, mở ra giai đoạn phát triển mới. Cùng với công cuộc đổi mới, ngành tập trung vào xây dựng pháp luật, thẩm định văn bản, thi hành án dân sự và trợ giúp pháp lý. Hệ thống cơ quan tư pháp địa phương được kiện toàn từ cấp tỉnh đến cấp xã, mỗi xã, phường, thị trấn đều có công chức tư pháp – hộ tịch."),
			P("Ở tỉnh ta, Sở Tư pháp được thành lập năm 1982 với vỏn vẹn mười hai cán bộ. Hơn bốn thập kỷ sau, ngành tư pháp tỉnh đã có đội ngũ hàng trăm công chức, viên chức, cùng với các tổ chức hành nghề công chứng, luật sư, giám định tư pháp và đấu giá tài sản, đáp ứng ngày càng tốt hơn nhu cầu của người dân và doanh nghiệp."),
			P("Bước vào thời kỳ chuyển đổi số, ngành tư pháp tỉnh là một trong những đơn vị đi đầu trong việc cung cấp dịch vụ công trực tuyến toàn trình: đăng ký khai sinh, kết hôn, cấp phiếu lý lịch tư pháp đều có thể thực hiện qua mạng. Cơ sở dữ liệu hộ tịch điện tử được số hóa từ các sổ gốc lưu trữ từ năm 1950 đến nay."),
			P("Nhìn lại chặng đường tám mươi năm, mỗi cán bộ tư pháp đều có thể tự hào về những đóng góp thầm lặng của các thế hệ đi trước. Đó cũng là động lực để ngành tiếp tục đổi mới, xây dựng nền tư pháp chuyên nghiệp, hiện đại, công bằng, nghiêm minh, liêm chính, phụng sự Tổ quốc, phục vụ nhân dân."),
		},
	}
	var view strings.Builder
	view.WriteString(`<div class="views-element-container"><div class="view view-frontpage view-id-tin_tuc view-display-id-page_1"><div class="view-content">`)
	for _, st := range []*Story{hg, ls} {
		fmt.Fprintf(&view, `<div class="views-row"><article class="node node--type-article node--view-mode-teaser"><header class=""><h2 class="node__title"><a href="%s" rel="bookmark"><span class="field field--name-title field--type-string field--label-hidden">%s</span></a></h2></header><div class="node__content"><div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item"><p>%s</p></div><ul class="links inline"><li class="node-readmore"><a href="%s" rel="tag" hreflang="vi">Xem thêm<span class="visually-hidden"> về %s</span></a></li></ul></div></article></div>`,
			st.URL, esc(st.Title), esc(clip(st.Blocks[0].Gold[0], 240)), st.URL, esc(st.Title))
	}
	view.WriteString(`<div class="views-row"><article class="node node--type-article node--view-mode-teaser"><header class=""><h2 class="node__title"><a href="/tin-tuc/hoi-nghi-tap-huan-cong-tac-hoa-giai-o-co-so-nam-2024" rel="bookmark"><span class="field field--name-title">Hội nghị tập huấn công tác hòa giải ở cơ sở năm 2024</span></a></h2></header><div class="node__content"><div class="text-content field field--name-body"><p>Sở Tư pháp tổ chức tập huấn cho hòa giải viên của 9 huyện, thị xã.</p></div></div></article></div>`)
	view.WriteString(`</div><nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" class="visually-hidden">Phân trang</h4><ul class="pager__items js-pager__items"><li class="pager__item is-active"><a href="?page=0" title="Trang hiện tại">1</a></li><li class="pager__item"><a href="?page=1" title="Đi tới trang 2">2</a></li></ul></nav></div></div>`)

	return []File{
		article(fam, hg, drNode(hg, "article", "2024-09-19T03:15:00Z")),
		article(fam, ls, drNode(ls, "page", "")),
		other(fam, "drupal-tin-tuc", drSite+"/tin-tuc", "Tin tức", drShell("Tin tức", "path-tin-tuc", `<div class="block block-core block-page-title-block"><h1 class="title page-title">Tin tức</h1></div>`+view.String())),
	}
}
