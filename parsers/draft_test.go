package parsers

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A draft, through JSON, finishes to the very article ExtractDocument
// gives, with and without a site model, on every corpus page; its binary
// form decodes to the same draft.
func TestDraftRoundTrip(t *testing.T) {
	m := NewSiteModel()
	for n := 1; n <= 12; n++ {
		m.Observe(extractString(t, sitePage(n, ""), fmt.Sprintf("https://khupho.example.gov.vn/ban-tin/%d", n)).Observation, 1)
	}
	pages := map[string]string{"site-13": sitePage(13, "")}
	files, _ := filepath.Glob("../testdata/pages/*.html")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[filepath.Base(f)] = string(b)
	}
	if len(pages) < 40 {
		t.Fatalf("%d pages", len(pages))
	}
	for name, html := range pages {
		for _, site := range []*SiteModel{nil, m} {
			u := mustURL(t, "https://khupho.example.gov.vn/ban-tin/"+strings.TrimSuffix(name, ".html"))
			opt := Options{Explain: true, Site: site}
			doc, err := ParseHTML([]byte(html), "")
			if err != nil {
				t.Fatal(err)
			}
			want := ExtractDocument(doc, u, opt)
			doc, _ = ParseHTML([]byte(html), "")
			raw, err := json.Marshal(ExtractDraft(doc, u, opt))
			if err != nil {
				t.Fatal(err)
			}
			var d Draft
			if err := json.Unmarshal(raw, &d); err != nil {
				t.Fatal(err)
			}
			// And through the binary form, from the JSON's: the same draft.
			bin, err := d.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var db Draft
			if err := db.UnmarshalBinary(bin); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !reflect.DeepEqual(db, d) {
				t.Errorf("%s (model %v): the draft through its binary form differs:\n%+v\n%+v", name, site != nil, db, d)
			}
			got := d.Finish(opt)
			if obs := d.Observation(opt); !reflect.DeepEqual(obs, want.Observation) {
				t.Errorf("%s (model %v): Draft.Observation differs from the article's", name, site != nil)
			}
			if !reflect.DeepEqual(got, want) {
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				diff := ""
				if !reflect.DeepEqual(got.Explain, want.Explain) {
					ge, _ := json.Marshal(got.Explain)
					we, _ := json.Marshal(want.Explain)
					diff = fmt.Sprintf("\nexplain got  %s\nexplain want %s", ge, we)
				}
				if !reflect.DeepEqual(got.Observation, want.Observation) {
					diff += fmt.Sprintf("\nobservation got %+v\nwant %+v", got.Observation, want.Observation)
				}
				if string(gj) == string(wj) && diff == "" {
					diff = fmt.Sprintf("\n%#v\n%#v", got, want)
				}
				t.Errorf("%s (model %v): the finished draft differs:%s", name, site != nil, diff)
			}
		}
	}
}

// The binary form covers every field: a field added to Draft, Print or a
// signal must be added to it too (and its version raised).
func TestDraftBinaryCoversEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{{Draft{}, 20}, {Print{}, 4}, {draftSignal{}, 4}} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields; draftcodec.go encodes %d", c.v, n, c.want)
		}
	}
}

// Damaged bytes are an error, never a panic or a huge allocation.
func TestDraftBinaryRejectsDamage(t *testing.T) {
	doc, err := ParseHTML([]byte(sitePage(3, "")), "")
	if err != nil {
		t.Fatal(err)
	}
	bin, err := ExtractDraft(doc, mustURL(t, "https://khupho.example.gov.vn/ban-tin/3"), Options{}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var x Draft
	for _, bad := range [][]byte{nil, {9}, bin[:len(bin)/2], append(append([]byte{}, bin...), 0), append([]byte{draftVersion}, 0xff, 0xff, 0xff, 0xff, 0x0f)} {
		if err := x.UnmarshalBinary(bad); err == nil {
			t.Errorf("%d bytes accepted", len(bad))
		}
	}
}
