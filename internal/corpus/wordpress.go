package corpus

import (
	"fmt"
	"strings"
)

// WordPress ward sites (a news theme): <article> with .entry-header,
// <time class="entry-date published" datetime>, .entry-content, Jetpack's
// "Chia sẻ:" buttons and related posts inside .entry-content, and widgets
// in the sidebar.

const wpSite = "https://phuongtanmai.example.gov.vn"

func init() { families = append(families, wordpress) }

func wpShell(title, bodyClass, head, main string) string {
	return fmt.Sprintf(`<!doctype html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s &#8211; Phường Tân Mai</title>
<meta name='robots' content='max-image-preview:large' />
%s<link rel='stylesheet' id='newsup-style-css' href='%s/wp-content/themes/newsup/style.css?ver=6.3' type='text/css' media='all' />
<script type='text/javascript' src='%s/wp-includes/js/jquery/jquery.min.js?ver=3.7.0' id='jquery-core-js'></script>
</head>
<body class="%s">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Chuyển đến nội dung</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="%s/" rel="home">Phường Tân Mai</a></p><p class="site-description">Trang thông tin điện tử UBND phường Tân Mai</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="%s/">Trang chủ</a></li><li><a href="%s/gioi-thieu/">Giới thiệu</a></li><li><a href="%s/category/tin-tuc/">Tin tức</a></li><li><a href="%s/category/thong-bao/">Thông báo</a></li><li><a href="%s/lien-he/">Liên hệ</a></li></ul></nav></header>
<div id="content" class="site-content"><div class="container"><div class="row">
<main id="primary" class="site-main col-md-8">
%s
</main>
<aside id="secondary" class="widget-area col-md-4">
<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="%s/"><label><span class="screen-reader-text">Tìm kiếm cho:</span><input type="search" class="search-field" placeholder="Tìm kiếm &hellip;" value="" name="s" /></label><input type="submit" class="search-submit" value="Tìm kiếm" /></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul><li><a href="%s/2020/10/19/ra-quan-don-ve-sinh/">Phường Tân Mai ra quân dọn vệ sinh sau mưa lớn</a></li><li><a href="%s/2020/10/12/hoi-thi-nau-an/">Hội thi nấu ăn chào mừng ngày 20/10</a></li></ul></section>
<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Lưu trữ</h2><ul><li><a href="%s/2020/10/">Tháng 10 2020</a></li><li><a href="%s/2020/09/">Tháng 9 2020</a></li></ul></section>
</aside>
</div></div></div>
<footer id="colophon" class="site-footer"><div class="site-info">Bản quyền © 2020 UBND phường Tân Mai. Địa chỉ: 2 ngõ 346 Tân Mai. Vận hành bởi WordPress.</div></footer>
</div>
<script type='text/javascript' src='%s/wp-content/plugins/jetpack/_inc/build/sharedaddy/sharing.min.js?ver=12.5' id='sharing-js-js'></script>
</body>
</html>
`, esc(title), head, wpSite, wpSite, bodyClass, wpSite, wpSite, wpSite, wpSite, wpSite, wpSite, main, wpSite, wpSite, wpSite, wpSite, wpSite, wpSite)
}

