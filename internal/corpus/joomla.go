package corpus

import (
	"fmt"
	"strings"
)

// Joomla 3 (protostar-like templates): .item-page with schema.org Article
// microdata, dl.article-info with the published date and "Lượt xem", the
// print/email icons, articleBody, and the « Trước / Tiếp theo » pager.

const jmSite = "https://xaphuson.example.gov.vn"

func init() { families = append(families, joomla) }

func jmShell(title, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="vi-vn" dir="ltr">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta charset="utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>%s</title>
<link href="/templates/protostar/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
<link href="/templates/protostar/css/template.css?3f5c" rel="stylesheet" />
<script src="/media/jui/js/jquery.min.js?3f5c"></script>
</head>
<body class="site com_content view-article no-layout no-task itemid-112">
<div class="body" id="top"><div class="container">
<header class="header" role="banner"><div class="header-inner clearfix"><a class="brand pull-left" href="/"><span class="site-title" title="UBND xã Phú Sơn">UBND xã Phú Sơn</span></a><div class="header-search pull-right"><div class="search"><form action="/index.php" method="post" class="form-inline"><label for="mod-search-searchword" class="element-invisible">Tìm kiếm...</label> <input name="searchword" id="mod-search-searchword" maxlength="200" class="inputbox search-query input-medium" type="search" placeholder="Tìm kiếm..." /></form></div></div></div></header>
<nav class="navigation" role="navigation"><div class="navbar pull-left"><a class="btn btn-navbar collapsed" data-toggle="collapse" data-target=".nav-collapse"><span class="element-invisible">Bật/tắt menu</span></a></div><div class="nav-collapse"><ul class="nav menu nav-pills mod-list"><li class="item-101 default"><a href="/index.php">Trang chủ</a></li><li class="item-112 current active"><a href="/index.php/tin-tuc">Tin tức</a></li><li class="item-113"><a href="/index.php/thu-tuc-hanh-chinh">Thủ tục hành chính</a></li><li class="item-114"><a href="/index.php/lien-he">Liên hệ</a></li></ul></div></nav>
<div class="moduletable"><ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb"><li>Bạn đang ở: &#160;</li><li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/index.php" class="pathway"><span itemprop="name">Trang chủ</span></a><span class="divider">/</span></li><li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem" class="active"><span itemprop="name">Tin tức</span></li></ul></div>
<div class="row-fluid">
<main id="content" role="main" class="span9">
<div id="system-message-container"></div>
%s
</main>
<div id="aside" class="span3">
<div class="well "><h3 class="page-header">Tin mới</h3><ul class="latestnews mod-list"><li itemscope itemtype="https://schema.org/Article"><a href="/index.php/tin-tuc/52-xa-phu-son-don-bang-nong-thon-moi-nang-cao" itemprop="url"><span itemprop="name">Xã Phú Sơn đón bằng công nhận xã nông thôn mới nâng cao</span></a></li></ul></div>
<div class="well "><h3 class="page-header">Thống kê truy cập</h3><div class="vcnt"><table cellpadding="0" cellspacing="0" style="text-align: center; width: 90%%;" class="vcnt_table"><tr><td>Hôm nay</td><td>58</td></tr><tr><td>Hôm qua</td><td>131</td></tr><tr><td>Tuần này</td><td>512</td></tr><tr><td>Tổng cộng</td><td>86.204</td></tr></table></div></div>
</div>
</div>
</div></div>
<footer class="footer" role="contentinfo"><div class="container"><hr /><p class="pull-right"><a href="#top" id="back-top">Về đầu trang</a></p><p>&copy; 2020 UBND xã Phú Sơn, huyện Ba Vì</p></div></footer>
</body>
</html>
`, esc(title), main)
}

func jmArticle(s *Story, iso string, hits int) string {
	var b strings.Builder
	b.WriteString(`<div class="item-page" itemscope itemtype="https://schema.org/Article"><meta itemprop="inLanguage" content="vi-VN" />`)
	fmt.Fprintf(&b, `<div class="page-header"><h2 itemprop="headline">%s</h2></div>`, esc(s.Title))
	b.WriteString(`<div class="icons"><div class="btn-group pull-right"><button class="btn dropdown-toggle" type="button" data-toggle="dropdown"><span class="icon-cog"></span><span class="caret"></span></button><ul class="dropdown-menu"><li class="print-icon"><a href="/index.php/tin-tuc/60?tmpl=component&amp;print=1" title="In bài viết" rel="nofollow"><span class="icon-print"></span>In</a></li><li class="email-icon"><a href="/index.php/component/mailto/?tmpl=component" title="Gửi email cho bạn bè" rel="nofollow"><span class="icon-envelope"></span>Email</a></li></ul></div></div>`)
	b.WriteString(`<dl class="article-info muted"><dt class="article-info-term">Chi tiết</dt>`)
	if s.Author != "" {
		fmt.Fprintf(&b, `<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Viết bởi <span itemprop="name">%s</span></dd>`, esc(s.Author))
	}
	fmt.Fprintf(&b, `<dd class="category-name">Danh mục: <a href="/index.php/tin-tuc" itemprop="genre">Tin tức</a></dd><dd class="published"><span class="icon-calendar" aria-hidden="true"></span><time datetime="%s" itemprop="datePublished">%s</time></dd><dd class="hits"><span class="icon-eye-open" aria-hidden="true"></span><meta itemprop="interactionCount" content="UserPageVisits:%d" />Lượt xem: %d</dd></dl>`, iso, esc(s.Date), hits, hits)
	fmt.Fprintf(&b, "<div itemprop=\"articleBody\">\n%s</div>\n", s.Body())
	b.WriteString(`<ul class="pager pagenav"><li class="previous"><a class="hasTooltip" title="Xã Phú Sơn đón bằng công nhận xã nông thôn mới nâng cao" href="/index.php/tin-tuc/52" rel="prev"><span class="icon-chevron-left" aria-hidden="true"></span> <span aria-hidden="true">Trước</span></a></li><li class="next"><a class="hasTooltip" href="/index.php/tin-tuc/58" rel="next"><span aria-hidden="true">Tiếp theo</span> <span class="icon-chevron-right" aria-hidden="true"></span></a></li></ul>`)
	b.WriteString(`</div>`)
	return jmShell(s.Title, b.String())
}

func joomla() []File {
	const fam = "joomla"
	ddk := &Story{
		Name:   "joomla-ngay-hoi-dai-doan-ket",
		URL:    jmSite + "/index.php/tin-tuc/60-ngay-hoi-dai-doan-ket-toan-dan-toc-thon-dong-ke",
		Title:  "Ngày hội Đại đoàn kết toàn dân tộc ở thôn Đồng Kè",
		Date:   "Thứ Tư, 18 Tháng 11 2020 09:10",
		Pub:    "2020-11-18T09:10:00+07:00",
		Author: "Nguyễn Thị Hằng",
		Blocks: []Block{
			P("Sáng 17/11, thôn Đồng Kè, xã Phú Sơn long trọng tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2020 nhân kỷ niệm 90 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam."),
			P("Năm 2020, thôn Đồng Kè có 96% hộ gia đình đạt danh hiệu gia đình văn hóa; nhân dân đã hiến hơn 600 m² đất, góp 320 ngày công để mở rộng đường trục thôn. Thu nhập bình quân đạt 48 triệu đồng/người/năm."),
			Caption("/images/2020/11/ngay-hoi-dong-ke.jpg", "Lãnh đạo xã tặng quà cho các hộ gia đình có hoàn cảnh khó khăn tại Ngày hội."),
			P("Phát biểu tại Ngày hội, đồng chí Chủ tịch UBND xã ghi nhận những kết quả thôn đạt được và đề nghị nhân dân tiếp tục giữ gìn đoàn kết, chung sức xây dựng nông thôn mới kiểu mẫu."),
			P("Sau phần lễ là các hoạt động văn nghệ, thi gói bánh chưng và giao lưu bóng chuyền giữa các xóm."),
		},
	}
	tt := &Story{
		Name:  "joomla-huong-dan-dang-ky-khai-sinh",
		URL:   jmSite + "/index.php/thu-tuc-hanh-chinh/45-huong-dan-dang-ky-khai-sinh-truc-tuyen",
		Title: "Hướng dẫn đăng ký khai sinh trực tuyến qua Cổng dịch vụ công",
		Date:  "Thứ Hai, 05 Tháng 10 2020 14:00",
		Pub:   "2020-10-05T14:00:00+07:00",
		Blocks: []Block{
			P("Từ tháng 10/2020, công dân xã Phú Sơn có thể đăng ký khai sinh trực tuyến mà không cần đến trụ sở UBND xã. Các bước thực hiện như sau:"),
			Raw(`<ol><li>Truy cập Cổng dịch vụ công của thành phố và đăng nhập bằng tài khoản đã đăng ký.</li><li>Chọn thủ tục “Đăng ký khai sinh”, chọn cơ quan thực hiện là UBND xã Phú Sơn.</li><li>Điền tờ khai, tải lên ảnh chụp giấy chứng sinh và giấy tờ tùy thân của người đi đăng ký.</li><li>Theo dõi kết quả qua tin nhắn; nhận giấy khai sinh tại bộ phận một cửa hoặc qua bưu điện.</li></ol>`,
				"Truy cập Cổng dịch vụ công của thành phố và đăng nhập bằng tài khoản đã đăng ký.",
				"Chọn thủ tục “Đăng ký khai sinh”, chọn cơ quan thực hiện là UBND xã Phú Sơn.",
				"Điền tờ khai, tải lên ảnh chụp giấy chứng sinh và giấy tờ tùy thân của người đi đăng ký.",
				"Theo dõi kết quả qua tin nhắn; nhận giấy khai sinh tại bộ phận một cửa hoặc qua bưu điện."),
			P("Thời hạn giải quyết: ngay trong ngày làm việc nếu hồ sơ hợp lệ. Lệ phí: miễn phí đối với đăng ký khai sinh đúng hạn."),
			P("Mọi vướng mắc xin liên hệ công chức Tư pháp - Hộ tịch xã, điện thoại 0243.3864.210."),
		},
	}
	tb := &Story{
		Name:  "joomla-thong-bao-thu-gom-rac",
		URL:   jmSite + "/index.php/tin-tuc/58-thong-bao-lich-thu-gom-rac-thai",
		Title: "Thông báo thay đổi lịch thu gom rác thải sinh hoạt",
		Date:  "Thứ Sáu, 13 Tháng 11 2020 16:45",
		Pub:   "2020-11-13T16:45:00+07:00",
		Blocks: []Block{
			P("Từ ngày 16/11/2020, lịch thu gom rác thải sinh hoạt tại các thôn thay đổi như sau:"),
			P("Thôn Đồng Kè, thôn Phú Xuyên: thu gom vào chiều thứ Hai, thứ Tư, thứ Sáu."),
			P("Thôn Sơn Hà, thôn Đông Lâu: thu gom vào chiều thứ Ba, thứ Năm, thứ Bảy."),
			P("Giờ thu gom: từ 16 giờ 30 đến 18 giờ."),
			P("Đề nghị các hộ gia đình để rác đúng nơi quy định."),
		},
	}

	contact := `<div class="contact" itemscope itemtype="https://schema.org/Person"><div class="page-header"><h2><span class="contact-name" itemprop="name">UBND xã Phú Sơn</span></h2></div><h3>Liên hệ</h3><div class="contact-address dl-horizontal" itemprop="address"><dl><dt>Địa chỉ:</dt><dd>Thôn Đông Lâu, xã Phú Sơn, huyện Ba Vì</dd><dt>Điện thoại:</dt><dd>0243.3864.200</dd><dt>Email:</dt><dd>ubndxaphuson@example.gov.vn</dd></dl></div><h3>Gửi thư</h3><form id="contact-form" action="/index.php/lien-he" method="post" class="form-validate form-horizontal well"><fieldset><legend>Gửi thư liên hệ. Các mục có dấu (*) là bắt buộc.</legend><div class="control-group"><label id="jform_contact_name-lbl" for="jform_contact_name">Tên *</label><input type="text" name="jform[contact_name]" id="jform_contact_name" /></div><div class="control-group"><label for="jform_contact_message">Nội dung *</label><textarea name="jform[contact_message]" id="jform_contact_message"></textarea></div><button class="btn btn-primary validate" type="submit">Gửi thư</button></fieldset></form></div>`

	var blog strings.Builder
	blog.WriteString(`<div class="blog" itemscope itemtype="https://schema.org/Blog"><div class="page-header"><h1>Tin tức</h1></div><div class="items-leading clearfix">`)
	for i, st := range []*Story{ddk, tb, tt} {
		fmt.Fprintf(&blog, `<div class="leading-%d" itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting"><div class="page-header"><h2 itemprop="name"><a href="%s" itemprop="url">%s</a></h2></div><dl class="article-info muted"><dd class="published"><time itemprop="datePublished">%s</time></dd><dd class="hits">Lượt xem: %d</dd></dl><p>%s</p><p class="readmore"><a class="btn" href="%s" itemprop="url">Đọc thêm: %s</a></p></div>`,
			i, st.URL, esc(st.Title), esc(st.Date), 80+i*11, esc(st.Blocks[0].Gold[0]), st.URL, esc(clip(st.Title, 40)))
	}
	blog.WriteString(`</div><div class="pagination"><p class="counter pull-right">Trang 1 / 4</p><ul class="pagination-list"><li class="active"><a>1</a></li><li><a href="/index.php/tin-tuc?start=3">2</a></li></ul></div></div>`)

	return []File{
		article(fam, ddk, jmArticle(ddk, "2020-11-18T09:10:00+07:00", 312)),
		article(fam, tt, jmArticle(tt, "2020-10-05T14:00:00+07:00", 1045)),
		article(fam, tb, jmArticle(tb, "2020-11-13T16:45:00+07:00", 97)),
		other(fam, "joomla-lien-he", jmSite+"/index.php/lien-he", "UBND xã Phú Sơn", jmShell("Liên hệ", contact)),
		other(fam, "joomla-blog", jmSite+"/index.php/tin-tuc", "Tin tức", jmShell("Tin tức", blog.String())),
	}
}
