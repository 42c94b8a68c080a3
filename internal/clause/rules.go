package clause

import (
	"slices"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// The severity rules. Each rule reads what moved between two versions of
// one clause type (a delta) and returns the findings it rates, or none;
// its name is reported with the change ("rules": ["cap-lowered"]) so
// that "why was this rated high?" has an answer. A change's severity is
// the highest of the rules that fired; a material change that no rule
// rates is medium. Severity follows the harm to the customer: what lowers
// the provider's liability or raises yours is high, what favours you is
// low.

// rule is one named severity rule.
type rule struct {
	name     string
	severity string
	fire     func(d *delta) []model.Finding
}

var rules = []rule{
	{model.RuleCosmetic, model.SeverityLow, cosmetic},
	{model.RuleLimitationAdded, model.SeverityHigh, limitationAdded},
	{model.RuleLiabilityExcluded, model.SeverityHigh, liabilityExcluded},
	{model.RuleCapRemoved, model.SeverityHigh, capRemoved},
	{model.RuleCapAdded, model.SeverityHigh, capAdded},
	{model.RuleCapLowered, model.SeverityHigh, capLoweredRule},
	{model.RuleCapLookbackShortened, model.SeverityHigh, lookbackShortened},
	{model.RuleCapFeesToFixed, model.SeverityHigh, feesToFixed},
	{model.RuleCapGreaterToLesser, model.SeverityHigh, greaterToLesser},
	{model.RuleCapIncomparable, model.SeverityHigh, capIncomparable},
	{model.RuleCapMadeOneSided, model.SeverityHigh, madeOneSided},
	{model.RuleExclusionWidened, model.SeverityHigh, exclusionWidened},
	{model.RuleCarveOutRemoved, model.SeverityHigh, carveOutRemoved},
	{model.RuleCarveOutAgainstYouAdded, model.SeverityHigh, carveOutAgainstYouAdded},
	{model.RuleYourCapRemoved, model.SeverityHigh, yourCapRemoved},
	{model.RuleYourLiabilityAdded, model.SeverityHigh, yourLiabilityAdded},
	{model.RuleScopedCapLowered, model.SeverityMedium, scopedCapLowered},
	{model.RuleScopedCapAdded, model.SeverityMedium, scopedCapAdded},
	{model.RuleYourCapRaised, model.SeverityMedium, yourCapRaised},
	{model.RuleYourIndemnityAdded, model.SeverityHigh, yourIndemnityAdded},
	{model.RuleYourIndemnityBroadened, model.SeverityHigh, yourIndemnityBroadened},
	{model.RuleProviderIndemnityRemoved, model.SeverityHigh, providerIndemnityRemoved},
	{model.RuleProviderIndemnityNarrowed, model.SeverityHigh, providerIndemnityNarrowed},
	{model.RuleFavoursYou, model.SeverityLow, favoursYou},
}

// judge runs every rule on d and returns the names of those that fired,
// their findings and the change's severity.
func judge(d *delta) (names []string, findings []model.Finding, severity string) {
	for _, r := range rules {
		fs := dedupe(r.fire(d))
		if len(fs) == 0 {
			continue
		}
		names = append(names, r.name)
		findings = append(findings, fs...)
		if model.SeverityRank(r.severity) > model.SeverityRank(severity) {
			severity = r.severity
		}
	}
	return names, findings, severity
}

// dedupe drops findings that say the same as one before them: a
// document holding the same capped section twice loses both caps at
// once, and that is one finding.
func dedupe(fs []model.Finding) []model.Finding {
	out := fs[:0]
	for _, f := range fs {
		if !slices.ContainsFunc(out, func(g model.Finding) bool { return sameFinding(f, g) }) {
			out = append(out, f)
		}
	}
	return out
}

func sameFinding(f, g model.Finding) bool {
	return f.What == g.What && f.Scope == g.Scope && f.Quote == g.Quote && f.Party == g.Party && f.Was == g.Was &&
		slices.Equal(f.Items, g.Items) && sameCap(f.Before, g.Before) && sameCap(f.After, g.After)
}

func sameCap(a, b *model.Cap) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Basis == b.Basis && a.FeePeriodMonths == b.FeePeriodMonths && sameAmount(a, b)
}

