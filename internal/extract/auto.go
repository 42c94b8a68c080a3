package extract

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// descendants returns the descendants of n that match, in document order,
// those inside a match included.
func descendants(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if match(c) {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// chrome reports site chrome that is never the document when no selector
// is configured: navigation, sidebars, dialogs and banners. It is the
// selector nav, aside, dialog, [role=navigation], [role=banner],
// [role=contentinfo], [role=complementary], [role=dialog],
// [role=alertdialog], [role=search], [aria-modal=true], tested on one
// element without a CSS engine (which matched it against every element
// of every page).
func chrome(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.Data {
	case "nav", "aside", "dialog":
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			switch a.Val {
			case "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search":
				return true
			}
		case "aria-modal":
			if a.Val == "true" {
				return true
			}
		}
	}
	return false
}

// consentMarks are id and class fragments of cookie and consent banners,
// which sit outside <nav> and change with every consent-manager release.
var consentMarks = []string{
	"cookie-banner", "cookiebanner", "cookie-consent", "cookieconsent", "cookie-notice",
	"cookie-bar", "cookies-banner", "cookie-popup", "cookie-law", "onetrust", "cookiebot",
	"didomi", "truste", "gdpr", "consent-banner", "cc-window", "qc-cmp", "usercentrics",
}

// bannerMaxText is the most text a consent banner has; a longer element
// with a consent-like class is the cookie policy itself.
const bannerMaxText = 2000

// autoRoots finds the main content of a page without selectors: the
// <main>, [role=main] or <article> that holds most of the text, else the
// element reached by descending from <body> into the child that holds most
// of the text outside links, for as long as that child holds most of it
// (and then up again to take in the title).
func autoRoots(doc *goquery.Document) []*html.Node {
	body := doc.Find("body").First()
	if body.Length() == 0 {
		return doc.Nodes
	}
	for _, n := range descendants(body.Nodes[0], chrome) {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	body.Find("header, footer").Each(func(_ int, s *goquery.Selection) {
		if s.ParentsFiltered("main, article, [role=main]").Length() == 0 {
			s.Remove()
		}
	})
	root := body.Nodes[0]
	st := make(stats, subtreeSize(root)) // sized once: growing it cost more than counting
	st.count(root, false)
	banners := descendants(root, func(n *html.Node) bool {
		return n.Type == html.ElementNode && consentLike(n) && st[n].text < bannerMaxText
	})
	if len(banners) > 0 {
		for _, n := range banners {
			if n.Parent != nil {
				n.Parent.RemoveChild(n)
			}
		}
		st = make(stats, subtreeSize(root))
		st.count(root, false)
	}

	total := st.content(root)
	var best *html.Node
	body.Find("main, [role=main], article").Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		if best == nil || st.content(n) > st.content(best) {
			best = n
		}
	})
	if best != nil && 2*st.content(best) >= total {
		return []*html.Node{best}
	}
	cur := root
	for {
		var next *html.Node
		for c := cur.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (next == nil || st.content(c) > st.content(next)) {
				next = c
			}
		}
		if next == nil || 10*st.content(next) < 7*st.content(cur) {
			return []*html.Node{withTitle(cur, st)}
		}
		cur = next
	}
}

// withTitle climbs from the densest block to the nearest ancestor that also
// holds the page's <h1>, when the title sits just outside the body text
// (a header row above it) and adds little text.
func withTitle(n *html.Node, st stats) *html.Node {
	if hasH1(n) {
		return n
	}
	p := n
	for range 3 {
		p = p.Parent
		if p == nil || p.DataAtom == atom.Body || 10*(st.content(p)-st.content(n)) > st.content(n) {
			return n
		}
		if hasH1(p) {
			return p
		}
	}
	return n
}

func hasH1(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.H1 || hasH1(c)) {
			return true
		}
	}
	return false
}

// consentLike reports an element whose id or class names a consent banner.
func consentLike(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" {
			continue
		}
		if consentMark(strings.ToLower(a.Val)) {
			return true
		}
	}
	return false
}

// consentMark reports one of consentMarks in a lower-case value, in one
// pass: at each byte, the marks that start with it.
func consentMark(v string) bool {
	for i := 0; i < len(v); i++ {
		for _, m := range consentByFirst[v[i]] {
			if strings.HasPrefix(v[i:], m) {
				return true
			}
		}
	}
	return false
}

// consentByFirst are consentMarks by their first byte.
var consentByFirst = func() (t [256][]string) {
	for _, m := range consentMarks {
		t[m[0]] = append(t[m[0]], m)
	}
	return t
}()

// stat is the amount of text under an element, and how much of it is
// inside links.
type stat struct{ text, link int }

type stats map[*html.Node]stat

// count fills in the stats of n's subtree and returns n's.
func (st stats) count(n *html.Node, inLink bool) stat {
	var s stat
	if n.Type == html.TextNode {
		k := len(strings.TrimSpace(n.Data))
		s.text = k
		if inLink {
			s.link = k
		}
		return s
	}
	inLink = inLink || (n.Type == html.ElementNode && n.DataAtom == atom.A)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := st.count(c, inLink)
		s.text += cs.text
		s.link += cs.link
	}
	if n.Type == html.ElementNode {
		st[n] = s
	}
	return s
}

// content is the text of an element outside links: what a reader reads
// rather than clicks.
func (st stats) content(n *html.Node) int {
	s := st[n]
	return s.text - s.link
}
