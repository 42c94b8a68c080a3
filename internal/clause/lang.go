package clause

import (
	"regexp"
	"strings"
	"sync"
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

var plainPattern = regexp.MustCompile(`^[\pL |']+$`)

func newMatcher(cs []cue) *matcher {
	m := &matcher{}
	index := map[string]int{}
	for i := range cs {
		cu := &cs[i]
		if plainPattern.MatchString(cu.pattern) {
			// A pattern that is only literal alternatives is decided by
			// its literals alone.
			cu.need = strings.Split(cu.pattern, "|")
			cu.re = nil
		} else {
			cu.re = regexp.MustCompile(cu.pattern)
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
			panic("clause: needle shorter than two bytes: " + n)
		}
		m.first[n[0]] = true
		k := uint16(n[0])<<8 | uint16(n[1])
		m.byPrefix[k] = append(m.byPrefix[k], uint16(j))
	}
	return m
}

var allCues = sync.OnceValue(func() *matcher { return newMatcher(cues) })

// languages are told apart by their commonest short words.
var langWords = map[string][]string{
	"en": {" the ", " and ", " of ", " to ", " you "},
	"de": {" der ", " die ", " und ", " nicht ", " sie "},
	"fr": {" les ", " des ", " et ", " est ", " vous "},
	"es": {" los ", " las ", " el ", " y ", " del "},
	"it": {" il ", " di ", " che ", " della ", " per "},
	"pl": {" w ", " się ", " nie ", " na ", " lub "},
}

// docLanguages guesses which languages a document is written in, and
// which one is its main language ("" when no common word was seen).
// Short texts get every language for the rules: they are cheap to scan
// and too short to tell.
func docLanguages(text string) (map[string]bool, string) {
	langs := map[string]bool{"all": true}
	var sample string
	if len(text) < 24<<10 {
		sample = strings.ToLower(" " + strings.ReplaceAll(text, "\n", " ") + " ")
	} else {
		sample = strings.ToLower(chunk(text, 0) + chunk(text, len(text)/2) + chunk(text, len(text)-8<<10))
	}
	score := map[string]int{}
	best, main := 0, ""
	for _, l := range langOrder {
		for _, w := range langWords[l] {
			score[l] += strings.Count(sample, w)
		}
		if score[l] > best {
			best, main = score[l], l
		}
	}
	for l, s := range score {
		if s*4 >= best || len(text) < 4<<10 {
			langs[l] = true
		}
	}
	return langs, main
}

// langOrder makes the choice of a main language deterministic on ties.
var langOrder = []string{"en", "de", "fr", "es", "it", "pl"}

func chunk(text string, at int) string {
	at = max(at, 0)
	end := min(at+8<<10, len(text))
	return " " + text[at:end] + " "
}
