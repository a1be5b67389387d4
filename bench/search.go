package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/wardcrawl/wardcrawl/internal/corpus"
	"github.com/wardcrawl/wardcrawl/internal/textsearch"
	"github.com/wardcrawl/wardcrawl/storage"
)

// SearchOptions configure the search benchmark.
type SearchOptions struct {
	Articles int // articles to seed (default 1,000,000)
	Words    int // words per article text (default 150)
	Queries  int // queries of each kind (default 200)
	Dir      string
	Log      io.Writer
	Seed     uint64
	// Reuse queries the database an earlier run left in Dir (with
	// --dir) instead of seeding a new one.
	Reuse bool
	// DB, if set, is a PostgreSQL archive (postgres://…) to seed, empty,
	// or with Reuse to query as it is, instead of Dir's SQLite file.
	DB string
}

// SearchBench is what the search benchmark measured.
type SearchBench struct {
	Articles     int            `json:"articles"`
	WordsPer     int            `json:"words_per_article"`
	LoadSeconds  float64        `json:"load_seconds"`  // storing and indexing them, 5,000 to a transaction
	IndexSeconds float64        `json:"index_seconds"` // rebuilding the index alone
	DBBytes      int64          `json:"db_bytes"`
	IndexBytes   int64          `json:"index_bytes"` // of which the search index
	Kinds        []QueryTimings `json:"queries"`
	// WordCounts times, for the three-word queries, counting the texts
	// that hold each of their words over the whole index
	// (Store.WordTexts): what FTS5's bm25 does before it scores a single
	// text, so a floor under any three-word query ranked by relevance.
	// Not a query: not held against the target.
	WordCounts *QueryTimings `json:"three_word_counts,omitempty"`
}

// QueryTimings are one kind of query's latencies: a search page's two
// statements (the count and the first page, by relevance).
type QueryTimings struct {
	Kind     string  `json:"kind"`
	Queries  int     `json:"queries"`
	P50ms    float64 `json:"p50_ms"`
	P95ms    float64 `json:"p95_ms"`
	MaxMs    float64 `json:"max_ms"`
	MeanHits float64 `json:"mean_hits"`
}

// vocabulary is the corpus's words with how often each occurs: the
// seeded articles are drawn from it, so word frequencies are those of
// ward portal prose.
func vocabulary() (words []string, cumulative []int) {
	counts := map[string]int{}
	for _, f := range corpus.Files() {
		for _, w := range strings.FieldsFunc(f.Gold, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			counts[strings.ToLower(w)]++
		}
	}
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		return counts[words[i]] > counts[words[j]] || counts[words[i]] == counts[words[j]] && words[i] < words[j]
	})
	total := 0
	for _, w := range words {
		total += counts[w]
		cumulative = append(cumulative, total)
	}
	return words, cumulative
}

