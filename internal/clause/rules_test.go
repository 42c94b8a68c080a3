package clause

import (
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// liabilityDoc and indemnityDoc wrap a clause in a short document, with
// the heading that titles its section.
func liabilityDoc(body string) string {
	return docHead + "## Limitation of Liability\n\n" + body + "\n\n" + tail
}

func indemnityDoc(body string) string {
	return docHead + "## Indemnification\n\n" + body + "\n\n" + tail
}

const (
	exclusion  = "IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES."
	capFees12  = "ACME'S TOTAL LIABILITY WILL NOT EXCEED THE FEES PAID BY YOU IN THE TWELVE (12) MONTHS BEFORE THE CLAIM."
	capMutual  = "EXCEPT FOR YOUR PAYMENT OBLIGATIONS, NEITHER PARTY'S TOTAL LIABILITY WILL EXCEED THE FEES PAID IN THE TWELVE (12) MONTHS BEFORE THE CLAIM."
	indemYours = "You will indemnify and hold harmless Acme against any claim arising from your breach of these Terms."
	indemIP    = "Acme will defend you against any third-party claim that the Service infringes a patent, copyright or trademark, and will pay the damages awarded."
)

// TestSeverityRules checks each named rule on a before/after pair that
// makes it fire: its name is reported, the severity is the rule's, and
// the summary names what moved.
func TestSeverityRules(t *testing.T) {
	tests := []struct {
		rule     string
		typ      string
		old, new string
		severity string
		summary  string
	}{
		{model.RuleCosmetic, model.Liability,
			liabilityDoc(exclusion + " " + capFees12), liabilityDoc(strings.ToLower(exclusion + " " + capFees12)),
			model.SeverityLow, "reformatted; wording unchanged"},
		{model.RuleLimitationAdded, model.Liability,
			docHead + tail, liabilityDoc(exclusion + " " + capFees12),
			model.SeverityHigh, "limitation of liability added, capped at 12 months of fees"},
		{model.RuleLiabilityExcluded, model.Liability,
			liabilityDoc(exclusion + " " + capFees12), liabilityDoc(exclusion + " Acme has no liability whatsoever."),
			model.SeverityHigh, "liability now excluded altogether (was: capped at 12 months of fees)"},
		{model.RuleCapRemoved, model.Liability,
			liabilityDoc(exclusion + " " + capFees12), liabilityDoc(exclusion),
			model.SeverityHigh, "liability cap removed (was 12 months of fees)"},
		{model.RuleCapAdded, model.Liability,
			liabilityDoc(exclusion), liabilityDoc(exclusion + " " + capFees12),
			model.SeverityHigh, "liability cap added: 12 months of fees"},
		{model.RuleCapLowered, model.Liability,
			liabilityDoc("Acme's total liability shall not exceed $1,000."), liabilityDoc("Acme's total liability shall not exceed $100."),
			model.SeverityHigh, "liability cap lowered from $1,000 to $100"},
		{model.RuleCapLookbackShortened, model.Liability,
			liabilityDoc("Acme's total liability shall not exceed the price you paid for the Service."),
			liabilityDoc("Acme's total liability shall not exceed the fees you paid in the 6 months before the incident."),
			model.SeverityHigh, "cap look-back shortened: fees paid in the 6 months before the claim (was: price paid, no limit)"},
		{model.RuleCapFeesToFixed, model.Liability,
			liabilityDoc(capFees12), liabilityDoc("ACME'S TOTAL LIABILITY WILL NOT EXCEED $50."),
			model.SeverityHigh, "liability cap changed from 12 months of fees to $50: the fees paid and a fixed amount cannot be compared"},
		{model.RuleCapGreaterToLesser, model.Liability,
			liabilityDoc("Acme's total liability shall not exceed the greater of $500 or the fees paid in the 12 months before the claim."),
			liabilityDoc("Acme's total liability shall not exceed the fees paid in the 12 months before the claim or $500, whichever is less."),
			model.SeverityHigh, "liability cap lowered from the greater of $500 or 12 months of fees to the lesser of $500 or 12 months of fees"},
		{model.RuleCapIncomparable, model.Liability,
			liabilityDoc("Acme's total liability shall not exceed $500."), liabilityDoc("Acme's total liability shall not exceed the fees you paid."),
			model.SeverityHigh, "cannot be compared"},
		{model.RuleCapMadeOneSided, model.Liability,
			liabilityDoc(capMutual), liabilityDoc("EXCEPT FOR YOUR PAYMENT OBLIGATIONS, ACME'S TOTAL LIABILITY WILL NOT EXCEED THE FEES PAID IN THE TWELVE (12) MONTHS BEFORE THE CLAIM."),
			model.SeverityHigh, "cap now protects only the provider (was mutual)"},
		// A party named in the exception does not make the cap mutual.
		{model.RuleCapMadeOneSided, model.Liability,
			liabilityDoc("EXCEPT FOR A PARTY'S INDEMNIFICATION OBLIGATIONS, EACH PARTY'S TOTAL LIABILITY WILL NOT EXCEED THE FEES PAID IN THE 12 MONTHS BEFORE THE CLAIM."),
			liabilityDoc("EXCEPT FOR A PARTY'S INDEMNIFICATION OBLIGATIONS, ACME'S TOTAL LIABILITY WILL NOT EXCEED THE FEES PAID IN THE 12 MONTHS BEFORE THE CLAIM."),
			model.SeverityHigh, "cap now protects only the provider (was mutual)"},
		{model.RuleCapMadeOneSided, model.Liability,
			liabilityDoc("Salvo las obligaciones de indemnización de cada parte, la responsabilidad total de cada una de las partes no excederá de 1.000 €."),
			liabilityDoc("Salvo las obligaciones de indemnización de cada parte, la responsabilidad total de Acme no excederá de 1.000 €."),
			model.SeverityHigh, "cap now protects only the provider (was mutual)"},
		{model.RuleExclusionWidened, model.Liability,
			liabilityDoc(exclusion + " " + capFees12),
			liabilityDoc("IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES OR LOSS OF DATA. " + capFees12),
			model.SeverityHigh, "exclusion widened: now also excludes loss of data"},
		{model.RuleCarveOutRemoved, model.Liability,
			liabilityDoc("Except for Acme's indemnification obligations, Acme's total liability will not exceed the fees paid in the 12 months before the claim."),
			liabilityDoc("Acme's total liability, including for its indemnification obligations, will not exceed the fees paid in the 12 months before the claim."),
			model.SeverityHigh, "carve-out removed: indemnification obligations are now capped too"},
		{model.RuleCarveOutAgainstYouAdded, model.Liability,
			liabilityDoc("Neither party's total liability will exceed the fees paid in the 12 months before the claim."),
			liabilityDoc("Except for indemnification obligations, neither party's total liability will exceed the fees paid in the 12 months before the claim."),
			model.SeverityHigh, "carve-out added against you: indemnification obligations are now uncapped, yours included"},
		{model.RuleYourCapRemoved, model.Liability,
			liabilityDoc(capFees12 + " YOUR TOTAL LIABILITY TO ACME WILL NOT EXCEED $1,000."), liabilityDoc(capFees12),
			model.SeverityHigh, "cap on your liability removed (was $1,000)"},
		{model.RuleYourLiabilityAdded, model.Liability,
			liabilityDoc(exclusion + " " + capFees12),
			liabilityDoc(exclusion + " " + capFees12 + " If you breach the Acceptable Use Policy, you will be liable to Acme for the amount of Acme's damages caused by the breach."),
			model.SeverityHigh, "your liability added: “If you breach the Acceptable Use Policy, you will be liable to Acme"},
		// You named as the customer, and in other languages.
		{model.RuleYourLiabilityAdded, model.Liability,
			liabilityDoc(exclusion + " " + capFees12),
			liabilityDoc(exclusion + " " + capFees12 + " Customer will be liable for all losses suffered by Acme arising from Customer's use of the Services."),
			model.SeverityHigh, "your liability added: “Customer will be liable for all losses suffered by Acme"},
		{model.RuleYourLiabilityAdded, model.Liability,
			headed("fr", "La responsabilité totale d'Acme est limitée aux sommes versées par vous au cours des douze (12) derniers mois."),
			headed("fr", "La responsabilité totale d'Acme est limitée aux sommes versées par vous au cours des douze (12) derniers mois. L'Utilisateur est responsable de tous les dommages subis par Acme du fait de son utilisation du Service."),
			model.SeverityHigh, "your liability added: “L'Utilisateur est responsable de tous les dommages"},
		{model.RuleYourLiabilityAdded, model.Liability,
			headed("de", "Die Haftung von Acme ist auf die in den letzten zwölf (12) Monaten gezahlten Entgelte begrenzt."),
			headed("de", "Die Haftung von Acme ist auf die in den letzten zwölf (12) Monaten gezahlten Entgelte begrenzt. Der Kunde haftet gegenüber Acme für alle Schäden, die aus der Nutzung der Dienste entstehen."),
			model.SeverityHigh, "your liability added: “Der Kunde haftet gegenüber Acme für alle Schäden"},
		{model.RuleScopedCapLowered, model.Liability,
			liabilityDoc(capFees12 + " For free services, Acme's total liability will not exceed $100."),
			liabilityDoc(capFees12 + " For free services, Acme's total liability will not exceed $10."),
			model.SeverityMedium, "cap for free services lowered from $100 to $10"},
		{model.RuleScopedCapAdded, model.Liability,
			liabilityDoc("Acme's total liability shall not exceed $1,000."),
			liabilityDoc("Acme's total liability shall not exceed $1,000. For beta features, Acme's total liability shall not exceed $10."),
			model.SeverityMedium, "cap for beta features added: $10"},
		{model.RuleYourCapRaised, model.Liability,
			liabilityDoc(capFees12 + " YOUR TOTAL LIABILITY TO ACME WILL NOT EXCEED $1,000."),
			liabilityDoc(capFees12 + " YOUR TOTAL LIABILITY TO ACME WILL NOT EXCEED $5,000."),
			model.SeverityMedium, "cap on your liability raised from $1,000 to $5,000"},
		{model.RuleYourIndemnityAdded, model.Indemnification,
			docHead + tail, indemnityDoc(indemYours),
			model.SeverityHigh, "your indemnity added: you now indemnify the provider (covers your breach)"},
		{model.RuleYourIndemnityBroadened, model.Indemnification,
			indemnityDoc(indemYours), indemnityDoc("You will indemnify and hold harmless Acme against any claim arising from your breach of these Terms or your violation of applicable law."),
			model.SeverityHigh, "your indemnity broadened: now also covers violation of law"},
		{model.RuleProviderIndemnityRemoved, model.Indemnification,
			indemnityDoc(indemYours + "\n\n" + indemIP), indemnityDoc(indemYours),
			model.SeverityHigh, "provider's IP indemnity of you removed"},
		{model.RuleProviderIndemnityNarrowed, model.Indemnification,
			indemnityDoc(indemYours + "\n\nAcme will defend you against any third-party claim that the Service infringes a patent, and against any claim arising from Acme's violation of applicable law."),
			indemnityDoc(indemYours + "\n\nAcme will defend you against any third-party claim arising from Acme's violation of applicable law."),
			model.SeverityHigh, "provider's indemnity of you narrowed: no longer covers third-party IP claims"},
		// A new condition, exception or limit of amount narrows it too.
		{model.RuleProviderIndemnityNarrowed, model.Indemnification,
			indemnityDoc(indemYours + "\n\nAcme will defend you against any third-party claim alleging that the Service infringes that party's intellectual property rights, and will pay any damages finally awarded."),
			indemnityDoc(indemYours + "\n\nAcme will defend you against any third-party claim alleging that the Service infringes that party's intellectual property rights, provided that Acme's obligations do not apply to claims arising from your modifications, and will pay any damages finally awarded up to $10,000."),
			model.SeverityHigh, "provider's indemnity of you narrowed by a new condition, exception and limit: “… intellectual property rights, provided that Acme's obligations do not apply"},
		{model.RuleProviderIndemnityNarrowed, model.Indemnification,
			indemnityDoc(indemYours + "\n\n" + indemIP),
			indemnityDoc(indemYours + "\n\n" + indemIP + " These obligations do not apply to claims arising from your modifications of the Service."),
			model.SeverityHigh, "provider's indemnity of you narrowed by a new exception: “These obligations do not apply to claims"},
		{model.RuleProviderIndemnityNarrowed, model.Indemnification,
			"## Freistellung\n\nSie stellen Acme von allen Ansprüchen Dritter frei, die auf Ihrem Verstoß gegen diese Bedingungen beruhen.\n\nAcme stellt Sie von allen Ansprüchen Dritter frei, die auf einer Verletzung von Schutzrechten durch die Dienste beruhen.\n",
			"## Freistellung\n\nSie stellen Acme von allen Ansprüchen Dritter frei, die auf Ihrem Verstoß gegen diese Bedingungen beruhen.\n\nAcme stellt Sie von allen Ansprüchen Dritter bis zu 10.000 EUR frei, die auf einer Verletzung von Schutzrechten durch die Dienste beruhen.\n",
			model.SeverityHigh, "provider's indemnity of you narrowed by a new limit"},
		{model.RuleFavoursYou, model.Liability,
			liabilityDoc("Acme's total liability shall not exceed $100."), liabilityDoc("Acme's total liability shall not exceed $1,000."),
			model.SeverityLow, "liability cap raised from $100 to $1,000"},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.rule] = true
		t.Run(tt.rule, func(t *testing.T) {
			ch := changeOf(t, tt.typ, tt.old, tt.new)
			if !slices.Contains(ch.Rules, tt.rule) {
				t.Errorf("rules = %v, want %s (summary %q)", ch.Rules, tt.rule, ch.Summary)
			}
			if ch.Severity != tt.severity {
				t.Errorf("severity = %s, want %s (rules %v, summary %q)", ch.Severity, tt.severity, ch.Rules, ch.Summary)
			}
			if !strings.Contains(ch.Summary, tt.summary) {
				t.Errorf("summary = %q, want it to contain %q", ch.Summary, tt.summary)
			}
			if !ch.Material && tt.rule != model.RuleCosmetic {
				t.Errorf("material = false, want true")
			}
		})
	}
	for _, r := range rules {
		if !tested[r.name] {
			t.Errorf("rule %s has no before/after test", r.name)
		}
	}
}

