package digest

import (
	"context"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

func TestResumed(t *testing.T) {
	h := func(n int) time.Time { return fixtureNow.Add(-time.Duration(n) * time.Hour) }
	tests := []struct {
		name string
		// checks, oldest first: "" a success, anything else a failure
		checks []string
		hours  []int // when each check ran, hours before now
		want   string
	}{
		{"streak ended in the window", []string{"x", "x", "x", ""}, []int{30, 29, 28, 2}, "3 failed checks"},
		{"streak too short", []string{"x", "x", ""}, []int{30, 29, 2}, ""},
		{"streak ended before the window", []string{"x", "x", "x", "", ""}, []int{50, 49, 48, 30, 2}, ""},
		{"never failed", []string{"", "", ""}, []int{30, 20, 2}, ""},
		{"successes since, in the window", []string{"x", "x", "x", "", "", ""}, []int{30, 29, 28, 10, 5, 2}, "3 failed checks"},
		{"long streak, past the first page", append(repeat("x", 20), ""), append(countdown(40, 20), 1), "20 failed checks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t, fixtureNow)
			doc := s.doc("Acme", "Terms of Service")
			s.version(doc, h(100), model.KindFirst, "one", nil)
			for i, c := range tt.checks {
				s.check(doc, h(tt.hours[i]), c)
			}
			docs, err := s.st.ListDocuments(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			opts := fixtureOptions().withDefaults()
			r, ok, err := resumedSince(context.Background(), s.st, docs[0], fixtureNow.Add(-24*time.Hour), opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Checks; ok != (tt.want != "") || got != tt.want {
				t.Errorf("got %v %q, want %q", ok, got, tt.want)
			}
		})
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// countdown returns n hours counting down from start.
func countdown(start, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = start - i
	}
	return out
}
