package clause

import (
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
)

func TestLiteralCondition(t *testing.T) {
	tests := []struct {
		pattern   string
		match     []string // texts the pattern matches: the condition must hold
		rejected  []string // texts the condition rejects
		holdsNone bool     // no literal worth testing
	}{
		{pattern: `\bliabilit(?:y|ies)\s+(?:\S+\s+){0,12}(?:shall|will)\s+not\s+exceed`,
			match:    []string{"our liability under these terms shall not exceed $100"},
			rejected: []string{"our liability shall not be limited", "the fees shall not exceed $100"}},
		{pattern: `\b(?:total|aggregate|maximum)\s+(?:\S+\s+){0,2}liabilit|\bliabilit(?:y|ies)\s+(?:is|are)\s+limited\s+to`,
			match:    []string{"our aggregate liability", "our liability is limited to"},
			rejected: []string{"liability of any kind", "the total amount"}},
		{pattern: `\b(?:release|releases)\b[^.;]{0,80}\bfrom\b|civil\s+code\s+1542`,
			match:    []string{"you release us from all claims", "civil code 1542"},
			rejected: []string{"you release all claims for damages"}},
		{pattern: `(?:\S+\s+){0,3}liable`, match: []string{"not liable"}, rejected: []string{"liability"}},
		{pattern: `\bno\s+(?:\S+\s+)?liability\b|\bn?or\b`, holdsNone: true},
		{pattern: `(?i)liable`, holdsNone: true},
	}
	for _, tt := range tests {
		re := regexp.MustCompile(tt.pattern)
		m := &matcher{}
		cond := literalCondition(re, func(n string) int {
			m.needles = append(m.needles, n)
			return len(m.needles) - 1
		})
		if (cond == nil) != tt.holdsNone {
			t.Errorf("%s: condition %v, want one: %v", tt.pattern, cond, !tt.holdsNone)
			continue
		}
		if err := m.index(); err != nil {
			t.Fatal(err)
		}
		check := func(s string) bool {
			h := m.newHits()
			m.find(s, h)
			return m.holds(cond, s, h)
		}
		for _, s := range tt.match {
			if !re.MatchString(s) {
				t.Fatalf("%s does not match %q: fix the test", tt.pattern, s)
			}
			if !check(s) {
				t.Errorf("%s: condition %v rejects %q, which the pattern matches", tt.pattern, cond, s)
			}
		}
		for _, s := range tt.rejected {
			if check(s) {
				t.Errorf("%s: condition %v holds for %q", tt.pattern, cond, s)
			}
		}
	}
}

// TestLiteralConditionsSound runs every cue's pattern on every sentence
// of the lexicon examples and of the corpus: no sentence a pattern
// matches may be rejected by the pattern's literal condition.
func TestLiteralConditionsSound(t *testing.T) {
	t.Run("examples", func(t *testing.T) {
		checkConditions(t, exampleSentences(t))
	})
	t.Run("corpus", func(t *testing.T) {
		checkConditions(t, corpusSentences(t))
	})
}

// exampleSentences returns the lexicons' examples, lower-cased.
func exampleSentences(t *testing.T) []string {
	t.Helper()
	var sents []string
	for _, f := range lex().files {
		for _, ex := range readLexExamples(t, filepath.Join("testdata", "lexicon", f.lang+".tsv")) {
			sents = append(sents, strings.ToLower(ex.text))
		}
	}
	return sents
}

// corpusSentences returns the sentences of the lawyer-labelled corpus,
// lower-cased; it skips t without the corpus.
func corpusSentences(t *testing.T) []string {
	t.Helper()
	corpustest.Dir(t, "unfair-tos")
	var sents []string
	for _, lang := range trainLangs {
		_, docs := loadDocs(t, filepath.Join(unfairTOSDir, "sentences-"+lang+".jsonl"))
		for _, ds := range docs {
			for _, s := range ds {
				sents = append(sents, strings.ToLower(s.Text))
			}
		}
	}
	return sents
}