// RunSearch seeds a database with opt.Articles articles and measures
// how long storing and indexing them takes, the index's size, and the
// latency of single-word, three-word and phrase searches.
func RunSearch(ctx context.Context, opt SearchOptions) (SearchBench, error) {
	if opt.Articles <= 0 {
		opt.Articles = 1_000_000
	}
	if opt.Words <= 0 {
		opt.Words = 150
	}
	if opt.Queries <= 0 {
		opt.Queries = 200
	}
	res := SearchBench{Articles: opt.Articles, WordsPer: opt.Words}
	words, cum := vocabulary()
	rng := rand.New(rand.NewPCG(opt.Seed, 19))
	draw := func() string {
		i := sort.SearchInts(cum, rng.IntN(cum[len(cum)-1])+1)
		return words[i]
	}
	sentence := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = draw()
		}
		return strings.Join(ws, " ")
	}
	dir := filepath.Join(opt.Dir, "search")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, fmt.Errorf("bench: %w", err)
	}
	path := filepath.Join(dir, "search.db")
	if opt.DB != "" {
		path = opt.DB
	}
	if opt.Reuse {
		return reuseSearch(ctx, opt, path, words, rng)
	}
	if opt.DB == "" {
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(p)
		}
	}
	st, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		return res, err
	}
	defer st.Close()
	if n, err := st.ArticleCount(ctx); err != nil {
		return res, err
	} else if n > 0 {
		return res, fmt.Errorf("bench: %s already holds %d articles: --search seeds an empty archive (--search-reuse queries one)", st.Path(), n)
	}
	logf(opt.Log, "search: seeding %d articles of %d words (%d distinct words from the corpus)", opt.Articles, opt.Words, len(words))
	start := time.Now()
	t0 := time.Date(2020, 1, 1, 8, 0, 0, 0, time.FixedZone("+07:00", 7*3600))
	var phrases []string // word runs taken from stored texts
	const batch = 5000
	for i := 0; i < opt.Articles; i += batch {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var as []storage.Article
		for j := i; j < min(i+batch, opt.Articles); j++ {
			text := sentence(opt.Words)
			if j%(max(opt.Articles/opt.Queries, 1)) == 0 && len(phrases) < opt.Queries {
				f := strings.Fields(text)
				k := rng.IntN(len(f) - 3)
				phrases = append(phrases, strings.Join(f[k:k+3], " "))
			}
			h := sha256.Sum256([]byte(text))
			pub := t0.Add(time.Duration(j) * time.Minute)
			as = append(as, storage.Article{ContentHash: hex.EncodeToString(h[:]), Site: fmt.Sprintf("site-%03d", j%300), URL: fmt.Sprintf("http://site-%03d.example/%d", j%300, j),
				Title: sentence(10), Text: text, PublishedAt: &pub, SeenAt: pub})
		}
		if err := st.ImportArticles(ctx, as); err != nil {
			return res, err
		}
		if (i/batch)%20 == 19 {
			logf(opt.Log, "  %d articles, %.0f s", i+batch, time.Since(start).Seconds())
		}
	}
	if err := st.IndexQueued(ctx); err != nil { // the last batch, stored and not yet indexed
		return res, err
	}
	res.LoadSeconds = time.Since(start).Seconds()
	logf(opt.Log, "search: rebuilding the index alone")
	start = time.Now()
	if _, err := st.RebuildSearchIndex(ctx); err != nil {
		return res, err
	}
	res.IndexSeconds = time.Since(start).Seconds()
	if res.IndexBytes, res.DBBytes, err = st.SearchIndexBytes(ctx); err != nil {
		return res, err
	}
	// The phrases are kept beside the database for --search-reuse.
	if err := os.WriteFile(filepath.Join(dir, "phrases.txt"), []byte(strings.Join(phrases, "\n")+"\n"), 0o644); err != nil {
		return res, fmt.Errorf("bench: %w", err)
	}
	res.Kinds, res.WordCounts, err = timeQueries(ctx, st, opt, words, phrases, rng)
	return res, err
}

// reuseSearch times the queries on a database an earlier run seeded.
func reuseSearch(ctx context.Context, opt SearchOptions, path string, words []string, rng *rand.Rand) (SearchBench, error) {
	var res SearchBench
	st, err := storage.Open(ctx, path, storage.Options{ReadOnly: true})
	if err != nil {
		return res, err
	}
	defer st.Close()
	n, err := st.ArticleCount(ctx)
	if err != nil {
		return res, err
	}
	res.Articles = n
	if res.IndexBytes, res.DBBytes, err = st.SearchIndexBytes(ctx); err != nil {
		return res, err
	}
	var phrases []string
	if b, err := os.ReadFile(filepath.Join(opt.Dir, "search", "phrases.txt")); err == nil {
		phrases = strings.Split(strings.TrimSpace(string(b)), "\n")
	} else {
		// A database seeded before phrases were kept: three-word runs of
		// texts a search for a common word finds.
		for range opt.Queries {
			q, _ := textsearch.ParseQuery(words[100+rng.IntN(max(min(len(words)-100, 500), 1))])
			_, hits, err := st.Search(ctx, storage.SearchQuery{Query: q, Sort: "date", Limit: 1, Offset: rng.IntN(1000)})
			if err != nil || len(hits) == 0 {
				return res, fmt.Errorf("bench: sample a stored text: %v", err)
			}
			f := strings.Fields(hits[0].Text)
			k := rng.IntN(max(len(f)-3, 1))
			phrases = append(phrases, strings.Join(f[k:min(k+3, len(f))], " "))
		}
	}
	logf(opt.Log, "search: %d articles already stored; timing the queries", n)
	res.Kinds, res.WordCounts, err = timeQueries(ctx, st, opt, words, phrases, rng)
	return res, err
}

