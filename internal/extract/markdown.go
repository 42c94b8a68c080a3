package extract

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markdown turns an HTML tree into Markdown with one paragraph per line. It
// is a small walker rather than a general converter: the text is compared
// capture after capture, so it keeps only what a reader sees (words,
// headings, list items, table rows, emphasis and link targets) and writes it
// the same way every time.
type markdown struct {
	out    strings.Builder // finished lines
	line   []byte          // the paragraph being written; its buffer serves every paragraph
	space  bool            // a blank is pending before the next word
	lead   bool            // the paragraph started with a blank (for inline wrappers)
	prefix string          // marker of the next line: "# ", "- ", "1. "
	quote  int             // blockquote depth
	lists  []listState     // open lists, innermost last
	base   *url.URL
}

type listState struct {
	ordered bool
	n       int
}

// newMarkdown returns a walker for a page of about size bytes, whose text
// is usually a fraction of it.
func newMarkdown(base *url.URL, size int) *markdown {
	m := &markdown{base: base, line: make([]byte, 0, 4<<10)}
	m.out.Grow(size / 4)
	return m
}

// String returns the Markdown written so far.
func (m *markdown) String() string {
	m.flush()
	return m.out.String()
}

// text appends the words of a text node, collapsing blanks. Runs of
// ordinary characters are copied whole, with the single blanks between
// them, which matters on 100 KB pages.
func (m *markdown) text(s string) {
	start := -1 // start of the current run of ordinary characters
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// One blank between ordinary ASCII characters is what the run
			// would be written with anyway.
			if asciiWord(c) || c == ' ' && start >= 0 && i+1 < len(s) && asciiWord(s[i+1]) {
				if start < 0 {
					start = i
				}
				j := i
				for j+8 <= len(s) && wordRun8(load8(s, j)) {
					j += 8
				}
				i = max(j, i+1)
				continue
			}
			if start >= 0 {
				m.word(s[start:i])
				start = -1
			}
			if len(m.line) == 0 {
				m.lead = true
			}
			m.space = true
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !space(r) && !invisible(r) {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		if start >= 0 {
			m.word(s[start:i])
			start = -1
		}
		if space(r) {
			if len(m.line) == 0 {
				m.lead = true
			}
			m.space = true
		}
		i += n
	}
	if start >= 0 {
		m.word(s[start:])
	}
}

// wordRun8 reports eight bytes that continue a run: printable ASCII
// whose blanks are single and followed by a character.
func wordRun8(x uint64) bool {
	if !printable8(x) {
		return false
	}
	blanks := eq8(x, ' ')
	return blanks&(blanks>>8) == 0 && blanks>>63 == 0
}

// asciiWord reports an ASCII character that is neither blank nor
// invisible (see space).
func asciiWord(c byte) bool {
	return c != ' ' && (c < '\t' || c > '\r') && c < utf8.RuneSelf
}

// word appends characters that are neither blank nor invisible.
func (m *markdown) word(w string) {
	if m.space && len(m.line) > 0 {
		m.line = append(m.line, ' ')
	}
	m.space = false
	m.line = append(m.line, w...)
}

// raw appends already formatted inline Markdown, with the blanks around it
// that its source had.
func (m *markdown) raw(s string, lead, trail bool) {
	if len(m.line) == 0 && (lead || (s == "" && trail)) {
		m.lead = true // for the wrapper around this one, if any
	}
	if s == "" {
		if lead || trail {
			m.space = true
		}
		return
	}
	if (lead || m.space) && len(m.line) > 0 {
		m.line = append(m.line, ' ')
	}
	m.line = append(m.line, s...)
	m.space = trail
}

