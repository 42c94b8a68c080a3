package clause

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
)

const (
	docHead = "# Terms of Service\n\nWelcome to Acme. These terms govern your use of the Service.\n\n## Fees\n\nYou pay the fees listed on the pricing page.\n\n"
	capHigh = "## Limitation of Liability\n\nIN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES. ACME'S TOTAL LIABILITY WILL NOT EXCEED THE GREATER OF $1,000 OR THE FEES PAID IN THE TWELVE (12) MONTHS BEFORE THE CLAIM.\n\n"
	capLow  = "## Limitation of Liability\n\nIN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES. ACME'S TOTAL LIABILITY WILL NOT EXCEED THE LESSER OF $100 OR THE FEES PAID IN THE SIX (6) MONTHS BEFORE THE CLAIM.\n\n"
	noCap   = "## Limitation of Liability\n\nIN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES.\n\n"
	capCO   = "## Limitation of Liability\n\nIN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES. EXCEPT FOR YOUR PAYMENT OBLIGATIONS, ACME'S TOTAL LIABILITY WILL NOT EXCEED THE GREATER OF $1,000 OR THE FEES PAID IN THE TWELVE (12) MONTHS BEFORE THE CLAIM.\n\n"
	indem   = "## Indemnification\n\nYou agree to indemnify and hold harmless Acme from any claims arising from your breach of these Terms.\n\n"
	indemB  = "## Indemnification\n\nYou agree to indemnify and hold harmless Acme from any claims arising from your breach of these Terms or your use of the Service.\n\n"
	indemM  = "## Indemnification\n\nEach party will indemnify and defend the other party against third-party claims arising from its breach of these Terms.\n\n"
	tail    = "## Governing Law\n\nThese terms are governed by the laws of Delaware.\n"
)

