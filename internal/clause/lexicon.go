package clause

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// The words and patterns of every language live in lexicon/LANG.lex, one
// file per language (all.lex holds what every language shares), embedded
// in the binary. Adding a language is adding its file and its tests.
//
// A file is a list of sections; a section holds entries:
//
//	# a comment
//	[section]
//	key: value
//		pattern, continued
//		|on further indented lines
//
// A line starting at the first column opens an entry: its key, and after
// the first colon its value. Indented lines continue the entry above:
// their text, without the indentation, is joined with no separator into
// the entry's pattern, a regular expression on lower-cased text (Go
// syntax; \b and \w are ASCII-only, so non-English patterns use \pL and
// explicit spaces). {name} in a pattern is replaced by the macro of that
// name (section [macro] of all.lex). Which of key, value and pattern an
// entry has depends on its section (lexSections).

// lexFiles are the lexicon files, embedded.
//
//go:embed lexicon/*.lex
var lexFiles embed.FS

// entryShape says which parts an entry of a section has.
type entryShape int

const (
	shapeWord    entryShape = iota // a key only: a word or a phrase, matched as a substring
	shapeValue                     // key: value
	shapeCue                       // key: literals, optionally a pattern (see cue)
	shapePattern                   // key (a name) and a pattern
)

// lexSections lists the sections a lexicon file may hold and the shape of
// their entries. Sections of word lists are read from every language at
// once (a heading in any language is a heading).
var lexSections = map[string]entryShape{
	"macro":    shapePattern, // pieces of patterns, used as {name}
	"language": shapeWord,    // common short words that tell the language of a text
	// Cues of clause sentences: the key is the cue's name, shown to the
	// reviewer and read by the learned model (renaming one means
	// retraining). Names the detector itself reads: "liability" (the bare
	// word), "cap on total liability", "this limitation" and "lost
	// profits" (a sentence that continues a limitation).
	"liability.strong":    shapeCue,     // on its own makes a liability sentence
	"liability.weak":      shapeCue,     // needs another cue or a liability heading
	"indemnity.strong":    shapeCue,     // on its own makes an indemnification sentence
	"indemnity.weak":      shapeCue,     // needs an indemnification heading or a strong cue
	"not-limitation":      shapePattern, // liability words that limit nothing of the provider's
	"heading.liability":   shapeWord,    // a heading with one of these words titles a liability section
	"heading.indemnity":   shapeWord,    // … an indemnification section
	"heading.duty":        shapeWord,    // … a list of the user's duties, even with a liability word
	"warranty":            shapeWord,    // words of warranties (a feature of the learned model)
	"disclaimer":          shapeWord,    // with only weak liability cues, a warranty disclaimer
	"indemnity.exception": shapeWord,    // words that open an exception to a limitation
	"indemnity.word":      shapeWord,    // stems that name an indemnity, after an exception
	"third-party":         shapeWord,    // name a third party: "freistellen" from their claims is an indemnity, from yours a release
	"abbreviation":        shapeWord,    // end with a full stop without ending a sentence (lower case, no stop)
	"small-word":          shapeWord,    // may start with a small letter in a title
	// The vocabulary of clause facts (factlex.go): how caps, their
	// periods and amounts, and carve-outs are worded.
	"cap.limit":              shapeCue,   // limits liability to a measure: "shall not exceed", "limited to"
	"cap.fees":               shapeCue,   // the fees or price paid
	"cap.lesser":             shapeCue,   // the lower of an amount and the fees: "whichever is less"
	"cap.greater":            shapeCue,   // the higher of them: "whichever is greater"
	"carve-out":              shapeCue,   // a kind of liability left uncapped; the key is its name in the fixed vocabulary
	"cap.exception":          shapeCue,   // takes something out of a limitation: "except for", "does not apply to"
	"cap.exception-to-limit": shapeCue,   // an exception to the limitation as a whole: "this limitation does not apply to"
	"party.mutual":           shapeCue,   // one undertaking binding both parties: "neither party", "each other"
	"party.you":              shapeCue,   // the liability limited is yours: "your total liability"
	"party.provider":         shapeCue,   // the liability limited is the provider's: "our liability", "Acme's liability"
	"indemnity.verb":         shapeCue,   // the verb of an undertaking to indemnify, next to the party indemnified
	"covers":                 shapeCue,   // what an indemnity covers: a name of the fixed vocabulary, or words reported after "other: "
	"indemnity.limit":        shapeCue,   // narrows an indemnity: a condition, an exception, a limit of amount
	"scope.free":             shapeCue,   // a cap or an exclusion limited to free services
	"scope.beta":             shapeCue,   // … to beta, preview or early-access features
	"period.year":            shapeCue,   // a period of one year: "the prior calendar year"
	"period.unit":            shapeValue, // a unit of a period: the months it counts ("months: 1", "years: 12")
	"period.number":          shapeValue, // a number a period is written in: "twelve: 12"
	"period.adjective":       shapeWord,  // may stand between a period's number and its unit: "douze (12) derniers mois"
	"number":                 shapeValue, // a number an amount is written in: "thousand: 1000"
	"currency":               shapeValue, // the start of a currency's name and its ISO 4217 code: "dollar: USD"
	"currency.qualifier":     shapeValue, // a word before a currency that names another one: "canadian: CAD"
}

