package fetch

import (
	"errors"
	"fmt"
)

// Kind names of failed fetches. They are stable: they appear in
// `check --json` error strings and in logs, and callers switch on them.
const (
	KindTimeout     = "timeout"      // no complete response within Options.Timeout
	KindHTTPStatus  = "http_status"  // the server answered with an error status
	KindTooLarge    = "too_large"    // the (decoded) body is over Options.MaxBodyBytes
	KindBlocked     = "blocked"      // a bot wall, captcha or login wall
	KindRedirect    = "redirect"     // too many redirects, a bad scheme or a forbidden address
	KindNetwork     = "network"      // no response: refused, reset, DNS failure …
	KindTruncated   = "truncated"    // the body ended early or could not be decoded
	KindContentType = "content_type" // an image, binary or unsupported encoding
	KindEmpty       = "empty"        // a successful response without content
)

// Error is a failed fetch. Error() starts with the kind, so that a one-line
// log or JSON string still says what kind of failure it was.
type Error struct {
	Kind     string // one of the Kind constants
	URL      string // the URL that failed (after redirects when known)
	Status   int    // the HTTP status, 0 when there was no response
	Attempts int    // how many attempts were made, 0 for the sentinels
	Err      error  // the detail; its message does not repeat the kind
	// RetryAfter is set when the failing response asked to retry later
	// (a 429 or 503 with Retry-After): rate limiting, not a bot wall.
	RetryAfter bool
}

func (e *Error) Error() string {
	msg := e.Kind
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

// Is makes errors.Is(err, ErrBlocked) and friends match any *Error of the
// same kind: the sentinels below carry only a kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.URL == "" && t.Err == nil && t.Kind == e.Kind
}

// Sentinels for errors.Is, one per kind.
var (
	ErrTimeout     = &Error{Kind: KindTimeout}
	ErrHTTPStatus  = &Error{Kind: KindHTTPStatus}
	ErrTooLarge    = &Error{Kind: KindTooLarge}
	ErrBlocked     = &Error{Kind: KindBlocked}
	ErrRedirect    = &Error{Kind: KindRedirect}
	ErrNetwork     = &Error{Kind: KindNetwork}
	ErrTruncated   = &Error{Kind: KindTruncated}
	ErrContentType = &Error{Kind: KindContentType}
	ErrEmpty       = &Error{Kind: KindEmpty}
)

// KindOf returns the kind of an error from Fetch, or "" when it is not an
// *Error (a cancelled context, for instance).
func KindOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// failf builds an *Error whose detail is a formatted message.
func failf(kind, url string, status int, format string, args ...any) *Error {
	return &Error{Kind: kind, URL: url, Status: status, Err: fmt.Errorf(format, args...)}
}
