package clause

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range of the analysed text.
type span struct{ start, end int }

// line is one paragraph of the input with its sentences.
type line struct {
	span
	heading   bool
	indented  bool // the line starts with two spaces or a tab: an item of a list in plain text
	sentences []span
}

// splitLines cuts text into its non-blank lines (Markdown paragraphs,
// headings and list items), each with its sentences.
func splitLines(text string) []line {
	var out []line
	pos := 0
	for pos < len(text) {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		s, e := trimSpan(text, pos, end)
		if s < e {
			l := line{span: span{s, e}}
			l.heading = isHeading(text[s:e]) && !leadIn(text[s:e]) && !runsOn(text, s, e)
			l.indented = strings.HasPrefix(text[pos:e], "  ") || strings.HasPrefix(text[pos:e], "\t")
			if !l.heading {
				l.sentences = splitSentences(text, s, e)
			}
			out = append(out, l)
		}
		pos = end + 1
	}
	return out
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// headingText strips Markdown decoration and section numbering so that
// "### 9\. **LIMITATION OF LIABILITY**" reads "LIMITATION OF LIABILITY".
func headingText(l string) string {
	l = strings.TrimLeft(l, "#>*_ \t")
	l = strings.TrimRight(l, "*_ \t:")
	// Section numbers: "9.", "14.", "9\.", "7.2", "a.", "(b)", "IV.".
	for {
		f := strings.IndexAny(l, " \t")
		if f <= 0 || f > 6 {
			break
		}
		tok := strings.Trim(l[:f], "\\.()")
		if !isNumbering(tok) {
			break
		}
		l = strings.TrimLeft(l[f:], "*_ \t")
	}
	return strings.Trim(l, "*_ \t")
}

func isNumbering(tok string) bool {
	if tok == "" {
		return true
	}
	if len(tok) == 1 {
		return true
	}
	for _, r := range tok {
		if !(r >= '0' && r <= '9' || r == '.' || r == '\\' || strings.ContainsRune("ivxlIVXL", r)) {
			return false
		}
	}
	return true
}

// isHeading reports whether a line is a heading: a Markdown heading, or a
// short line that does not read as a sentence (plain-text documents mark
// their headings only by being short).
func isHeading(l string) bool {
	if strings.HasPrefix(l, "#") {
		return true
	}
	h := headingText(l)
	if h == "" || len(h) > 90 {
		return false // (before the words are counted: most lines are paragraphs)
	}
	words := len(strings.Fields(h))
	if words > 10 {
		return false
	}
	if strings.HasPrefix(strings.TrimSpace(l), "**") && strings.HasSuffix(strings.TrimSpace(l), "**") {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(h)
	if strings.ContainsRune(";,:", last) {
		return false
	}
	if words > 2 && !strings.HasSuffix(strings.TrimRight(l, " \t*_"), ":") && danglingWords[strings.ToLower(h[strings.LastIndexByte(h, ' ')+1:])] {
		// "OUR TOTAL LIABILITY SHALL NOT EXCEED": a sentence broken
		// over lines (text from a PDF), not a title.
		return false
	}
	if last == '.' && words > 4 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(h)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	// A short sentence with a verb-like shape ("We are not liable.") is
	// not a heading: headings rarely end with a full stop after 2+ words
	// that are all lower case.
	if last == '.' && words > 2 && lowerWords(h) > words/2 {
		return false
	}
	return true
}

// leadIn reports whether a short line ending with a colon reads as a
// sentence that announces a list ("We are not liable for:"), not as a
// title ("Limitation of Liability:"): most of its words are in small
// letters.
func leadIn(l string) bool {
	t := strings.TrimRight(l, "*_ \t")
	if !strings.HasSuffix(t, ":") || strings.HasPrefix(l, "#") {
		return false
	}
	h := headingText(l)
	words := len(strings.Fields(h))
	return words > 3 && lowerWords(h) > words/2
}

// titledLine reports whether a line that isHeading rejects for its full
// stop reads as a title all the same: "h. Dispute Resolution & Governing
// Law.". It ends the indemnification context of the heading above; the
// liability model keeps isHeading's stricter reading, on which it was
// trained.
func titledLine(l string) bool {
	h := headingText(l)
	if !strings.HasSuffix(h, ".") || len(h) > 90 {
		return false
	}
	words := len(strings.Fields(h))
	return words > 1 && words <= 8 && titleCase(h)
}

// titleCase reports whether every word of s but the small ones starts
// with a capital.
func titleCase(s string) bool {
	if strings.ToUpper(s) == s {
		return false // a sentence in capitals is no title
	}
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !lex().smallWords[w] {
			return false
		}
	}
	return true
}

// runsOn reports whether the line text[s:e] goes on in the line right
// below it, which starts with a small letter: a sentence broken over
// lines (text from a PDF), not a title. A Markdown heading ("# …") or a
// line in bold is a title all the same.
func runsOn(text string, s, e int) bool {
	if text[s] == '#' || strings.HasPrefix(text[s:e], "**") || e+1 >= len(text) || text[e] != '\n' {
		return false
	}
	l := text[s:e]
	last, _ := utf8.DecodeLastRuneInString(l)
	if !unicode.IsLetter(last) || len(strings.Fields(l)) < 5 || titleCase(headingText(l)) {
		return false // a title may be followed by a line in small letters
	}
	r, _ := utf8.DecodeRuneInString(text[e+1:])
	return unicode.IsLower(r)
}

// danglingWords cannot end a title: a line that ends with one goes on
// below.
var danglingWords = map[string]bool{"the": true, "of": true, "to": true, "by": true, "with": true,
	"than": true, "not": true, "shall": true, "will": true, "exceed": true, "our": true,
	"your": true, "its": true, "that": true, "which": true, "from": true, "for": true, "under": true, "any": true}

func lowerWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			n++
		}
	}
	return n
}

