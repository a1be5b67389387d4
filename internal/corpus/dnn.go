package corpus

import (
	"fmt"
	"strings"
)

// DotNetNuke with the EasyDNNnews module, as some district portals run it:
// panes named dnn_ctrNNN_ContentPane, the article in .edn_articleDetails
// after .edn_articleSummary, and the module's social and "other articles"
// blocks after it. Dates come as "Cập nhật lúc 08:30 ngày 02/7/2020".

const dnnSite = "https://thanhxuan.example.gov.vn"

func init() { families = append(families, dnn) }

func dnnShell(title, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="vi-VN">
<head id="Head"><meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<title>
	%s
</title><meta id="MetaDescription" name="DESCRIPTION" content="Cổng thông tin điện tử quận Thanh Xuân" /><meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<link href="/Portals/_default/Skins/ThanhXuan/skin.css?cdv=112" type="text/css" rel="stylesheet" />
</head>
<body id="Body">
<form method="post" action="/tin-tuc" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="xyz" /></div>
<div id="siteWrapper">
<div id="dnn_HeaderPane" class="headerPane"><div class="logo"><a id="dnn_dnnLOGO_hypLogo" title="Quận Thanh Xuân" href="/"><img id="dnn_dnnLOGO_imgLogo" src="/Portals/0/logo.png" alt="Quận Thanh Xuân" /></a></div><div class="dnn_date">Thứ Năm, 22/10/2020</div></div>
<div id="dnn_MenuPane"><ul class="topLevel"><li class="item"><a href="/">Trang chủ</a></li><li class="item"><a href="/gioi-thieu">Giới thiệu</a></li><li class="item"><a href="/tin-tuc">Tin tức</a></li><li class="item"><a href="/cong-khai">Công khai ngân sách</a></li><li class="item"><a href="/hoi-dap">Hỏi đáp trực tuyến</a></li></ul></div>
<div class="row dnnpane">
<div id="dnn_ContentPane" class="col-md-8 contentPane">
<div class="DnnModule DnnModule-EasyDNNnews DnnModule-1187"><a name="1187"></a>
<div class="Container-Main"><div id="dnn_ctr1187_ContentPane" class="contentpane">
<div id="dnn_ctr1187_ModuleContent" class="DNNModuleContent ModEasyDNNnewsC">
%s
</div></div></div></div>
</div>
<div id="dnn_RightPane" class="col-md-4 rightPane">
<div class="DnnModule DnnModule-DNN_HTML DnnModule-1201"><div id="dnn_ctr1201_ContentPane"><div id="dnn_ctr1201_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div class="Normal"><h3>Đường dây nóng</h3><p>Chủ tịch UBND quận: 0912.000.111</p><p>Văn phòng: 024.3558.1234</p></div></div></div></div>
<div class="DnnModule DnnModule-Counter DnnModule-1202"><div id="dnn_ctr1202_ContentPane"><div class="visitors"><h3>Thống kê truy cập</h3><span>Đang online: 45</span><br /><span>Hôm nay: 1.302</span><br /><span>Tổng: 5.204.118</span></div></div></div>
</div>
</div>
<div id="dnn_FooterPane" class="footerPane"><p>Bản quyền thuộc UBND quận Thanh Xuân. Địa chỉ: 9 Khuất Duy Tiến.</p><a id="dnn_dnnLOGIN_loginLink" class="LoginLink" rel="nofollow" href="/dang-nhap">Đăng nhập</a></div>
</div>
</form>
</body>
</html>
`, esc(title), main)
}

func dnnArticle(s *Story) string {
	var b strings.Builder
	b.WriteString(`<div class="eds_news_module_1187 news eds_subCollection_news eds_styleSwitchCriteria_module-1187 eds_template_Details_Article_Default eds_styleDefault"><div class="details">`)
	fmt.Fprintf(&b, `<h1 class="edn_articleTitle">%s</h1>`, esc(s.Title))
	fmt.Fprintf(&b, `<div class="edn_metaDetails"><time class="edn_articleDate">%s</time></div>`, esc(s.Date))
	if s.Lead != "" {
		fmt.Fprintf(&b, `<div class="edn_articleSummary"><p>%s</p></div>`, esc(s.Lead))
	}
	fmt.Fprintf(&b, "<div class=\"edn_articleDetails\">\n%s</div>\n", s.Body())
	if s.Author != "" {
		fmt.Fprintf(&b, `<div class="edn_articleAuthor" style="text-align:right"><strong>%s</strong></div>`, esc(s.Author))
	}
	b.WriteString(`<div class="edn_socialPrintWrapper"><div class="edn_socialButtons"><a class="edn_fb" href="#">Chia sẻ</a></div><a class="edn_printButton" href="#" onclick="window.print()">In bài viết</a></div>`)
	b.WriteString(`<div class="edn_relatedArticles"><h3 class="edn_relatedTitle">Tin cùng chuyên mục</h3><ul><li><a href="/tin-tuc/ArticleID/2201/Quan-Thanh-Xuan-ra-quan-Chu-nhat-xanh">Quận Thanh Xuân ra quân “Chủ nhật xanh” lần thứ 12</a></li><li><a href="/tin-tuc/ArticleID/2199/Khanh-thanh-nha-van-hoa-to-dan-pho-so-6">Khánh thành nhà văn hóa tổ dân phố số 6 phường Khương Đình</a></li></ul></div>`)
	b.WriteString(`</div></div>`)
	return dnnShell(s.Title+" - Quận Thanh Xuân", b.String())
}

func dnn() []File {
	const fam = "dnn"
	cchc := &Story{
		Name:  "dnn-cai-cach-hanh-chinh",
		URL:   dnnSite + "/tin-tuc/ArticleID/2188/Quan-Thanh-Xuan-day-manh-cai-cach-hanh-chinh-6-thang-cuoi-nam",
		Title: "Quận Thanh Xuân đẩy mạnh cải cách hành chính 6 tháng cuối năm 2020",
		Date:  "Cập nhật lúc 08:30 ngày 02/7/2020",
		Pub:   "2020-07-02T08:30:00+07:00",
		Lead:  "Ngày 01/7, UBND quận Thanh Xuân tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2020.",
		Blocks: []Block{
			PJ("Sáu tháng đầu năm, bộ phận một cửa của quận và 11 phường đã tiếp nhận hơn 38.000 hồ sơ, giải quyết đúng và trước hạn đạt 99,6%. Tỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến mức độ 3, 4 tăng gấp đôi so với cùng kỳ."),
			PJ("Chỉ số hài lòng của người dân và doanh nghiệp đối với sự phục vụ của cơ quan hành chính đạt 92,4%. Quận đã đưa vào sử dụng hệ thống đánh giá mức độ hài lòng bằng máy tính bảng tại tất cả các bộ phận một cửa."),
			PJ("Nhiệm vụ 6 tháng cuối năm, Chủ tịch UBND quận yêu cầu các phòng, ban, UBND các phường rà soát, đơn giản hóa thủ tục, công khai đầy đủ quy trình giải quyết và xử lý nghiêm cán bộ gây phiền hà cho người dân."),
		},
	}
	dich := &Story{
		Name:   "dnn-phong-chong-dich",
		URL:    dnnSite + "/tin-tuc/ArticleID/2150/Thanh-Xuan-tang-cuong-phong-chong-dich-Covid-19",
		Title:  "Thanh Xuân tăng cường các biện pháp phòng, chống dịch Covid-19 trong tình hình mới",
		Date:   "Cập nhật lúc 17:45 ngày 28/7/2020",
		Pub:    "2020-07-28T17:45:00+07:00",
		Author: "Thu Trang",
		Blocks: []Block{
			PJ("Trước diễn biến phức tạp của dịch Covid-19, chiều 28/7, Ban Chỉ đạo phòng, chống dịch quận Thanh Xuân đã họp khẩn, triển khai ngay các biện pháp cấp bách."),
			H("h3", "Rà soát người về từ vùng dịch"),
			PJ("UBND các phường được giao rà soát toàn bộ người dân trở về từ thành phố Đà Nẵng từ ngày 08/7, hướng dẫn khai báo y tế và lấy mẫu xét nghiệm theo chỉ đạo của thành phố."),
			H("h3", "Tạm dừng các hoạt động tập trung đông người"),
			PJ("Quận tạm dừng các lễ hội, sự kiện văn hóa, thể thao và các hoạt động tập trung trên 30 người ngoài công sở, trường học, bệnh viện; yêu cầu các cơ sở kinh doanh thực hiện nghiêm việc đeo khẩu trang, sát khuẩn."),
			H("h3", "Sẵn sàng khu cách ly"),
			PJ("Trung tâm Y tế quận chuẩn bị 200 giường cách ly tập trung, bố trí đủ trang thiết bị, sinh phẩm xét nghiệm và lực lượng trực 24/24 giờ."),
			PJ("Người dân có biểu hiện sốt, ho, khó thở cần liên hệ ngay trạm y tế phường hoặc đường dây nóng của Trung tâm Y tế quận: 0869.882.233."),
		},
	}
	dien := &Story{
		Name:  "dnn-thong-bao-lich-cat-dien",
		URL:   dnnSite + "/tin-tuc/ArticleID/2195/Thong-bao-lich-tam-ngung-cung-cap-dien",
		Title: "Thông báo lịch tạm ngừng cung cấp điện tuần từ 26/10 đến 01/11/2020",
		Date:  "Cập nhật lúc 16:00 ngày 23/10/2020",
		Pub:   "2020-10-23T16:00:00+07:00",
		Blocks: []Block{
			P("Công ty Điện lực Thanh Xuân thông báo lịch tạm ngừng cung cấp điện để bảo dưỡng lưới điện:"),
			Table("edn_table",
				[]string{"Ngày", "Thời gian", "Khu vực"},
				[]string{"27/10/2020", "08h00 - 12h00", "Ngõ 102 và ngõ 120 Khuất Duy Tiến"},
				[]string{"29/10/2020", "13h30 - 17h00", "Tổ dân phố 4, 5 phường Nhân Chính"},
				[]string{"31/10/2020", "07h30 - 11h30", "Khu tập thể Thượng Đình"},
			),
			P("Rất mong quý khách hàng thông cảm."),
		},
	}

	var list strings.Builder
	list.WriteString(`<div class="eds_news_module_1187 news eds_template_List_Article_Default"><div class="edn_module_list">`)
	for i, it := range [][3]string{
		{cchc.Title, "02/07/2020", "Sáu tháng đầu năm, bộ phận một cửa của quận và 11 phường đã tiếp nhận hơn 38.000 hồ sơ."},
		{dich.Title, "28/07/2020", "Ban Chỉ đạo phòng, chống dịch quận đã họp khẩn, triển khai các biện pháp cấp bách."},
		{dien.Title, "23/10/2020", "Công ty Điện lực Thanh Xuân thông báo lịch tạm ngừng cung cấp điện để bảo dưỡng lưới điện."},
		{"Quận Thanh Xuân ra quân “Chủ nhật xanh” lần thứ 12", "18/10/2020", "Hơn 3.000 cán bộ, đoàn viên và nhân dân tham gia dọn vệ sinh trên các tuyến phố."},
	} {
		fmt.Fprintf(&list, `<article class="edn_article"><h2 class="edn_articleTitle"><a href="/tin-tuc/ArticleID/%d/bai-%d">%s</a></h2><div class="edn_metaDetails"><time>%s</time></div><div class="edn_articleSummary">%s</div><a class="edn_readMore" href="/tin-tuc/ArticleID/%d/bai-%d">Xem tiếp</a></article>`, 2180+i, i, esc(it[0]), it[1], esc(it[2]), 2180+i, i)
	}
	list.WriteString(`</div><div class="article_pager"><a class="active">1</a><a href="/tin-tuc/PgrID/1187/PageID/2">2</a><a href="/tin-tuc/PgrID/1187/PageID/3">3</a></div></div>`)

	intro := `<div class="DNNModuleContent ModDNNHTMLC"><div class="Normal"><h1>Giới thiệu chung về quận Thanh Xuân</h1>
<p>Quận Thanh Xuân được thành lập theo Nghị định số 74-CP ngày 22/11/1996 của Chính phủ, trên cơ sở một phần diện tích và dân số của huyện Thanh Trì và quận Đống Đa.</p>
<p>Quận có diện tích tự nhiên 9,17 km², gồm 11 phường: Hạ Đình, Khương Đình, Khương Mai, Khương Trung, Kim Giang, Nhân Chính, Phương Liệt, Thanh Xuân Bắc, Thanh Xuân Nam, Thanh Xuân Trung và Thượng Đình.</p>
<p>Dân số của quận khoảng 293.000 người. Trên địa bàn có nhiều trường đại học, viện nghiên cứu và các khu đô thị mới như Royal City, Nam Trung Yên.</p>
<p>Quận Thanh Xuân có truyền thống cách mạng, văn hóa lâu đời, gắn với làng Mọc, làng Khương Đình và di tích đình Khương Trung.</p></div></div>`

	return []File{
		article(fam, cchc, dnnArticle(cchc)),
		article(fam, dich, dnnArticle(dich)),
		article(fam, dien, dnnArticle(dien)),
		other(fam, "dnn-listing", dnnSite+"/tin-tuc", "Tin tức", dnnShell("Tin tức - Quận Thanh Xuân", list.String())),
		other(fam, "dnn-gioi-thieu", dnnSite+"/gioi-thieu", "Giới thiệu chung về quận Thanh Xuân", dnnShell("Giới thiệu - Quận Thanh Xuân", intro)),
	}
}
