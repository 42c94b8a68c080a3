package present

import (
	"fmt"

	"github.com/toswatch/toswatch/internal/model"
)

// DateOnly is the summary of a change where only a date moved.
const DateOnly = "only the date changed"

// ChangeSummary is what a change is as a whole, when that says more than
// its clause changes: "only the date changed", or "alternates between v3
// and v4 since 2025-05-01" for the alert of a flip-flop; "" otherwise.
func ChangeSummary(c model.Change) string {
	switch {
	case c.DateOnly:
		return DateOnly
	case c.Alert == model.AlertAlternation:
		s := fmt.Sprintf("alternates between %s and %s", versionName(c.RevertsToNumber, c.RevertsTo), versionName(c.FromNumber, &c.FromVersion))
		if c.AlternatesSince != nil {
			s += " since " + c.AlternatesSince.UTC().Format("2006-01-02 15:04 UTC")
		}
		return s
	case c.Alert == model.AlertNone:
		return fmt.Sprintf("another flip between %s and %s (alerted once)", versionName(c.RevertsToNumber, c.RevertsTo), versionName(c.FromNumber, &c.FromVersion))
	}
	return ""
}

// versionName is "v3", or "version 12" (its id) when its number is unknown.
func versionName(number int, id *int64) string {
	if number > 0 {
		return VersionLabel(number)
	}
	if id != nil {
		return fmt.Sprintf("version %d", *id)
	}
	return "an earlier version"
}
