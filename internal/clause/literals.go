package clause

import (
	"math/bits"
	"strings"
)

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
	rank   [1 << 16 / 64]uint16 // how many pairs the words of pairs before each hold
	byPair [][]string           // the others, by the rank of their first two bytes among pairs
	// A pair's strings are found by its rank, not in a map: the map's
	// look-up was a third of the time of a test over a sentence whose
	// words begin as the strings do ("at all", "of any kind").
}

func newLiterals(lists ...[]string) *literals {
	ls := &literals{}
	others := map[uint16][]string{}
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
				others[k] = append(others[k], l)
			}
		}
	}
	n := 0
	for i, w := range ls.pairs {
		ls.rank[i] = uint16(n)
		n += bits.OnesCount64(w)
	}
	ls.byPair = make([][]string, n)
	for k, l := range others {
		ls.byPair[ls.pairRank(k)] = l
	}
	return ls
}

// pairRank returns the rank among pairs of the pair k, which pairs
// holds.
func (ls *literals) pairRank(k uint16) int {
	w := ls.pairs[k>>6]
	return int(ls.rank[k>>6]) + bits.OnesCount64(w&(1<<(k&63)-1))
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
		for _, l := range ls.byPair[ls.pairRank(k)] {
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
	for _, l := range ls.byPair[ls.pairRank(k)] {
		if strings.HasPrefix(s[i:], l) {
			return true
		}
	}
	return false
}