func cosmetic(d *delta) []model.Finding {
	if !d.cosmetic {
		return nil
	}
	if d.renamed[0] != "" {
		return []model.Finding{{What: model.MovedRenamed, Items: d.renamed[:]}}
	}
	return []model.Finding{{What: model.MovedReformatted}}
}

// Liability rules.

func limitationAdded(d *delta) []model.Finding {
	if d.typ != model.Liability || d.kind != model.ChangeAdded {
		return nil
	}
	return []model.Finding{{What: model.RuleLimitationAdded, After: mainCap(d.after), Party: d.protA}}
}

func liabilityExcluded(d *delta) []model.Finding {
	if d.typ != model.Liability || d.kind == model.ChangeAdded {
		return nil
	}
	cb, ca := mainCap(d.before), mainCap(d.after)
	if !excluded(ca) || excluded(cb) {
		return nil
	}
	return []model.Finding{{What: model.RuleLiabilityExcluded, Before: cb, Party: d.protA}}
}

func excluded(c *model.Cap) bool { return c != nil && c.Basis == model.BasisExcluded }

func capRemoved(d *delta) []model.Finding {
	var out []model.Finding
	for _, p := range d.caps {
		if hasCap(p.before) && !hasCap(p.after) && !excluded(p.before) && !excluded(mainCap(d.after)) {
			out = append(out, model.Finding{What: model.RuleCapRemoved, Before: p.before, Quote: wholeRemoved(d)})
		}
	}
	return out
}

// wholeRemoved marks a finding made when the whole clause type is gone.
func wholeRemoved(d *delta) string {
	if d.kind == model.ChangeRemoved {
		return model.MovedRemoved
	}
	return ""
}

func capAdded(d *delta) []model.Finding {
	if d.kind == model.ChangeAdded {
		return nil // the limitation-added finding names its cap
	}
	var out []model.Finding
	for _, p := range d.caps {
		if !hasCap(p.before) && hasCap(p.after) && !excluded(p.after) {
			out = append(out, model.Finding{What: model.RuleCapAdded, After: p.after})
		}
	}
	return out
}

// capMoves returns the findings of rule what for each pair of general
// caps that test says it describes.
func capMoves(d *delta, what string, test func(b, a *model.Cap) bool) []model.Finding {
	var out []model.Finding
	for _, p := range d.caps {
		if hasCap(p.before) && hasCap(p.after) && !excluded(p.before) && !excluded(p.after) && test(p.before, p.after) {
			out = append(out, model.Finding{What: what, Before: p.before, After: p.after})
		}
	}
	return out
}

func capLoweredRule(d *delta) []model.Finding {
	return capMoves(d, model.RuleCapLowered, func(b, a *model.Cap) bool { return amountDown(b, a) || floorDropped(b, a) })
}

// amountDown reports a smaller amount in the same currency.
func amountDown(b, a *model.Cap) bool {
	return b.Amount != nil && a.Amount != nil && b.Currency == a.Currency && *a.Amount < *b.Amount
}

// floorDropped reports a greater-of cap that lost its amount ("the
// greater of $100 or the fees" → "the fees"), or a fees cap that gained a
// ceiling ("the fees" → "the lesser of $100 or the fees").
func floorDropped(b, a *model.Cap) bool {
	return b.Basis == model.BasisGreater && a.Basis == model.BasisFees ||
		b.Basis == model.BasisFees && a.Basis == model.BasisLesser ||
		b.Basis == model.BasisFixed && a.Basis == model.BasisLesser && sameAmount(b, a)
}

func sameAmount(b, a *model.Cap) bool {
	return (b.Amount == nil) == (a.Amount == nil) && (b.Amount == nil || *b.Amount == *a.Amount && b.Currency == a.Currency)
}

func hasFees(c *model.Cap) bool {
	return c.Basis == model.BasisFees || c.Basis == model.BasisGreater || c.Basis == model.BasisLesser
}

