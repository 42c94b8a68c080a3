package clause

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The word features and mostlyUpper read ASCII without unicode's tables;
// they must give what reading every rune through the tables gives, on
// sentences of terms and dense text and on words made to try them.
func TestWordFeaturesASCII(t *testing.T) {
	inputs := strings.Split(docHead+capHigh+indem+tail+denseText(8<<10), ".")
	inputs = append(inputs, "", "a", "A", "9", "l'utente", "L’Utente s'impegna", "DON'T", "it's 12th", "x1y2", "Ünlü ÇAĞ 42",
		"żółć GESCHÄFTSFÜHRER", "\xff\xfeabc", "abc\xffdef", "Σ σ ς", "＄１２", "  --  ", "a_b-c", "'quoted'", "ÉÉÉÉÉÉÉÉÉÉÉÉ e",
		strings.Repeat("word ", 130), "ABCDEFGHIJKL abc", "ABCDEFGHIJ abcde")
	for _, s := range inputs {
		for _, bigrams := range []bool{true, false} {
			if got, want := appendWords(nil, s, 12345, bigrams), wordsByRune(s, 12345, bigrams); !slices.Equal(got, want) {
				t.Errorf("appendWords(%q, bigrams %v) = %v, want %v", s, bigrams, got, want)
			}
		}
		if got, want := mostlyUpper(s), mostlyUpperByRune(s); got != want {
			t.Errorf("mostlyUpper(%q) = %v, want %v", s, got, want)
		}
	}
}

// wordsByRune is appendWords reading every rune through unicode's tables.
func wordsByRune(s string, seed uint32, bigrams bool) []uint32 {
	var out []uint32
	prev, havePrev, n := uint32(0), false, 0
	for i := 0; i < len(s) && n < 120; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		h, digits := seed, false
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) {
				var b [4]byte
				for _, c := range b[:utf8.EncodeRune(b[:], unicode.ToLower(r))] {
					h ^= uint32(c)
					h *= fnvPrime
				}
			} else if unicode.IsDigit(r) {
				digits = true
			} else if r != '\'' && r != '’' {
				break
			}
			i += size
		}
		if digits {
			h = hashString(seed, "#")
		}
		out = append(out, h&(1<<tableBits-1)|wordFlag)
		if bigrams && havePrev {
			out = append(out, (prev*fnvPrime^h)*fnvPrime&(1<<tableBits-1)|wordFlag)
		}
		prev, havePrev = h, true
		n++
	}
	return out
}

func mostlyUpperByRune(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up > 2*low && up > 10
}
