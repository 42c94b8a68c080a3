package web

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/feed"
	"github.com/toswatch/toswatch/internal/model"
)

// diffPara is one changed paragraph, ready for both views: Inline holds
// deletions and insertions together, Old and New the two columns of the
// side-by-side view.
type diffPara struct {
	Op               diff.Op
	OldLine, NewLine int
	Inline, Old, New []diff.Word
	Note             string
	Clause           *clauseMark // the changed clause the paragraph belongs to, if any
}

// clauseMark tags a paragraph that is part of a changed clause.
type clauseMark struct {
	Label    string
	Severity string
}

// clauseView is a clause change with its before → after word diff.
type clauseView struct {
	model.ClauseChange
	Label string
	Cap   string
	Words []diff.Word
}

func diffParas(res diff.Result, ccs []model.ClauseChange) []diffPara {
	marks := newClauseMatcher(ccs)
	out := make([]diffPara, 0, len(res.Lines))
	for _, l := range res.Lines {
		p := diffPara{Op: l.Op, OldLine: l.OldLine, NewLine: l.NewLine}
		switch {
		case l.Op == diff.Insert:
			p.Inline = []diff.Word{{Op: diff.Insert, Text: l.New}}
			p.New = p.Inline
		case l.Op == diff.Delete:
			p.Inline = []diff.Word{{Op: diff.Delete, Text: l.Old}}
			p.Old = p.Inline
		case l.Op == diff.Move && len(l.Words) == 0:
			p.Inline = []diff.Word{{Op: diff.Equal, Text: l.New}}
			p.Old = []diff.Word{{Op: diff.Equal, Text: l.Old}}
			p.New = p.Inline
		default:
			p.Inline = l.Words
			p.Old = only(l.Words, diff.Delete)
			p.New = only(l.Words, diff.Insert)
		}
		if l.Op == diff.Move {
			p.Note = fmt.Sprintf("moved from line %d", l.OldLine)
			if len(l.Words) > 0 {
				p.Note += " and edited"
			}
		}
		p.Clause = marks.match(l.Old, l.New)
		out = append(out, p)
	}
	return out
}

// only keeps the equal runs and the runs of op.
func only(ws []diff.Word, op diff.Op) []diff.Word {
	out := make([]diff.Word, 0, len(ws))
	for _, w := range ws {
		if w.Op == diff.Equal || w.Op == op {
			out = append(out, w)
		}
	}
	return out
}

func clauseViews(ccs []model.ClauseChange) []clauseView {
	out := make([]clauseView, 0, len(ccs))
	for _, cc := range ccs {
		out = append(out, clauseView{
			ClauseChange: cc,
			Label:        feed.ClauseLabel(cc.Type),
			Cap:          feed.CapFacts(cc),
			Words:        diff.Words(cc.Before, cc.After),
		})
	}
	slices.SortStableFunc(out, func(a, b clauseView) int {
		return cmp.Compare(model.SeverityRank(b.Severity), model.SeverityRank(a.Severity))
	})
	return out
}

// minClauseOverlap is the shortest text that counts as a match between a
// paragraph and a clause line: shorter ones ("1.", "Liability") would tie
// unrelated paragraphs to a clause.
const minClauseOverlap = 20

type clauseLine struct {
	text string
	mark *clauseMark
}

// clauseMatcher finds which changed clause, if any, a paragraph belongs to.
// Clause texts are slices of the document, so a paragraph of a clause is
// contained in the clause text's lines, or contains them when the clause
// is a sentence of a longer paragraph.
type clauseMatcher []clauseLine

func newClauseMatcher(ccs []model.ClauseChange) clauseMatcher {
	var m clauseMatcher
	for _, cc := range ccs {
		mark := &clauseMark{Label: feed.ClauseLabel(cc.Type), Severity: cc.Severity}
		for _, text := range []string{cc.Before, cc.After} {
			for l := range strings.SplitSeq(text, "\n") {
				if l = strings.TrimSpace(l); len(l) >= minClauseOverlap {
					m = append(m, clauseLine{l, mark})
				}
			}
		}
	}
	return m
}

func (m clauseMatcher) match(texts ...string) *clauseMark {
	var best *clauseMark
	for _, t := range texts {
		if t = strings.TrimSpace(t); len(t) < minClauseOverlap {
			continue
		}
		for _, l := range m {
			if (strings.Contains(l.text, t) || strings.Contains(t, l.text)) &&
				(best == nil || model.SeverityRank(l.mark.Severity) > model.SeverityRank(best.Severity)) {
				best = l.mark
			}
		}
	}
	return best
}