// changeOf compares two texts and returns the change of clause type typ.
func changeOf(t *testing.T, typ, old, new string) model.ClauseChange {
	t.Helper()
	for _, ch := range summarised(old, new) {
		if ch.Type == typ {
			return ch
		}
	}
	t.Fatalf("no %s change", typ)
	return model.ClauseChange{}
}

// TestRulesInYourFavour checks changes that favour you: material, low,
// and the summary says what moved.
func TestRulesInYourFavour(t *testing.T) {
	tests := []struct {
		name, typ, old, new, summary string
	}{
		{"provider indemnity added", model.Indemnification, indemnityDoc(indemYours), indemnityDoc(indemYours + "\n\n" + indemIP),
			"provider's IP indemnity of you added"},
		{"your indemnity removed", model.Indemnification, indemnityDoc(indemYours), docHead + tail,
			"your indemnity removed: you no longer indemnify the provider"},
		{"your indemnity limited", model.Indemnification, indemnityDoc(indemYours),
			indemnityDoc("You will indemnify and hold harmless Acme against any claim arising from your breach of these Terms, except to the extent caused by Acme's negligence."),
			"your indemnity narrowed by a new condition and exception: “… of these Terms, except to the extent caused by Acme's negligence.”"},
		{"carve-out protecting you added", model.Liability, liabilityDoc(capFees12),
			liabilityDoc(capFees12 + " This limitation does not apply to death or personal injury caused by our negligence, or to fraud."),
			"carve-outs added: fraud and death or personal injury are now uncapped"},
		{"exclusion narrowed", model.Liability,
			liabilityDoc("IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES OR LOST PROFITS. " + capFees12),
			liabilityDoc("IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES. " + capFees12),
			"exclusion narrowed: no longer excludes lost profits"},
		{"cap made mutual", model.Liability, liabilityDoc("EXCEPT FOR YOUR PAYMENT OBLIGATIONS, ACME'S TOTAL LIABILITY WILL NOT EXCEED THE FEES PAID IN THE TWELVE (12) MONTHS BEFORE THE CLAIM."),
			liabilityDoc(capMutual), "cap now protects both parties (was only the provider)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := changeOf(t, tt.typ, tt.old, tt.new)
			if !ch.Material || ch.Severity != model.SeverityLow || !slices.Contains(ch.Rules, model.RuleFavoursYou) {
				t.Errorf("material=%v severity=%s rules=%v, want material, low, favours-you (summary %q)", ch.Material, ch.Severity, ch.Rules, ch.Summary)
			}
			if !strings.Contains(ch.Summary, tt.summary) {
				t.Errorf("summary = %q, want it to contain %q", ch.Summary, tt.summary)
			}
		})
	}
}

