package evaluate

import (
	"testing"
)

// BenchmarkCorpus times each system over the whole bundled corpus: one op
// is one page, taken in turn. Compare the two ns/op figures of one run; the
// issue's budget is the parser at no more than 1.5x readability's time.
func BenchmarkCorpus(b *testing.B) {
	pages, err := Load(corpusDir)
	if err != nil {
		b.Fatal(err)
	}
	for _, sys := range []System{Parser, Readability} {
		b.Run(sys.Name, func(b *testing.B) {
			var bytes int64
			for _, p := range pages {
				bytes += int64(len(p.HTML))
			}
			b.SetBytes(bytes / int64(len(pages)))
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				sys.Run(pages[i%len(pages)])
			}
		})
	}
}
