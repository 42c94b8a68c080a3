// Package extract turns a raw capture of a terms page into a clean, stable
// Markdown text: one paragraph per line, links absolute and free of
// tracking parameters, Unicode and whitespace normalised. It decides what
// counts as a change, so everything that varies between two captures of
// unchanged terms (nonces, tokens, tracking ids, rotating attributes,
// invisible markup) must vanish, and every wording change must survive.
//
// The noise it removes, by class (each tested in noise_test.go):
//   - markup: attributes, scripts, styles, comments, hidden banners,
//     invisible characters, blanks and Unicode forms;
//   - link targets (links.go, redirect.go): tracking, session and
//     cache-busting parameters by name; query values that are random
//     tokens (UUIDs, hex of 16 or more, base62/base64 runs of 20 or more);
//     redirect wrappers (facebook.com/l.php, google.com/url, Outlook
//     safelinks, Proofpoint, …) replaced by their target; the text of a
//     link is always kept;
//   - per-request values in the content (volatile.go): a time of day with
//     seconds, next to a date or after "generated", "as of" …, request and
//     trace ids, UUIDs, render durations. Bare dates are kept: DateOnly
//     tells a date-only edit apart instead.
//
// What is left for a check to judge is what differs between captures and
// not within one: LinkQueriesOnly tells two texts that differ only in link
// query values.
package extract

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/toswatch/toswatch/internal/model"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Options say which part of a page is the document. The matches of Select
// and the contents of Ranges make the text together, in document order, a
// part inside another written once; with neither, the main content is
// found automatically.
type Options struct {
	Select  []string      // CSS selectors whose matches make the text
	Ranges  []model.Range // ranges of the page that make the text (Open Terms Archive style)
	Remove  []string      // CSS selectors of elements dropped before selecting
	BaseURL string        // the page URL, to make links absolute
	// Ignore are removed from each line of the text (a line left empty
	// goes), after the per-request values are masked: the user's escape
	// hatch for noise toswatch does not know.
	Ignore []*regexp.Regexp
}

// HTML extracts the clean Markdown text of an HTML page. The same bytes and
// options always give the same text.
//
// A failure wraps its kind, checked with errors.Is:
// model.FailureSelectorMissing when a Select selector, or the start or end
// of a range, matched nothing, or a selector is not valid CSS (a Remove
// selector that matches nothing is fine: the noise it targets may come and
// go); model.FailureTooShort when the text is shorter than MinLength, or
// model.FailureUnavailable when such a short text says it is an error,
// maintenance or loading page (UnavailableCue).
func HTML(body []byte, opts Options) (string, error) {
	doc, err := parse(body)
	if err != nil {
		return "", fmt.Errorf("parse html: %w", err)
	}
	base := baseURL(doc, opts.BaseURL)
	dropNoise(doc)
	for _, sel := range opts.Remove {
		s, err := find(doc, sel)
		if err != nil {
			return "", err
		}
		s.Remove()
	}
	var roots []*html.Node
	if len(opts.Select) > 0 || len(opts.Ranges) > 0 {
		spans, pos, err := selectSpans(doc, opts.Select, opts.Ranges)
		if err != nil {
			return "", err
		}
		for _, sp := range spans {
			if sp.node == nil {
				sp.node = cloneSpan(doc.Nodes[0], pos, sp.from, sp.to)
			}
			roots = append(roots, sp.node)
		}
	} else {
		roots = autoRoots(doc)
	}
	md := newMarkdown(base, len(body))
	for _, r := range roots {
		md.flush()
		md.node(r)
	}
	return Finish(md.String(), opts)
}

// Finish turns the text of a page into the document's text: Normalize,
// then per-request values (times of day, request ids) masked, then its
// length checked. HTML and Text end with it; text that another tool
// extracted (a PDF converter's) goes through it too, so that every
// document's text is made the same way.
func Finish(text string, opts Options) (string, error) {
	text = maskVolatileLines(Normalize(text))
	if len(opts.Ignore) > 0 {
		text = ignore(text, opts.Ignore)
	}
	if err := checkLength(text); err != nil {
		return "", err
	}
	return text, nil
}

// ignore removes the matches of the patterns from each line, and the lines
// they leave empty.
func ignore(text string, patterns []*regexp.Regexp) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		for _, re := range patterns {
			l = re.ReplaceAllString(l, "")
		}
		if l = normalizeLine(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// parse reads an HTML document, decoding legacy charsets when the body is
// not UTF-8 (the fetcher normally hands over UTF-8 already).
func parse(body []byte) (*goquery.Document, error) {
	var r io.Reader = bytes.NewReader(body)
	if !utf8.Valid(body) {
		cr, err := charset.NewReader(r, "text/html")
		if err == nil {
			r = cr
		}
	}
	return goquery.NewDocumentFromReader(r)
}

// baseURL resolves the page URL with the document's <base href>.
func baseURL(doc *goquery.Document, page string) *url.URL {
	var base *url.URL
	if page != "" {
		if u, err := url.Parse(page); err == nil {
			base = u
		}
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if u, err := url.Parse(strings.TrimSpace(href)); err == nil {
			if base != nil {
				u = base.ResolveReference(u)
			}
			if u.IsAbs() {
				base = u
			}
		}
	}
	return base
}

// find runs one CSS selector, reporting an invalid one as missing.
func find(doc *goquery.Document, sel string) (*goquery.Selection, error) {
	m, err := cascadia.Compile(sel)
	if err != nil {
		return nil, fmt.Errorf("%w: selector %q is invalid: %v", model.FailureSelectorMissing, sel, err)
	}
	return doc.FindMatcher(m), nil
}

// noiseAtoms are elements whose content is never text a reader sees.
var noiseAtoms = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Link: true,
	atom.Meta: true, atom.Input: true, atom.Select: true, atom.Option: true,
	atom.Textarea: true, atom.Button: true, atom.Datalist: true, atom.Output: true,
	atom.Progress: true, atom.Meter: true, atom.Frame: true, atom.Frameset: true,
	atom.Audio: true, atom.Video: true,
}

// hiddenMaxText is the most text a hidden element may hold and still be
// dropped. Short hidden elements are banners, modals, tooltips and leftover
// variants; a long one is content that a script shows (tabs, accordions,
// anti-flicker wrappers around the whole page), and dropping it would make
// the text depend on markup rather than on the terms.
const hiddenMaxText = 2000

// textLen counts the bytes of text under n, stopping once it reaches limit.
func textLen(n *html.Node, limit int) int {
	if n.Type == html.TextNode {
		return len(n.Data)
	}
	total := 0
	for c := n.FirstChild; c != nil && total < limit; c = c.NextSibling {
		total += textLen(c, limit-total)
	}
	return total
}

// dropNoise removes the elements that render nothing or are hidden, and
// comments.
func dropNoise(doc *goquery.Document) {
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.CommentNode, html.DoctypeNode:
				drop = append(drop, c)
				continue
			case html.ElementNode:
				if noiseAtoms[c.DataAtom] || (hidden(c) && textLen(c, hiddenMaxText) < hiddenMaxText) {
					drop = append(drop, c)
					continue
				}
			}
			walk(c)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}

// hidden reports an element that the browser does not display: the hidden
// attribute, an inline display:none or visibility:hidden.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			// "until-found" is an accordion the browser opens on find.
			return !strings.EqualFold(a.Val, "until-found")
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}
