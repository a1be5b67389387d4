package crawler

import (
	"net/url"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"HTTP://Phuong.Example.VN:80/a/./b/../c?z=1&a=2#top": "http://phuong.example.vn/a/c?a=2&z=1",
		"https://x.vn:443": "https://x.vn/",
		"http://x.vn/tin?utm_source=fb&id=5&utm_medium=m&fbclid=Q": "http://x.vn/tin?id=5",
		"http://x.vn/p;jsessionid=ABC123?cur=2&delta=2":            "http://x.vn/p?cur=2&delta=2",
		"http://x.vn/p?delta=2&cur=2":                              "http://x.vn/p?cur=2&delta=2",
		"http://x.vn/p?b=2&a=1&b=1":                                "http://x.vn/p?a=1&b=2&b=1",
		"http://x.vn:8080/?":                                       "http://x.vn:8080/",
		"http://x.vn/tìm kiếm?q=phường":                            "http://x.vn/t%C3%ACm%20ki%E1%BA%BFm?q=ph%C6%B0%E1%BB%9Dng",
		"http://x.vn/a?PHPSESSID=1&flag":                           "http://x.vn/a?flag",
		// Bytes that are not UTF-8 before the session id: cut where it
		// starts (lowering the path first moved the index past its end).
		"http://0/\xfe\xfe;JSESSIONID=ab": "http://0/%FE%FE",
		"http://x.vn/Ⱥ;jsessionid=ab?x=1": "http://x.vn/%C8%BA?x=1",
	}
	for in, want := range cases {
		got, err := Normalize(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
		if again, _ := Normalize(got); again != got {
			t.Errorf("not idempotent: %q → %q", got, again)
		}
	}
	for _, bad := range []string{"ftp://x.vn/a", "file:///etc/passwd", "javascript:alert(1)", "mailto:a@b.vn", "/relative"} {
		if _, err := Normalize(bad); err == nil {
			t.Errorf("%q should be refused", bad)
		}
	}
}

func TestScope(t *testing.T) {
	s := newScope([]string{"phuong.vn", "127.0.0.1:8080"})
	for u, want := range map[string]bool{
		"http://phuong.vn/a":       true,
		"https://PHUONG.vn/a":      true,
		"http://phuong.vn:81/a":    false,
		"http://sub.phuong.vn/":    false,
		"http://127.0.0.1:8080/x":  true,
		"http://127.0.0.1:8081/x":  false,
		"http://127.0.0.99:8080/x": false,
		"ftp://phuong.vn/":         false,
	} {
		pu, _ := url.Parse(u)
		if got := s.allows(pu); got != want {
			t.Errorf("allows(%s) = %v", u, got)
		}
	}
}