// flush ends the current paragraph, if it has any words.
func (m *markdown) flush() {
	l := m.line
	m.line = m.line[:0]
	m.space, m.lead = false, false
	if len(l) == 0 {
		return
	}
	for range m.quote {
		m.out.WriteString("> ")
	}
	at := -1
	if m.prefix != "" {
		m.out.WriteString(m.prefix)
		m.prefix = ""
	} else {
		at = escapeAt(l)
	}
	if at >= 0 {
		m.out.Write(l[:at])
		m.out.WriteByte('\\')
		l = l[at:]
	}
	m.out.Write(l)
	m.out.WriteByte('\n')
}

// escapeAt says where a backslash keeps a paragraph that happens to begin
// like a Markdown block ("1. The Services", "# 5", "- or") a paragraph: -1
// when none is needed.
func escapeAt(l []byte) int {
	switch l[0] {
	case '#', '>', '|':
		return 0
	case '-', '+', '*', '=':
		if len(l) == 1 || l[1] == ' ' || len(bytes.Trim(l, string(l[:1]))) == 0 {
			return 0
		}
		return -1
	}
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')') && (i+1 == len(l) || l[i+1] == ' ') {
		return i
	}
	return -1
}

// blockAtoms are the elements that start and end a paragraph.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true,
	atom.Tr: true, atom.Ul: true, atom.Br: true, atom.Search: true,
}

// hasBlock reports whether an element contains block-level elements, in
// which case inline formatting around it is dropped rather than spread over
// several paragraphs.
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockAtoms[c.DataAtom] || hasBlock(c)) {
			return true
		}
	}
	return false
}

// node writes one node and its subtree.
func (m *markdown) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		m.text(n.Data)
		return
	case html.DocumentNode:
		m.children(n)
		return
	case html.ElementNode:
	default:
		return
	}
	if email, ok := cfEmail(n); ok && n.DataAtom != atom.A {
		m.text(email)
		return
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		m.flush()
		level := int(n.Data[1] - '0')
		m.prefix = strings.Repeat("#", level) + " "
		m.children(n)
		m.flush()
		m.prefix = ""
	case atom.Ul, atom.Ol, atom.Menu, atom.Dir:
		m.flush()
		st := listState{ordered: n.DataAtom == atom.Ol}
		if s, err := strconv.Atoi(attr(n, "start")); err == nil && st.ordered {
			st.n = s - 1
		}
		m.lists = append(m.lists, st)
		m.children(n)
		m.flush()
		m.lists = m.lists[:len(m.lists)-1]
	case atom.Li:
		m.flush()
		m.prefix = m.listMarker()
		m.children(n)
		m.flush()
		m.prefix = ""
	case atom.Blockquote:
		m.flush()
		m.quote++
		m.children(n)
		m.flush()
		m.quote--
	case atom.Table:
		m.table(n)
	case atom.Br, atom.Hr:
		m.flush()
	case atom.A:
		m.link(n)
	case atom.Strong, atom.B:
		m.wrap(n, "**")
	case atom.Em, atom.I:
		m.wrap(n, "_")
	case atom.Img, atom.Picture, atom.Video, atom.Audio, atom.Source, atom.Track, atom.Map, atom.Area:
		// Images carry no terms; their alt text and URLs rotate with A/B tests.
	default:
		if blockAtoms[n.DataAtom] {
			m.flush()
			m.children(n)
			m.flush()
			return
		}
		m.children(n)
	}
}

func (m *markdown) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.node(c)
	}
}

// listMarker returns the marker of the next item of the innermost list.
func (m *markdown) listMarker() string {
	if len(m.lists) == 0 {
		return "- "
	}
	indent := strings.Repeat("  ", len(m.lists)-1)
	st := &m.lists[len(m.lists)-1]
	if st.ordered {
		st.n++
		return indent + strconv.Itoa(st.n) + ". "
	}
	return indent + "- "
}

// inline renders the inline content of n on its own: the words, and
// whether blanks came before and after them.
func (m *markdown) inline(n *html.Node) (s string, lead, trail bool) {
	sub := &markdown{base: m.base}
	sub.children(n)
	return string(sub.line), sub.lead, sub.space
}

