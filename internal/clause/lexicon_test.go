package clause

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLexiconExamples checks every language file against its examples
// (testdata/lexicon/LANG.tsv): each cue and each not-limitation pattern has
// at least one example it matches, each kind of heading one it reads, and
// no example marked ! matches.
func TestLexiconExamples(t *testing.T) {
	lx := lex()
	for _, f := range lx.files {
		t.Run(f.lang, func(t *testing.T) {
			examples := readLexExamples(t, filepath.Join("testdata", "lexicon", f.lang+".tsv"))
			covered := map[string]bool{}
			for _, ex := range examples {
				neg := strings.HasPrefix(ex.section, "!")
				section := strings.TrimPrefix(ex.section, "!")
				got := lexExampleMatches(t, lx, f, section, ex.name, ex.text)
				if got == neg {
					t.Errorf("line %d: [%s] %s matches %q = %v, want %v", ex.line, section, ex.name, ex.text, got, !neg)
				}
				if !neg {
					covered[section+"\t"+ex.name] = true
				}
			}
			for section, entries := range f.sections {
				switch lexSections[section] {
				case shapeCue, shapePattern:
					if section == "macro" {
						continue
					}
					for _, e := range entries {
						if !covered[section+"\t"+e.key] {
							t.Errorf("[%s] %s has no example", section, e.key)
						}
					}
				}
				if strings.HasPrefix(section, "heading.") && !covered[section+"\t-"] {
					t.Errorf("[%s] has no example", section)
				}
			}
		})
	}
}

type lexExample struct {
	section, name, text string
	line                int
}

func readLexExamples(t *testing.T, path string) []lexExample {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("every lexicon file needs its examples: %v", err)
	}
	defer f.Close()
	var out []lexExample
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s:%d: want section, name and sentence separated by tabs", path, n)
		}
		out = append(out, lexExample{cols[0], cols[1], cols[2], n})
	}
	return out
}

// lexExampleMatches reports whether the entry of section matches text.
func lexExampleMatches(t *testing.T, lx *lexicon, f lexFile, section, name, text string) bool {
	low := strings.ToLower(text)
	switch section {
	case "heading.liability":
		liab, _ := headingKind(text)
		return liab
	case "heading.indemnity":
		_, indem := headingKind(text)
		return indem
	case "heading.duty":
		liab, _ := headingKind(text)
		return containsAny(low, lx.headingLiab) && !liab
	case "not-limitation":
		for _, e := range f.sections[section] {
			if e.key == name {
				return regexp.MustCompile(expandMacros(t, lx, e.pattern)).MatchString(low)
			}
		}
		t.Fatalf("[%s] has no entry %q", section, name)
	}
	if slices.Contains(factCueSections, section) {
		fl := facts()
		sc := fl.scan(low)
		for i := range fl.cues.cues {
			if cu := &fl.cues.cues[i]; cu.lang == f.lang && fl.section[i] == section && cu.name == name {
				return fl.cues.matches(cu, low, sc.h)
			}
		}
		t.Fatalf("[%s] has no cue %q", section, name)
	}
	kind := -1
	for _, s := range cueSections {
		if s.name == section {
			kind = int(s.kind)
		}
	}
	hits := lx.cues.newHits()
	lx.cues.find(low, hits)
	for i := range lx.cues.cues {
		cu := &lx.cues.cues[i]
		if cu.lang == f.lang && int(cu.kind) == kind && cu.name == name {
			return lx.cues.matches(cu, low, hits)
		}
	}
	t.Fatalf("[%s] has no cue %q", section, name)
	return false
}

func expandMacros(t *testing.T, lx *lexicon, p string) string {
	t.Helper()
	for _, f := range lx.files {
		for _, e := range f.sections["macro"] {
			p = strings.ReplaceAll(p, "{"+e.key+"}", e.pattern)
		}
	}
	return p
}

