package parsers

import (
	"net/url"
	"time"
)

// Draft is an extraction stopped before the site stage: everything that
// does not depend on a site model, without the page's DOM. Finish runs the
// rest. A crawler holds drafts, not bodies, while a site's model learns:
// finishing a draft costs microseconds where extracting the page again
// costs milliseconds. A draft round-trips through JSON.
type Draft struct {
	URL          string        `json:"url,omitempty"`
	Title        string        `json:"title,omitempty"`
	TitleSource  string        `json:"title_source,omitempty"`
	PublishedAt  *time.Time    `json:"published_at,omitempty"`
	DateSource   string        `json:"date_source,omitempty"`
	Author       string        `json:"author,omitempty"`
	BylineNote   string        `json:"byline_note,omitempty"`
	DeclaredLang string        `json:"declared_lang,omitempty"`
	Method       string        `json:"method,omitempty"`
	FloorNote    string        `json:"floor_note,omitempty"`
	LeadAdded    bool          `json:"lead_added,omitempty"`
	PageProse    int           `json:"page_prose,omitempty"`
	Prints       []Print       `json:"prints,omitempty"` // the cleaned paragraphs, as the site model sees them
	HasRoot      bool          `json:"has_root,omitempty"`
	Hint         *bool         `json:"hint,omitempty"` // the article_pattern's verdict, when the site has one
	ProseChars   int           `json:"prose_chars,omitempty"`
	AnchorPath   string        `json:"anchor_path,omitempty"`
	Lead         []draftSignal `json:"lead,omitempty"`
	Block        []draftSignal `json:"block,omitempty"`
	Tail         []draftSignal `json:"tail,omitempty"`
}

// draftSignal is a Signal with its reason (which Signal's JSON leaves out).
type draftSignal struct {
	Name   string  `json:"n"`
	Value  string  `json:"v"`
	Weight float64 `json:"w"`
	Reason string  `json:"r,omitempty"`
}

func toDraftSignals(ss []Signal) []draftSignal {
	out := make([]draftSignal, len(ss))
	for i, s := range ss {
		out[i] = draftSignal(s)
	}
	return out
}

func fromDraftSignals(ds []draftSignal) []Signal {
	out := make([]Signal, len(ds))
	for i, s := range ds {
		out[i] = Signal(s)
	}
	return out
}

// draft keeps the page's outcome so far.
func (p *page) draft() *Draft {
	d := &Draft{
		Title: p.title, TitleSource: p.titleSource, PublishedAt: p.date, DateSource: p.dateSource,
		Author: p.author, BylineNote: p.bylineNote, DeclaredLang: p.meta.declaredLang,
		Method: p.method, FloorNote: p.floorNote, LeadAdded: p.leadAdded, PageProse: max(p.proseMass, 0),
		Prints: p.prints, HasRoot: p.weighed.hasRoot, Hint: p.weighed.hint, ProseChars: p.proseChars, AnchorPath: p.anchorPath,
		Lead: toDraftSignals(p.weighed.lead), Block: toDraftSignals(p.weighed.block), Tail: toDraftSignals(p.weighed.tail),
	}
	if p.url != nil {
		d.URL = p.url.String()
	}
	return d
}

// page restores a page from a draft, for the stages Finish runs.
func (d *Draft) page(opt Options) *page {
	p := &page{opt: opt, proseMass: d.PageProse,
		title: d.Title, titleSource: d.TitleSource, date: d.PublishedAt, dateSource: d.DateSource,
		author: d.Author, bylineNote: d.BylineNote, method: d.Method, floorNote: d.FloorNote, leadAdded: d.LeadAdded,
		prints: d.Prints, proseChars: d.ProseChars, anchorPath: d.AnchorPath,
		weighed: weighed{lead: fromDraftSignals(d.Lead), block: fromDraftSignals(d.Block), tail: fromDraftSignals(d.Tail), hasRoot: d.HasRoot, hint: d.Hint},
	}
	p.meta.declaredLang = d.DeclaredLang
	if d.PublishedAt != nil { // JSON keeps the offset, not the zone
		t := d.PublishedAt.In(Vietnam)
		p.date = &t
	}
	if d.URL != "" {
		p.url, _ = url.Parse(d.URL)
	}
	p.paras = make([]string, len(d.Prints))
	for i, pr := range d.Prints {
		p.paras[i] = pr.Text
	}
	p.text = JoinParagraphs(p.paras)
	return p
}
