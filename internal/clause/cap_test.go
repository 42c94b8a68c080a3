package clause

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// upTo returns every string of up to n pieces, the empty one first: the
// texts on which a hand-written test is held to the pattern it spares or
// replaces.
func upTo(pieces []string, n int) []string {
	out, last := []string{""}, []string{""}
	for range n {
		var next []string
		for _, p := range last {
			for _, q := range pieces {
				next = append(next, p+q)
			}
		}
		out, last = append(out, next...), next
	}
	return out
}

// versionLines returns every line of the versions corpus, lower-cased.
func versionLines(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(versionsDir, "*", "*.md"))
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Split(strings.ToLower(string(b)), "\n")...)
	}
	return out
}

// findDigits runs its patterns from where amountFrom says the first
// amount may begin: it must find what they find run over the whole text,
// on every string of up to 4 pieces over the pieces that matter and on
// every line of the versions corpus.
func TestFindDigitsFrom(t *testing.T) {
	whole := func(s string) (float64, string, bool) {
		best := -1
		var amt float64
		var cur string
		if m := moneyBefore().FindStringSubmatchIndex(s); m != nil {
			if v, ok := parseNumber(s[m[4]:m[5]]); ok {
				best, amt, cur = m[0], v, facts().currency(s[m[2]:m[3]], s[:m[0]])
			}
		}
		if m := facts().moneyAfter.FindStringSubmatchIndex(s); m != nil && (best < 0 || m[0] < best) {
			if v, ok := parseNumber(s[m[2]:m[3]]); ok {
				best, amt, cur = m[0], v, facts().currency(s[m[4]:m[5]], s[:m[0]])
			}
		}
		return amt, cur, best >= 0
	}
	inputs := []string{"thirty (30) days", "section 9.2", "$100", "us $ 5", "u.s. $5", "canadian $ 10", "100 usd", "1,000 euros", "€ 1 000,00",
		"500zł", "usd50", "50\tpounds", "fees of 1 2 3 4 5 6 7 8 9 usd", "a\u00a01\u00a0000\u00a0€", "xau$5", "é$5", "éusd 5", "u.s. $5", "u.s.$5", "pay us $ 5", "x 1 2 3 4 5 6 7 8 9 10 usd"}
	pieces := []string{"1", "2,", " ", "\t", "\n", "$", "€", "£", "¥", "zł", "usd", "eur", "euro", "dollar", "franken", "a", "u.s.", "ca", "(", "\u00a0", "é"}
	inputs = append(inputs, upTo(pieces, 4)...)
	inputs = append(inputs, versionLines(t)...)
	none, found := 0, 0
	for _, s := range inputs {
		from := amountFrom(s)
		if from < 0 {
			none++
		}
		for _, re := range []*regexp.Regexp{moneyBefore(), facts().moneyAfter} {
			if m := re.FindStringIndex(s); m != nil && m[0] < max(from, 0) || m != nil && from < 0 {
				t.Errorf("amountFrom(%q) = %d, but %s matches at %d", s, from, re, m[0])
			}
		}
		if from > 0 && (s[from-1] >= 0x80 || isWordByte(s[from-1])) {
			t.Errorf("amountFrom(%q) = %d: after %q, a \\b there means another thing than in the text", s, from, s[from-1])
		}
		amt, cur, ok := findDigits(s)
		if ok {
			found++
		}
		if wamt, wcur, wok := whole(s); amt != wamt || cur != wcur || ok != wok {
			t.Errorf("findDigits(%q) = %v, %q, %v, want %v, %q, %v", s, amt, cur, ok, wamt, wcur, wok)
		}
	}
	if none == 0 || found == 0 {
		t.Errorf("amountFrom: %d texts without an amount, findDigits: %d with one; want some of each", none, found)
	}
}

// The patterns searched from their start literals match where they do
// run from every position: on strings of their pieces and on every line
// of the versions corpus and of a dense text.
func TestStartSearches(t *testing.T) {
	lines := versionLines(t)
	lines = append(lines, strings.Split(strings.ToLower(denseText(50<<10)), "\n")...)
	for _, tt := range []struct {
		name   string
		x      *startSearch
		pieces []string
	}{
		{"capAboveRe", capAboveRe(), []string{"amount", "sum", "s", " ", "x", "exceeding ", "up to ", "the ", "equal", "importo ", "eccedente"}},
		{"strongIndemnity", strongIndemnity(), []string{"indemnif", "hold", " ", "x", "harmless", "stell", "en", "frei", "zabezpiecz", "przed", "_"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.x.anchor == nil {
				t.Fatal("no start literals, searched everywhere")
			}
			agree(t, "MatchString", append(upTo(tt.pieces, 4), lines...), tt.x.MatchString, tt.x.re.MatchString)
		})
	}
}

// agree fails t where got and want, two tests of a string, disagree on
// one of inputs, and when got says yes to none of them.
func agree(t *testing.T, name string, inputs []string, got, want func(string) bool) {
	t.Helper()
	yes := 0
	for _, s := range inputs {
		g, w := got(s), want(s)
		if g != w {
			t.Errorf("%s(%q) = %v, want %v", name, s, g, w)
		}
		if g {
			yes++
		}
	}
	if yes == 0 {
		t.Errorf("%s: yes to none of %d inputs", name, len(inputs))
	}
}

// units runs the unit pattern only where a word begins with a unit: it
// must find what the pattern finds run over the whole text, on strings of
// units and the bytes around them and on every line of the versions
// corpus and of a dense text.
func TestUnitsFrom(t *testing.T) {
	fl := facts()
	if fl.unitStarts == nil {
		t.Fatal("a unit of a period does not begin with a letter of ASCII: units runs the pattern everywhere")
	}
	pieces := []string{"month", "s", "an", "mois", "año", "é", " ", "x", "1", "_", "-"}
	inputs := upTo(pieces, 4)
	inputs = append(inputs, versionLines(t)...)
	inputs = append(inputs, strings.Split(strings.ToLower(denseText(50<<10)), "\n")...)
	found := 0
	for _, s := range inputs {
		var got [][]int
		for u := range fl.units(s) {
			got = append(got, u)
		}
		want := fl.periodUnit.FindAllStringIndex(s, -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("units(%q) = %v, want %v", s, got, want)
		}
		found += len(got)
	}
	if found == 0 {
		t.Error("units found no unit")
	}
}
