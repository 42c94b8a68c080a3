package clause

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

const versionsDir = "../../../shared/corpus/versions"

type versionManifest struct {
	Service  string `json:"service"`
	Versions []struct {
		File string `json:"file"`
		Kind string `json:"kind"`
	} `json:"versions"`
}

// TestVersionsCorpus runs Compare over consecutive versions of real terms
// and logs the clause changes found. It checks properties that must hold
// for any pair: a text compared with itself has no change, and every
// change found is well formed.
func TestVersionsCorpus(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(versionsDir, "*", "manifest.json"))
	if err != nil || len(dirs) == 0 {
		t.Skipf("corpus %s absent", versionsDir)
	}
	for _, mf := range dirs {
		dir := filepath.Dir(mf)
		raw, err := os.ReadFile(mf)
		if err != nil {
			t.Fatal(err)
		}
		var m versionManifest
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", mf, err)
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var prev string
			for i, v := range m.Versions {
				b, err := os.ReadFile(filepath.Join(dir, v.File))
				if err != nil {
					t.Fatal(err)
				}
				cur := string(b)
				if i == 0 {
					if got := Compare(cur, cur); got != nil {
						t.Errorf("%s compared with itself: %+v, want nil", v.File, got)
					}
				} else {
					for _, ch := range Compare(prev, cur) {
						t.Logf("%s (%s) %s %s material=%v %s: %s", v.File, v.Kind, ch.Type, ch.Kind, ch.Material, ch.Severity, ch.Summary)
						if ch.Summary == "" || ch.Severity == "" || ch.Kind == "" {
							t.Errorf("%s: incomplete change %+v", v.File, ch)
						}
						if !ch.Material && ch.Severity != "low" {
							t.Errorf("%s: cosmetic change with severity %s", v.File, ch.Severity)
						}
					}
				}
				prev = cur
			}
		})
	}
}
