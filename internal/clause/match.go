package clause

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// A compiled set of cues. One pass over a sentence finds every literal
// the cues need; a cue's regular expression then runs only when one of
// its literals is there, and anchored at the places where a match can
// start (the occurrences of its start literals), not at every position of
// the sentence: on text dense with legal vocabulary, where most cues have
// their literals in most sentences, unanchored searches are what the
// analysis would spend its time on.
type matcher struct {
	needles []string
	cues    []compiledCue
	// The needles, by how they begin, so that one pass over a sentence
	// finds them and where they are: those of four bytes or more by a
	// hash of their first four, the shorter ones by their first two.
	// Most places of a sentence begin no needle, and a hash of four bytes
	// tells so where the first two (three quarters of the places passed
	// them, with five needles each to compare) did not: find was half of
	// the time spent matching cues on real terms. The needles of the
	// patterns' literal conditions and starts are found in the same pass
	// (on text dense with legal vocabulary, testing them one by one with
	// strings.Contains cost as much as the patterns), except the short
	// ones ("the", "ers"), which begin too many places: they are looked
	// for when asked about.
	long, short needleIndex
	needed      []bool // a cue needs the needle: find reports whether one of these occurs
	indexed     []bool // find looks for the needle
}

type compiledCue struct {
	*cue
	needs []int // indexes into matcher.needles
	// holds is what every match of the pattern holds: a text without it
	// is rejected before the pattern runs. On text dense with legal
	// vocabulary a cue's own literals are in most sentences, and the
	// pattern would run, and fail, on each.
	holds litCond
	alts  []cueAlt // the pattern's alternatives, searched one by one
}

// cueAlt is one alternative of a cue's pattern (the whole pattern when it
// is no choice of alternatives). Each has its own start literals and
// literal condition: "liability … shall not exceed" needs "exceed", and
// on a dense text "total liability" is in most sentences while "exceed"
// is in few.
type cueAlt struct {
	re     *regexp.Regexp // searched everywhere when starts is nil
	starts []int          // needles one of which every match starts with; nil: search unanchored
	anchor *regexp.Regexp // the alternative anchored at a start (anchored)
	// holds is what every match of the alternative holds. A run at a
	// start needs one occurrence of its literals after the start, so
	// that runs from the places no match can begin are spared: "no …
	// liability" from a 'not' with no 'liability' after it.
	holds litCond
}

// cueHits is what is known of one sentence: which literals occur and
// where. Reused from sentence to sentence.
type cueHits struct {
	found bitset       // the needles that occur: those find looks for, the others once asked about
	known bitset       // the needles find does not look for that were asked about
	occ   []occurrence // every occurrence find found, in the order of the text
	// The places of each needle: those find looks for made from occ when
	// first asked for, the others when asked about.
	pos     [][]int
	posMade bool
	starts  []int // scratch: where the matches of a cue may start
}

// occurrence is a place of a needle in a sentence.
type occurrence struct {
	needle uint16
	at     int32
}

func (m *matcher) newHits() *cueHits {
	// The positions are made on first use: most texts never ask for them.
	return &cueHits{found: newBitset(len(m.needles)), known: newBitset(len(m.needles))}
}

// anyFound reports whether one of the needles idx occurs, after find
// (all of them looked for by find).
func (h *cueHits) anyFound(idx []int) bool {
	for _, j := range idx {
		if h.found.has(j) {
			return true
		}
	}
	return false
}

// has reports whether needle j occurs in s, after find(s, h).
func (m *matcher) has(j int, s string, h *cueHits) bool {
	if !m.indexed[j] && !h.known.has(j) {
		m.look(j, s, h)
	}
	return h.found.has(j)
}

// look records in h where needle j, which find does not look for,
// occurs in s.
func (m *matcher) look(j int, s string, h *cueHits) {
	h.known.set(j)
	pos := h.positionLists(len(m.needles))
	n := m.needles[j]
	p := pos[j][:0]
	for off := 0; ; {
		i := strings.Index(s[off:], n)
		if i < 0 {
			break
		}
		p = append(p, off+i)
		off += i + 1
	}
	pos[j] = p
	if len(p) > 0 {
		h.found.set(j)
	}
}

