package serve

import "strings"

// diffOp is a run of words a diff keeps, adds or removes.
type diffOp struct {
	Kind string // "same", "add", "del"
	Text string
}

// maxDiffCells bounds the word diff's table: two versions that differ
// everywhere in long texts are shown whole instead.
const maxDiffCells = 4_000_000

// wordDiff is the word diff from a to b: their common beginning and end,
// and a longest-common-subsequence diff of the words between.
func wordDiff(a, b string) []diffOp {
	x, y := strings.Fields(a), strings.Fields(b)
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var out []diffOp
	add := func(kind string, words ...string) {
		if len(words) == 0 {
			return
		}
		t := strings.Join(words, " ")
		if n := len(out); n > 0 && out[n-1].Kind == kind {
			out[n-1].Text += " " + t
			return
		}
		out = append(out, diffOp{kind, t})
	}
	add("same", x[:pre]...)
	mx, my := x[pre:len(x)-suf], y[pre:len(y)-suf]
	if len(mx)*len(my) > maxDiffCells {
		add("del", mx...)
		add("add", my...)
	} else {
		// lcs[i][j]: the longest common subsequence of mx[i:] and my[j:].
		lcs := make([][]int32, len(mx)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(my)+1)
		}
		for i := len(mx) - 1; i >= 0; i-- {
			for j := len(my) - 1; j >= 0; j-- {
				if mx[i] == my[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(mx) || j < len(my) {
			switch {
			case i < len(mx) && j < len(my) && mx[i] == my[j]:
				add("same", mx[i])
				i, j = i+1, j+1
			case i < len(mx) && (j == len(my) || lcs[i+1][j] >= lcs[i][j+1]):
				add("del", mx[i]) // what went before what came
				i++
			default:
				add("add", my[j])
				j++
			}
		}
	}
	add("same", x[len(x)-suf:]...)
	return out
}