// cueSections are the sections of cues, by the kind of cue they hold.
var cueSections = []struct {
	name string
	kind cueKind
}{
	{"liability.strong", liabStrong}, {"liability.weak", liabWeak},
	{"indemnity.strong", indemStrong}, {"indemnity.weak", indemWeak},
}

// lexEntry is one entry of a lexicon file.
type lexEntry struct {
	key, value, pattern string
	line                int
}

// lexFile is one parsed lexicon file.
type lexFile struct {
	lang     string // the file's name without .lex: "en", …, "all"
	sections map[string][]lexEntry
}

// parseLexFile reads one lexicon file.
func parseLexFile(name, src string) (lexFile, error) {
	f := lexFile{lang: strings.TrimSuffix(path.Base(name), ".lex"), sections: map[string][]lexEntry{}}
	section := ""
	var last *lexEntry
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		text := strings.TrimSpace(line)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		switch {
		case line[0] == ' ' || line[0] == '\t':
			if last == nil {
				return f, fmt.Errorf("%s:%d: indented line outside an entry", name, n)
			}
			last.pattern += text
		case strings.HasPrefix(text, "["):
			if !strings.HasSuffix(text, "]") {
				return f, fmt.Errorf("%s:%d: section %q lacks its closing bracket", name, n, text)
			}
			section = text[1 : len(text)-1]
			if _, ok := lexSections[section]; !ok {
				return f, fmt.Errorf("%s:%d: unknown section [%s]", name, n, section)
			}
			last = nil
		default:
			if section == "" {
				return f, fmt.Errorf("%s:%d: entry before the first section", name, n)
			}
			key, value, _ := strings.Cut(text, ":")
			e := lexEntry{key: strings.TrimSpace(key), value: strings.TrimSpace(value), line: n}
			if e.key == "" {
				return f, fmt.Errorf("%s:%d: entry without a key", name, n)
			}
			f.sections[section] = append(f.sections[section], e)
			entries := f.sections[section]
			last = &entries[len(entries)-1]
		}
	}
	for section, entries := range f.sections {
		for _, e := range entries {
			if err := checkShape(lexSections[section], e); err != nil {
				return f, fmt.Errorf("%s:%d: [%s] %s: %w", name, e.line, section, e.key, err)
			}
		}
	}
	return f, nil
}

func checkShape(shape entryShape, e lexEntry) error {
	switch {
	case shape == shapeWord && (e.value != "" || e.pattern != ""):
		return fmt.Errorf("a word entry has neither value nor pattern")
	case shape == shapeValue && (e.value == "" || e.pattern != ""):
		return fmt.Errorf("want key: value, without a pattern")
	case shape == shapeCue && e.value == "":
		return fmt.Errorf("a cue needs its literals after the colon")
	case shape == shapeCue:
		for _, l := range strings.Split(e.value, "|") {
			if len(l) < 2 {
				return fmt.Errorf("literal %q shorter than two bytes", l)
			}
		}
	case shape == shapePattern && (e.value != "" || e.pattern == ""):
		return fmt.Errorf("want a name and an indented pattern")
	}
	return nil
}

// lexicon is every language's lexicon, parsed and compiled: what the
// detector reads.
type lexicon struct {
	files         []lexFile // sorted by language, all.lex last
	order         []string  // the languages of the files, all.lex excepted
	cues          *matcher
	langWords     map[string][]string // " word " by language
	exceptIndem   exceptionNames
	headingLiab   []string
	headingIndem  []string
	headingDuty   []string
	warranty      []string
	disclaimer    []string
	thirdParty    []string
	abbreviations map[string]bool
	smallWords    map[string]bool
}

// lex returns the shipped lexicon, loaded on first use: compiling it costs
// milliseconds that a process which never analyses text (most `toswatch
// check` runs) should not pay. The files are part of the binary, so an
// error in them is a bug that the tests catch.
var lex = sync.OnceValue(func() *lexicon {
	lx, err := loadLexicon(lexFiles)
	if err != nil {
		panic(err)
	}
	return lx
})

