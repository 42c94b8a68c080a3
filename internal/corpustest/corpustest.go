// Package corpustest finds the real-world corpus that the evaluation tests
// read, ../shared/corpus next to the repository (see its README), and
// decides in one place what a test does without it:
//
//   - in -short mode every corpus test is skipped: `go test -short ./...`
//     runs in seconds on any clone;
//   - when the corpus is absent the test is skipped, so that a clone without
//     it still passes;
//   - unless TOSWATCH_REQUIRE_CORPUS=1, which .ci/run sets when the corpus
//     is there: then an absent corpus fails the test, and CI can never skip
//     the evaluation silently.
//
// It is imported by tests only.
package corpustest

import (
	"os"
	"path/filepath"
	"testing"
)

// RequireEnv is the environment variable that makes an absent corpus a
// failure instead of a skip.
const RequireEnv = "TOSWATCH_REQUIRE_CORPUS"

// Dir returns the directory of one part of the corpus ("versions",
// "replay", "unfair-tos"), skipping or failing tb as the package comment
// says when it cannot be used.
func Dir(tb testing.TB, part string) string {
	tb.Helper()
	dir := Path(part)
	if testing.Short() {
		tb.Skipf("corpus %s: skipped in -short mode", part)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if os.Getenv(RequireEnv) == "1" {
			tb.Fatalf("corpus %s absent at %s, and %s=1 requires it", part, dir, RequireEnv)
		}
		tb.Skipf("corpus %s absent at %s (it sits next to the repository in the project's workspace)", part, dir)
	}
	return dir
}

// Path returns where a part of the corpus is, whether or not it is there,
// for the benchmarks that fall back to generated text without it. Tests
// call Dir.
func Path(part string) string {
	return filepath.Join(root(), "..", "shared", "corpus", part)
}

// root is the repository's root: the nearest directory above the working
// directory (a test's package directory) that holds go.mod.
func root() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return wd
		}
		dir = parent
	}
}
