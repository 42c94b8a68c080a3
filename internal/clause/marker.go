package clause

import (
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// minMarkOverlap is the shortest text that ties a paragraph to a clause:
// shorter ones ("1.", "Liability") would tie unrelated paragraphs to it.
const minMarkOverlap = 20

// Marker tells which changed clause, if any, a paragraph of a diff belongs
// to. Clause texts are slices of the document, so a paragraph of a clause
// is contained in one of the clause text's lines, or contains it when the
// clause is a sentence of a longer paragraph.
type Marker []markLine

type markLine struct {
	text   string
	change *model.ClauseChange
}

// NewMarker returns a Marker for the clause changes of one change.
func NewMarker(changes []model.ClauseChange) Marker {
	var m Marker
	for i := range changes {
		cc := &changes[i]
		for _, text := range []string{cc.Before, cc.After} {
			for l := range strings.SplitSeq(text, "\n") {
				if l = strings.TrimSpace(l); len(l) >= minMarkOverlap {
					m = append(m, markLine{l, cc})
				}
			}
		}
	}
	return m
}

// Of returns the clause change that the paragraph (its old and/or new
// text) belongs to, the most severe when several do; nil when none.
func (m Marker) Of(paragraphs ...string) *model.ClauseChange {
	var best *model.ClauseChange
	for _, t := range paragraphs {
		if t = strings.TrimSpace(t); len(t) < minMarkOverlap {
			continue
		}
		for _, l := range m {
			if (strings.Contains(l.text, t) || strings.Contains(t, l.text)) &&
				(best == nil || model.SeverityRank(l.change.Severity) > model.SeverityRank(best.Severity)) {
				best = l.change
			}
		}
	}
	return best
}
