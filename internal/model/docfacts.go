package model

// DocFacts are what one version of a document says about liability and
// indemnities, as the clause analyser read it (internal/clause.Facts) when
// the version was recorded. A fact the analyser could not read is nil or
// empty: "not found", never a guess.
type DocFacts struct {
	// Cap is the general cap on liability (its scoped caps and carve-outs
	// are the fields below); nil: no cap found.
	Cap *Cap `json:"cap"`
	// Protects is whose liability the limitation protects; "": not found.
	Protects    Party       `json:"protects"`
	ScopedCaps  []ScopedCap `json:"scoped_caps"`
	CarveOuts   []string    `json:"carve_outs"`  // what the caps leave uncapped (Carve* vocabulary)
	Exclusions  []string    `json:"exclusions"`  // kinds of damages excluded ("lost profits", …)
	Indemnities []Indemnity `json:"indemnities"` // by who gives them
}

// Indemnity is the indemnities one party gives in a document and what they
// cover (Covers* vocabulary).
type Indemnity struct {
	Direction Party    `json:"direction"` // who indemnifies: you, the provider, or both (mutual); "": not found
	Covers    []string `json:"covers"`
}

// Fact names: the fields of DocFacts, as the facts pages and `facts
// --json`'s changed_at name them.
const (
	FactCap         = "cap"
	FactProtects    = "protects"
	FactScopedCaps  = "scoped_caps"
	FactCarveOuts   = "carve_outs"
	FactExclusions  = "exclusions"
	FactIndemnities = "indemnities"
)

// FactNames lists the facts in the order they are shown.
func FactNames() []string {
	return []string{FactCap, FactProtects, FactScopedCaps, FactCarveOuts, FactExclusions, FactIndemnities}
}