func lookbackShortened(d *delta) []model.Finding {
	return capMoves(d, model.RuleCapLookbackShortened, func(b, a *model.Cap) bool {
		return hasFees(b) && hasFees(a) && a.FeePeriodMonths > 0 && (b.FeePeriodMonths == 0 || a.FeePeriodMonths < b.FeePeriodMonths)
	})
}

func feesToFixed(d *delta) []model.Finding {
	return capMoves(d, model.RuleCapFeesToFixed, func(b, a *model.Cap) bool { return hasFees(b) && a.Basis == model.BasisFixed })
}

func greaterToLesser(d *delta) []model.Finding {
	return capMoves(d, model.RuleCapGreaterToLesser, func(b, a *model.Cap) bool {
		return b.Basis == model.BasisGreater && a.Basis == model.BasisLesser
	})
}

// capIncomparable fires for caps that share no unit: the fees and a fixed
// amount, two currencies. It is high when the new cap can be the lower:
// always, since the fees paid may be less than any amount.
func capIncomparable(d *delta) []model.Finding {
	return capMoves(d, model.RuleCapIncomparable, func(b, a *model.Cap) bool {
		switch {
		case hasFees(b) && a.Basis == model.BasisFixed:
			// Only a greater-of cap whose floor was at least the new
			// amount is surely higher than it.
			return !(b.Basis == model.BasisGreater && b.Amount != nil && a.Amount != nil && b.Currency == a.Currency && *b.Amount >= *a.Amount)
		case b.Basis == model.BasisFixed && a.Basis == model.BasisFees:
			return true
		}
		return b.Amount != nil && a.Amount != nil && b.Currency != a.Currency
	})
}

func madeOneSided(d *delta) []model.Finding {
	if d.typ != model.Liability || d.kind != model.ChangeModified || d.protB != model.PartyMutual || d.protA != model.PartyProvider {
		return nil
	}
	if hasCap(mainCap(d.before)) && !hasCap(mainCap(d.after)) {
		return nil // the cap is gone, not made one-sided: cap-removed says so
	}
	return []model.Finding{{What: model.RuleCapMadeOneSided, Party: d.protA, Was: d.protB}}
}

func exclusionWidened(d *delta) []model.Finding {
	if d.typ != model.Liability || d.kind != model.ChangeModified {
		return nil
	}
	var out []model.Finding
	if w := setMinus(d.exclA, d.exclB); len(w) > 0 {
		out = append(out, model.Finding{What: model.RuleExclusionWidened, Items: w})
	}
	if ex := exclusionSentences(d.added); len(ex) > 0 {
		out = append(out, model.Finding{What: model.RuleExclusionWidened, Quote: ex[0], More: len(ex) - 1})
	}
	return out
}

// exclusionSentences returns those of sentences that exclude liability
// for something ("Microsoft is not responsible if a Cortana feature
// delays …"): not a warranty disclaimer, nor a limit of an indemnity
// ("no liability under this indemnification paragraph"), nor a cap.
func exclusionSentences(sentences []string) []string {
	var out []string
	for _, s := range sentences {
		low := plainLower(s)
		if !containsAny(low, exclusionSentenceNeedles) || containsAny(low, notExclusionNeedles) || hasLimitPhrase(nil, low) && hasMeasure(nil, low) {
			continue
		}
		if exclusionSentenceRe().MatchString(low) && !yourExemption().MatchString(low) {
			out = append(out, s)
		}
	}
	return out
}

// yourExemption finds a sentence that says you are not liable: it
// limits nothing of the provider's.
var yourExemption = lazyRE(`\b(?:you|users?|customers?)\b[^.;]{0,30}\bnot\s+(?:be\s+)?(?:held\s+)?(?:liable|responsible)\b`)

