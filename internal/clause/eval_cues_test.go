package clause

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/toswatch/toswatch/internal/model"
)

// The indemnification cues were written having seen the training
// documents, so cross-validating the model over them still tests each
// fold with cues taken from its own wording. TestEvalIndemnityCues
// estimates what the detector would find in documents nobody wrote a cue
// from: every top-level alternative of an indemnity cue, and every
// indemnification heading word, is a unit; a unit is attested by a
// document when it fires on one of its indemnification lines (core, part
// or heading). Cross-validation is run again with, for each fold, only
// the units attested by the documents of the other folds (in the unit's
// language): a wording that only the held-out documents use is a
// wording learnt from them. See docs/EVALUATION.md.

// cueUnit is one alternative of an indemnity cue, or one indemnification
// heading word.
type cueUnit struct {
	lang, section, key string
	alt                int    // index among the cue's alternatives
	src                string // the alternative as written
	re                 *regexp.Regexp
	need               []string // the cue's literals, one of which must occur
}

func (u cueUnit) String() string {
	return fmt.Sprintf("%s [%s] %s #%d %.60s", u.lang, u.section, u.key, u.alt, u.src)
}

func (u cueUnit) fires(low string) bool {
	if u.section == "heading.indemnity" {
		return strings.Contains(low, u.src)
	}
	if !slices.ContainsFunc(u.need, func(n string) bool { return strings.Contains(low, n) }) {
		return false
	}
	return u.re == nil || u.re.MatchString(low)
}

// indemUnitSections are the sections whose entries are split into units.
var indemUnitSections = []string{"indemnity.strong", "indemnity.weak", "indemnity.family", "heading.indemnity"}

// indemUnits splits the indemnity cues and headings of lx into units.
func indemUnits(t *testing.T, lx *lexicon) []cueUnit {
	var out []cueUnit
	for _, f := range lx.files {
		for _, section := range indemUnitSections {
			for _, e := range f.sections[section] {
				u := cueUnit{lang: f.lang, section: section, key: e.key, need: strings.Split(e.value, "|")}
				switch {
				case section == "heading.indemnity":
					u.src = e.key
					out = append(out, u)
				case e.pattern == "":
					// A cue of literals alone: each literal is a unit.
					for i, n := range u.need {
						v := u
						v.alt, v.src, v.need = i, n, []string{n}
						out = append(out, v)
					}
				default:
					for i, alt := range topAlternatives(e.pattern) {
						v := u
						v.alt, v.src = i, alt
						v.re = regexp.MustCompile(expandMacros(t, lx, alt))
						out = append(out, v)
					}
				}
			}
		}
	}
	return out
}

