package corpus

import (
	"fmt"
	"strings"

	"github.com/wardcrawl/wardcrawl/internal/legacyenc"
)

// Hand-made commune sites from the 2000s: one big layout table (banner,
// a row with today's date "Hà Nội, ngày 22-10-2020", left menu, content,
// right column with the visitor counter), <font> tags, <br> for paragraphs,
// and old text typed in TCVN3 for the .VnTime fonts or saved as code page
// 1258.

const hmSite = "http://xatanhoa.example.gov.vn"

func init() { families = append(families, handmade) }

func hmShell(charsetMeta, title, content string) string {
	return fmt.Sprintf(`<html>
<head>
%s<title>%s</title>
<style type="text/css">.tieude{font-family:Arial;font-size:16px;color:#003399} .menu a{color:#fff}</style>
</head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="3"><img src="images/banner.jpg" width="980" height="150" alt=""></td></tr>
<tr><td colspan="3" bgcolor="#003399" class="menu"><font color="#FFFFFF" size="2">Hà Nội, ngày 22-10-2020</font> &nbsp;|&nbsp; <a href="index.asp">Trang chủ</a> | <a href="gioithieu.asp">Giới thiệu</a> | <a href="tintuc.asp">Tin tức</a> | <a href="lienhe.asp">Liên hệ</a></td></tr>
<tr>
<td width="190" valign="top" bgcolor="#EEF3FF">
<table width="100%%" cellpadding="3"><tr><td bgcolor="#6688CC"><b><font color="#FFFFFF">DANH MỤC</font></b></td></tr>
<tr><td><a href="tintuc.asp?cat=1">Tin tức - Sự kiện</a></td></tr><tr><td><a href="tintuc.asp?cat=2">Thông báo</a></td></tr><tr><td><a href="vanban.asp">Văn bản</a></td></tr><tr><td><a href="lichtiepdan.asp">Lịch tiếp dân</a></td></tr></table>
</td>
<td width="600" valign="top" style="padding:8px">
%s
</td>
<td width="190" valign="top" bgcolor="#EEF3FF">
<table width="100%%" cellpadding="3"><tr><td bgcolor="#6688CC"><b><font color="#FFFFFF">Thống kê truy cập</font></b></td></tr><tr><td>Hôm nay : 14</td></tr><tr><td>Hôm qua : 37</td></tr><tr><td>Tổng số : 120.448</td></tr></table>
<table width="100%%" cellpadding="3"><tr><td bgcolor="#6688CC"><b><font color="#FFFFFF">Liên kết website</font></b></td></tr><tr><td><a href="http://hanoi.gov.vn">Cổng thông tin Hà Nội</a></td></tr></table>
</td>
</tr>
<tr><td colspan="3" align="center" bgcolor="#003399"><font color="#FFFFFF" size="2">UBND xã Tân Hòa - huyện Quốc Oai - TP Hà Nội. Điện thoại: 024.3384.1122</font></td></tr>
</table>
</body>
</html>
`, charsetMeta, title, content)
}

const hmUTF8 = `<meta http-equiv="Content-Type" content="text/html; charset=utf-8">` + "\n"

// hmContent is the content cell's article table.
func hmContent(titleHTML, dateHTML, body string) string {
	return fmt.Sprintf(`<table width="100%%" border="0" cellpadding="4">
<tr><td class="tieude"><b>%s</b></td></tr>
<tr><td><i><font size="2" color="#666666">%s</font></i></td></tr>
<tr><td align="justify"><font face="Arial" size="2">
%s</font></td></tr>
<tr><td align="right"><a href="javascript:window.print()"><img src="images/print.gif" border="0" alt="In bài viết"> In bài viết</a> | <a href="javascript:history.back()">Quay lại</a></td></tr>
</table>
<p><b>Các tin khác:</b></p>
<ul><li><a href="tin.asp?id=211">Xã Tân Hòa tổ chức Hội nghị nhân dân năm 2020</a></li><li><a href="tin.asp?id=207">Ra quân làm đường giao thông nông thôn thôn Đông Hòa</a></li></ul>
`, titleHTML, dateHTML, body)
}

