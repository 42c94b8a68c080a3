package web

import (
	"cmp"
	"fmt"
	"slices"

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
	Long  int // KiB, when the texts are too long for Words
}

// diffParas prepares changed paragraphs for display, each with the clause
// change it was marked with when the diff was recorded.
func diffParas(lines []diff.Line, ccs []model.ClauseChange) []diffPara {
	byType := map[string]*model.ClauseChange{}
	for i := range ccs {
		byType[ccs[i].Type] = &ccs[i]
	}
	out := make([]diffPara, 0, len(lines))
	for _, l := range lines {
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
		// A mark of a clause type the change no longer has (reanalysed
		// since) is left out.
		if cc := byType[l.Clause]; cc != nil {
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

// clauseViews prepares the clause changes for display, each with the word
// diff of its texts when they are short enough to read that way (see
// maxClauseDiff).
func clauseViews(ccs []model.ClauseChange) []clauseView {
	out := make([]clauseView, 0, len(ccs))
	for _, cc := range ccs {
		v := clauseView{ClauseChange: cc, Label: present.ClauseLabel(cc.Type), Cap: present.CapMove(cc)}
		if len(cc.Before) <= maxClauseDiff && len(cc.After) <= maxClauseDiff {
			v.Words = diff.Words(cc.Before, cc.After)
		} else {
			v.Long = max(len(cc.Before), len(cc.After)) >> 10
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b clauseView) int {
		return cmp.Compare(model.SeverityRank(b.Severity), model.SeverityRank(a.Severity))
	})
	return out
}
