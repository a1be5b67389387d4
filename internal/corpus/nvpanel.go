package corpus

import (
	"fmt"
	"strings"
)

// NukeViet 4.0–4.3 themes, as many ward portals still run them: the news
// detail view is one div.news_column.panel whose panel-body holds the
// headline, the date as a bare <span class="h5"> (no row, no microdata),
// the tool icons, the sapo, the body, the author, the rating form and the
// "Những tin mới hơn" list, all siblings. The laws module shows a legal
// document's record as a table of fields: a page to fetch, not an article.

const npSite = "https://phuongdonggiang.example.gov.vn"

func init() { families = append(families, nvPanel) }

func npShell(title, main string) string {
	return strings.Replace(strings.ReplaceAll(nvShell(title, "website", "", main), "phường An Hòa", "phường Đông Giang"), "UBND PHƯỜNG AN HÒA", "UBND PHƯỜNG ĐÔNG GIANG", 1)
}

// npArticle is the single-panel detail view.
func npArticle(s *Story, newer [][2]string) string {
	var b strings.Builder
	b.WriteString(`<div class="news_column panel panel-default"><div class="panel-body">`)
	fmt.Fprintf(&b, `<h1>%s</h1>`, esc(s.Title))
	fmt.Fprintf(&b, `<span class="h5">%s</span>`, esc(s.Date))
	b.WriteString(`<ul class="list-inline text-right"><li><a class="dimgray" rel="nofollow" title="Gửi bài viết qua email" href="javascript:void(0);"><em class="fa fa-envelope fa-lg">&nbsp;</em></a></li><li><a class="dimgray" rel="nofollow" title="In ra" href="javascript:void(0);"><em class="fa fa-print fa-lg">&nbsp;</em></a></li><li><a class="dimgray" rel="nofollow" title="Lưu bài viết này" href="javascript:void(0);"><em class="fa fa-save fa-lg">&nbsp;</em></a></li></ul>`)
	if s.Lead != "" {
		fmt.Fprintf(&b, `<div id="hometext"><div class="imghome pull-left text-center" style="width:160px;"><img alt="" src="/uploads/news/2020_10/anh-dai-dien.jpg" width="160" class="img-thumbnail" /></div><p>%s</p></div>`, esc(s.Lead))
	}
	fmt.Fprintf(&b, "<div class=\"bodytext\">\n%s</div>\n", s.Body())
	if s.Author != "" {
		fmt.Fprintf(&b, `<p class="text-right"><strong>Tác giả bài viết: </strong>%s</p>`, esc(s.Author))
	}
	b.WriteString(`<form id="form3B" action=""><div class="clearfix"><div id="stringrating">Tổng số điểm của bài viết là: 14 trong 3 đánh giá</div><div style="padding: 5px;"><input class="hover-star" type="radio" value="1" title="Bài viết rất kém" /><input class="hover-star" type="radio" value="5" title="Bài viết rất tốt" /><span id="hover-test" style="margin: 0 0 0 20px;">Click để đánh giá bài viết</span></div></div></form>`)
	b.WriteString(`<p><strong>Những tin mới hơn</strong></p><ul class="related">`)
	for _, n := range newer {
		fmt.Fprintf(&b, `<li><a title="%s" href="%s">%s</a> <span class="date">(%s)</span></li>`, esc(n[0]), npSite+"/news/hoat-dong/"+slug(n[0])+".html", esc(n[0]), n[1])
	}
	b.WriteString(`</ul></div></div>`)
	return npShell(s.Title, b.String())
}

// slug is a URL-friendly form of a Vietnamese title, good enough for
// generated links.
func slug(title string) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.ToLower(title)) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		for _, r := range w {
			if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				b.WriteRune(r)
			} else if r >= 128 {
				b.WriteByte('x')
			}
		}
		if b.Len() > 60 {
			break
		}
	}
	return b.String()
}

