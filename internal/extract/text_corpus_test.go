package extract

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
	"github.com/toswatch/toswatch/internal/model"
)

// TestTextCorpus runs Text over every recorded version of
// shared/corpus/versions: the text keeps the words, is stable when
// normalised again, and two versions with different words stay different.
func TestTextCorpus(t *testing.T) {
	dir := corpustest.Dir(t, "versions")
	mfs, _ := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
	if len(mfs) == 0 {
		t.Fatalf("no version histories in %s", dir)
	}
	for _, mf := range mfs {
		raw, err := os.ReadFile(mf)
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Service  string `json:"service"`
			Versions []struct {
				File string `json:"file"`
			} `json:"versions"`
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		t.Run(m.Service, func(t *testing.T) {
			var prevIn, prevOut string
			for _, v := range m.Versions {
				in, err := os.ReadFile(filepath.Join(filepath.Dir(mf), v.File))
				if err != nil {
					t.Fatal(err)
				}
				out, err := Text(in, Options{})
				if errors.Is(err, model.FailureTooShort) {
					continue // a capture accident: an empty or truncated page
				}
				if err != nil {
					t.Fatalf("%s: %v", v.File, err)
				}
				if again, _ := Text([]byte(out), Options{}); again != out {
					t.Errorf("%s: Text is not stable:\n%s", v.File, lineDiff(out, again))
				}
				if wi, wo := words(string(in)), words(out); slices.Equal(wi, wo) {
					// the usual case, and far cheaper than the ratio
				} else if r := wordRatio(wi, wo); r < 0.999 {
					t.Errorf("%s: got word ratio %.4f to the input, want ≥ 0.999", v.File, r)
				}
				if prevOut != "" && out == prevOut && !slices.Equal(words(prevIn), words(string(in))) {
					t.Errorf("%s: a wording change was normalised away", v.File)
				}
				prevIn, prevOut = string(in), out
			}
		})
	}
}