// splitSentences cuts the paragraph text[s:e] at sentence ends: a full
// stop, question or exclamation mark followed by a space and something
// that can start a sentence.
func splitSentences(text string, s, e int) []span {
	var out []span
	start := s
	for i := s; i < e; i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		// Closing quotes and brackets belong to the sentence.
		for j < e && strings.IndexByte("\"')]", text[j]) >= 0 {
			j++
		}
		if j+1 >= e || text[j] != ' ' {
			continue
		}
		k := j
		for k < e {
			// Spaces, and the no-break spaces some pages put after a full
			// stop (". \u00a0You …").
			if text[k] == ' ' {
				k++
			} else if r, size := utf8.DecodeRuneInString(text[k:e]); r == '\u00a0' || r == '\u202f' {
				k += size
			} else {
				break
			}
		}
		if k >= e {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[k:e])
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“„«(¿¡*", r)) {
			continue
		}
		if c == '.' && isAbbreviation(text[start:i]) {
			continue
		}
		out = append(out, span{start, j})
		start = k
	}
	if start < e {
		out = append(out, span{start, e})
	}
	return out
}

// isAbbreviation reports whether the word before a full stop is an
// abbreviation, a single letter or a number ("a.", "7.", "U.S.").
func isAbbreviation(before string) bool {
	w := before
	if i := strings.LastIndexAny(w, " (\t"); i >= 0 {
		w = w[i+1:]
	}
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	lw := strings.ToLower(w)
	if lex().abbreviations[lw] {
		return true
	}
	digits := true
	for _, r := range w {
		if !unicode.IsDigit(r) && r != '.' {
			digits = false
			break
		}
	}
	if digits {
		// Only numbering at the start of a line ("7.2. Groupon …"); an
		// amount before a stop ("$100. The …") ends the sentence.
		return strings.TrimSpace(before) == w
	}
	// "U.S" and other dotted initials.
	return strings.Count(w, ".") >= 1 && utf8.RuneCountInString(w) <= 5
}
