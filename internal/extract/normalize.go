package extract

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toswatch/toswatch/internal/model"
	"golang.org/x/text/unicode/norm"
)

// invisible reports the characters that render as nothing. They are dropped
// because editors and CMSes insert them at random (soft hyphens from
// hyphenation plugins, zero-width joiners from copy-paste, byte order marks
// from file concatenation) and they would otherwise make equal texts differ.
func invisible(r rune) bool {
	switch r {
	case '\u00AD', // soft hyphen
		'\u200B', '\u200C', '\u200D', // zero-width space, non-joiner, joiner
		'\u200E', '\u200F', // left-to-right and right-to-left marks
		'\u2060', '\u2061', '\u2062', '\u2063', '\u2064', // word joiner, invisible operators
		'\uFEFF', // zero-width no-break space / BOM
		'\u034F', // combining grapheme joiner
		'\u180E': // Mongolian vowel separator
		return true
	}
	return false
}

// space reports the characters that render as a blank: ASCII whitespace and
// every Unicode space separator, non-breaking ones included, since whether
// a vendor typed "30&nbsp;days" or "30 days" is not a wording change.
func space(r rune) bool {
	switch {
	case r == ' ', r >= '\t' && r <= '\r':
		return true
	case r < 0x85:
		return false
	case r == 0x85, r == 0xA0:
		return true
	case r < 0x1680:
		return false
	}
	return unicode.Is(unicode.Zs, r)
}

// Normalize applies the Unicode and whitespace normalisation to an already
// extracted text: NFC, line endings, invisible characters dropped, every
// kind of space turned into one ASCII space, lines trimmed and empty lines
// removed. The leading indentation of nested list items is kept. Applying it
// twice gives the same text.
//
// Most lines are left as they are, and the text is copied only from the
// first line that changes.
func Normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = norm.NFC.String(s)
	var out strings.Builder
	copying := false // until a line changes, the text made so far is s[:kept]
	kept := 0
	rebuilt := false
	write := func(l string) {
		if !copying {
			copying = true
			out.Grow(len(s))
			out.WriteString(s[:kept])
		}
		out.WriteString(l)
		out.WriteByte('\n')
	}
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		line := s[start:end]
		if strings.IndexByte(line, '\r') >= 0 {
			for sub := range strings.SplitSeq(line, "\r") {
				l, r := cleanLine(sub)
				rebuilt = rebuilt || r
				if l != "" {
					write(l)
				}
			}
		} else {
			l, r := cleanLine(line)
			rebuilt = rebuilt || r
			switch {
			case !copying && l == line && l != "" && start == kept:
				kept = min(end+1, len(s))
			case l != "":
				write(l)
			}
		}
		start = end + 1
	}
	text := s[:kept]
	if copying {
		text = out.String()
	}
	text = strings.TrimSuffix(text, "\n")
	if !rebuilt {
		// The lines of an NFC text are NFC, and so are they joined by
		// newlines, which compose with nothing.
		return text
	}
	// NFC again: dropping an invisible character between a base and a
	// combining mark can make a new composable pair.
	return norm.NFC.String(text)
}

// normalizeLine collapses the blanks of one line. Leading blanks survive
// only before a list marker, as two spaces per level of indentation.
func normalizeLine(line string) string {
	l, _ := cleanLine(line)
	return l
}

// cleanLine is normalizeLine, and reports whether the line was rebuilt
// character by character, which may drop invisible characters. The lines
// it need not rebuild are most lines (plain) and the items of nested lists
// (blanks, then a plain line).
func cleanLine(line string) (string, bool) {
	if plainLine(line) {
		return line, false
	}
	k := 0
	for k < len(line) && line[k] == ' ' {
		k++
	}
	if rest := line[k:]; k > 0 && plainLine(rest) {
		switch {
		case k < 2 || !listMarker(rest):
			return rest, false
		case k%2 == 0:
			return line, false
		}
		return line[1:], false // k/2*2 blanks: one fewer
	}
	var b strings.Builder
	b.Grow(len(line))
	indent := 0
	leading, pending := true, false
	for _, r := range line {
		switch {
		case invisible(r):
			continue
		case space(r) || unicode.IsControl(r):
			if leading {
				if r == '\t' {
					indent += 4
				} else {
					indent++
				}
				continue
			}
			pending = true
			continue
		}
		if leading {
			leading = false
		} else if pending {
			b.WriteByte(' ')
		}
		pending = false
		b.WriteRune(r)
	}
	text := b.String()
	if indent >= 2 && listMarker(text) {
		return strings.Repeat(" ", indent/2*2) + text, true
	}
	return text, true
}

