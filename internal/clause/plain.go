package clause

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Facts are read from the text without the marks of Markdown emphasis.
// Extraction writes <em> and <strong> as "_…_" and "**…**", and terms
// emphasise what matters most: "the fees paid in the _twelve (12)
// months_ before the claim". The marks hide what they mark: "_" is a
// letter to a regular expression (no word boundary between "months" and
// "_"), and a mark between two words breaks a phrase. So every fact
// (amount, period, currency, basis, party, carve-out, cover) is read from
// the plain text, once made per document, and the clauses keep the words
// as written.

// plainDoc is a document as its facts are read: the text without its
// emphasis marks, and where those were.
type plainDoc struct {
	text  string // as written
	plain string // without emphasis marks; text itself when it has none
	cut   []int  // the offsets in text of the bytes left out, ascending
}

func newPlainDoc(text string) *plainDoc {
	plain, cut := unemphasise(text)
	return &plainDoc{text: text, plain: plain, cut: cut}
}

// at returns the offset in plain of offset o of text.
func (d *plainDoc) at(o int) int {
	if d.cut == nil {
		return o
	}
	return o - sort.SearchInts(d.cut, o)
}

// spanAt returns span s of text in plain.
func (d *plainDoc) spanAt(s span) span { return span{start: d.at(s.start), end: d.at(s.end)} }

// endIn returns the offset in text where a stretch of plain that ends at
// offset p ends: after its last byte, not after the marks that follow it.
func (d *plainDoc) endIn(p int) int {
	if d.cut == nil {
		return p
	}
	return p + sort.Search(len(d.cut)+1, func(k int) bool { return k == len(d.cut) || d.cut[k] >= p+k })
}

// plainLower returns s (a sentence, a clause) as facts read it: lower
// case, without emphasis marks.
func plainLower(s string) string {
	p, _ := unemphasise(s)
	return strings.ToLower(p)
}

// unemphasise returns s without the marks of Markdown emphasis ("*",
// "_", "**", "__", "***" at the edge of a word), and the offsets of the
// bytes it left out; s itself and nil when it has none. A mark is a run of
// one to three asterisks or underscores with a word on one side and a
// blank or punctuation on the other. Kept: a run between two blanks (a
// list bullet, a rule), inside a word ("snake_case", "5*3"), and the
// asterisks that wrap a whole line (a bold line is a heading's mark, the
// segmenter reads it so).
func unemphasise(s string) (string, []int) {
	if strings.IndexByte(s, '*') < 0 && strings.IndexByte(s, '_') < 0 {
		return s, nil
	}
	var cut []int
	// The next '*' and the next '_' at or after i, found with IndexByte
	// (a marker is rare: a document is read for its facts in one pass
	// over its bytes, not one test of each byte).
	star, under := nextByte(s, 0, '*'), nextByte(s, 0, '_')
	for {
		i := min(star, under)
		if i == len(s) {
			break
		}
		c := s[i]
		j := i
		for j < len(s) && s[j] == c {
			j++
		}
		if j-i <= 3 && emphasisMark(s, i, j) {
			for k := i; k < j; k++ {
				cut = append(cut, k)
			}
		}
		if c == '*' {
			star = nextByte(s, j, '*')
		} else {
			under = nextByte(s, j, '_')
		}
	}
	if cut == nil {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s) - len(cut))
	from := 0
	for _, k := range cut {
		b.WriteString(s[from:k])
		from = k + 1
	}
	b.WriteString(s[from:])
	return b.String(), cut
}

// nextByte returns the offset of the first c in s at or after from, or
// len(s).
func nextByte(s string, from int, c byte) int {
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return len(s)
}

// emphasisMark reports whether the run s[i:j] of one mark character is
// emphasis.
func emphasisMark(s string, i, j int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[j:])
	if i == 0 {
		before = '\n'
	}
	if j == len(s) {
		after = '\n'
	}
	blankB, blankA := unicode.IsSpace(before), unicode.IsSpace(after)
	wordB, wordA := wordRune(before), wordRune(after)
	switch {
	case blankB && blankA, wordB && wordA:
		return false
	case blankB == blankA && !wordB && !wordA:
		return false // between two punctuation marks: "(*)"
	}
	if s[i] == '*' && wrapsLine(s, i, j) {
		return false
	}
	return true
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// wrapsLine reports whether the run s[i:j] opens or closes its line
// (blanks aside) and the line is wrapped in the same run at its other
// end.
func wrapsLine(s string, i, j int) bool {
	ls := strings.LastIndexByte(s[:i], '\n') + 1
	le := len(s)
	if k := strings.IndexByte(s[j:], '\n'); k >= 0 {
		le = j + k
	}
	line := strings.TrimSpace(s[ls:le])
	run := s[i:j]
	return len(line) > 2*len(run) && strings.HasPrefix(line, run) && strings.HasSuffix(line, run) &&
		(strings.TrimSpace(s[ls:i]) == "" || strings.TrimSpace(s[j:le]) == "")
}
