package tracker

import (
	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

// Analyse returns what a change between two texts is recorded with, so
// that nothing that shows it (change pages, feeds, digests) needs the two
// versions again: how the clauses moved and the diff in pages (see Diff).
func Analyse(compare func(oldText, newText string) []model.ClauseChange, oldText, newText string) ([]model.ClauseChange, store.Diff) {
	ccs := clauseChanges(compare, oldText, newText)
	return ccs, pagedDiff(ccs, oldText, newText)
}

// Diff compares two texts: how their clauses moved (by compare; nil: not
// analysed) and their diff, each changed paragraph marked with the changed
// clause it belongs to.
func Diff(compare func(oldText, newText string) []model.ClauseChange, oldText, newText string) ([]model.ClauseChange, diff.Result) {
	ccs := clauseChanges(compare, oldText, newText)
	return ccs, markedDiff(ccs, oldText, newText)
}

func clauseChanges(compare func(oldText, newText string) []model.ClauseChange, oldText, newText string) []model.ClauseChange {
	if compare == nil {
		return nil
	}
	return compare(oldText, newText)
}

// pagedDiff is the diff of two texts in pages, marked with ccs.
func pagedDiff(ccs []model.ClauseChange, oldText, newText string) store.Diff {
	summary, pages := diff.Paginate(markedDiff(ccs, oldText, newText))
	return store.Diff{Summary: summary, Pages: pages}
}

// markedDiff is the diff of two texts, each changed paragraph marked with
// the clause of ccs it belongs to.
func markedDiff(ccs []model.ClauseChange, oldText, newText string) diff.Result {
	res := diff.Compute(oldText, newText)
	if len(ccs) > 0 {
		res.MarkClauses(clause.NewMarker(ccs).TypeOf)
	}
	return res
}