// summarised is Compare with the summaries the presentation composes
// from its findings, as every user of the analyser sees them.
func summarised(oldText, newText string) []model.ClauseChange {
	return present.Summarise(Compare(oldText, newText))
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []model.ClauseChange // only Type, Kind, Material, Severity checked
		summary  string               // a substring of the first change's summary
	}{
		{"cap lowered", docHead + capHigh + tail, docHead + capLow + tail,
			[]model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh}},
			"liability cap lowered from the greater of $1,000 or 12 months of fees to the lesser of $100 or 6 months of fees"},
		{"cap removed", docHead + capHigh + tail, docHead + noCap + tail,
			[]model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh}},
			"liability cap removed"},
		{"carve-out added", docHead + capHigh + tail, docHead + capCO + tail,
			[]model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh}},
			"carve-out added against you: payment obligations are now uncapped"},
		{"indemnity broadened", docHead + indem + tail, docHead + indemB + tail,
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh}},
			"your indemnity broadened: now also covers your use"},
		{"exclusion narrowed", docHead + strings.Replace(noCap, "DAMAGES.", "DAMAGES OR LOST PROFITS.", 1) + tail, docHead + noCap + tail,
			[]model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityLow}},
			"exclusion narrowed: no longer excludes lost profits"},
		{"new exclusion sentence", docHead + capHigh + tail,
			docHead + strings.TrimSuffix(capHigh, "\n\n") + " ACME IS NOT RESPONSIBLE FOR DELAYS CAUSED BY PAYMENT NETWORKS.\n\n" + tail,
			[]model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh}},
			"exclusion widened: new exclusion “ACME IS NOT RESPONSIBLE FOR DELAYS CAUSED BY PAYMENT NETWORKS.”"},
		{"indemnity made conditional", docHead + indem + tail, docHead + strings.Replace(indem, "You agree", "If you use the Service for business purposes, you agree", 1) + tail,
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeModified, Material: true, Severity: model.SeverityLow}},
			"your indemnity narrowed: now only “If you use the Service for business purposes, you agree to indemnify"},
		{"new indemnity undertaking", docHead + indem + tail,
			docHead + strings.TrimSuffix(indem, "\n\n") + " You also agree to indemnify Acme against any fines imposed on it should you breach export sanctions.\n\n" + tail,
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh}},
			"your indemnity broadened: now also covers violation of law"},
		{"provider indemnity added beside yours", docHead + indem + tail,
			docHead + indem + "**9.3** Acme will defend and indemnify you against third-party claims that the Service infringes their patents.\n\n" + tail,
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeModified, Material: true, Severity: model.SeverityLow}},
			"provider's IP indemnity of you added"},
		{"indemnity removed", docHead + capHigh + indem + tail, docHead + capHigh + tail,
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeRemoved, Material: true, Severity: model.SeverityLow}},
			"your indemnity removed"},
		{"mutual indemnity added", docHead + tail, docHead + indemM + tail,
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeAdded, Material: true, Severity: model.SeverityHigh}},
			"mutual indemnity added"},
		{"cosmetic edit", docHead + capHigh + tail,
			docHead + strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(capHigh), "claim.", "claim"), "## ", "### 9. ") + tail,
			[]model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Material: false, Severity: model.SeverityLow}},
			"wording unchanged"},
		{"cross-reference renumbered", docHead + strings.Replace(indem, "these Terms", "Section 13 of these Terms", 1) + tail,
			docHead + strings.Replace(indem, "these Terms", "Section 14 of these Terms", 1) + tail,
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeModified, Material: false, Severity: model.SeverityLow}},
			"wording unchanged"},
		{"clause captured twice", docHead + capHigh + indem + tail, docHead + capHigh + indem + tail + "\n\n" + indem,
			nil, ""},
		{"unrelated edit", docHead + capHigh + indem + tail,
			strings.Replace(docHead, "pricing page", "order form", 1) + capHigh + indem + strings.Replace(tail, "Delaware", "New York", 1),
			nil, ""},
		{"section moved", docHead + capHigh + indem + tail, docHead + indem + tail + "\n\n" + capHigh,
			nil, ""},
		{"spanish cap lowered",
			"## Limitación de responsabilidad\n\nEn ningún caso la responsabilidad total de Acme excederá los mil dólares ($ 1000).\n",
			"## Limitación de responsabilidad\n\nEn ningún caso la responsabilidad total de Acme excederá los cien dólares ($ 100).\n",
			[]model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh}},
			"lowered from $1,000 to $100"},
		{"german clause added", "# AGB\n\nDiese AGB gelten für alle Verträge.\n",
			"# AGB\n\nDiese AGB gelten für alle Verträge.\n\n## Haftungsbeschränkung\n\nAcme haftet nicht für mittelbare Schäden.\n",
			[]model.ClauseChange{{Type: model.Liability, Kind: model.ChangeAdded, Material: true, Severity: model.SeverityHigh}},
			"limitation of liability added"},
		{"french indemnity added", "# Conditions\n\nBienvenue.\n",
			"# Conditions\n\nBienvenue.\n\nVous acceptez d'indemniser Acme contre toute réclamation liée à votre utilisation du service.\n",
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeAdded, Material: true, Severity: model.SeverityHigh}},
			"you now indemnify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarised(tt.old, tt.new)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d changes %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Type != w.Type || g.Kind != w.Kind || g.Material != w.Material || g.Severity != w.Severity {
					t.Errorf("change %d = %s/%s/material=%v/%s, want %s/%s/material=%v/%s (summary %q)", i,
						g.Type, g.Kind, g.Material, g.Severity, w.Type, w.Kind, w.Material, w.Severity, g.Summary)
				}
			}
			if tt.summary != "" && !strings.Contains(got[0].Summary, tt.summary) {
				t.Errorf("summary = %q, want it to contain %q", got[0].Summary, tt.summary)
			}
		})
	}
}

func TestCompareCapsPairedBySection(t *testing.T) {
	platform := "## Limitation of Liability\n\nIN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES. ACME'S TOTAL LIABILITY UNDER THESE TERMS WILL NOT EXCEED $1,000.\n\n"
	market := func(amount string) string {
		return "## Marketplace Liability\n\nACME IS NOT LIABLE FOR APPS SOLD ON THE MARKETPLACE BY THIRD-PARTY SELLERS. ACME'S AGGREGATE LIABILITY FOR MARKETPLACE PURCHASES SHALL NOT EXCEED " + amount + ".\n\n"
	}
	tests := []struct {
		name, old, new, summary string
	}{
		{"second section lowered", docHead + platform + market("$50") + tail, docHead + platform + market("$10") + tail,
			"cap for marketplace purchases lowered from $50 to $10"},
		{"sections swapped and second lowered", docHead + platform + market("$50") + tail, docHead + market("$10") + platform + tail,
			"cap for marketplace purchases lowered from $50 to $10"},
		{"capped section added in front", docHead + platform + tail, docHead + market("$50") + platform + tail,
			"cap for marketplace purchases added: $50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarised(tt.old, tt.new)
			if len(got) != 1 {
				t.Fatalf("got %d changes %+v, want 1", len(got), got)
			}
			if !strings.Contains(got[0].Summary, tt.summary) || strings.Contains(got[0].Summary, "1,000") {
				t.Errorf("summary = %q, want it to contain %q and not mention the unchanged $1,000 cap", got[0].Summary, tt.summary)
			}
		})
	}
}

