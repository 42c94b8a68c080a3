package clause

import "strings"

// literals is a set of plain strings, and one pass over a text tells
// whether it holds any of them: the cheap test that spares a pattern most
// sentences. Testing the strings one by one made one pass each (1.3 µs
// for the ten currency codes over a sentence of 270 bytes), and
// strings.ContainsAny with characters outside ASCII ("$€£¥%") decodes
// every rune of the text and looks it up (5 µs); on a page dense with
// legal vocabulary those tests cost more than the patterns they spare.
type literals struct {
	single [256]bool            // the strings of one byte
	pairs  [1 << 16 / 64]uint64 // the first two bytes of the others
	byPair map[uint16][]string  // the others, by their first two bytes
}

func newLiterals(lists ...[]string) *literals {
	ls := &literals{byPair: map[uint16][]string{}}
	for _, list := range lists {
		for _, l := range list {
			switch len(l) {
			case 0:
				panic("clause: an empty literal")
			case 1:
				ls.single[l[0]] = true
			default:
				k := uint16(l[0])<<8 | uint16(l[1])
				ls.pairs[k>>6] |= 1 << (k & 63)
				ls.byPair[k] = append(ls.byPair[k], l)
			}
		}
	}
	return ls
}

// literalsOf returns the set of the strings alternatives separates with
// "|".
func literalsOf(alternatives string) *literals {
	return newLiterals(strings.Split(alternatives, "|"))
}

// in reports whether s holds one of the strings.
func (ls *literals) in(s string) bool {
	for i := 0; i < len(s); i++ {
		if ls.single[s[i]] {
			return true
		}
		if i+1 == len(s) {
			break
		}
		k := uint16(s[i])<<8 | uint16(s[i+1])
		if ls.pairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, l := range ls.byPair[k] {
			if strings.HasPrefix(s[i:], l) {
				return true
			}
		}
	}
	return false
}

// at reports whether s[i:] begins with one of the strings.
func (ls *literals) at(s string, i int) bool {
	if ls.single[s[i]] {
		return true
	}
	if i+1 == len(s) {
		return false
	}
	k := uint16(s[i])<<8 | uint16(s[i+1])
	if ls.pairs[k>>6]&(1<<(k&63)) == 0 {
		return false
	}
	for _, l := range ls.byPair[k] {
		if strings.HasPrefix(s[i:], l) {
			return true
		}
	}
	return false
}
