package corpus

import (
	"fmt"
	"strings"
)

// A small vendor's Bootstrap theme used by several ward sites: no class any
// CMS rule knows, so the body must be found by readability; the font-size
// tools, the share line and "Tin cùng chuyên mục" sit inside the same box
// as the text.

const cuSite = "https://phuongkimlien.example.gov.vn"

func init() { families = append(families, custom) }

func cuShell(title, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s | UBND phường Kim Liên</title>
<link href="/Content/bootstrap.min.css" rel="stylesheet">
<link href="/Content/site.css" rel="stylesheet">
</head>
<body>
<div class="topbar"><div class="container"><span class="hotline">Đường dây nóng: 024.3574.1100</span><span class="pull-right"><a href="/Account/Login">Đăng nhập</a></span></div></div>
<div class="banner"><div class="container"><a href="/"><img src="/Content/images/banner.png" alt="Ủy ban nhân dân phường Kim Liên"></a></div></div>
<div class="mainmenu"><div class="container"><ul class="nav navbar-nav"><li class="active"><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/thong-bao">Thông báo</a></li><li><a href="/van-ban">Văn bản</a></li><li><a href="/hoi-dap">Hỏi đáp</a></li></ul></div></div>
<div class="container wrap">
<div class="row">
<div class="col-md-8">
%s
</div>
<div class="col-md-4">
<div class="box"><div class="box-header">Tin đọc nhiều</div><div class="box-body"><ul class="list-news"><li><a href="/tin-tuc/phuong-kim-lien-don-nhan-danh-hieu-phuong-van-minh-d1188">Phường Kim Liên đón nhận danh hiệu phường văn minh đô thị</a></li><li><a href="/tin-tuc/hoi-thao-phong-chong-bao-luc-gia-dinh-d1175">Hội thảo phòng, chống bạo lực gia đình</a></li></ul></div></div>
<div class="box"><div class="box-header">Thống kê truy cập</div><div class="box-body"><p>Đang online: 8</p><p>Hôm nay : 227</p><p>Tổng lượt truy cập: 310.556</p></div></div>
</div>
</div>
</div>
<div class="footer"><div class="container"><p><strong>ỦY BAN NHÂN DÂN PHƯỜNG KIM LIÊN</strong></p><p>Địa chỉ: 2 Lương Định Của, phường Kim Liên. Email: kimlien@example.gov.vn</p><p>Thiết kế bởi Công ty phần mềm Sao Mai</p></div></div>
<script src="/Scripts/jquery.min.js"></script>
</body>
</html>
`, esc(title), main)
}

func cuArticle(s *Story, withRelated bool) string {
	var b strings.Builder
	b.WriteString(`<div class="box"><div class="box-header"><a href="/tin-tuc">Tin tức - Sự kiện</a></div><div class="box-body">`)
	fmt.Fprintf(&b, `<h1 class="detail-title">%s</h1>`, esc(s.Title))
	fmt.Fprintf(&b, `<div class="detail-time"><i class="fa fa-clock-o"></i> %s</div>`, esc(s.Date))
	b.WriteString(`<div class="detail-tool">Cỡ chữ: <a href="#" data-size="-1">A-</a> <a href="#" data-size="0">A</a> <a href="#" data-size="1">A+</a></div>`)
	if s.Lead != "" {
		fmt.Fprintf(&b, `<p class="detail-lead"><strong>%s</strong></p>`, esc(s.Lead))
	}
	fmt.Fprintf(&b, "<div class=\"detail-main\">\n%s</div>\n", s.Body())
	b.WriteString(`<div class="detail-share">Chia sẻ: <a href="https://www.facebook.com/sharer/sharer.php">Facebook</a> <a href="https://zalo.me/share">Zalo</a> | <a href="javascript:window.print()">In bài viết</a></div>`)
	if withRelated {
		b.WriteString(`<div class="detail-related"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/tin-tuc/phuong-kim-lien-don-nhan-danh-hieu-phuong-van-minh-d1188">Phường Kim Liên đón nhận danh hiệu phường văn minh đô thị</a> <span>(05/10/2020)</span></li><li><a href="/tin-tuc/hoi-thao-phong-chong-bao-luc-gia-dinh-d1175">Hội thảo phòng, chống bạo lực gia đình</a> <span>(28/09/2020)</span></li><li><a href="/tin-tuc/ra-quan-kiem-tra-ve-sinh-an-toan-thuc-pham-d1169">Ra quân kiểm tra vệ sinh an toàn thực phẩm dịp Tết Trung thu</a> <span>(25/09/2020)</span></li></ul></div>`)
	}
	b.WriteString(`</div></div>`)
	return cuShell(s.Title, b.String())
}