func checkConditions(t *testing.T, sents []string) {
	t.Helper()
	for _, m := range []*matcher{lex().cues, facts().cues} {
		h := m.newHits()
		for _, s := range sents {
			m.find(s, h)
			for i := range m.cues {
				cu := &m.cues[i]
				// Without one of its own literals a cue never runs its pattern.
				if cu.re != nil && h.anyFound(cu.needs) && !m.holds(cu.holds, s, h) && cu.re.MatchString(s) {
					t.Errorf("cue %s/%s: its literal condition rejects %q, which its pattern matches", cu.lang, cu.name, s)
				}
			}
		}
	}
}

// TestMatcherAgrees holds the matcher (literals found in one pass, the
// literal conditions, each alternative run from its start literals, lazy)
// to the plain patterns: for both matchers, on every sentence of the
// corpus, of the versions, of a dense text and of the lexicon examples,
// a cue matches when one of its literals is there and its pattern matches
// the sentence.
func TestMatcherAgrees(t *testing.T) {
	t.Run("texts", func(t *testing.T) {
		sents := strings.Split(strings.ToLower(denseText(60<<10)+docHead+capHigh+indem+tail), ".")
		checkMatcher(t, append(sents, exampleSentences(t)...))
	})
	t.Run("corpus", func(t *testing.T) {
		corpustest.Dir(t, "versions")
		sents := corpusSentences(t)
		files, _ := filepath.Glob(filepath.Join(versionsDir, "*", "*.md"))
		for _, fn := range files {
			b, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range splitLines(string(b)) {
				for _, s := range l.sentences {
					sents = append(sents, strings.ToLower(string(b[s.start:s.end])))
				}
			}
		}
		slices.Sort(sents)
		sents = slices.Compact(sents) // the versions repeat most of their sentences
		if raceEnabled {
			sents = sample(sents, 10)
		}
		checkMatcher(t, sents)
	})
}

// sample returns every nth of xs.
func sample[T any](xs []T, n int) []T {
	var out []T
	for i := 0; i < len(xs); i += n {
		out = append(out, xs[i])
	}
	return out
}

func checkMatcher(t *testing.T, sents []string) {
	t.Helper()
	for _, m := range []*matcher{lex().cues, facts().cues} {
		h := m.newHits()
		for _, s := range sents {
			m.find(s, h)
			for i := range m.cues {
				cu := &m.cues[i]
				want := h.anyFound(cu.needs) && (cu.re == nil || cu.re.MatchString(s))
				if got := m.matches(cu, s, h); got != want {
					t.Errorf("cue %s/%s on %q: matches %v, its pattern %v", cu.lang, cu.name, s, got, want)
				}
			}
		}
	}
}

// find records exactly the literals a text holds and where, and reports
// whether one a cue needs is there, for both matchers (the cues' and the
// facts'): the sentences of a document and of a dense text, strings made
// of the literals' pieces, and texts too short for the four-byte keys.
func TestMatcherFind(t *testing.T) {
	for _, m := range []*matcher{lex().cues, facts().cues} {
		inputs := []string{"", "a", "na", "nab", "you", "liab", "xliabilit", "\xff\xfeliable", "aaaa", "liabilityliability"}
		for _, s := range strings.Split(strings.ToLower(docHead+capHigh+indem+tail+denseText(4<<10)), ".") {
			inputs = append(inputs, s)
		}
		for i, n := range m.needles {
			next := m.needles[(i*7+3)%len(m.needles)]
			inputs = append(inputs, n, n[1:], n[:len(n)-1], n+next, n[:len(n)/2]+next, " "+n+" "+next[:len(next)/2], n+n, n+" "+n)
		}
		h := m.newHits()
		for _, s := range inputs {
			any := m.find(s, h)
			want := false
			for j, n := range m.needles {
				var at []int
				for off := 0; ; {
					i := strings.Index(s[off:], n)
					if i < 0 {
						break
					}
					at = append(at, off+i)
					off += i + 1
				}
				if got := m.has(j, s, h); got != (at != nil) {
					t.Errorf("find(%q): needle %q found %v, want %v", s, n, got, at != nil)
				}
				if got := m.positions(j, s, h); !slices.Equal(got, at) {
					t.Errorf("find(%q): needle %q at %v, want %v", s, n, got, at)
				}
				if got, want := m.lastIndex(j, s, h), strings.LastIndex(s, n); got != want {
					t.Errorf("find(%q): needle %q last at %d, want %d", s, n, got, want)
				}
				want = want || m.needed[j] && at != nil
			}
			if any != want {
				t.Errorf("find(%q) = %v, want %v", s, any, want)
			}
		}
	}
}

