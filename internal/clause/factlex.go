package clause

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/toswatch/toswatch/internal/model"
)

// The vocabulary of clause facts: how caps, their periods and amounts and
// the carve-outs from them are worded, read from the same lexicon files
// as the detector's cues (sections cap.*, carve-out, period.*, number,
// currency*), every language's at once: a cap is read in whatever
// language it is written, whatever the document's main language.

// factCueSections are the sections of fact cues, matched by one matcher.
var factCueSections = []string{"cap.limit", "cap.fees", "cap.lesser", "cap.greater", "carve-out", "period.year",
	"cap.exception", "cap.exception-to-limit", "party.mutual", "party.you", "party.provider", "indemnity.verb", "covers",
	"scope.free", "scope.beta", "indemnity.limit"}

// factLex is the compiled vocabulary of clause facts.
type factLex struct {
	cues      *matcher
	section   []string       // the section of each cue of cues, by index
	sectionID map[string]int // index of each section in factCueSections
	bySection [][]int        // the cues of each section, by its index in factCueSections
	// Words.
	numbers       map[string]float64 // number words of amounts
	periodNumbers map[string]int     // number words of periods
	unitMonths    map[string]int     // the months each unit of a period counts
	periodUnit    *regexp.Regexp     // a unit of a period
	unitAt        *regexp.Regexp     // periodUnit anchored at the start of the text
	unitStarts    *literals          // the units, each of which begins with a letter of ASCII
	periodNumber  *regexp.Regexp     // the number (and adjective) before a unit, at the end of the text it runs on
	currencyStems []string           // starts of currency names, longest first
	currencyCode  map[string]string  // ISO 4217 code of each stem
	qualifiers    map[string]string  // words before a currency that name another one
	moneyAfter    *regexp.Regexp     // an amount in digits followed by its currency
	moneyWords    *regexp.Regexp     // an amount in words followed by its currency
	// Literals, one of which a text holds to be worth the patterns:
	currencyNames *literals // the currency stems
	measures      *literals // a money sign, a currency code or stem, or %: hasMeasure's
	capAmounts    *literals // a digit, $, €, £ or a currency stem: capAbove's
}

// facts returns the shipped vocabulary of clause facts, compiled on first
// use.
var facts = sync.OnceValue(func() *factLex {
	fl, err := loadFactLex(lex())
	if err != nil {
		panic(err)
	}
	return fl
})