// positionLists returns h.pos, made for n needles.
func (h *cueHits) positionLists(n int) [][]int {
	if h.pos == nil {
		h.pos = make([][]int, n)
	}
	return h.pos
}

// bitset is a set of small integers.
type bitset []uint64

func newBitset(n int) bitset    { return make(bitset, (n+63)/64) }
func (b bitset) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bitset) set(i int)      { b[i>>6] |= 1 << (i & 63) }

// find records in h the literals that occur in s, and where, and reports
// whether one a cue needs does.
func (m *matcher) find(s string, h *cueHits) bool {
	clear(h.found)
	clear(h.known)
	h.occ = h.occ[:0]
	h.posMade = false
	any := false
	for i := 0; i+1 < len(s); i++ {
		if k := pairKey(s[i:]); m.short.bits.has(k) && m.findAt(s, i, m.short.of(k), h) {
			any = true
		}
		if i+3 < len(s) {
			if k := quadKey(s[i:]); m.long.bits.has(k) && m.findAt(s, i, m.long.of(k), h) {
				any = true
			}
		}
	}
	return any
}

// findAt records in h the needles js that s[i:] begins with, and reports
// whether one a cue needs was there.
func (m *matcher) findAt(s string, i int, js []uint16, h *cueHits) bool {
	any := false
	for _, j := range js {
		if strings.HasPrefix(s[i:], m.needles[j]) {
			h.found.set(int(j))
			h.occ = append(h.occ, occurrence{j, int32(i)})
			any = any || m.needed[j]
		}
	}
	return any
}

// needleIndex lists needles by a key of how they begin: the needles of
// key k are list[at[k]:at[k+1]].
type needleIndex struct {
	bits bitset // the keys with needles
	at   []uint16
	list []uint16
}

func (x *needleIndex) of(k int) []uint16 { return x.list[x.at[k]:x.at[k+1]] }

// newNeedleIndex indexes needles js by key.
func newNeedleIndex(needles []string, js []int, key func(string) int) needleIndex {
	x := needleIndex{bits: newBitset(1 << 16), at: make([]uint16, 1<<16+1)}
	byKey := make([][]uint16, 1<<16)
	for _, j := range js {
		k := key(needles[j])
		byKey[k] = append(byKey[k], uint16(j))
		x.bits.set(k)
	}
	for k, l := range byKey {
		x.list = append(x.list, l...)
		x.at[k+1] = uint16(len(x.list))
	}
	return x
}

// pairKey is the key of the first two bytes of s.
func pairKey(s string) int { return int(s[0])<<8 | int(s[1]) }

// quadKey is a 16-bit hash of the first four bytes of s.
func quadKey(s string) int {
	v := uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
	return int((v * 0x9e3779b1) >> 16)
}

// positions returns where needle j occurs in s, in order, after
// find(s, h).
func (m *matcher) positions(j int, s string, h *cueHits) []int {
	if !m.has(j, s, h) {
		return nil
	}
	if m.indexed[j] && !h.posMade {
		pos := h.positionLists(len(m.needles))
		for _, o := range h.occ {
			pos[o.needle] = pos[o.needle][:0]
		}
		for _, o := range h.occ {
			pos[o.needle] = append(pos[o.needle], int(o.at))
		}
		h.posMade = true
	}
	return h.pos[j]
}

// lastIndex returns where needle j occurs last in s, -1 when it does
// not, after find(s, h).
func (m *matcher) lastIndex(j int, s string, h *cueHits) int {
	p := m.positions(j, s, h)
	if len(p) == 0 {
		return -1
	}
	return p[len(p)-1]
}

// matches reports whether cue cu matches s, after find(s, h).
func (m *matcher) matches(cu *compiledCue, s string, h *cueHits) bool {
	if !h.anyFound(cu.needs) {
		return false
	}
	if cu.re == nil {
		return true
	}
	if !m.holds(cu.holds, s, h) {
		return false
	}
	for i := range cu.alts {
		if m.altMatches(&cu.alts[i], s, h) {
			return true
		}
	}
	return false
}