// TestLexiconNewLanguage adds a language the way a contributor would, by
// adding its file, and checks that it is read with the others.
func TestLexiconNewLanguage(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(lexFiles, "lexicon", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(lexFiles, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fsys["lexicon/nl.lex"] = &fstest.MapFile{Data: []byte(`# Dutch
[language]
het
een

[liability.strong]
not liable: aansprakelijk
	\bniet\s+{gap3}aansprakelijk
`)}
	lx, err := loadLexicon(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"de", "en", "es", "fr", "it", "nl", "pl"}; !slices.Equal(lx.order, want) {
		t.Errorf("languages = %q, want %q (file name order, all.lex apart)", lx.order, want)
	}
	if got := lx.langWords["nl"]; len(got) != 2 || got[0] != " het " {
		t.Errorf("nl language words = %q", got)
	}
	low := "acme is niet voor schade aansprakelijk"
	hits := lx.cues.newHits()
	lx.cues.find(low, hits)
	var ok bool
	for i := range lx.cues.cues {
		cu := &lx.cues.cues[i]
		if cu.lang == "nl" && cu.name == "not liable" {
			ok = lx.cues.matches(cu, low, hits)
		}
	}
	if !ok {
		t.Errorf("the Dutch cue does not match %q", low)
	}
}

func TestParseLexFileErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown section", "[liabilty.strong]\n", "unknown section"},
		{"unclosed section", "[language\n", "closing bracket"},
		{"entry before section", "the\n", "before the first section"},
		{"indented line first", "[language]\n\tthe\n", "outside an entry"},
		{"word with value", "[language]\nthe: x\n", "neither value nor pattern"},
		{"cue without literals", "[liability.strong]\nnot liable:\n\tnot liable\n", "needs its literals"},
		{"short literal", "[liability.strong]\nnot liable: l|liab\n", "shorter than two bytes"},
		{"pattern without pattern", "[not-limitation]\nyou are liable:\n", "indented pattern"},
		{"empty key", "[language]\n: x\n", "without a key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseLexFile("xx.lex", tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	bad := fstest.MapFS{
		"lexicon/xx.lex": {Data: []byte("[liability.strong]\nnot liable: liab\n\t{gap9}liable\n")},
	}
	if _, err := loadLexicon(bad); err == nil || !strings.Contains(err.Error(), "unknown macro") {
		t.Errorf("unknown macro: error = %v", err)
	}
	bad["lexicon/xx.lex"] = &fstest.MapFile{Data: []byte("[liability.strong]\nnot liable: liab\n\t(liable\n")}
	if _, err := loadLexicon(bad); err == nil || !strings.Contains(err.Error(), `cue "not liable"`) {
		t.Errorf("bad pattern: error = %v", err)
	}
}

// exceptionNames finds what the pattern it replaced found: strings over
// the words, the separators and a long filler, and the sentences of a
// document with and without exceptions.
func TestExceptionNames(t *testing.T) {
	x := lex().exceptIndem
	re := regexp.MustCompile("(?:" + alternation(x.exceptions) + ")[^.;]{0,100}(?:" + alternation(x.names) + ")")
	inputs := []string{
		"the limitations do not apply to your indemnification obligations",
		"except as set out in section 9; you shall indemnify us",
		"außer bei freistellung", "salvo l'obbligo di manleva", "z wyjątkiem zwolnienia", "except\xff\xfeindemn",
	}
	for _, s := range strings.Split(strings.ToLower(docHead+capHigh+indem+tail), ".") {
		inputs = append(inputs, s, s+" except for claims to indemnify")
	}
	filler := strings.Repeat("é", 97)
	inputs = append(inputs, joinings([]string{"except ", "indemn", "ity", ".", ";", " ", filler, "ab", "außer", "freistell", "\xff"}, 4, "")...)
	// 100 characters between the words and 101.
	inputs = append(inputs, "except "+filler+"ab"+"indemn", "except "+filler+"ab "+"indemn", "außer"+filler+"abc"+"freistell", "außer"+filler+"abcd"+"freistell")
	for _, s := range inputs {
		if got, want := x.in(s), re.MatchString(s); got != want {
			t.Errorf("exceptionNames.in(%q) = %v, want %v", s, got, want)
		}
	}
}