func loadFactLex(lx *lexicon) (*factLex, error) {
	fl := &factLex{numbers: map[string]float64{}, periodNumbers: map[string]int{}, unitMonths: map[string]int{},
		currencyCode: map[string]string{}, qualifiers: map[string]string{}}
	var cues []cue
	for _, f := range lx.files {
		for _, section := range factCueSections {
			for _, e := range f.sections[section] {
				cues = append(cues, cue{lang: f.lang, name: e.key, need: strings.Split(e.value, "|"), pattern: e.pattern})
				fl.section = append(fl.section, section)
			}
		}
		for _, e := range f.sections["number"] {
			v, err := strconv.ParseFloat(e.value, 64)
			if err != nil {
				return nil, fmt.Errorf("lexicon/%s.lex:%d: [number] %s: %w", f.lang, e.line, e.key, err)
			}
			fl.numbers[e.key] = v
		}
		for _, sec := range []struct {
			name string
			m    map[string]int
		}{{"period.number", fl.periodNumbers}, {"period.unit", fl.unitMonths}} {
			for _, e := range f.sections[sec.name] {
				v, err := strconv.Atoi(e.value)
				if err != nil {
					return nil, fmt.Errorf("lexicon/%s.lex:%d: [%s] %s: %w", f.lang, e.line, sec.name, e.key, err)
				}
				sec.m[e.key] = v
			}
		}
		for _, e := range f.sections["currency"] {
			if _, ok := fl.currencyCode[e.key]; !ok {
				fl.currencyStems = append(fl.currencyStems, e.key)
			}
			fl.currencyCode[e.key] = e.value
		}
		for _, e := range f.sections["currency.qualifier"] {
			fl.qualifiers[e.key] = e.value
		}
	}
	var err error
	if fl.cues, err = newMatcher(cues); err != nil {
		return nil, err
	}
	fl.sectionID = map[string]int{}
	for i, section := range factCueSections {
		fl.sectionID[section] = i
	}
	fl.bySection = make([][]int, len(factCueSections))
	for i, section := range fl.section {
		id := fl.sectionID[section]
		fl.bySection[id] = append(fl.bySection[id], i)
	}
	// Longest first, so that an alternation prefers "dollari" to "dollar".
	slices.SortStableFunc(fl.currencyStems, func(a, b string) int { return len(b) - len(a) })
	stems := alternation(fl.currencyStems)
	quals := alternation(slices.Sorted(mapKeys(fl.qualifiers)))
	units := alternation(slices.Sorted(mapKeys(fl.unitMonths)))
	adjectives := alternation(lx.words("period.adjective"))
	fl.periodUnit = regexp.MustCompile(`\b(?:` + units + `)\b`)
	fl.unitAt = regexp.MustCompile(`^(?:` + units + `)\b`)
	if !slices.ContainsFunc(slices.Collect(mapKeys(fl.unitMonths)), func(u string) bool { return !isWordByte(u[0]) }) {
		fl.unitStarts = newLiterals(slices.Collect(mapKeys(fl.unitMonths)))
	}
	fl.periodNumber = regexp.MustCompile(`(\d{1,2}|[\pL-]+)\s*(?:\((\d{1,2})\)\s*)?[\s-]?(?:(?:` + adjectives + `)\s+)?$`)
	fl.moneyAfter = regexp.MustCompile(`(\d(?:[\d.,\x{00a0}\x{202f} ]*\d)?)\s?(\$|€|£|zł|\b(?:usd|eur|gbp|chf|cad|aud|pln|jpy|inr)\b|(?:` + stems + `)\pL*)`)
	fl.moneyWords = regexp.MustCompile(`((?:[\pL]+[\s-]+){1,4}?)((?:u\.?s\.?\s|us\s|(?:` + quals + `)\s)?(?:` + stems + `)\pL*)`)
	fl.currencyNames = newLiterals(fl.currencyStems)
	fl.measures = newLiterals([]string{"$", "€", "£", "¥", "%"}, currencyCodes, fl.currencyStems)
	fl.capAmounts = newLiterals(strings.Split("0123456789$", ""), []string{"€", "£"}, fl.currencyStems)
	return fl, nil
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// factScan is one text as the fact vocabulary sees it: the literals of
// every fact cue found in one pass, and the answers given so far.
type factScan struct {
	fl         *factLex
	s          string
	h          *cueHits
	known, yes uint32 // by section index: has was answered, and the answer
	amount     *amountRead
	main       *string      // withoutException(s), once asked
	limits     *model.Party // whose liability s's limitation limits, once asked; "" when it does not say
}

// amountRead is the first amount of money in a text, as findAmount reads
// it.
type amountRead struct {
	amt float64
	cur string
	ok  bool
}

// scan finds the literals of the fact cues in s (lower case).
func (fl *factLex) scan(s string) *factScan {
	h := fl.cues.newHits()
	fl.cues.find(s, h)
	return &factScan{fl: fl, s: s, h: h}
}

// cuesOf returns the indexes of the cues of section.
func (f *factScan) cuesOf(section string) []int {
	id, ok := f.fl.sectionID[section]
	if !ok {
		panic("clause: unknown fact section " + section)
	}
	return f.fl.bySection[id]
}

// has reports whether a cue of section matches.
func (f *factScan) has(section string) bool {
	bit := uint32(1) << f.fl.sectionID[section]
	if f.known&bit != 0 {
		return f.yes&bit != 0
	}
	f.known |= bit
	for _, i := range f.cuesOf(section) {
		if f.fl.cues.matches(&f.fl.cues.cues[i], f.s, f.h) {
			f.yes |= bit
			return true
		}
	}
	return false
}

// names returns the names of the cues of section that match, each once,
// in the order the files give them.
func (f *factScan) names(section string) []string {
	var out []string
	for _, i := range f.cuesOf(section) {
		cu := &f.fl.cues.cues[i]
		if !slices.Contains(out, cu.name) && f.fl.cues.matches(cu, f.s, f.h) {
			out = append(out, cu.name)
		}
	}
	return out
}

// first returns the span of the first match of a cue of section, or nil.
func (f *factScan) first(section string) []int {
	var best []int
	f.each(section, func(start, end int) bool {
		if best == nil || start < best[0] {
			best = []int{start, end}
		}
		return false // the later occurrences of this literal start later
	})
	return best
}

// all returns where the matches of the cues of section start, in order,
// each once.
func (f *factScan) all(section string) []int {
	var out []int
	f.each(section, func(start, _ int) bool {
		out = append(out, start)
		return true
	})
	slices.Sort(out)
	return slices.Compact(out)
}

// each calls yield with the span of a match of a cue of section around
// each occurrence of its literals, in the order of the occurrences, for
// as long as yield asks for more of the same literal. A literal alone
// matches to the end of its word; a pattern is run on a window around
// the literal, which its match holds.
func (f *factScan) each(section string, yield func(start, end int) bool) {
	f.eachNamed(section, nil, yield)
}

// firstNamed returns the span of the first match of a cue of section
// named one of names, or nil.
func (f *factScan) firstNamed(section string, names []string) []int {
	var best []int
	f.eachNamed(section, names, func(start, end int) bool {
		if best == nil || start < best[0] {
			best = []int{start, end}
		}
		return false
	})
	return best
}

// eachNamed is each for the cues of section named one of names (all of
// them when names is nil).
func (f *factScan) eachNamed(section string, names []string, yield func(start, end int) bool) {
	m := f.fl.cues
	for _, i := range f.cuesOf(section) {
		cu := &m.cues[i]
		if names != nil && !slices.Contains(names, cu.name) || !f.h.anyFound(cu.needs) || cu.re != nil && !m.holds(cu.holds, f.s, f.h) {
			continue
		}
		for _, j := range cu.needs {
			n := len(m.needles[j])
			for _, p := range m.positions(j, f.s, f.h) {
				start, end := p, p+n
				if cu.re == nil {
					for end < len(f.s) && f.s[end] != ' ' && f.s[end] != ',' && f.s[end] != '.' {
						end++
					}
				} else {
					from := max(0, p-130)
					m := cu.re.FindStringIndex(f.s[from:min(len(f.s), p+n+180)])
					if m == nil || from+m[1] <= p {
						continue
					}
					start, end = from+m[0], from+m[1]
				}
				if !yield(start, end) {
					break
				}
			}
		}
	}
}

// anyFound reports whether a literal of a cue of section was found:
// a cheap test before the cue's patterns run.
func (f *factScan) anyFound(section string) bool {
	for _, i := range f.cuesOf(section) {
		if f.h.anyFound(f.fl.cues.cues[i].needs) {
			return true
		}
	}
	return false
}

// factReader reads the facts of one clause at a time, and scans each text
// the reading asks about once: the same sentence is asked whether it
// states a cap, whose liability it limits, whether it is an exception,
// …. Not safe for concurrent use. A nil *factReader scans every time.
type factReader struct {
	fl    *factLex
	scans map[string]*factScan
	spare []*cueHits // those of the scans forgotten, for the next ones
}

func newFactReader() *factReader {
	return &factReader{fl: facts(), scans: map[string]*factScan{}}
}

// scan returns s (lower case) as the fact vocabulary sees it.
func (r *factReader) scan(s string) *factScan {
	if r == nil {
		return facts().scan(s)
	}
	if sc, ok := r.scans[s]; ok {
		return sc
	}
	var h *cueHits
	if n := len(r.spare); n > 0 {
		h, r.spare = r.spare[n-1], r.spare[:n-1]
	} else {
		h = r.fl.cues.newHits()
	}
	r.fl.cues.find(s, h)
	sc := &factScan{fl: r.fl, s: s, h: h}
	r.scans[s] = sc
	return sc
}

// amount returns the first amount of money in s (findAmount), read once:
// a sentence is asked whether it is an exception to the cap, and again
// which cap it states (the amount patterns were 10% of reading a dense
// page's facts).
func (r *factReader) amount(s string) (float64, string, bool) {
	if r == nil {
		return findAmount(s)
	}
	sc := r.scan(s)
	if sc.amount == nil {
		amt, cur, ok := findAmount(s)
		sc.amount = &amountRead{amt, cur, ok}
	}
	return sc.amount.amt, sc.amount.cur, sc.amount.ok
}

// forget drops the scans once a clause is read: the texts of the next
// clause are others.
func (r *factReader) forget() {
	if r == nil {
		return
	}
	for _, sc := range r.scans {
		r.spare = append(r.spare, sc.h)
	}
	clear(r.scans)
}

// currency returns the ISO 4217 code of a currency named by word (a
// symbol, a code or a name), and the text before it, which may qualify a
// dollar ("Canadian"); the word itself, in capitals, when unknown.
func (fl *factLex) currency(word, before string) string {
	word = strings.TrimSpace(word)
	tail := before[max(0, len(before)-20):]
	for q, code := range fl.qualifiers {
		if strings.Contains(word, q) || strings.Contains(tail, q) {
			return code
		}
	}
	switch {
	case strings.HasPrefix(word, "au") && strings.Contains(word, "$") || strings.HasPrefix(word, "a$"):
		return "AUD"
	case strings.HasPrefix(word, "ca") && strings.Contains(word, "$") || word == "c$":
		return "CAD"
	case strings.Contains(word, "$"):
		return "USD"
	case word == "€":
		return "EUR"
	case word == "£":
		return "GBP"
	case word == "¥":
		return "JPY"
	case word == "zł":
		return "PLN"
	}
	for _, stem := range fl.currencyStems {
		if strings.HasPrefix(word, stem) {
			return fl.currencyCode[stem]
		}
	}
	return strings.ToUpper(word)
}

// factMemo keeps the clauses read from a run of clause sentences, by the
// text they were read from (with where the sentences are in it), their
// offsets relative to its start: two versions of a document share most
// of their sections, and a section's facts depend on its text alone.
type factMemo map[string][]model.Clause

// clauses returns the clauses read from text[base:until] with the
// sentences run, reading them with read unless an identical stretch was
// read before.
func (m factMemo) clauses(text string, base, until int, run []sentenceHit, read func() []model.Clause) []model.Clause {
	if m == nil {
		return read()
	}
	var b strings.Builder
	b.WriteString(text[base:until])
	for _, h := range run {
		fmt.Fprintf(&b, "\x00%d:%d", h.start-base, h.end-base)
	}
	key := b.String()
	if kept, ok := m[key]; ok {
		out := make([]model.Clause, len(kept))
		for i, c := range kept {
			c.Start, c.End = c.Start+base, c.End+base
			if c.Cap != nil {
				cp := *c.Cap // the caps of the two versions are compared, never shared
				c.Cap = &cp
			}
			out[i] = c
		}
		return out
	}
	out := read()
	kept := make([]model.Clause, len(out))
	for i, c := range out {
		c.Start, c.End = c.Start-base, c.End-base
		kept[i] = c
	}
	m[key] = kept
	return out
}

// lineBefore returns where the line before the one holding offset at
// starts (the lead-in of a list the clause may be the items of).
func lineBefore(text string, at int) int {
	i := strings.LastIndexByte(text[:at], '\n')
	if i < 0 {
		return 0
	}
	before := strings.TrimRight(text[:i], " \t\n")
	return strings.LastIndexByte(before, '\n') + 1
}
