package clause

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestUnemphasise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the fees paid in the _twelve (12) months_ before the claim.", "the fees paid in the twelve (12) months before the claim."},
		{"in the _twelve (12)_ months", "in the twelve (12) months"},
		{"not exceed **$1,000** or *the fees*.", "not exceed $1,000 or the fees."},
		{"__EUR 500__, ***twelve*** months", "EUR 500, twelve months"},
		{"(**12**) months", "(12) months"},
		{"**EXCEPT FOR FRAUD,** OUR LIABILITY", "EXCEPT FOR FRAUD, OUR LIABILITY"},
		// Kept: list bullets, rules, marks inside words, a line wholly in bold.
		{"* first item\n* second item", "* first item\n* second item"},
		{"text\n\n* * *\n\nmore", "text\n\n* * *\n\nmore"},
		{"see my_file_name and 5*3", "see my_file_name and 5*3"},
		{"**Limitation of Liability**\n\nOur liability is _limited_.", "**Limitation of Liability**\n\nOur liability is limited."},
		{"a footnote (*) and a long run ****x****", "a footnote (*) and a long run ****x****"},
		{"no marks at all", "no marks at all"},
	}
	for _, tt := range tests {
		got, cut := unemphasise(tt.in)
		if got != tt.want {
			t.Errorf("unemphasise(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got)+len(cut) != len(tt.in) {
			t.Errorf("unemphasise(%q): %d bytes cut, %d left of %d", tt.in, len(cut), len(got), len(tt.in))
		}
	}
}

// TestPlainDocOffsets checks that offsets move between the text and its
// plain form: every byte kept is found at its place, and the end of a
// stretch of the plain text is the end of the same words in the text.
func TestPlainDocOffsets(t *testing.T) {
	text := "**Bold head**\n\n_Our_ total liability: the __fees__ paid in the _twelve (12) months_.\n"
	d := newPlainDoc(text)
	for o := 0; o < len(text); o++ {
		if slices.Contains(d.cut, o) {
			continue
		}
		p := d.at(o)
		if d.plain[p] != text[o] {
			t.Fatalf("at(%d) = %d: %q, want %q", o, p, d.plain[p], text[o])
		}
		if e := d.endIn(p + 1); e != o+1 {
			t.Errorf("endIn(%d) = %d, want %d", p+1, e, o+1)
		}
	}
}

// emphasisVariants returns s with each run of one or two of its words
// wrapped in each Markdown emphasis mark, inside the punctuation that
// follows the run.
func emphasisVariants(s string) []string {
	words := strings.Fields(s)
	var out []string
	for n := 1; n <= 2; n++ {
		for i := 0; i+n <= len(words); i++ {
			for _, mark := range []string{"_", "*", "__", "**"} {
				w := slices.Clone(words)
				j := i + n - 1
				core := strings.TrimRight(w[j], ".;:,")
				w[j] = core + mark + w[j][len(core):]
				w[i] = mark + w[i]
				out = append(out, strings.Join(w, " "))
			}
		}
	}
	return out
}

