package digest

import (
	"testing"

	"github.com/toswatch/toswatch/internal/clause"
)

// The subject's counts rest on what the clause package writes; this keeps
// the two in step on real comparisons.
func TestNotableEventsFromClauseCompare(t *testing.T) {
	const (
		before = "# Terms\n\n## Limitation of Liability\n\nIn no event shall our total liability exceed $1,000,000.\n\n" +
			"## Indemnification\n\nYou agree to indemnify and hold us harmless from any claims arising from your breach of these terms.\n"
		after = "# Terms\n\n## Limitation of Liability\n\nIn no event shall our total liability exceed $100.\n\n" +
			"## Indemnification\n\nYou agree to indemnify and hold us harmless from any claims arising from your breach of these terms or your use of the service.\n"
		raised = "# Terms\n\n## Limitation of Liability\n\nIn no event shall our total liability exceed $5,000,000.\n\n" +
			"## Indemnification\n\nYou agree to indemnify and hold us harmless from any claims arising from your breach of these terms.\n"
	)
	tests := []struct {
		name              string
		old, new          string
		caps, indemnities int
	}{
		{"lowered and broadened", before, after, 1, 1},
		{"raised", before, raised, 0, 0},
		{"unchanged", before, before, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var caps, indemnities int
			for _, cc := range clause.Compare(tt.old, tt.new) {
				if isCapLowered(cc) {
					caps++
				}
				if isIndemnityBroadened(cc) {
					indemnities++
				}
			}
			if caps != tt.caps || indemnities != tt.indemnities {
				t.Errorf("got %d caps lowered, %d indemnities broadened; want %d, %d", caps, indemnities, tt.caps, tt.indemnities)
			}
		})
	}
}
