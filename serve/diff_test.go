package serve

import (
	"fmt"
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	show := func(ops []diffOp) string {
		var b []string
		for _, o := range ops {
			switch o.Kind {
			case "add":
				b = append(b, "+["+o.Text+"]")
			case "del":
				b = append(b, "-["+o.Text+"]")
			default:
				b = append(b, o.Text)
			}
		}
		return strings.Join(b, " ")
	}
	for _, c := range []struct{ a, b, want string }{
		{"Họp tổ dân phố. Lượt xem: 174", "Họp tổ dân phố.", "Họp tổ dân phố. -[Lượt xem: 174]"},
		{"A- A A+ Thông báo số 5", "Thông báo số 5", "-[A- A A+] Thông báo số 5"},
		{"ngày 5 tháng 3", "ngày 6 tháng 3", "ngày -[5] +[6] tháng 3"},
		{"một hai ba", "một hai ba", "một hai ba"},
		{"", "mới", "+[mới]"},
	} {
		if got := show(wordDiff(c.a, c.b)); got != c.want {
			t.Errorf("wordDiff(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
	// Texts too different to diff word by word are shown whole.
	var a, b []string
	for i := range 2100 {
		a, b = append(a, fmt.Sprint("a", i)), append(b, fmt.Sprint("b", i))
	}
	if got := wordDiff(strings.Join(a, " "), strings.Join(b, " ")); len(got) != 2 || got[0].Kind != "del" || got[1].Kind != "add" {
		t.Errorf("a large diff: %d ops", len(got))
	}
}
