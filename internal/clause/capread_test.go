package clause

import (
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// capOf analyses text and returns the cap of its (first capped) liability
// clause and whom the clause protects.
func capOf(t *testing.T, text string) (*model.Cap, model.Party) {
	t.Helper()
	for _, c := range Analyze(text) {
		if c.Type == model.Liability && c.Cap != nil {
			return c.Cap, c.Protects
		}
	}
	t.Fatalf("no cap in %+v", Analyze(text))
	return nil, ""
}

// headed puts a clause under a liability heading of its language.
func headed(lang, body string) string {
	h := map[string]string{"en": "Limitation of Liability", "es": "Limitación de responsabilidad", "fr": "Limitation de responsabilité",
		"de": "Haftungsbeschränkung", "it": "Limitazione di responsabilità", "pl": "Ograniczenie odpowiedzialności"}[lang]
	return "## " + h + "\n\n" + body + "\n"
}

type wantCap struct {
	amount   float64 // 0: none
	currency string
	months   int
	basis    string
}

func checkCap(t *testing.T, got *model.Cap, want wantCap) {
	t.Helper()
	var amt float64
	if got.Amount != nil {
		amt = *got.Amount
	}
	if amt != want.amount || got.Currency != want.currency || got.FeePeriodMonths != want.months || got.Basis != want.basis {
		t.Errorf("cap = %v %s %d months %s, want %v %s %d months %s", amt, got.Currency, got.FeePeriodMonths, got.Basis,
			want.amount, want.currency, want.months, want.basis)
	}
}

// TestCapWordings reads the wordings of caps the issue lists, in every
// language where they occur.
func TestCapWordings(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             wantCap
	}{
		// In the aggregate, cumulatively.
		{"aggregate fees", "en", "OUR LIABILITY UNDER OR IN CONNECTION WITH THESE TERMS, WHETHER IN CONTRACT, TORT OR OTHERWISE, SHALL NOT EXCEED IN THE AGGREGATE THE AMOUNT OF FEES PAID BY YOU IN THE SIX (6) MONTHS BEFORE THE CLAIM.",
			wantCap{0, "", 6, model.BasisFees}},
		{"cumulatively", "en", "Acme's liability for all claims shall cumulatively not exceed the fees paid in the twelve months before the claim.",
			wantCap{0, "", 12, model.BasisFees}},
		{"acumulada", "es", "La responsabilidad acumulada de Acme no excederá en conjunto las tarifas pagadas por usted durante los seis (6) meses anteriores a la reclamación.",
			wantCap{0, "", 6, model.BasisFees}},
		{"cumulée", "fr", "La responsabilité cumulée d'Acme ne pourra excéder le montant des frais payés par vous au cours des douze (12) derniers mois.",
			wantCap{0, "", 12, model.BasisFees}},
		{"insgesamt", "de", "Die Haftung von Acme ist insgesamt auf die in den letzten zwölf (12) Monaten von Ihnen gezahlten Entgelte begrenzt.",
			wantCap{0, "", 12, model.BasisFees}},
		// Amounts in words.
		{"in no case one thousand dollars", "en", "Acme's liability shall in no case exceed one thousand dollars.",
			wantCap{1000, "USD", 0, model.BasisFixed}},
		{"mil euros", "es", "La responsabilidad total de Acme en ningún caso excederá de mil euros.",
			wantCap{1000, "EUR", 0, model.BasisFixed}},
		{"cinq cents euros", "fr", "La responsabilité totale d'Acme ne pourra en aucun cas excéder cinq cents euros.",
			wantCap{500, "EUR", 0, model.BasisFixed}},
		{"German Betrag", "de", "Die Haftung von Acme ist in allen Fällen auf einen Betrag von 500 EUR begrenzt.",
			wantCap{500, "EUR", 0, model.BasisFixed}},
		{"German words", "de", "Die Gesamthaftung von Acme übersteigt in keinem Fall eintausend Euro.",
			wantCap{1000, "EUR", 0, model.BasisFixed}},
		{"Italian words", "it", "La responsabilità complessiva di Acme non potrà superare cinquecento euro.",
			wantCap{500, "EUR", 0, model.BasisFixed}},
		{"Polish", "pl", "Całkowita odpowiedzialność Acme nie może przekroczyć kwoty 500 zł.",
			wantCap{500, "PLN", 0, model.BasisFixed}},
		// Look-back periods in words and digits.
		{"French look-back", "fr", "La responsabilité totale d'Acme est limitée aux sommes versées par vous au cours des douze (12) derniers mois.",
			wantCap{0, "", 12, model.BasisFees}},
		{"Spanish look-back", "es", "La responsabilidad total de Acme se limita a las cantidades pagadas por usted durante los últimos seis meses.",
			wantCap{0, "", 6, model.BasisFees}},
		{"German look-back", "de", "Die Haftung von Acme ist auf die Vergütung begrenzt, die Sie in den letzten sechs Monaten gezahlt haben.",
			wantCap{0, "", 6, model.BasisFees}},
		{"Italian look-back", "it", "La responsabilità complessiva di Acme è limitata ai corrispettivi pagati nei dodici (12) mesi precedenti.",
			wantCap{0, "", 12, model.BasisFees}},
		{"Polish look-back", "pl", "Całkowita odpowiedzialność Acme jest ograniczona do opłat zapłaconych w ciągu ostatnich dwunastu (12) miesięcy.",
			wantCap{0, "", 12, model.BasisFees}},
		{"years", "en", "Acme's total liability shall not exceed the fees paid in the two (2) years before the claim.",
			wantCap{0, "", 24, model.BasisFees}},
		// Lesser and greater words.
		{"whichever is less", "en", "Acme's total liability will not exceed the fees paid in the 12 months before the claim or $100, whichever is less.",
			wantCap{100, "USD", 12, model.BasisLesser}},
		{"whichever amount is less", "en", "Acme's total liability will not exceed $100 or the fees paid in the 12 months before the claim, whichever amount is less.",
			wantCap{100, "USD", 12, model.BasisLesser}},
		{"whichever is least", "en", "Acme's total liability will not exceed $100 or the fees paid in the 12 months before the claim, whichever is least.",
			wantCap{100, "USD", 12, model.BasisLesser}},
		{"whichever is lower", "en", "Acme's total liability will not exceed $100 or the fees paid in the 12 months before the claim, whichever is lower.",
			wantCap{100, "USD", 12, model.BasisLesser}},
		{"whichever is greater", "en", "Acme's total liability will not exceed $100 or the fees paid in the 12 months before the claim, whichever is greater.",
			wantCap{100, "USD", 12, model.BasisGreater}},
		{"whichever is higher", "en", "Acme's total liability will not exceed $100 or the fees paid in the 12 months before the claim, whichever is higher.",
			wantCap{100, "USD", 12, model.BasisGreater}},
		{"whichever is more", "en", "Acme's total liability will not exceed $100 or the fees paid in the 12 months before the claim, whichever is more.",
			wantCap{100, "USD", 12, model.BasisGreater}},
		{"lo que sea menor", "es", "La responsabilidad total de Acme no excederá de 100 € o de las tarifas pagadas durante los doce (12) meses anteriores, lo que sea menor.",
			wantCap{100, "EUR", 12, model.BasisLesser}},
		{"lo que sea mayor", "es", "La responsabilidad total de Acme no excederá de 100 € o de las tarifas pagadas durante los doce (12) meses anteriores, lo que sea mayor.",
			wantCap{100, "EUR", 12, model.BasisGreater}},
		{"le moins élevé", "fr", "La responsabilité totale d'Acme ne pourra excéder 100 € ou les frais payés au cours des douze (12) derniers mois, le montant le moins élevé étant retenu.",
			wantCap{100, "EUR", 12, model.BasisLesser}},
		{"le plus élevé", "fr", "La responsabilité totale d'Acme ne pourra excéder 100 € ou les frais payés au cours des douze (12) derniers mois, le montant le plus élevé étant retenu.",
			wantCap{100, "EUR", 12, model.BasisGreater}},
		{"niedriger", "de", "Die Haftung von Acme ist auf 100 EUR oder die in den letzten zwölf (12) Monaten gezahlten Entgelte begrenzt, je nachdem, welcher Betrag niedriger ist.",
			wantCap{100, "EUR", 12, model.BasisLesser}},
		{"höher", "de", "Die Haftung von Acme ist auf 100 EUR oder die in den letzten zwölf (12) Monaten gezahlten Entgelte begrenzt, je nachdem, welcher Betrag höher ist.",
			wantCap{100, "EUR", 12, model.BasisGreater}},
		{"minore", "it", "La responsabilità complessiva di Acme non potrà superare 100 € o i corrispettivi pagati nei dodici (12) mesi precedenti, a seconda di quale sia l'importo minore.",
			wantCap{100, "EUR", 12, model.BasisLesser}},
		{"niższa", "pl", "Całkowita odpowiedzialność Acme nie może przekroczyć kwoty 500 zł lub opłat zapłaconych w ciągu ostatnich 12 miesięcy, w zależności od tego, która kwota jest niższa.",
			wantCap{500, "PLN", 12, model.BasisLesser}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			got, _ := capOf(t, headed(tt.lang, tt.text))
			checkCap(t, got, tt.want)
		})
	}
}

