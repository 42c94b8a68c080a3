package pdf

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Paragraphs rebuilds paragraphs from hard-wrapped page text, pages
// separated by form feeds (\f), as pdftotext writes it. It returns one
// paragraph per line, each line ending in \n, with no blank lines.
//
// A PDF has no paragraphs, only positioned lines, and the same terms
// re-paginated or re-wrapped must give the same text, or every diff would
// be a wall of changed lines. So running headers, footers and page numbers
// go, words split at line ends are joined again, and lines are joined into
// paragraphs unless something says a paragraph ends: a blank line, a
// heading, a bullet, a sentence end after which the next word would have
// fitted on the line, or a line much shorter than the text width. A page
// break on its own is no paragraph end: a paragraph that runs on to the next
// page is joined, because the page a sentence falls on is not a change.
func Paragraphs(pageText string) string {
	pageText = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(pageText)
	pages := strings.Split(pageText, "\f")
	lines := make([][]string, len(pages))
	for i, p := range pages {
		for l := range strings.SplitSeq(p, "\n") {
			lines[i] = append(lines[i], cleanLine(l))
		}
	}
	dropFurniture(lines)

	var body []string // blank strings mark paragraph gaps
	for _, page := range lines {
		body = append(body, page...)
	}
	d := newDoc(body)
	var out strings.Builder
	var para string
	flush := func() {
		if para != "" {
			out.WriteString(para)
			out.WriteByte('\n')
			para = ""
		}
	}
	prev := ""
	for _, l := range body {
		switch {
		case l == "":
			flush()
		case para == "":
			para = l
		case d.breaksBefore(prev, l):
			flush()
			para = l
		default:
			para = d.join(para, l)
		}
		prev = l
	}
	flush()
	return out.String()
}

// cleanLine folds runs of white space (pdftotext pads columns) and trims.
func cleanLine(l string) string {
	l = strings.ReplaceAll(l, "\u00a0", " ")
	return strings.Join(strings.Fields(l), " ")
}

// edgeLines is how many non-blank lines at the top and at the bottom of a
// page may be running headers, footers or page numbers.
const edgeLines = 3

var (
	digits   = regexp.MustCompile(`\d+`)
	pageNum  = regexp.MustCompile(`(?i)^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$`)
	romanNum = regexp.MustCompile(`(?i)^[ivxlc]{1,6}$`)
)