// wpArticle renders a single post. iso is the post's datetime attribute.
func wpArticle(s *Story, iso, shown string, cats string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<article id="post-1184" class="post-1184 post type-post status-publish format-standard has-post-thumbnail hentry category-%s">`, cats)
	fmt.Fprintf(&b, `<header class="entry-header"><div class="entry-cats"><a href="%s/category/%s/" rel="category tag">%s</a></div><h1 class="entry-title">%s</h1><div class="entry-meta"><span class="posted-on"><a href="%s" rel="bookmark"><time class="entry-date published" datetime="%s">%s</time><time class="updated" datetime="%s">%s</time></a></span>`,
		wpSite, cats, esc(strings.ToUpper(cats[:1])+cats[1:]), esc(s.Title), s.URL, iso, esc(shown), iso, esc(shown))
	if s.Author != "" {
		fmt.Fprintf(&b, `<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="%s/author/bientap/">%s</a></span></span>`, wpSite, esc(s.Author))
	}
	b.WriteString(`</div></header>`)
	b.WriteString(`<div class="post-thumbnail"><img width="760" height="428" src="` + wpSite + `/wp-content/uploads/2020/10/anh-bia.jpg" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="" /></div>`)
	fmt.Fprintf(&b, "<div class=\"entry-content\">\n%s", s.Body())
	b.WriteString(`<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Chia sẻ:</h3><div class="sd-content"><ul><li class="share-facebook"><a rel="nofollow noopener noreferrer" class="share-facebook sd-button share-icon" href="?share=facebook" target="_blank"><span>Facebook</span></a></li><li class="share-print"><a class="share-print sd-button share-icon" href="#print"><span>In</span></a></li><li class="share-email"><a class="share-email sd-button share-icon" href="mailto:?subject="><span>Email</span></a></li></ul></div></div></div>`)
	b.WriteString(`<div id='jp-relatedposts' class='jp-relatedposts'><h3 class="jp-relatedposts-headline"><em>Có liên quan</em></h3><div class="jp-relatedposts-items"><p class="jp-relatedposts-post"><a class="jp-relatedposts-post-a" href="` + wpSite + `/2020/09/28/tong-ve-sinh/">Phường Tân Mai tổng vệ sinh môi trường đợt 3</a><span class="jp-relatedposts-post-date">28/09/2020</span></p></div></div>`)
	b.WriteString(`</div>`)
	b.WriteString(`<footer class="entry-footer"><span class="cat-links">Đăng trong <a href="` + wpSite + `/category/tin-tuc/" rel="category tag">Tin tức</a></span></footer></article>`)
	b.WriteString(`<nav class="navigation post-navigation" aria-label="Bài viết"><h2 class="screen-reader-text">Điều hướng bài viết</h2><div class="nav-links"><div class="nav-previous"><a href="` + wpSite + `/2020/10/12/hoi-thi-nau-an/" rel="prev">Hội thi nấu ăn chào mừng ngày 20/10</a></div></div></nav>`)
	b.WriteString(`<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Trả lời</h3><form action="` + wpSite + `/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Email của bạn sẽ không được hiển thị công khai.</p><p class="comment-form-comment"><textarea id="comment" name="comment"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Phản hồi" /></p></form></div></div>`)
	head := fmt.Sprintf(`<meta property="og:type" content="article" />
<meta property="og:title" content="%s" />
<meta property="article:published_time" content="%s" />
`, esc(s.Title), iso)
	return wpShell(s.Title, "post-template-default single single-post postid-1184 single-format-standard", head, b.String())
}

func wordpress() []File {
	const fam = "wordpress"
	tc := &Story{
		Name:   "wordpress-tiem-chung-mo-rong",
		URL:    wpSite + "/2020/10/14/tiem-chung-mo-rong-thang-10/",
		Title:  "Trạm Y tế phường Tân Mai tổ chức tiêm chủng mở rộng tháng 10/2020",
		Pub:    "2020-10-14T07:45:00+07:00",
		Author: "Ban biên tập",
		Blocks: []Block{
			P("Sáng ngày 14/10/2020, Trạm Y tế phường Tân Mai tổ chức buổi tiêm chủng mở rộng định kỳ tháng 10 cho trẻ em trên địa bàn phường."),
			P("Trong buổi tiêm, 186 trẻ dưới 1 tuổi được tiêm vắc xin 5 trong 1 và vắc xin bại liệt; 74 trẻ 18 tháng tuổi được tiêm nhắc vắc xin sởi - rubella. Trước khi tiêm, các cháu đều được khám sàng lọc và theo dõi 30 phút sau tiêm."),
			Figure(wpSite+"/wp-content/uploads/2020/10/tiem-chung.jpg", "Cán bộ Trạm Y tế khám sàng lọc cho trẻ trước khi tiêm."),
			P("Trạm Y tế phường đề nghị các gia đình có trẻ chưa tiêm đủ mũi đưa trẻ đến tiêm bù vào ngày 14 hằng tháng và mang theo sổ tiêm chủng."),
		},
	}
	vs := &Story{
		Name:  "wordpress-ve-sinh-moi-truong",
		URL:   wpSite + "/2020/10/19/ra-quan-don-ve-sinh/",
		Title: "Phường Tân Mai ra quân dọn vệ sinh sau mưa lớn",
		Pub:   "2020-10-19T16:20:00+07:00",
		Blocks: []Block{
			Raw(`<p><span style="font-family: 'times new roman', times; font-size: 14pt;">Sau trận mưa lớn kéo dài từ đêm 17 đến sáng 18/10, nhiều tuyến ngõ trên địa bàn phường Tân Mai bị ngập úng, bùn đất và rác thải ứ đọng.<br />
Ngay trong sáng 19/10, UBND phường đã huy động hơn 200 cán bộ, đoàn viên, hội viên và nhân dân ra quân dọn vệ sinh, khơi thông cống rãnh.<br />
Lực lượng ra quân đã thu gom 12 tấn rác và bùn đất, phun khử khuẩn tại các khu vực bị ngập để phòng dịch bệnh.</span></p>`,
				"Sau trận mưa lớn kéo dài từ đêm 17 đến sáng 18/10, nhiều tuyến ngõ trên địa bàn phường Tân Mai bị ngập úng, bùn đất và rác thải ứ đọng.",
				"Ngay trong sáng 19/10, UBND phường đã huy động hơn 200 cán bộ, đoàn viên, hội viên và nhân dân ra quân dọn vệ sinh, khơi thông cống rãnh.",
				"Lực lượng ra quân đã thu gom 12 tấn rác và bùn đất, phun khử khuẩn tại các khu vực bị ngập để phòng dịch bệnh."),
			Raw(`<p><span style="font-family: 'times new roman', times; font-size: 14pt;"><span style="color: #000000;">Phường đề nghị người dân bỏ rác đúng giờ, đúng nơi quy định, không xả rác xuống cống, góp phần giữ gìn môi trường sống xanh, sạch, đẹp.</span></span></p>`,
				"Phường đề nghị người dân bỏ rác đúng giờ, đúng nơi quy định, không xả rác xuống cống, góp phần giữ gìn môi trường sống xanh, sạch, đẹp."),
		},
	}
	hop := &Story{
		Name:  "wordpress-thong-bao-hop-dan",
		URL:   wpSite + "/2020/11/02/thong-bao-hop-dan-to-dan-pho/",
		Title: "Thông báo họp dân các tổ dân phố quý IV/2020",
		Pub:   "2020-11-02T10:00:00+07:00",
		Blocks: []Block{
			P("UBND phường Tân Mai đề nghị các tổ dân phố tổ chức họp dân quý IV/2020."),
			P("Thời gian: từ ngày 07/11 đến ngày 15/11/2020."),
			P("Nội dung: phổ biến kế hoạch phòng cháy, chữa cháy mùa hanh khô."),
			P("Lấy ý kiến nhân dân về dự án cải tạo vườn hoa tổ 12."),
			P("Tổ trưởng tổ dân phố gửi biên bản họp về UBND phường trước ngày 20/11."),
		},
	}
	ltd := &Story{
		Name:  "wordpress-lich-tiep-dan",
		URL:   wpSite + "/2020/10/30/lich-tiep-dan-thang-11/",
		Title: "Lịch tiếp dân của Bí thư Đảng ủy, Chủ tịch UBND phường tháng 11/2020",
		Pub:   "2020-10-30T14:05:00+07:00",
		Blocks: []Block{
			P("Đảng ủy, UBND phường Tân Mai thông báo lịch tiếp công dân tháng 11/2020:"),
			Raw(`<figure class="wp-block-table"><table><thead><tr><th>Ngày tiếp</th><th>Người tiếp</th><th>Thời gian</th></tr></thead><tbody><tr><td>10/11/2020</td><td>Bí thư Đảng ủy phường</td><td>8h00 - 11h00</td></tr><tr><td>17/11/2020</td><td>Chủ tịch UBND phường</td><td>8h00 - 11h00</td></tr><tr><td>24/11/2020</td><td>Chủ tịch UBND phường</td><td>14h00 - 17h00</td></tr></tbody></table><figcaption>Địa điểm: Phòng tiếp công dân, tầng 1 trụ sở UBND phường.</figcaption></figure>`,
				"Ngày tiếp | Người tiếp | Thời gian",
				"10/11/2020 | Bí thư Đảng ủy phường | 8h00 - 11h00",
				"17/11/2020 | Chủ tịch UBND phường | 8h00 - 11h00",
				"24/11/2020 | Chủ tịch UBND phường | 14h00 - 17h00",
				"Địa điểm: Phòng tiếp công dân, tầng 1 trụ sở UBND phường."),
		},
	}

	var cat strings.Builder
	cat.WriteString(`<header class="page-header"><h1 class="page-title">Chuyên mục: <span>Tin tức</span></h1></header>`)
	for i, p := range []*Story{vs, tc, hop, ltd} {
		fmt.Fprintf(&cat, `<article id="post-%d" class="post type-post status-publish hentry"><header class="entry-header"><h2 class="entry-title"><a href="%s" rel="bookmark">%s</a></h2><div class="entry-meta"><span class="posted-on"><time class="entry-date published">%s</time></span></div></header><div class="entry-summary"><p>%s […]</p></div></article>`,
			1180+i, p.URL, esc(p.Title), p.Pub[:10], esc(clip(p.Blocks[0].Gold[0], 60)))
	}
	cat.WriteString(`<nav class="navigation pagination"><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span><a class="page-numbers" href="` + wpSite + `/category/tin-tuc/page/2/">2</a><a class="next page-numbers" href="` + wpSite + `/category/tin-tuc/page/2/">Sau</a></div></nav>`)

	return []File{
		article(fam, tc, wpArticle(tc, "2020-10-14T07:45:00+07:00", "14/10/2020", "tin-tuc")),
		article(fam, vs, wpArticle(vs, "2020-10-19T16:20:00+07:00", "19/10/2020", "tin-tuc")),
		article(fam, hop, wpArticle(hop, "2020-11-02T10:00:00+07:00", "02/11/2020", "thong-bao")),
		article(fam, ltd, wpArticle(ltd, "2020-10-30T14:05:00+07:00", "30/10/2020", "thong-bao")),
		other(fam, "wordpress-category", wpSite+"/category/tin-tuc/", "Tin tức", wpShell("Tin tức", "archive category category-tin-tuc", "", cat.String())),
	}
}
