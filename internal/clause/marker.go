package clause

import (
	"hash/maphash"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toswatch/toswatch/internal/model"
)

// minMarkOverlap is the shortest text that ties a paragraph to a clause:
// shorter ones ("1.", "Liability") would tie unrelated paragraphs to it.
const minMarkOverlap = 20

// Marker tells which changed clause, if any, a paragraph of a diff belongs
// to. Clause texts are slices of the document that start and end on
// sentence boundaries, so a paragraph of a clause holds one of the clause
// text's lines, word for word: the whole line when the clause spans
// paragraphs, a sentence of it when the clause is part of a longer
// paragraph.
//
// The clause lines are the patterns of an Aho-Corasick automaton over
// words and punctuation marks, so that marking a diff takes time in
// proportion to its text and the clause texts, however many lines either
// has (matching every paragraph against every clause line took minutes on
// a document of 10 MB).
type Marker struct {
	changes []*model.ClauseChange
	seed    maphash.Seed
	next    map[edge]int32 // the automaton's goto function
	fail    []int32
	// best is, per state, the most severe change among the clause lines
	// that end there or at a state of its fail chain (-1: none).
	best []int32
}

type edge struct {
	from int32
	tok  uint64
}

// NewMarker returns a Marker for the clause changes of one change.
func NewMarker(changes []model.ClauseChange) *Marker {
	m := &Marker{seed: maphash.MakeSeed(), next: map[edge]int32{}, fail: []int32{0}, best: []int32{-1}}
	depth := []int32{0}
	parent, via := []int32{0}, []uint64{0}
	for i := range changes {
		cc := &changes[i]
		m.changes = append(m.changes, cc)
		ci := int32(len(m.changes) - 1)
		for _, text := range []string{cc.Before, cc.After} {
			for l := range strings.SplitSeq(text, "\n") {
				if len(strings.TrimSpace(l)) < minMarkOverlap {
					continue
				}
				s := int32(0)
				m.tokens(l, func(tok uint64) {
					n, ok := m.next[edge{s, tok}]
					if !ok {
						n = int32(len(m.fail))
						m.next[edge{s, tok}] = n
						m.fail, m.best = append(m.fail, 0), append(m.best, -1)
						depth, parent, via = append(depth, depth[s]+1), append(parent, s), append(via, tok)
					}
					s = n
				})
				if s != 0 && m.more(ci, m.best[s]) {
					m.best[s] = ci
				}
			}
		}
	}
	// Fail links in breadth-first order (states by depth): a state's
	// parent and the states of its parent's fail chain come first.
	order := make([]int32, 0, len(depth))
	byDepth := map[int32][]int32{}
	maxDepth := int32(0)
	for s, d := range depth {
		byDepth[d] = append(byDepth[d], int32(s))
		maxDepth = max(maxDepth, d)
	}
	for d := int32(1); d <= maxDepth; d++ {
		order = append(order, byDepth[d]...)
	}
	for _, s := range order {
		p, tok := parent[s], via[s]
		f := int32(0)
		if p != 0 {
			f = m.step(m.fail[p], tok)
		}
		m.fail[s] = f
		if m.more(m.best[f], m.best[s]) {
			m.best[s] = m.best[f]
		}
	}
	return m
}

// step is the automaton's transition from s on tok, following fail links.
func (m *Marker) step(s int32, tok uint64) int32 {
	for {
		if n, ok := m.next[edge{s, tok}]; ok {
			return n
		}
		if s == 0 {
			return 0
		}
		s = m.fail[s]
	}
}

// more reports whether change a is more severe than change b (-1: none).
func (m *Marker) more(a, b int32) bool {
	if a < 0 {
		return false
	}
	return b < 0 || model.SeverityRank(m.changes[a].Severity) > model.SeverityRank(m.changes[b].Severity)
}

// Of returns the clause change that the paragraph (its old and/or new
// text) belongs to, the most severe when several do; nil when none.
func (m *Marker) Of(paragraphs ...string) *model.ClauseChange {
	best := int32(-1)
	for _, t := range paragraphs {
		if len(strings.TrimSpace(t)) < minMarkOverlap {
			continue
		}
		s := int32(0)
		m.tokens(t, func(tok uint64) {
			s = m.step(s, tok)
			if m.more(m.best[s], best) {
				best = m.best[s]
			}
		})
	}
	if best < 0 {
		return nil
	}
	return m.changes[best]
}

// TypeOf returns the type of the clause change a changed paragraph (its
// old and new text, either may be empty) belongs to, "" when none: what
// diff.Result.MarkClauses asks.
func (m *Marker) TypeOf(oldText, newText string) string {
	if cc := m.Of(oldText, newText); cc != nil {
		return cc.Type
	}
	return ""
}

// tokens calls f with the hash of each word (a run of letters and digits)
// and each other non-space character of text, in order: what a clause
// line and the paragraph holding it have in common, whatever the spacing.
func (m *Marker) tokens(text string, f func(uint64)) {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(text) {
				r, size := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += size
			}
			f(maphash.String(m.seed, text[i:j]))
			i = j
		default:
			f(maphash.String(m.seed, text[i:i+size]))
			i += size
		}
	}
}
