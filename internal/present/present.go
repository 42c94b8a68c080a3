// Package present turns the facts toswatch records into the words people
// read: cap prose, clause labels, change headlines and the address of a
// change's page. The analyser (internal/clause) produces facts and rule
// names only; the command line, the web UI, the feeds and the digest all
// say them with the functions here, so that one fact reads the same
// everywhere.
package present

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// ClauseLabel names a clause type for people, in lower case:
// "limitation of liability", "indemnification".
func ClauseLabel(typ string) string {
	switch typ {
	case model.Liability:
		return "limitation of liability"
	case model.Indemnification:
		return "indemnification"
	}
	return typ
}

// ClauseTitle is ClauseLabel with a capital first letter, for a line that
// starts with it.
func ClauseTitle(typ string) string {
	l := ClauseLabel(typ)
	if l == "" {
		return l
	}
	return strings.ToUpper(l[:1]) + l[1:]
}

// ChangeURL is the address of a change's page under base, the address
// (absolute, or a path such as "/toswatch") the web UI is served at; a
// trailing slash of base is ignored.
func ChangeURL(base string, id int64) string {
	return strings.TrimRight(base, "/") + "/changes/" + strconv.FormatInt(id, 10)
}

// TopClause returns the most severe clause change (the first of equals),
// or nil when there is none.
func TopClause(ccs []model.ClauseChange) *model.ClauseChange {
	var top *model.ClauseChange
	for i := range ccs {
		if top == nil || model.SeverityRank(ccs[i].Severity) > model.SeverityRank(top.Severity) {
			top = &ccs[i]
		}
	}
	return top
}

// Headline is the one-line headline of a change: its ChangeSummary when it
// has one (a date-only edit, a flip-flop), else the summary of its most
// severe clause change, else "text changed (N paragraphs)" (only "text
// changed" when paragraphs < 0, unknown), preceded by a flip-flop note
// when the change brings back an earlier text.
func Headline(c model.Change, paragraphs int) string {
	if s := ChangeSummary(c); s != "" {
		return s // what the change is as a whole says it best
	}
	s := ""
	if top := TopClause(c.ClauseChanges); top != nil {
		s = top.Summary
		if s == "" {
			s = ClauseLabel(top.Type) + " clause " + top.Kind
		}
	} else {
		switch {
		case paragraphs < 0:
			s = "text changed"
		case paragraphs == 1:
			s = "text changed (1 paragraph)"
		default:
			s = fmt.Sprintf("text changed (%d paragraphs)", paragraphs)
		}
	}
	switch {
	case c.RevertsToNumber > 0:
		s = fmt.Sprintf("reverted to the text of %s — %s", VersionLabel(c.RevertsToNumber), s)
	case c.RevertsTo != nil:
		s = fmt.Sprintf("reverted to the text of version %d — %s", *c.RevertsTo, s)
	}
	return s
}

// VersionLabel names a version by its number within its document: "v3".
func VersionLabel(number int) string { return "v" + strconv.Itoa(number) }

// CapMove says how a clause change moved the liability cap ("$100 → the
// fees paid"), or "" when neither text states one or both state the same.
func CapMove(cc model.ClauseChange) string {
	if cc.CapBefore == nil && cc.CapAfter == nil {
		return ""
	}
	b, a := Cap(cc.CapBefore), Cap(cc.CapAfter)
	if b == a {
		return ""
	}
	return b + " → " + a
}

// Cap describes a cap in words: "the greater of $1,000 or 12 months of
// fees", then its scoped caps ("; free services: $50").
func Cap(c *model.Cap) string {
	if c == nil {
		return "no cap"
	}
	general := capWords(c.Amount, c.Currency, c.FeePeriodMonths, c.Basis)
	if len(c.Scoped) == 0 {
		if general == "" {
			return "an unstated amount"
		}
		return general
	}
	parts := make([]string, 0, len(c.Scoped)+1)
	if general != "" {
		parts = append(parts, general)
	}
	for _, s := range c.Scoped {
		parts = append(parts, s.Scope+": "+capWords(s.Amount, s.Currency, s.FeePeriodMonths, s.Basis))
	}
	return strings.Join(parts, "; ")
}

// capWords says one cap, "" when it has no basis.
func capWords(amt *float64, cur string, months int, basis string) string {
	amount := ""
	if amt != nil {
		amount = Money(*amt, cur)
	}
	fees := "the fees paid"
	if months > 0 {
		fees = fmt.Sprintf("%d months of fees", months)
	}
	switch basis {
	case model.BasisGreater:
		return "the greater of " + amount + " or " + fees
	case model.BasisLesser:
		return "the lesser of " + amount + " or " + fees
	case model.BasisFees:
		return fees
	case model.BasisFixed:
		return amount
	case model.BasisExcluded:
		return "no liability at all"
	}
	return ""
}

// Money writes an amount with its currency: "$1,000", "€99.50",
// "500 PLN".
func Money(v float64, cur string) string {
	digits := strconv.FormatFloat(math.Trunc(v), 'f', 0, 64)
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	s := b.String()
	if frac := v - math.Trunc(v); frac > 0.004 {
		s += strconv.FormatFloat(frac, 'f', 2, 64)[1:]
	}
	switch cur {
	case "USD":
		return "$" + s
	case "EUR":
		return "€" + s
	case "GBP":
		return "£" + s
	case "":
		return s
	}
	return s + " " + cur
}
