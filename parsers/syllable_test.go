package parsers

import "testing"

func TestVietnameseSyllable(t *testing.T) {
	for _, w := range []string{"thông", "nghiêng", "người", "khuya", "gì", "quốc", "ơn", "ạ", "trường", "Đông", "nghị", "huyện", "XÃ"} {
		if !vietnameseSyllable(w) {
			t.Errorf("%q is a syllable", w)
		}
	}
	for _, w := range []string{"fỹr", "gesprọchs", "groòe", "schưn", "straße", "thôngg", "ba\u0301\u0300", "brücke"} {
		if vietnameseSyllable(w) {
			t.Errorf("%q is not a syllable", w)
		}
	}
}