// TestCapInAList reads a cap that is the last item of a bulleted list, and
// one that a list's lead-in announces.
func TestCapInAList(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             wantCap
	}{
		{"last item", "en", "In no event shall Acme be liable for:\n\n- (a) any indirect damages;\n- (b) lost profits; or\n- (c) any amount in excess of the fees paid in the 3 months before the claim.",
			wantCap{0, "", 3, model.BasisFees}},
		{"announced lesser-of", "en", "Acme's total liability to you for all claims shall not exceed the lesser of:\n\n- $500; and\n- the fees you paid in the 12 months before the claim.",
			wantCap{500, "USD", 12, model.BasisLesser}},
		{"último elemento", "es", "En ningún caso Acme será responsable de:\n\n- (a) daños indirectos;\n- (b) lucro cesante; o\n- (c) ningún importe que exceda las tarifas pagadas durante los 3 meses anteriores.",
			wantCap{0, "", 3, model.BasisFees}},
		{"dernier élément", "fr", "Acme ne saurait être tenue responsable :\n\n- (a) des dommages indirects ;\n- (b) du manque à gagner ;\n- (c) au-delà d'un montant excédant les frais payés au cours des 3 derniers mois.",
			wantCap{0, "", 3, model.BasisFees}},
		{"letzter Punkt", "de", "Acme haftet nicht:\n\n- (a) für mittelbare Schäden;\n- (b) für entgangenen Gewinn;\n- (c) für Beträge, die die in den letzten 3 Monaten gezahlten Entgelte übersteigen.",
			wantCap{0, "", 3, model.BasisFees}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			got, _ := capOf(t, headed(tt.lang, tt.text))
			checkCap(t, got, tt.want)
		})
	}
}

