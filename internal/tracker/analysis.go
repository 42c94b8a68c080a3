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
	ccs, res := Diff(compare, oldText, newText)
	summary, pages := diff.Paginate(res)
	return ccs, store.Diff{Summary: summary, Pages: pages}
}

// Diff compares two texts: how their clauses moved (by compare; nil: not
// analysed) and their diff, each changed paragraph marked with the changed
// clause it belongs to.
func Diff(compare func(oldText, newText string) []model.ClauseChange, oldText, newText string) ([]model.ClauseChange, diff.Result) {
	var ccs []model.ClauseChange
	if compare != nil {
		ccs = compare(oldText, newText)
	}
	res := diff.Compute(oldText, newText)
	if len(ccs) > 0 {
		res.MarkClauses(clause.NewMarker(ccs).TypeOf)
	}
	return ccs, res
}
