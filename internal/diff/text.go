package diff

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ANSI colours of WriteText.
const (
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiReset  = "\x1b[0m"
)

// moveNoteRunes is how much of a moved paragraph its note quotes.
const moveNoteRunes = 80

// WriteText renders the result for a person: each paragraph that differs
// under a header with its location ("@@ line 12 @@"), deletions as
// [-…-] and insertions as {+…+} (inline inside a changed paragraph), and
// a moved paragraph as a one-line note. With color, deletions are red and
// insertions green instead of bracketed. Control characters of the texts
// are replaced so that a page cannot drive the terminal.
func (r Result) WriteText(w io.Writer, color bool) error {
	tw := &textWriter{w: w, color: color}
	for n, l := range r.Lines {
		if n > 0 {
			tw.str("\n")
		}
		tw.header(l)
		switch l.Op {
		case Insert:
			tw.run(Insert, l.New)
		case Delete:
			tw.run(Delete, l.Old)
		case Change:
			tw.words(l)
		case Move:
			tw.paint(ansiYellow, fmt.Sprintf("moved from line %d to line %d: %s", l.OldLine, l.NewLine, quote(l.New)))
			if l.Old != l.New {
				tw.str("\n")
				tw.words(l)
			}
		}
		tw.str("\n")
	}
	return tw.err
}

func (tw *textWriter) header(l Line) {
	var h string
	switch l.Op {
	case Insert:
		h = fmt.Sprintf("@@ line %d, inserted @@", l.NewLine)
	case Delete:
		h = fmt.Sprintf("@@ old line %d, deleted @@", l.OldLine)
	case Move:
		h = fmt.Sprintf("@@ line %d, moved @@", l.NewLine)
		if l.Old != l.New {
			h = fmt.Sprintf("@@ line %d, moved and edited @@", l.NewLine)
		}
	default:
		h = fmt.Sprintf("@@ line %d @@", l.NewLine)
		if l.OldLine != l.NewLine {
			h = fmt.Sprintf("@@ line %d, was %d @@", l.NewLine, l.OldLine)
		}
	}
	if l.Clause != "" {
		h = strings.TrimSuffix(h, " @@") + " · " + l.Clause + " clause @@"
	}
	tw.paint(ansiCyan, h)
	tw.str("\n")
}

// words writes the word diff of a changed paragraph, or the whole
// paragraphs when a Result was built without one.
func (tw *textWriter) words(l Line) {
	if len(l.Words) == 0 {
		tw.run(Delete, l.Old)
		tw.run(Insert, l.New)
		return
	}
	for _, w := range l.Words {
		tw.run(w.Op, w.Text)
	}
}

// quote returns the start of a paragraph for a one-line note.
func quote(s string) string {
	if utf8.RuneCountInString(s) <= moveNoteRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == moveNoteRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

type textWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (tw *textWriter) str(s string) {
	if tw.err == nil {
		_, tw.err = io.WriteString(tw.w, s)
	}
}

func (tw *textWriter) paint(colour, s string) {
	if tw.color {
		tw.str(colour + clean(s) + ansiReset)
	} else {
		tw.str(clean(s))
	}
}

// run writes one run of text, marked as deleted or inserted.
func (tw *textWriter) run(op Op, s string) {
	switch {
	case s == "":
	case op == Delete && tw.color:
		tw.paint(ansiRed, s)
	case op == Insert && tw.color:
		tw.paint(ansiGreen, s)
	case op == Delete:
		tw.str("[-" + clean(s) + "-]")
	case op == Insert:
		tw.str("{+" + clean(s) + "+}")
	default:
		tw.str(clean(s))
	}
}

// clean replaces control characters (escape sequences, carriage returns)
// with U+FFFD, keeping tabs.
func clean(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r != '\t' && unicode.IsControl(r) }