// timeQueries times opt.Queries searches of each kind, and, for the
// three-word ones, after each search, the count of each word's texts
// (counts).
func timeQueries(ctx context.Context, st *storage.Store, opt SearchOptions, words, phrases []string, rng *rand.Rand) (out []QueryTimings, counts *QueryTimings, err error) {
	// Single words from the middle of the vocabulary (neither "và" nor a
	// word seen once), three such words, and three-word runs of stored
	// texts in quotes.
	mid := func() string { return words[100+rng.IntN(max(min(len(words)-100, 2000), 1))] }
	kinds := []struct {
		name   string
		make   func(i int) string
		counts bool
	}{
		{"one word", func(int) string { return mid() }, false},
		{"three words", func(int) string { return mid() + " " + mid() + " " + mid() }, true},
		{"phrase", func(i int) string { return `"` + phrases[i%len(phrases)] + `"` }, false},
	}
	for _, k := range kinds {
		var ms, countMs []float64
		hits, texts, nwords := 0, 0, 0
		for i := range opt.Queries {
			q, err := textsearch.ParseQuery(k.make(i))
			if err != nil {
				return out, counts, err
			}
			t := time.Now()
			n, _, err := st.Search(ctx, storage.SearchQuery{Query: q, Limit: 20})
			if err != nil {
				return out, counts, fmt.Errorf("search %q: %w", q.Raw, err)
			}
			ms = append(ms, float64(time.Since(t).Microseconds())/1000)
			hits += n
			if k.counts {
				t := time.Now()
				c, err := st.WordTexts(ctx, q)
				if err != nil {
					return out, counts, fmt.Errorf("search %q: %w", q.Raw, err)
				}
				countMs = append(countMs, float64(time.Since(t).Microseconds())/1000)
				for _, n := range c {
					texts += n
				}
				nwords += len(c)
			}
		}
		qt := timings(k.name, ms, float64(hits)/float64(len(ms)))
		out = append(out, qt)
		logf(opt.Log, "  %s: p50 %.1f ms, p95 %.1f ms, %.0f hits on average", qt.Kind, qt.P50ms, qt.P95ms, qt.MeanHits)
		if k.counts {
			ct := timings(k.name+": each word's texts counted", countMs, float64(texts)/float64(max(nwords, 1)))
			counts = &ct
			logf(opt.Log, "  %s: p50 %.1f ms, p95 %.1f ms, %.0f texts a word on average", ct.Kind, ct.P50ms, ct.P95ms, ct.MeanHits)
		}
	}
	return out, counts, nil
}

// timings are latencies in ms summed up (sorts ms).
func timings(kind string, ms []float64, meanHits float64) QueryTimings {
	slices.Sort(ms)
	return QueryTimings{Kind: kind, Queries: len(ms), P50ms: ms[len(ms)/2], P95ms: ms[len(ms)*95/100], MaxMs: ms[len(ms)-1], MeanHits: meanHits}
}

// WriteSearch prints the search benchmark.
func WriteSearch(w io.Writer, r SearchBench) error {
	fmt.Fprintf(w, "%s articles of %d words: stored and indexed in %.1f s; the index alone rebuilt in %.1f s\n", num(float64(r.Articles)), r.WordsPer, r.LoadSeconds, r.IndexSeconds)
	fmt.Fprintf(w, "database %s bytes, of which the search index %s (%.0f%%)\n", num(float64(r.DBBytes)), num(float64(r.IndexBytes)), 100*float64(r.IndexBytes)/float64(max(r.DBBytes, 1)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "query\tqueries\tp50 ms\tp95 ms\tmax ms\tmean hits\t")
	for _, k := range r.Kinds {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%s\t\n", k.Kind, k.Queries, k.P50ms, k.P95ms, k.MaxMs, num(k.MeanHits))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if c := r.WordCounts; c != nil {
		fmt.Fprintf(w, "of a three-word query, counting each word's texts over the index (what bm25 does before it scores a text): p50 %.1f ms, p95 %.1f ms, max %.1f ms; %s texts a word on average\n",
			c.P50ms, c.P95ms, c.MaxMs, num(c.MeanHits))
	}
	worst := 0.0
	for _, k := range r.Kinds {
		worst = max(worst, k.P95ms)
	}
	verdict := "met"
	if worst >= 100 {
		verdict = "NOT met"
	}
	_, err := fmt.Fprintf(w, "target p95 < 100 ms: %s (worst p95 %.1f ms)\n", verdict, worst)
	return err
}
