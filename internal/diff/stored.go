package diff

import (
	"encoding/json"
	"fmt"

	"github.com/toswatch/toswatch/internal/model"
)

// Encode returns a result as the JSON recorded with a change.
func Encode(r Result) []byte {
	b, _ := json.Marshal(r) // a Result always marshals
	return b
}

// OfChange returns the diff recorded with a change. For a change recorded
// before diffs were kept, it computes the diff from the two versions'
// texts, which texts loads.
func OfChange(c model.Change, texts func() (oldText, newText string, err error)) (Result, error) {
	if len(c.Diff) > 0 {
		var r Result
		if err := json.Unmarshal(c.Diff, &r); err != nil {
			return Result{}, fmt.Errorf("change %d: stored diff: %w", c.ID, err)
		}
		return r, nil
	}
	oldText, newText, err := texts()
	if err != nil {
		return Result{}, err
	}
	return Compute(oldText, newText), nil
}

// ChangedParagraphs counts the paragraphs a change changed, from the diff
// recorded with it; -1 when none was recorded (older changes), rather than
// diffing two whole versions for a headline.
func ChangedParagraphs(c model.Change) int {
	if len(c.Diff) == 0 {
		return -1
	}
	var r Result
	if err := json.Unmarshal(c.Diff, &r); err != nil {
		return -1
	}
	return len(r.Lines)
}
