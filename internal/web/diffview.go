package web

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
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
	marks := clause.NewMarker(ccs)
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
		if cc := marks.Of(l.Old, l.New); cc != nil {
			p.Clause = &clauseMark{Label: present.ClauseLabel(cc.Type), Severity: cc.Severity}
		}
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
			Label:        present.ClauseLabel(cc.Type),
			Cap:          present.CapMove(cc),
			Words:        diff.Words(cc.Before, cc.After),
		})
	}
	slices.SortStableFunc(out, func(a, b clauseView) int {
		return cmp.Compare(model.SeverityRank(b.Severity), model.SeverityRank(a.Severity))
	})
	return out
}