// topAlternatives splits a pattern at its top-level bars.
func topAlternatives(p string) []string {
	var out []string
	depth, class, start := 0, false, 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
			if i+1 < len(p) && p[i+1] == ']' {
				i++
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

// restrictedLexicon returns the shipped lexicon without the units keep
// rejects: a cue left without alternatives is dropped.
func restrictedLexicon(t testing.TB, units []cueUnit, keep func(i int) bool) *lexicon {
	type entryID struct{ lang, section, key string }
	alts := map[entryID][]string{}
	dropped := map[entryID]bool{}
	for i, u := range units {
		id := entryID{u.lang, u.section, u.key}
		if keep(i) {
			alts[id] = append(alts[id], u.src)
		} else {
			dropped[id] = true
		}
	}
	fsys := fstest.MapFS{}
	for _, f := range lex().files {
		var b strings.Builder
		for _, section := range slices.Sorted(maps.Keys(f.sections)) {
			fmt.Fprintf(&b, "[%s]\n", section)
			for _, e := range f.sections[section] {
				id := entryID{f.lang, section, e.key}
				value, pattern := e.value, e.pattern
				if dropped[id] {
					kept := alts[id]
					if len(kept) == 0 {
						continue
					}
					if section == "heading.indemnity" {
						// A word entry: kept whole.
					} else if pattern == "" {
						value = strings.Join(kept, "|")
					} else {
						pattern = strings.Join(kept, "|")
					}
				}
				b.WriteString(e.key)
				if value != "" || pattern != "" {
					b.WriteString(": " + value)
				}
				b.WriteString("\n")
				if pattern != "" {
					b.WriteString("\t" + pattern + "\n")
				}
			}
		}
		fsys["lexicon/"+f.lang+".lex"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	lx, err := loadLexicon(fsys)
	if err != nil {
		t.Fatalf("restricted lexicon: %v", err)
	}
	return lx
}

// withLexicon runs f with lx in place of the shipped lexicon.
func withLexicon(lx *lexicon, f func()) {
	saved := lex
	lex = func() *lexicon { return lx }
	defer func() { lex = saved }()
	f()
}

// attestations returns, for each unit, the documents (by name) on whose
// indemnification lines it fires, in its language.
func attestations(docs []corpusDoc, units []cueUnit) []map[string]bool {
	out := make([]map[string]bool, len(units))
	for i := range out {
		out[i] = map[string]bool{}
	}
	for _, d := range docs {
		for j, s := range d.sents {
			if d.indem[j] == goldNo {
				continue
			}
			low := strings.ToLower(s.Text)
			for i, u := range units {
				if (u.lang == d.lang || u.lang == "all") && u.fires(low) {
					out[i][d.name] = true
				}
			}
		}
	}
	return out
}

// reachable returns, for each line of d, whether detection may flag it as
// an indemnity: a sentence in it is a candidate of the model or follows
// the one before it.
func reachable(d scannedDoc) []bool {
	out := make([]bool, len(d.sents))
	for i := range d.recs {
		if indemCandidate(d.recs, i) || d.recs[i].attachedIndem() {
			out[sort.SearchInts(d.starts, d.recs[i].start+1)-1] = true
		}
	}
	return out
}

// reach counts core lines reachable by detection.
type reach struct{ core, reached int }

func (r reach) String() string {
	return fmt.Sprintf("%.3f (%d of %d)", ratio(r.reached, r.core), r.reached, r.core)
}

func (r *reach) add(t *testing.T, d scannedDoc, what string) {
	verbose := what != "" && os.Getenv("CLAUSE_EVAL_VERBOSE") == what && !frozenDocs[d.name]
	for j, ok := range reachable(d) {
		if d.indem[j] == goldCore {
			r.core++
			if ok {
				r.reached++
			} else if verbose {
				t.Logf("unreachable %s %s:%d %.200s", d.lang, d.name, d.sents[j].Line, d.sents[j].Text)
			}
		}
	}
}

// TestEvalIndemnityCues reports, on the training split only, how much of
// indemnification detection rests on wordings of one document: the units
// no other document attests, the core sentences that only they make
// candidates, and cross-validation with each fold's lexicon restricted to
// the units the other folds attest (mean and spread over the fold
// assignments of TestEvalUnfairTOS).
func TestEvalIndemnityCues(t *testing.T) {
	if raceEnabled {
		t.Skip("trains 25 models: run without -race")
	}
	var docs []corpusDoc
	for _, d := range loadCorpus(t) {
		if !frozenDocs[d.name] {
			docs = append(docs, d)
		}
	}
	units := indemUnits(t, lex())
	att := attestations(docs, units)
	// A unit is kept for the held-out documents when some other document
	// attests it, or when none does (it was not written from them).
	attestedElsewhere := func(i int, held func(string) bool) bool {
		for n := range att[i] {
			if !held(n) {
				return true
			}
		}
		return len(att[i]) == 0
	}
	single := 0
	for i, u := range units {
		switch len(att[i]) {
		case 0:
		case 1:
			single++
			t.Logf("unit of one document (%s): %v", slices.Collect(maps.Keys(att[i]))[0], u)
		}
	}
	t.Logf("indemnity units: %d; attested by no training document %d, by one %d",
		len(units), len(units)-len(slices.DeleteFunc(slices.Clone(att), func(m map[string]bool) bool { return len(m) == 0 })), single)

	// Leave one document out: which core lines stay reachable when the
	// units only that document attests are gone?
	full, loo := map[string]*reach{}, map[string]*reach{}
	for _, l := range evalLangs {
		full[l], loo[l] = &reach{}, &reach{}
	}
	scannedFull := scanCorpus(docs)
	for _, d := range scannedFull {
		full[d.lang].add(t, d, "reach")
		full["all"].add(t, d, "")
	}
	// The restricted lexicons are written out and read again: with every
	// unit kept, that must change nothing.
	same := &reach{}
	withLexicon(restrictedLexicon(t, units, func(int) bool { return true }), func() {
		for _, d := range scanCorpus(docs) {
			same.add(t, d, "")
		}
	})
	if *same != *full["all"] {
		t.Fatalf("the lexicon written out and read again reaches %v, the shipped one %v", same, full["all"])
	}
	for _, name := range slices.Sorted(maps.Keys(names(scannedFull))) {
		lx := restrictedLexicon(t, units, func(i int) bool { return attestedElsewhere(i, func(n string) bool { return n == name }) })
		var own []corpusDoc
		for _, d := range docs {
			if d.name == name {
				own = append(own, d)
			}
		}
		withLexicon(lx, func() {
			for _, d := range scanCorpus(own) {
				loo[d.lang].add(t, d, "reach-loo")
				loo["all"].add(t, d, "")
			}
		})
	}
	for _, l := range evalLangs {
		t.Logf("indemnification %-3s core lines reachable: shipped lexicon %v; without the units of the document itself %v", l, full[l], loo[l])
	}

	// Cross-validation with each fold's lexicon restricted to what the
	// other folds attest.
	f1s := map[string][]float64{}
	var first byLang
	for a := range cvAssignments {
		order := slices.Sorted(maps.Keys(names(scannedFull)))
		if a > 0 {
			r := rand.New(rand.NewPCG(uint64(a), 7))
			r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		fold := map[string]int{}
		for i, n := range order {
			fold[n] = i % cvFolds
		}
		res, rr := newByLang(), map[string]*reach{}
		for _, l := range evalLangs {
			rr[l] = &reach{}
		}
		for k := range cvFolds {
			lx := restrictedLexicon(t, units, func(i int) bool {
				return attestedElsewhere(i, func(n string) bool { return fold[n] == k })
			})
			withLexicon(lx, func() {
				sd := scanCorpus(docs)
				var train []*example
				for i := range sd {
					if fold[sd[i].name] != k {
						train = appendExamples(train, sd[i].exsIndem)
					}
				}
				lm := &learnedModels{indem: trainModel(train, trainLangs, shippedIndemConfig)}
				for _, d := range sd {
					if fold[d.name] == k {
						_, pi := d.predict(lm)
						res.add(t, d.corpusDoc, pi, d.indem, map[bool]string{true: "restricted"}[a == 0])
						rr[d.lang].add(t, d, "")
						rr["all"].add(t, d, "")
					}
				}
			})
		}
		if a == 0 {
			first = res
			for _, l := range evalLangs {
				t.Logf("indemnification %-3s restricted lexicon, assignment 0: core lines reachable %v", l, rr[l])
			}
		}
		for _, l := range evalLangs {
			f1s[l] = append(f1s[l], res[l].f1())
		}
	}
	for _, l := range evalLangs {
		s := spreadOf(f1s[l])
		t.Logf("%s %-3s CV with the lexicon of the other folds, assignment 0: %v", model.Indemnification, l, first[l])
		t.Logf("%s %-3s CV with the lexicon of the other folds, F1 over %d assignments: mean %.3f sd %.3f", model.Indemnification, l, cvAssignments, s.mean, s.sd)
	}
}
