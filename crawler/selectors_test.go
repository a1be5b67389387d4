package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/wardcrawl/wardcrawl/config"
)

// The site's content_selector, remove_selectors and date_selector reach the
// parser: the stored article is the selected block, without the removed
// line, dated by the selected element.
func TestSiteSelectorsReachParser(t *testing.T) {
	intro := strings.Repeat("Phường có mười bốn tổ dân phố và nhiều di tích lịch sử văn hóa được xếp hạng cấp thành phố. ", 4)
	page := `<html><head><title>Thông báo lịch tiêm chủng</title></head><body>
<div class="cot-trai"><h2>Giới thiệu</h2><p>` + intro + `</p><p>` + intro + `</p></div>
<div class="cot-giua"><h1>Thông báo lịch tiêm chủng</h1><p class="cu">Cập nhật 01/01/2019</p>
<div class="bv"><p>Trạm y tế phường tiêm chủng mở rộng ngày 14 hằng tháng cho trẻ dưới một tuổi.</p><p class="tin-nong">Tin nóng: phường ra quân dọn vệ sinh</p><p>Phụ huynh mang theo sổ tiêm chủng của trẻ.</p></div>
<span class="ngay-dang">Ngày đăng: 05/11/2020 08:15</span></div></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	s := site("selectors", srv.URL+"/tin/1.html")
	s.ContentSelector = "div.bv"
	s.RemoveSelectors = []string{"p.tin-nong"}
	s.DateSelector = "span.ngay-dang"
	st := openStore(t)
	if _, err := fastCrawler(st).Run(context.Background(), []config.Site{s}); err != nil {
		t.Fatal(err)
	}
	got := articles(t, st)
	if len(got) != 1 {
		t.Fatalf("stored %d articles", len(got))
	}
	for _, a := range got {
		if a.Text != "Trạm y tế phường tiêm chủng mở rộng ngày 14 hằng tháng cho trẻ dưới một tuổi.\n\nPhụ huynh mang theo sổ tiêm chủng của trẻ." {
			t.Errorf("text = %q", a.Text)
		}
		if a.PublishedAt == nil || a.PublishedAt.Format("2006-01-02T15:04") != "2020-11-05T08:15" {
			t.Errorf("date = %v", a.PublishedAt)
		}
	}
}
