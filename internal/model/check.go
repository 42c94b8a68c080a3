package model

import "errors"

// Outcome is how one check of a document ended. The values are stored in
// the checks table and printed by `check --json`: they never change.
type Outcome string

// Check outcomes.
const (
	OutcomeNew         Outcome = "new"         // the first version of a document was recorded
	OutcomeChanged     Outcome = "changed"     // the vendor changed the text: a new version
	OutcomeUnchanged   Outcome = "unchanged"   // the same text as the latest version
	OutcomeTechnical   Outcome = "technical"   // only the extraction settings changed the text
	OutcomeFailed      Outcome = "failed"      // the page could not be read (see FailureKind)
	OutcomeUnconfirmed Outcome = "unconfirmed" // a drastic change waiting for the next checks to see it again: pending, nothing recorded yet
)

// Failed reports whether a check with this outcome counts as a failure:
// nothing trustworthy was read, so it adds to the failures in a row. An
// unconfirmed check is pending, not failed: the page answered, and the
// next checks decide.
func (o Outcome) Failed() bool {
	return o == OutcomeFailed
}

// VersionKind is the kind of version a check with this outcome records
// (KindFirst, KindChange or KindTechnical), "" for none.
func (o Outcome) VersionKind() string {
	switch o {
	case OutcomeNew:
		return KindFirst
	case OutcomeChanged:
		return KindChange
	case OutcomeTechnical:
		return KindTechnical
	}
	return ""
}

// FailureKind names why a check failed. Every failed check's error starts
// with its kind ("timeout: no response within 30s from …"), in the checks
// table, in `check --json` and in logs: the values never change.
//
// A kind is also an error, so that it serves as the sentinel of its
// failures: errors.Is(err, model.FailureBlocked) matches every blocked
// fetch or render, whichever package reported it.
type FailureKind string

// Failure kinds.
const (
	// Fetching a page (internal/fetch, and internal/browser for pages
	// rendered in a browser).
	FailureTimeout     FailureKind = "timeout"      // no complete response in time
	FailureHTTPStatus  FailureKind = "http_status"  // the server answered with an error status
	FailureTooLarge    FailureKind = "too_large"    // the (decoded) body is over the size limit
	FailureBlocked     FailureKind = "blocked"      // a bot wall, captcha or login wall
	FailureRedirect    FailureKind = "redirect"     // too many redirects, a bad scheme or a forbidden address
	FailureNetwork     FailureKind = "network"      // no response: refused, reset, DNS failure …
	FailureTruncated   FailureKind = "truncated"    // the body ended early or could not be decoded
	FailureContentType FailureKind = "content_type" // an image, binary or unsupported encoding
	FailureEmpty       FailureKind = "empty"        // a successful response without content
	FailureRender      FailureKind = "render"       // no browser for a page that needs one, or it failed

	// Reading the text out of a page.
	FailureSelectorMissing FailureKind = "selector_missing" // a selector or range matched nothing, or is invalid
	FailureTooShort        FailureKind = "too_short"        // the text is shorter than a terms page can be
	FailurePDF             FailureKind = "pdf"              // the PDF could not be converted to text
	FailureExtract         FailureKind = "extract"          // any other extraction failure
	FailureUnavailable     FailureKind = "unavailable"      // an error, maintenance, "not available" or loading page in place of the document

	// The check itself.
	FailureUnconfirmed FailureKind = "unconfirmed" // a drastic change not confirmed yet (the error of an unconfirmed check), or its confirming re-fetch failed
	FailureCanceled    FailureKind = "canceled"    // toswatch stopped before the check ran
	FailureDatabase    FailureKind = "database"    // the database could not be read or written: nothing of the check is recorded
)

// Error returns the kind's name: a kind is the sentinel of its failures.
func (k FailureKind) Error() string { return string(k) }

// FailureKind returns k, so that a bare kind wrapped in an error
// (fmt.Errorf("%w: …", FailureTooShort)) is found by FailureOf like the
// error types that carry one.
func (k FailureKind) FailureKind() FailureKind { return k }

// FailureOf returns the kind of a failed check's error: that of the first
// error in its chain with a FailureKind method, "" when none has one (a
// cancelled context, for instance).
func FailureOf(err error) FailureKind {
	var k interface{ FailureKind() FailureKind }
	if errors.As(err, &k) {
		return k.FailureKind()
	}
	return ""
}