func TestCompareCapSectionRewritten(t *testing.T) {
	old := docHead + "## Limitation of Liability\n\nIN NO EVENT SHALL ACME BE LIABLE FOR ANY AMOUNT IN EXCESS OF THE FEES YOU PAID IN THE TWELVE (12) MONTHS BEFORE THE CLAIM.\n\n" + tail
	cur := docHead + "## Limitation of Liability\n\nTO THE FULLEST EXTENT PERMITTED BY LAW, ACME'S TOTAL AGGREGATE LIABILITY TO YOU WILL NOT EXCEED WHAT YOU PAID US IN THE SIX (6) MONTHS BEFORE IT AROSE.\n\n" + tail
	got := summarised(old, cur)
	if len(got) != 1 || got[0].Severity != model.SeverityHigh {
		t.Fatalf("got %+v, want one high liability change", got)
	}
	if want := "cap look-back shortened: fees paid in the 6 months before the claim (was: fees paid in the 12 months before the claim)"; got[0].Summary != want {
		t.Errorf("summary = %q, want %q", got[0].Summary, want)
	}
}

func TestCompareDuplicatedCapSection(t *testing.T) {
	// A page captured with its old and new text one after the other
	// states the same cap twice: no cap was added.
	got := summarised(docHead+capHigh+tail, docHead+capHigh+tail+"\n\n# Terms (new)\n\n"+capHigh)
	for _, ch := range got {
		if strings.Contains(ch.Summary, "cap added") || strings.Contains(ch.Summary, "cap removed") || ch.Severity == model.SeverityHigh {
			t.Errorf("got %+v, want no cap added or removed", ch)
		}
	}
}

// TestHarmonise checks that a sentence judged part of a clause in one
// version is judged so in the other when its words did not change: the
// model reads the context, and an edit nearby must not make an unchanged
// sentence look added or removed.
func TestHarmonise(t *testing.T) {
	text := docHead + "## Third parties\n\n1. Acme is not responsible for apps made by others.\n\n" + capHigh + tail
	a, b := scan(text, nil, nil), scan(strings.Replace(text, "1. Acme", "2. Acme", 1), nil, nil)
	if len(a.liab) < 2 {
		t.Fatalf("rules found %d liability sentences, want at least 2", len(a.liab))
	}
	b.liab = b.liab[1:] // as if the model had tipped the other way
	harmonise(&a, &b, nil)
	if len(a.liab) != len(b.liab) {
		t.Fatalf("after harmonise: %d and %d liability sentences, want equal", len(a.liab), len(b.liab))
	}
	if got := normalise(b.text[b.liab[0].start:b.liab[0].end]); got != "acme is not responsible for apps made by others" {
		t.Errorf("first liability sentence of b = %q", got)
	}
}

func TestCompareOrderLiabilityFirst(t *testing.T) {
	got := summarised(docHead, docHead+indem+capHigh)
	if len(got) != 2 || got[0].Type != model.Liability || got[1].Type != model.Indemnification {
		t.Fatalf("got %+v, want liability then indemnification", got)
	}
	if got[0].CapAfter == nil || got[0].CapAfter.Basis != model.BasisGreater {
		t.Errorf("cap_after = %+v, want a greater-of cap", got[0].CapAfter)
	}
}

