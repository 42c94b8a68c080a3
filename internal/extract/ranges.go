package extract

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/PuerkitoBio/goquery"
	"github.com/toswatch/toswatch/internal/model"
	"golang.org/x/net/html"
)

// A page is seen as a sequence of tokens, an opening and a closing one per
// node in document order. A span [from, to) of tokens is what one CSS match
// or one range selects: a match covers its own two tokens and everything
// between, a range goes from its start boundary to its end boundary. Spans
// make "in document order" and "one contains another" plain comparisons.
type span struct {
	from, to int
	node     *html.Node // the CSS match, rendered as is; nil for a range
}

// positions are the numbers of the opening and closing token of nodes.
type positions map[*html.Node][2]int

// numberNodes numbers every node, and keeps the numbers of the nodes of
// only, or of every node when only is nil (ranges and cloneSpan need
// them all; CSS matches need their own, and a map of every node was most
// of selecting).
func numberNodes(doc *goquery.Document, only []*html.Node) positions {
	keep := func(*html.Node) bool { return true }
	count := len(only)
	switch {
	case only == nil:
		count = 0
		for _, n := range doc.Nodes {
			count += subtreeSize(n)
		}
	case len(only) <= 8:
		keep = func(n *html.Node) bool { return slices.Contains(only, n) }
	default:
		set := make(map[*html.Node]bool, len(only))
		for _, n := range only {
			set[n] = true
		}
		keep = func(n *html.Node) bool { return set[n] }
	}
	pos := make(positions, count) // sized once: growing it cost more than counting
	next := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		open := next
		next++
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if keep(n) {
			pos[n] = [2]int{open, next}
		}
		next++
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return pos
}

// subtreeSize counts the nodes of n's subtree, n included.
func subtreeSize(n *html.Node) int {
	count := 1
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		count += subtreeSize(c)
	}
	return count
}

// before and after are the boundaries just before and just after a node.
func (p positions) before(n *html.Node) int { return p[n][0] }
func (p positions) after(n *html.Node) int  { return p[n][1] + 1 }

// selectSpans returns what the selectors and ranges select, in document
// order, a span inside another dropped and overlapping ranges joined.
func selectSpans(doc *goquery.Document, sels []string, ranges []model.Range) ([]span, positions, error) {
	var matches []*html.Node
	for _, sel := range sels {
		s, err := find(doc, sel)
		if err != nil {
			return nil, nil, err
		}
		if s.Length() == 0 {
			return nil, nil, fmt.Errorf("%w: selector %q matched nothing", model.FailureSelectorMissing, sel)
		}
		matches = append(matches, s.Nodes...)
	}
	only := matches
	if len(ranges) > 0 {
		only = nil
	}
	pos := numberNodes(doc, only)
	var spans []span
	for _, n := range matches {
		spans = append(spans, span{from: pos.before(n), to: pos.after(n), node: n})
	}
	for _, r := range ranges {
		sp, err := rangeSpan(doc, pos, r)
		if err != nil {
			return nil, nil, err
		}
		spans = append(spans, sp)
	}
	// Outer spans first at equal starts, so that the inner ones fold in.
	slices.SortStableFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(b.to, a.to))
	})
	var out []span
	for _, sp := range spans {
		if len(out) > 0 {
			last := &out[len(out)-1]
			if sp.to <= last.to {
				continue // inside the last one
			}
			if sp.from < last.to {
				// Partly overlapping: one range from the first start to
				// the last end, so no text is written twice.
				last.to, last.node = sp.to, nil
				continue
			}
		}
		out = append(out, sp)
	}
	return out, pos, nil
}

// rangeSpan finds the span of one range: from the first element matching
// its start, to the first element matching its end whose boundary comes
// after that start.
func rangeSpan(doc *goquery.Document, pos positions, r model.Range) (span, error) {
	startSel, startAfter := r.StartBefore, false
	if startSel == "" {
		startSel, startAfter = r.StartAfter, true
	}
	endSel, endAfter := r.EndBefore, false
	if endSel == "" {
		endSel, endAfter = r.EndAfter, true
	}
	if startSel == "" || endSel == "" || (r.StartBefore != "" && r.StartAfter != "") || (r.EndBefore != "" && r.EndAfter != "") {
		return span{}, fmt.Errorf("%w: range %s is invalid: it needs exactly one start and one end", model.FailureSelectorMissing, formatRange(r))
	}
	starts, err := find(doc, startSel)
	if err != nil {
		return span{}, err
	}
	if starts.Length() == 0 {
		return span{}, fmt.Errorf("%w: range %s: start %q matched nothing", model.FailureSelectorMissing, formatRange(r), startSel)
	}
	from := pos.before(starts.Nodes[0])
	if startAfter {
		from = pos.after(starts.Nodes[0])
	}
	ends, err := find(doc, endSel)
	if err != nil {
		return span{}, err
	}
	for _, n := range ends.Nodes {
		to := pos.before(n)
		if endAfter {
			to = pos.after(n)
		}
		if to > from {
			return span{from: from, to: to}, nil
		}
	}
	if ends.Length() == 0 {
		return span{}, fmt.Errorf("%w: range %s: end %q matched nothing", model.FailureSelectorMissing, formatRange(r), endSel)
	}
	return span{}, fmt.Errorf("%w: range %s: end %q matched nothing after the start", model.FailureSelectorMissing, formatRange(r), endSel)
}

// formatRange writes a range the way vendors.yaml spells it.
func formatRange(r model.Range) string {
	s := "{"
	for _, kv := range [][2]string{
		{"start_before", r.StartBefore}, {"start_after", r.StartAfter},
		{"end_before", r.EndBefore}, {"end_after", r.EndAfter},
	} {
		if kv[1] != "" {
			if len(s) > 1 {
				s += ", "
			}
			s += fmt.Sprintf("%s: %q", kv[0], kv[1])
		}
	}
	return s + "}"
}

// cloneSpan copies the part of the tree under n that lies in [from, to),
// like a DOM Range's cloneContents: nodes wholly inside are copied whole,
// nodes that hold a boundary are copied without the children outside. It
// returns nil when n lies wholly outside.
func cloneSpan(n *html.Node, pos positions, from, to int) *html.Node {
	p := pos[n]
	if p[1] < from || p[0] >= to {
		return nil
	}
	if p[0] >= from && p[1] < to {
		return deepClone(n)
	}
	c := shallowClone(n)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if cc := cloneSpan(ch, pos, from, to); cc != nil {
			c.AppendChild(cc)
		}
	}
	return c
}

func shallowClone(n *html.Node) *html.Node {
	return &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: slices.Clone(n.Attr)}
}

func deepClone(n *html.Node) *html.Node {
	c := shallowClone(n)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(deepClone(ch))
	}
	return c
}
