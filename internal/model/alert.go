package model

import "time"

// Alert says whether a recorded change raises an alert: a feed item, a
// digest line, a place in the dashboard's needs-review, a notification.
// Every distinct text is recorded as a version either way; a document
// that flips between texts it has shown recently alerts once, not at every
// flip. The values are stored with each change: they never change.
type Alert string

// Alerts.
const (
	// AlertChange: a text the document has not shown within
	// AlternationWindow (the first version excepted, every change starts so).
	AlertChange Alert = "change"
	// AlertAlternation: the first return to a text shown within
	// AlternationWindow: "alternates between v3 and v4 since …".
	AlertAlternation Alert = "alternation"
	// AlertNone: a further flip among the texts of the last alternation
	// alert, within AlternationWindow of it: recorded, silent.
	AlertNone Alert = "none"
)

// Raised reports whether the change alerts.
func (a Alert) Raised() bool { return a != AlertNone }

// AlternationWindow is how far back a return to an earlier text counts as
// a flip-flop, and how long one alternation alert covers further flips.
const AlternationWindow = 30 * 24 * time.Hour
