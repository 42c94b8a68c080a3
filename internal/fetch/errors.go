package fetch

import (
	"fmt"

	"github.com/toswatch/toswatch/internal/model"
)

// Error is a failed fetch. Error() starts with the kind, so that a one-line
// log or JSON string still says what kind of failure it was.
type Error struct {
	Kind     model.FailureKind
	URL      string // the URL that failed (after redirects when known)
	Status   int    // the HTTP status, 0 when there was no response
	Attempts int    // how many attempts were made
	Err      error  // the detail; its message does not repeat the kind
	// RetryAfter is set when the failing response asked to retry later
	// (a 429 or 503 with Retry-After): rate limiting, not a bot wall.
	RetryAfter bool
}

func (e *Error) Error() string {
	msg := string(e.Kind)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	} else if e.URL != "" {
		msg += ": " + e.URL
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, model.FailureBlocked) and friends match any
// *Error of that kind.
func (e *Error) Is(target error) bool {
	k, ok := target.(model.FailureKind)
	return ok && k == e.Kind
}

// FailureKind returns the kind, for model.FailureOf.
func (e *Error) FailureKind() model.FailureKind { return e.Kind }

// failf builds an *Error whose detail is a formatted message.
func failf(kind model.FailureKind, url string, status int, format string, args ...any) *Error {
	return &Error{Kind: kind, URL: url, Status: status, Err: fmt.Errorf(format, args...)}
}