// TestCapBrokenOverLines reads a cap sentence broken over two lines, as
// text from a PDF comes: the clause is the sentence, not one line.
func TestCapBrokenOverLines(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             wantCap
	}{
		{"en", "en", "ACME'S TOTAL LIABILITY SHALL NOT EXCEED\nTHE FEES PAID BY YOU IN THE TWELVE MONTHS BEFORE THE CLAIM.", wantCap{0, "", 12, model.BasisFees}},
		{"es", "es", "La responsabilidad total de Acme no excederá\nlas tarifas pagadas por usted durante los doce meses anteriores.", wantCap{0, "", 12, model.BasisFees}},
		{"fr", "fr", "La responsabilité totale d'Acme ne pourra excéder\nles frais payés par vous au cours des douze derniers mois.", wantCap{0, "", 12, model.BasisFees}},
		{"de", "de", "Die Gesamthaftung von Acme ist auf die von Ihnen in den letzten\nzwölf Monaten gezahlten Entgelte begrenzt.", wantCap{0, "", 12, model.BasisFees}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := headed(tt.lang, tt.text)
			got, _ := capOf(t, text)
			checkCap(t, got, tt.want)
			for _, c := range Analyze(text) {
				if c.Type == model.Liability && !strings.Contains(c.Text, "\n") {
					t.Errorf("clause text %q holds one line, want the whole sentence", c.Text)
				}
			}
		})
	}
}

