package clause

import (
	"slices"
	"strings"
	"testing"
)

// TestFactLexicon checks the vocabulary of clause facts the lexicon files
// hold: every carve-out is named in the fixed vocabulary, and every
// language has its words for periods, amounts and fees.
func TestFactLexicon(t *testing.T) {
	fl := facts()
	for i := range fl.cues.cues {
		if cu := &fl.cues.cues[i]; fl.section[i] == "carve-out" && !slices.Contains(carveOutOrder, cu.name) {
			t.Errorf("lexicon/%s.lex: [carve-out] %q is not in the vocabulary %q", cu.lang, cu.name, carveOutOrder)
		}
	}
	for _, f := range lex().files {
		if f.lang == "all" {
			continue
		}
		for _, section := range []string{"cap.limit", "cap.fees", "cap.lesser", "cap.greater", "carve-out", "period.unit", "period.number", "number", "currency"} {
			if len(f.sections[section]) == 0 {
				t.Errorf("lexicon/%s.lex has no [%s]", f.lang, section)
			}
		}
	}
	tests := []struct {
		in   string
		want int
	}{
		{"the fees paid in the twelve (12) months before", 12},
		{"au cours des douze (12) derniers mois", 12},
		{"in den letzten sechs Monaten", 6},
		{"negli ultimi 3 mesi", 3},
		{"w ciągu ostatnich dwunastu (12) miesięcy", 12},
		{"durante los dos años anteriores", 24},
		{"the prior calendar year", 12},
		{"an amount of money", 0},
	}
	for _, tt := range tests {
		if got := findMonths(nil, strings.ToLower(tt.in)); got != tt.want {
			t.Errorf("findMonths(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