var (
	exclusionSentenceNeedles = strings.Split("liab|respons|compensat|haft|verantwort|odpowiedzial|odpowiada", "|")
	notExclusionNeedles      = strings.Split("warrant|indemn|settle|freistell|manlev|indenn|zwoln|gewährleist|garanzi|gwarancj|garantie", "|")
	exclusionSentenceRe      = lazyRE(`\bnot\s+(?:\S+\s+){0,2}(?:liable|responsible)\b|\bno\s+(?:\S+\s+)?(?:liability|responsibility)\b|disclaims?\s+(?:all\s+|any\s+)?(?:liability|responsibility)|\bwill\s+not\s+(?:pay|compensate)|\bwithout\s+(?:any\s+)?liability\b` +
		`|no\s+(?:\S+\s+){0,2}responsable|ninguna\s+responsabilidad|ne\s+(?:\S+\s+){0,3}responsable|aucune\s+responsabilit|haftet\s+nicht|haften\s+nicht|keine\s+haftung|nicht\s+(?:\S+\s+){0,2}verantwortlich|non\s+(?:\S+\s+){0,2}responsabil|nessuna\s+responsabilit|nie\s+(?:\S+\s+){0,2}(?:ponosi|odpowiada)`)
)

// protectsYou reports whether leaving kind uncapped protects you: the
// provider's liability for it is then unlimited. That holds for every
// kind but your payment obligations, when the provider's liability is
// limited at all.
func protectsYou(kind string, prot model.Party) bool {
	return kind != model.CarvePayment && !isOther(kind) && prot != model.PartyYou
}

// againstYou reports whether leaving kind uncapped exposes you: your
// payment obligations always; your indemnities, your infringements and
// your breaches of confidentiality or data protection when the
// limitation covers your liability too.
func againstYou(kind string, prot model.Party) bool {
	switch kind {
	case model.CarvePayment:
		return true
	case model.CarveIndemnification, model.CarveIP, model.CarveConfidentiality, model.CarveDataProtection:
		return prot == model.PartyMutual || prot == model.PartyYou
	}
	return false
}

func isOther(kind string) bool {
	return len(kind) > len(model.OtherPrefix) && kind[:len(model.OtherPrefix)] == model.OtherPrefix
}

// capLeft reports whether a version limits liability to a measure at
// all: a general cap or a scoped one. Without one, nothing is "now
// capped": a carve-out gone with the cap it was made from is part of the
// cap's removal.
func capLeft(cs []model.Clause) bool {
	for _, c := range cs {
		if hasCap(c.Cap) || c.Cap != nil && len(c.Cap.Scoped) > 0 {
			return true
		}
	}
	return false
}

func carveOutRemoved(d *delta) []model.Finding {
	if d.typ != model.Liability || d.kind != model.ChangeModified || !capLeft(d.after) {
		return nil
	}
	var lost []string
	for _, k := range setMinus(d.carveB, d.carveA) {
		if protectsYou(k, d.protB) {
			lost = append(lost, k)
		}
	}
	if len(lost) == 0 {
		return nil
	}
	return []model.Finding{{What: model.RuleCarveOutRemoved, Items: lost}}
}

func carveOutAgainstYouAdded(d *delta) []model.Finding {
	if d.typ != model.Liability || d.kind != model.ChangeModified {
		return nil
	}
	var added []string
	for _, k := range setMinus(d.carveA, d.carveB) {
		if againstYou(k, d.protA) {
			added = append(added, k)
		}
	}
	if len(added) == 0 {
		return nil
	}
	return []model.Finding{{What: model.RuleCarveOutAgainstYouAdded, Items: added}}
}

// yourLiabilityAdded fires for a new sentence that makes you liable to
// the provider ("you will be liable to PayPal for the amount of PayPal's
// damages caused by your violation"): an exposure, like an indemnity.
func yourLiabilityAdded(d *delta) []model.Finding {
	if d.typ != model.Liability || d.kind != model.ChangeModified {
		return nil
	}
	if ys := yourLiabilitySentences(d.added); len(ys) > 0 {
		return []model.Finding{{What: model.RuleYourLiabilityAdded, Quote: ys[0], More: len(ys) - 1}}
	}
	return nil
}

// yourLiabilitySentences returns those of sentences that make you liable
// for the provider's (or others') damages, losses or costs: you, named as
// you or as the customer or user, are the subject of "liable for",
// "responsable de", "haftet für", "responsabile di", "ponosi
// odpowiedzialność za" … some harm.
func yourLiabilitySentences(sentences []string) []string {
	var out []string
	for _, s := range sentences {
		if low := plainLower(s); containsAny(low, yourLiabilityNeedles) && yourLiability().MatchString(low) && !exclusionSentenceRe().MatchString(low) {
			out = append(out, s)
		}
	}
	return out
}

