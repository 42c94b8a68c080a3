package clause

import (
	"fmt"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestMarker(t *testing.T) {
	changes := []model.ClauseChange{
		{Type: model.Indemnification, Severity: model.SeverityMedium,
			Before: "You will indemnify us against claims arising from your breach.",
			After:  "You will indemnify us against claims arising from your use of the service."},
		{Type: model.Liability, Severity: model.SeverityHigh,
			Before: "Our total liability will not exceed $1,000.\nThis limitation does not apply to fraud or wilful misconduct.",
			After:  "Our total liability will not exceed $100.\nThis limitation does not apply to fraud or wilful misconduct."},
	}
	m := NewMarker(changes)
	for _, tc := range []struct {
		name  string
		paras []string
		want  string
	}{
		{"a paragraph of the clause", []string{"Our total liability will not exceed $1,000.", "Our total liability will not exceed $100."}, model.Liability},
		{"a paragraph holding the clause sentence", []string{"", "12. Indemnity. You will indemnify us against claims arising from your use of the service. Survives termination."}, model.Indemnification},
		{"an unrelated paragraph", []string{"Support is available on business days."}, ""},
		{"too short to tie", []string{"1."}, ""},
	} {
		got := m.Of(tc.paras...)
		if (got == nil) != (tc.want == "") || (got != nil && got.Type != tc.want) {
			t.Errorf("%s: got %+v, want %q", tc.name, got, tc.want)
		}
	}
}

// Marking is linear in the text: tens of thousands of clause lines and
// paragraphs, each paragraph holding a clause sentence among others.
func TestMarkerOnManyClauseLines(t *testing.T) {
	var before, after strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&before, "In no event shall our liability exceed $%d in month %d.\n", i, i%12)
		fmt.Fprintf(&after, "In no event shall our liability exceed $%d in month %d.\n", i+1, i%12)
	}
	m := NewMarker([]model.ClauseChange{{Type: model.Liability, Severity: model.SeverityHigh, Before: before.String(), After: after.String()}})
	for i := range 20000 {
		p := fmt.Sprintf("%d. Limits.  In no event shall our  liability exceed $%d in month %d. Survives.", i, i, i%12)
		if got := m.Of(p); got == nil || got.Type != model.Liability {
			t.Fatalf("%q: got %+v, want the liability change", p, got)
		}
	}
	if got := m.Of("In no event shall our liability exceed $7 in month 8."); got != nil {
		t.Errorf("a sentence of no clause line: got %+v", got)
	}
}
