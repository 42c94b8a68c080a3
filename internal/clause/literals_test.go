package clause

import (
	"regexp"
	"strings"
	"testing"
)

// literals.in and literals.at tell what testing their strings one by one
// tells: every string of up to 4 pieces over pieces of the literals, for
// sets of single bytes, of characters outside ASCII and of words.
func TestLiterals(t *testing.T) {
	sets := [][]string{
		{"$", "€", "£", "¥", "%"},
		{"usd", "eur", "zł", "euro", "eu"},
		strings.Split("0123456789$", ""),
		strings.Split("whatsoever|of any kind|at all|alguna|ningún tipo|en absoluto|quelque", "|"),
		append([]string{"ab", "b", "abc"}, facts().currencyStems...),
	}
	pieces := []string{"a", "b", "c", "u", "s", "d", "e", "r", "o", "z", "ł", "€", "$", "%", "5", " ", "\xe2", "\x82", "whatsoever", "at al", "l"}
	inputs := upTo(pieces, 4)
	for _, set := range sets {
		ls := newLiterals(set)
		yes := 0
		for _, s := range inputs {
			got, want := ls.in(s), containsAny(s, set)
			if got != want {
				t.Errorf("literals %q in %q = %v, want %v", set, s, got, want)
			}
			if got {
				yes++
			}
			for i := range len(s) {
				if got, want := ls.at(s, i), startsWithAny(s[i:], set); got != want {
					t.Errorf("literals %q at %d of %q = %v, want %v", set, i, s, got, want)
				}
			}
		}
		if yes == 0 || yes == len(inputs) {
			t.Errorf("literals %q: in %d of %d inputs; want some, not all", set, yes, len(inputs))
		}
	}
}

// isBoilerplate tells what the pattern it replaces told: every string of
// up to 4 pieces over the pieces that matter.
func TestIsBoilerplate(t *testing.T) {
	re := regexp.MustCompile(`\blaw\b|\blaws\b|permitted|prohibited|required|provided|set forth|expressly|otherwise|foregoing|stated|described|applicable|extent|above|below|herein|this section|these terms|this agreement|consumer|resid|jurisdiction|country|countries|state|states`)
	inputs := []string{"applicable law", "lawful use", "by-laws", "outlaws", "the laws of", "statement", "your content"}
	pieces := []string{"law", "s", "a", "_", "1", "é", " ", "-", "state", "stat", "ed", "country", "ies", "this section"}
	inputs = append(inputs, upTo(pieces, 4)...)
	yes := 0
	for _, s := range inputs {
		got, want := isBoilerplate(s), re.MatchString(s)
		if got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", s, got, want)
		}
		if got {
			yes++
		}
	}
	if yes == 0 || yes == len(inputs) {
		t.Errorf("isBoilerplate: yes to %d of %d inputs; want some, not all", yes, len(inputs))
	}
}
