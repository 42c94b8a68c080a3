package diff

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusVersions is where the real document histories are, when present.
var corpusVersions = filepath.Join("..", "..", "..", "shared", "corpus", "versions")

// TestCorpus diffs every pair of consecutive versions of the real document
// histories and checks that each result is an exact account of the change.
func TestCorpus(t *testing.T) {
	docs, _ := filepath.Glob(filepath.Join(corpusVersions, "*"))
	if len(docs) == 0 {
		t.Skip("corpus absent: ../../../shared/corpus/versions (only in the project's evaluation setup)")
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