func nvPanel() []File {
	const fam = "nukeviet-panel"
	dv := &Story{
		Name:   "nukeviet-panel-dan-van-kheo",
		URL:    npSite + "/news/hoat-dong/dang-uy-phuong-tong-ket-phong-trao-dan-van-kheo-nam-2020-1432.html",
		Title:  "Đảng ủy phường Đông Giang tổng kết phong trào thi đua “Dân vận khéo” năm 2020",
		Date:   "Thứ Hai, 14/10/2020 15:25",
		Pub:    "2020-10-14T15:25:00+07:00",
		Lead:   "Sáng 13/10, tại Trung tâm Văn hóa – Thể thao phường, Đảng ủy phường Đông Giang tổ chức hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2020 và gặp mặt kỷ niệm 90 năm Ngày truyền thống công tác dân vận của Đảng.",
		Author: "Lê Thị Thu Hà",
		Blocks: []Block{
			P("Dự hội nghị có đồng chí Bí thư Đảng ủy, Chủ tịch HĐND phường; các đồng chí trong Ban Thường vụ Đảng ủy, Thường trực UBND, Ủy ban MTTQ phường, bí thư các chi bộ và tổ trưởng 22 tổ dân phố."),
			P("Năm 2020, phong trào được triển khai rộng khắp trong cả hệ thống chính trị. Toàn phường xây dựng được 36 mô hình “Dân vận khéo”, trong đó 12 mô hình trên lĩnh vực kinh tế, 15 mô hình văn hóa – xã hội, 9 mô hình về quốc phòng, an ninh và xây dựng hệ thống chính trị."),
			Caption("/uploads/news/2020_10/tong-ket-dvk.jpg", "Đồng chí Bí thư Đảng ủy phường trao giấy khen cho các tập thể có mô hình tiêu biểu."),
			P("Nhiều mô hình mang lại hiệu quả thiết thực như “Tuyến phố văn minh không rác thải”, “Camera an ninh tổ dân phố”, “Quỹ khuyến học dòng họ”. Nhân dân đã hiến gần 300 m² đất, đóng góp trên 1,2 tỷ đồng để chỉnh trang ngõ xóm và lắp đặt hệ thống chiếu sáng công cộng."),
			P("Phát biểu chỉ đạo, đồng chí Bí thư Đảng ủy đề nghị các chi bộ tiếp tục gắn phong trào với việc thực hiện nhiệm vụ chính trị của địa phương, phát hiện và nhân rộng các điển hình, kịp thời biểu dương những cách làm hay."),
			P("Dịp này, 10 tập thể và 7 cá nhân có thành tích xuất sắc được Đảng ủy phường tặng giấy khen."),
		},
	}
	cn := &Story{
		Name:  "nukeviet-panel-cap-nuoc-sach",
		URL:   npSite + "/news/thong-bao/thong-bao-tam-ngung-cap-nuoc-de-thay-the-duong-ong-tren-pho-tran-phu-1440.html",
		Title: "Thông báo tạm ngừng cấp nước để thay thế đường ống trên phố Trần Phú",
		Date:  "Thứ Năm, 22/10/2020 08:10",
		Pub:   "2020-10-22T08:10:00+07:00",
		Blocks: []Block{
			P("Công ty Cổ phần Cấp nước thông báo tạm ngừng cấp nước để thay thế đoạn đường ống truyền dẫn trên phố Trần Phú, từ ngã ba Lý Thường Kiệt đến cầu Đông Giang."),
			P("Thời gian ngừng cấp nước: từ 22 giờ ngày 24/10/2020 đến 6 giờ ngày 25/10/2020."),
			P("Khu vực bị ảnh hưởng gồm các tổ dân phố 5, 6, 7, 9 và khu tập thể Nhà máy Cơ khí. Các hộ gia đình chủ động dự trữ nước trong thời gian thi công."),
			P("Mọi thông tin cần hỗ trợ xin liên hệ đường dây nóng của công ty: 0234.3811.222."),
		},
	}
	newer := [][2]string{
		{"Phường Đông Giang ra quân tổng vệ sinh môi trường hưởng ứng chiến dịch làm cho thế giới sạch hơn", "26/10/2020"},
		{"Hội nghị đối thoại giữa Chủ tịch UBND phường với nhân dân năm 2020", "28/10/2020"},
	}

	var list strings.Builder
	for i, st := range []*Story{cn, dv} {
		fmt.Fprintf(&list, `<div class="news_column panel panel-default"><div class="panel-body"><a href="%s" title="%s"><img alt="" src="/uploads/news/thumb%d.jpg" width="100" class="img-thumbnail pull-left imghome" /></a><h3><a href="%s" title="%s">%s</a></h3><p><em class="fa fa-clock-o">&nbsp;</em><em>%s</em></p><p class="text-justify">%s</p></div></div>`,
			st.URL, esc(st.Title), i, st.URL, esc(st.Title), esc(st.Title), esc(st.Date), esc(clip(st.Blocks[0].Gold[0], 220)))
	}
	for i, n := range newer {
		fmt.Fprintf(&list, `<div class="news_column panel panel-default"><div class="panel-body"><h3><a href="%s">%s</a></h3><p><em class="fa fa-clock-o">&nbsp;</em><em>%s</em></p><p class="text-justify">Tin hoạt động của phường Đông Giang, số %d trong tháng 10.</p></div></div>`,
			npSite+"/news/hoat-dong/"+slug(n[0])+".html", esc(n[0]), n[1], i+1)
	}
	list.WriteString(`<div class="text-center"><ul class="pagination"><li class="active"><a href="#">1</a></li><li><a href="/news/hoat-dong/page-2">2</a></li><li><a href="/news/hoat-dong/page-3">3</a></li></ul></div>`)

	law := `<div class="news_column panel panel-default"><div class="panel-body"><h1 class="lawh3">Quyết định về việc kiện toàn Ban Chỉ đạo phòng, chống dịch bệnh phường Đông Giang</h1>
<table class="table table-striped table-bordered table-hover"><tbody>
<tr><td style="width:180px">Số ký hiệu</td><td>125/QĐ-UBND</td></tr>
<tr><td>Ngày ban hành</td><td>12/10/2020</td></tr>
<tr><td>Ngày có hiệu lực</td><td>12/10/2020</td></tr>
<tr><td>Loại văn bản</td><td><a href="/laws/type/quyet-dinh/">Quyết định</a></td></tr>
<tr><td>Lĩnh vực</td><td><a href="/laws/area/y-te/">Y tế</a></td></tr>
<tr><td>Cơ quan ban hành</td><td><a href="/laws/cat/ubnd-phuong/">UBND phường Đông Giang</a></td></tr>
<tr><td>Người ký</td><td>Nguyễn Văn Khánh</td></tr>
<tr><td>Trích yếu</td><td>Về việc kiện toàn Ban Chỉ đạo phòng, chống dịch bệnh COVID-19 phường Đông Giang</td></tr>
<tr><td>Tệp đính kèm</td><td><a href="/uploads/laws/125-qd-ubnd.pdf">125-qd-ubnd.pdf</a> (186 KB)</td></tr>
</tbody></table>
<p class="text-right">Lượt xem: 213 | Lượt tải: 41</p></div></div>`

	return []File{
		article(fam, dv, npArticle(dv, newer)),
		article(fam, cn, npArticle(cn, newer)),
		other(fam, "nukeviet-panel-listing", npSite+"/news/hoat-dong/", "Hoạt động", npShell("Hoạt động", list.String())),
		other(fam, "nukeviet-panel-van-ban", npSite+"/laws/detail/Quyet-dinh-125-QD-UBND-kien-toan-Ban-Chi-dao-phong-chong-dich-benh-214/", "Quyết định 125/QĐ-UBND", npShell("Quyết định 125/QĐ-UBND", law)),
	}
}