// plainLine reports a line that normalizeLine would leave as it is:
// no control, blank or invisible character other than single inner spaces. Most lines are, and checking is much
// cheaper than rebuilding them.
func plainLine(l string) bool {
	if l == "" || l[0] == ' ' || l[len(l)-1] == ' ' || strings.Contains(l, "  ") {
		return false
	}
	i := 0
	for ; i+8 <= len(l) && printable8(load8(l, i)); i += 8 {
	}
	for i < len(l) {
		c := l[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(l[i:])
			if r == utf8.RuneError || space(r) || invisible(r) || unicode.IsControl(r) {
				return false
			}
			i += n
			continue
		}
		if c < ' ' || c == 0x7f || (c == ' ' && l[i+1] == ' ') {
			return false
		}
		i++
	}
	return true
}

// listMarker reports whether a line starts with a Markdown list marker.
func listMarker(s string) bool {
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") || strings.HasPrefix(s, "+ ") {
		return true
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < 10 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// blockLine reports whether a Markdown line stands on its own (heading,
// list item, quote, table row, rule) rather than continuing a paragraph.
func blockLine(s string) bool {
	t := strings.TrimLeft(s, " \t")
	if t == "" {
		return true
	}
	switch t[0] {
	case '#', '>', '|':
		return true
	}
	if strings.HasPrefix(t, "---") || strings.HasPrefix(t, "===") || strings.HasPrefix(t, "***") || strings.HasPrefix(t, "```") {
		return true
	}
	return listMarker(t)
}

// Text normalises a plain-text or Markdown body the same way as HTML does:
// Unicode, whitespace, one paragraph per line. A block of lines between
// blank lines that looks hard-wrapped (every line but the last filled to
// about the same width) is joined into one paragraph, lines that start a
// Markdown block (heading, list item, quote, table row) staying apart;
// other lines are paragraphs already, so the text of HTML or of Text
// itself comes back unchanged. Setext underlines become "#" headings so
// that both heading styles give one text. Of opts, only Ignore applies.
func Text(body []byte, opts Options) (string, error) {
	s := string(body)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out []string
	var block []string
	flush := func() {
		out = append(out, joinWrapped(block)...)
		block = block[:0]
	}
	for raw := range strings.SplitSeq(s, "\n") {
		l := normalizeLine(raw)
		switch {
		case l == "":
			flush()
		case len(block) > 0 && setextLevel(l) > 0 && !blockLine(block[len(block)-1]):
			block[len(block)-1] = strings.Repeat("#", setextLevel(l)) + " " + block[len(block)-1]
			flush()
		case rule(l):
			// A thematic break, or an underline cut off from its heading by a
			// blank line: no words, and once blank lines are gone it would
			// turn the paragraph before it into a heading.
			flush()
		default:
			block = append(block, l)
		}
	}
	flush()
	return Finish(strings.Join(out, "\n"), opts)
}

// Wrapping widths: a hard-wrapped block has lines of at least minWrap and
// at most maxWrap characters, none shorter than half the longest.
const (
	minWrap = 40
	maxWrap = 120
)

// joinWrapped returns the paragraphs of a block of non-empty lines.
func joinWrapped(lines []string) []string {
	if len(lines) < 2 {
		return slices.Clone(lines)
	}
	longest := 0
	for _, l := range lines[:len(lines)-1] {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	wrapped := longest >= minWrap && longest <= maxWrap
	for _, l := range lines[:len(lines)-1] {
		if 2*utf8.RuneCountInString(l) < longest {
			wrapped = false
		}
	}
	if !wrapped {
		return slices.Clone(lines)
	}
	var out []string
	for i, l := range lines {
		if i == 0 || blockLine(l) || strings.HasPrefix(out[len(out)-1], "|") || strings.HasPrefix(out[len(out)-1], "#") {
			out = append(out, l)
			continue
		}
		out[len(out)-1] += " " + strings.TrimLeft(l, " ")
	}
	return out
}

// rule reports a line of three or more "-", "=", "*" or "_" (and blanks).
func rule(l string) bool {
	t := strings.ReplaceAll(l, " ", "")
	return len(t) >= 3 && strings.Trim(t, t[:1]) == "" && strings.Contains("-=*_", t[:1])
}

// setextLevel returns 1 or 2 for a setext heading underline, else 0.
func setextLevel(l string) int {
	if len(l) < 2 {
		return 0
	}
	if strings.Trim(l, "=") == "" {
		return 1
	}
	if strings.Trim(l, "-") == "" {
		return 2
	}
	return 0
}

// MinLength is the shortest text, in characters, that counts as a capture
// of a terms page rather than an error page or an empty shell.
const MinLength = 100

func checkLength(text string) error {
	if len(text) >= MinLength*utf8.UTFMax {
		return nil // enough characters, whatever their sizes: no need to count them
	}
	n := utf8.RuneCountInString(text)
	if n >= MinLength {
		return nil
	}
	// A few words that say what they are: a maintenance, error or
	// loading page, which is the better diagnosis.
	if cue := UnavailableCue(text); cue != "" {
		return fmt.Errorf("%w: the page says %q and has %d characters: an error, maintenance or loading page, not the document", model.FailureUnavailable, cue, n)
	}
	return fmt.Errorf("%w: extracted text is %d characters (minimum %d)", model.FailureTooShort, n, MinLength)
}
