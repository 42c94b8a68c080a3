package clause

import (
	"fmt"
	"regexp"
	"strings"
)

// A compiled set of cues: every literal the cues need is looked for once
// per sentence, and a cue's regular expression runs only when one of its
// literals is there.
type matcher struct {
	needles []string
	cues    []compiledCue
	// byPrefix lists, for the first two bytes of each needle, the needles
	// that start with them: one pass over a sentence finds all needles.
	byPrefix [1 << 16][]uint16
	first    [256]bool // first bytes of needles
}

// find marks in found the needles that occur in s and reports whether any
// does.
func (m *matcher) find(s string, found []bool) bool {
	clear(found)
	any := false
	for i := 0; i+1 < len(s); i++ {
		if !m.first[s[i]] {
			continue
		}
		for _, j := range m.byPrefix[uint16(s[i])<<8|uint16(s[i+1])] {
			if !found[j] && strings.HasPrefix(s[i:], m.needles[j]) {
				found[j] = true
				any = true
			}
		}
	}
	return any
}

type compiledCue struct {
	*cue
	needs []int // indexes into matcher.needles
}

func newMatcher(cs []cue) (*matcher, error) {
	m := &matcher{}
	index := map[string]int{}
	for i := range cs {
		cu := &cs[i]
		if cu.pattern != "" {
			re, err := regexp.Compile(cu.pattern)
			if err != nil {
				return nil, fmt.Errorf("lexicon/%s.lex: cue %q: %w", cu.lang, cu.name, err)
			}
			cu.re = re
		}
		cc := compiledCue{cue: cu}
		for _, n := range cu.need {
			j, ok := index[n]
			if !ok {
				j = len(m.needles)
				index[n] = j
				m.needles = append(m.needles, n)
			}
			cc.needs = append(cc.needs, j)
		}
		m.cues = append(m.cues, cc)
	}
	for j, n := range m.needles {
		if len(n) < 2 {
			return nil, fmt.Errorf("lexicon: literal %q shorter than two bytes", n)
		}
		m.first[n[0]] = true
		k := uint16(n[0])<<8 | uint16(n[1])
		m.byPrefix[k] = append(m.byPrefix[k], uint16(j))
	}
	return m, nil
}

// matchNear runs a cue's pattern on windows of a long sentence around the
// occurrences of its literals: the patterns span at most a few hundred
// bytes, and short inputs keep the regexp package on its fast path.
func matchNear(cu *compiledCue, low string, found []bool) bool {
	const before, after = 130, 180
	if len(low) <= before+after {
		return cu.re.MatchString(low)
	}
	for _, j := range cu.needs {
		if !found[j] {
			continue
		}
		n := lex().cues.needles[j]
		for off := 0; ; {
			i := strings.Index(low[off:], n)
			if i < 0 {
				break
			}
			i += off
			from, to := max(0, i-before), min(len(low), i+len(n)+after)
			if cu.re.MatchString(low[from:to]) {
				return true
			}
			off = i + len(n)
		}
	}
	return false
}

func anyFound(found []bool, idx []int) bool {
	for _, i := range idx {
		if found[i] {
			return true
		}
	}
	return false
}