// tcvn returns text as a UTF-8 page shows TCVN3 typed for .VnTime: each
// TCVN3 byte as the Latin-1 character of that code.
func tcvn(text string) string {
	b, err := legacyenc.TCVN3(text)
	if err != nil {
		panic(err)
	}
	return legacyenc.Latin1(b)
}

// TcvnP is a paragraph typed in TCVN3 in a .VnTime font.
func TcvnP(text string) Block {
	return Block{fmt.Sprintf(`<p><font face=".VnTime" size="3">%s</font></p>`, esc(tcvn(text))), []string{text}}
}

func handmade() []File {
	const fam = "handmade"

	// TCVN3 inside a UTF-8 page: the title in .VnTimeH (typed in lower
	// case, shown in capitals), the body in .VnTime.
	font := &Story{
		Name:  "handmade-tcvn3-vntime",
		URL:   hmSite + "/tin.asp?id=198",
		Title: "XÃ TÂN HÒA TỔNG KẾT CÔNG TÁC THU HOẠCH VỤ XUÂN NĂM 2020",
		Date:  "Đăng ngày 15/6/2020",
		Pub:   "2020-06-15",
		Blocks: []Block{
			TcvnP("Ngày 12/6/2020, UBND xã Tân Hòa tổ chức hội nghị tổng kết sản xuất vụ xuân và triển khai kế hoạch sản xuất vụ mùa năm 2020."),
			TcvnP("Vụ xuân năm nay, toàn xã gieo cấy 412 ha lúa, năng suất bình quân đạt 62 tạ/ha, tăng 3 tạ/ha so với cùng kỳ. Diện tích lúa chất lượng cao chiếm 45%."),
			TcvnP("Hội nghị đề ra mục tiêu vụ mùa gieo cấy hết diện tích, đẩy mạnh cơ giới hóa khâu làm đất và thu hoạch, phòng trừ sâu bệnh kịp thời."),
			TcvnP("Ông Nguyễn Văn Khải, Chủ tịch UBND xã đề nghị các thôn chủ động nước tưới và hướng dẫn bà con gieo cấy đúng khung thời vụ."),
		},
	}
	fontPage := hmShell(hmUTF8, "UBND xã Tân Hòa", hmContent(
		`<font face=".VnTimeH" size="4" color="#003399">`+esc(tcvn(strings.ToLower(font.Title)))+`</font>`,
		esc(font.Date), font.Body()))

	// A whole page typed in TCVN3 and served as bytes with no charset: the
	// markup is ASCII, every Vietnamese letter a TCVN3 byte.
	raw := &Story{
		Name:  "handmade-tcvn3-raw",
		URL:   hmSite + "/cu/tin.asp?id=42",
		Title: "Thông báo về việc đăng ký nghĩa vụ quân sự năm 2008",
		Date:  "Ngày đăng: 03/3/2008",
		Pub:   "2008-03-03",
		Blocks: []Block{
			P("Thực hiện Luật Nghĩa vụ quân sự, Ban Chỉ huy Quân sự xã Tân Hòa thông báo:"),
			P("Công dân nam sinh năm 1991 đến đăng ký nghĩa vụ quân sự lần đầu tại Ban Chỉ huy Quân sự xã."),
			P("Thời gian đăng ký: từ ngày 05/3/2008 đến ngày 15/3/2008, trong giờ hành chính."),
			P("Khi đi mang theo giấy khai sinh và sổ hộ khẩu."),
			P("Công dân không đăng ký đúng thời hạn sẽ bị xử lý theo quy định của pháp luật."),
		},
	}
	var rawBody strings.Builder
	for _, b := range raw.Blocks {
		fmt.Fprintf(&rawBody, "<p><font face=\".VnTime\">%s</font></p>\n", esc(tcvn(b.Gold[0])))
	}
	rawPage := fmt.Sprintf(`<html>
<head>
<title>%s</title>
</head>
<body bgcolor="#FFFFFF">
<table width="760" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="../images/banner_cu.gif" width="760" height="120" alt=""></td></tr>
<tr><td width="160" valign="top" bgcolor="#EEF3FF"><font face=".VnTime" size="2"><a href="index.asp">%s</a><br><a href="tin.asp">%s</a><br><a href="thongbao.asp">%s</a></font></td>
<td width="600" valign="top">
<table width="100%%" cellpadding="4">
<tr><td class="tieude"><font face=".VnTime" size="4"><b>%s</b></font></td></tr>
<tr><td><font face=".VnTime" size="2"><i>%s</i></font></td></tr>
<tr><td align="justify">
%s</td></tr></table>
</td></tr>
<tr><td colspan="2" align="center"><font face=".VnTime" size="2">%s</font></td></tr>
</table>
</body>
</html>
`, esc(tcvn("UBND xã Tân Hòa")), esc(tcvn("Trang chủ")), esc(tcvn("Tin tức")), esc(tcvn("Thông báo")),
		esc(tcvn(raw.Title)), esc(tcvn(raw.Date)), rawBody.String(), esc(tcvn("UBND xã Tân Hòa - huyện Quốc Oai")))
	rawBytes := []byte(nil)
	for _, r := range rawPage {
		if r > 0xff {
			panic(fmt.Sprintf("handmade-tcvn3-raw: %q is not a TCVN3 byte", r))
		}
		rawBytes = append(rawBytes, byte(r))
	}

	// Code page 1258, declared only in a meta tag.
	cp := &Story{
		Name:  "handmade-windows-1258",
		URL:   hmSite + "/tin.asp?id=205",
		Title: "Xã Tân Hòa ra quân làm thủy lợi nội đồng",
		Date:  "Cập nhật ngày 2 tháng 7 năm 2020",
		Pub:   "2020-07-02",
		Blocks: []Block{
			BrRun(
				"Sáng ngày 1/7, hơn 300 đoàn viên, hội viên và nhân dân các thôn của xã Tân Hòa đã ra quân nạo vét kênh mương nội đồng.",
				"Tổng chiều dài kênh mương được nạo vét là 6,5 km, khối lượng đất đá đào đắp hơn 2.100 m³, bảo đảm nước tưới cho 380 ha lúa vụ mùa.",
				"Ban Thường vụ Đoàn xã đã thành lập 4 đội hình thanh niên tình nguyện hỗ trợ các hộ gia đình neo đơn vận chuyển đất, dọn cỏ bờ kênh.",
				"UBND xã đánh giá cao tinh thần tham gia tích cực của nhân dân và đề nghị các thôn duy trì việc ra quân định kỳ hằng quý.",
			),
		},
	}
	cpPage := legacyenc.Windows1258(hmShell(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">`+"\n", "UBND xã Tân Hòa - Tin tức",
		hmContent(`<font size="4">`+esc(cp.Title)+`</font>`, esc(cp.Date), cp.Body())))

	ltd := &Story{
		Name:  "handmade-lich-tiep-dan",
		URL:   hmSite + "/lichtiepdan.asp?id=31",
		Title: "Lịch tiếp công dân tháng 10 năm 2020",
		Date:  "(Đăng ngày: 05/10/2020)",
		Pub:   "2020-10-05",
		Blocks: []Block{
			Raw(`<p>UBND xã Tân Hòa thông báo lịch tiếp công dân tháng 10/2020 như sau:</p>`, "UBND xã Tân Hòa thông báo lịch tiếp công dân tháng 10/2020 như sau:"),
			Raw(`<table width="100%" border="1" cellspacing="0" cellpadding="3" bordercolor="#999999">
<tr bgcolor="#DDE6FF"><td><b>Ngày</b></td><td><b>Buổi</b></td><td><b>Người tiếp</b></td></tr>
<tr><td>08/10/2020</td><td>Sáng</td><td>Ông Nguyễn Văn Khải - Chủ tịch UBND xã</td></tr>
<tr><td>15/10/2020</td><td>Sáng</td><td>Ông Đỗ Văn Long - Phó Chủ tịch UBND xã</td></tr>
<tr><td>22/10/2020</td><td>Chiều</td><td>Ông Nguyễn Văn Khải - Chủ tịch UBND xã</td></tr>
<tr><td>29/10/2020</td><td>Sáng</td><td>Bà Lê Thị Nga - Phó Chủ tịch UBND xã</td></tr>
</table>`,
				"Ngày | Buổi | Người tiếp",
				"08/10/2020 | Sáng | Ông Nguyễn Văn Khải - Chủ tịch UBND xã",
				"15/10/2020 | Sáng | Ông Đỗ Văn Long - Phó Chủ tịch UBND xã",
				"22/10/2020 | Chiều | Ông Nguyễn Văn Khải - Chủ tịch UBND xã",
				"29/10/2020 | Sáng | Bà Lê Thị Nga - Phó Chủ tịch UBND xã"),
			Raw(`<p>Địa điểm: Phòng tiếp dân, trụ sở UBND xã.</p>`, "Địa điểm: Phòng tiếp dân, trụ sở UBND xã."),
		},
	}

	tb := &Story{
		Name:  "handmade-thong-bao-hop-thon",
		URL:   hmSite + "/tin.asp?id=214",
		Title: "Thông báo họp thôn triển khai cấp giấy chứng nhận quyền sử dụng đất",
		Date:  "Ngày 09/11/2020",
		Pub:   "2020-11-09",
		Blocks: []Block{
			BrRun(
				"UBND xã Tân Hòa thông báo tổ chức họp thôn như sau:",
				"Thôn Đông Hòa: 19 giờ ngày 12/11/2020 tại nhà văn hóa thôn.",
				"Thôn Tây Hòa: 19 giờ ngày 13/11/2020 tại nhà văn hóa thôn.",
				"Nội dung: hướng dẫn kê khai cấp giấy chứng nhận quyền sử dụng đất lần đầu.",
				"Đề nghị đại diện các hộ gia đình đến dự đầy đủ, đúng giờ.",
			),
		},
	}

	var home strings.Builder
	home.WriteString(`<table width="100%" cellpadding="4"><tr><td bgcolor="#DDE6FF"><b>TIN TỨC - SỰ KIỆN</b></td></tr>`)
	for i, st := range []*Story{tb, ltd, cp, font} {
		title := st.Title
		if st == font {
			title = "Xã Tân Hòa tổng kết công tác thu hoạch vụ xuân năm 2020"
		}
		fmt.Fprintf(&home, `<tr><td><img src="images/dot.gif" alt=""> <a href="%s"><b>%s</b></a> <font size="1" color="#999999">(%d/10/2020)</font><br><font size="2">%s</font></td></tr>`,
			strings.TrimPrefix(st.URL, hmSite+"/"), esc(title), 10+i, esc(clip(st.Blocks[0].Gold[0], 90)))
	}
	home.WriteString(`</table>`)

	files := []File{
		article(fam, font, fontPage),
		article(fam, raw, string(rawBytes)),
		article(fam, cp, string(cpPage)),
		article(fam, ltd, hmShell(hmUTF8, "UBND xã Tân Hòa - Lịch tiếp dân", hmContent(`<font size="4">`+esc(ltd.Title)+`</font>`, esc(ltd.Date), ltd.Body()))),
		article(fam, tb, hmShell(hmUTF8, "UBND xã Tân Hòa - Thông báo", hmContent(`<font size="4">`+esc(tb.Title)+`</font>`, esc(tb.Date), tb.Body()))),
		other(fam, "handmade-home", hmSite+"/index.asp", "UBND xã Tân Hòa", hmShell(hmUTF8, "UBND xã Tân Hòa - Trang chủ", home.String())),
	}
	return files
}
