// Package diff compares two versions of a document whose text is Markdown
// with one paragraph per line. It diffs paragraphs first, pairs the deleted
// and inserted paragraphs of each change by similarity to show word-level
// edits inside them, and recognises paragraphs that only moved.
//
// Lines that are empty or hold only whitespace separate paragraphs and are
// never reported, and a trailing carriage return is not part of a line, so a
// change of blank lines or line endings alone is not a change.
package diff

import "time"

// Op is the kind of one paragraph or word operation.
type Op string

// Operations.
const (
	Equal  Op = "equal"
	Insert Op = "insert"
	Delete Op = "delete"
	Change Op = "change"
	Move   Op = "move"
)

// Word is one run of a word-level diff inside a changed paragraph. Op is
// Equal, Insert or Delete. Runs always start and end on token boundaries
// (words, whitespace runs, punctuation marks), never inside a word.
type Word struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Line is one paragraph-level operation. OldLine and NewLine are 1-based line
// numbers in the old and new text (0: absent).
//
// Delete has OldLine and Old; Insert has NewLine and New; Change has both
// and Words. Move has both line numbers and both texts; when the paragraph
// was also edited on the way, Old and New differ and Words holds the edit.
type Line struct {
	Op      Op     `json:"op"`
	OldLine int    `json:"old_line,omitempty"`
	NewLine int    `json:"new_line,omitempty"`
	Old     string `json:"old,omitempty"`
	New     string `json:"new,omitempty"`
	Words   []Word `json:"words,omitempty"`
	// Clause is the type of changed clause ("liability",
	// "indemnification") the paragraph belongs to, when the caller marked
	// it (see clause.Marker); the diff itself knows nothing of clauses.
	Clause string `json:"clause,omitempty"`
}

// Stats counts the paragraph operations of a Result by kind.
type Stats struct {
	Inserted int `json:"inserted"`
	Deleted  int `json:"deleted"`
	Changed  int `json:"changed"`
	Moved    int `json:"moved"`
}

// Result is the difference between two texts. Its JSON form is a public
// contract (the cli's JSON output): do not change the tags.
type Result struct {
	// Lines holds only the paragraphs that differ, in new-document order;
	// a deletion is placed where the paragraph was, before any insertion
	// at the same place, and a move where the paragraph now is.
	Lines []Line `json:"lines"`
	Stats Stats  `json:"stats"`
}

// Changed reports whether anything differs.
func (r Result) Changed() bool { return len(r.Lines) > 0 }

// Limits that keep pathological inputs (unrelated documents, huge lines)
// from taking unbounded time. They only make a diff coarser, never wrong.
const (
	// changeMin is the similarity from which a deleted and an inserted
	// paragraph of the same hunk are shown as one changed paragraph.
	changeMin = 0.5
	// moveMin is the similarity from which a deleted and an inserted
	// paragraph of different hunks are shown as a paragraph that moved and
	// was edited; higher than changeMin because claiming a move is bolder.
	moveMin = 0.75
	// moveMinTokens keeps tiny paragraphs out of edited moves, where any
	// two of them look alike.
	moveMinTokens = 4
	// maxPairCells bounds the similarity matrix of one hunk; larger hunks
	// are paired greedily within pairWindow.
	maxPairCells = 256 * 256
	pairWindow   = 32
	// maxMoveCells bounds the comparisons made to find edited moves.
	maxMoveCells = 250_000
	// wordBudget is the total time Compute spends on word diffs; later
	// changed paragraphs get a whole-paragraph replacement instead.
	wordBudget = 2 * time.Second
)

// Compute returns the difference between oldText and newText.
func Compute(oldText, newText string) Result {
	if oldText == newText {
		return Result{Lines: []Line{}}
	}
	a, b := paragraphs(oldText), paragraphs(newText)
	p := newPairing(a, b, matchLines(a, b))
	p.pairMoves()
	p.pairChanges()
	p.pairEditedMoves()
	return p.result(time.Now().Add(wordBudget))
}
