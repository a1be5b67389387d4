package sampleportal

import "time"

// vn is the portals' time zone (+07:00).
var vn = time.FixedZone("+07:00", 7*3600)

func at(y, m, d, h, mi int) time.Time { return time.Date(y, time.Month(m), d, h, mi, 0, 0, vn) }

// Story is one article as its editors wrote it. All text here was written
// for wardcrawl's sample portals; the people and places are invented.
type Story struct {
	ID        int
	Slug      string
	Title     string
	Published time.Time
	HasTime   bool   // the page shows the time of day
	Author    string // shown as a byline; "" for none
	Paras     []string
	Caption   string     // an image caption after the first paragraph
	Table     [][]string // a table after the paragraphs (rows of cells)
	After     []string   // paragraphs after the table
	Attach    *Attachment
}

// Attachment is a document linked from an article.
type Attachment struct {
	Label, Path string
}

// Body is the article text a reader wants, in wardcrawl's text form:
// paragraphs (and table rows, cells joined by " | ") separated by a blank line.
func (s Story) Body() []string {
	var out []string
	for i, p := range s.Paras {
		out = append(out, p)
		if i == 0 && s.Caption != "" {
			out = append(out, s.Caption)
		}
	}
	for _, row := range s.Table {
		line := ""
		for i, c := range row {
			if i > 0 {
				line += " | "
			}
			line += c
		}
		out = append(out, line)
	}
	out = append(out, s.After...)
	if s.Attach != nil {
		out = append(out, "Tải về: "+s.Attach.Label)
	}
	return out
}

var storyVeSinh = Story{
	ID: 101, Slug: "ra-quan-tong-ve-sinh-moi-truong", HasTime: true,
	Title:     "Phường An Bình ra quân tổng vệ sinh môi trường hưởng ứng “Ngày Chủ nhật xanh”",
	Published: at(2020, 10, 14, 15, 25),
	Author:    "Minh Thư",
	Paras: []string{
		"Sáng Chủ nhật 11/10/2020, Ủy ban nhân dân phường An Bình phối hợp với Ủy ban Mặt trận Tổ quốc phường tổ chức lễ ra quân tổng vệ sinh môi trường, hưởng ứng phong trào “Ngày Chủ nhật xanh” năm 2020. Hơn 600 đoàn viên, hội viên và người dân tại 14 tổ dân phố đã tham gia.",
		"Các lực lượng chia thành nhiều nhóm, thu gom rác thải tại các tuyến ngõ, khơi thông cống rãnh, phát quang cây cỏ và tháo dỡ biển quảng cáo rao vặt dán trái phép trên cột điện. Riêng khu vực bờ mương Cầu Đá, hơn 5 tấn rác tồn đọng đã được chuyển đi trong buổi sáng.",
		"Phát biểu tại buổi lễ, đồng chí Trần Văn Hòa, Chủ tịch Ủy ban nhân dân phường, đề nghị mỗi tổ dân phố duy trì lịch vệ sinh vào sáng Chủ nhật cuối tháng, đồng thời vận động các hộ kinh doanh không để vật liệu, hàng hóa lấn chiếm vỉa hè.",
		"Dịp này, phường đã trao tặng 20 thùng đựng rác phân loại cho các tổ dân phố có nhiều đóng góp trong phong trào xây dựng khu dân cư xanh, sạch, đẹp.",
	},
	Caption: "Đoàn viên thanh niên thu gom rác thải tại bờ mương Cầu Đá",
	Attach:  &Attachment{Label: "Kế hoạch số 125/KH-UBND về phong trào Ngày Chủ nhật xanh", Path: "/uploads/ke-hoach-125-kh-ubnd.pdf"},
}

var storyCuTri = Story{
	ID: 102, Slug: "tiep-xuc-cu-tri-truoc-ky-hop-thu-15", HasTime: true,
	Title:     "Đại biểu HĐND quận tiếp xúc cử tri phường An Bình trước kỳ họp thứ 15",
	Published: at(2020, 10, 9, 8, 10),
	Author:    "Quốc Huy",
	Paras: []string{
		"Chiều ngày 08/10/2020, tổ đại biểu Hội đồng nhân dân quận ứng cử tại phường An Bình đã tiếp xúc cử tri trước kỳ họp thứ 15 Hội đồng nhân dân quận khóa V. Tham dự có gần 150 cử tri đại diện cho các tổ dân phố.",
		"Tại buổi tiếp xúc, cử tri bày tỏ phấn khởi trước kết quả phòng, chống dịch Covid-19 của địa phương và kiến nghị quận sớm nâng cấp tuyến đường Lò Gạch, lắp thêm đèn chiếu sáng trong các ngõ nhỏ, tăng cường kiểm tra việc đổ trộm phế thải xây dựng vào ban đêm.",
		"Thay mặt tổ đại biểu, bà Lê Thị Ngân tiếp thu đầy đủ các ý kiến và cho biết những kiến nghị thuộc thẩm quyền của quận sẽ được tổng hợp, chuyển tới các cơ quan chuyên môn trả lời cử tri trước kỳ họp tới.",
	},
}