// TestCosmeticChanges checks edits that move no wording: a heading anchor,
// a renumbered cross-reference, the provider's name written differently.
func TestCosmeticChanges(t *testing.T) {
	tests := []struct {
		name, typ, old, new, summary string
	}{
		{"heading anchor", model.Indemnification,
			indemnityDoc("[](#indemnification) " + indemYours), indemnityDoc("[](#indemnity) " + indemYours), "wording unchanged"},
		{"link target", model.Indemnification,
			indemnityDoc("You will indemnify Acme against any claim arising from your breach of the [Acceptable Use Policy](https://acme.example/aup)."),
			indemnityDoc("You will indemnify Acme against any claim arising from your breach of the [Acceptable Use Policy](https://acme.example/legal/aup)."),
			"wording unchanged"},
		{"cross-reference renumbered", model.Liability,
			liabilityDoc("Except as set out in Section 12, " + strings.ToLower(capFees12)), liabilityDoc("Except as set out in Section 14, " + strings.ToLower(capFees12)),
			"wording unchanged"},
		{"provider renamed", model.Indemnification,
			indemnityDoc("You will indemnify Mailgun against any claim arising from your breach. Mailgun will notify you of the claim."),
			indemnityDoc("You will indemnify Sinch Email against any claim arising from your breach. Sinch Email will notify you of the claim."),
			"“mailgun” now reads “sinch email”; wording otherwise unchanged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := changeOf(t, tt.typ, tt.old, tt.new)
			if ch.Material || ch.Severity != model.SeverityLow || !slices.Equal(ch.Rules, model.RuleNames{model.RuleCosmetic}) {
				t.Errorf("material=%v severity=%s rules=%v, want cosmetic (summary %q)", ch.Material, ch.Severity, ch.Rules, ch.Summary)
			}
			if !strings.Contains(ch.Summary, tt.summary) {
				t.Errorf("summary = %q, want it to contain %q", ch.Summary, tt.summary)
			}
		})
	}
}

