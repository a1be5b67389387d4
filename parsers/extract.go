package parsers

import (
	"encoding/json"
	"net/url"
	"time"

	"golang.org/x/net/html"
)

// Article is what the parser makes of one page.
type Article struct {
	URL         string     `json:"url,omitempty"`
	Title       string     `json:"title"`
	PublishedAt *time.Time `json:"published_at"`
	Author      string     `json:"author"`
	Text        string     `json:"text"`
	IsArticle   bool       `json:"is_article"`
	ContentHash string     `json:"content_hash"`
	Lang        string     `json:"lang"`
	// Method says how the body was found: a portal rule ("rule:<selector>"),
	// "readability", or "readability-floor" (readability on the untouched
	// page, taken because the first choice held clearly less text).
	Method string `json:"method"`
	// Reason says why a page is not an article; empty for articles.
	Reason string `json:"reason,omitempty"`
	// Explain, when Options.Explain is set, holds every signal of the
	// decision and how the body and metadata were found.
	Explain *Explanation `json:"explain,omitempty"`
	// Observation is what the page tells the crawler's site model.
	Observation Observation `json:"-"`
	// Slots are the link slots of the text's paragraphs that are link text
	// only (an item of a box of links), by paragraph index: kept with the
	// stored text so that a site model learnt later can clean it
	// (SiteModel.CleanText).
	Slots string `json:"-"`
}

// MarshalJSON writes absent dates and authors as null.
func (a Article) MarshalJSON() ([]byte, error) {
	type plain Article
	var author *string
	if a.Author != "" {
		author = &a.Author
	}
	return json.Marshal(struct {
		plain
		Author *string `json:"author"`
	}{plain(a), author})
}

// Options adjust one extraction.
type Options struct {
	// ArticleHint, when set, is the site's article_pattern verdict on the URL:
	// false means the page is never an article; true means it is one whenever
	// a title and a body were found, even without a date.
	ArticleHint *bool
	// ContentSelector, when it matches, is the article body: detection is
	// skipped. RemoveSelectors are deleted before anything is read.
	// DateSelector, when it matches an element holding a date, is the
	// publish date. They are the config's per-site overrides; the families
	// in testdata/pages need none of them.
	ContentSelector string
	RemoveSelectors []string
	DateSelector    string
	// Explain fills Article.Explain.
	Explain bool
	// Site is the crawler's model of the page's site; once it is trusted,
	// the paragraphs it holds for template chrome are removed and the
	// site's template paths weigh in the decision. nil: the page alone.
	Site *SiteModel
}

// Extract decodes a response body, parses it once and extracts the article.
func Extract(body []byte, contentType string, pageURL *url.URL, opt Options) (Article, error) {
	doc, err := ParseHTML(body, contentType)
	if err != nil {
		return Article{}, err
	}
	return ExtractDocument(doc, pageURL, opt), nil
}

// ExtractDocument extracts the article from a parsed page. It mutates doc.
// Each step is a stage of its own file; see the package comment.
func ExtractDocument(doc *html.Node, pageURL *url.URL, opt Options) Article {
	return ExtractDraft(doc, pageURL, opt).Finish(opt)
}

// ExtractDraft runs the stages that do not depend on the site model, and
// keeps their outcome without the page's DOM (draft.go); Finish runs the
// rest. It mutates doc; opt.Site is not used.
func ExtractDraft(doc *html.Node, pageURL *url.URL, opt Options) *Draft {
	p := newPage(doc, pageURL, opt)
	p.repairLegacyText() // parse.go
	p.applyRemovals()    // parse.go: the site's remove_selectors
	p.readMetadata()     // metadata.go
	p.locateKnownBody()  // body.go
	p.findTitle()        // metadata.go
	p.findPublishDate()  // dates.go
	p.findAuthor()       // metadata.go
	p.findLead()         // body.go
	p.markTeasers()      // decide.go: listing evidence, before anything moves
	p.keepPristineCopy() // body.go
	p.removeChrome()     // chrome.go
	p.selectBody()       // body.go
	p.cleanText()        // clean.go
	p.printParagraphs()  // sitemodel.go: what the site model counts
	p.weighPage()        // decide.go: the markup's evidence
	return p.draft()     // draft.go
}

// Finish completes a draft with opt.Site (and opt.Explain): the site
// model's cleaning, the language, the decision. A draft may be finished
// any number of times, with models as they grow. The draft keeps the
// selectors and article_pattern verdict it was made with.
func (d *Draft) Finish(opt Options) Article {
	p := d.page(opt)
	p.siteStage()      // sitemodel.go
	p.detectLanguage() // metadata.go
	p.decide()         // decide.go
	return p.article()
}

// page is one extraction's state, handed from stage to stage.
type page struct {
	doc, body *html.Node
	url       *url.URL
	opt       Options

	meta pageMeta

	known    *html.Node // body container found by a portal rule or content_selector
	knownSel string

	titleNode *html.Node
	title     string

	date       *time.Time
	dateSource string
	author     string
	lead       *html.Node
	leadParas  []string

	pristine    *html.Node  // an untouched copy of the page, for the readability floor
	undo        *[]detached // what the chrome stage detached, when no copy was made
	proseMass   int         // characters of prose on the page before chrome was removed; -1 until measured
	chromeCache map[*html.Node]bool

	root        *html.Node // the chosen body
	anchor      *html.Node // the page's longest prose block (before chrome removal)
	anchorSet   bool
	paraInfo    map[string]paraInfo
	prints      []Print
	weighed     weighed
	proseChars  int    // characters of the main block in paragraphs of prose (before the site stage)
	anchorPath  string // where the page's longest prose block sits
	titleSource string
	slots       string
	siteRemoved []RemovedBlock
	siteNote    string
	method      string
	floorNote   string
	leadAdded   bool
	paras       []string
	text        string
	bylineNote  string
	lang        string

	isArticle bool
	reason    string
	signals   []Signal
	score     float64
}

func newPage(doc *html.Node, u *url.URL, opt Options) *page {
	p := &page{doc: doc, url: u, opt: opt, body: doc, proseMass: -1}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "body" {
			p.body = n
			break
		}
	}
	return p
}

func (p *page) article() Article {
	a := Article{
		Title: p.title, PublishedAt: p.date, Author: p.author, Text: p.text,
		IsArticle: p.isArticle, ContentHash: ContentHash(p.text), Lang: p.lang,
		Method: p.method, Reason: p.reason,
	}
	if p.url != nil {
		a.URL = p.url.String()
	}
	if p.opt.Explain {
		a.Explain = p.explanation()
	}
	a.Slots = p.slots
	a.Observation = p.observation()
	return a
}

func (p *page) observation() Observation {
	return Observation{Prints: p.prints, Kind: p.kind(), AnchorPath: p.anchorPath, Title: titleKey(p.title), TitleText: p.title}
}

// Observation is what the draft tells the site model, decided with
// opt.Site as Finish decides: Finish's Article.Observation without the
// article's hash, language and explanation.
func (d *Draft) Observation(opt Options) Observation {
	opt.Explain = false
	p := d.page(opt)
	p.siteStage()
	p.decide()
	return p.observation()
}

// proseAnchor is the page's longest prose block, found once on the page
// as served: where the main text is when no container names it, and the
// site model's notion of a page's template.
func (p *page) proseAnchor() *html.Node {
	if !p.anchorSet {
		p.anchor, p.anchorSet = densestProse(p.body), true
	}
	return p.anchor
}

func elementPathOrEmpty(n, root *html.Node) string {
	if n == nil {
		return ""
	}
	return elementPath(n, root)
}
