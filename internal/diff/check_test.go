package diff

import (
	"strings"
	"testing"
)

// testParas splits a text into its paragraphs by line number, independently
// of the package's own splitting: non-blank lines without a trailing "\r".
func testParas(text string) (lines []int, byLine map[int]string) {
	byLine = make(map[int]string)
	if text == "" {
		return nil, byLine
	}
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSuffix(l, "\r")
		if strings.TrimSpace(l) != "" {
			lines = append(lines, i+1)
			byLine[i+1] = l
		}
	}
	return lines, byLine
}

// checkResult checks that r is an exact account of how oldText became
// newText: every paragraph is either reported once or kept, the kept ones
// are the same sequence on both sides, texts and word diffs agree with the
// inputs, lines come in document order and the stats add up.
func checkResult(t *testing.T, oldText, newText string, r Result) {
	t.Helper()
	linesA, textA := testParas(oldText)
	linesB, textB := testParas(newText)
	usedA, usedB := make(map[int]bool), make(map[int]bool)
	var stats Stats
	use := func(used map[int]bool, texts map[int]string, line int, text, side string) {
		t.Helper()
		got, ok := texts[line]
		switch {
		case !ok:
			t.Errorf("%s line %d: not a paragraph", side, line)
		case used[line]:
			t.Errorf("%s line %d: reported twice", side, line)
		case got != text:
			t.Errorf("%s line %d: got text %q, want %q", side, line, text, got)
		}
		used[line] = true
	}
	for _, l := range r.Lines {
		switch l.Op {
		case Delete:
			stats.Deleted++
			if l.NewLine != 0 || l.New != "" || l.Words != nil {
				t.Errorf("delete %+v: has new side or words", l)
			}
			use(usedA, textA, l.OldLine, l.Old, "old")
		case Insert:
			stats.Inserted++
			if l.OldLine != 0 || l.Old != "" || l.Words != nil {
				t.Errorf("insert %+v: has old side or words", l)
			}
			use(usedB, textB, l.NewLine, l.New, "new")
		case Change, Move:
			if l.Op == Change {
				stats.Changed++
				if l.Old == l.New {
					t.Errorf("change %+v: nothing changed", l)
				}
			} else {
				stats.Moved++
			}
			use(usedA, textA, l.OldLine, l.Old, "old")
			use(usedB, textB, l.NewLine, l.New, "new")
			if l.Old == l.New {
				if l.Words != nil {
					t.Errorf("%s %+v: words without an edit", l.Op, l)
				}
			} else {
				checkWords(t, l.Old, l.New, l.Words)
			}
		default:
			t.Errorf("line %+v: unexpected op", l)
		}
	}
	if r.Stats != stats {
		t.Errorf("got stats %+v, want %+v", r.Stats, stats)
	}

	// What is not reported is kept: the same paragraphs in the same order.
	var keptA, keptB []string
	rankA, rankB := make(map[int]int), make(map[int]int) // line -> kept paragraphs before it
	for _, n := range linesA {
		rankA[n] = len(keptA)
		if !usedA[n] {
			keptA = append(keptA, textA[n])
		}
	}
	for _, n := range linesB {
		rankB[n] = len(keptB)
		if !usedB[n] {
			keptB = append(keptB, textB[n])
		}
	}
	if strings.Join(keptA, "\n") != strings.Join(keptB, "\n") || len(keptA) != len(keptB) {
		t.Errorf("kept paragraphs differ:\nold %q\nnew %q", keptA, keptB)
	}

	// Lines are in new-document order, deletions where they were; deletions
	// and changes keep the old order.
	lastNew, lastOld, lastPos := 0, 0, 0
	for _, l := range r.Lines {
		pos := rankA[l.OldLine]
		if l.NewLine != 0 {
			pos = rankB[l.NewLine]
			if l.NewLine <= lastNew {
				t.Errorf("line %+v: new line %d after %d", l, l.NewLine, lastNew)
			}
			lastNew = l.NewLine
		}
		if l.Op == Delete || l.Op == Change {
			if l.OldLine <= lastOld {
				t.Errorf("line %+v: old line %d after %d", l, l.OldLine, lastOld)
			}
			lastOld = l.OldLine
		}
		if pos < lastPos {
			t.Errorf("line %+v: placed after kept paragraph %d, want before %d", l, lastPos, pos)
		}
		lastPos = pos
	}
}

// checkWords checks that ws turns a into b in normal form: no empty runs,
// Equal runs apart, at most one Delete then one Insert between them.
func checkWords(t *testing.T, a, b string, ws []Word) {
	t.Helper()
	var ga, gb strings.Builder
	for i, w := range ws {
		if w.Text == "" {
			t.Errorf("word %d: empty", i)
		}
		if i > 0 {
			switch p := ws[i-1].Op; {
			case p == w.Op:
				t.Errorf("words %d and %d: both %s", i-1, i, w.Op)
			case p == Insert && w.Op == Delete:
				t.Errorf("word %d: delete after insert", i)
			}
		}
		switch w.Op {
		case Equal:
			ga.WriteString(w.Text)
			gb.WriteString(w.Text)
		case Delete:
			ga.WriteString(w.Text)
		case Insert:
			gb.WriteString(w.Text)
		default:
			t.Errorf("word %d: op %q", i, w.Op)
		}
	}
	if ga.String() != a {
		t.Errorf("old side of words: got %q, want %q", ga.String(), a)
	}
	if gb.String() != b {
		t.Errorf("new side of words: got %q, want %q", gb.String(), b)
	}
}