// altMatches reports whether the alternative a matches s, after
// find(s, h).
func (m *matcher) altMatches(a *cueAlt, s string, h *cueHits) bool {
	if !m.holds(a.holds, s, h) {
		return false
	}
	if a.starts == nil {
		return a.re.MatchString(s)
	}
	// Start literals may overlap ("release", "releases"): the pattern
	// runs once at each place.
	at := h.starts[:0]
	for _, j := range a.starts {
		at = append(at, m.positions(j, s, h)...)
	}
	if len(a.starts) > 1 {
		slices.Sort(at)
		at = slices.Compact(at)
	}
	h.starts = at
	for _, p := range at {
		from := max(0, p-1)
		if !m.holdsFrom(a.holds, from, s, h) {
			return false // nor from any later start
		}
		if a.anchor.MatchString(s[from:]) {
			return true
		}
	}
	return false
}

// holds reports whether s (after find(s, h)) meets the literal condition
// c.
func (m *matcher) holds(c litCond, s string, h *cueHits) bool {
	if c == nil {
		return true
	}
alternatives:
	for _, all := range c {
		for _, oneOf := range all {
			if !m.hasAny(oneOf, s, h) {
				continue alternatives
			}
		}
		return true
	}
	return false
}

// holdsFrom reports whether s[from:] meets the literal condition c, after
// find(s, h) and holds(c, s, h).
func (m *matcher) holdsFrom(c litCond, from int, s string, h *cueHits) bool {
	if c == nil {
		return true
	}
alternatives:
	for _, all := range c {
	sets:
		for _, oneOf := range all {
			for _, j := range oneOf {
				if m.lastIndex(j, s, h) >= from {
					continue sets
				}
			}
			continue alternatives
		}
		return true
	}
	return false
}

func (m *matcher) hasAny(js []int, s string, h *cueHits) bool {
	for _, j := range js {
		if m.has(j, s, h) {
			return true
		}
	}
	return false
}

func newMatcher(cs []cue) (*matcher, error) {
	m := &matcher{}
	index := map[string]int{}
	needle := func(n string) int {
		j, ok := index[n]
		if !ok {
			j = len(m.needles)
			index[n] = j
			m.needles = append(m.needles, n)
		}
		return j
	}
	for i := range cs {
		cu := &cs[i]
		cc := compiledCue{cue: cu}
		if cu.pattern != "" {
			re, err := regexp.Compile(cu.pattern)
			if err != nil {
				return nil, fmt.Errorf("lexicon/%s.lex: cue %q: %w", cu.lang, cu.name, err)
			}
			cu.re = re
			cc.holds = literalCondition(re, needle)
			for _, alt := range alternatives(cu.pattern) {
				a := cueAlt{re: regexp.MustCompile(alt)} // part of a pattern that compiled
				a.holds = literalCondition(a.re, needle)
				if lits := startLiterals(alt); lits != nil {
					a.anchor = anchored(alt)
					for _, l := range lits {
						a.starts = append(a.starts, needle(l))
					}
				}
				cc.alts = append(cc.alts, a)
			}
		}
		for _, n := range cu.need {
			cc.needs = append(cc.needs, needle(n))
		}
		m.cues = append(m.cues, cc)
	}
	if err := m.index(); err != nil {
		return nil, err
	}
	return m, nil
}

// index makes the index of the needles that find goes by.
func (m *matcher) index() error {
	m.needed = make([]bool, len(m.needles))
	for _, cc := range m.cues {
		for _, j := range cc.needs {
			m.needed[j] = true
		}
	}
	m.indexed = make([]bool, len(m.needles))
	var long, short []int
	for j, n := range m.needles {
		m.indexed[j] = m.needed[j] || len(n) >= 4
		switch {
		case len(n) < 2:
			return fmt.Errorf("lexicon: literal %q shorter than two bytes", n)
		case !m.indexed[j]:
		case len(n) >= 4:
			long = append(long, j)
		default:
			short = append(short, j)
		}
	}
	if len(m.needles) >= 1<<16 {
		return fmt.Errorf("lexicon: %d literals, more than find can index", len(m.needles))
	}
	m.long, m.short = newNeedleIndex(m.needles, long, quadKey), newNeedleIndex(m.needles, short, pairKey)
	return nil
}