// TestNoBareReworded: a material change that no rule rates still names
// what moved.
func TestNoBareReworded(t *testing.T) {
	old := liabilityDoc(exclusion + " Acme is not responsible for delays caused by payment networks.")
	cur := liabilityDoc(exclusion + " Acme is not responsible for delays caused by banks or payment networks.")
	ch := changeOf(t, model.Liability, old, cur)
	if ch.Severity != model.SeverityMedium || len(ch.Rules) != 0 {
		t.Errorf("severity %s rules %v, want medium and no rule", ch.Severity, ch.Rules)
	}
	want := "limitation of liability reworded: now “Acme is not responsible for delays caused by banks or payment networks.” (was “Acme is not responsible for delays caused by payment networks.”)"
	if ch.Summary != want {
		t.Errorf("summary = %q, want %q", ch.Summary, want)
	}
}

// TestChangeParties checks the parties a change reports before and after,
// and that rules is [] when no rule fired.
func TestChangeParties(t *testing.T) {
	ch := changeOf(t, model.Liability, liabilityDoc(capMutual), liabilityDoc(strings.Replace(capMutual, "NEITHER PARTY'S", "ACME'S", 1)))
	if ch.ProtectsBefore != model.PartyMutual || ch.ProtectsAfter != model.PartyProvider || ch.DirectionBefore != "" || ch.DirectionAfter != "" {
		t.Errorf("protects %q→%q direction %q→%q, want mutual→provider and none", ch.ProtectsBefore, ch.ProtectsAfter, ch.DirectionBefore, ch.DirectionAfter)
	}
	ch = changeOf(t, model.Indemnification, indemnityDoc(indemYours), indemnityDoc(indemYours+"\n\n"+indemIP))
	if ch.DirectionBefore != model.PartyYou || ch.DirectionAfter != model.PartyProvider || ch.ProtectsBefore != "" {
		t.Errorf("direction %q→%q, want you→provider (the new undertaking)", ch.DirectionBefore, ch.DirectionAfter)
	}
	ch = changeOf(t, model.Liability, liabilityDoc(exclusion), liabilityDoc(exclusion+" This limitation applies even if Acme was advised of the possibility of such damages."))
	if ch.Rules == nil || len(ch.Rules) != 0 {
		t.Errorf("rules = %#v, want an empty list", ch.Rules)
	}
}