// wrap writes emphasis. Blanks inside the markers are moved outside, since
// "** bold **" is not bold in Markdown.
func (m *markdown) wrap(n *html.Node, marker string) {
	if hasBlock(n) {
		m.children(n)
		return
	}
	s, lead, trail := m.inline(n)
	if s == "" {
		m.raw("", lead, trail)
		return
	}
	// Nested or adjacent emphasis of the same kind adds nothing a reader sees.
	if strings.HasPrefix(s, marker) && strings.HasSuffix(s, marker) && len(s) > 2*len(marker) {
		m.raw(s, lead, trail)
		return
	}
	// Adjacent runs ("<b>Fo</b><b>o</b>", "<b>a</b> <b>b</b>") are one run
	// to a reader, and CMSes split runs at random.
	if cur := m.line; bytes.HasSuffix(cur, []byte(marker)) && len(cur) > 2*len(marker) {
		blank := lead || m.space
		m.line = cur[:len(cur)-len(marker)]
		m.space = false
		m.raw(s+marker, blank, trail)
		return
	}
	m.raw(marker+s+marker, lead, trail)
}

// link writes [text](url), or only the text when the target is not worth
// keeping (same page, javascript:).
func (m *markdown) link(n *html.Node) {
	if hasBlock(n) {
		m.children(n)
		return
	}
	s, lead, trail := m.inline(n)
	if email, ok := cfEmail(n); ok {
		s = email
	}
	target := cleanURL(attr(n, "href"), m.base)
	if strings.HasSuffix(target, "/cdn-cgi/l/email-protection") && strings.Contains(s, "@") && !strings.ContainsAny(s, " []") {
		target = "mailto:" + s
	}
	if s == "" || target == "" {
		m.raw(s, lead, trail)
		return
	}
	m.raw("["+s+"]("+escapeURL(target)+")", lead, trail)
}

// escapeURL keeps a link target from ending the Markdown link early.
func escapeURL(u string) string {
	return urlEscaper.Replace(u)
}

var urlEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29")

// table writes one line per row, cells separated by " | ". A table whose
// rows all have a single cell is layout, and its cells are written as
// paragraphs.
func (m *markdown) table(n *html.Node) {
	m.flush()
	var rows [][]*html.Node
	var collect func(*html.Node)
	collect = func(p *html.Node) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				var cells []*html.Node
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if d.Type == html.ElementNode && (d.DataAtom == atom.Td || d.DataAtom == atom.Th) {
						cells = append(cells, d)
					}
				}
				rows = append(rows, cells)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				collect(c)
			case atom.Caption:
				m.node(c)
			}
		}
	}
	collect(n)
	wide := false
	for _, r := range rows {
		if len(r) > 1 {
			wide = true
		}
	}
	if !wide {
		for _, r := range rows {
			for _, c := range r {
				m.flush()
				m.children(c)
				m.flush()
			}
		}
		return
	}
	header := true
	for _, r := range rows {
		var cells []string
		empty := true
		for _, c := range r {
			sub := &markdown{base: m.base}
			sub.children(c)
			cell := strings.ReplaceAll(strings.TrimSpace(sub.String()), "\n", " ")
			cell = strings.ReplaceAll(cell, "|", `\|`)
			if cell != "" {
				empty = false
			}
			cells = append(cells, cell)
		}
		if empty {
			continue
		}
		m.out.WriteString(strings.Repeat("> ", m.quote))
		m.out.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		if header {
			header = false
			m.out.WriteString(strings.Repeat("> ", m.quote))
			m.out.WriteString("|" + strings.Repeat(" --- |", len(cells)) + "\n")
		}
	}
}

// attr returns the value of an attribute, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// cfEmail decodes the address of an element that Cloudflare's email
// obfuscation replaced with "[email protected]" and a data-cfemail key.
func cfEmail(n *html.Node) (string, bool) {
	v := attr(n, "data-cfemail")
	if v == "" {
		return "", false
	}
	return decodeCFEmail(v)
}