// TestScopedCaps checks that caps limited to a scope go to cap.scoped,
// never into the general cap's basis.
func TestScopedCaps(t *testing.T) {
	tests := []struct {
		name, lang, text string
		general          wantCap // basis "" for none
		scoped           []model.ScopedCap
	}{
		{"free services in the same sentence", "en", "Acme's total liability will not exceed the fees paid in the 12 months before the claim or, for free services, $50.",
			wantCap{0, "", 12, model.BasisFees}, []model.ScopedCap{{Amount: f64(50), Currency: "USD", Basis: model.BasisFixed, Scope: model.ScopeFree}}},
		{"free subscription", "en", "IN NO EVENT WILL ACME'S TOTAL AGGREGATE LIABILITY EXCEED THE AMOUNT THAT YOU HAVE PAID IN FEES DURING THE TWELVE (12) MONTHS BEFORE THE CLAIM. HOWEVER, IF THAT AMOUNT IS ZERO BECAUSE YOU HAVE A FREE SUBSCRIPTION, ACME'S TOTAL AGGREGATE LIABILITY WILL NOT EXCEED ONE HUNDRED DOLLARS ($100).",
			wantCap{0, "", 12, model.BasisFees}, []model.ScopedCap{{Amount: f64(100), Currency: "USD", Basis: model.BasisFixed, Scope: model.ScopeFree}}},
		{"beta", "en", "Acme's total liability shall not exceed $1,000. For beta features, Acme's total liability shall not exceed $10.",
			wantCap{1000, "USD", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(10), Currency: "USD", Basis: model.BasisFixed, Scope: model.ScopeBeta}}},
		{"your liability", "en", "Acme's total liability shall not exceed $1,000. Your total liability to Acme shall not exceed $500.",
			wantCap{1000, "USD", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(500), Currency: "USD", Basis: model.BasisFixed, Scope: model.ScopeYourLiability}}},
		{"region", "en", "Acme's total liability shall not exceed $1,000. For users in the EU, Acme's total liability shall not exceed €2,000.",
			wantCap{1000, "USD", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(2000), Currency: "EUR", Basis: model.BasisFixed, Scope: "users in the EU"}}},
		{"named product", "en", "Acme's total liability shall not exceed $1,000. Acme's aggregate liability for Marketplace purchases shall not exceed $50.",
			wantCap{1000, "USD", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(50), Currency: "USD", Basis: model.BasisFixed, Scope: "marketplace purchases"}}},
		{"claims of a kind", "en", "Acme's total liability shall not exceed $1,000. Acme's total liability for claims arising from data breaches shall not exceed $5,000,000.",
			wantCap{1000, "USD", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(5000000), Currency: "USD", Basis: model.BasisFixed, Scope: "data breaches"}}},
		{"only scoped", "en", "For free services, Acme's total liability is limited to $50.",
			wantCap{}, []model.ScopedCap{{Amount: f64(50), Currency: "USD", Basis: model.BasisFixed, Scope: model.ScopeFree}}},
		{"free excluded", "en", "Acme's total liability shall not exceed $1,000. For free services, Acme has no liability whatsoever.",
			wantCap{1000, "USD", 0, model.BasisFixed}, []model.ScopedCap{{Basis: model.BasisExcluded, Scope: model.ScopeFree}}},
		{"servicios gratuitos", "es", "La responsabilidad total de Acme no excederá de 1.000 €. Para los servicios gratuitos, la responsabilidad total de Acme no excederá de 50 €.",
			wantCap{1000, "EUR", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(50), Currency: "EUR", Basis: model.BasisFixed, Scope: model.ScopeFree}}},
		{"services gratuits", "fr", "La responsabilité totale d'Acme ne pourra excéder 1 000 €. Pour les services gratuits, la responsabilité totale d'Acme ne pourra excéder 50 €.",
			wantCap{1000, "EUR", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(50), Currency: "EUR", Basis: model.BasisFixed, Scope: model.ScopeFree}}},
		{"kostenlose Dienste", "de", "Die Gesamthaftung von Acme ist auf 1.000 EUR begrenzt. Für kostenlose Dienste ist die Haftung von Acme auf 50 EUR begrenzt.",
			wantCap{1000, "EUR", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(50), Currency: "EUR", Basis: model.BasisFixed, Scope: model.ScopeFree}}},
		{"Betaversion", "de", "Die Gesamthaftung von Acme ist auf 1.000 EUR begrenzt. Für die Testversion ist die Haftung von Acme auf 10 EUR begrenzt.",
			wantCap{1000, "EUR", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(10), Currency: "EUR", Basis: model.BasisFixed, Scope: model.ScopeBeta}}},
		{"versión beta", "es", "La responsabilidad total de Acme no excederá de 1.000 €. Para las funciones beta, la responsabilidad total de Acme no excederá de 10 €.",
			wantCap{1000, "EUR", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(10), Currency: "EUR", Basis: model.BasisFixed, Scope: model.ScopeBeta}}},
		{"version bêta", "fr", "La responsabilité totale d'Acme ne pourra excéder 1 000 €. Pour les fonctionnalités en version bêta, la responsabilité totale d'Acme ne pourra excéder 10 €.",
			wantCap{1000, "EUR", 0, model.BasisFixed}, []model.ScopedCap{{Amount: f64(10), Currency: "EUR", Basis: model.BasisFixed, Scope: model.ScopeBeta}}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			got, _ := capOf(t, headed(tt.lang, tt.text))
			checkCap(t, got, tt.general)
			if len(got.Scoped) != len(tt.scoped) {
				t.Fatalf("scoped = %+v, want %+v", got.Scoped, tt.scoped)
			}
			for i, w := range tt.scoped {
				g := got.Scoped[i]
				if g.Scope != w.Scope || g.Basis != w.Basis || g.Currency != w.Currency || deref(g.Amount) != deref(w.Amount) || g.FeePeriodMonths != w.FeePeriodMonths {
					t.Errorf("scoped[%d] = %s %v %s %s, want %s %v %s %s", i, g.Scope, deref(g.Amount), g.Currency, g.Basis, w.Scope, deref(w.Amount), w.Currency, w.Basis)
				}
			}
		})
	}
}