// A startSearch matches where its pattern does: the exclusion patterns on
// stretches of dense text and of terms, and on strings made of their
// start literals and words.
func TestStartSearch(t *testing.T) {
	var inputs []string
	for _, s := range strings.Split(strings.ToLower(denseText(20<<10)+docHead+capHigh+indem+tail), ".") {
		inputs = append(inputs, s, strings.TrimSpace(s))
	}
	words := []string{"loss", "of", "our", "data", "lost", "special", "damages", "indirect", "goodwill", "profits", ",", "x"}
	inputs = append(inputs, joinings(words, 4, " ")...)
	inputs = append(inputs, joinings(words, 3, "")...)
	inputs = append(inputs, "loss of our data", "loss of all our data", "loss of all of our data", "xloss of data", "xspecial damages", "xindirect loss",
		"special, incidental damages", "special or other damages", "special\tand punitive damages", "lost\nprofits")
	for _, e := range exclusions {
		x := e.re()
		if x.anchor == nil {
			t.Errorf("%s: no start literals, searched everywhere", e.name)
		}
		for _, s := range inputs {
			if got, want := x.MatchString(s), x.re.MatchString(s); got != want {
				t.Errorf("%s: MatchString(%q) = %v, want %v", e.name, s, got, want)
			}
		}
	}
}

// lazyPattern makes every repetition lazy and changes nothing else: the
// pattern it gives parses to the same tree as the original with each
// repetition marked lazy, for every pattern of the cue and fact lexicons,
// the exclusions, and patterns written to try its scanner.
func TestLazyPattern(t *testing.T) {
	patterns := []string{
		`a*b+c?d{2}e{2,}f{2,5}`, `a*?b+?c??d{2}?`, `x{`, `x{a}`, `x{2`, `x{,3}`, `[*+?{]+`, `[]a*]*`, `[^]*]?`,
		`[[:alpha:]*]+`, `\*\+\?\{2\}a*`, `(?i:ab)*`, `(?i)a+`, `(?P<n>a+)?`, `(?:a|b)+c`, `\pL+\p{Greek}*\x{41}+`, `[\]*]+`,
		`\bliabilit(?:y|ies)\s+(?:\S+\s+){0,12}(?:shall|will)\s+not\s+exceed`,
	}
	for _, m := range []*matcher{lex().cues, facts().cues} {
		for _, cu := range m.cues {
			if cu.pattern != "" {
				patterns = append(patterns, cu.pattern)
			}
		}
	}
	for _, e := range exclusions {
		patterns = append(patterns, e.re().re.String())
	}
	for _, p := range patterns {
		want, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		makeLazy(want)
		got, err := syntax.Parse(lazyPattern(p), syntax.Perl)
		if err != nil {
			t.Errorf("lazyPattern(%q) = %q: %v", p, lazyPattern(p), err)
			continue
		}
		if !got.Equal(want) {
			t.Errorf("lazyPattern(%q) = %q, want %q", p, lazyPattern(p), want)
		}
	}
	if p := `(?U)a*`; lazyPattern(p) != p {
		t.Errorf("lazyPattern(%q) = %q, want it unchanged", p, lazyPattern(p))
	}
}

func makeLazy(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		re.Flags |= syntax.NonGreedy
	}
	for _, sub := range re.Sub {
		makeLazy(sub)
	}
}

func TestAlternatives(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
	}{
		{`a|b|c`, []string{`a`, `b`, `c`}},
		{`(?:a|b)c`, []string{`(?:a|b)c`}},
		{`x(a|b)|y`, []string{`x(a|b)`, `y`}},
		{`[|]a|\|b|c`, []string{`[|]a`, `\|b`, `c`}},
		{`[^]|]|d`, []string{`[^]|]`, `d`}},
		{`a|`, []string{`a`, ``}},
		{`(?i)a|b`, []string{`(?i)a|b`}},
		{`(?i:a)|b`, []string{`(?i:a)`, `b`}},
	}
	for _, tt := range tests {
		if got := alternatives(tt.pattern); !slices.Equal(got, tt.want) {
			t.Errorf("alternatives(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}
