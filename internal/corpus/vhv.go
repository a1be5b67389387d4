package corpus

import (
	"fmt"
	"strings"
)

// VHV ward portals (Hanoi): a left "CHUYÊN MỤC" menu, and a .content-detail
// block holding the font-size and contrast tools, the title, "Ngày đăng bài:"
// and the body, in which editors leave empty &nbsp; paragraphs, image file
// names and a signature line.

const vhvSite = "https://hoiphu.example.gov.vn"

func init() { families = append(families, vhv) }

func vhvShell(title, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<title>%s</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="stylesheet" href="/3rdparty/bootstrap/css/bootstrap.min.css" />
<link rel="stylesheet" href="/templates/phuong/style.css" />
</head>
<body>
<div id="top"><div class="container"><div class="banner"><a href="/"><img src="/upload/banner-phuong.png" alt="UBND phường Hội Phú" /></a></div></div></div>
<div class="menu-top"><div class="container"><ul class="nav"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức</a></li><li><a href="/thu-tuc-hanh-chinh">Thủ tục hành chính</a></li><li><a href="/lien-he">Liên hệ</a></li></ul></div></div>
<div class="container main">
<div class="row">
<div class="col-md-3 col-left">
<div class="box-category"><div class="box-title">CHUYÊN MỤC</div><ul>
<li><a href="/bo-thu-tuc-hanh-chinh-cong">Bộ Thủ tục hành chính công</a></li><li><a href="/quy-hoach-ke-hoach">Quy hoạch - kế hoạch</a></li><li><a href="/thong-tin-tuyen-truyen">Thông tin tuyên truyền</a></li><li><a href="/lam-theo-loi-bac">Làm theo lời Bác</a></li><li><a href="/gop-y">Góp ý cá nhân, tổ chức</a></li><li><a href="/hoi-dap">Hỏi đáp</a></li><li><a href="/lich-cong-tac">Lịch công tác</a></li>
</ul></div>
<div class="box-video"><div class="box-title">Video clip</div><div class="video"><img src="/upload/video-thumb.jpg" alt="" /></div></div>
</div>
<div class="col-md-9 col-main">
%s
</div>
</div>
</div>
<div class="footer"><div class="container"><p><b>ỦY BAN NHÂN DÂN PHƯỜNG HỘI PHÚ</b></p><p>Địa chỉ: 45 Trần Phú, phường Hội Phú. Điện thoại: 0269.3824.567 - Email: ubndhoiphu@example.gov.vn</p><p class="counter">Lượt truy cập: 98.455</p></div></div>
</body>
</html>
`, esc(title), main)
}

func vhvArticle(s *Story, tools bool, signature string) string {
	var b strings.Builder
	b.WriteString(`<div class="content-detail">`)
	if tools {
		b.WriteString(`<div class="tool-view"><span class="font-size"><a href="javascript:;" class="font-minus">A-</a> <a href="javascript:;" class="font-normal">A</a> <a href="javascript:;" class="font-plus">A+</a></span> | <a href="javascript:;" class="contrast-up">Tăng tương phản</a> <a href="javascript:;" class="contrast-down">Giảm tương phản</a></div>`)
	}
	fmt.Fprintf(&b, `<h1 class="title-detail">%s</h1>`, esc(s.Title))
	fmt.Fprintf(&b, `<div class="post-date">%s</div>`, esc(s.Date))
	fmt.Fprintf(&b, "<div class=\"detail-body\">\n%s", s.Body())
	if signature != "" {
		fmt.Fprintf(&b, `<p style="text-align: right;"><strong>%s</strong></p>`, esc(signature))
	}
	b.WriteString(`</div></div>`)
	b.WriteString(`<div class="box-other"><div class="box-title">Bài viết liên quan</div><ul><li><a href="/tin-tuc/hoi-nghi-dan-chu-co-so-a1101.html">Hội nghị tổng kết thực hiện Quy chế dân chủ ở cơ sở năm 2019</a></li><li><a href="/tin-tuc/ra-mat-to-dan-van-a1095.html">Ra mắt Tổ dân vận 10 tổ dân phố</a></li></ul></div>`)
	return vhvShell(s.Title, b.String())
}

func vhv() []File {
	const fam = "vhv"
	hp := &Story{
		Name:   "vhv-tong-ket-10-nam-dan-van-kheo",
		URL:    vhvSite + "/tin-tuc/phuong-hoi-phu-tong-ket-10-nam-phong-trao-dan-van-kheo-a1123.html",
		Title:  "Phường Hội Phú tổ chức Hội nghị tổng kết 10 năm thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2009-2019",
		Date:   "Ngày đăng bài: 07/10/2019",
		Pub:    "2019-10-07",
		Author: "Nhật Quang",
		Blocks: []Block{
			P("Ngày 04/10/2019, Đảng ủy phường Hội Phú tổ chức Hội nghị tổng kết 10 năm thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2009-2019."),
			Chrome(`<p style="text-align: center;"><img alt="" src="/upload/2019/10/IMG20191004091522.jpg" /></p>`),
			Chrome(`<p style="text-align: center;">IMG20191004091522.jpg</p>`),
			Raw(`<p>&nbsp; &nbsp; &nbsp; Qua 10 năm triển khai phong trào thi đua “Dân vận khéo”, Đảng bộ phường Hội Phú đã lãnh đạo hệ thống chính trị của phường đạt được những kết quả quan trọng:</p>`,
				"Qua 10 năm triển khai phong trào thi đua “Dân vận khéo”, Đảng bộ phường Hội Phú đã lãnh đạo hệ thống chính trị của phường đạt được những kết quả quan trọng:"),
			Raw(`<p>&nbsp; &nbsp; &nbsp; Trên lĩnh vực kinh tế, hầu hết các chỉ tiêu chủ yếu hằng năm đều đạt và vượt; công tác chỉnh trang đô thị có nhiều tiến bộ, thông qua công tác dân vận đã vận động nhân dân đóng góp làm mới hơn 2.000 m đường giao thông và lắp đặt hơn 80 bóng điện chiếu sáng các đường hẻm.</p>`,
				"Trên lĩnh vực kinh tế, hầu hết các chỉ tiêu chủ yếu hằng năm đều đạt và vượt; công tác chỉnh trang đô thị có nhiều tiến bộ, thông qua công tác dân vận đã vận động nhân dân đóng góp làm mới hơn 2.000 m đường giao thông và lắp đặt hơn 80 bóng điện chiếu sáng các đường hẻm."),
			Raw(`<p>&nbsp; &nbsp; &nbsp; Trên lĩnh vực văn hóa - xã hội, phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” được duy trì; tỷ lệ gia đình văn hóa hằng năm đạt trên 92%; công tác chăm lo cho gia đình chính sách, hộ nghèo được quan tâm.</p>`,
				"Trên lĩnh vực văn hóa - xã hội, phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” được duy trì; tỷ lệ gia đình văn hóa hằng năm đạt trên 92%; công tác chăm lo cho gia đình chính sách, hộ nghèo được quan tâm."),
			P("Tại hội nghị, Đảng ủy phường đã tặng giấy khen cho 5 tập thể và 12 cá nhân có thành tích xuất sắc trong 10 năm thực hiện phong trào."),
		},
	}
	dt := &Story{
		Name:  "vhv-toa-dam-ngay-dan-van",
		URL:   vhvSite + "/tin-tuc/toa-dam-ky-niem-94-nam-ngay-truyen-thong-cong-tac-dan-van-a2210.html",
		Title: "Đảng ủy phường Hội Phú tổ chức Tọa đàm kỷ niệm 94 năm Ngày truyền thống công tác Dân vận của Đảng",
		Date:  "Ngày đăng bài: 16/10/2024",
		Pub:   "2024-10-16",
		Blocks: []Block{
			P("Chiều ngày 15/10/2024, Ban Chấp hành Đảng bộ phường Hội Phú tổ chức Tọa đàm kỷ niệm 94 năm Ngày truyền thống công tác Dân vận của Đảng (15/10/1930 - 15/10/2024) và 25 năm “Ngày Dân vận của cả nước”."),
			Chrome(`<p>&nbsp;</p>`), Chrome(`<p>&nbsp;</p>`), Chrome(`<p>&nbsp;</p>`),
			Caption("/upload/2024/10/toa-dam.jpg", "Quang cảnh buổi Tọa đàm"),
			Chrome(`<p>&nbsp;</p>`),
			P("Về dự buổi Tọa đàm có đồng chí Huỳnh Văn Tài, Bí thư Đảng ủy phường; các đồng chí Ủy viên Ban Chấp hành Đảng bộ phường; thành viên khối Dân vận; Thường trực HĐND, lãnh đạo UBND phường, Ban Thường trực Ủy ban MTTQ phường và tổ trưởng tổ dân vận 10 tổ dân phố."),
			P("Tại buổi Tọa đàm, các đại biểu đã trao đổi kinh nghiệm vận động nhân dân tham gia giữ gìn vệ sinh môi trường, phòng, chống tệ nạn xã hội và xây dựng tổ dân phố văn minh."),
			Chrome(`<p>&nbsp;</p>`),
			P("Dịp này, Đảng ủy phường đã khen thưởng 4 tập thể và 9 cá nhân tiêu biểu trong công tác “Dân vận khéo” năm 2024."),
		},
	}
	tcd := &Story{
		Name:  "vhv-lich-tiep-cong-dan-quy-4",
		URL:   vhvSite + "/lich-cong-tac/lich-tiep-cong-dan-quy-iv-nam-2020-a1350.html",
		Title: "Lịch tiếp công dân quý IV năm 2020",
		Date:  "Ngày đăng bài: 28/09/2020",
		Pub:   "2020-09-28",
		Blocks: []Block{
			P("Ủy ban nhân dân phường Hội Phú thông báo lịch tiếp công dân quý IV năm 2020 như sau:"),
			Table("table",
				[]string{"STT", "Thời gian", "Lãnh đạo tiếp công dân", "Ghi chú"},
				[]string{"1", "Sáng thứ Ba hằng tuần", "Chủ tịch UBND phường", "Tiếp định kỳ"},
				[]string{"2", "Sáng thứ Năm hằng tuần", "Phó Chủ tịch UBND phường", "Tiếp định kỳ"},
				[]string{"3", "Ngày 15 hằng tháng", "Bí thư Đảng ủy phường", "Tiếp theo Quy định 11-QĐi/TW"},
			),
			P("Địa điểm: Phòng tiếp công dân, UBND phường Hội Phú."),
		},
	}
	tb := &Story{
		Name:   "vhv-thong-bao-tiem-vac-xin",
		URL:    vhvSite + "/tin-tuc/thong-bao-tiem-vac-xin-phong-benh-dai-cho-cho-meo-a1402.html",
		Title:  "Thông báo tiêm vắc xin phòng bệnh dại cho chó, mèo đợt 2 năm 2020",
		Date:   "Ngày đăng bài: 20/10/2020",
		Pub:    "2020-10-20",
		Author: "Mai Phương",
		Blocks: []Block{
			P("UBND phường Hội Phú tổ chức tiêm vắc xin phòng bệnh dại cho chó, mèo đợt 2 năm 2020."),
			P("Thời gian: ngày 24 và 25/10/2020, từ 7 giờ đến 11 giờ."),
			P("Địa điểm: nhà văn hóa các tổ dân phố."),
			P("Mức thu: 35.000 đồng/con; hộ nghèo được miễn phí."),
			P("Đề nghị các hộ nuôi chó, mèo đưa vật nuôi đến tiêm đầy đủ, đúng thời gian."),
			Chrome(`<p style="text-align: right;"><em>Tin, ảnh: Mai Phương</em></p>`),
		},
	}

	contact := `<div class="content-detail"><h1 class="title-detail">Liên hệ</h1><div class="contact-info"><p><b>ỦY BAN NHÂN DÂN PHƯỜNG HỘI PHÚ</b></p><p>Địa chỉ: 45 Trần Phú, phường Hội Phú</p><p>Điện thoại: 0269.3824.567</p><p>Email: ubndhoiphu@example.gov.vn</p></div><form class="contact-form" action="/lien-he" method="post"><p>Họ và tên <input type="text" name="name" /></p><p>Email <input type="text" name="email" /></p><p>Nội dung <textarea name="content"></textarea></p><p><input type="submit" value="Gửi liên hệ" /></p></form></div>`

	return []File{
		article(fam, hp, vhvArticle(hp, false, "Nhật Quang")),
		article(fam, dt, vhvArticle(dt, true, "")),
		article(fam, tcd, vhvArticle(tcd, true, "")),
		article(fam, tb, vhvArticle(tb, false, "")),
		other(fam, "vhv-lien-he", vhvSite+"/lien-he", "Liên hệ", vhvShell("Liên hệ", contact)),
	}
}