// dropFurniture removes running headers and footers, and page numbers,
// from the pages. It peels lines off the top and the bottom of each page,
// at most edgeLines each, while they are page numbers or recur (digits
// aside) at the edge of at least 40% of the pages; the first line that is
// neither stops it, so body text that happens to recur stays.
func dropFurniture(pages [][]string) {
	count := map[string]int{}
	nonEmpty := 0
	for i, page := range pages {
		pages[i] = trimBlank(page)
		seen := map[string]bool{}
		for _, j := range edgeIndexes(pages[i]) {
			if k := furnitureKey(pages[i][j]); !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
		if len(pages[i]) > 0 {
			nonEmpty++
		}
	}
	furniture := func(l string) bool {
		n := count[furnitureKey(l)]
		return pageNum.MatchString(l) || romanNum.MatchString(l) || (n >= 2 && n*10 >= nonEmpty*4)
	}
	for i, page := range pages {
		for n := 0; n < edgeLines && len(page) > 0 && furniture(page[0]); n++ {
			page = trimBlank(page[1:])
		}
		for n := 0; n < edgeLines && len(page) > 0 && furniture(page[len(page)-1]); n++ {
			page = trimBlank(page[:len(page)-1])
		}
		pages[i] = page
	}
}

// edgeIndexes returns the indexes of the first and last edgeLines
// non-blank lines of a page.
func edgeIndexes(page []string) []int {
	var idx []int
	for j := 0; j < len(page) && len(idx) < edgeLines; j++ {
		if page[j] != "" {
			idx = append(idx, j)
		}
	}
	for j, n := len(page)-1, 0; j >= 0 && n < edgeLines; j-- {
		if page[j] != "" {
			n++
			if !slices.Contains(idx, j) {
				idx = append(idx, j)
			}
		}
	}
	return idx
}

// furnitureKey makes "Page 3 of 12" and "Page 4 of 12" the same line.
func furnitureKey(l string) string {
	return strings.ToLower(digits.ReplaceAllString(l, "#"))
}

func trimBlank(ls []string) []string {
	for len(ls) > 0 && ls[0] == "" {
		ls = ls[1:]
	}
	for len(ls) > 0 && ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// doc holds what the line-joining rules need to know about the whole text.
type doc struct {
	width    float64         // the wrapping width, in ems (see textWidth)
	hyphened map[string]bool // words written with a hyphen inside a line
}

// Fractions of the wrapping width: a line shorter than shortLine is a
// paragraph's last line (when the next word would have fitted), and a line
// plus the next word up to fitLine means the writer broke the line on
// purpose. Widths are estimates, so fitLine leaves a margin.
const (
	shortLine = 0.6
	fitLine   = 0.9
)

func newDoc(lines []string) *doc {
	var widths []float64
	d := &doc{hyphened: map[string]bool{}}
	for _, l := range lines {
		if l == "" {
			continue
		}
		widths = append(widths, textWidth(l))
		for w := range strings.FieldsSeq(l) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
			if strings.Contains(w, "-") {
				d.hyphened[strings.ToLower(w)] = true
			}
		}
	}
	slices.Sort(widths)
	if len(widths) > 0 {
		d.width = widths[len(widths)*9/10]
	}
	d.width = max(d.width, 10)
	return d
}

// textWidth estimates how wide a line is set, in ems of a proportional
// font like Helvetica or Times. Counting characters would make a line in
// capitals (wide letters) look short and end its paragraph.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) float64 {
	switch {
	case strings.ContainsRune(" ", r):
		return 0.28
	case strings.ContainsRune("ijl'|.,:;!", r):
		return 0.25
	case strings.ContainsRune(`ftrI()[]-/\"`, r):
		return 0.33
	case r == 'm' || r == 'w':
		return 0.8
	case r == 'M' || r == 'W':
		return 0.9
	case r >= '0' && r <= '9':
		return 0.56
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return 1
	case unicode.IsUpper(r):
		return 0.7
	}
	return 0.53
}

// breaksBefore reports whether line n starts a new paragraph after line p.
func (d *doc) breaksBefore(p, n string) bool {
	if r, _ := utf8.DecodeRuneInString(n); unicode.IsLower(r) && strings.HasSuffix(p, "-") {
		return false // a word split at the line end
	}
	pw := textWidth(p)
	short := pw < shortLine*d.width
	fits := pw+textWidth(" "+firstWord(n)) <= fitLine*d.width
	switch {
	case d.heading(p):
		return true
	case d.heading(n):
		// The short last line of a paragraph in capitals is no heading.
		return labelledOrNumbered(n) || !allCaps(p) || short

	case bullet(n):
		return true
	case (endsSentence(p) || listJoint(p)) && (enumer.MatchString(n) || numbered.MatchString(n)):
		// "(b) …" or "2.1 …" after a sentence end: the next item, whether
		// or not it would have fitted (pdftotext marks no paragraph gaps).
		return true
	case endsSentence(p) && startsBlock(n) && fits:
		return true
	case short && fits:
		return true
	}
	return false
}

