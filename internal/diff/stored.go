package diff

import (
	"encoding/json"
	"fmt"

	"github.com/toswatch/toswatch/internal/model"
)

// A change's diff is recorded with it in pages, so that showing any part
// of it reads one page, whatever the size of the two versions: a page
// holds at most PageLines changed paragraphs and, unless one paragraph is
// longer, PageBytes of their text.
const (
	PageLines = 200
	PageBytes = 256 << 10
)

// Summary is what is recorded of a diff besides its pages.
type Summary struct {
	Stats Stats `json:"stats"`
	Lines int   `json:"lines"` // changed paragraphs
	Pages int   `json:"pages"`
}

// Page is one page of a diff: Lines from the Number-th page (from 0).
type Page struct {
	Summary
	Number int
	Lines  []Line
}

// MarkClauses sets the Clause of each changed paragraph to what clauseOf
// says of its old and new text (clause.Marker's TypeOf).
func (r Result) MarkClauses(clauseOf func(oldText, newText string) string) {
	for i, l := range r.Lines {
		r.Lines[i].Clause = clauseOf(l.Old, l.New)
	}
}

// Paginate splits a diff into the pages recorded with a change, each a
// JSON array of lines, and returns them with its summary as JSON.
func Paginate(r Result) (summary []byte, pages [][]byte) {
	for _, p := range split(r.Lines) {
		b, _ := json.Marshal(p) // lines always marshal
		pages = append(pages, b)
	}
	summary, _ = json.Marshal(Summary{Stats: r.Stats, Lines: len(r.Lines), Pages: len(pages)})
	return summary, pages
}

// split cuts lines into pages.
func split(lines []Line) [][]Line {
	var pages [][]Line
	start, size := 0, 0
	for i, l := range lines {
		n := len(l.Old) + len(l.New)
		if i > start && (i-start == PageLines || size+n > PageBytes) {
			pages = append(pages, lines[start:i])
			start, size = i, 0
		}
		size += n
	}
	if start < len(lines) {
		pages = append(pages, lines[start:])
	}
	return pages
}

// SummaryOf returns the summary of the diff recorded with a change; ok is
// false for a change recorded before diffs were kept.
func SummaryOf(c model.Change) (s Summary, ok bool) {
	if len(c.DiffSummary) == 0 || json.Unmarshal(c.DiffSummary, &s) != nil {
		return Summary{}, false
	}
	return s, true
}

// ChangedParagraphs counts the paragraphs a change changed, from the diff
// recorded with it; -1 when none was recorded (older changes), rather than
// diffing two whole versions for a headline.
func ChangedParagraphs(c model.Change) int {
	if s, ok := SummaryOf(c); ok {
		return s.Lines
	}
	return -1
}

// PageOf returns page n (from 0) of a change's diff: the page recorded
// with it, which load reads, or for a change recorded before diffs were
// kept, the page of the diff computed from the two versions' texts, which
// texts loads, its paragraphs marked with clauseOf (see MarkClauses; nil:
// unmarked). A page past the last one is empty.
func PageOf(c model.Change, n int, load func(n int) ([]byte, error), texts func() (oldText, newText string, err error), clauseOf func(oldText, newText string) string) (Page, error) {
	if s, ok := SummaryOf(c); ok {
		p := Page{Summary: s, Number: n}
		if n < 0 || n >= s.Pages {
			return p, nil
		}
		data, err := load(n)
		if err != nil {
			return Page{}, err
		}
		if err := json.Unmarshal(data, &p.Lines); err != nil {
			return Page{}, fmt.Errorf("change %d: stored diff page %d: %w", c.ID, n, err)
		}
		return p, nil
	}
	oldText, newText, err := texts()
	if err != nil {
		return Page{}, err
	}
	r := Compute(oldText, newText)
	if clauseOf != nil {
		r.MarkClauses(clauseOf)
	}
	pages := split(r.Lines)
	p := Page{Summary: Summary{Stats: r.Stats, Lines: len(r.Lines), Pages: len(pages)}, Number: n}
	if n >= 0 && n < len(pages) {
		p.Lines = pages[n]
	}
	return p, nil
}
