package clause

import (
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestAnalyzeOffsetsAndCues(t *testing.T) {
	text := "# Limitation of Liability\n\nWe love our users. IN NO EVENT WILL ACME BE LIABLE FOR ANY CONSEQUENTIAL DAMAGES. ACME'S TOTAL LIABILITY SHALL NOT EXCEED $100.\n\n# Fees\n\nFees are due monthly.\n"
	cls := Analyze(text)
	if len(cls) != 1 {
		t.Fatalf("got %d clauses, want 1: %+v", len(cls), cls)
	}
	c := cls[0]
	if got := text[c.Start:c.End]; got != c.Text {
		t.Errorf("text[start:end] = %q, want Text %q", got, c.Text)
	}
	if want := "IN NO EVENT WILL ACME BE LIABLE FOR ANY CONSEQUENTIAL DAMAGES. ACME'S TOTAL LIABILITY SHALL NOT EXCEED $100."; c.Text != want {
		t.Errorf("Text = %q, want %q", c.Text, want)
	}
	for _, cue := range []string{"not liable", "consequential damages", "cap on total liability", "limitation heading", "cap amount"} {
		if !slices.Contains(c.Cues, cue) {
			t.Errorf("cues %v lack %q", c.Cues, cue)
		}
	}
}

func amountPtr(v float64) *float64 { return &v }

func TestCapFacts(t *testing.T) {
	tests := []struct {
		name, text string
		want       model.Cap
	}{
		{"greater of words and digits",
			"The total liability of Acme will not exceed the greater of one thousand dollars (US $1,000.00) or the fees you paid in the twelve (12) months before the claim.",
			model.Cap{Amount: amountPtr(1000), Currency: "USD", FeePeriodMonths: 12, Basis: model.BasisGreater}},
		{"lesser with euro code",
			"Acme's aggregate liability shall not exceed the lesser of EUR 100 or the fees paid in the six (6) months preceding the claim.",
			model.Cap{Amount: amountPtr(100), Currency: "EUR", FeePeriodMonths: 6, Basis: model.BasisLesser}},
		{"fixed amount in words only",
			"Acme's total liability shall not exceed five hundred dollars.",
			model.Cap{Amount: amountPtr(500), Currency: "USD", Basis: model.BasisFixed}},
		{"fees only",
			"Our total liability is limited to the fees paid by you in the 3 months preceding the event.",
			model.Cap{FeePeriodMonths: 3, Basis: model.BasisFees}},
		{"spanish thousands dot",
			"En ningún caso la responsabilidad total de Acme excederá los 1.000 € o las tarifas pagadas por usted durante los doce (12) meses anteriores.",
			model.Cap{Amount: amountPtr(1000), Currency: "EUR", FeePeriodMonths: 12, Basis: model.BasisGreater}},
		{"spanish words",
			"En ningún caso la responsabilidad total de Acme excederá los mil dólares.",
			model.Cap{Amount: amountPtr(1000), Currency: "USD", Basis: model.BasisFixed}},
		{"french space thousands",
			"La responsabilité totale d'Acme est limitée à 1 000 € en toute hypothèse.",
			model.Cap{Amount: amountPtr(1000), Currency: "EUR", Basis: model.BasisFixed}},
		{"german pounds",
			"Die Gesamthaftung von Acme ist auf £250 begrenzt.",
			model.Cap{Amount: amountPtr(250), Currency: "GBP", Basis: model.BasisFixed}},
		{"amounts above the fees",
			"IN NO EVENT WILL ACME BE LIABLE UNDER ANY CONTRACT OR OTHER THEORY FOR: (I) ANY SPECIAL OR CONSEQUENTIAL DAMAGES; OR (II) FOR ANY AMOUNTS THAT EXCEED THE FEES PAID BY YOU TO ACME DURING THE TWELVE (12) MONTH PERIOD PRIOR TO THE CAUSE OF ACTION.",
			model.Cap{FeePeriodMonths: 12, Basis: model.BasisFees}},
		{"amount in excess of the fees",
			"In no event shall Acme be liable for any amount in the aggregate in excess of the fees you have actually paid to Acme during the six (6) months preceding the event.",
			model.Cap{FeePeriodMonths: 6, Basis: model.BasisFees}},
		{"spanish carve-outs in the next sentence",
			"En ningún caso la responsabilidad total de Acme excederá la cantidad mayor entre mil dólares ($ 1000) o las tarifas pagadas durante los doce (12) meses anteriores. Esta limitación no se aplica en caso de dolo o negligencia grave.",
			model.Cap{Amount: amountPtr(1000), Currency: "USD", FeePeriodMonths: 12, Basis: model.BasisGreater,
				CarveOuts: []string{model.CarveGrossNegligence}}},
		{"french carve-out in the next sentence",
			"La responsabilité totale d'Acme est limitée à 500 €. Cette limitation ne s'applique pas en cas de faute lourde.",
			model.Cap{Amount: amountPtr(500), Currency: "EUR", Basis: model.BasisFixed, CarveOuts: []string{model.CarveGrossNegligence}}},
		{"german fees but at most an amount",
			"Die Haftung von Acme ist insgesamt auf die in den letzten zwölf (12) Monaten gezahlten Entgelte, höchstens jedoch 1.000 EUR, begrenzt.",
			model.Cap{Amount: amountPtr(1000), Currency: "EUR", FeePeriodMonths: 12, Basis: model.BasisLesser}},
		{"carve-outs",
			"Except for gross negligence, wilful misconduct, your payment obligations and your indemnification obligations, Acme's total liability shall not exceed $50. This limitation does not apply to death or personal injury.",
			model.Cap{Amount: amountPtr(50), Currency: "USD", Basis: model.BasisFixed,
				CarveOuts: []string{model.CarveIndemnification, model.CarveGrossNegligence, model.CarvePayment, model.CarveDeath}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cls := Analyze(tt.text)
			var got *model.Cap
			for _, c := range cls {
				if c.Type == model.Liability && c.Cap != nil {
					got = c.Cap
				}
			}
			if got == nil {
				t.Fatalf("no cap in %+v", cls)
			}
			if (got.Amount == nil) != (tt.want.Amount == nil) || got.Amount != nil && *got.Amount != *tt.want.Amount {
				t.Errorf("amount = %v, want %v", deref(got.Amount), deref(tt.want.Amount))
			}
			if got.Currency != tt.want.Currency || got.FeePeriodMonths != tt.want.FeePeriodMonths || got.Basis != tt.want.Basis {
				t.Errorf("cap = %s/%d/%s, want %s/%d/%s", got.Currency, got.FeePeriodMonths, got.Basis,
					tt.want.Currency, tt.want.FeePeriodMonths, tt.want.Basis)
			}
			if !slices.Equal(got.CarveOuts, tt.want.CarveOuts) {
				t.Errorf("carve-outs = %v, want %v", got.CarveOuts, tt.want.CarveOuts)
			}
		})
	}
}

// TestCarveOutsNeedAnException checks that a kind of liability merely
// mentioned in a limitation is not taken for a carve-out.
func TestCarveOutsNeedAnException(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"mentioned only", "Acme will have no liability under this indemnification section for claims arising from modified software, and Acme's entire liability for infringement is stated here.", nil},
		{"excepted", "Except for your indemnification obligations, neither party's total liability will exceed $100.", []string{"indemnification obligations"}},
		{"nothing limits", "Nothing in these terms limits our liability for fraud.", []string{"fraud"}},
		{"announced list", "We are liable without limit, except for damages we cause due to:\n\n* injury to life, limb or health;\n* gross negligence;", []string{model.CarveGrossNegligence, model.CarveDeath}},
		{"list without exception", "We are not liable for:\n* fraud by other users;\n* loss of data;", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findCarveOuts(strings.ToLower(tt.text)); !slices.Equal(got, tt.want) {
				t.Errorf("findCarveOuts = %v, want %v", got, tt.want)
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"1,000", 1000}, {"1.000", 1000}, {"1 000", 1000}, {"1,000.00", 1000}, {"1.000,50", 1000.5},
		{"100,00", 100}, {"12.5", 12.5}, {"1\u00a0000", 1000}, {"250", 250},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseNumber(tt.in)
			if !ok || got != tt.want {
				t.Errorf("parseNumber(%q) = %v, %v, want %v", tt.in, got, ok, tt.want)
			}
		})
	}
}