// yourLiabilityNeedles are literals one of which every match of
// yourLiability holds.
var yourLiabilityNeedles = strings.Split("liable|responsib|responsab|haft|odpowiada|odpowiedzialn", "|")

// yourLiability finds you (the customer, the user) made liable for some
// harm: the subject, the words a verb phrase is made of, "liable for",
// and a word for damages within a few words. Only verb words may come
// between the subject and "liable": "if customer breaches, vendor is
// liable for …" makes the vendor liable.
var yourLiability = lazyRE(`\b(?:you|customers?|users?|licensees?|subscribers?|members?|clients?)(?:'re|’re|'ll|’ll)?(?:\s+(?:will|shall|may|must|is|are|be|remains?|agrees?|to|also|fully|solely|entirely|wholly|jointly|and|severally|personally|directly|hereby|held))*\s+(?:liable|responsible)\s+(?:to\s+\S+\s+)?for\s+(?:\S+\s+){0,6}?(?:damages?|loss(?:es)?|costs?|expenses|fines|penalties)\b` +
	`|(?:\busted|\b(?:el|la)\s+(?:usuari[oa]|cliente))\s+(?:es|será|resultará|queda(?:rá)?)\s+(?:\S+\s+){0,2}?responsables?\s+(?:\S+\s+){0,2}?(?:de|por)\s+(?:\S+\s+){0,5}?(?:daños|pérdidas|perjuicios|costes|costos|gastos|multas|sanciones)` +
	`|(?:\bvous|\bl'utilisat(?:eur|rice)|\ble\s+client|\bl'abonné)\s+(?:êtes|serez|est|sera|demeure[zr]?|reste(?:z|ra)?)\s+(?:\S+\s+){0,2}?responsables?\s+(?:envers\s+\S+\s+)?(?:de|des|du)\s+(?:\S+\s+){0,5}?(?:dommages?|pertes?|préjudices?|frais|coûts|amendes|pénalités)` +
	`|(?:\bsie|\bdu|\b(?:der|die)\s+(?:kund(?:e|in)|nutzer(?:in)?))\s+(?:haften|haftest|haftet)\s+(?:\S+\s+){0,4}?für\s+(?:\S+\s+){0,5}?(?:schäden|schaden|verluste?|kosten|aufwendungen)` +
	`|(?:\bl'utente|\bil\s+cliente|\btu|\blei)\s+(?:è|sarà|sei|resta|rimane|rimarrà)\s+(?:\S+\s+){0,2}?responsabile\s+(?:\S+\s+){0,3}?(?:di|dei|delle|del|per)\s+(?:\S+\s+){0,5}?(?:dann[oi]|perdit[ae]|cost[oi]|spese|sanzioni)` +
	`|(?:\bużytkownik|\bklient)\s+(?:ponosi\s+(?:\S+\s+){0,2}?odpowiedzialność|odpowiada)\s+(?:\S+\s+){0,3}?za\s+(?:\S+\s+){0,5}?(?:szk[oó]d\S*|strat\S*|koszt\S*|kar\S*)`)

// Scoped caps.

func scopedMoves(d *delta, what string, test func(p scopedPair) bool) []model.Finding {
	var out []model.Finding
	for _, p := range d.scoped {
		if test(p) {
			out = append(out, model.Finding{What: what, Scope: p.scope, Before: p.before, After: p.after})
		}
	}
	return out
}

func yours(p scopedPair) bool { return p.scope == scopeYourLiability }

func scopedCapLowered(d *delta) []model.Finding {
	return scopedMoves(d, model.RuleScopedCapLowered, func(p scopedPair) bool {
		if yours(p) || p.before == nil || p.after == nil {
			return false
		}
		r := compareCaps(p.before, p.after)
		return r == capLowered || r == capChanged || excluded(p.after) && !excluded(p.before)
	})
}

