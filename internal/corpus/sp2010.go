package corpus

import (
	"fmt"
	"strings"
)

// SharePoint 2010 (v4.master) as many district and provincial portals of
// the early 2010s ran it: <html lang="en-us">, a <title> and title-area
// <h2> that say "Home" on every page, a layout table, the category in
// td.FolderTitle, the date in td.Time with day, month and year separated by
// spaces, the headline in p.Title, the body in a rich-text
// div.ExternalClass<GUID>, and the older items under "TIN ĐÃ ĐƯA".

const s10Site = "http://thanhtri.example.gov.vn"

func init() { families = append(families, sp2010) }

func s10Shell(main string) string {
	return fmt.Sprintf(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="en-US">
<head><meta name="GENERATOR" content="Microsoft SharePoint" /><meta name="progid" content="SharePoint.WebPartPage.Document" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" /><meta http-equiv="X-UA-Compatible" content="IE=8" />
<title>
	Home
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/1033/styles/Themable/corev4.css?rev=p63%%2BuzFTs%%2BhWVU%%2FOiWVxpg%%3D%%3D"/>
<script type="text/javascript">var _fV4UI = true;</script>
<script type="text/javascript" src="/_layouts/1033/init.js?rev=BJDmyeIy8%%2FSUCWmJlHfLHw%%3D%%3D"></script>
</head>
<body scroll="no" onload="javascript:_spBodyOnLoadWrapper();" class="v4master">
<form name="aspnetForm" method="post" action="/Pages/Home.aspx" onsubmit="javascript:return WebForm_OnSubmit();" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAgIGD2QWAmYPZBYCAgEPFgIeE1ByZXZpb3VzQ29udHJvbE1vZGULKYgBTWljcm9zb2Z0" /></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="s4-titlerow" class="s4-pr s4-notdlg s4-titlerowhidetitle"><div class="s4-title s4-lp"><div class="s4-title-inner"><table class="s4-titletable" cellspacing="0"><tbody><tr>
<td class="s4-titlelogo"><a href="/"><img src="/_layouts/images/siteIcon.png" alt="Cổng thông tin điện tử huyện Thanh Trì" /></a></td>
<td class="s4-titletext"><h1 name="onetidProjectPropertyTitle"><a href="/">Cổng thông tin điện tử huyện Thanh Trì</a></h1><span id="onetidPageTitleSeparator" class="s4-nothome s4-bcsep s4-titlesep"><span><img src="/_layouts/images/fgimg.png" alt="&gt;" /></span></span><h2><span><a href="/Pages/Home.aspx">Home</a></span></h2></td>
</tr></tbody></table></div></div></div>
<table class="banner" width="100%%" cellpadding="0" cellspacing="0"><tr><td><img src="/Style Library/Images/banner.jpg" width="1000" height="160" alt="" /></td></tr>
<tr><td class="topmenu"><a href="/">Trang chủ</a> | <a href="/gioithieu/Pages/default.aspx">Giới thiệu</a> | <a href="/tintuc/Pages/default.aspx">Tin tức - Sự kiện</a> | <a href="/vanban/Pages/default.aspx">Văn bản</a> | <a href="/lienhe/Pages/default.aspx">Liên hệ</a></td></tr></table>
<table width="100%%" cellpadding="0" cellspacing="0" class="layout"><tr>
<td valign="top" width="200" class="leftcol"><div class="box"><div class="boxtitle">DANH MỤC</div><ul class="leftmenu"><li><a href="/tintuc/Pages/default.aspx">Tin tức - Sự kiện</a></li><li><a href="/tintuc/Pages/kinhte.aspx">Kinh tế</a></li><li><a href="/tintuc/Pages/vanhoa.aspx">Văn hóa - Xã hội</a></li><li><a href="/tintuc/Pages/anninh.aspx">An ninh - Quốc phòng</a></li></ul></div></td>
<td valign="top" class="centercol">
%s
</td>
<td valign="top" width="220" class="rightcol"><div class="box"><div class="boxtitle">LIÊN KẾT WEBSITE</div><select onchange="window.open(this.value)"><option>-- Chọn liên kết --</option><option value="http://hanoi.gov.vn">Cổng TTĐT Hà Nội</option></select></div>
<div class="box"><div class="boxtitle">THỐNG KÊ TRUY CẬP</div><div>Đang truy cập: 37</div><div>Tổng lượt truy cập: 2.480.115</div></div></td>
</tr></table>
<table width="100%%" class="footer"><tr><td align="center">Cơ quan chủ quản: UBND huyện Thanh Trì - Địa chỉ: 375 Ngọc Hồi, Thanh Trì, Hà Nội<br />Điện thoại: 024.3861.1111 - Email: ubnd_thanhtri@example.gov.vn</td></tr></table>
</div></div>
</form>
</body>
</html>
`, main)
}

// s10Detail is the news detail web part.
func s10Detail(s *Story, folder string, older []string) string {
	var b strings.Builder
	b.WriteString(`<div id="MSOZoneCell_WebPartWPQ2" class="s4-wpcell-plain"><div class="ms-WPBody" id="WebPartWPQ2"><table class="NewsDetail" width="100%" cellpadding="0" cellspacing="0">`)
	fmt.Fprintf(&b, `<tr><td class="FolderTitle">%s</td></tr><tr><td class="Time">%s</td></tr>`, esc(folder), esc(s.Date))
	fmt.Fprintf(&b, `<tr><td><p class="Title">%s</p><div class="ExternalClassB3F5C2A1D7E84F0A9C6E2D1B4A8F7E90">%s</div></td></tr></table>`, esc(s.Title), s.Body())
	b.WriteString(`<div class="OtherNews"><p class="OtherTitle">TIN ĐÃ ĐƯA</p><ul>`)
	for i, o := range older {
		fmt.Fprintf(&b, `<li><a href="/tintuc/Pages/Tin-%d.aspx">%s</a> <span class="OtherDate">(0%d/08/2019)</span></li>`, 340-i, esc(o), 5-i)
	}
	b.WriteString(`</ul></div></div></div>`)
	return s10Shell(b.String())
}

func sp2010() []File {
	const fam = "sp2010"
	ng := &Story{
		Name:  "sp2010-nghiem-thu-duong-lien-xa",
		URL:   s10Site + "/tintuc/Pages/Nghiem-thu-tuyen-duong-lien-xa-Tam-Hiep-Ta-Thanh-Oai.aspx",
		Title: "Nghiệm thu, đưa vào sử dụng tuyến đường liên xã Tam Hiệp – Tả Thanh Oai",
		Date:  "thứ ba, 06 08 2019 14:41",
		Pub:   "2019-08-06T14:41:00+07:00",
		Blocks: []Block{
			Div("Chiều ngày 05/8/2019, UBND huyện Thanh Trì tổ chức nghiệm thu và bàn giao đưa vào sử dụng tuyến đường liên xã Tam Hiệp – Tả Thanh Oai sau hơn 10 tháng thi công."),
			Div("Tuyến đường dài 2,8 km, mặt đường rộng 7,5 m, hai bên có vỉa hè và hệ thống thoát nước dọc, chiếu sáng công cộng. Tổng mức đầu tư của dự án là 86 tỷ đồng từ nguồn ngân sách thành phố và ngân sách huyện."),
			Div("Để có mặt bằng thi công, 214 hộ dân của hai xã đã bàn giao đất đúng tiến độ; nhiều hộ tự nguyện hiến đất và tháo dỡ công trình phụ không yêu cầu bồi thường."),
			Div("Phát biểu tại buổi lễ, đồng chí Phó Chủ tịch UBND huyện yêu cầu đơn vị quản lý vận hành thực hiện đúng quy trình bảo trì, UBND hai xã tăng cường kiểm tra, xử lý các trường hợp lấn chiếm vỉa hè, đổ trộm phế thải trên tuyến."),
			Div("Tuyến đường đi vào hoạt động góp phần kết nối giao thông giữa quốc lộ 1A và đường vành đai 3, giảm ùn tắc cho khu vực phía Nam thành phố."),
		},
	}
	ts := &Story{
		Name:  "sp2010-tuyen-sinh-lop-1",
		URL:   s10Site + "/tintuc/Pages/Huong-dan-tuyen-sinh-vao-lop-1-nam-hoc-2019-2020.aspx",
		Title: "Hướng dẫn tuyển sinh vào lớp 1 năm học 2019 – 2020 trên địa bàn huyện",
		Date:  "thứ sáu, 28 06 2019 09:05",
		Pub:   "2019-06-28T09:05:00+07:00",
		Blocks: []Block{
			P("Phòng Giáo dục và Đào tạo huyện Thanh Trì hướng dẫn công tác tuyển sinh vào lớp 1 năm học 2019 – 2020 như sau:"),
			P("Đối tượng tuyển sinh là trẻ em sinh năm 2013 có hộ khẩu thường trú hoặc tạm trú trên địa bàn tuyến tuyển sinh của trường. Các trường tiểu học công lập tuyển sinh theo tuyến do UBND huyện phê duyệt."),
			Table("", []string{"Hình thức", "Thời gian"}, []string{"Đăng ký trực tuyến", "Từ 8 giờ ngày 01/7 đến 17 giờ ngày 03/7/2019"}, []string{"Đăng ký trực tiếp", "Từ 8 giờ ngày 11/7 đến 17 giờ ngày 13/7/2019"}),
			P("Cha mẹ học sinh có thể tra cứu tuyến tuyển sinh của từng trường tại bộ phận một cửa UBND các xã, thị trấn hoặc trên cổng thông tin điện tử của huyện."),
			P("Các trường công khai chỉ tiêu, tuyến tuyển sinh và hồ sơ nhập học tại bảng tin của trường trước ngày 25/6/2019."),
		},
	}
	older := []string{
		"Thanh Trì tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2019",
		"Huyện Thanh Trì phát động Tháng hành động vì an toàn thực phẩm",
		"Kiểm tra công tác phòng chống lụt bão tại các xã ven sông Hồng",
	}
	var list strings.Builder
	list.WriteString(`<div class="ms-WPBody"><table class="NewsList" width="100%" cellpadding="0" cellspacing="0"><tr><td class="FolderTitle">Tin tức - Sự kiện</td></tr>`)
	for _, st := range []*Story{ng, ts} {
		fmt.Fprintf(&list, `<tr><td class="NewsItem"><a class="NewsTitle" href="%s">%s</a> <span class="Time">(%s)</span><div class="Summary">%s</div></td></tr>`,
			st.URL, esc(st.Title), esc(st.Date), esc(clip(st.Blocks[0].Gold[0], 200)))
	}
	for i, o := range older {
		fmt.Fprintf(&list, `<tr><td class="NewsItem"><a class="NewsTitle" href="/tintuc/Pages/Tin-%d.aspx">%s</a> <span class="Time">(0%d 08 2019)</span><div class="Summary">Tin hoạt động của huyện Thanh Trì trong tháng 8/2019.</div></td></tr>`, 340-i, esc(o), 5-i)
	}
	list.WriteString(`<tr><td class="Paging"><a href="?Page=1">1</a> <a href="?Page=2">2</a> <a href="?Page=3">3</a></td></tr></table></div>`)

	return []File{
		article(fam, ng, s10Detail(ng, "Tin tức - Sự kiện", older)),
		article(fam, ts, s10Detail(ts, "Giáo dục", older)),
		other(fam, "sp2010-listing", s10Site+"/tintuc/Pages/default.aspx", "Tin tức - Sự kiện", s10Shell(list.String())),
	}
}
