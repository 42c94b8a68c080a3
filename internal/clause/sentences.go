package clause

import (
	"slices"

	"github.com/toswatch/toswatch/internal/model"
)

// versionSentences is one version's clauses of a type read into
// sentences once. A comparison asks for them many ways (distinct,
// normalised, in order, clause by clause); splitting the clause texts and
// normalising their sentences at each question was a fifth of a
// comparison of two dense bench pages (BenchmarkCompareDensePage300KB).
type versionSentences struct {
	raw   []string // the sentences of the clauses, in order
	norm  []string // normalise(raw[i]), once asked for (normalised)
	heads []string // the heading lines of the clauses, as they are
	// Clause k has raw[rawAt[k]:rawAt[k+1]] and heads[headAt[k]:headAt[k+1]].
	rawAt, headAt []int

	distinct, distinctNorm []string // see sentences

	norms *normMemo // the comparison's normalised words; nil keeps none
}

// sentencesIn reads the sentences of clauses cs; norms, when not nil,
// keeps their normalised words for the rest of the comparison.
func sentencesIn(cs []model.Clause, norms *normMemo) *versionSentences {
	s := &versionSentences{norms: norms}
	for _, c := range cs {
		s.rawAt, s.headAt = append(s.rawAt, len(s.raw)), append(s.headAt, len(s.heads))
		for _, l := range splitLines(c.Text) {
			for _, sp := range l.sentences {
				t := c.Text[sp.start:sp.end]
				s.raw = append(s.raw, t)
			}
			if l.heading {
				s.heads = append(s.heads, c.Text[l.start:l.end])
			}
		}
	}
	s.rawAt, s.headAt = append(s.rawAt, len(s.raw)), append(s.headAt, len(s.heads))
	s.distinct = sortedSet(slices.Concat(s.raw, s.heads))
	return s
}

// normalised normalises the sentences, the first time it is called: a
// comparison that finds the sentences equal needs no normalisation.
func (s *versionSentences) normalised() *versionSentences {
	if s.norm != nil || len(s.raw) == 0 && len(s.heads) == 0 {
		return s
	}
	s.norm = make([]string, len(s.raw))
	var norm []string
	for i, t := range s.raw {
		if s.norm[i] = s.norms.normalise(t); s.norm[i] != "" {
			norm = append(norm, s.norm[i])
		}
	}
	s.distinctNorm = sortedSet(append(norm, s.heads...))
	return s
}

// sentences returns the distinct sentences of the clauses, sorted, so
// that order (a moved paragraph) does not count, nor a section that a
// capture holds twice; normalised with norm (the empty ones left out).
// Heading lines count as sentences, as they are.
func (s *versionSentences) sentences(norm bool) []string {
	if norm {
		return s.normalised().distinctNorm
	}
	return s.distinct
}

func sortedSet(l []string) []string {
	slices.Sort(l)
	return slices.Compact(l)
}

// set returns the distinct normalised sentences as a set.
func (s *versionSentences) set() map[string]bool {
	s.normalised()
	m := make(map[string]bool, len(s.distinctNorm))
	for _, t := range s.distinctNorm {
		m[t] = true
	}
	return m
}

// clauseLacks reports whether clause k has a sentence (normalised) or a
// heading line that have lacks.
func (s *versionSentences) clauseLacks(k int, have map[string]bool) bool {
	s.normalised()
	for _, t := range s.norm[s.rawAt[k]:s.rawAt[k+1]] {
		if t != "" && !have[t] {
			return true
		}
	}
	for _, h := range s.heads[s.headAt[k]:s.headAt[k+1]] {
		if !have[h] {
			return true
		}
	}
	return false
}