func scopedCapAdded(d *delta) []model.Finding {
	if d.kind == model.ChangeAdded {
		return nil
	}
	return scopedMoves(d, model.RuleScopedCapAdded, func(p scopedPair) bool { return !yours(p) && p.before == nil && p.after != nil })
}

func yourCapRemoved(d *delta) []model.Finding {
	return scopedMoves(d, model.RuleYourCapRemoved, func(p scopedPair) bool { return yours(p) && p.before != nil && p.after == nil })
}

func yourCapRaised(d *delta) []model.Finding {
	return scopedMoves(d, model.RuleYourCapRaised, func(p scopedPair) bool {
		return yours(p) && p.before != nil && p.after != nil && compareCaps(p.before, p.after) == capRaised
	})
}

// Indemnification rules. "Yours" are the indemnities you give (alone or
// both parties); "the provider's" those it gives you.

func yourIndemnityAdded(d *delta) []model.Finding {
	if d.typ != model.Indemnification || d.youB.present || !d.youA.present {
		return nil
	}
	return []model.Finding{{What: model.RuleYourIndemnityAdded, Party: d.youA.party, Items: d.youA.covers}}
}

func yourIndemnityBroadened(d *delta) []model.Finding {
	if d.typ != model.Indemnification || !d.youB.present || !d.youA.present {
		return nil
	}
	if more := coversMinus(d.youA.covers, d.youB.covers); len(more) > 0 {
		return []model.Finding{{What: model.RuleYourIndemnityBroadened, Items: more}}
	}
	for _, s := range d.added {
		if p, low, ok := sentenceIndemnity(s); ok && p.Gives(model.PartyYou) && strongIndemnity().MatchString(low) {
			return []model.Finding{{What: model.RuleYourIndemnityBroadened, Quote: s}}
		}
	}
	return nil
}

// sentenceIndemnity says who a sentence a change added or conditioned
// binds to indemnify, if it sets up an indemnity, and returns the sentence
// as facts read it (lower case, no emphasis marks), read once.
func sentenceIndemnity(s string) (p model.Party, low string, ok bool) {
	low = plainLower(s)
	p, ok = indemnityDirection(nil, low)
	return p, low, ok
}

func providerIndemnityRemoved(d *delta) []model.Finding {
	if d.typ != model.Indemnification || !d.provB.present || d.provA.present {
		return nil
	}
	return []model.Finding{{What: model.RuleProviderIndemnityRemoved, Items: d.provB.covers, Party: d.provB.party}}
}

func providerIndemnityNarrowed(d *delta) []model.Finding {
	if d.typ != model.Indemnification || !d.provB.present || !d.provA.present {
		return nil
	}
	if less := coversMinus(d.provB.covers, d.provA.covers); len(less) > 0 {
		return []model.Finding{{What: model.RuleProviderIndemnityNarrowed, Items: less}}
	}
	for _, s := range d.conditioned {
		if p, _, ok := sentenceIndemnity(s); ok && p.Gives(model.PartyProvider) {
			return []model.Finding{{What: model.RuleProviderIndemnityNarrowed, Quote: s}}
		}
	}
	if ns := d.narrowings(model.PartyProvider); len(ns) > 0 {
		return []model.Finding{{What: model.RuleProviderIndemnityNarrowed, Quote: ns[0].quote, Items: ns[0].kinds, More: len(ns) - 1}}
	}
	return nil
}