// clauseFacts is what Analyze says of each clause, without where it is.
func clauseFacts(text string) string {
	var b strings.Builder
	for _, c := range Analyze(text) {
		fmt.Fprintf(&b, "%s protects=%s direction=%s covers=%v", c.Type, c.Protects, c.Direction, c.Covers)
		if c.Cap != nil {
			cp := *c.Cap
			fmt.Fprintf(&b, " cap=%v %s %d %s scoped=%d carve=%v", deref(cp.Amount), cp.Currency, cp.FeePeriodMonths, cp.Basis, len(cp.Scoped), cp.CarveOuts)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestEmphasisHidesNoFact: Markdown emphasis around any word or pair of
// words of a clause changes none of its facts (amount, currency, period,
// basis, carve-outs, whose liability, who indemnifies, what is covered),
// in every language.
func TestEmphasisHidesNoFact(t *testing.T) {
	tests := []struct{ lang, heading, text string }{
		{"en", "Limitation of Liability", "Our total liability will not exceed the greater of $1,000 or the fees paid in the twelve (12) months before the claim."},
		{"en", "Limitation of Liability", "EXCEPT FOR A PARTY'S INDEMNIFICATION OBLIGATIONS, EACH PARTY'S TOTAL LIABILITY WILL NOT EXCEED THE FEES PAID BY CUSTOMER IN THE 12 MONTHS BEFORE THE CLAIM."},
		{"en", "Limitation of Liability", "Your total liability to Acme will not exceed USD 500."},
		{"es", "Limitación de responsabilidad", "La responsabilidad total de Acme no excederá de 100 € o de las tarifas pagadas durante los doce (12) meses anteriores, lo que sea menor."},
		{"fr", "Limitation de responsabilité", "La responsabilité totale d'Acme est limitée aux sommes versées par vous au cours des douze (12) derniers mois."},
		{"de", "Haftungsbeschränkung", "Die Haftung von Acme ist in allen Fällen auf einen Betrag von 500 EUR begrenzt."},
		{"it", "Limitazione di responsabilità", "La responsabilità complessiva di Acme è limitata ai corrispettivi pagati nei dodici (12) mesi precedenti."},
		{"pl", "Ograniczenie odpowiedzialności", "Całkowita odpowiedzialność Acme nie może przekroczyć kwoty 500 zł."},
		{"en", "Indemnification", "You will indemnify and hold harmless Acme against any claim arising from your breach of these Terms or your violation of applicable law."},
		{"en", "Indemnification", "Acme will defend you against any third-party claim that the Service infringes a patent, copyright or trademark."},
		{"de", "Freistellung", "Sie stellen Acme von allen Ansprüchen Dritter frei, die auf einem Verstoß gegen diese Bedingungen beruhen."},
		{"fr", "Indemnisation", "Vous vous engagez à indemniser Acme de toute réclamation liée à votre violation des présentes conditions."},
	}
	for _, tt := range tests {
		doc := func(body string) string {
			return "# Terms\n\n## " + tt.heading + "\n\n" + body + "\n\n## Contact\n\nWrite to us.\n"
		}
		want := clauseFacts(doc(tt.text))
		if want == "" {
			t.Fatalf("%s: no clause in %q", tt.lang, tt.text)
		}
		bad := 0
		for _, v := range emphasisVariants(tt.text) {
			if got := clauseFacts(doc(v)); got != want && bad < 3 {
				bad++
				t.Errorf("%s: %q\nfacts %s\nwant  %s", tt.lang, v, got, want)
			}
		}
	}
}

// TestEmphasisInChanges: a cap's look-back in italics, as extraction
// writes <em>, is compared as any other (it read as a bare rewording).
func TestEmphasisInChanges(t *testing.T) {
	cap := func(months string) string {
		return liabilityDoc("Our total liability will not exceed the greater of $1,000 or the fees paid in the _" + months + " months_ before the claim.")
	}
	ch := changeOf(t, model.Liability, cap("twelve (12)"), cap("six (6)"))
	if !slices.Contains(ch.Rules, model.RuleCapLookbackShortened) || ch.Severity != model.SeverityHigh {
		t.Errorf("rules %v severity %s, want %s, high (summary %q)", ch.Rules, ch.Severity, model.RuleCapLookbackShortened, ch.Summary)
	}
	if ch.CapAfter == nil || ch.CapAfter.FeePeriodMonths != 6 {
		t.Errorf("cap after = %+v, want 6 months", ch.CapAfter)
	}
	// Rules that read the sentences themselves read them plain too.
	ch = changeOf(t, model.Liability, liabilityDoc(exclusion+" "+capFees12),
		liabilityDoc(exclusion+" "+capFees12+" If you breach the Acceptable Use Policy, _you_ will be liable to Acme for *all* of Acme's damages."))
	if !slices.Contains(ch.Rules, model.RuleYourLiabilityAdded) {
		t.Errorf("rules %v, want %s (summary %q)", ch.Rules, model.RuleYourLiabilityAdded, ch.Summary)
	}
	ch = changeOf(t, model.Liability, liabilityDoc("IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES. "+capFees12),
		liabilityDoc("IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES OR LOST _PROFITS_. "+capFees12))
	if !slices.Contains(ch.Rules, model.RuleExclusionWidened) {
		t.Errorf("rules %v, want %s (summary %q)", ch.Rules, model.RuleExclusionWidened, ch.Summary)
	}
}

// TestEmphasisKeepsClauseText: the clauses keep the words as written,
// marks and all; only their facts are read without them.
func TestEmphasisKeepsClauseText(t *testing.T) {
	body := "Our total liability will not exceed the fees paid in the _twelve (12) months_ before the claim."
	text := liabilityDoc(body)
	for _, c := range Analyze(text) {
		if c.Type != model.Liability {
			continue
		}
		if c.Text != text[c.Start:c.End] || !strings.Contains(c.Text, "_twelve (12) months_") {
			t.Errorf("clause text %q at %d:%d, want the text as written", c.Text, c.Start, c.End)
		}
		if c.Cap == nil || c.Cap.FeePeriodMonths != 12 {
			t.Errorf("cap %+v, want 12 months", c.Cap)
		}
		return
	}
	t.Fatal("no liability clause")
}