// loadLexicon parses and compiles the *.lex files of fsys's lexicon
// directory.
func loadLexicon(fsys fs.FS) (*lexicon, error) {
	names, err := fs.Glob(fsys, "lexicon/*.lex")
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(names, func(a, b string) int {
		// all.lex last: its cues follow every language's.
		return cmpBool(path.Base(a) == "all.lex", path.Base(b) == "all.lex")
	})
	lx := &lexicon{langWords: map[string][]string{},
		abbreviations: map[string]bool{}, smallWords: map[string]bool{}}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		f, err := parseLexFile(name, string(src))
		if err != nil {
			return nil, err
		}
		lx.files = append(lx.files, f)
		if f.lang != "all" {
			lx.order = append(lx.order, f.lang)
		}
	}
	macros := map[string]string{}
	for _, f := range lx.files {
		for _, e := range f.sections["macro"] {
			macros[e.key] = e.pattern
		}
	}
	expand := func(f lexFile, e lexEntry) (string, error) {
		p := e.pattern
		for name, m := range macros {
			p = strings.ReplaceAll(p, "{"+name+"}", m)
		}
		if i := strings.IndexByte(p, '{'); i >= 0 && i+1 < len(p) && p[i+1] >= 'a' && p[i+1] <= 'z' {
			return "", fmt.Errorf("lexicon/%s.lex:%d: unknown macro in %q", f.lang, e.line, p[i:])
		}
		return p, nil
	}
	var cues []cue
	for _, f := range lx.files {
		for _, s := range cueSections {
			for _, e := range f.sections[s.name] {
				p, err := expand(f, e)
				if err != nil {
					return nil, err
				}
				cues = append(cues, cue{lang: f.lang, name: e.key, kind: s.kind, need: strings.Split(e.value, "|"), pattern: p})
			}
		}
		for _, e := range f.sections["not-limitation"] {
			p, err := expand(f, e)
			if err != nil {
				return nil, err
			}
			lits := startLiterals(p)
			if lits == nil {
				return nil, fmt.Errorf("lexicon/%s.lex:%d: [not-limitation] %s: the pattern must start with words, not with a class of characters or an optional part", f.lang, e.line, e.key)
			}
			cues = append(cues, cue{lang: f.lang, name: e.key, kind: notLimit, need: lits, pattern: p})
		}
		for _, e := range f.sections["language"] {
			lx.langWords[f.lang] = append(lx.langWords[f.lang], " "+e.key+" ")
		}
	}
	lx.cues, err = newMatcher(cues)
	if err != nil {
		return nil, err
	}
	lx.headingLiab = lx.words("heading.liability")
	lx.headingIndem = lx.words("heading.indemnity")
	lx.headingDuty = lx.words("heading.duty")
	lx.warranty = lx.words("warranty")
	lx.disclaimer = lx.words("disclaimer")
	lx.thirdParty = lx.words("third-party")
	for _, w := range lx.words("abbreviation") {
		lx.abbreviations[w] = true
	}
	for _, w := range lx.words("small-word") {
		lx.smallWords[w] = true
	}
	lx.exceptIndem = exceptionNames{exceptions: lx.words("indemnity.exception"), names: lx.words("indemnity.word")}
	return lx, nil
}

// exceptionNames finds a name (of an indemnity) made in an exception ("…
// except for your indemnification obligations"): an exception word, then
// within 100 characters of the same sentence part (no "." or ";" between)
// a name. It does by hand what `(?:except|…)[^.;]{0,100}(?:indemn|…)`
// did: on text dense with legal vocabulary most sentences hold both
// words, and the pattern, tried from every position of each, was a third
// of the time spent matching cues.
type exceptionNames struct{ exceptions, names []string }

// in reports whether low (lower-cased text) makes the exception.
func (x exceptionNames) in(low string) bool {
	for _, e := range x.exceptions {
		for off := 0; ; {
			i := strings.Index(low[off:], e)
			if i < 0 {
				break
			}
			end := off + i + len(e)
			// The names may start up to here.
			part := low[end:]
			if k := strings.IndexAny(part, ".;"); k >= 0 {
				part = part[:k]
			}
			reach := end + len(firstRunes(part, 100))
			for _, n := range x.names {
				if j := strings.Index(low[end:min(reach+len(n), len(low))], n); j >= 0 {
					return true
				}
			}
			off += i + 1
		}
	}
	return false
}

// firstRunes returns the first n runes of s (a byte of broken UTF-8 is
// one).
func firstRunes(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}

// words returns the words of a section in every file, in file order,
// each once.
func (lx *lexicon) words(section string) []string {
	var out []string
	for _, f := range lx.files {
		for _, e := range f.sections[section] {
			out = appendUnique(out, e.key)
		}
	}
	return out
}

func alternation(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// cueKind says what a cue is evidence of and how strong.
type cueKind int

const (
	liabStrong  cueKind = iota // on its own makes a liability sentence
	liabWeak                   // needs another cue or a heading
	indemStrong                // on its own makes an indemnification sentence
	indemWeak                  // needs an indemnification heading or a strong cue
	notLimit                   // the liability words are about someone else than the provider ([not-limitation])
)

// cue is one lexical pattern. need lists literals of which one must occur
// in the lower-cased sentence before re is run (and near which re must
// match): most sentences of a document are rejected by one pass over
// their bytes, which keeps Analyze fast on long documents. A cue without
// a pattern is decided by its literals alone.
type cue struct {
	lang    string // "en", "es", …; "all" for cues of every language
	name    string
	kind    cueKind
	need    []string
	pattern string
	re      *regexp.Regexp
}

// headingKind reads a heading: is it the title of a liability section,
// an indemnification section, both, or neither?
func headingKind(h string) (liab, indem bool) {
	l := strings.ToLower(h)
	lx := lex()
	indem = containsAny(l, lx.headingIndem)
	liab = containsAny(l, lx.headingLiab)
	if liab && !indem && containsAny(l, lx.headingDuty) {
		// "Your responsibilities" is a list of duties, not a limitation.
		liab = false
	}
	return liab, indem
}