// favoursYou collects what moved in your favour: a cap raised, an
// exclusion or your indemnity narrowed, the provider's indemnity added
// or broadened, a carve-out that protects you added.
func favoursYou(d *delta) []model.Finding {
	var out []model.Finding
	switch d.typ {
	case model.Liability:
		if d.kind == model.ChangeRemoved && !hasCap(mainCap(d.before)) {
			out = append(out, model.Finding{What: model.MovedRemoved})
		}
		out = append(out, capMoves(d, model.MovedCapRaised, func(b, a *model.Cap) bool {
			return compareCaps(b, a) == capRaised && !floorDropped(b, a)
		})...)
		out = append(out, scopedMoves(d, model.MovedScopedCapRaised, func(p scopedPair) bool {
			return !yours(p) && p.before != nil && p.after != nil && compareCaps(p.before, p.after) == capRaised
		})...)
		out = append(out, scopedMoves(d, model.MovedYourCapLowered, func(p scopedPair) bool {
			return yours(p) && p.before != nil && p.after != nil && compareCaps(p.before, p.after) == capLowered
		})...)
		out = append(out, scopedMoves(d, model.MovedScopedCapRemoved, func(p scopedPair) bool {
			return !yours(p) && p.before != nil && p.after == nil
		})...)
		if d.kind == model.ChangeModified && d.protB == model.PartyProvider && d.protA == model.PartyMutual {
			out = append(out, model.Finding{What: model.MovedProtectsChanged, Party: d.protA, Was: d.protB})
		}
		if d.kind == model.ChangeModified {
			var kept []string
			for _, k := range setMinus(d.carveA, d.carveB) {
				if protectsYou(k, d.protA) && !againstYou(k, d.protA) {
					kept = append(kept, k)
				}
			}
			if len(kept) > 0 {
				out = append(out, model.Finding{What: model.MovedCarveOutAdded, Items: kept})
			}
			var dropped []string
			for _, k := range setMinus(d.carveB, d.carveA) {
				if againstYou(k, d.protB) && !protectsYou(k, d.protB) {
					dropped = append(dropped, k)
				}
			}
			if len(dropped) > 0 && capLeft(d.after) {
				out = append(out, model.Finding{What: model.MovedCarveOutDropped, Items: dropped})
			}
			if n := setMinus(d.exclB, d.exclA); len(n) > 0 && len(d.exclA) > 0 {
				// With no exclusion left at all, the limitation is gone or
				// rewritten: the sentences say more than a list of kinds.
				out = append(out, model.Finding{What: model.MovedExclusionNarrow, Items: n})
			}
			if ex := exclusionSentences(d.dropped); len(ex) > 0 {
				out = append(out, model.Finding{What: model.MovedExclusionNarrow, Quote: ex[0], More: len(ex) - 1})
			}
			if ys := yourLiabilitySentences(d.dropped); len(ys) > 0 {
				out = append(out, model.Finding{What: model.MovedYourLiabilityDropped, Quote: ys[0], More: len(ys) - 1})
			}
		}
	case model.Indemnification:
		if d.youB.present && !d.youA.present {
			out = append(out, model.Finding{What: model.MovedYourIndemnityOut, Items: d.youB.covers, Party: d.youB.party})
		}
		if d.youB.present && d.youA.present {
			if less := coversMinus(d.youB.covers, d.youA.covers); len(less) > 0 {
				out = append(out, model.Finding{What: model.MovedYourIndemnityCut, Items: less})
			}
			cut := false
			for _, s := range d.conditioned {
				if p, _, ok := sentenceIndemnity(s); ok && p.Gives(model.PartyYou) {
					out = append(out, model.Finding{What: model.MovedYourIndemnityCut, Quote: s})
					cut = true
					break
				}
			}
			if ns := d.narrowings(model.PartyYou); len(ns) > 0 && !cut {
				out = append(out, model.Finding{What: model.MovedYourIndemnityCut, Quote: ns[0].quote, Items: ns[0].kinds, More: len(ns) - 1})
			}
		}
		if !d.provB.present && d.provA.present {
			out = append(out, model.Finding{What: model.MovedProviderIndemIn, Items: d.provA.covers, Party: d.provA.party})
		}
		if d.provB.present && d.provA.present {
			if more := coversMinus(d.provA.covers, d.provB.covers); len(more) > 0 {
				out = append(out, model.Finding{What: model.MovedProviderIndemUp, Items: more})
			} else {
				for _, s := range d.added {
					if p, low, ok := sentenceIndemnity(s); ok && p == model.PartyProvider && strongIndemnity().MatchString(low) {
						out = append(out, model.Finding{What: model.MovedProviderIndemUp, Quote: s})
						break
					}
				}
			}
		}
	}
	return out
}

// setMinus returns the elements of a that b lacks, in a's order.
func setMinus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
