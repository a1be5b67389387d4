package parsers

import (
	"net/url"
	"testing"
)

// A district portal's page of commune portals: a <select> of links, a
// "Liên kết website" box and a list, with duplicates, other hosts and the
// page's own links among them.
func TestPortalLinks(t *testing.T) {
	page := `<html><body>
<a href="/gioi-thieu">Giới thiệu</a><a href="https://thanhtri.hanoi.gov.vn/tin-tuc">Tin tức của huyện</a>
<div class="box"><div class="title">Liên kết website</div><select onchange="window.open(this.value)"><option value="">-- Chọn --</option>
<option value="http://xatamhiep.thanhtri.hanoi.gov.vn">Cổng TTĐT xã Tam Hiệp</option><option value="https://chinhphu.vn/">Chính phủ</option></select></div>
<h3>Cổng TTĐT xã, thị trấn</h3><ul>
<li><a href="http://xatamhiep.thanhtri.hanoi.gov.vn/tin-tuc/abc.html">Xã Tam Hiệp (tin mới)</a></li>
<li><a href="https://xataThanhOai.thanhtri.hanoi.gov.vn/"><img src="x.png"></a> <a href="https://xatathanhoai.thanhtri.hanoi.gov.vn/">Cổng thông tin điện tử xã Tả Thanh Oai</a></li>
<li><a href="javascript:void(0)">Xã Vĩnh Quỳnh</a></li><li><a href="mailto:a@b.gov.vn">Thư</a></li>
<li><a href="https://ttvandien.thanhtri.hanoi.gov.vn:8443/">Thị trấn Văn Điển</a></li></ul></body></html>`
	doc, _ := ParseHTML([]byte(page), "text/html; charset=utf-8")
	base, _ := url.Parse("https://thanhtri.hanoi.gov.vn/lien-ket")
	got := PortalLinks(doc, base)
	want := []Portal{
		{"http://xatamhiep.thanhtri.hanoi.gov.vn/", "xatamhiep.thanhtri.hanoi.gov.vn", "Cổng TTĐT xã Tam Hiệp"},
		{"https://xatathanhoai.thanhtri.hanoi.gov.vn/", "xatathanhoai.thanhtri.hanoi.gov.vn", "Cổng thông tin điện tử xã Tả Thanh Oai"},
		{"https://ttvandien.thanhtri.hanoi.gov.vn:8443/", "ttvandien.thanhtri.hanoi.gov.vn:8443", "Thị trấn Văn Điển"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