var storyLichTiepDan = Story{
	ID: 103, Slug: "lich-tiep-cong-dan-thang-11-2020", HasTime: true,
	Title:     "Thông báo lịch tiếp công dân của lãnh đạo UBND phường tháng 11 năm 2020",
	Published: at(2020, 10, 28, 16, 40),
	Paras: []string{
		"Ủy ban nhân dân phường An Bình thông báo lịch tiếp công dân định kỳ của lãnh đạo phường như sau:",
	},
	Table: [][]string{
		{"Ngày tiếp", "Thời gian", "Người tiếp", "Địa điểm"},
		{"Thứ Ba, 03/11/2020", "Sáng từ 8 giờ", "Ông Trần Văn Hòa, Chủ tịch UBND phường", "Phòng tiếp công dân"},
		{"Thứ Ba, 17/11/2020", "Sáng từ 8 giờ", "Bà Phạm Thu Hà, Phó Chủ tịch UBND phường", "Phòng tiếp công dân"},
	},
	After: []string{
		"Công dân đến liên hệ mang theo căn cước công dân và các giấy tờ liên quan.",
		"Trường hợp thay đổi lịch, phường sẽ thông báo trên loa truyền thanh tổ dân phố.",
	},
}

var storyPCCC = Story{
	ID: 104, Slug: "tap-huan-phong-chay-chua-chay", HasTime: true,
	Title:     "Tập huấn kỹ năng phòng cháy, chữa cháy cho lực lượng dân phòng",
	Published: at(2020, 10, 20, 9, 0),
	Author:    "Hồng Nhung",
	Paras: []string{
		"Ngày 19/10/2020, Công an phường phối hợp với Đội Cảnh sát phòng cháy chữa cháy khu vực tổ chức lớp tập huấn nghiệp vụ cho 80 thành viên đội dân phòng và đại diện các hộ kinh doanh trên địa bàn.",
		"Học viên được hướng dẫn cách nhận biết nguy cơ cháy nổ trong nhà ở kết hợp kinh doanh, cách sử dụng bình chữa cháy xách tay, kỹ năng thoát nạn khi có khói và sơ cứu người bị bỏng.",
		"Kết thúc lớp học, các đội đã thực hành phương án chữa cháy giả định tại chợ dân sinh, bảo đảm đúng quy trình từ báo cháy, cắt điện đến triển khai lăng vòi phun nước.",
	},
}

var storyRacCongKenh = Story{
	ID: 105, Slug: "thong-bao-thu-gom-rac-cong-kenh", HasTime: true,
	Title:     "Thông báo thu gom rác thải cồng kềnh đợt 2 năm 2020",
	Published: at(2020, 11, 2, 7, 30),
	Paras: []string{
		"UBND phường tổ chức thu gom rác thải cồng kềnh miễn phí vào sáng thứ Bảy, ngày 07/11/2020.",
		"Các hộ gia đình tập kết đồ cũ tại điểm quy định của tổ dân phố trước 7 giờ.",
		"Không để rác xây dựng, hóa chất hoặc chất thải nguy hại lẫn trong rác cồng kềnh.",
	},
}

var storyDanVan = Story{
	ID: 201, Slug: "tong-ket-10-nam-phong-trao-dan-van-kheo",
	Title:     "Phường Hòa Thuận tổng kết 10 năm phong trào thi đua “Dân vận khéo”",
	Published: at(2019, 10, 7, 0, 0),
	Author:    "Thanh Tâm",
	Paras: []string{
		"Ngày 04/10/2019, Đảng ủy phường Hòa Thuận tổ chức hội nghị tổng kết 10 năm thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2009 - 2019.",
		"Qua 10 năm, nhân dân trong phường đã hiến hơn 1.800 mét vuông đất và đóng góp trên 3 tỷ đồng để mở rộng, bê tông hóa 26 tuyến hẻm. Nhiều mô hình tự quản về an ninh trật tự, vệ sinh môi trường được duy trì hiệu quả và nhân rộng ra các khu dân cư.",
		"Trong công tác an sinh xã hội, các đoàn thể đã vận động xây mới 5 căn nhà Đại đoàn kết, sửa chữa 11 căn nhà cho hộ khó khăn và hỗ trợ vốn làm ăn cho hơn 60 hộ thoát nghèo bền vững.",
		"Phát biểu tại hội nghị, Bí thư Đảng ủy phường đề nghị các chi bộ tiếp tục phát hiện, bồi dưỡng điển hình mới, gắn phong trào với việc giải quyết kịp thời những vấn đề dân sinh bức xúc ngay từ cơ sở.",
		"Dịp này, Ủy ban nhân dân phường đã tặng giấy khen cho 4 tập thể và 9 cá nhân tiêu biểu.",
	},
}

