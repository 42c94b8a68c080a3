package clause

import "testing"

// Every lazily compiled pattern compiles: a typo must fail here, not at
// the first document that reaches it.
func TestPatternsCompile(t *testing.T) {
	if len(patterns) < 30 {
		t.Fatalf("%d patterns registered, want all of the package's", len(patterns))
	}
	for _, re := range patterns {
		if re() == nil {
			t.Error("a pattern compiled to nil")
		}
	}
}
