package corpus

import (
	"fmt"
	"strings"
)

// Blogger (classic layouts, as associations and village clubs still use
// them): the date is an h2.date-header above the post, outside its block;
// the post's own time is abbr.published (its ISO time in the title
// attribute) in the post footer after the body; the headline is
// h3.post-title, the body div.post-body.entry-content. A label page shows
// post snippets with "Đọc thêm »" links.

const bgSite = "https://clbthoca-xaanbinh.blogspot.example"

func init() { families = append(families, blogger) }

func bgShell(title, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html class="v2" dir="ltr" xmlns="http://www.w3.org/1999/xhtml" xmlns:b="http://www.google.com/2005/gml/b" xmlns:data="http://www.google.com/2005/gml/data" xmlns:expr="http://www.google.com/2005/gml/expr">
<head>
<meta content="width=1100" name="viewport"/>
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type"/>
<meta content="blogger" name="generator"/>
<title>Câu lạc bộ Thơ ca xã An Bình: %s</title>
<style id="page-skin-1" type="text/css"><!--
body { font: normal normal 14px Georgia, Utopia, 'Palatino Linotype', Palatino, serif; color: #333333; }
--></style>
</head>
<body class="loading">
<div class="navbar section" id="navbar"><div class="widget Navbar" data-version="1" id="Navbar1"><script type="text/javascript">function setAttributeOnload(object, attribute, val) {}</script><div id="navbar-iframe-container"></div></div></div>
<div class="body-fauxcolumns"><div class="fauxcolumn-outer body-fauxcolumn-outer"></div></div>
<div class="content"><div class="content-outer"><div class="content-inner">
<header><div class="header-outer"><div class="header section" id="header"><div class="widget Header" data-version="1" id="Header1"><div id="header-inner"><div class="titlewrapper"><h1 class="title"><a href="/">Câu lạc bộ Thơ ca xã An Bình</a></h1></div><div class="descriptionwrapper"><p class="description"><span>Nơi sinh hoạt của những người yêu thơ trong xã</span></p></div></div></div></div></div></header>
<div class="tabs-outer"><div class="tabs section" id="crosscol"><div class="widget PageList" data-version="1" id="PageList1"><div class="widget-content"><ul><li class="selected"><a href="/">Trang chủ</a></li><li><a href="/p/gioi-thieu.html">Giới thiệu</a></li></ul></div></div></div></div>
<div class="main-outer"><div class="columns fauxcolumns"><div class="columns-inner"><div class="column-center-outer"><div class="column-center-inner">
<div class="main section" id="main"><div class="widget Blog" data-version="1" id="Blog1"><div class="blog-posts hfeed">
%s
</div></div></div>
</div></div>
<div class="column-right-outer"><div class="column-right-inner"><aside><div class="sidebar section" id="sidebar-right-1"><div class="widget BlogArchive" data-version="1" id="BlogArchive1"><h2>Lưu trữ Blog</h2><div class="widget-content"><div id="ArchiveList"><ul class="hierarchy"><li class="archivedate expanded"><a class="post-count-link" href="/2024/">2024</a> <span class="post-count" dir="ltr">(14)</span></li><li class="archivedate collapsed"><a class="post-count-link" href="/2023/">2023</a> <span class="post-count" dir="ltr">(22)</span></li></ul></div></div></div>
<div class="widget Stats" data-version="1" id="Stats1"><h2>Tổng số lượt xem trang</h2><div class="widget-content"><div id="Stats1_content"><span class="counter-wrapper text-counter-wrapper" id="Stats1_totalCount">48.215</span></div></div></div></div></aside></div></div>
</div></div></div>
<footer><div class="footer-outer"><div class="footer-inner"><div class="foot section" id="footer-1"><div class="widget Attribution" data-version="1" id="Attribution1"><div class="widget-content" style="text-align: center;">Chủ đề Đơn giản. Được tạo bởi <a href="https://www.blogger.com" target="_blank">Blogger</a>.</div></div></div></div></div></footer>
</div></div></div>
</body>
</html>
`, esc(title), main)
}

func blogger() []File {
	const fam = "blogger"
	tho := &Story{
		Name:   "blogger-dem-tho-trung-thu",
		URL:    bgSite + "/2024/09/em-tho-chao-mung-tet-trung-thu.html",
		Title:  "Đêm thơ chào mừng Tết Trung thu cùng thiếu nhi thôn Bình Minh",
		Date:   "Thứ Năm, 19 tháng 9, 2024",
		Pub:    "2024-09-19T20:45:00+07:00",
		Author: "Phạm Văn Tường",
		Blocks: []Block{
			Div("Tối 17/9, tại nhà văn hóa thôn Bình Minh, Câu lạc bộ Thơ ca xã An Bình phối hợp với Chi đoàn thôn tổ chức đêm thơ chào mừng Tết Trung thu cho gần 150 cháu thiếu nhi và phụ huynh."),
			Div("Chương trình mở đầu bằng tiết mục ngâm bài thơ “Trăng ơi… từ đâu đến?” của nhà thơ Trần Đăng Khoa do các cháu lớp năm trình bày. Các hội viên cao tuổi kể cho các cháu nghe sự tích chú Cuội, chị Hằng và ý nghĩa của mâm cỗ Trung thu ngày xưa."),
			Div("Mười hai bài thơ do chính hội viên sáng tác về quê hương An Bình, về mùa lúa chín và tình cảm gia đình được giới thiệu trong đêm thơ. Nhiều phụ huynh cũng hào hứng đọc thơ cùng con."),
			Div("Kết thúc chương trình, Câu lạc bộ trao 40 suất quà gồm bánh nướng, bánh dẻo và sách thiếu nhi cho các cháu có hoàn cảnh khó khăn, học giỏi trong thôn."),
		},
	}
	post := func(s *Story, iso, label string, full bool) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<div class="date-outer"><h2 class="date-header"><span>%s</span></h2><div class="date-posts"><div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">`, esc(s.Date))
		if full {
			fmt.Fprintf(&b, `<a name="7348812091023455123"></a><h3 class="post-title entry-title" itemprop="name">%s</h3>`, esc(s.Title))
		} else {
			fmt.Fprintf(&b, `<a name="7348812091023455123"></a><h3 class="post-title entry-title" itemprop="name"><a href="%s">%s</a></h3>`, s.URL, esc(s.Title))
		}
		b.WriteString(`<div class="post-header"><div class="post-header-line-1"></div></div>`)
		if full {
			fmt.Fprintf(&b, "<div class=\"post-body entry-content\" id=\"post-body-7348812091023455123\" itemprop=\"description articleBody\">\n%s<div style=\"clear: both;\"></div></div>", s.Body())
		} else {
			fmt.Fprintf(&b, `<div class="post-body entry-content" itemprop="description articleBody">%s<div class="jump-link"><a href="%s#more" title="%s">Đọc thêm »</a></div><div style="clear: both;"></div></div>`, esc(clip(s.Blocks[0].Gold[0], 200)), s.URL, esc(s.Title))
		}
		fmt.Fprintf(&b, `<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Đăng bởi <span class="fn" itemprop="author" itemscope="itemscope" itemtype="http://schema.org/Person"><span itemprop="name">%s</span></span></span> <span class="post-timestamp">vào lúc <meta content="%s" itemprop="url"/><a class="timestamp-link" href="%s" rel="bookmark" title="permanent link"><abbr class="published" itemprop="datePublished" title="%s">20:45</abbr></a></span> <span class="post-comment-link"><a class="comment-link" href="%s#comment-form">Không có nhận xét nào:</a></span></div><div class="post-footer-line post-footer-line-2"><span class="post-labels">Nhãn: <a href="%s/search/label/%s" rel="tag">%s</a></span></div></div></div></div></div></div>`,
			esc(s.Author), s.URL, s.URL, iso, s.URL, bgSite, label, label)
		return b.String()
	}
	full := post(tho, "2024-09-19T20:45:00+07:00", "Hoạt động", true) +
		`<div class="comments" id="comments"><a name="comments"></a><h4>Không có nhận xét nào:</h4><div id="Blog1_comments-block-wrapper"><dl class="avatar-comment-indent" id="comments-block"></dl></div><p class="comment-footer"><a href="https://www.blogger.com/comment/fullpage/post/1" onclick="">Đăng nhận xét</a></p></div>` +
		`<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="/2024/10/hoi-thi-tho-thieu-nhi.html" title="Bài đăng Mới hơn">Bài đăng Mới hơn</a></span><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/2024/08/sinh-hoat-thang-8.html" title="Bài đăng Cũ hơn">Bài đăng Cũ hơn</a></span><a class="home-link" href="/">Trang chủ</a></div>`

	other1 := &Story{Title: "Hội thi đọc thơ thiếu nhi xã An Bình lần thứ nhất", URL: bgSite + "/2024/10/hoi-thi-tho-thieu-nhi.html", Date: "Thứ Bảy, 12 tháng 10, 2024", Author: "Phạm Văn Tường",
		Blocks: []Block{Div("Sáng 12/10, hơn 60 em học sinh tiểu học và trung học cơ sở tham gia hội thi đọc thơ thiếu nhi lần thứ nhất do Câu lạc bộ tổ chức.")}}
	label := post(other1, "2024-10-12T09:30:00+07:00", "Hoạt động", false) + post(tho, "2024-09-19T20:45:00+07:00", "Hoạt động", false) +
		`<div class="blog-pager" id="blog-pager"><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/search/label/Ho%E1%BA%A1t%20%C4%91%E1%BB%99ng?updated-max=2024-09-19T20:45:00%2B07:00&amp;max-results=20" title="Bài đăng Cũ hơn">Bài đăng Cũ hơn</a></span><a class="home-link" href="/">Trang chủ</a></div>`

	return []File{
		article(fam, tho, bgShell(tho.Title, full)),
		other(fam, "blogger-label", bgSite+"/search/label/Ho%E1%BA%A1t%20%C4%91%E1%BB%99ng", "Hoạt động", bgShell("Hoạt động", label)),
	}
}