var storyLyLuan = Story{
	ID: 202, Slug: "khai-giang-lop-boi-duong-ly-luan-chinh-tri", HasTime: true,
	Title:     "Khai giảng lớp bồi dưỡng lý luận chính trị cho đảng viên mới năm 2019",
	Published: at(2019, 11, 12, 14, 5),
	Paras: []string{
		"Chiều 11/11/2019, Đảng ủy phường Hòa Thuận khai giảng lớp bồi dưỡng lý luận chính trị dành cho 32 đảng viên mới kết nạp trong năm.",
		"Trong 5 ngày, học viên được nghiên cứu các chuyên đề về lịch sử Đảng, Điều lệ Đảng, nhiệm vụ của đảng viên và công tác dân vận ở khu dân cư. Cuối khóa, mỗi học viên viết bài thu hoạch gắn với nhiệm vụ được chi bộ phân công.",
		"Phát biểu khai giảng, đồng chí Phó Bí thư Thường trực Đảng ủy yêu cầu học viên chấp hành nghiêm nội quy, chủ động liên hệ thực tiễn để vận dụng kiến thức vào công việc hằng ngày.",
	},
}

var storyMatTran = Story{
	ID: 301, Slug: "ky-niem-90-nam-mat-tran-to-quoc", HasTime: true,
	Title:     "Xã Tân Lập kỷ niệm 90 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam",
	Published: at(2020, 11, 18, 10, 15),
	Author:    "Ngọc Lan",
	Paras: []string{
		"Sáng 17/11/2020, Ủy ban Mặt trận Tổ quốc xã Tân Lập long trọng tổ chức lễ kỷ niệm 90 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 - 18/11/2020) và biểu dương gương điển hình tiên tiến trong cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
		"Buổi lễ đã ôn lại chặng đường 90 năm xây dựng và phát triển của Mặt trận, khẳng định vai trò tập hợp, đoàn kết các tầng lớp nhân dân. Ở xã Tân Lập, Mặt trận cùng các đoàn thể đã vận động nhân dân hiến đất làm đường liên thôn, xây dựng nhà văn hóa và giúp đỡ các gia đình chính sách.",
		"Năm 2020, toàn xã có 96% hộ gia đình đạt danh hiệu gia đình văn hóa, 9 trên 10 thôn giữ vững danh hiệu khu dân cư văn hóa. Quỹ Vì người nghèo của xã tiếp nhận hơn 270 triệu đồng, kịp thời hỗ trợ người dân bị ảnh hưởng bởi mưa lũ.",
		"Tại buổi lễ, Ủy ban Mặt trận Tổ quốc xã đã tặng giấy khen cho 12 tập thể và 25 cá nhân có thành tích xuất sắc.",
	},
}

var storyToDanPho = Story{
	ID: 302, Slug: "ra-mat-mo-hinh-thon-khong-co-toi-pham", HasTime: true,
	Title:     "Ra mắt mô hình “Thôn không có tội phạm và tệ nạn xã hội”",
	Published: at(2020, 7, 2, 8, 30),
	Paras: []string{
		"Ngày 01/7/2020, Công an xã Tân Lập phối hợp với Ban công tác Mặt trận thôn Đồng Tâm tổ chức ra mắt mô hình “Thôn không có tội phạm và tệ nạn xã hội”. Đây là thôn thứ ba của xã triển khai mô hình này.",
		"Theo quy chế hoạt động, mỗi cụm dân cư cử một tổ tự quản có nhiệm vụ nắm tình hình, hòa giải mâu thuẫn nhỏ trong gia đình và hàng xóm, kịp thời báo tin cho Công an xã về các đối tượng có biểu hiện nghi vấn. Các hộ gia đình ký cam kết không vi phạm pháp luật, không để con em sử dụng ma túy.",
		"Đại diện Công an huyện đánh giá cao cách làm của địa phương và đề nghị Ban chỉ đạo xã định kỳ sơ kết, kịp thời khen thưởng những cá nhân, gia đình tích cực tham gia bảo vệ an ninh trật tự ở cơ sở.",
	},
}

var storyHocBong = Story{
	ID: 303, Slug: "trao-hoc-bong-cho-hoc-sinh-vuot-kho",
	Title:     "Trao 45 suất học bổng cho học sinh nghèo vượt khó học giỏi",
	Published: at(2020, 9, 14, 0, 0),
	Author:    "Văn Đức",
	Paras: []string{
		"Nhân dịp khai giảng năm học mới 2020 - 2021, Hội Khuyến học xã Tân Lập phối hợp với các doanh nghiệp trên địa bàn trao 45 suất học bổng cho học sinh có hoàn cảnh khó khăn đạt thành tích cao trong học tập.",
		"Mỗi suất học bổng trị giá một triệu đồng kèm bộ sách giáo khoa và đồ dùng học tập. Trong số các em được nhận, nhiều em mồ côi cha hoặc mẹ, gia đình thuộc diện hộ nghèo nhưng liên tục đạt danh hiệu học sinh giỏi nhiều năm liền.",
		"Phát biểu tại buổi trao học bổng, Chủ tịch Hội Khuyến học xã mong các em tiếp tục cố gắng vươn lên, đồng thời kêu gọi các gia đình, dòng họ chung tay xây dựng quỹ khuyến học để không học sinh nào phải bỏ học vì hoàn cảnh khó khăn.",
	},
}
