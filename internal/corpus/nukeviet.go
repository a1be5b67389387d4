package corpus

import (
	"fmt"
	"strings"
)

// NukeViet 4 (news module, default theme): the body is #news-bodyhtml, the
// sapo sits before it in .hometext, the rating form, author, source and the
// "Những tin mới hơn / cũ hơn" lists follow it in their own panels, and the
// sidebar carries the visitor counter.

const nvSite = "https://anhoa.example.gov.vn"

func init() { families = append(families, nukeviet) }

func nvShell(title, ogType, extraHead, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">
<head>
<title>%s - Cổng thông tin điện tử phường An Hòa</title>
<meta name="description" content="Cổng thông tin điện tử phường An Hòa" />
<meta name="author" content="UBND phường An Hòa" />
<meta name="generator" content="NukeViet v4.4" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta property="og:title" content="%s" />
<meta property="og:type" content="%s" />
%s<link rel="StyleSheet" href="/themes/default/css/style.css" />
<script src="/assets/js/jquery/jquery.min.js"></script>
</head>
<body>
<noscript><div class="alert alert-danger">Trình duyệt của bạn đã tắt chức năng hỗ trợ JavaScript.<br />Website chỉ làm việc khi bạn bật nó trở lại.</div></noscript>
<div class="body-bg"><div class="wraper">
<header><div class="container"><div id="header" class="row"><div class="logo col-xs-24 col-sm-24 col-md-8"><a title="Cổng thông tin điện tử phường An Hòa" href="/"><img src="/uploads/logo.png" alt="Logo" /></a><span class="site_name">UBND PHƯỜNG AN HÒA</span><span class="site_description">Cổng thông tin điện tử</span></div></div></div></header>
<nav class="second-nav" id="menusite"><div class="container"><ul class="nav navbar-nav">
<li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu/">Giới thiệu</a></li><li><a href="/news/">Tin tức</a></li><li><a href="/van-ban/">Văn bản</a></li><li><a href="/thu-tuc-hanh-chinh/">Thủ tục hành chính</a></li><li><a href="/lien-he/">Liên hệ</a></li>
</ul></div></nav>
<div class="container" id="body">
<nav class="third-nav"><div class="breadcrumbs-wrap"><ul class="temp-breadcrumbs"><li><a href="/"><span>Trang nhất</span></a></li><li><a href="/news/"><span>Tin tức</span></a></li><li><a href="/news/tin-dia-phuong/"><span>Tin địa phương</span></a></li></ul></div>
<div class="headerSearch"><input type="text" maxlength="60" placeholder="Tìm kiếm..." /><button type="button"><em class="fa fa-search fa-lg"></em></button></div></nav>
<div class="row">
<div class="col-sm-16 col-md-18">
%s
</div>
<div class="col-sm-8 col-md-6">
<div class="panel panel-primary"><div class="panel-heading">Văn bản mới</div><div class="panel-body"><ul class="list-none"><li><a href="/van-ban/qd-125.html">Quyết định 125/QĐ-UBND về kiện toàn Ban chỉ đạo</a></li><li><a href="/van-ban/kh-88.html">Kế hoạch 88/KH-UBND tổng vệ sinh môi trường</a></li></ul></div></div>
<div class="panel panel-primary"><div class="panel-heading">Thống kê truy cập</div><div class="panel-body"><ul class="counter list-none display-table">
<li><span><em class="fa fa-bolt fa-lg fa-horizon"></em> Đang truy cập</span><span>12</span></li>
<li><span><em class="fa fa-filter fa-lg fa-horizon"></em> Hôm nay</span><span>214</span></li>
<li><span><em class="fa fa-calendar-o fa-lg fa-horizon"></em> Tháng hiện tại</span><span>5,402</span></li>
<li><span><em class="fa fa-bar-chart fa-lg fa-horizon"></em> Tổng lượt truy cập</span><span>381,220</span></li>
</ul></div></div>
</div>
</div>
</div>
<footer id="footer" class="wraper"><div class="container"><div class="row"><div class="col-md-12"><p><strong>Cơ quan chủ quản: UBND phường An Hòa</strong></p><p>Địa chỉ: 12 Lê Lợi, phường An Hòa. Điện thoại: 0234.3820.111</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div></div></div></footer>
</div></div>
<div id="timeoutsess" class="chromeframe">Bạn đã không sử dụng Site, <a onclick="timeoutsesscancel();" href="#">Bấm vào đây để duy trì trạng thái đăng nhập</a>. Thời gian chờ: <span id="secField"> 60 </span> giây</div>
</body>
</html>
`, esc(title), esc(title), ogType, extraHead, main)
}

// nvArticle is the news module's detail view.
func nvArticle(s *Story, metaDate, source string, related [][2]string) string {
	var b strings.Builder
	b.WriteString(`<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" itemscope><div class="panel-body">`)
	fmt.Fprintf(&b, `<h1 class="title margin-bottom-lg" itemprop="headline">%s</h1>`, esc(s.Title))
	fmt.Fprintf(&b, `<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">%s</span></div><div class="col-md-12"><ul class="list-inline text-right"><li><a class="dimgray" rel="nofollow" title="Gửi bài viết qua email" href="javascript:void(0);"><em class="fa fa-envelope fa-lg">&nbsp;</em></a></li><li><a class="dimgray" rel="nofollow" title="In ra" href="javascript:void(0);"><em class="fa fa-print fa-lg">&nbsp;</em></a></li></ul></div></div>`, esc(s.Date))
	if s.Lead != "" {
		fmt.Fprintf(&b, `<div class="clearfix"><figure class="article left pointer"><img alt="%s" src="/assets/news/2020_10/thumb.jpg" width="140" class="img-thumbnail" /></figure><div class="hometext m-bottom">%s</div></div>`, esc(s.Title), esc(s.Lead))
	}
	fmt.Fprintf(&b, "<div id=\"news-bodyhtml\" class=\"bodytext margin-bottom-lg\">\n%s</div>\n", s.Body())
	b.WriteString(`<div class="margin-bottom-lg">`)
	if s.Author != "" {
		fmt.Fprintf(&b, `<p class="h5 text-right"><strong>Tác giả bài viết: </strong>%s</p>`, esc(s.Author))
	}
	if source != "" {
		fmt.Fprintf(&b, `<p class="h5 text-right"><strong>Nguồn tin: </strong>%s</p>`, esc(source))
	}
	b.WriteString(`</div></div></div>`)
	b.WriteString(`<div class="news_column panel panel-default"><div class="panel-body"><form id="form3B" action=""><div class="h5 clearfix"><p id="stringrating">Tổng số điểm của bài viết là: 12 trong 3 đánh giá</p><div style="padding: 5px;"><input class="hover-star" type="radio" value="1" title="Bài viết rất kém" /><input class="hover-star" type="radio" value="5" title="Bài viết rất tốt" /><span id="hover-test" style="margin: 0 0 0 20px;">Click để đánh giá bài viết</span></div></div></form></div></div>`)
	b.WriteString(`<div class="news_column panel panel-default"><div class="panel-body other-news"><p class="h3"><strong>Những tin mới hơn</strong></p><div class="clearfix"><ul class="related list-items">`)
	for i, r := range related {
		if i == len(related)/2 {
			b.WriteString(`</ul></div><p class="h3"><strong>Những tin cũ hơn</strong></p><div class="clearfix"><ul class="related list-items">`)
		}
		fmt.Fprintf(&b, `<li><em class="fa fa-angle-right">&nbsp;</em><a href="/news/tin-dia-phuong/%d.html" title="%s">%s</a><em>(%s)</em></li>`, 100+i, esc(r[0]), esc(r[0]), r[1])
	}
	b.WriteString(`</ul></div></div></div>`)
	return nvShell(s.Title, "article", metaDate, b.String())
}

