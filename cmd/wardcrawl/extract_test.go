package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractCommand(t *testing.T) {
	page := filepath.Join(t.TempDir(), "page.html")
	os.WriteFile(page, []byte(`<html><head><title>Thông báo lịch tiếp dân - Phường Bồ Đề</title></head><body>
<div class="menu"><a href="/">Trang chủ</a></div>
<h1>Thông báo lịch tiếp dân</h1><div>Ngày đăng 14/10/2020 | 15:25 | Lượt xem: 174</div>
<div class="news-content"><p>Chủ tịch UBND phường tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở Ủy ban nhân dân phường.</p>
<p>Tin, ảnh: Mai Phương</p></div><div class="counter">Hôm nay : 14</div></body></html>`), 0o644)
	out, _, err := run(t, "extract", "--url", "http://phuong.example/tin/1.html", page)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	want := map[string]any{"title": "Thông báo lịch tiếp dân", "published_at": "2020-10-14T15:25:00+07:00", "author": "Mai Phương",
		"text": "Chủ tịch UBND phường tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở Ủy ban nhân dân phường.", "is_article": true}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	if h, _ := m["content_hash"].(string); len(h) != 64 {
		t.Errorf("content_hash %v", m["content_hash"])
	}
}

// extract --explain prints the decision's signals and how the page was
// read.
func TestExtractExplain(t *testing.T) {
	page := filepath.Join(t.TempDir(), "page.html")
	os.WriteFile(page, []byte(`<html><body><h1>Tin tức</h1><ul><li><a href="/a">Phường tổ chức hội nghị tổng kết phong trào thi đua năm 2020</a><p>Sáng 13/10, phường tổ chức hội nghị.</p></li><li><a href="/b">Thông báo lịch tiếp công dân của Chủ tịch UBND phường tháng 11</a><p>Lịch tiếp dân tháng 11 năm 2020.</p></li></ul></body></html>`), 0o644)
	out, _, err := run(t, "extract", "--explain", "--url", "http://phuong.example/tin-tuc", page)
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		IsArticle bool   `json:"is_article"`
		Reason    string `json:"reason"`
		Explain   struct {
			Decision string `json:"decision"`
			Body     string `json:"body"`
			Signals  []struct {
				Name   string  `json:"name"`
				Value  string  `json:"value"`
				Weight float64 `json:"weight"`
			} `json:"signals"`
		} `json:"explain"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if a.IsArticle || a.Explain.Decision != "not an article" || a.Explain.Body == "" || len(a.Explain.Signals) < 3 || !strings.Contains(out, `"listing teasers"`) {
		t.Errorf("explain: %s", out)
	}
	if out, _, _ := run(t, "extract", page); strings.Contains(out, `"explain"`) {
		t.Error("extract without --explain prints the explanation")
	}
}
