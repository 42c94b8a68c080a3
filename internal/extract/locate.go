package extract

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// Locator maps byte ranges of a text that HTML extracted from a page back
// to the page's bytes, so that `toswatch analyze page.html` can say where
// in the file as read a clause is. The extraction itself keeps no
// positions (it works on a parsed tree); the locator aligns the text with
// the page's own text afterwards, line by line, on the characters that
// are not blanks: Markdown syntax, link targets and generated list
// numbers are in the text and not on the page, and noise the extraction
// dropped (menus, banners) is on the page and not in the text.
type Locator struct {
	// from and to are, for each byte of the text, the byte range of the
	// page it came from; from is -1 for a byte that came from no byte of
	// the page.
	from, to []int
}

// Locate aligns text, as HTML extracted it from page, with page.
func Locate(page []byte, text string) *Locator {
	src := visibleText(page)
	l := &Locator{from: make([]int, len(text)), to: make([]int, len(text))}
	for i := range l.from {
		l.from[i] = -1
	}
	cursor := 0
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		cursor = src.align(text, pos, end, cursor, l)
		pos = end + 1
	}
	return l
}

// Span returns the smallest byte range of the page that holds what
// text[start:end] came from, and false when none of it came from the page.
func (l *Locator) Span(start, end int) (int, int, bool) {
	start, end = max(start, 0), min(end, len(l.from))
	first, last := -1, -1
	for i := start; i < end; i++ {
		if l.from[i] >= 0 {
			first = i
			break
		}
	}
	for i := end - 1; i >= start; i-- {
		if l.from[i] >= 0 {
			last = i
			break
		}
	}
	if first < 0 {
		return 0, 0, false
	}
	return l.from[first], l.to[last], true
}

// pageText is the visible text of a page without blanks, with for each of
// its bytes the page bytes it came from.
type pageText struct {
	s        string
	from, to []int
}

// skipText are elements whose text is not shown.
var skipText = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "head": true, "title": true}

// visibleText reads the text of a page as the tokenizer sees it: entities
// decoded, blanks and invisible characters left out.
func visibleText(page []byte) pageText {
	var b strings.Builder
	var from, to []int
	emit := func(r rune, f, t int) {
		if space(r) || invisible(r) || r == utf8.RuneError {
			return
		}
		n := b.Len()
		b.WriteRune(r)
		for range b.Len() - n {
			from = append(from, f)
			to = append(to, t)
		}
	}
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	pos, skip := 0, 0
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		start := pos
		pos += len(raw)
		switch tt {
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); skipText[string(name)] {
				skip++
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); skipText[string(name)] && skip > 0 {
				skip--
			}
		case xhtml.TextToken:
			if skip > 0 {
				continue
			}
			for i := 0; i < len(raw); {
				if raw[i] == '&' {
					if j := bytes.IndexByte(raw[i:], ';'); j > 1 && j < 12 {
						for _, r := range html.UnescapeString(string(raw[i : i+j+1])) {
							emit(r, start+i, start+i+j+1)
						}
						i += j + 1
						continue
					}
				}
				r, n := utf8.DecodeRune(raw[i:])
				emit(r, start+i, start+i+n)
				i += n
			}
		}
	}
	return pageText{s: b.String(), from: from, to: to}
}

// align finds the line text[pos:end] in the page at or after byte cursor
// of the page's text, records where its bytes came from in l, and returns
// the cursor after it; a line not found leaves the cursor where it was.
func (p pageText) align(text string, pos, end, cursor int, l *Locator) int {
	content, offs := lineContent(text, pos, end)
	if content == "" {
		return cursor
	}
	at := -1
	for _, n := range []int{48, 16} {
		needle := content[:runeBoundary(content, n)]
		if i := strings.Index(p.s[cursor:], needle); i >= 0 {
			at = cursor + i
			break
		}
	}
	if at < 0 {
		return cursor
	}
	k := at
	for i := 0; i < len(content); {
		r, n := utf8.DecodeRuneInString(content[i:])
		if j := strings.IndexRune(p.s[k:min(len(p.s), k+16)], r); j >= 0 {
			// A character of the line, maybe after a few the extraction
			// changed or dropped.
			k += j
			for b := range n {
				l.from[offs[i+b]], l.to[offs[i+b]] = p.from[k+b], p.to[k+b]
			}
			k += n
		}
		i += n
	}
	return k
}

// runeBoundary returns n, or less so as not to split a character, or the
// length of s when it is shorter.
func runeBoundary(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// lineContent returns the characters of a Markdown line that come from the
// page, without blanks, and the offset in text of each of their bytes:
// heading and list markers, emphasis, table pipes, escapes and link
// targets are left out.
func lineContent(text string, pos, end int) (string, []int) {
	line := text[pos:end]
	i := markerEnd(line)
	var b strings.Builder
	var offs []int
	for i < len(line) {
		c := line[i]
		switch {
		case c == ']' && i+1 < len(line) && line[i+1] == '(':
			// A link's target: skip to the closing parenthesis.
			if j := strings.IndexByte(line[i:], ')'); j > 0 {
				i += j + 1
				continue
			}
		case c == '\\' && i+1 < len(line):
			i++ // an escape: the next character is text
		case c == '*' || c == '_' || c == '|' || c == '[' || c == ']' || c == '`' || c == '!' && i+1 < len(line) && line[i+1] == '[':
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsSpace(r) && !space(r) {
			b.WriteString(line[i : i+n])
			for k := range n {
				offs = append(offs, pos+i+k)
			}
		}
		i += n
	}
	return b.String(), offs
}

// markerEnd returns where the text of a Markdown line starts, after its
// indentation, heading or quote marks and list marker.
func markerEnd(line string) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '>' || line[i] == '#') {
		i++
	}
	rest := line[i:]
	switch {
	case strings.HasPrefix(rest, "- "), strings.HasPrefix(rest, "* "), strings.HasPrefix(rest, "+ "):
		return i + 2
	}
	j := 0
	for j < len(rest) && j < 4 && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	if j > 0 && j+1 < len(rest) && (rest[j] == '.' || rest[j] == ')') && rest[j+1] == ' ' {
		// A generated number; a number the page wrote ("7.2 Fees") is
		// found in the page all the same, since only a digit run then a
		// full stop and a blank is taken for one.
		return i + j + 2
	}
	return i
}