func f64(v float64) *float64 { return &v }

// TestExcludedBasis reads "no liability at all" as basis excluded, in
// every language, and a particular exclusion as none.
func TestExcludedBasis(t *testing.T) {
	tests := []struct {
		lang, text string
		excluded   bool
	}{
		{"en", "We have no liability whatsoever.", true},
		{"en", "To the maximum extent permitted by law, Acme shall not be liable to you for any damages whatsoever arising out of these terms.", true},
		{"en", "Acme accepts no liability whatsoever for third-party content.", false},
		{"en", "IN NO EVENT SHALL ACME BE LIABLE FOR ANY INDIRECT, INCIDENTAL OR CONSEQUENTIAL DAMAGES WHATSOEVER.", false},
		{"es", "Acme no asume responsabilidad alguna.", true},
		{"fr", "Acme n'assume aucune responsabilité de quelque nature que ce soit.", true},
		{"de", "Jegliche Haftung von Acme ist ausgeschlossen.", true},
		{"de", "Acme übernimmt keinerlei Haftung für Inhalte Dritter.", false},
		{"it", "Acme non assume nessuna responsabilità di alcun tipo.", true},
		{"pl", "Acme nie ponosi żadnej odpowiedzialności z jakiegokolwiek tytułu.", true},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			var got *model.Cap
			for _, c := range Analyze(headed(tt.lang, tt.text)) {
				if c.Type == model.Liability {
					got = c.Cap
				}
			}
			if is := got != nil && got.Basis == model.BasisExcluded; is != tt.excluded {
				t.Errorf("cap = %+v, want excluded %v", got, tt.excluded)
			}
		})
	}
}

