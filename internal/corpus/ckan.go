package corpus

import (
	"fmt"
	"strings"
)

// CKAN 2.9/2.10, as provincial open-data portals run it: a resource page
// (package/resource_read.html: the resource's heading, URL and description,
// then "Thông tin khác", the Field | Value table of its metadata), a
// dataset page (notes, the resource list, tags and the same kind of
// table), neither of them an article; and a post of the ckanext-pages blog
// (h1.page-heading, a span.date in the locale's long form, the content in a
// bare div), which is one.

const ckSite = "https://opendata.example.gov.vn"

func init() { families = append(families, ckan) }

func ckShell(title, crumb, primary, secondary string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<!--[if IE 9]> <html lang="vi" class="ie9"> <![endif]-->
<!--[if gt IE 8]><!--> <html lang="vi"  > <!--<![endif]-->
<head>
<meta charset="utf-8" />
<meta name="csrf_field_name" content="_csrf_token" />
<meta name="generator" content="ckan 2.10.4" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>%s - Cổng dữ liệu mở tỉnh</title>
<link rel="shortcut icon" href="/base/images/ckan.ico" />
<link href="/webassets/base/main.css" rel="stylesheet"/>
</head>
<body data-site-root="https://opendata.example.gov.vn/" data-locale-root="https://opendata.example.gov.vn/vi/" >
<div class="visually-hidden-focusable"><a href="#content">Bỏ qua đến nội dung chính</a></div>
<header class="account-masthead"><div class="container"><nav class="account not-authed" aria-label="Tài khoản"><ul class="list-unstyled"><li><a href="/vi/user/login">Đăng nhập</a></li></ul></nav></div></header>
<header class="masthead"><div class="container"><nav class="navbar navbar-expand-lg navbar-light"><hgroup class="header-image navbar-left"><a class="logo" href="/vi/"><img src="/uploads/admin/logo.png" alt="Cổng dữ liệu mở tỉnh" title="Cổng dữ liệu mở tỉnh" /></a></hgroup>
<div class="main-navbar collapse navbar-collapse" id="main-navigation-toggle"><ul class="navbar-nav ms-auto mb-2 mb-lg-0"><li><a href="/vi/dataset/">Bộ dữ liệu</a></li><li><a href="/vi/organization/">Tổ chức</a></li><li><a href="/vi/group/">Nhóm</a></li><li><a href="/vi/blog">Tin tức</a></li><li><a href="/vi/about">Giới thiệu</a></li></ul>
<form class="d-flex site-search" action="/vi/dataset/" method="get"><label class="d-none" for="field-sitewide-search">Tìm kiếm bộ dữ liệu</label><input id="field-sitewide-search" class="form-control me-2"  type="text" name="q" placeholder="Tìm kiếm" aria-label="Tìm kiếm bộ dữ liệu"/><button class="btn" type="submit" aria-label="Gửi"><i class="fa fa-search"></i></button></form></div></nav></div></header>
<div class="main"><div id="content" class="container">
<div class="flash-messages"></div>
<div class="toolbar" role="navigation" aria-label="Breadcrumb"><ol class="breadcrumb"><li class="home"><a href="/vi/" aria-label="Trang chủ"><i class="fa fa-home"></i><span> Trang chủ</span></a></li>%s</ol></div>
<div class="row wrapper">
<aside class="secondary col-md-3">
%s
</aside>
<div class="primary col-md-9 col-xs-12" role="main">
%s
</div>
</div>
</div></div>
<footer class="site-footer"><div class="container"><div class="row"><div class="col-md-8 footer-links"><ul class="list-unstyled"><li><a href="/vi/about">Giới thiệu về Cổng dữ liệu mở</a></li><li><a href="https://docs.ckan.org/">API CKAN</a></li></ul></div><div class="col-md-4 attribution"><p><strong>Vận hành bởi</strong> <a class="hide-text ckan-footer-logo" href="http://ckan.org">CKAN</a></p></div></div></div></footer>
</body>
</html>
`, esc(title), crumb, secondary, primary)
}

func ckan() []File {
	const fam = "ckan"
	blog := &Story{
		Name:  "ckan-blog-cong-bo-du-lieu-truong-hoc",
		URL:   ckSite + "/vi/blog/cong-bo-bo-du-lieu-mang-luoi-truong-hoc-nam-2024",
		Title: "Công bố bộ dữ liệu mạng lưới trường học năm 2024",
		Date:  "19 tháng 9, 2024",
		Pub:   "2024-09-19",
		Blocks: []Block{
			P("Sở Giáo dục và Đào tạo vừa công bố trên Cổng dữ liệu mở của tỉnh bộ dữ liệu mạng lưới trường học năm 2024, gồm thông tin của 612 trường mầm non, tiểu học, trung học cơ sở và trung học phổ thông trên địa bàn."),
			P("Mỗi trường có tên, mã trường, loại hình, địa chỉ, tọa độ, số lớp, số học sinh và số giáo viên theo số liệu đầu năm học. Dữ liệu được cung cấp ở định dạng XLSX, CSV và GeoJSON để người dùng có thể hiển thị trực tiếp trên bản đồ."),
			P("Đây là bộ dữ liệu thứ 48 được các sở, ngành công bố kể từ khi Cổng dữ liệu mở đi vào hoạt động. Người dân, doanh nghiệp và các nhà nghiên cứu được sử dụng miễn phí theo giấy phép Creative Commons Ghi công."),
			P("Trong quý IV, Sở Thông tin và Truyền thông sẽ phối hợp với các đơn vị tiếp tục công bố dữ liệu về cơ sở y tế, điểm thu gom rác thải và các tuyến xe buýt nội tỉnh."),
		},
	}
	recent := `<div class="module module-narrow module-shallow"><h2 class="module-heading">Tin tức</h2><div class="module-content">
<div class="blog-title"><h3 class="dataset-heading"><a href="/vi/blog/huong-dan-su-dung-api-du-lieu-mo">Hướng dẫn sử dụng API của Cổng dữ liệu mở cho nhà phát triển</a><br><small> 2 tháng 8, 2024 </small></h3></div><div class="blog-content">Bài viết giới thiệu cách truy vấn dữ liệu qua giao diện lập trình của cổng.<br><a class="btn btn-small btn-primary more" href="/vi/blog/huong-dan-su-dung-api-du-lieu-mo">Xem thêm</a></div>
<div class="blog-title"><h3 class="dataset-heading"><a href="/vi/blog/hoi-thao-du-lieu-mo-phuc-vu-chuyen-doi-so">Hội thảo dữ liệu mở phục vụ chuyển đổi số của tỉnh</a><br><small> 15 tháng 6, 2024 </small></h3></div><div class="blog-content">Hơn 150 đại biểu tham dự hội thảo về khai thác dữ liệu mở.<br><a class="btn btn-small btn-primary more" href="/vi/blog/hoi-thao-du-lieu-mo-phuc-vu-chuyen-doi-so">Xem thêm</a></div>
</div></div>`
	blogPage := fmt.Sprintf(`<section class="module-content"><h1 class="page-heading">%s</h1>
<span class="muted date"> %s </span>
<div>
%s</div>
</section>`, esc(blog.Title), esc(blog.Date), blog.Body())

	resTitle := "Danh sách trường học năm 2024.xlsx"
	resources := `<section class="module module-narrow resources"><h2 class="module-heading"><i class="fa fa-copy"></i> Tài nguyên</h2><ul class="list-unstyled nav nav-simple">
<li class="nav-item active"><a href="/vi/dataset/mang-luoi-truong-hoc-2024/resource/3f2a9c1e-6b1d-4c8e-9a51-0d7e2b4c8a11" title="Danh sách trường học năm 2024.xlsx">Danh sách trường học năm 2024.xlsx</a></li>
<li class="nav-item"><a href="/vi/dataset/mang-luoi-truong-hoc-2024/resource/8c1d7e22-0a4f-4b9e-b3c7-5e9f1a2d6c34" title="Danh sách trường học năm 2024.csv">Danh sách trường học năm 2024.csv</a></li>
<li class="nav-item"><a href="/vi/dataset/mang-luoi-truong-hoc-2024/resource/b7e4a0f9-2c6d-4e1a-8f35-9d2c7b1e0a56" title="Bản đồ trường học.geojson">Bản đồ trường học.geojson</a></li></ul></section>
<section class="module module-narrow social"><h2 class="module-heading"><i class="fa fa-share-square"></i> Chia sẻ mạng xã hội</h2><ul class="nav nav-simple"><li class="nav-item"><a href="https://www.facebook.com/sharer.php?u=" target="_blank"><i class="fa fa-facebook-square"></i> Facebook</a></li></ul></section>`
	table := func(rows [][2]string) string {
		var b strings.Builder
		b.WriteString(`<table class="table table-striped table-bordered table-condensed" data-module="table-toggle-more"><thead><tr><th scope="col">Trường</th><th scope="col">Giá trị</th></tr></thead><tbody>`)
		for _, r := range rows {
			fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td></tr>`, esc(r[0]), esc(r[1]))
		}
		b.WriteString(`</tbody></table>`)
		return b.String()
	}
	res := fmt.Sprintf(`<section class="module module-resource" role="complementary"><div class="module-content"><div class="actions"><ul><li><div class="btn-group"><a class="btn btn-primary resource-url-analytics resource-type-None" href="/dataset/mang-luoi-truong-hoc-2024/resource/3f2a9c1e/download/danh-sach-truong-hoc-2024.xlsx"><i class="fa fa-arrow-circle-o-down"></i> Tải xuống</a></div></li></ul></div>
<h1 class="page-heading">%s</h1>
<p class="text-muted ellipsis">URL: <a class="resource-url-analytics" href="/dataset/mang-luoi-truong-hoc-2024/resource/3f2a9c1e/download/danh-sach-truong-hoc-2024.xlsx">https://opendata.example.gov.vn/dataset/mang-luoi-truong-hoc-2024/resource/3f2a9c1e/download/danh-sach-truong-hoc-2024.xlsx</a></p>
<div class="prose notes" property="rdfs:label"><p>Danh sách các trường mầm non, tiểu học, THCS và THPT trên địa bàn tỉnh, cập nhật đầu năm học 2024 – 2025.</p></div>
<div class="resource-view"><div class="data-viewer-info"><p>Chưa có chế độ xem nào được tạo cho tài nguyên này.</p></div></div></div></section>
<section class="module"><div class="module-content"><h2>Thông tin khác</h2>%s</div></section>`, esc(resTitle), table([][2]string{
		{"Dữ liệu cập nhật lần cuối", "6 tháng 11, 2024"},
		{"Metadata cập nhật lần cuối", "6 tháng 11, 2024"},
		{"Được tạo ra", "6 tháng 11, 2024"},
		{"Định dạng", "XLSX"},
		{"Giấy phép", "Creative Commons Attribution"},
		{"Datastore active", "False"},
		{"Has views", "False"},
		{"Id", "3f2a9c1e-6b1d-4c8e-9a51-0d7e2b4c8a11"},
		{"Package id", "0e6b2f7a-91c4-4d3b-a8e2-5f1c9d7b3e20"},
		{"Position", "0"},
		{"Size", "48,2 KiB"},
		{"State", "active"},
		{"Url type", "upload"},
	}))

	ds := fmt.Sprintf(`<article class="module"><div class="module-content"><h1>Mạng lưới trường học năm 2024</h1>
<div class="notes embedded-content"><p>Bộ dữ liệu gồm thông tin cơ bản của các cơ sở giáo dục mầm non và phổ thông trên địa bàn tỉnh: tên trường, mã trường, loại hình, địa chỉ, tọa độ, số lớp, số học sinh, số giáo viên. Dữ liệu do Sở Giáo dục và Đào tạo cung cấp và cập nhật mỗi năm học.</p></div>
<section id="dataset-resources" class="resources"><h2>Dữ liệu và Tài nguyên</h2><ul class="resource-list">
<li class="resource-item"><a class="heading" href="/vi/dataset/mang-luoi-truong-hoc-2024/resource/3f2a9c1e-6b1d-4c8e-9a51-0d7e2b4c8a11" title="Danh sách trường học năm 2024.xlsx">Danh sách trường học năm 2024.xlsx<span class="format-label" property="dc:format" data-format="xlsx">XLSX</span></a><p class="description">Danh sách các trường mầm non, tiểu học, THCS và THPT trên địa bàn tỉnh.</p><div class="dropdown btn-group"><a href="#" class="btn btn-primary dropdown-toggle" data-bs-toggle="dropdown"><i class="fa fa-share"></i> Khám phá</a></div></li>
<li class="resource-item"><a class="heading" href="/vi/dataset/mang-luoi-truong-hoc-2024/resource/8c1d7e22-0a4f-4b9e-b3c7-5e9f1a2d6c34" title="Danh sách trường học năm 2024.csv">Danh sách trường học năm 2024.csv<span class="format-label" property="dc:format" data-format="csv">CSV</span></a><p class="description">Bản CSV của cùng danh sách, mã hóa UTF-8.</p></li>
<li class="resource-item"><a class="heading" href="/vi/dataset/mang-luoi-truong-hoc-2024/resource/b7e4a0f9-2c6d-4e1a-8f35-9d2c7b1e0a56" title="Bản đồ trường học.geojson">Bản đồ trường học.geojson<span class="format-label" property="dc:format" data-format="geojson">GeoJSON</span></a><p class="description">Vị trí các trường dưới dạng điểm trên bản đồ.</p></li>
</ul></section>
<section class="tags"><ul class="tag-list"><li><a class="tag" href="/vi/dataset/?tags=gi%%C3%%A1o+d%%E1%%BB%%A5c">giáo dục</a></li><li><a class="tag" href="/vi/dataset/?tags=tr%%C6%%B0%%E1%%BB%%9Dng+h%%E1%%BB%%8Dc">trường học</a></li></ul></section>
<section class="additional-info"><h3>Thông tin khác</h3>%s</section></div></article>`, table([][2]string{
		{"Nguồn", "Sở Giáo dục và Đào tạo"},
		{"Tác giả", "Phòng Kế hoạch – Tài chính"},
		{"Người bảo trì", "Trung tâm Công nghệ thông tin"},
		{"Phiên bản", "2024.1"},
		{"Cập nhật lần cuối", "6 tháng 11, 2024, 09:12 (UTC+07:00)"},
		{"Được tạo ra", "6 tháng 11, 2024, 08:40 (UTC+07:00)"},
		{"Phạm vi", "Toàn tỉnh"},
		{"Tần suất cập nhật", "Hằng năm"},
	}))
	org := `<div class="module module-narrow module-shallow context-info"><section class="module-content"><h1 class="heading">Sở Giáo dục và Đào tạo</h1><p>Cơ quan chuyên môn thuộc UBND tỉnh, tham mưu về giáo dục và đào tạo.</p><a href="/vi/organization/so-giao-duc" class="btn btn-default">Xem thêm</a></section></div>`

	crumbDS := `<li><a href="/vi/organization/">Tổ chức</a></li><li><a href="/vi/organization/so-giao-duc">Sở Giáo dục và Đào tạo</a></li><li><a href="/vi/dataset/mang-luoi-truong-hoc-2024">Mạng lưới trường học năm 2024</a></li>`
	return []File{
		article(fam, blog, ckShell(blog.Title, `<li><a href="/vi/blog">Tin tức</a></li>`, blogPage, recent)),
		other(fam, "ckan-resource", ckSite+"/vi/dataset/mang-luoi-truong-hoc-2024/resource/3f2a9c1e-6b1d-4c8e-9a51-0d7e2b4c8a11", resTitle,
			ckShell("Mạng lưới trường học năm 2024 - "+resTitle, crumbDS+`<li class="active"><a href="">Danh sách trường học năm 20...</a></li>`, res, resources)),
		other(fam, "ckan-dataset", ckSite+"/vi/dataset/mang-luoi-truong-hoc-2024", "Mạng lưới trường học năm 2024",
			ckShell("Mạng lưới trường học năm 2024", crumbDS, ds, org)),
	}
}
