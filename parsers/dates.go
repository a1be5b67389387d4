package parsers

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Vietnam is the portals' time zone. Vietnam has had no daylight saving
// since 1975, so a fixed offset is exact and needs no tzdata.
var Vietnam = time.FixedZone("+07:00", 7*3600)

// reDateISO also reads NukeViet's article:published_time, written with
// PHP's "T" (a zone abbreviation) where ISO 8601 has the letter T:
// "2020-10-14+0715:25:00" or "2020-10-14ICT15:25:00".
var (
	reDateWords = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	// reDateMonthWord is Joomla's and WordPress's Vietnamese long date:
	// "18 Tháng 11 2020", "18 tháng 11, 2020".
	reDateMonthWord = regexp.MustCompile(`(?i)\b(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+(\d{4})\b`)
	reDateISO       = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:(?:[T ]|[A-Z]{3,4}|[+-]\d{2})(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?`)
	reDateDMY       = regexp.MustCompile(`\b(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d{4})\b`)
	reTime          = regexp.MustCompile(`(?i)\b(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*\d{2})?\b\s*(am|pm|sa|ch)?`)
)

// FindDate finds the first date in s (with its time of day where one stands
// within a few characters of it) and returns it in +07:00. hasTime tells
// whether a time of day was found.
func FindDate(s string) (t time.Time, hasTime, ok bool) {
	type match struct {
		start, end int
		y, m, d    int
		h, mi, sec int
		zone       *time.Location
		withTime   bool
	}
	var best *match
	consider := func(m match) {
		if best == nil || m.start < best.start {
			mm := m
			best = &mm
		}
	}
	for _, g := range reDateISO.FindAllStringSubmatchIndex(s, -1) {
		m := match{start: g[0], end: g[1], y: atoi(s, g, 1), m: atoi(s, g, 2), d: atoi(s, g, 3)}
		if g[8] >= 0 {
			m.h, m.mi, m.withTime = atoi(s, g, 4), atoi(s, g, 5), true
			if g[12] >= 0 {
				m.sec = atoi(s, g, 6)
			}
			if g[14] >= 0 {
				m.zone = parseZone(s[g[14]:g[15]])
			}
		}
		if validDate(m.y, m.m, m.d) {
			consider(m)
			break
		}
	}
	for _, g := range reDateWords.FindAllStringSubmatchIndex(s, -1) {
		m := match{start: g[0], end: g[1], d: atoi(s, g, 1), m: atoi(s, g, 2), y: atoi(s, g, 3)}
		if validDate(m.y, m.m, m.d) {
			consider(m)
			break
		}
	}
	for _, g := range reDateMonthWord.FindAllStringSubmatchIndex(s, -1) {
		m := match{start: g[0], end: g[1], d: atoi(s, g, 1), m: atoi(s, g, 2), y: atoi(s, g, 3)}
		if validDate(m.y, m.m, m.d) {
			consider(m)
			break
		}
	}
	for _, g := range reDateDMY.FindAllStringSubmatchIndex(s, -1) {
		a, b, y := atoi(s, g, 1), atoi(s, g, 2), atoi(s, g, 3)
		d, mo := a, b
		if a <= 12 && b > 12 { // only a month/day order makes sense
			d, mo = b, a
		}
		if validDate(y, mo, d) {
			consider(match{start: g[0], end: g[1], y: y, m: mo, d: d})
			break
		}
	}
	if best == nil {
		return time.Time{}, false, false
	}
	if !best.withTime {
		best.h, best.mi, best.withTime = nearestTime(s, best.start, best.end)
	}
	loc := Vietnam
	if best.zone != nil {
		loc = best.zone
	}
	t = time.Date(best.y, time.Month(best.m), best.d, best.h, best.mi, best.sec, 0, loc).In(Vietnam)
	return t, best.withTime, true
}

// nearestTime looks for a time of day within 30 characters of a date.
func nearestTime(s string, start, end int) (h, mi int, ok bool) {
	bestDist := 31
	for _, g := range reTime.FindAllStringSubmatchIndex(s, -1) {
		if g[0] < end && g[1] > start { // overlaps the date itself
			continue
		}
		dist := start - g[1]
		if g[0] >= end {
			dist = g[0] - end
		}
		hh, mm := atoi(s, g, 1), atoi(s, g, 2)
		if g[6] >= 0 {
			switch strings.ToLower(s[g[6]:g[7]]) {
			case "pm", "ch":
				if hh < 12 {
					hh += 12
				}
			case "am", "sa":
				if hh == 12 {
					hh = 0
				}
			}
		}
		if hh > 23 || mm > 59 || dist >= bestDist {
			continue
		}
		h, mi, ok, bestDist = hh, mm, true, dist
	}
	return h, mi, ok
}

func atoi(s string, g []int, i int) int {
	if g[2*i] < 0 {
		return 0
	}
	n, _ := strconv.Atoi(s[g[2*i]:g[2*i+1]])
	return n
}

func validDate(y, m, d int) bool {
	if y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func parseZone(z string) *time.Location {
	if z == "Z" {
		return time.UTC
	}
	z = strings.ReplaceAll(z, ":", "")
	if len(z) != 5 {
		return nil
	}
	h, err1 := strconv.Atoi(z[1:3])
	m, err2 := strconv.Atoi(z[3:5])
	if err1 != nil || err2 != nil {
		return nil
	}
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off)
}
