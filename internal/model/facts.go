package model

import (
	"encoding/json"
	"slices"
)

// Party is a side of a clause: who gives an indemnity, whose liability a
// limitation protects. The empty Party is none (null in JSON).
type Party string

// Parties.
const (
	PartyYou      Party = "you"      // the customer or user
	PartyProvider Party = "provider" // the vendor whose terms these are
	PartyMutual   Party = "mutual"   // one undertaking binding both
)

// MarshalJSON writes the empty Party as null.
func (p Party) MarshalJSON() ([]byte, error) {
	if p == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(p))
}

// Gives reports whether an undertaking of party p binds q: a mutual one
// binds both.
func (p Party) Gives(q Party) bool { return p == q || p == PartyMutual && q != "" }

// ScopedCap is a cap that applies only within a scope: "free services",
// "beta features", "your liability", a named product, a region, claims
// of a kind.
type ScopedCap struct {
	Amount          *float64 `json:"amount,omitempty"`
	Currency        string   `json:"currency,omitempty"` // ISO 4217
	FeePeriodMonths int      `json:"fee_period_months,omitempty"`
	Basis           string   `json:"basis,omitempty"`
	Scope           string   `json:"scope"`
}

// Scopes a cap may be limited to that are named by a fixed word; others
// (a region, a named product, claims of a kind) are the terms' words.
const (
	ScopeFree          = "free services"
	ScopeBeta          = "beta features"
	ScopeYourLiability = "your liability"
	ScopeFurtherCap    = "a further cap" // a second general cap beside the first
)

// Carve-outs (what a cap leaves uncapped) and what an indemnity covers:
// a fixed English vocabulary, plus OtherPrefix followed by the words of
// anything else.
const (
	CarveIndemnification = "indemnification obligations"
	CarveConfidentiality = "confidentiality"
	CarveIP              = "IP infringement"
	CarveGrossNegligence = "gross negligence or wilful misconduct"
	CarveFraud           = "fraud"
	CarvePayment         = "payment obligations"
	CarveDeath           = "death or personal injury"
	CarveDataProtection  = "data protection"

	CoversIP      = "third-party IP claims"
	CoversContent = "your content"
	CoversBreach  = "your breach"
	CoversUse     = "your use"
	CoversLaw     = "violation of law"
	OtherPrefix   = "other: "
)

// Severity rules: the names of the rules that rate a clause change. A
// name, once published, is never renamed; new rules get new names.
const (
	RuleCapLowered                = "cap-lowered"
	RuleCapLookbackShortened      = "cap-lookback-shortened"
	RuleCapFeesToFixed            = "cap-fees-to-fixed"
	RuleCapGreaterToLesser        = "cap-greater-to-lesser"
	RuleCapRemoved                = "cap-removed"
	RuleLiabilityExcluded         = "liability-excluded"
	RuleCapMadeOneSided           = "cap-made-one-sided"
	RuleExclusionWidened          = "exclusion-widened"
	RuleCarveOutRemoved           = "carve-out-removed"
	RuleCarveOutAgainstYouAdded   = "carve-out-against-you-added"
	RuleYourIndemnityAdded        = "your-indemnity-added"
	RuleYourIndemnityBroadened    = "your-indemnity-broadened"
	RuleProviderIndemnityRemoved  = "provider-indemnity-removed"
	RuleProviderIndemnityNarrowed = "provider-indemnity-narrowed"
	RuleCapIncomparable           = "cap-incomparable"
	RuleFavoursYou                = "favours-you"
	RuleCosmetic                  = "cosmetic"
	// Added beside the first list.
	RuleLimitationAdded    = "limitation-added"     // a limitation of liability where there was none
	RuleCapAdded           = "cap-added"            // a cap on a liability that had none
	RuleScopedCapLowered   = "scoped-cap-lowered"   // a cap limited to a scope lowered
	RuleScopedCapAdded     = "scoped-cap-added"     // a cap limited to a scope where it had none
	RuleYourCapRaised      = "your-cap-raised"      // the cap on your own liability raised
	RuleYourCapRemoved     = "your-cap-removed"     // the cap on your own liability removed
	RuleYourLiabilityAdded = "your-liability-added" // a sentence making you liable for the provider's losses
)

