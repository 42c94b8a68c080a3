package browser

import "github.com/toswatch/toswatch/internal/model"

// Error is a page the browser could not render. Its message starts with
// the kind, as every failed check's does.
type Error struct {
	Kind   model.FailureKind
	URL    string // the page
	Status int    // the HTTP status of the page, 0 when it did not answer
	Err    error  // the detail; its message does not repeat the kind
}

func (e *Error) Error() string { return string(e.Kind) + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, model.FailureBlocked) and friends match any
// *Error of that kind.
func (e *Error) Is(target error) bool {
	k, ok := target.(model.FailureKind)
	return ok && k == e.Kind
}

// FailureKind returns the kind, for model.FailureOf.
func (e *Error) FailureKind() model.FailureKind { return e.Kind }