// join appends a wrapped line to a paragraph, mending a word split by a
// hyphen at the line end: "liabil-" + "ity" is "liability", but "third-" +
// "party" stays "third-party" when the text writes it so elsewhere.
func (d *doc) join(para, n string) string {
	last := para[strings.LastIndexByte(para, ' ')+1:]
	r, size := utf8.DecodeLastRuneInString(last)
	if r == '\u00ad' {
		return para[:len(para)-size] + n
	}
	if (r != '-' && r != '\u2010') || len(last) == size {
		return para + " " + n
	}
	stem := last[:len(last)-size]
	if sr, _ := utf8.DecodeLastRuneInString(stem); !unicode.IsLetter(sr) {
		return para + " " + n
	}
	if nr, _ := utf8.DecodeRuneInString(n); !unicode.IsLower(nr) {
		return para + n // "non-" + "EU": a real hyphen
	}
	word := strings.TrimFunc(stem, func(r rune) bool { return !unicode.IsLetter(r) }) + "-" +
		strings.TrimRightFunc(firstWord(n), func(r rune) bool { return !unicode.IsLetter(r) })
	if d.hyphened[strings.ToLower(word)] {
		return para + n
	}
	return para[:len(para)-size] + n
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

var (
	numbered = regexp.MustCompile(`^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.|[A-Z]\.)\s+\S`)
	labelled = regexp.MustCompile(`(?i)^(?:section|article|part|schedule|exhibit|annex|appendix|chapter)\s+(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Z])\b[.:]?`)
	enumer   = regexp.MustCompile(`^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s`)
)

// heading reports whether a line is a heading: short, not ending like a
// clause of a sentence, and numbered ("1.", "1.1", "IV."), labelled
// ("Section 3", "Article II") or in capitals.
func (d *doc) heading(l string) bool {
	if l == "" || textWidth(l) > 0.7*d.width || len(l) > 200 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	if last == ',' || last == ';' || last == '-' {
		return false
	}
	if m := numbered.FindString(l); m != "" {
		return titleAfter(l[len(m)-1:])
	}
	if m := labelled.FindString(l); m != "" {
		return titleAfter(l[len(m):])
	}
	return allCaps(l) && last != '.' && utf8.RuneCountInString(l) <= 60
}

func labelledOrNumbered(l string) bool {
	return numbered.MatchString(l) || labelled.MatchString(l)
}

// titleAfter reports whether the rest of a numbered line reads as a title
// ("Definitions") rather than running text ("3.2 of this Agreement").
func titleAfter(rest string) bool {
	rest = strings.TrimLeft(rest, " .:–—-")
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“'
}

// allCaps reports whether a line has letters and none of them lowercase.
func allCaps(l string) bool {
	letters := 0
	for _, r := range l {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// bullet reports whether a line starts with a bullet glyph.
func bullet(l string) bool {
	r, size := utf8.DecodeRuneInString(l)
	switch r {
	case '•', '◦', '▪', '●', '■', '○', '‣', '∙', '·', '–', '*', '-':
		return len(l) > size && l[size] == ' '
	}
	return false
}

// abbreviations end in a period without ending a sentence.
var abbreviations = []string{"e.g.", "i.e.", "cf.", "vs.", "mr.", "mrs.", "ms.", "dr.", "no.", "sec.", "art."}

// endsSentence reports whether a line ends with . : ; ! or ? (before any
// closing quotes or brackets), not counting abbreviations.
func endsSentence(l string) bool {
	t := strings.TrimRight(l, `)]"'”’`)
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.':
		w := strings.ToLower(t[strings.LastIndexByte(t, ' ')+1:])
		return !slices.Contains(abbreviations, w)
	case ':', ';', '!', '?':
		return true
	}
	return false
}

// listJoint reports whether a line ends a list item that joins the next
// one: "…; or", "…, and".
func listJoint(l string) bool {
	for _, s := range []string{"; or", "; and", "; and/or", ", or", ", and"} {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return false
}

// startsBlock reports whether a line can start a paragraph: a capital, a
// digit, a bullet, an enumerator such as "(a)" or an opening quote.
func startsBlock(l string) bool {
	r, size := utf8.DecodeRuneInString(l)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r), bullet(l), enumer.MatchString(l):
		return true
	case r == '"' || r == '“' || r == '\'' || r == '‘':
		r2, _ := utf8.DecodeRuneInString(l[size:])
		return unicode.IsUpper(r2)
	}
	return false
}