// normaliseByToLower is normalise's word pass (wordsOf) as first written: the whole
// sentence lower-cased, then its letters and digits kept.
func normaliseByToLower(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// wordsOf's one pass keeps what lower-casing the whole sentence first kept,
// on every script and on broken UTF-8.
func TestNormaliseWords(t *testing.T) {
	inputs := []string{"", "  ", "Acme IS NOT liable.", "Section 7.2(b): LIABILITY", "Haftung für Schäden ÄÖÜ ẞ",
		"Odpowiedzialność ŁÓDŹ", "İSTANBUL and the KELVIN sign \u212a", "Ǆemal ǅ ǆ", "digits ٣٤ and １２", "broken \xff\xfe bytes",
		"tab\tnew\nline", "emoji 🙂 and — dashes – “quotes”", "ΣΊΣΥΦΟΣ", "x" + strings.Repeat("É", 40)}
	inputs = append(inputs, strings.Split(docHead+capHigh+indem+tail, ".")...)
	for _, s := range inputs {
		if got, want := wordsOf(s), normaliseByToLower(s); got != want {
			t.Errorf("wordsOf(%q) = %q, want %q", s, got, want)
		}
	}
}

// dropLinkTargets does by hand what its pattern does: every string of up to
// 7 characters over the characters that matter, and some real lines.
func TestDropLinkTargets(t *testing.T) {
	re := regexp.MustCompile(`\]\([^)\s]*(?:\s+"[^"]*")?\)|\{#[^}]*\}`)
	inputs := []string{"See the [Privacy Policy](https://example.com/privacy?utm_source=x).", `[a](b "c") and [d](e 'f')`,
		"## 9. Liability {#liability}", "[x](y z)", "](\xff)", "{#é}", "[a](b\t\"t\")", "](a\n\"b\")", "]( é)", "{#a\nb}"}
	inputs = append(inputs, joinings([]string{"]", "(", ")", "{", "#", "}", `"`, " ", "a"}, 6, "")...)
	for _, s := range inputs {
		if got, want := dropLinkTargets(s), re.ReplaceAllString(s, "]"); got != want {
			t.Errorf("dropLinkTargets(%q) = %q, want %q", s, got, want)
		}
	}
}

// CompareFacts finds the changes Compare finds and the facts Facts reads
// of the new text, though it reads the sections the comparison read once:
// consecutive versions of real terms, and dense text with edits that move
// caps, parties and indemnities.
func TestCompareFacts(t *testing.T) {
	var pairs [][2]string
	files, _ := filepath.Glob(filepath.Join(versionsDir, "*", "*.md"))
	slices.Sort(files)
	step := 1
	if raceEnabled {
		step = 10 // 11 MB of terms read thrice: a sample
	}
	for i := 1; i < len(files); i += step {
		if filepath.Dir(files[i]) != filepath.Dir(files[i-1]) {
			continue
		}
		a, errA := os.ReadFile(files[i-1])
		b, errB := os.ReadFile(files[i])
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		pairs = append(pairs, [2]string{string(a), string(b)})
	}
	dense := denseText(40 << 10)
	for _, edit := range []func(string) string{
		func(s string) string { return strings.Replace(s, "twelve (12) months", "six (6) months", 3) },
		func(s string) string { return strings.ReplaceAll(s, "Neither party", "You") },
		func(s string) string {
			return strings.Replace(s, "will indemnify, defend and hold harmless", "shall defend", 5)
		},
	} {
		pairs = append(pairs, [2]string{dense, edit(dense)}, [2]string{edit(dense), dense})
	}
	pairs = append(pairs, [2]string{"", docHead + capHigh + indem + tail}, [2]string{docHead + capHigh + indem + tail, ""})
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for i, p := range pairs {
		ccs, facts := CompareFacts(p[0], p[1])
		if got, want := js(ccs), js(Compare(p[0], p[1])); got != want {
			t.Errorf("pair %d: changes\n%s\nwant (Compare)\n%s", i, got, want)
		}
		if got, want := js(facts), js(Facts(p[1])); got != want {
			t.Errorf("pair %d: facts\n%s\nwant (Facts)\n%s", i, got, want)
		}
	}
}

// foldCrossRefs folds what the pattern it replaced folded and keeps the
// words after a reference: every sequence of up to 5 words over the words
// that matter, and the sentences of a document. (The pattern's \b is
// ASCII: it also matched inside a word that starts with another letter,
// "résection 12", which refers to no section; words here are whole.)
func TestFoldCrossRefs(t *testing.T) {
	re := regexp.MustCompile(`\b(sections?|clauses?|paragraphs?|articles?|items?|schedules?|annex|exhibits?|abschnitte?|ziffern?|artikel|secci[oó]n|secciones|cláusulas?|apartados?|artículos?|paragraphes?|articol[oi]|paragraf[oi]|punktu|punkt|ust|rozdział|sekcj[ai])((?: \d+[a-z]?)+)\b`)
	inputs := []string{"section 12 1 12 8 of the terms", "clauses 4a and 5", "artículo 3 bis", "punkt 2 ust 3", "12 section",
		"as set out in section 9 we are not liable", "sections 4ab 5", "rozdział 7 sekcji 2"}
	for _, s := range strings.Split(docHead+capHigh+indem+tail, ".") {
		if n := normalise(s); n != "" {
			inputs = append(inputs, n)
		}
	}
	inputs = append(inputs, joinings([]string{"section", "12", "4a", "4ab", "a", "x1", "abschnitt", "sección", "punktu"}, 5, " ")...)
	for _, s := range inputs {
		if got, want := foldCrossRefs(s), re.ReplaceAllString(s, "$1 #"); got != want {
			t.Errorf("foldCrossRefs(%q) = %q, want %q", s, got, want)
		}
	}
}

// An edit after a reference to a section is an edit: the words after
// "section 9" count.
func TestCompareEditAfterCrossReference(t *testing.T) {
	before := docHead + "## Limitation of Liability\n\nSubject to section 9, Acme's total liability will not exceed $5,000.\n\n" + tail
	after := strings.Replace(before, "$5,000", "$1,000", 1)
	ccs := Compare(before, after)
	if len(ccs) != 1 || !ccs[0].Material || ccs[0].Severity != model.SeverityHigh {
		t.Fatalf("Compare: %+v, want one material change rated high", ccs)
	}
}

// joinings returns every sequence of up to n of parts (each as often as
// it likes), joined by sep: the inputs of a test that holds a hand-written
// scanner to the pattern it replaced.
func joinings(parts []string, n int, sep string) []string {
	out, level := []string{""}, []string{""}
	for k := 1; k <= n; k++ {
		var next []string
		for _, p := range level {
			for _, w := range parts {
				if k == 1 {
					next = append(next, w)
				} else {
					next = append(next, p+sep+w)
				}
			}
		}
		out, level = append(out, next...), next
	}
	return out
}

// findExclusions finds the literals of all exclusions in one pass: it must
// find what running each exclusion's pattern on the windows around the
// occurrences of its literals, found one literal at a time, finds. On
// whole documents of the versions corpus, a dense text, its stretches, and
// strings of the exclusions' words.
func TestFindExclusionsOnePass(t *testing.T) {
	oneByOne := func(low string) []string {
		var out []string
		for _, e := range exclusions {
			matched := false
			for _, n := range e.need {
				for off := 0; !matched; {
					i := strings.Index(low[off:], n)
					if i < 0 {
						break
					}
					i += off
					matched = e.re().MatchString(low[max(0, i-160):min(len(low), i+len(n)+160)])
					off = i + len(n)
				}
			}
			if matched {
				out = append(out, e.name)
			}
		}
		return out
	}
	files, _ := filepath.Glob(filepath.Join(versionsDir, "*", "*.md"))
	var inputs []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, strings.ToLower(string(b)))
	}
	dense := strings.ToLower(denseText(100 << 10))
	inputs = append(inputs, dense, dense[:1000], dense[5000:5400])
	words := []string{"loss of", "data", "lost", "special", "damages", "indirect", "goodwill", "profits", ",", "x", "aa"}
	inputs = append(inputs, joinings(words, 4, " ")...)
	found := 0
	for _, s := range inputs {
		got, want := findExclusions(s), oneByOne(s)
		if !slices.Equal(got, want) {
			t.Errorf("findExclusions(%.80q…) = %q, want %q", s, got, want)
		}
		found += len(got)
	}
	if found == 0 {
		t.Error("findExclusions found no exclusion")
	}
}

// TestSameContentWords holds sameContentWords to its definition: the
// words of both, small words left out, joined, are equal.
func TestSameContentWords(t *testing.T) {
	content := func(n string) string {
		var out []string
		for _, w := range strings.Fields(n) {
			if !smallFunctionWords[w] {
				out = append(out, w)
			}
		}
		return strings.Join(out, " ")
	}
	words := []string{"", "the", "terms", "that", "you", "with", "a", "liable", "12", "ü", "\u00a0", " ", "  ", "of", "the terms"}
	for _, a := range words {
		for _, b := range words {
			for _, c := range words {
				x, y := a+" "+b+c, c+" "+a+" "+b
				if got, want := sameContentWords(x, y), content(x) == content(y); got != want {
					t.Errorf("sameContentWords(%q, %q) = %v, want %v", x, y, got, want)
				}
				if got, want := sameContentWords(x, a+b), content(x) == content(a+b); got != want {
					t.Errorf("sameContentWords(%q, %q) = %v, want %v", x, a+b, got, want)
				}
			}
		}
	}
}