// TestCapProtects says whose liability a clause limits.
func TestCapProtects(t *testing.T) {
	tests := []struct {
		lang, text string
		want       model.Party
	}{
		{"en", "Acme's total liability shall not exceed $100.", model.PartyProvider},
		{"en", "Neither party's total liability shall exceed the fees paid in the 12 months before the claim.", model.PartyMutual},
		{"en", "In no event will either party be liable for more than $1,000 in the aggregate.", model.PartyMutual},
		{"es", "La responsabilidad total de cada una de las partes no excederá de 1.000 €.", model.PartyMutual},
		{"fr", "La responsabilité totale de chaque partie ne pourra excéder 1 000 €.", model.PartyMutual},
		{"de", "Die Haftung jeder Partei ist auf 1.000 EUR begrenzt.", model.PartyMutual},
		{"de", "Die Haftung von Acme ist auf 1.000 EUR begrenzt.", model.PartyProvider},
		// Whose liability is capped is the subject of the cap, not a
		// party named in an exception to it.
		{"en", "EXCEPT FOR A PARTY'S INDEMNIFICATION OBLIGATIONS, VENDOR'S TOTAL LIABILITY ARISING OUT OF THESE TERMS WILL NOT EXCEED THE FEES PAID BY CUSTOMER IN THE 12 MONTHS BEFORE THE CLAIM.", model.PartyProvider},
		{"en", "EXCEPT FOR A PARTY'S INDEMNIFICATION OBLIGATIONS, EACH PARTY'S TOTAL LIABILITY WILL NOT EXCEED THE FEES PAID IN THE 12 MONTHS BEFORE THE CLAIM.", model.PartyMutual},
		{"en", "Acme's total liability will not exceed $1,000, except for either party's breach of its confidentiality obligations.", model.PartyProvider},
		{"en", "Except for breaches of confidentiality by either party, your total liability to Acme will not exceed $500.", model.PartyYou},
		{"es", "Salvo las obligaciones de indemnización de cada parte, la responsabilidad total de Acme no excederá de 1.000 €.", model.PartyProvider},
		{"fr", "Sauf en cas de fraude de l'une ou l'autre partie, la responsabilité totale d'Acme ne pourra excéder 1 000 €, à l'exception des obligations de chaque partie.", model.PartyProvider},
		{"it", "Ad eccezione degli obblighi di manleva di ciascuna parte, la responsabilità complessiva di Acme non potrà superare 1.000 euro.", model.PartyProvider},
		{"de", "Mit Ausnahme der Freistellungspflichten jeder Partei ist die Haftung von Acme auf 1.000 EUR begrenzt.", model.PartyProvider},
		{"de", "Die Haftung von Acme ist auf 1.000 EUR begrenzt, ausgenommen die Freistellungspflichten jeder Partei.", model.PartyProvider},
		{"pl", "Z wyjątkiem zobowiązań każdej ze stron do zwolnienia z odpowiedzialności, całkowita odpowiedzialność Acme nie może przekroczyć kwoty 500 zł.", model.PartyProvider},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			if _, got := capOf(t, headed(tt.lang, tt.text)); got != tt.want {
				t.Errorf("protects = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestCarveOutsFromExceptionsOnly reads carve-outs from the exceptions to
// the limitation, in each language, and never from a list of excluded
// damages nor from "no warranty, indemnity or support".
func TestCarveOutsFromExceptionsOnly(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"except for", "en", "EXCEPT FOR A PARTY'S INDEMNIFICATION OBLIGATIONS, BREACH OF CONFIDENTIALITY OR INFRINGEMENT OF THE OTHER PARTY'S INTELLECTUAL PROPERTY, NEITHER PARTY'S TOTAL LIABILITY WILL EXCEED $1,000.",
			[]string{model.CarveIndemnification, model.CarveConfidentiality, model.CarveIP}},
		{"excluded claims", "en", "\"Excluded Claims\" means claims arising from fraud, gross negligence or a breach of the Data Processing Addendum (data protection).\n\nExcept for Excluded Claims, Acme's total liability will not exceed $1,000.",
			[]string{model.CarveGrossNegligence, model.CarveFraud, model.CarveDataProtection}},
		{"will not apply to", "en", "Acme's total liability will not exceed $1,000. The limitations in this section will not apply to death or personal injury or to your payment obligations.",
			[]string{model.CarvePayment, model.CarveDeath}},
		{"other words", "en", "Except for breach of the acceptable use section, Acme's total liability will not exceed $1,000.",
			[]string{model.OtherPrefix + "breach of the acceptable use section"}},
		{"excluded damages are no carve-out", "en", "Acme's total liability will not exceed $1,000. In no event will Acme be liable for lost profits, loss of data, fraud by other users or personal injury caused by third parties.",
			nil},
		{"no warranty, indemnity or support", "en", "Acme's total liability will not exceed $1,000. Beta features are provided without any warranty, indemnity or support, except as required by law.",
			nil},
		{"excepto", "es", "Excepto en caso de dolo o negligencia grave, la responsabilidad total de Acme no excederá de 1.000 €.",
			[]string{model.CarveGrossNegligence}},
		{"sauf", "fr", "La responsabilité totale d'Acme ne pourra excéder 1 000 €. Cette limitation ne s'applique pas en cas de fraude ou de dommages corporels.",
			[]string{model.CarveFraud, model.CarveDeath}},
		{"unberührt", "de", "Die Haftung von Acme ist auf 1.000 EUR begrenzt. Die Haftung für Vorsatz und grobe Fahrlässigkeit sowie für Schäden aus der Verletzung des Lebens, des Körpers oder der Gesundheit bleibt unberührt.",
			[]string{model.CarveGrossNegligence, model.CarveDeath}},
		{"non si applica", "it", "La responsabilità complessiva di Acme non potrà superare 1.000 €. Tale limitazione non si applica in caso di dolo o colpa grave.",
			[]string{model.CarveGrossNegligence}},
		{"nie dotyczy", "pl", "Całkowita odpowiedzialność Acme nie może przekroczyć kwoty 1000 zł. Powyższe ograniczenie nie dotyczy szkód wyrządzonych umyślnie.",
			[]string{model.CarveGrossNegligence}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			got, _ := capOf(t, headed(tt.lang, tt.text))
			if !slices.Equal(got.CarveOuts, tt.want) {
				t.Errorf("carve_outs = %q, want %q", got.CarveOuts, tt.want)
			}
		})
	}
}

// TestScopedExclusion reads "no liability arising out of beta services"
// as no liability at all for beta features.
func TestScopedExclusion(t *testing.T) {
	got, _ := capOf(t, headed("en", "Acme's total liability shall not exceed $1,000. NOTWITHSTANDING ANYTHING ELSE IN THESE TERMS, ACME WILL HAVE NO LIABILITY ARISING OUT OF OR IN CONNECTION WITH BETA SERVICES."))
	if len(got.Scoped) != 1 || got.Scoped[0].Scope != model.ScopeBeta || got.Scoped[0].Basis != model.BasisExcluded {
		t.Errorf("scoped = %+v, want beta features excluded", got.Scoped)
	}
}

// ownerMatch runs ownerRe from the word before the first possessive it
// may match at: it must find what the pattern finds over the whole text,
// on every string of up to 5 pieces over the pieces that matter and on
// every line of the versions corpus.
func TestOwnerMatch(t *testing.T) {
	inputs := []string{"acme's total liability", "acme’s liability", "the customer's use. our liability", "x1é's liability", "a-b.c&d's  x y z liabilities",
		"acme's a b c d liability", "acme's\tliabilit", "acme'sliability", "é's liability", "_a's liability"}
	pieces := []string{"a", "é", "1", "-", "&", " ", "\t", "'s", "’s", "'", "liabilit", "x", "_", "."}
	inputs = append(inputs, upTo(pieces, 5)...)
	inputs = append(inputs, versionLines(t)...)
	found := 0
	for _, s := range inputs {
		got, want := ownerMatch(s), ownerRe().FindStringSubmatch(s)
		if !slices.Equal(got, want) {
			t.Errorf("ownerMatch(%q) = %q, want %q", s, got, want)
		}
		if got != nil {
			found++
		}
	}
	if found == 0 {
		t.Error("ownerMatch found no owner")
	}
}

// subjectScopeMatch runs subjectScopeRe anchored, at the start of the
// text and at each "liabilit" that scopeConnects: it must find what the
// pattern finds over the whole text, on every string of up to 5 pieces
// over the pieces that matter and on every line of the versions corpus
// and of a dense text.
func TestSubjectScopeMatch(t *testing.T) {
	inputs := []string{"our liability for marketplace purchases shall not exceed $50", "for beta features, our liability is nil",
		"as to fees, liability for late payment will be", "xliability for abc will", "liability shall; liabilities \t arising from abc are",
		"liability of acme to you for abc is", "liabilityfor abc is", "liability to you under abc can", "liabilit for abc is"}
	pieces := []string{"liability", "liabilities", " ", "\t", "for", "abc", "shall", ",", "as to", "x", "of y", "to you", "arising from"}
	inputs = append(inputs, upTo(pieces, 5)...)
	inputs = append(inputs, versionLines(t)...)
	inputs = append(inputs, strings.Split(strings.ToLower(denseText(50<<10)), "\n")...)
	found := 0
	for _, s := range inputs {
		got, want := subjectScopeMatch(s), subjectScopeRe().FindStringSubmatch(s)
		if !slices.Equal(got, want) {
			t.Errorf("subjectScopeMatch(%q) = %q, want %q", s, got, want)
		}
		if got != nil {
			found++
		}
	}
	if found == 0 {
		t.Error("subjectScopeMatch found no scope")
	}
}

// withoutException runs verbSecondMain only on a text that holds one of
// verbSecondNeedles: every text the pattern matches must hold one, on
// strings of its pieces and on every line of the versions corpus.
func TestVerbSecondNeedles(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "ist", "haftet", "wird", "die", "gesamthaftung", "haftung", "x"}
	inputs := upTo(pieces, 5)
	inputs = append(inputs, versionLines(t)...)
	found := 0
	for _, s := range inputs {
		if !verbSecondMain().MatchString(s) {
			continue
		}
		found++
		if !verbSecondNeedles.in(s) {
			t.Errorf("verbSecondMain matches %q, which holds none of verbSecondNeedles", s)
		}
	}
	if found == 0 {
		t.Error("verbSecondMain matched nothing")
	}
}

// stmtOpensList tells what opensList tells, on strings of its pieces and
// on every line of the versions corpus.
func TestStmtOpensList(t *testing.T) {
	pieces := []string{"liable for", ":", " ", "8.", "(a)", "*", "_", "x"}
	agree(t, "stmtOpensList", append(upTo(pieces, 5), versionLines(t)...), stmtOpensList, opensList)
}
