// Package model holds the plain types shared by every part of toswatch:
// the vendors and documents a user tracks, the versions and changes recorded
// for them, the clauses found in their text, and the words that say how a
// check ended (Outcome, FailureKind). It imports nothing of the project, so
// every other package may import it.
package model

import "time"

// Vendor is one SaaS vendor and the documents of it that are tracked.
type Vendor struct {
	Name      string
	Documents []Document
}

// Document is one tracked terms page (or set of pages) of a vendor, as
// configured in vendors.yaml.
type Document struct {
	Vendor   string
	Type     string // "Terms of Service", "Data Processing Addendum", …
	URL      string
	Select   []string      // CSS selectors whose matches make the text; empty: automatic
	Ranges   []Range       // ranges of the page that make the text too (Open Terms Archive style)
	Remove   []string      // CSS selectors removed before extraction
	Schedule time.Duration // 0: the global schedule
	Render   string        // "auto" (default), "http" or "browser"
	Combine  []Part        // several pages joined into one document
	// HeadersEnv are extra request headers (an intranet's Authorization),
	// by header name: each value is read from the environment variable
	// named here, never written in vendors.yaml.
	HeadersEnv map[string]string
	// ConfirmChecks, when set, overrides settings.fetch.confirm_checks for
	// this document.
	ConfirmChecks *int
	// Ignore are RE2 patterns whose matches are removed from each line of
	// the text (a line left empty goes) before it is stored and compared.
	Ignore []string
}

// Part is one page of a multi-page document.
type Part struct {
	URL    string
	Select []string
	Ranges []Range
	Remove []string
}

// Range selects the content between two elements of a page: it starts
// just before or just after the first element matching StartBefore or
// StartAfter, and ends just before or just after the first element matching
// EndBefore or EndAfter that follows. Exactly one start and one end are set.
type Range struct {
	StartBefore string `json:"startBefore,omitempty"`
	StartAfter  string `json:"startAfter,omitempty"`
	EndBefore   string `json:"endBefore,omitempty"`
	EndAfter    string `json:"endAfter,omitempty"`
}

// Version kinds.
const (
	KindFirst     = "first"     // the first version of a document
	KindChange    = "change"    // the vendor changed the text
	KindTechnical = "technical" // the text changed because the extraction settings changed
)

// Version is one recorded text of a document.
type Version struct {
	ID         int64 // global: what commands and URLs take
	Number     int   // within its document, from 1: what people read (v1, v2, …)
	Vendor     string
	Document   string
	RecordedAt time.Time
	SHA256     string // of Text
	Kind       string // KindFirst, KindChange or KindTechnical
	RevertsTo  *int64 // an earlier version with the same text (a flip-flop)
	// RevertsToNumber is RevertsTo's number within the document, or 0.
	RevertsToNumber int
	Text            string // Markdown, one paragraph per line; empty when not loaded
}

// Clause types.
const (
	Liability       = "liability"
	Indemnification = "indemnification"
)

// Clause is a passage of a document that limits liability or sets up an
// indemnity, with the cues that made it one.
type Clause struct {
	Type  string   `json:"type"`  // Liability or Indemnification
	Start int      `json:"start"` // byte offset of the first byte of the clause
	End   int      `json:"end"`   // byte offset just past the clause
	Text  string   `json:"text"`
	Cues  []string `json:"cues"`
	Cap   *Cap     `json:"cap,omitempty"`
	// Protects says whose liability a liability clause limits; Direction
	// who gives an indemnification clause's indemnity and Covers what it
	// covers (see facts.go).
	Protects  Party    `json:"protects,omitempty"`
	Direction Party    `json:"direction,omitempty"`
	Covers    []string `json:"covers,omitempty"`
}

// Cap bases.
const (
	BasisGreater  = "greater"  // the greater of an amount and the fees paid
	BasisLesser   = "lesser"   // the lesser of an amount and the fees paid
	BasisFixed    = "fixed"    // a fixed amount
	BasisFees     = "fees"     // the fees paid over a period
	BasisExcluded = "excluded" // no liability at all
)

// Cap is what a liability clause says the liability is capped at. Every
// field is optional: a cap may name only fees, or only an amount.
type Cap struct {
	Amount          *float64 `json:"amount,omitempty"`
	Currency        string   `json:"currency,omitempty"` // ISO 4217
	FeePeriodMonths int      `json:"fee_period_months,omitempty"`
	Basis           string   `json:"basis,omitempty"`
	CarveOuts       []string `json:"carve_outs,omitempty"`
	// Scoped are the caps limited to a scope (free services, beta
	// features, your liability, …), never merged into the general cap.
	Scoped []ScopedCap `json:"scoped,omitempty"`
}