// TestYourLiabilitySentences: a sentence that makes you liable for
// losses, you named as you or as the customer or user, in each language;
// not one that makes the provider liable, excludes your liability or
// speaks of something else.
func TestYourLiabilitySentences(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"You will be liable to Acme for the amount of Acme's damages caused by your breach.", true},
		{"Customer will be liable for all losses suffered by Vendor arising from Customer's use of the Services.", true},
		{"The User shall be solely responsible for any damages, fines or penalties resulting from its content.", true},
		{"Licensees are jointly and severally liable for all costs incurred by Acme.", true},
		{"Usted será responsable de todos los daños y perjuicios que sufra Acme.", true},
		{"El Usuario será el único responsable de las pérdidas ocasionadas a Acme.", true},
		{"Vous êtes seul responsable des dommages causés à Acme par votre utilisation.", true},
		{"L'Utilisateur est responsable de tout préjudice subi par Acme.", true},
		{"Sie haften für alle Schäden, die Acme durch Ihre Nutzung entstehen.", true},
		{"Der Kunde haftet gegenüber Acme für sämtliche Schäden.", true},
		{"L'Utente è responsabile di tutti i danni subiti da Acme.", true},
		{"Il Cliente sarà responsabile per ogni perdita subita dal Fornitore.", true},
		{"Użytkownik ponosi pełną odpowiedzialność za wszelkie szkody wyrządzone Usługodawcy.", true},
		{"Klient odpowiada za szkody wyrządzone Usługodawcy.", true},
		// Not yours.
		{"Acme will be liable to you for direct damages caused by its negligence.", false},
		{"If Customer breaches these Terms, Vendor is liable for all losses.", false},
		{"You will not be liable for any indirect damages.", false},
		{"Customer shall not be responsible for any losses caused by Vendor.", false},
		{"Der Kunde haftet nicht für Schäden, die Acme verursacht.", false},
		{"L'Utilisateur n'est pas responsable des dommages causés par Acme.", false},
		{"You are responsible for keeping your password confidential.", false},
		{"Customer's total liability will not exceed $1,000.", false},
	}
	for _, tt := range tests {
		if got := len(yourLiabilitySentences([]string{tt.text})) == 1; got != tt.want {
			t.Errorf("yourLiabilitySentences(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestIndemnityRewordedNotNarrowed: a rewording of the provider's
// indemnity that adds no condition, exception or limit narrows nothing,
// nor does a condition the old wording had already.
func TestIndemnityRewordedNotNarrowed(t *testing.T) {
	for _, pair := range [][2]string{
		{indemIP, "Acme will defend you against any third-party claim that the Service infringes a patent, copyright or trademark, and will pay the damages and costs finally awarded."},
		{"Acme will defend you against any claim that the Service infringes a patent, provided that you notify Acme promptly.",
			"Acme will defend you against any claim that the Service infringes a patent or copyright, provided that you notify Acme promptly."},
	} {
		ch := changeOf(t, model.Indemnification, indemnityDoc(indemYours+"\n\n"+pair[0]), indemnityDoc(indemYours+"\n\n"+pair[1]))
		if slices.Contains(ch.Rules, model.RuleProviderIndemnityNarrowed) {
			t.Errorf("%q → %q: rules %v, want no %s (summary %q)", pair[0], pair[1], ch.Rules, model.RuleProviderIndemnityNarrowed, ch.Summary)
		}
	}
}

// TestCarveOutGoneWithTheCap: a cap removed with the exception it made
// leaves nothing "now capped": the removal is the cap's, and no
// carve-out finding is made.
func TestCarveOutGoneWithTheCap(t *testing.T) {
	for _, withCap := range []string{
		"EXCEPT FOR A PARTY'S INDEMNIFICATION OBLIGATIONS, EACH PARTY'S TOTAL LIABILITY ARISING OUT OF THESE TERMS WILL NOT EXCEED THE FEES PAID BY CUSTOMER IN THE 12 MONTHS BEFORE THE CLAIM.",
		"Acme's total liability will not exceed the fees paid in the 12 months before the claim. This limitation does not apply to Acme's indemnification obligations or to its gross negligence.",
	} {
		ch := changeOf(t, model.Liability, liabilityDoc(exclusion+"\n\n"+withCap), liabilityDoc(exclusion))
		if !slices.Equal(ch.Rules, model.RuleNames{model.RuleCapRemoved}) || strings.Contains(ch.Summary, "carve-out") {
			t.Errorf("rules %v summary %q, want only %s", ch.Rules, ch.Summary, model.RuleCapRemoved)
		}
	}
}