// CapLoweringRules are the rules that say a cap on the provider's
// liability went down: the digest counts these as "caps lowered".
var CapLoweringRules = []string{RuleCapLowered, RuleCapLookbackShortened, RuleCapFeesToFixed,
	RuleCapGreaterToLesser, RuleLiabilityExcluded, RuleCapAdded}

// YourIndemnityRules are the rules that say your indemnity grew.
var YourIndemnityRules = []string{RuleYourIndemnityAdded, RuleYourIndemnityBroadened}

// RuleNames are the names of the rules that fired; they are written as
// [] when none did.
type RuleNames []string

// MarshalJSON writes no rules as [] rather than null.
func (r RuleNames) MarshalJSON() ([]byte, error) {
	if r == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]string(r))
}

// Fired reports whether one of the named rules fired for the change.
func (cc ClauseChange) Fired(rules ...string) bool {
	for _, r := range rules {
		if slices.Contains(cc.Rules, r) {
			return true
		}
	}
	return false
}

// Finding is one fact of a clause change that the analyser found: what
// moved (a rule name, or one of the Moved* kinds), with the facts a
// summary names. internal/present composes the summary from findings.
type Finding struct {
	What   string
	Items  []string // carve-outs, exclusions or covers added or dropped
	Before *Cap     // the cap before; for a scoped cap, as a Cap
	After  *Cap
	Scope  string // the scope of a scoped cap
	Party  Party  // whose indemnity; whose liability a cap protects now
	Was    Party  // whose it was
	Quote  string // a sentence added, dropped or rewritten
	More   int    // how many more such sentences
}

// Kinds of findings that no severity rule rates on its own.
const (
	MovedReformatted          = "reformatted" // wording unchanged
	MovedRenamed              = "renamed"     // a name written differently: Items are from and to
	MovedRemoved              = "removed"     // the whole clause type is gone
	MovedCapRaised            = "cap-raised"  // in your favour (with RuleFavoursYou)
	MovedCapChanged           = "cap-changed" // moved, neither up nor down
	MovedScopedCapRaised      = "scoped-cap-raised"
	MovedScopedCapRemoved     = "scoped-cap-removed"
	MovedYourCapLowered       = "your-cap-lowered"
	MovedYourLiabilityDropped = "your-liability-dropped"
	MovedCarveOutAdded        = "carve-out-added"   // a carve-out that protects you
	MovedCarveOutDropped      = "carve-out-dropped" // a carve-out that exposed you
	MovedExclusionNarrow      = "exclusion-narrowed"
	MovedSentencesAdded       = "sentences-added"
	MovedSentencesDropped     = "sentences-dropped"
	MovedReworded             = "reworded" // Quote is the new wording, Items[0] the old
	MovedYourIndemnityOut     = "your-indemnity-removed"
	MovedYourIndemnityCut     = "your-indemnity-narrowed"
	MovedProviderIndemIn      = "provider-indemnity-added"
	MovedProviderIndemUp      = "provider-indemnity-broadened"
	MovedProtectsChanged      = "protects-changed"
)

// MarshalJSON writes what an indemnification clause covers even when it
// names nothing the vocabulary knows ("covers": []): every indemnity
// carries its direction and cover.
func (c Clause) MarshalJSON() ([]byte, error) {
	type plain Clause
	if c.Type != Indemnification || c.Covers != nil {
		return json.Marshal(plain(c))
	}
	return json.Marshal(struct {
		plain
		Covers []string `json:"covers"`
	}{plain(c), []string{}})
}
