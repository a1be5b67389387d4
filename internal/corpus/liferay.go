package corpus

import (
	"fmt"
	"strings"
)

// Liferay 6.2 as the Hanoi and VNPT ePortal themes use it: an asset
// publisher portlet shows one web content article whose structure template
// puts the title, the "Ngày đăng … | Lượt xem" line, font-size tools and a
// "Các tin khác" list inside .journal-content-article, around the body.
// Ratings and bookmarks follow in their own taglib blocks.

const lrSite = "https://boson.example.gov.vn"

func init() { families = append(families, liferay) }

func lrShell(title, portletTitle, main, right string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN">
<head>
<title>%s - Cổng thông tin điện tử phường Bồ Sơn</title>
<meta content="initial-scale=1.0, width=device-width" name="viewport" />
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
<link href="/eportal-theme/images/favicon.ico" rel="Shortcut Icon" />
<link class="lfr-css-file" href="/eportal-theme/css/main.css?browserId=other&amp;themeId=eportal_WAR_eportaltheme" rel="stylesheet" type="text/css" />
<script type="text/javascript">var Liferay={Browser:{},ThemeDisplay:{getLanguageId:function(){return "vi_VN";}}};</script>
</head>
<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">
<a href="#main-content" id="skip-to-content">Bỏ qua nội dung</a>
<div class="container-fluid" id="wrapper">
<header id="banner" role="banner">
<div class="top-bar"><span class="today">Thứ Năm, ngày 22/10/2020</span><span class="font-tools"><a href="javascript:zoomOut()">A-</a> <a href="javascript:zoomReset()">A</a> <a href="javascript:zoomIn()">A+</a> | <a href="javascript:contrast(1)">Tăng tương phản</a> <a href="javascript:contrast(0)">Giảm tương phản</a></span></div>
<div id="heading"><h2 class="site-title"><a href="/web/guest" title="Đi tới Cổng thông tin điện tử phường Bồ Sơn"><img alt="" src="/eportal-theme/images/banner.png" /><span class="site-name">ỦY BAN NHÂN DÂN PHƯỜNG BỒ SƠN</span></a></h2></div>
<nav class="sort-pages modify-pages" id="navigation" role="navigation"><ul aria-label="Các trang" role="menubar">
<li class="selected"><a href="/web/guest/trang-chu"><span>Trang chủ</span></a></li><li><a href="/web/guest/gioi-thieu"><span>Giới thiệu</span></a></li><li><a href="/web/guest/tin-tuc"><span>Tin tức - Sự kiện</span></a></li><li><a href="/web/guest/van-ban"><span>Văn bản chỉ đạo điều hành</span></a></li><li><a href="/web/guest/lich-cong-tac"><span>Lịch công tác</span></a></li><li><a href="/web/guest/hoi-dap"><span>Hỏi đáp</span></a></li>
</ul></nav>
</header>
<div id="content">
<div class="portlet-layout row-fluid">
<div class="portlet-column portlet-column-first span8" id="column-1"><div class="portlet-dropzone portlet-column-content portlet-column-content-first" id="layout-column_column-1">
<div class="portlet-boundary portlet-boundary_101_ portlet-static portlet-static-end portlet-borderless portlet-asset-publisher" id="p_p_id_101_INSTANCE_Xk3pQr9LmT2a_">
<span id="p_101_INSTANCE_Xk3pQr9LmT2a"></span>
<section class="portlet" id="portlet_101_INSTANCE_Xk3pQr9LmT2a">
<header class="portlet-topper"><h1 class="portlet-title"><span class="portlet-title-text">%s</span></h1></header>
<div class="portlet-content"><div class="portlet-content-container"><div class="portlet-body">
%s
</div></div></div>
</section></div>
</div></div>
<div class="portlet-column portlet-column-last span4" id="column-2"><div class="portlet-dropzone portlet-column-content portlet-column-content-last" id="layout-column_column-2">
%s
<div class="portlet-boundary portlet-boundary_56_ portlet-static portlet-borderless portlet-journal-content" id="p_p_id_56_INSTANCE_album_"><section class="portlet"><header class="portlet-topper"><h2 class="portlet-title"><span class="portlet-title-text">Album Ảnh</span></h2></header><div class="portlet-content"><div class="journal-content-article"><p><a href="/web/guest/album"><img src="/documents/album1.jpg" alt="" /></a></p></div></div></section></div>
<div class="portlet-boundary portlet-boundary_56_ portlet-static portlet-borderless" id="p_p_id_56_INSTANCE_thongke_"><section class="portlet"><div class="portlet-content"><div class="visitor-counter"><h2>Thống kê truy cập</h2><ul><li>Đang truy cập: 31</li><li>Hôm nay : 14</li><li>Tháng này: 1.245</li><li>Tổng cộng: 405.118</li></ul></div></div></section></div>
</div></div>
</div>
</div>
<footer id="footer" role="contentinfo"><p class="powered-by">Bản quyền thuộc Ủy ban nhân dân phường Bồ Sơn. Địa chỉ: 3 Nguyễn Văn Cừ. Điện thoại: 024.3872.0000</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.</p></footer>
</div>
</body>
</html>
`, esc(title), esc(portletTitle), main, right)
}

const lrCategories = `<div class="portlet-boundary portlet-boundary_122_ portlet-static portlet-borderless portlet-categories-navigation" id="p_p_id_122_INSTANCE_cm_"><section class="portlet"><header class="portlet-topper"><h2 class="portlet-title"><span class="portlet-title-text">Các chuyên mục</span></h2></header><div class="portlet-content"><ul class="categories"><li><a href="/web/guest/tin-tuc/-/categories/101">Hoạt động các phường</a></li><li><a href="/web/guest/tin-tuc/-/categories/102">Tin tức - sự kiện tiêu biểu</a></li><li><a href="/web/guest/tin-tuc/-/categories/103">Thông báo</a></li></ul></div></section></div>`

// lrArticle renders a web content article through the ePortal "tin tức"
// structure template: title, date/view line, font tools and the body, then
// "Các tin khác" inside the same journal-content-article.
func lrArticle(s *Story, views string, others []string, lead bool) string {
	var b strings.Builder
	b.WriteString(`<div class="asset-full-content default-asset-publisher no-title"><div class="asset-content" id="_101_INSTANCE_Xk3pQr9LmT2a_2841077"><div class="journal-content-article">`)
	fmt.Fprintf(&b, `<div class="news-detail"><h3 class="title-news">%s</h3>`, esc(s.Title))
	fmt.Fprintf(&b, `<div class="date-view"><span class="assetPublishDate">%s</span>  | %s</div>`, esc(s.Date), esc(views))
	b.WriteString(`<div class="text-size"><a href="#" onclick="changeFont(-1)">A-</a> <a href="#" onclick="changeFont(0)">A</a> <a href="#" onclick="changeFont(1)">A+</a></div>`)
	if lead {
		fmt.Fprintf(&b, `<div class="sapo"><strong>%s</strong></div>`, esc(s.Lead))
	}
	fmt.Fprintf(&b, "<div class=\"content-news\">\n%s</div>\n", s.Body())
	if len(others) > 0 {
		b.WriteString(`<div class="list-other"><div class="title-other">Các tin khác</div><ul>`)
		for i, o := range others {
			fmt.Fprintf(&b, `<li><a href="/web/guest/tin-tuc/-/asset_publisher/Xk3pQr9LmT2a/content/tin-%d">%s</a></li>`, 2841000+i, esc(o))
		}
		b.WriteString(`</ul></div>`)
	}
	b.WriteString(`</div></div></div>`)
	b.WriteString(`<div class="asset-ratings"><div class="taglib-ratings stars"><div class="liferay-rating-vote"><div class="rating-label">Đánh giá bài viết</div><div class="rating-content">Trung bình (0 Bình chọn)</div></div></div></div>`)
	b.WriteString(`<div class="taglib-social-bookmarks"><ul class="lfr-component"><li><a href="https://www.facebook.com/sharer.php">Facebook</a></li><li><a href="javascript:print()">In bài viết</a></li><li><a href="mailto:?subject=">Gửi email</a></li></ul></div>`)
	b.WriteString(`<div class="taglib-discussion"><h4>Bình luận</h4><form><textarea name="body"></textarea><input type="submit" value="Gửi bình luận" /></form></div>`)
	b.WriteString(`</div>`)
	return lrShell(s.Title, "Hoạt động các phường", b.String(), lrCategories)
}

var lrOthers = []string{
	"Phường Bồ Sơn tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2020 tại 12 khu dân cư",
	"Hội Cựu chiến binh phường Bồ Sơn tổng kết phong trào “Cựu chiến binh gương mẫu”",
	"Phường Bồ Sơn ra quân giải tỏa lấn chiếm vỉa hè trên tuyến phố Nguyễn Văn Cừ",
}

func liferay() []File {
	const fam = "liferay"
	dv := &Story{
		Name:  "liferay-dan-van-kheo",
		URL:   lrSite + "/web/guest/tin-tuc/-/asset_publisher/Xk3pQr9LmT2a/content/ang-uy-phuong-bo-son-tong-ket-phong-trao-thi-ua-dan-van-kheo-nam-2020",
		Title: "Đảng ủy phường Bồ Sơn tổng kết phong trào thi đua “Dân vận khéo” năm 2020",
		Date:  "Ngày đăng 14/10/2020 | 15:25",
		Pub:   "2020-10-14T15:25:00+07:00",
		Blocks: []Block{
			PJ("Thiết thực kỷ niệm 90 năm Ngày truyền thống công tác Dân vận của Đảng, sáng ngày 13/10/2020, tại Trung tâm Văn hóa - Thể thao phường, Đảng ủy phường Bồ Sơn tổ chức hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2020."),
			PJ("Dự hội nghị có đồng chí Đỗ Ngọc Lâm, Bí thư Đảng ủy, Chủ tịch HĐND phường; đồng chí Vũ Thị Hạnh, Phó Bí thư thường trực Đảng ủy; đồng chí Ngô Văn Tú, Phó Bí thư Đảng ủy, Chủ tịch UBND phường cùng các đồng chí trong Ban Chấp hành Đảng bộ, bí thư các chi bộ và trưởng ban công tác Mặt trận 12 khu dân cư."),
			Chrome(`<p>&nbsp;</p>`),
			Caption("/documents/20182/2841077/dan-van-kheo-1.jpg", "Đồng chí Bí thư Đảng ủy phường trao giấy khen cho các tập thể có thành tích xuất sắc."),
			PJ("Báo cáo tại hội nghị cho biết, năm 2020 các chi bộ, đoàn thể đã đăng ký và thực hiện 31 mô hình “Dân vận khéo”, trong đó nổi bật là mô hình “Ngõ phố không rác thải nhựa” ở khu dân cư số 4 và mô hình “Tủ sách dùng chung” ở khu dân cư số 9."),
			PJ("Công tác dân vận chính quyền có nhiều chuyển biến: bộ phận một cửa phường tiếp nhận và giải quyết đúng hạn 100% hồ sơ thủ tục hành chính, không để xảy ra khiếu kiện đông người, vượt cấp."),
			PJ("Dịp này, Đảng ủy phường đã khen thưởng 8 tập thể và 19 cá nhân có thành tích tiêu biểu trong phong trào thi đua “Dân vận khéo” năm 2020."),
		},
	}
	th := &Story{
		Name:  "liferay-so-ket-dan-van-chinh-quyen",
		URL:   lrSite + "/web/guest/tin-tuc/-/asset_publisher/Xk3pQr9LmT2a/content/so-ket-cong-tac-dan-van-chinh-quyen-6-thang-au-nam-2020",
		Title: "Sơ kết công tác Dân vận và Dân vận chính quyền 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2020",
		Date:  "Ngày đăng 03/07/2020 | 09:58",
		Pub:   "2020-07-03T09:58:00+07:00",
		Lead:  "Sáng ngày 02/7/2020, Ban Chỉ đạo Quy chế dân chủ ở cơ sở phường Bồ Sơn tổ chức hội nghị sơ kết công tác Dân vận và Dân vận chính quyền 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2020.",
		Blocks: []Block{
			PJ("Trong 6 tháng đầu năm, công tác dân vận được triển khai gắn với nhiệm vụ phòng, chống dịch Covid-19. Các đoàn thể đã vận động nhân dân ủng hộ quỹ phòng, chống dịch hơn 240 triệu đồng cùng nhiều nhu yếu phẩm."),
			PJ("Việc thực hiện Quy chế dân chủ ở cơ sở tiếp tục được quan tâm. UBND phường tổ chức 2 buổi đối thoại với nhân dân về chỉnh trang đô thị và cấp giấy chứng nhận quyền sử dụng đất; các kiến nghị đều được trả lời công khai."),
			PJ("Nhiệm vụ 6 tháng cuối năm, Ban Chỉ đạo đề nghị các thành viên nâng cao chất lượng tiếp công dân, đẩy mạnh cải cách hành chính và chuẩn bị tốt Ngày hội Đại đoàn kết toàn dân tộc tại các khu dân cư."),
		},
	}
	lct := &Story{
		Name:  "liferay-lich-cong-tac-tuan",
		URL:   lrSite + "/web/guest/lich-cong-tac/-/asset_publisher/Lc7uAn2Wq8Zt/content/lich-cong-tac-tuan-42-nam-2020",
		Title: "Lịch công tác tuần 42 năm 2020 của Thường trực Đảng ủy, HĐND, UBND phường",
		Date:  "Ngày đăng 11/10/2020 | 17:02",
		Pub:   "2020-10-11T17:02:00+07:00",
		Blocks: []Block{
			Table("MsoTableGrid",
				[]string{"Thứ, ngày", "Thời gian", "Nội dung công việc", "Chủ trì", "Địa điểm"},
				[]string{"Thứ Hai 12/10", "08h00", "Giao ban Thường trực Đảng ủy, HĐND, UBND phường", "Bí thư Đảng ủy", "Phòng họp tầng 2"},
				[]string{"Thứ Ba 13/10", "08h00", "Hội nghị tổng kết phong trào thi đua Dân vận khéo năm 2020", "Bí thư Đảng ủy", "Trung tâm Văn hóa - Thể thao"},
				[]string{"Thứ Tư 14/10", "14h00", "Kiểm tra công tác vệ sinh an toàn thực phẩm tại các bếp ăn tập thể", "Phó Chủ tịch UBND", "Các trường mầm non"},
				[]string{"Thứ Năm 15/10", "08h00", "Tiếp công dân định kỳ", "Chủ tịch UBND phường", "Phòng tiếp công dân"},
				[]string{"Thứ Sáu 16/10", "15h00", "Họp Ban Chỉ đạo phòng, chống dịch Covid-19", "Chủ tịch UBND phường", "Phòng họp tầng 2"},
			),
			P("Lịch công tác có thể thay đổi, Văn phòng HĐND - UBND phường sẽ thông báo cụ thể."),
		},
	}
	nuoc := &Story{
		Name:  "liferay-thong-bao-tam-ngung-cap-nuoc",
		URL:   lrSite + "/web/guest/thong-bao/-/asset_publisher/Tb2kLm8Np4Qs/content/thong-bao-tam-ngung-cap-nuoc-ngay-24-10-2020",
		Title: "Thông báo tạm ngừng cấp nước ngày 24/10/2020",
		Date:  "Ngày đăng 21/10/2020 | 10:15",
		Pub:   "2020-10-21T10:15:00+07:00",
		Blocks: []Block{
			P("Công ty Nước sạch số 2 thông báo tạm ngừng cấp nước để đấu nối tuyến ống mới."),
			P("Thời gian: từ 8 giờ đến 17 giờ ngày thứ Bảy, 24/10/2020."),
			P("Khu vực ảnh hưởng: khu dân cư số 3, số 4 và số 7 phường Bồ Sơn."),
			P("Đề nghị các hộ dân chủ động dự trữ nước trong thời gian trên."),
			P("Đường dây nóng: 024.3872.5555."),
		},
	}

	var list strings.Builder
	list.WriteString(`<div class="asset-publisher-list">`)
	abstracts := [][3]string{
		{lrOthers[0], "18/10/2020 08:40", "Ngày hội năm nay được tổ chức tại cả 12 khu dân cư với nhiều hoạt động văn hóa, thể thao sôi nổi."},
		{dv.Title, "14/10/2020 15:25", "Năm 2020, các chi bộ, đoàn thể đã thực hiện 31 mô hình “Dân vận khéo”."},
		{lrOthers[1], "09/10/2020 16:00", "Hội nghị biểu dương 24 hội viên tiêu biểu trong phong trào."},
		{lrOthers[2], "05/10/2020 07:30", "Lực lượng chức năng đã lập biên bản 17 trường hợp vi phạm."},
	}
	for i, a := range abstracts {
		fmt.Fprintf(&list, `<div class="asset-abstract"><div class="asset-small-image"><img src="/documents/thumb%d.jpg" alt="" /></div><h3 class="asset-title"><a href="/web/guest/tin-tuc/-/asset_publisher/Xk3pQr9LmT2a/content/tin-%d">%s</a></h3><div class="asset-metadata"><span class="metadata-entry metadata-publish-date">%s</span><span class="metadata-entry metadata-view-count">%d Lượt xem</span></div><div class="asset-summary">%s</div><div class="asset-more"><a href="/web/guest/tin-tuc/-/asset_publisher/Xk3pQr9LmT2a/content/tin-%d">Xem tiếp »</a></div></div>`,
			i, 2841100+i, esc(a[0]), a[1], 90+i*13, esc(a[2]), 2841100+i)
	}
	list.WriteString(`<div class="taglib-page-iterator"><div class="lfr-pagination"><div class="lfr-pagination-config">Trang 1 / 9</div><ul class="lfr-pagination-buttons pager"><li class="disabled"><a href="javascript:;">Đầu</a></li><li><a href="?_101_INSTANCE_Xk3pQr9LmT2a_cur=2">Tiếp theo</a></li></ul></div></div></div>`)

	var cal strings.Builder
	cal.WriteString(`<div class="calendar-news"><div class="calendar-picker"><table class="calendar-table"><caption>Tháng 10 năm 2020</caption><tr><th>T2</th><th>T3</th><th>T4</th><th>T5</th><th>T6</th><th>T7</th><th>CN</th></tr>`)
	day := 1
	for w := 0; w < 5; w++ {
		cal.WriteString("<tr>")
		for d := 0; d < 7; d++ {
			if (w == 0 && d < 3) || day > 31 {
				cal.WriteString("<td></td>")
				continue
			}
			fmt.Fprintf(&cal, `<td><a href="/web/guest/lich-cong-tac?ngay=%02d-10-2020">%d</a></td>`, day, day)
			day++
		}
		cal.WriteString("</tr>")
	}
	cal.WriteString(`</table><div class="choose-date">Chọn ngày: <input type="text" value="14/10/2020" /> <button>Xem</button></div></div>`)
	cal.WriteString(`<h2 class="calendar-day-title">Lịch công tác ngày 14/10/2020</h2><div class="calendar-events">`)
	events := [][2]string{
		{"08h00", "Giao ban công tác cải cách hành chính quý IV"},
		{"14h00", "Kiểm tra công tác vệ sinh an toàn thực phẩm tại các bếp ăn tập thể"},
		{"16h30", "Họp Ban Chỉ đạo Ngày hội Đại đoàn kết toàn dân tộc"},
	}
	for i, e := range events {
		fmt.Fprintf(&cal, `<div class="calendar-event"><span class="event-time">%s</span> <a href="/web/guest/lich-cong-tac/-/event/%d">%s</a></div>`, e[0], 77100+i, esc(e[1]))
	}
	cal.WriteString(`</div></div>`)

	return []File{
		article(fam, dv, lrArticle(dv, "Lượt xem: 174", lrOthers, false)),
		article(fam, th, lrArticle(th, "View count: 528", lrOthers, true)),
		article(fam, lct, lrArticle(lct, "Lượt xem: 61", nil, false)),
		article(fam, nuoc, lrArticle(nuoc, "Lượt xem: 1.203", lrOthers[:2], false)),
		other(fam, "liferay-asset-publisher-listing", lrSite+"/web/guest/tin-tuc", "Tin tức - Sự kiện", lrShell("Tin tức - Sự kiện", "Hoạt động các phường", list.String(), lrCategories)),
		other(fam, "liferay-calendar", lrSite+"/web/guest/lich-cong-tac?ngay=14-10-2020", "Lịch công tác", lrShell("Lịch công tác", "Lịch công tác", cal.String(), lrCategories)),
	}
}
