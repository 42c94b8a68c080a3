package diff

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
)

// TestCorpus diffs every pair of consecutive versions of the real document
// histories and checks that each result is an exact account of the change.
func TestCorpus(t *testing.T) {
	corpus := corpustest.Dir(t, "versions")
	docs, _ := filepath.Glob(filepath.Join(corpus, "*"))
	if len(docs) == 0 {
		t.Fatalf("no version histories in %s", corpus)
	}
	for _, dir := range docs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		t.Run(filepath.Base(dir), func(t *testing.T) {
			prev := ""
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				r := Compute(prev, string(data))
				checkResult(t, prev, string(data), r)
				if t.Failed() {
					t.Fatalf("%s: result is not exact", f)
				}
				prev = string(data)
			}
		})
	}
}
