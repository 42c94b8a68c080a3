package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/toswatch/toswatch/"

// imports returns, for every package under internal/ and cmd/, the
// toswatch packages its non-test files import ("internal/store", …).
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, pattern := range []string{"../../internal/*/*.go", "../../cmd/*/*.go"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			pkg := strings.TrimPrefix(filepath.ToSlash(filepath.Dir(f)), "../../")
			if _, ok := out[pkg]; !ok {
				out[pkg] = nil
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, is := range af.Imports {
				p, _ := strconv.Unquote(is.Path.Value)
				if dep, ok := strings.CutPrefix(p, module); ok && !slices.Contains(out[pkg], dep) {
					out[pkg] = append(out[pkg], dep)
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no packages found")
	}
	return out
}

// TestImportRules keeps the one-way flow of docs/ARCHITECTURE.md.
func TestImportRules(t *testing.T) {
	deps := imports(t)
	in := func(names ...string) map[string]bool {
		m := map[string]bool{}
		for _, n := range names {
			m["internal/"+n] = true
		}
		return m
	}
	captureSide := in("capture", "fetch", "browser", "pdf", "extract")
	readers := in("web", "feed", "digest", "notify", "export", "facts", "metrics", "present")
	rules := []struct {
		name    string
		applies func(pkg string) bool
		forbids func(dep string) bool
	}{
		{"model imports nothing of toswatch", is("internal/model"), anything},
		{"store imports only model", is("internal/store"), not("internal/model")},
		{"the capture side has no database, recording, wiring or readers",
			member(captureSide), member(union(in("store", "tracker", "pipeline", "cli"), readers))},
		{"readers see only what was recorded",
			member(readers), member(union(captureSide, in("tracker", "pipeline", "cli")))},
		{"only cli and bench wire a pipeline", func(p string) bool { return p != "internal/cli" && p != "internal/bench" },
			is("internal/pipeline")},
		{"only cmd/toswatch imports cli", func(p string) bool { return p != "cmd/toswatch" }, is("internal/cli")},
		{"corpustest is for tests", func(string) bool { return true }, is("internal/corpustest")},
	}
	for _, r := range rules {
		for pkg, ds := range deps {
			if !r.applies(pkg) {
				continue
			}
			for _, d := range ds {
				if r.forbids(d) && d != pkg {
					t.Errorf("%s imports %s: %s", pkg, d, r.name)
				}
			}
		}
	}
}

func is(p string) func(string) bool              { return func(s string) bool { return s == p } }
func not(p string) func(string) bool             { return func(s string) bool { return s != p } }
func member(m map[string]bool) func(string) bool { return func(s string) bool { return m[s] } }
func anything(string) bool                       { return true }

func union(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// TestREADMEPackageTable: the README's package table names every package
// under internal/, and nothing else.
func TestREADMEPackageTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	row := regexp.MustCompile("^\\| (`internal/[a-z]+`(?:, `internal/[a-z]+`)*) \\|")
	for _, l := range strings.Split(string(readme), "\n") {
		if m := row.FindStringSubmatch(l); m != nil {
			for _, p := range strings.Split(m[1], ", ") {
				listed = append(listed, strings.Trim(p, "`"))
			}
		}
	}
	var have []string
	for pkg := range imports(t) {
		if strings.HasPrefix(pkg, "internal/") {
			have = append(have, pkg)
		}
	}
	sort.Strings(listed)
	sort.Strings(have)
	if !slices.Equal(listed, have) {
		t.Errorf("README package table:\n%v\npackages:\n%v", listed, have)
	}
}
