package diff

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// tokenize splits s into words, whitespace runs and single other
// characters; concatenated, the tokens are s.
func tokenize(s string) []string {
	ts := make([]string, 0, len(s)/3+1)
	for i := 0; i < len(s); {
		n := tokenEnd(s, i)
		ts = append(ts, s[i:n])
		i = n
	}
	return ts
}

// Token classes of characters.
const (
	otherClass = iota // a token of its own
	spaceClass        // runs of them are tokens
	wordClass         // runs of them are tokens
	ideoClass         // a token of its own, but a word
)

// asciiClasses spares the unicode tables for the common case.
var asciiClasses = func() (cs [utf8.RuneSelf]uint8) {
	for r := range rune(utf8.RuneSelf) {
		switch {
		case unicode.IsSpace(r):
			cs[r] = spaceClass
		case isWordRune(r):
			cs[r] = wordClass
		}
	}
	return cs
}()

func classOf(r rune) uint8 {
	switch {
	case r < utf8.RuneSelf:
		return asciiClasses[r]
	case unicode.IsSpace(r):
		return spaceClass
	case isIdeograph(r):
		return ideoClass
	case isWordRune(r):
		return wordClass
	}
	return otherClass
}

func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenEnd returns where the token starting at s[i] ends. A word is a run
// of letters, digits and combining marks, with an apostrophe inside it
// (don't) and a point or comma between digits (1,000.50) kept in; Chinese
// and Japanese characters are words of their own, as their text has no
// spaces; any other character is a token of its own.
func tokenEnd(s string, i int) int {
	r, n := runeAt(s, i)
	j := i + n
	switch classOf(r) {
	case spaceClass:
		for j < len(s) {
			r, n := runeAt(s, j)
			if classOf(r) != spaceClass {
				break
			}
			j += n
		}
	case wordClass:
		prev := r
		for j < len(s) {
			r, n := runeAt(s, j)
			if classOf(r) == wordClass {
				prev, j = r, j+n
				continue
			}
			next, m := runeAt(s, j+n)
			if m == 0 || classOf(next) != wordClass || !joins(prev, r, next) {
				break
			}
			prev, j = next, j+n+m
		}
	}
	return j
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isIdeograph(r rune) bool {
	return r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// joins reports whether the punctuation mark r between prev and next is
// part of a word.
func joins(prev, r, next rune) bool {
	switch r {
	case '\'', '’':
		return unicode.IsLetter(prev) && unicode.IsLetter(next)
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

func isSpaceToken(t string) bool {
	r, _ := runeAt(t, 0)
	return classOf(r) == spaceClass
}

// bag returns the sorted hashes of the words of s, or of its other
// tokens but whitespace when it has no words: a cheap fingerprint to
// compare paragraphs with. Punctuation is left out when there are words
// because Markdown syntax (links, tables) would make unrelated lines look
// alike.
func bag(s string) []uint64 {
	words := make([]uint64, 0, len(s)/6+1)
	var others []uint64
	for i := 0; i < len(s); {
		n := tokenEnd(s, i)
		r, _ := runeAt(s, i)
		if c := classOf(r); c != spaceClass {
			h := uint64(14695981039346656037) // FNV-1a
			for k := i; k < n; k++ {
				h ^= uint64(s[k])
				h *= 1099511628211
			}
			if c == wordClass || c == ideoClass {
				words = append(words, h)
			} else if len(words) == 0 {
				others = append(others, h)
			}
		}
		i = n
	}
	if len(words) == 0 {
		words = others
	}
	slices.Sort(words)
	return words
}

// dice returns the Sørensen–Dice similarity of two bags: 2|A∩B| / (|A|+|B|),
// from 0 (nothing in common) to 1 (the same tokens).
func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	// The ratio of sizes alone bounds the similarity; below the lowest
	// threshold used, the exact figure does not matter.
	if float64(2*min(len(a), len(b))) < changeMin*float64(len(a)+len(b)) {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common, i, j = common+1, i+1, j+1
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}