// anchored returns pattern anchored at a start, with one byte of context
// before it: "(?s:.)?" takes the byte before the start, so that a \b at
// the start of the pattern sees what precedes it; a match that starts on
// that byte instead is a match too. The anchored pattern only tells
// whether there is a match, so its repetitions are made lazy: that
// changes which match a search finds, not whether it finds one, and the
// backtracker finds the short matches cues have ("not … liable" within
// six words) without first taking all the words it may and giving them
// back one by one (a match at "indirect, incidental or consequential
// damages" 1.5 µs greedy, 0.3 µs lazy).
func anchored(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`^(?s:.)?(?:` + lazyPattern(pattern) + `)`)
}

// lazyPattern returns pattern with every repetition made lazy: a "?"
// after each "*", "+", "?" and "{n,m}" that has none. It rewrites the
// text, not the parsed pattern: printing a parsed pattern
// (syntax.Regexp.String) folds the case of every class, half a second
// for the lexicons. A pattern that sets the flag U (which swaps greedy
// and lazy) is returned as it is.
func lazyPattern(p string) string {
	var b strings.Builder
	b.Grow(len(p) + len(p)/4)
	quantified := func(i int) int { // p[:i] ends with a quantifier
		if i < len(p) && p[i] == '?' {
			b.WriteByte('?')
			return i + 1
		}
		b.WriteByte('?')
		return i
	}
	for i := 0; i < len(p); {
		switch c := p[i]; {
		case c == '\\':
			j := min(i+2, len(p))
			if j < len(p) && p[j] == '{' && strings.IndexByte("pPx", p[i+1]) >= 0 {
				j += strings.IndexByte(p[j:], '}') + 1
			}
			b.WriteString(p[i:j])
			i = j
		case c == '[':
			j := classEnd(p, i)
			b.WriteString(p[i:j])
			i = j
		case c == '(' && strings.HasPrefix(p[i:], "(?"):
			j := i + 2
			if j < len(p) && (p[j] == 'P' || p[j] == '<') {
				j += strings.IndexByte(p[j:], '>') + 1
			} else {
				k := strings.IndexAny(p[j:], ":)")
				if k < 0 {
					return p
				}
				if strings.IndexByte(p[j:j+k], 'U') >= 0 {
					return p
				}
				j += k + 1
			}
			b.WriteString(p[i:j])
			i = j
		case c == '*' || c == '+' || c == '?':
			b.WriteByte(c)
			i = quantified(i + 1)
		case c == '{' && repeatEnd(p, i) > i:
			j := repeatEnd(p, i)
			b.WriteString(p[i:j])
			i = quantified(j)
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// classEnd returns the end of the class of characters that starts at
// p[i] ("[").
func classEnd(p string, i int) int {
	j := i + 1
	if j < len(p) && p[j] == '^' {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++ // a "]" first is a literal
	}
	for j < len(p) {
		switch {
		case p[j] == '\\':
			j += 2
		case strings.HasPrefix(p[j:], "[:"):
			if k := strings.Index(p[j+2:], ":]"); k >= 0 {
				j += k + 4
			} else {
				j++
			}
		case p[j] == ']':
			return j + 1
		default:
			j++
		}
	}
	return len(p)
}

// repeatEnd returns the end of the repetition "{n}", "{n,}" or "{n,m}"
// that starts at p[i], or i when a literal "{" is there.
func repeatEnd(p string, i int) int {
	j := i + 1
	digits := func() bool {
		k := j
		for j < len(p) && p[j] >= '0' && p[j] <= '9' {
			j++
		}
		return j > k
	}
	if !digits() {
		return i
	}
	if j < len(p) && p[j] == ',' {
		j++
		digits()
	}
	if j < len(p) && p[j] == '}' {
		return j + 1
	}
	return i
}

// alternatives returns the alternatives of pattern at its top ("a|b|c"),
// or the pattern alone when it has none there, or when it sets a flag
// that would hold across them ("(?i)a|b").
func alternatives(p string) []string {
	var out []string
	from, depth := 0, 0
	for i := 0; i < len(p); {
		switch p[i] {
		case '\\':
			i += 2
			continue
		case '[':
			i = classEnd(p, i)
			continue
		case '(':
			if k := strings.IndexAny(p[i:], ":)"); strings.HasPrefix(p[i:], "(?") && k >= 0 && p[i+k] == ')' {
				return []string{p}
			}
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, p[from:i])
				from = i + 1
			}
		}
		i++
	}
	return append(out, p[from:])
}

// startSearch is a pattern searched only from where its matches can
// start, the places of its start literals, as the cue matcher does: a
// search from every place of a text costs the pattern's length times the
// text's (45 µs for "loss of data" on each of the 383 stretches of a
// dense text's liability clauses that hold "data", a fifth of comparing
// two such texts).
type startSearch struct {
	re     *regexp.Regexp
	anchor *regexp.Regexp // the pattern anchored at a start, one byte of context before it; nil: re is searched everywhere
	starts []string
}

func newStartSearch(pattern string) *startSearch {
	x := &startSearch{re: regexp.MustCompile(pattern)}
	if lits := startLiterals(pattern); lits != nil {
		x.anchor = anchored(pattern)
		x.starts = lits
	}
	return x
}

// MatchString reports whether the pattern matches s.
func (x *startSearch) MatchString(s string) bool {
	if x.anchor == nil {
		return x.re.MatchString(s)
	}
	for _, l := range x.starts {
		for off := 0; ; {
			i := strings.Index(s[off:], l)
			if i < 0 {
				break
			}
			p := off + i
			if x.anchor.MatchString(s[max(0, p-1):]) {
				return true
			}
			off = p + 1
		}
	}
	return false
}

// startLiterals returns literals, each at least two bytes long, one of
// which begins every match of pattern; nil when the pattern does not
// allow so few (it starts with a class of characters, an optional part,
// …).
func startLiterals(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	lits, ok := prefixes(re)
	if !ok || len(lits) == 0 {
		return nil
	}
	for _, l := range lits {
		if len(l) < 2 {
			return nil
		}
	}
	return lits
}

// maxPrefixes bounds the sets prefixes builds.
const maxPrefixes = 64

// prefixes returns strings one of which begins every match of re.
func prefixes(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpConcat:
		acc := []string{""}
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpWordBoundary && len(acc) == 1 && acc[0] == "" {
				continue // checked by the anchored pattern itself
			}
			if set, ok := exact(sub); ok {
				acc = cross(acc, set)
				if acc == nil {
					return nil, false
				}
				continue
			}
			if p, ok := prefixes(sub); ok {
				if next := cross(acc, p); next != nil {
					return next, true
				}
			}
			return acc, acc[0] != ""
		}
		return acc, true
	case syntax.OpAlternate:
		return union(re.Sub, prefixes)
	case syntax.OpCapture, syntax.OpPlus:
		return prefixes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return prefixes(re.Sub[0])
		}
	}
	if set, ok := exact(re); ok {
		return set, true
	}
	return nil, false
}

