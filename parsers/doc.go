// Package parsers turns a fetched page into a clean article.
//
// The pipeline (ExtractDocument) runs these stages in order, one file each:
//
//  1. decode.go   — bytes to UTF-8: BOM, header, <meta charset>, detection
//     (UTF-8, TCVN3, windows-1258).
//  2. parse.go    — parse once; repair TCVN3 / VNI text typed for legacy
//     fonts, only where there is Vietnamese evidence (legacy.go).
//  3. metadata.go — structured data (JSON-LD, microdata, Open Graph, meta
//     tags), the headline, the language and the author, read before
//     anything is removed; dates.go locates the publish date by structure.
//  4. chrome.go   — menus, sidebars, counters, tools, comment forms and
//     related lists are removed; an element that holds most of the page's
//     prose is a layout wrapper and is kept whatever its class says.
//  5. body.go     — the body container: a known CMS container, else
//     readability; readability on the untouched page is the floor when the
//     first choice holds clearly less text.
//  6. clean.go    — the body becomes paragraphs: chrome lines, bylines,
//     image file names and trailing related lists go.
//  7. decide.go   — the article decision weighs evidence (structured data,
//     headline, text length, paragraphs, link density, listing and
//     label|value patterns, date, URL shape); every signal and its weight
//     is kept for --explain.
//
// Links, feeds and requisites for the crawler are read by links.go and
// discover.go from the same parsed tree.
package parsers
