package corpus

import "fmt"

// Vietnamese news sites, in the layouts of the big national papers and the
// provincial papers that copy them:
//   - VnExpress-style: the whole main column is a div.sidebar-1 (the class
//     names a column, not a sidebar), the date a span.date above the
//     headline ("Thứ tư, 22/10/2025, 19:25 (GMT+7)"), the sapo a
//     p.description outside article.fck_detail, paragraphs p.Normal, the
//     author's name in bold as the last paragraph;
//   - Tuổi Trẻ-style: h1.article-title, div.date-time, h2.sapo, the body in
//     #main-detail-body with its own "Tin liên quan" box inside it, the
//     author in div.author below;
//   - Báo Chính phủ-style: div.detail-time, h1.detail-title, h2.detail-sapo,
//     div.detail-content.afcbc-body with a "(Chinhphu.vn) –" lead-in;
//   - a provincial paper's CMS: the sapo in div.brief between the headline
//     and [itemprop=articleBody], JSON-LD NewsArticle metadata.

func init() { families = append(families, news) }

func newsShell(site, title, lang, head, main string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>%s - %s</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
%s
<link rel="stylesheet" href="/css/main.min.css">
</head>
<body>
<header class="section top-header"><div class="container flexbox"><a class="logo" href="/" title="%s"><img src="/images/logo.svg" alt="%s"></a><nav class="main-nav"><ul class="parent"><li><a href="/thoi-su">Thời sự</a></li><li><a href="/the-gioi">Thế giới</a></li><li><a href="/kinh-doanh">Kinh doanh</a></li><li><a href="/suc-khoe">Sức khỏe</a></li><li><a href="/giao-duc">Giáo dục</a></li></ul></nav><div class="search-box"><form action="/tim-kiem"><input type="text" name="q" placeholder="Tìm kiếm"><button>Tìm</button></form></div></div></header>
%s
<footer class="footer"><div class="container"><p>%s – Giấy phép số 548/GP-BTTTT. Tổng biên tập: Nguyễn Văn A.</p><p>© Bản quyền thuộc về %s. Ghi rõ nguồn khi trích dẫn lại.</p></div></footer>
</body>
</html>
`, lang, esc(title), site, head, site, site, main, site, site)
}

func news() []File {
	const fam = "news"

	// VnExpress-style.
	ut := &Story{
		Name:   "news-sidebar-ung-thu-da-day",
		URL:    "https://suckhoe.example.vn/dau-thuong-vi-keo-dai-phat-hien-ung-thu-da-day-giai-doan-som-4950112.html",
		Title:  "Đau thượng vị kéo dài, phát hiện ung thư dạ dày giai đoạn sớm",
		Date:   "Thứ tư, 22/10/2025, 19:25 (GMT+7)",
		Pub:    "2025-10-22T19:25:00+07:00",
		Author: "Thu Hà",
		Lead:   "Người phụ nữ 52 tuổi đau âm ỉ vùng thượng vị ba tháng, nội soi phát hiện khối u dạ dày giai đoạn sớm, được cắt bỏ qua nội soi mà không cần mổ mở.",
		Blocks: []Block{
			Raw(`<p class="Normal">Ngày 21/10, bác sĩ Trung tâm Tiêu hóa, Bệnh viện Đa khoa tỉnh cho biết bệnh nhân đau bụng âm ỉ sau ăn, ợ hơi, tự mua thuốc dạ dày uống nhưng không đỡ. Kết quả nội soi cho thấy một tổn thương phẳng kích thước 1,5 cm ở hang vị.</p>`, "Ngày 21/10, bác sĩ Trung tâm Tiêu hóa, Bệnh viện Đa khoa tỉnh cho biết bệnh nhân đau bụng âm ỉ sau ăn, ợ hơi, tự mua thuốc dạ dày uống nhưng không đỡ. Kết quả nội soi cho thấy một tổn thương phẳng kích thước 1,5 cm ở hang vị."),
			Raw(`<figure data-size="true" itemprop="associatedMedia image" itemscope itemtype="http://schema.org/ImageObject" class="tplCaption action_thumb_added"><meta itemprop="url" content="https://suckhoe.example.vn/images/noi-soi.jpg"><div class="fig-picture"><picture><img itemprop="contentUrl" loading="lazy" alt="Bác sĩ nội soi cho bệnh nhân" src="/images/noi-soi.jpg"></picture></div><figcaption itemprop="description"><p class="Image">Bác sĩ nội soi cho bệnh nhân. Ảnh: <em>Bệnh viện cung cấp</em></p></figcaption></figure>`, "Bác sĩ nội soi cho bệnh nhân. Ảnh: Bệnh viện cung cấp"),
			Raw(`<p class="Normal">Sinh thiết xác định ung thư biểu mô tuyến giai đoạn sớm, chưa xâm lấn lớp cơ. Ê kíp bác sĩ cắt tách dưới niêm mạc qua nội soi, lấy trọn khối u. Sau hai ngày, bệnh nhân ăn uống bình thường và được xuất viện.</p>`, "Sinh thiết xác định ung thư biểu mô tuyến giai đoạn sớm, chưa xâm lấn lớp cơ. Ê kíp bác sĩ cắt tách dưới niêm mạc qua nội soi, lấy trọn khối u. Sau hai ngày, bệnh nhân ăn uống bình thường và được xuất viện."),
			Raw(`<p class="Normal">Theo bác sĩ, ung thư dạ dày giai đoạn sớm thường không có triệu chứng rõ ràng, dễ nhầm với viêm loét dạ dày thông thường. Người trên 40 tuổi, có tiền sử gia đình hoặc nhiễm vi khuẩn HP nên nội soi tầm soát định kỳ.</p>`, "Theo bác sĩ, ung thư dạ dày giai đoạn sớm thường không có triệu chứng rõ ràng, dễ nhầm với viêm loét dạ dày thông thường. Người trên 40 tuổi, có tiền sử gia đình hoặc nhiễm vi khuẩn HP nên nội soi tầm soát định kỳ."),
			Chrome(`<p class="Normal" style="text-align:right;"><strong>Thu Hà</strong></p>`),
		},
	}
	vne := fmt.Sprintf(`<section class="section page-detail top-detail"><div class="container flexbox">
<div class="sidebar-1">
<div class="header-content width_common"><ul class="breadcrumb"><li><a href="/suc-khoe" title="Sức khỏe">Sức khỏe</a></li><li><a href="/suc-khoe/tin-tuc" title="Tin tức">Tin tức</a></li></ul><span class="date">%s</span></div>
<h1 class="title-detail">%s</h1>
<div class="topbar-sticky nav-sticky"><div class="social_pin"><ul class="social_left"><li><a href="javascript:;" class="btn_share" title="Chia sẻ bài viết lên facebook">Facebook</a></li><li class="li_comment"><a href="#box_comment" class="social_comment" title="Bình luận"><span class="number_cmt">12</span></a></li><li><a href="javascript:;" class="print_content" title="In">In</a></li></ul></div></div>
<p class="description">%s</p>
<article class="fck_detail ">
%s<span id="article-end"></span></article>
<div class="footer-content width_common"><a href="/suc-khoe" class="save back-folder">Trở lại Sức khỏe</a><div class="box-tinlienquanv2"><h3 class="title_box_category">Tin liên quan</h3><ul><li><a href="/viem-loet-da-day-o-nguoi-tre-4941203.html">Viêm loét dạ dày ở người trẻ: dấu hiệu không nên bỏ qua</a></li><li><a href="/nhiem-vi-khuan-hp-co-nguy-hiem-khong-4938870.html">Nhiễm vi khuẩn HP có nguy hiểm không?</a></li></ul></div></div>
<div class="box_comment_vne width_common" id="box_comment"><h3 class="title_box_category">Ý kiến (12)</h3><div class="input_comment"><textarea placeholder="Ý kiến của bạn"></textarea></div></div>
</div>
<div class="sidebar-2"><div class="box-category"><h2 class="title-box"><a href="/suc-khoe">Sức khỏe</a></h2><article class="item-news"><h3 class="title-news"><a href="/5-thoi-quen-giup-da-day-khoe-manh-4949921.html">5 thói quen giúp dạ dày khỏe mạnh</a></h3><p class="description">Ăn đúng giờ, nhai kỹ, hạn chế đồ cay nóng giúp giảm nguy cơ viêm loét.</p></article><article class="item-news"><h3 class="title-news"><a href="/tam-soat-ung-thu-dai-trang-4949210.html">Khi nào nên tầm soát ung thư đại trực tràng</a></h3><p class="description">Người trên 45 tuổi nên nội soi đại tràng định kỳ theo khuyến cáo.</p></article></div></div>
</div></section>`, esc(ut.Date), esc(ut.Title), esc(ut.Lead), ut.Body())

	// Tuổi Trẻ-style.
	xb := &Story{
		Name:   "news-tuoitre-xe-buyt-dien",
		URL:    "https://baotre.example.vn/them-5-tuyen-xe-buyt-dien-ket-noi-trung-tam-voi-cac-huyen-ngoai-thanh-20251020081512345.htm",
		Title:  "Thêm 5 tuyến xe buýt điện kết nối trung tâm với các huyện ngoại thành",
		Date:   "20/10/2025 08:15 GMT+7",
		Pub:    "2025-10-20T08:15:00+07:00",
		Author: "Minh Quân",
		Lead:   "Từ ngày 1/11, thành phố đưa vào khai thác thêm 5 tuyến xe buýt điện với 96 xe, nâng tổng số tuyến xe buýt điện lên 21 tuyến.",
		Blocks: []Block{
			P("Theo Sở Giao thông vận tải, các tuyến mới đi qua nhiều khu dân cư, khu công nghiệp ở phía Tây và phía Nam thành phố, kết nối với các tuyến đường sắt đô thị đang khai thác."),
			P("Xe có sức chứa 60 hành khách, trang bị hệ thống định vị, camera giám sát và thiết bị hỗ trợ người khuyết tật lên xuống. Giá vé lượt từ 7.000 đến 9.000 đồng tùy cự ly, áp dụng vé tháng và thẻ miễn phí cho người cao tuổi."),
			Chrome(`<div type="RelatedOneNews" class="VCSortableInPreviewMode" contenteditable="false"><div class="relatednews"><p class="title-relatednews">Tin liên quan</p><a href="/xe-buyt-dien-dau-tien-chay-thu-20240110.htm" title="Xe buýt điện đầu tiên chạy thử">Xe buýt điện đầu tiên chạy thử trên tuyến nội đô</a></div></div>`),
			P("Đại diện doanh nghiệp vận hành cho biết mỗi xe sạc đầy chạy được khoảng 250 km, đủ cho một ngày hoạt động. Trạm sạc được đặt tại các điểm đầu cuối để xe sạc vào giờ thấp điểm."),
			P("Thành phố đặt mục tiêu đến năm 2030 toàn bộ xe buýt thay mới sử dụng điện hoặc năng lượng xanh."),
		},
	}
	tt := fmt.Sprintf(`<div class="container"><div class="detail-main"><div class="detail-cate"><a href="/giao-thong.htm" title="Giao thông">Giao thông</a></div>
<h1 class="article-title" data-role="title">%s</h1>
<div class="detail-top"><div class="date-time" data-role="publishdate">%s</div><div class="detail-share"><a href="javascript:;" class="fb" title="Chia sẻ">Chia sẻ</a></div></div>
<h2 class="sapo" data-role="sapo">%s</h2>
<div class="detail-content afcbc-body" id="main-detail-body" data-role="content">
%s</div>
<div class="author-info"><div class="author" data-role="author">%s</div></div>
<div class="detail-tab"><div class="tags-wrapper"><ul class="tags-container"><li><a href="/xe-buyt.html">xe buýt</a></li></ul></div></div>
<div class="box-comment"><div class="box-title">Bình luận</div></div>
</div></div>`, esc(xb.Title), esc(xb.Date), esc(xb.Lead), xb.Body(), esc(xb.Author))

	// Báo Chính phủ-style.
	cc := &Story{
		Name:   "news-chinhphu-cai-cach-thu-tuc",
		URL:    "https://tinchinhphu.example.vn/cat-giam-thu-tuc-hanh-chinh-noi-bo-trong-he-thong-hanh-chinh-nha-nuoc-102251021153000123.htm",
		Title:  "Cắt giảm thủ tục hành chính nội bộ trong hệ thống hành chính nhà nước",
		Date:   "21/10/2025 15:30",
		Pub:    "2025-10-21T15:30:00+07:00",
		Author: "Thu Giang",
		Lead:   "Thủ tướng Chính phủ vừa phê duyệt phương án cắt giảm, đơn giản hóa 126 thủ tục hành chính nội bộ giữa các cơ quan hành chính nhà nước.",
		Blocks: []Block{
			P("(Chinhphu.vn) – Theo quyết định, các bộ, cơ quan ngang bộ có trách nhiệm hoàn thành việc sửa đổi văn bản quy phạm pháp luật để thực thi phương án trước ngày 31/12/2025."),
			P("Phương án tập trung vào các nhóm thủ tục về tài chính – ngân sách, đầu tư công, tổ chức cán bộ và thi đua – khen thưởng. Nhiều thủ tục được bãi bỏ hoặc chuyển sang thực hiện trên môi trường điện tử, giảm thành phần hồ sơ và thời gian giải quyết."),
			P("Văn phòng Chính phủ được giao theo dõi, đôn đốc và tổng hợp kết quả thực hiện, báo cáo Thủ tướng trong quý I năm 2026."),
		},
	}
	cp := fmt.Sprintf(`<div class="container"><div class="detail-container"><div class="detail-breadcrumb"><a href="/chinh-sach-moi.htm">Chính sách mới</a></div>
<div class="detail-time"><div data-role="publishdate">%s</div></div>
<h1 class="detail-title" data-role="title">%s</h1>
<h2 class="detail-sapo" data-role="sapo">%s</h2>
<div class="detail-content afcbc-body" data-role="content">
%s</div>
<div class="detail-author"><p>%s</p></div>
<div class="detail-related"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/dua-thu-tuc-hanh-chinh-len-moi-truong-so-1022510.htm">Đưa thủ tục hành chính lên môi trường số</a></li></ul></div>
</div></div>`, esc(cc.Date), esc(cc.Title), esc(cc.Lead), cc.Body(), esc(cc.Author))

	// A provincial paper's CMS: div.brief before [itemprop=articleBody].
	lt := &Story{
		Name:   "news-brief-lua-tom",
		URL:    "https://baotinh.example.vn/kinh-te/mo-hinh-lua-tom-cho-thu-nhap-cao-gap-ba-lan-trong-lua-36102.html",
		Title:  "Mô hình lúa – tôm cho thu nhập cao gấp ba lần trồng lúa",
		Date:   "Cập nhật: 17/10/2025 - 10:05",
		Pub:    "2025-10-17T10:05:00+07:00",
		Author: "Hoàng Lan",
		Lead:   "Sau ba năm chuyển đổi, 450 ha ruộng nhiễm mặn ở huyện ven biển đã cho thu nhập bình quân 180 triệu đồng mỗi héc-ta mỗi năm.",
		Blocks: []Block{
			P("Trước đây, nhiều hộ ở xã Tân Hải chỉ trồng được một vụ lúa, năng suất bấp bênh vì nước mặn xâm nhập. Từ năm 2022, với sự hỗ trợ kỹ thuật của Trung tâm Khuyến nông, bà con chuyển sang luân canh một vụ lúa, một vụ tôm."),
			P("Vụ tôm nuôi từ tháng 2 đến tháng 7 tận dụng nước lợ; sau thu hoạch, ruộng được rửa mặn để cấy lúa chịu mặn trong mùa mưa. Phụ phẩm của vụ tôm trở thành nguồn dinh dưỡng cho cây lúa, giảm lượng phân bón hóa học."),
			P("Ông Trần Văn Lợi, một trong những hộ đầu tiên tham gia, cho biết gia đình thu lãi hơn 200 triệu đồng trên 1,2 ha trong năm qua. Xã đã thành lập hợp tác xã để bao tiêu sản phẩm và xây dựng nhãn hiệu “Lúa tôm Tân Hải”."),
		},
	}
	ld := `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Mô hình lúa – tôm cho thu nhập cao gấp ba lần trồng lúa","datePublished":"2025-10-17T10:05:00+07:00","dateModified":"2025-10-17T14:20:00+07:00","author":{"@type":"Person","name":"Hoàng Lan"},"publisher":{"@type":"Organization","name":"Báo tỉnh"}}</script>`
	pv := fmt.Sprintf(`<div class="container"><div class="row"><div class="col-8"><div class="article-detail">
<ol class="breadcrumbs"><li><a href="/">Trang chủ</a></li><li><a href="/kinh-te">Kinh tế</a></li></ol>
<h1 class="article-title">%s</h1>
<div class="article-meta"><span class="article-publish">%s</span> <span class="article-author">%s</span></div>
<div class="brief">%s</div>
<div class="article-photo"><img src="/uploads/2025/10/lua-tom.jpg" alt=""><p class="photo-caption">Thu hoạch tôm trên ruộng lúa ở xã Tân Hải.</p></div>
<div itemprop="articleBody">
%s</div>
<div class="article-tools"><a href="javascript:window.print()">In bài</a> <a href="mailto:?subject=">Gửi email</a></div>
<div class="related-news"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/kinh-te/xuat-khau-tom-tang-manh-36051.html">Xuất khẩu tôm tăng mạnh trong 9 tháng</a></li></ul></div>
</div></div><div class="col-4"><div class="box-most-read"><h3>Đọc nhiều</h3><ol><li><a href="/xa-hoi/1.html">Khánh thành cầu dân sinh ở xã vùng cao</a></li></ol></div></div></div></div>`, esc(lt.Title), esc(lt.Date), esc(lt.Author), esc(lt.Lead), lt.Body())

	// The photo caption of the provincial paper sits between the sapo and
	// the body, outside both: it is not part of the gold text.
	return []File{
		article(fam, ut, newsShell("Báo Sức khỏe", ut.Title, "vi", `<meta property="og:type" content="article">`, vne)),
		article(fam, xb, newsShell("Báo Trẻ", xb.Title, "vi", "", tt)),
		article(fam, cc, newsShell("Tin Chính phủ", cc.Title, "vi", "", cp)),
		article(fam, lt, newsShell("Báo tỉnh", lt.Title, "vi", ld, pv)),
	}
}