// exact returns the strings re matches when they are few and re matches
// nothing else.
func exact(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if out = append(out, string(r)); len(out) > 4 {
					return nil, false
				}
			}
		}
		return out, true
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpAlternate:
		return union(re.Sub, exact)
	case syntax.OpConcat:
		acc := []string{""}
		for _, sub := range re.Sub {
			s, ok := exact(sub)
			if !ok {
				return nil, false
			}
			if acc = cross(acc, s); acc == nil {
				return nil, false
			}
		}
		return acc, true
	}
	return nil, false
}

// union returns the strings f gives for every alternative, when it gives
// some for each and not too many in all.
func union(alts []*syntax.Regexp, f func(*syntax.Regexp) ([]string, bool)) ([]string, bool) {
	var out []string
	for _, sub := range alts {
		s, ok := f(sub)
		if !ok {
			return nil, false
		}
		out = append(out, s...)
	}
	return out, len(out) <= maxPrefixes
}

// cross returns every a+b, or nil when there would be too many.
func cross(as, bs []string) []string {
	if len(as)*len(bs) > maxPrefixes {
		return nil
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return out
}

// litCond is a condition on the literals of a text: it holds when, for
// one of its alternatives, each set of the alternative has a literal
// that occurs in the text (needle indexes). nil always holds.
type litCond [][][]int

// minHeld is the shortest literal a condition tests: shorter ones are in
// nearly every sentence.
const minHeld = 3

// maxHeldAlternatives bounds the alternatives of a condition.
const maxHeldAlternatives = 16

// literalCondition returns the literals every match of re holds (re runs
// on lower-cased text), as needles; nil when it finds none worth
// testing. The condition is necessary, not sufficient: it spares the
// pattern the texts that cannot match.
func literalCondition(re *regexp.Regexp, needle func(string) int) litCond {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	var out litCond
	for _, all := range held(parsed) {
		if len(all) == 0 {
			return nil // an alternative that holds no literal: no test
		}
		var sets [][]int
		for _, oneOf := range all {
			var js []int
			for _, l := range oneOf {
				js = append(js, needle(l))
			}
			sets = append(sets, js)
		}
		out = append(out, sets)
	}
	return out
}

// heldDNF is what the matches of a pattern hold: one of its alternatives,
// each a list of sets of literals of which one occurs. An alternative
// without sets holds nothing.
type heldDNF [][][]string

var holdsNothing = heldDNF{{}}

// held returns the literals every match of re holds.
func held(re *syntax.Regexp) heldDNF {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(string(re.Rune)) < minHeld {
			return holdsNothing
		}
		return heldDNF{{{string(re.Rune)}}}
	case syntax.OpCapture, syntax.OpPlus:
		return held(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return held(re.Sub[0])
		}
	case syntax.OpConcat:
		acc := holdsNothing
		for _, sub := range re.Sub {
			acc = both(acc, held(sub))
		}
		return acc
	case syntax.OpAlternate:
		var out heldDNF
		oneSet := true // every alternative holds one set: the whole holds their union
		for _, sub := range re.Sub {
			d := held(sub)
			for _, all := range d {
				if len(all) == 0 {
					return holdsNothing
				}
				oneSet = oneSet && len(all) == 1
			}
			out = append(out, d...)
		}
		if oneSet || len(out) > maxHeldAlternatives {
			return heldDNF{{impliedSet(out)}}
		}
		return out
	}
	return holdsNothing
}

// both returns what a match of a followed by one of b holds.
func both(a, b heldDNF) heldDNF {
	if len(a)*len(b) > maxHeldAlternatives {
		// Too many alternatives: each side becomes the one set they all
		// imply.
		a, b = collapse(a), collapse(b)
	}
	var out heldDNF
	for _, x := range a {
		for _, y := range b {
			out = append(out, append(slices.Clip(x), y...))
		}
	}
	return out
}

// collapse returns d as one alternative of one set.
func collapse(d heldDNF) heldDNF {
	set := impliedSet(d)
	if set == nil {
		return holdsNothing
	}
	return heldDNF{{set}}
}

// impliedSet returns one set of literals that each alternative of d
// implies: the union of a set of each (the one whose shortest literal is
// longest); nil when an alternative holds nothing.
func impliedSet(d heldDNF) []string {
	var out []string
	for _, all := range d {
		if len(all) == 0 {
			return nil
		}
		best, bestLen := 0, -1
		for i, oneOf := range all {
			short := len(oneOf[0])
			for _, l := range oneOf {
				short = min(short, len(l))
			}
			if short > bestLen {
				best, bestLen = i, short
			}
		}
		for _, l := range all[best] {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}