// Clause change kinds and severities.
const (
	ChangeAdded    = "added"
	ChangeRemoved  = "removed"
	ChangeModified = "modified"

	SeverityHigh   = "high"
	SeverityMedium = "medium"
	SeverityLow    = "low"
)

// SeverityRank orders severities: high 3, medium 2, low 1, anything else 0.
func SeverityRank(s string) int {
	switch s {
	case SeverityHigh:
		return 3
	case SeverityMedium:
		return 2
	case SeverityLow:
		return 1
	}
	return 0
}

// ClauseChange says how one type of clause moved between two texts.
type ClauseChange struct {
	Type      string `json:"type"`
	Kind      string `json:"kind"`
	Material  bool   `json:"material"`
	Severity  string `json:"severity"`
	Summary   string `json:"summary"`
	Before    string `json:"before"`
	After     string `json:"after"`
	CapBefore *Cap   `json:"cap_before"`
	CapAfter  *Cap   `json:"cap_after"`
	// Who gives the indemnity (indemnification) and whose liability is
	// limited (liability) before and after; null for the other type and
	// for a side without the clause.
	DirectionBefore Party `json:"direction_before"`
	DirectionAfter  Party `json:"direction_after"`
	ProtectsBefore  Party `json:"protects_before"`
	ProtectsAfter   Party `json:"protects_after"`
	// Rules are the names of the severity rules that fired (Rule*).
	Rules RuleNames `json:"rules"`
	// Findings are the facts the summary is composed from; the summary
	// is stored, the findings are not.
	Findings []Finding `json:"-"`
}

// Change is a recorded change: a new version of a document and what moved
// from the version before it.
type Change struct {
	ID          int64
	Vendor      string
	Document    string
	FromVersion int64
	ToVersion   int64
	// FromNumber and ToNumber are the two versions' numbers within the
	// document (Version.Number); RevertsToNumber is RevertsTo's, or 0.
	FromNumber, ToNumber int
	RevertsToNumber      int
	RecordedAt           time.Time
	RevertsTo            *int64
	ClauseChanges        []ClauseChange
	// DiffSummary is the summary of the change's diff as JSON (internal/
	// diff's Summary), recorded with it like the diff's pages; empty for
	// changes recorded before diffs were kept.
	DiffSummary []byte
	// Reviews are the change's reviews, oldest first. They are only ever
	// added to: the last one is the change's current review state.
	Reviews []Review
	// Severity is the change's own: the highest of its clause changes', or
	// SeverityLow for a date-only change; "" when no clause moved.
	Severity string
	// DateOnly is set when only an effective or last-updated date changed.
	DateOnly bool
	// Alert says whether the change raises an alert (see Alert).
	Alert Alert
	// AlternatesSince, for an AlertAlternation change, is when the
	// document first left the text it returned to (the previous version's
	// time): it alternates between RevertsTo and FromVersion since then.
	AlternatesSince *time.Time
}

// LastReview returns the change's latest review, or nil when nobody has
// reviewed it.
func (c Change) LastReview() *Review {
	if len(c.Reviews) == 0 {
		return nil
	}
	return &c.Reviews[len(c.Reviews)-1]
}

// ReviewState is the decision of the change's latest review, or
// ReviewStateUnreviewed.
func (c Change) ReviewState() string {
	if r := c.LastReview(); r != nil {
		return r.Decision
	}
	return ReviewStateUnreviewed
}

// Review decisions: what a reviewer concluded about a change.
const (
	DecisionAcknowledged  = "acknowledged" // the default
	DecisionNeedsFollowUp = "needs-follow-up"
	DecisionAccepted      = "accepted"
	DecisionEscalated     = "escalated"

	// ReviewStateUnreviewed is the review state of a change nobody has
	// reviewed yet.
	ReviewStateUnreviewed = "unreviewed"
)

// Decisions lists the review decisions, the default first.
func Decisions() []string {
	return []string{DecisionAcknowledged, DecisionNeedsFollowUp, DecisionAccepted, DecisionEscalated}
}

// ValidDecision reports whether d is one of Decisions.
func ValidDecision(d string) bool {
	for _, x := range Decisions() {
		if d == x {
			return true
		}
	}
	return false
}

// OpenDecisions are the decisions that leave work to do: a change whose
// latest review says so is listed among the open follow-ups.
func OpenDecisions() []string { return []string{DecisionNeedsFollowUp, DecisionEscalated} }

// Review is one review of a change: who looked at it, when, what they
// decided and why.
type Review struct {
	By       string
	At       time.Time
	Decision string // one of Decisions
	Note     string
}

// RawPage is the raw body of one page that a version's text was extracted
// from, kept so that the text can be extracted again when the document's
// selectors change: a single-page document has one, a multi-page document
// one per page, in order.
type RawPage struct {
	MediaType string
	URL       string
	Body      []byte
}
