package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteTable prints the result: the farm, one row per measure, then the
// ratios and targets on lines of their own.
func (r *Result) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "farm: %d sites (%s), %s articles, %s pages in all; %d CPUs; %d connections at once (one per site)\n\n",
		r.Farm.Sites, strings.Join(r.Farm.Layouts, ", "), num(float64(r.Farm.Articles)), num(float64(r.Farm.Pages)), r.CPUs, r.Connections)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "measure\tpages\tarticles\tseconds\tpages/s\tarticles/s\tpeak RSS MB\tCPU s\tfarm CPU s\t")
	for _, m := range r.Measures {
		if m.Skipped {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\t-\t-\t-\t  %s\n", m.Name, m.Note)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t  %s\n", m.Name, count(m.Pages), count(m.Articles), m.Seconds,
			rate(m.PagesPerSec), rate(m.ArticlesPerSec), rate(m.PeakRSSMB), secs(m.CPUSeconds), secs(m.FarmCPUSeconds), m.Note)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	b.WriteByte('\n')
	if r.DBBytes > 0 {
		fmt.Fprintf(&b, "database: %s bytes, %s bytes per article\n", num(float64(r.DBBytes)), num(r.DBPerArticleB))
	}
	for _, m := range r.Measures {
		if m.WrittenBytes > 0 && m.Pages > 0 {
			fmt.Fprintf(&b, "%s wrote %s bytes, %s KB a page (write(2) and pwrite(2): the WAL and its checkpoints, mostly)\n",
				m.Name, num(float64(m.WrittenBytes)), num(float64(m.WrittenBytes)/1024/float64(m.Pages)))
		}
	}
	writeModels(&b, "site models after the crawl", r.SiteModels)
	writeModels(&b, "site models after the crawl of the doubled farm", r.SiteModels2x)
	for _, q := range r.Ratios {
		fmt.Fprintf(&b, "ratio %s: %.2f%s\n", q.Name, q.Value, verdict(q))
	}
	for _, q := range r.Targets {
		fmt.Fprintf(&b, "target %s: %s %s%s\n", q.Name, num(q.Value), q.Unit, verdict(q))
	}
	if r.Profile != "" {
		fmt.Fprintf(&b, "pipeline CPU profile: %s (go tool pprof -top %s)\n", r.Profile, r.Profile)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func verdict(q Ratio) string {
	if q.Met == nil {
		return ""
	}
	if *q.Met {
		return " (target " + q.Target + ": met)"
	}
	return " (target " + q.Target + ": NOT met)"
}

func count(n int) string {
	if n == 0 {
		return "-"
	}
	return num(float64(n))
}

func rate(v float64) string {
	if v == 0 {
		return "-"
	}
	return num(v)
}

func secs(v float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", v)
}

// writeModels prints each site's model: articles counted, blocks, chrome,
// stored bytes, and the hold's peak.
func writeModels(b *strings.Builder, title string, ms []SiteModel) {
	if len(ms) == 0 {
		return
	}
	fmt.Fprintf(b, "%s:\n", title)
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "site\tarticles counted\tblocks\tchrome\tstored bytes\theld peak pages\theld peak bytes\t")
	var maxStored, maxHeld int64
	for _, m := range ms {
		maxStored, maxHeld = max(maxStored, m.StoredBytes), max(maxHeld, m.HeldPeakBytes)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%d\t%s\t\n", m.Site, m.Articles, m.Blocks, m.Chrome, num(float64(m.StoredBytes)), m.HeldPeakPages, num(float64(m.HeldPeakBytes)))
	}
	tw.Flush()
	fmt.Fprintf(b, "largest stored model %s bytes; largest hold %s bytes (compressed bodies, in the database)\n\n", num(float64(maxStored)), num(float64(maxHeld)))
}
