package corpus

import (
	"fmt"
	"strings"
)

// SharePoint 2010/2013 publishing sites as older district portals run them:
// the whole page sits inside <form id="aspnetForm">, the header shows
// today's date ("Hà Nội, ngày 22-10-2020"), and the body is a rich HTML
// field (.ms-rtestate-field) or #divArticleContent, after a date line with a
// comment count ("15/10/2020 12:12 | 0").

const spSite = "https://dongda.example.gov.vn"

func init() { families = append(families, sharepoint) }

func spShell(title, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="vi-VN">
<head><meta http-equiv="X-UA-Compatible" content="IE=10" /><meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<title>
	%s
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/1066/styles/Themable/corev4.css?rev=..." />
<script type="text/javascript">var _fV4UI = true; var L_Menu_BaseUrl="";</script>
</head>
<body scroll="no" onload="if (typeof(_spBodyOnLoadWrapper) != 'undefined') _spBodyOnLoadWrapper();" class="v4master">
<form name="aspnetForm" method="post" action="./Pages/chitiet.aspx" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAg" /></div>
<div id="s4-ribbonrow" class="s4-pr s4-ribbonrowhidetitle"></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header-top"><div class="header-date">Hà Nội, ngày 22-10-2020</div><div class="header-links"><a href="/Pages/sitemap.aspx">Sơ đồ cổng</a> | <a href="/Pages/lienhe.aspx">Liên hệ</a></div></div>
<div class="header-banner"><img src="/PublishingImages/banner.jpg" alt="Cổng giao tiếp điện tử quận Đống Đa" /></div>
<div class="top-menu"><ul><li><a href="/Pages/default.aspx">Trang chủ</a></li><li><a href="/gioithieu/Pages/default.aspx">Giới thiệu</a></li><li><a href="/tintuc/Pages/default.aspx">Tin tức sự kiện</a></li><li><a href="/vanban/Pages/default.aspx">Văn bản</a></li><li><a href="/dvc/Pages/default.aspx">Dịch vụ công</a></li></ul></div>
<div class="main-area"><table class="main-layout" cellpadding="0" cellspacing="0" width="100%%"><tr>
<td class="left-zone" valign="top" width="230"><div class="left-menu"><h3>Chuyên mục</h3><ul><li><a href="/tintuc/hoatdong/Pages/default.aspx">Hoạt động của quận</a></li><li><a href="/tintuc/phuong/Pages/default.aspx">Tin phường</a></li><li><a href="/thongbao/Pages/default.aspx">Thông báo</a></li><li><a href="/lichcongtac/Pages/default.aspx">Lịch công tác</a></li></ul></div></td>
<td class="center-zone" valign="top"><div id="MSO_ContentTable">
%s
</div></td>
<td class="right-zone" valign="top" width="250"><div class="ms-webpart-zone"><div class="ms-webpart-chrome"><h3 class="ms-webpart-titleText">Liên kết website</h3><select onchange="window.open(this.value)"><option>-- Chọn website --</option><option value="http://hanoi.gov.vn">Cổng thông tin Hà Nội</option></select></div><div class="ms-webpart-chrome thongke"><h3 class="ms-webpart-titleText">Thống kê truy cập</h3><p>Hôm nay : 1.024</p><p>Tổng số lượt truy cập: 2.150.331</p></div></div></td>
</tr></table></div>
<div class="footer"><p>CỔNG GIAO TIẾP ĐIỆN TỬ QUẬN ĐỐNG ĐA</p><p>Cơ quan chủ quản: Ủy ban nhân dân quận Đống Đa. Địa chỉ: 25 Tôn Đức Thắng, Đống Đa, Hà Nội.</p></div>
</div></div>
<script type="text/javascript">//<![CDATA[
var _spFormDigestRefreshInterval = 1440000;//]]></script>
</form>
</body>
</html>
`, esc(title), main)
}

// spArticle: the news page layout with its rich HTML field.
func spArticle(s *Story, bodyID string, pageImage bool) string {
	var b strings.Builder
	b.WriteString(`<div class="news-detail">`)
	fmt.Fprintf(&b, `<div class="news-cat"><a href="/tintuc/hoatdong/Pages/default.aspx">Hoạt động của quận</a></div><h1 class="news-title">%s</h1>`, esc(s.Title))
	fmt.Fprintf(&b, `<div class="news-date">%s | <span class="comment-count">0</span></div>`, esc(s.Date))
	if s.Lead != "" {
		fmt.Fprintf(&b, `<div class="news-sapo"><b>%s</b></div>`, esc(s.Lead))
	}
	if pageImage {
		b.WriteString(`<div class="news-image"><img src="/PublishingImages/2020/10/anh-dai-dien.jpg" alt="" /></div>`)
	}
	if bodyID == "divArticleContent" {
		fmt.Fprintf(&b, "<div id=\"divArticleContent\">\n%s</div>", s.Body())
	} else {
		fmt.Fprintf(&b, "<div id=\"ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField\" class=\"ms-rtestate-field\" style=\"display:inline\" aria-labelledby=\"ctl00_PlaceHolderMain_ctl01_label\">\n%s</div>", s.Body())
	}
	if s.Author != "" {
		fmt.Fprintf(&b, `<div class="news-author" style="text-align:right"><b>%s</b></div>`, esc(s.Author))
	}
	b.WriteString(`<div class="news-tools"><a href="javascript:window.print()">In trang</a> | <a href="javascript:sendMail()">Gửi email</a> | <a href="javascript:history.back()">Quay lại</a></div>`)
	b.WriteString(`<div class="news-other"><h3>Các tin đã đưa</h3><ul><li><a href="/tintuc/hoatdong/Pages/ct-1.aspx">Quận Đống Đa ra mắt mô hình “Phố đi bộ văn minh”</a> (12/10/2020)</li><li><a href="/tintuc/hoatdong/Pages/ct-2.aspx">Hội nghị đối thoại giữa Chủ tịch UBND quận với nhân dân phường Láng Hạ</a> (08/10/2020)</li><li><a href="/tintuc/hoatdong/Pages/ct-3.aspx">Quận Đống Đa tổng kết công tác phòng, chống thiên tai năm 2020</a> (02/10/2020)</li></ul></div>`)
	b.WriteString(`</div>`)
	return spShell(s.Title, b.String())
}

func sharepoint() []File {
	const fam = "sharepoint"
	qu := &Story{
		Name:  "sharepoint-quan-uy-ky-niem-dan-van",
		URL:   spSite + "/tintuc/hoatdong/Pages/quan-uy-dong-da-ky-niem-90-nam-ngay-truyen-thong-nganh-dan-van.aspx",
		Title: "Quận ủy Đống Đa tổ chức kỷ niệm 90 năm Ngày truyền thống ngành Dân vận",
		Date:  "15/10/2020 12:12",
		Pub:   "2020-10-15T12:12:00+07:00",
		Blocks: []Block{
			PJ("(NSHN) - Ngày 15-10, Quận ủy Đống Đa tổ chức lễ kỷ niệm 90 năm Ngày truyền thống ngành Dân vận của Đảng (15/10/1930 - 15/10/2020) và sơ kết 5 năm thực hiện Kết luận số 114-KL/TƯ của Ban Bí thư về nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp."),
			Figure("/PublishingImages/2020/10/dan-van-1.jpg", "Lãnh đạo Quận ủy Đống Đa trao Giấy khen cho các tập thể có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”."),
			PJ("Tại lễ kỷ niệm, các đại biểu đã ôn lại truyền thống vẻ vang của công tác dân vận trong 90 năm qua. Qua các giai đoạn cách mạng, ngành Dân vận của quận đã góp phần củng cố mối quan hệ gắn bó giữa Đảng với nhân dân, tạo sự đồng thuận cao trong xã hội."),
			PJ("Trong 5 năm qua, Quận ủy đã tổ chức 20 đoàn kiểm tra việc thực hiện Kết luận số 114-KL/TƯ tại 35 đơn vị. Các phường đã tổ chức hơn 400 hội nghị đối thoại, tiếp xúc với nhân dân; nhiều vụ việc tồn đọng kéo dài được giải quyết dứt điểm."),
			PJ("Dịp này, Ban Thường vụ Quận ủy tặng Giấy khen cho 18 tập thể và 27 cá nhân có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2020."),
		},
	}
	kh := &Story{
		Name:  "sharepoint-ke-hoach-chuyen-doi-so",
		URL:   spSite + "/tintuc/hoatdong/Pages/trien-khai-ke-hoach-chuyen-doi-so-nam-2021.aspx",
		Title: "Quận Đống Đa triển khai kế hoạch chuyển đổi số năm 2021",
		Date:  "15/01/2021 16:30",
		Pub:   "2021-01-15T16:30:00+07:00",
		Lead:  "Chiều 14/1, UBND quận Đống Đa tổ chức hội nghị triển khai kế hoạch chuyển đổi số năm 2021 với sự tham dự của lãnh đạo 21 phường.",
		Blocks: []Block{
			PJ("Theo kế hoạch, năm 2021 quận tập trung vào ba nhóm nhiệm vụ: hoàn thiện hạ tầng số, phát triển dịch vụ công trực tuyến mức độ 3, 4 và nâng cao kỹ năng số cho cán bộ, công chức."),
			Table("ms-rteTable-default",
				[]string{"Chỉ tiêu", "Năm 2020", "Mục tiêu 2021"},
				[]string{"Hồ sơ nộp trực tuyến", "38%", "60%"},
				[]string{"Văn bản điện tử có chữ ký số", "72%", "95%"},
				[]string{"Phường có bộ phận một cửa điện tử", "21/21", "21/21"},
			),
			PJ("Chủ tịch UBND quận yêu cầu các phường rà soát hạ tầng, bố trí cán bộ chuyên trách và báo cáo kết quả thực hiện hằng tháng."),
		},
	}
	td := &Story{
		Name:  "sharepoint-thong-bao-tuyen-dung",
		URL:   spSite + "/thongbao/Pages/thong-bao-tuyen-dung-vien-chuc-nam-2020.aspx",
		Title: "Thông báo tuyển dụng viên chức năm 2020",
		Date:  "02/11/2020 09:00",
		Pub:   "2020-11-02T09:00:00+07:00",
		Blocks: []Block{
			P("UBND quận Đống Đa thông báo tuyển dụng viên chức làm việc tại các trường mầm non công lập năm 2020."),
			P("Số lượng cần tuyển: 24 chỉ tiêu giáo viên mầm non hạng IV."),
			P("Thời gian nhận hồ sơ: từ ngày 02/11/2020 đến ngày 01/12/2020."),
			P("Địa điểm: Phòng Nội vụ quận, 25 Tôn Đức Thắng."),
			Attach("Chi tiết xem tại:", "Thông báo số 1520/TB-UBND ngày 30/10/2020", "/thongbao/Documents/TB1520.pdf"),
		},
	}

	var org strings.Builder
	org.WriteString(`<div class="org-page"><h1 class="news-title">Cơ cấu tổ chức</h1><div class="ms-rtestate-field"><p><strong>THƯỜNG TRỰC ỦY BAN NHÂN DÂN QUẬN</strong></p><table class="ms-rteTable-default" width="100%"><tbody>`)
	people := [][3]string{
		{"Ông Lê Tuấn Định", "Chủ tịch UBND quận", "024.3851.0001"},
		{"Bà Nguyễn Thị Lan", "Phó Chủ tịch UBND quận", "024.3851.0002"},
		{"Ông Trịnh Văn Nam", "Phó Chủ tịch UBND quận", "024.3851.0003"},
		{"Ông Phạm Quang Huy", "Phó Chủ tịch UBND quận", "024.3851.0004"},
	}
	org.WriteString(`<tr><td><strong>Họ và tên</strong></td><td><strong>Chức vụ</strong></td><td><strong>Điện thoại</strong></td></tr>`)
	for _, p := range people {
		fmt.Fprintf(&org, `<tr><td>%s</td><td>%s</td><td>%s</td></tr>`, esc(p[0]), esc(p[1]), p[2])
	}
	org.WriteString(`</tbody></table><p><strong>CÁC PHÒNG, BAN CHUYÊN MÔN</strong></p><ul><li>Văn phòng HĐND và UBND quận</li><li>Phòng Nội vụ</li><li>Phòng Tư pháp</li><li>Phòng Tài chính - Kế hoạch</li><li>Phòng Tài nguyên và Môi trường</li><li>Phòng Quản lý đô thị</li><li>Phòng Văn hóa và Thông tin</li><li>Phòng Giáo dục và Đào tạo</li><li>Phòng Y tế</li><li>Thanh tra quận</li></ul><p>Các phòng chuyên môn thực hiện chức năng tham mưu, giúp UBND quận quản lý nhà nước về ngành, lĩnh vực ở địa phương theo quy định của pháp luật.</p></div></div>`)

	var home strings.Builder
	home.WriteString(`<div class="home-page"><div class="hot-news"><h2><a href="/tintuc/hoatdong/Pages/quan-uy-dong-da-ky-niem-90-nam-ngay-truyen-thong-nganh-dan-van.aspx">Quận ủy Đống Đa tổ chức kỷ niệm 90 năm Ngày truyền thống ngành Dân vận</a></h2><p>Ngày 15-10, Quận ủy Đống Đa tổ chức lễ kỷ niệm 90 năm Ngày truyền thống ngành Dân vận của Đảng.</p></div><div class="news-list"><h3>Tin tức sự kiện</h3><ul>`)
	for i, t := range []string{"Quận Đống Đa triển khai kế hoạch chuyển đổi số năm 2021", "Quận Đống Đa ra mắt mô hình “Phố đi bộ văn minh”", "Hội nghị đối thoại giữa Chủ tịch UBND quận với nhân dân phường Láng Hạ", "Quận Đống Đa tổng kết công tác phòng, chống thiên tai năm 2020"} {
		fmt.Fprintf(&home, `<li><a href="/tintuc/hoatdong/Pages/ct-%d.aspx">%s</a> <span class="date">(1%d/10/2020)</span></li>`, i, esc(t), i)
	}
	home.WriteString(`</ul></div><div class="notice-list"><h3>Thông báo</h3><ul><li><a href="/thongbao/Pages/thong-bao-tuyen-dung-vien-chuc-nam-2020.aspx">Thông báo tuyển dụng viên chức năm 2020</a></li><li><a href="/thongbao/Pages/lich-tiep-dan.aspx">Lịch tiếp công dân của lãnh đạo quận tháng 11/2020</a></li></ul></div></div>`)

	return []File{
		article(fam, qu, spArticle(qu, "rte", true)),
		article(fam, kh, spArticle(kh, "divArticleContent", false)),
		article(fam, td, spArticle(td, "rte", false)),
		other(fam, "sharepoint-co-cau-to-chuc", spSite+"/gioithieu/Pages/co-cau-to-chuc.aspx", "Cơ cấu tổ chức", spShell("Cơ cấu tổ chức", org.String())),
		other(fam, "sharepoint-home", spSite+"/Pages/default.aspx", "Cổng giao tiếp điện tử quận Đống Đa", spShell("Cổng giao tiếp điện tử quận Đống Đa", home.String())),
	}
}