var nvRelated = [][2]string{
	{"Phường An Hòa ra quân tổng vệ sinh môi trường hưởng ứng ngày Chủ nhật xanh", "18/10/2020"},
	{"Hội Liên hiệp Phụ nữ phường tổ chức tọa đàm kỷ niệm ngày Phụ nữ Việt Nam 20/10", "16/10/2020"},
	{"Phường An Hòa tổ chức tập huấn công tác phòng cháy, chữa cháy cho các hộ kinh doanh", "09/10/2020"},
	{"Ban Chỉ huy Quân sự phường tổ chức bàn giao quân nhân xuất ngũ về địa phương", "02/10/2020"},
}

func nukeviet() []File {
	const fam = "nukeviet"
	dv := &Story{
		Name:   "nukeviet-dan-van-kheo",
		URL:    nvSite + "/news/tin-dia-phuong/dang-uy-phuong-an-hoa-tong-ket-phong-trao-dan-van-kheo-nam-2020-412.html",
		Title:  "Đảng ủy phường An Hòa tổng kết phong trào thi đua “Dân vận khéo” năm 2020",
		Date:   "Thứ tư - 14/10/2020 15:25",
		Pub:    "2020-10-14T15:25:00+07:00",
		Author: "Minh Hà",
		Lead:   "Sáng ngày 13/10/2020, tại Hội trường UBND phường, Đảng ủy phường An Hòa tổ chức hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2020 và gặp mặt kỷ niệm 90 năm Ngày truyền thống công tác Dân vận của Đảng.",
		Blocks: []Block{
			PJ("Dự hội nghị có đồng chí Trần Văn Hưng, Bí thư Đảng ủy, Chủ tịch HĐND phường; đồng chí Lê Thị Thu, Phó Bí thư thường trực Đảng ủy; lãnh đạo UBND, Ủy ban MTTQ Việt Nam phường, các đoàn thể chính trị - xã hội cùng bí thư chi bộ và tổ trưởng 14 tổ dân phố."),
			PJ("Năm 2020, phong trào thi đua “Dân vận khéo” được triển khai sâu rộng trong cả hệ thống chính trị. Toàn phường đã xây dựng 27 mô hình dân vận khéo trên các lĩnh vực kinh tế, văn hóa - xã hội, quốc phòng - an ninh và xây dựng hệ thống chính trị, tăng 6 mô hình so với năm 2019."),
			PJ("Nhiều mô hình mang lại hiệu quả thiết thực như “Tuyến phố văn minh, không rác thải”, “Camera an ninh tổ dân phố”, “Bữa cơm nghĩa tình” dành cho người cao tuổi neo đơn. Nhân dân đã tự nguyện hiến 320 m² đất và đóng góp hơn 1,2 tỷ đồng để mở rộng, bê tông hóa các kiệt, hẻm."),
			PJ("Phát biểu chỉ đạo hội nghị, đồng chí Bí thư Đảng ủy đề nghị các chi bộ, đoàn thể tiếp tục đổi mới phương thức vận động nhân dân, lấy kết quả giải quyết những việc dân cần, dân mong làm thước đo hiệu quả công tác dân vận."),
			PJ("Dịp này, Đảng ủy phường đã khen thưởng 6 tập thể và 15 cá nhân có thành tích tiêu biểu trong phong trào thi đua “Dân vận khéo” năm 2020."),
		},
	}
	thue := &Story{
		Name:  "nukeviet-thong-bao-nop-thue",
		URL:   nvSite + "/news/thong-bao/thong-bao-ve-viec-nop-thue-su-dung-dat-phi-nong-nghiep-nam-2021-455.html",
		Title: "Thông báo về việc nộp thuế sử dụng đất phi nông nghiệp năm 2021",
		Date:  "Thứ hai - 05/04/2021 08:00",
		Pub:   "2021-04-05T08:00:00+07:00",
		Blocks: []Block{
			P("UBND phường An Hòa thông báo đến các hộ gia đình, cá nhân trên địa bàn phường như sau:"),
			P("Thời gian nộp thuế sử dụng đất phi nông nghiệp năm 2021: từ ngày 05/4/2021 đến hết ngày 31/5/2021."),
			P("Địa điểm nộp: Bộ phận một cửa UBND phường hoặc qua Cổng dịch vụ công quốc gia."),
			P("Người nộp thuế mang theo thông báo thuế do tổ trưởng tổ dân phố phát."),
			P("Quá thời hạn trên, người nộp thuế sẽ bị tính tiền chậm nộp theo quy định."),
			P("Mọi thắc mắc xin liên hệ cán bộ thuế phường, điện thoại 0234.3820.115."),
		},
	}
	tcd := &Story{
		Name:  "nukeviet-lich-tiep-cong-dan",
		URL:   nvSite + "/news/thong-bao/lich-tiep-cong-dan-thang-11-2020-430.html",
		Title: "Lịch tiếp công dân tháng 11 năm 2020 của lãnh đạo UBND phường",
		Date:  "Thứ sáu - 30/10/2020 16:40",
		Pub:   "2020-10-30T16:40:00+07:00",
		Blocks: []Block{
			P("Thực hiện Luật Tiếp công dân năm 2013, UBND phường An Hòa thông báo lịch tiếp công dân định kỳ tháng 11 năm 2020 như sau:"),
			Table("table table-bordered",
				[]string{"Ngày", "Người tiếp", "Chức vụ", "Địa điểm"},
				[]string{"Thứ Năm, 05/11/2020", "Ông Nguyễn Văn Bình", "Chủ tịch UBND phường", "Phòng tiếp công dân"},
				[]string{"Thứ Năm, 12/11/2020", "Bà Phan Thị Hoa", "Phó Chủ tịch UBND phường", "Phòng tiếp công dân"},
				[]string{"Thứ Năm, 19/11/2020", "Ông Nguyễn Văn Bình", "Chủ tịch UBND phường", "Phòng tiếp công dân"},
				[]string{"Thứ Năm, 26/11/2020", "Ông Lê Quang Vinh", "Phó Chủ tịch UBND phường", "Phòng tiếp công dân"},
			),
			P("Thời gian tiếp: buổi sáng từ 7 giờ 30 đến 11 giờ 00."),
			P("Công dân đến liên hệ mang theo căn cước công dân và giấy tờ liên quan đến nội dung khiếu nại, tố cáo, kiến nghị, phản ánh."),
			Attach("Tải về:", "Lich-tiep-cong-dan-thang-11-2020.pdf", "/uploads/news/2020_10/lich-tiep-cong-dan-thang-11-2020.pdf"),
		},
	}
	word := &Story{
		Name:   "nukeviet-word-paste",
		URL:    nvSite + "/news/tin-dia-phuong/phuong-an-hoa-tong-ket-cong-tac-tuyen-quan-nam-2021-470.html",
		Title:  "Phường An Hòa tổng kết công tác tuyển quân năm 2021",
		Date:   "Thứ ba - 09/03/2021 10:05",
		Pub:    "2021-03-09T10:05:00+07:00",
		Author: "Hoàng Anh",
		Blocks: []Block{
			Mso("Chiều ngày 08/3/2021, Hội đồng nghĩa vụ quân sự phường An Hòa tổ chức hội nghị tổng kết công tác tuyển chọn và gọi công dân nhập ngũ năm 2021."),
			Chrome(`<p class="MsoNormal"><span style="font-size:14.0pt">&nbsp;</span></p>`),
			Chrome(`<p style="text-align:center"><img alt="" src="/uploads/news/2021_03/img20210308152233.jpg" /></p><p style="text-align:center">IMG20210308152233.jpg</p>`),
			Mso("Năm 2021, phường được giao chỉ tiêu 12 công dân nhập ngũ. Hội đồng nghĩa vụ quân sự phường đã tổ chức sơ tuyển 86 thanh niên trong độ tuổi, gọi 41 công dân khám sức khỏe, trong đó 28 công dân đủ tiêu chuẩn."),
			Mso("Ngày hội tòng quân diễn ra trang trọng, phường đã bàn giao 12 tân binh cho các đơn vị, đạt 100% chỉ tiêu, trong đó có 3 đảng viên và 7 thanh niên có trình độ cao đẳng, đại học."),
			Chrome(`<p class="MsoNormal">&nbsp;</p>`),
			Mso("Tại hội nghị, UBND phường đã tặng giấy khen cho 4 tập thể và 6 cá nhân có thành tích xuất sắc trong công tác tuyển quân năm 2021."),
			Chrome(`<p class="MsoNormal" style="text-align:right"><b><span style="font-size:14.0pt">Tin, ảnh: Hoàng Anh</span></b></p>`),
		},
	}
	var list strings.Builder
	list.WriteString(`<div class="news_column"><h1 class="hidden">Tin địa phương</h1>`)
	items := [][3]string{
		{"Phường An Hòa ra quân tổng vệ sinh môi trường hưởng ứng ngày Chủ nhật xanh", "18/10/2020 09:12", "Sáng Chủ nhật, hơn 500 đoàn viên, hội viên và nhân dân 14 tổ dân phố đã ra quân thu gom rác thải, khơi thông cống rãnh."},
		{"Hội Liên hiệp Phụ nữ phường tổ chức tọa đàm kỷ niệm ngày Phụ nữ Việt Nam 20/10", "16/10/2020 14:30", "Tọa đàm là dịp để hội viên ôn lại truyền thống 90 năm của Hội Liên hiệp Phụ nữ Việt Nam."},
		{"Đảng ủy phường An Hòa tổng kết phong trào thi đua “Dân vận khéo” năm 2020", "14/10/2020 15:25", "Toàn phường đã xây dựng 27 mô hình dân vận khéo trên các lĩnh vực."},
		{"Phường An Hòa tổ chức tập huấn công tác phòng cháy, chữa cháy cho các hộ kinh doanh", "09/10/2020 08:00", "Gần 120 hộ kinh doanh được hướng dẫn kỹ năng thoát nạn và sử dụng bình chữa cháy."},
		{"Ban Chỉ huy Quân sự phường tổ chức bàn giao quân nhân xuất ngũ về địa phương", "02/10/2020 10:45", "Phường đã tiếp nhận 9 quân nhân hoàn thành nghĩa vụ quân sự trở về địa phương."},
	}
	for i, it := range items {
		fmt.Fprintf(&list, `<div class="panel panel-default"><div class="panel-body featured"><a href="/news/tin-dia-phuong/%d.html" title="%s"><img alt="%s" src="/assets/news/thumb%d.jpg" width="140" class="img-thumbnail pull-left imghome" /></a><h2><a href="/news/tin-dia-phuong/%d.html" title="%s">%s</a></h2><div class="text-muted"><ul class="list-unstyled list-inline"><li><em class="fa fa-clock-o">&nbsp;</em> %s</li><li><em class="fa fa-eye">&nbsp;</em> Lượt xem: %d</li></ul></div>%s</div></div>`,
			400+i, esc(it[0]), esc(it[0]), i, 400+i, esc(it[0]), esc(it[0]), it[1], 150+i*37, esc(it[2]))
	}
	list.WriteString(`<div class="text-center"><ul class="pagination"><li class="active"><a href="#">1</a></li><li><a href="/news/tin-dia-phuong/page-2">2</a></li><li><a href="/news/tin-dia-phuong/page-3">3</a></li><li><a href="/news/tin-dia-phuong/page-2">»</a></li></ul></div></div>`)

	var seek strings.Builder
	seek.WriteString(`<div class="panel panel-default"><div class="panel-body"><form action="/index.php" method="get"><input type="hidden" name="nv" value="seek" /><input type="text" name="q" value="dân vận" /><input type="submit" value="Tìm kiếm" /></form><h2 class="margin-bottom">Kết quả tìm kiếm: có 3 kết quả</h2>`)
	for i, it := range items[:3] {
		fmt.Fprintf(&seek, `<div class="result-frame"><div class="result"><h3><a href="/news/tin-dia-phuong/%d.html">%s</a></h3><div class="result-content">… phong trào thi đua <span class="keyword">dân vận</span> khéo được triển khai sâu rộng trong cả hệ thống chính trị …</div><div class="result-info">Tin tức | %s</div></div></div>`, 400+i, esc(it[0]), it[1])
	}
	seek.WriteString(`</div></div>`)

	return []File{
		article(fam, dv, nvArticle(dv, `<meta property="article:published_time" content="2020-10-14+0715:25:00" />`+"\n", "UBND phường An Hòa", nvRelated)),
		article(fam, thue, nvArticle(thue, `<meta property="article:published_time" content="2021-04-05+0708:00:00" />`+"\n", "", nvRelated)),
		article(fam, tcd, nvArticle(tcd, "", "Văn phòng HĐND - UBND phường", nvRelated)),
		article(fam, word, nvArticle(word, "", "", nvRelated)),
		other(fam, "nukeviet-listing", nvSite+"/news/tin-dia-phuong/", "Tin địa phương", nvShell("Tin địa phương", "website", "", list.String())),
		other(fam, "nukeviet-search", nvSite+"/index.php?language=vi&nv=seek&q=d%C3%A2n+v%E1%BA%ADn", "Tìm kiếm", nvShell("Tìm kiếm", "website", "", seek.String())),
	}
}
