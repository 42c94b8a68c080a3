package present

import (
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// NotFound is what a fact the analyser could not read says: never a guess.
const NotFound = "not found"

// FactCap says a document's general cap, or "not found".
func FactCap(c *model.Cap) string {
	if c == nil {
		return NotFound
	}
	return Cap(c)
}

// Protects says whose liability a limitation protects.
func Protects(p model.Party) string {
	switch p {
	case model.PartyProvider:
		return "the provider's"
	case model.PartyYou:
		return "yours"
	case model.PartyMutual:
		return "both parties'"
	}
	return NotFound
}

// ScopedCaps says each scoped cap: "free services: $50".
func ScopedCaps(caps []model.ScopedCap) []string {
	out := make([]string, 0, len(caps))
	for _, s := range caps {
		c := &model.Cap{Amount: s.Amount, Currency: s.Currency, FeePeriodMonths: s.FeePeriodMonths, Basis: s.Basis}
		out = append(out, s.Scope+": "+scopedCap(s.Scope, c))
	}
	return out
}

// Indemnity says who gives an indemnity to whom: "you indemnify the
// provider".
func Indemnity(p model.Party) string {
	switch p {
	case model.PartyYou:
		return "you indemnify the provider"
	case model.PartyProvider:
		return "the provider indemnifies you"
	case model.PartyMutual:
		return "both parties indemnify each other"
	}
	return "an indemnity whose giver was " + NotFound
}

// Indemnities says each indemnity with what it covers: "you indemnify the
// provider (your content, your breach)".
func Indemnities(is []model.Indemnity) []string {
	out := make([]string, 0, len(is))
	for _, i := range is {
		s := Indemnity(i.Direction)
		if len(i.Covers) > 0 {
			s += " (" + strings.Join(i.Covers, ", ") + ")"
		}
		out = append(out, s)
	}
	return out
}

// FactLabel names a fact (model.Fact*) for people.
func FactLabel(name string) string {
	switch name {
	case model.FactCap:
		return "liability cap"
	case model.FactProtects:
		return "whose liability it limits"
	case model.FactScopedCaps:
		return "scoped caps"
	case model.FactCarveOuts:
		return "carve-outs"
	case model.FactExclusions:
		return "exclusions"
	case model.FactIndemnities:
		return "indemnities"
	}
	return name
}

// Fact says one fact of a document in words; a list is joined with "; ",
// and an empty one is "not found".
func Fact(name string, f model.DocFacts) string {
	joined := func(items []string) string {
		if len(items) > 0 {
			return strings.Join(items, "; ")
		}
		return NotFound
	}
	switch name {
	case model.FactCap:
		return FactCap(f.Cap)
	case model.FactProtects:
		return Protects(f.Protects)
	case model.FactScopedCaps:
		return joined(ScopedCaps(f.ScopedCaps))
	case model.FactCarveOuts:
		return joined(f.CarveOuts)
	case model.FactExclusions:
		return joined(f.Exclusions)
	case model.FactIndemnities:
		return joined(Indemnities(f.Indemnities))
	}
	return ""
}
