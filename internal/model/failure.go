package model

import "strings"

// Wrap returns err as a failure of kind k: its message starts with the kind
// (once), errors.Is(err, k) holds and FailureOf returns k.
func (k FailureKind) Wrap(err error) error {
	return &failure{kind: k, err: err}
}

// failure is an error with its kind.
type failure struct {
	kind FailureKind
	err  error
}

func (e *failure) Unwrap() error { return e.err }

// FailureKind returns the kind, for FailureOf.
func (e *failure) FailureKind() FailureKind { return e.kind }

// Is makes errors.Is(err, FailureRender) and friends match.
func (e *failure) Is(target error) bool { return target == e.kind }

func (e *failure) Error() string {
	msg := e.err.Error()
	if strings.HasPrefix(msg, string(e.kind)) {
		return msg
	}
	return string(e.kind) + ": " + msg
}