func custom() []File {
	const fam = "custom"
	pccc := &Story{
		Name:  "custom-dien-tap-pccc",
		URL:   cuSite + "/tin-tuc/phuong-kim-lien-dien-tap-phong-chay-chua-chay-d1192",
		Title: "Phường Kim Liên diễn tập phương án chữa cháy và cứu nạn, cứu hộ tại khu tập thể",
		Date:  "Thứ Hai, 12-10-2020",
		Pub:   "2020-10-12",
		Blocks: []Block{
			P("Sáng 11/10, UBND phường Kim Liên phối hợp với Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ quận tổ chức diễn tập phương án chữa cháy tại khu tập thể Kim Liên."),
			P("Tình huống giả định: vào 8 giờ 30, tại tầng 3 nhà B7 xảy ra cháy do chập điện, khói lan nhanh lên các tầng trên, nhiều người mắc kẹt trong các căn hộ."),
			P("Ngay khi nhận tin báo, lực lượng phòng cháy tại chỗ của tổ dân phố đã dùng bình chữa cháy khống chế đám cháy ban đầu, hướng dẫn người dân thoát nạn theo lối cầu thang bộ. Lực lượng cảnh sát có mặt sau 6 phút, triển khai thang và đệm hơi cứu 5 người mắc kẹt."),
			P("Qua buổi diễn tập, hơn 400 người dân được trang bị thêm kỹ năng thoát nạn, sử dụng phương tiện chữa cháy tại chỗ và ý thức phòng cháy trong sinh hoạt hằng ngày."),
		},
	}
	ntm := &Story{
		Name:   "custom-van-minh-do-thi",
		URL:    cuSite + "/tin-tuc/xay-dung-tuyen-pho-van-minh-do-thi-d1196",
		Title:  "Kim Liên xây dựng tuyến phố văn minh đô thị năm 2020",
		Date:   "Thứ Sáu, 16-10-2020, 09:15",
		Pub:    "2020-10-16T09:15:00+07:00",
		Author: "Văn Tuấn",
		Lead:   "Năm 2020, phường Kim Liên lựa chọn tuyến phố Lương Định Của để xây dựng tuyến phố văn minh đô thị, với sự đồng thuận của 312 hộ gia đình.",
		Blocks: []Block{
			Raw(`<p class="MsoNormal" style="text-align:justify"><span style="font-size:13.0pt"><span style="font-family:&quot;Times New Roman&quot;"><span lang="VI">Các hộ kinh doanh trên tuyến phố đã ký cam kết không lấn chiếm vỉa hè, để xe đúng nơi quy định và giữ gìn vệ sinh trước cửa nhà.</span></span></span></p>`,
				"Các hộ kinh doanh trên tuyến phố đã ký cam kết không lấn chiếm vỉa hè, để xe đúng nơi quy định và giữ gìn vệ sinh trước cửa nhà."),
			Chrome(`<p class="MsoNormal"><span style="font-size:13.0pt">&nbsp;</span></p>`),
			Raw(`<p class="MsoNormal" style="text-align:justify"><span style="font-size:13.0pt"><span style="font-family:&quot;Times New Roman&quot;"><span lang="VI">UBND phường đã lắp đặt 24 camera giám sát, trồng mới 40 cây xanh và sơn kẻ vạch để xe máy tại 6 điểm; Đoàn Thanh niên phường duy trì đội hình tình nguyện nhắc nhở người dân vào tối thứ Bảy hằng tuần.</span></span></span></p>`,
				"UBND phường đã lắp đặt 24 camera giám sát, trồng mới 40 cây xanh và sơn kẻ vạch để xe máy tại 6 điểm; Đoàn Thanh niên phường duy trì đội hình tình nguyện nhắc nhở người dân vào tối thứ Bảy hằng tuần."),
			Chrome(`<p style="text-align:center"><img src="/Uploads/2020/10/DSC_0412.JPG" alt=""></p><p style="text-align:center"><span style="font-size:11pt">DSC_0412.JPG</span></p>`),
			Raw(`<p class="MsoNormal" style="text-align:justify"><span style="font-size:13.0pt"><span style="font-family:&quot;Times New Roman&quot;"><span lang="VI">Sau 9 tháng triển khai, tình trạng lấn chiếm vỉa hè trên tuyến phố giảm rõ rệt, cảnh quan sạch đẹp hơn. Phường sẽ nhân rộng mô hình ra các tuyến phố Phạm Ngọc Thạch và Đào Duy Anh trong năm 2021.</span></span></span></p>`,
				"Sau 9 tháng triển khai, tình trạng lấn chiếm vỉa hè trên tuyến phố giảm rõ rệt, cảnh quan sạch đẹp hơn. Phường sẽ nhân rộng mô hình ra các tuyến phố Phạm Ngọc Thạch và Đào Duy Anh trong năm 2021."),
			Chrome(`<p class="MsoNormal" style="text-align:right"><b><span style="font-size:13.0pt">Tin, ảnh: Văn Tuấn</span></b></p>`),
		},
	}
	tb := &Story{
		Name:  "custom-thong-bao-cat-nuoc",
		URL:   cuSite + "/thong-bao/thong-bao-tam-ngung-cap-nuoc-d1199",
		Title: "Thông báo tạm ngừng cấp nước khu tập thể Kim Liên",
		Date:  "Thứ Ba, 20-10-2020, 15:40",
		Pub:   "2020-10-20T15:40:00+07:00",
		Blocks: []Block{
			P("Để sửa chữa đường ống, Công ty Nước sạch Hà Nội tạm ngừng cấp nước:"),
			P("Thời gian: từ 22 giờ ngày 23/10 đến 5 giờ ngày 24/10/2020."),
			P("Khu vực: các nhà A1 đến A8, B1 đến B10 khu tập thể Kim Liên."),
			P("Đề nghị các hộ dân chủ động trữ nước."),
		},
	}

	var home strings.Builder
	home.WriteString(`<div class="box"><div class="box-header">Tin nổi bật</div><div class="box-body"><div class="hot"><a href="` + pccc.URL + `"><img src="/Uploads/2020/10/pccc.jpg" alt=""></a><h2><a href="` + pccc.URL + `">` + esc(pccc.Title) + `</a></h2><p>` + esc(pccc.Blocks[0].Gold[0]) + `</p></div></div></div>`)
	home.WriteString(`<div class="box"><div class="box-header">Tin tức - Sự kiện</div><div class="box-body"><ul class="list-news">`)
	for _, st := range []*Story{ntm, tb, pccc} {
		fmt.Fprintf(&home, `<li><a href="%s">%s</a> <span class="date">%s</span></li>`, st.URL, esc(st.Title), esc(st.Date))
	}
	home.WriteString(`</ul></div></div><div class="box"><div class="box-header">Thông báo</div><div class="box-body"><ul class="list-news"><li><a href="/thong-bao/lich-tiep-cong-dan-thang-11-d1201">Lịch tiếp công dân tháng 11/2020</a></li><li><a href="/thong-bao/ke-hoach-tiem-vac-xin-d1203">Kế hoạch tiêm vắc xin sởi - rubella</a></li></ul></div></div>`)

	var cal strings.Builder
	cal.WriteString(`<div class="box"><div class="box-header">Tin theo ngày</div><div class="box-body"><form class="form-inline" action="/tin-theo-ngay"><label>Chọn ngày</label> <input type="date" name="ngay" value="2020-10-16"> <button type="submit" class="btn">Xem</button></form><h2>Tin ngày 16/10/2020</h2>`)
	for _, st := range []*Story{ntm, tb} {
		fmt.Fprintf(&cal, `<div class="item-news"><h3><a href="%s">%s</a></h3><p class="date">%s</p><p>%s</p></div>`, st.URL, esc(st.Title), esc(st.Date), esc(clip(st.Blocks[0].Gold[0], 110)))
	}
	cal.WriteString(`<div class="pager"><a href="/tin-theo-ngay?ngay=2020-10-15">« Ngày trước</a> | <a href="/tin-theo-ngay?ngay=2020-10-17">Ngày sau »</a></div></div></div>`)

	return []File{
		article(fam, pccc, cuArticle(pccc, true)),
		article(fam, ntm, cuArticle(ntm, true)),
		article(fam, tb, cuArticle(tb, false)),
		other(fam, "custom-home", cuSite+"/", "UBND phường Kim Liên", cuShell("Trang chủ", home.String())),
		other(fam, "custom-tin-theo-ngay", cuSite+"/tin-theo-ngay?ngay=2020-10-16", "Tin theo ngày", cuShell("Tin theo ngày", cal.String())),
	}
}
