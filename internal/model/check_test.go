package model

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// kinded is an error type that carries a kind, as fetch.Error does.
type kinded struct {
	kind FailureKind
	err  error
}

func (e *kinded) Error() string            { return string(e.kind) + ": " + e.err.Error() }
func (e *kinded) Unwrap() error            { return e.err }
func (e *kinded) FailureKind() FailureKind { return e.kind }
func (e *kinded) Is(target error) bool     { return target == e.kind }

func TestFailureOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want FailureKind
	}{
		{"nil", nil, ""},
		{"plain", errors.New("boom"), ""},
		{"cancelled", fmt.Errorf("fetch: %w", context.Canceled), ""},
		{"bare kind wrapped", fmt.Errorf("%w: text is 3 characters", FailureTooShort), FailureTooShort},
		{"error type", fmt.Errorf("check: %w", &kinded{FailureBlocked, errors.New("login wall")}), FailureBlocked},
		{"outermost kind wins", &kinded{FailureRender, fmt.Errorf("%w: x", FailureSelectorMissing)}, FailureRender},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FailureOf(tt.err); got != tt.want {
				t.Errorf("FailureOf(%v) = %q, want %q", tt.err, got, tt.want)
			}
			if tt.want != "" && !errors.Is(tt.err, tt.want) {
				t.Errorf("errors.Is(%v, %q) = false, want true", tt.err, tt.want)
			}
		})
	}
	if errors.Is(fmt.Errorf("%w: x", FailureTooShort), FailureTimeout) {
		t.Error("a too_short failure matches FailureTimeout")
	}
}

func TestOutcome(t *testing.T) {
	tests := []struct {
		o      Outcome
		failed bool
		kind   string
	}{
		{OutcomeNew, false, KindFirst},
		{OutcomeChanged, false, KindChange},
		{OutcomeTechnical, false, KindTechnical},
		{OutcomeUnchanged, false, ""},
		{OutcomeFailed, true, ""},
		{OutcomeUnconfirmed, false, ""}, // pending, not failed
	}
	for _, tt := range tests {
		if got := tt.o.Failed(); got != tt.failed {
			t.Errorf("%s.Failed() = %v, want %v", tt.o, got, tt.failed)
		}
		if got := tt.o.VersionKind(); got != tt.kind {
			t.Errorf("%s.VersionKind() = %q, want %q", tt.o, got, tt.kind)
		}
	}
}
