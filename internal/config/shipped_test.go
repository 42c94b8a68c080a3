package config

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
)

// TestShippedSelectorsVerified: a document of the shipped vendors.yaml
// whose selectors are called verified has exactly the selectors of the
// real captures in ../shared/corpus/replay; every other document says
// "unverified selector".
func TestShippedSelectorsVerified(t *testing.T) {
	c, err := Load("../../vendors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	verified := map[string]bool{} // document type lines marked verified, by URL
	f, err := os.Open("../../vendors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pending string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(l, "- type:"):
			pending = l
			if !strings.Contains(l, "verified") {
				t.Errorf("%q says neither verified nor unverified selector", l)
			}
		case strings.HasPrefix(l, "url:") && pending != "":
			verified[strings.TrimSpace(strings.TrimPrefix(l, "url:"))] = !strings.Contains(pending, "unverified")
			pending = ""
		}
	}
	docs, err := c.Documents()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		if verified[d.URL] {
			n++
		}
	}
	if n == 0 {
		t.Fatal("no document of vendors.yaml is marked verified")
	}
	t.Run("against the replay captures", func(t *testing.T) {
		dir := corpustest.Dir(t, "replay")
		manifests, _ := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
		if len(manifests) == 0 {
			t.Fatalf("no capture sequences in %s", dir)
		}
		byURL := map[string]struct{ Select, Remove json.RawMessage }{}
		for _, mf := range manifests {
			raw, err := os.ReadFile(mf)
			if err != nil {
				t.Fatal(err)
			}
			var m struct {
				URL            string
				Select, Remove json.RawMessage
			}
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			byURL[m.URL] = struct{ Select, Remove json.RawMessage }{m.Select, m.Remove}
		}
		for _, d := range docs {
			if !verified[d.URL] {
				continue
			}
			m, ok := byURL[d.URL]
			if !ok {
				t.Errorf("%s / %s is marked verified but no replay capture has its URL %s", d.Vendor, d.Type, d.URL)
				continue
			}
			if want := list(m.Select); !slices.Equal(d.Select, want) {
				t.Errorf("%s / %s: select %q, the verified captures use %q", d.Vendor, d.Type, d.Select, want)
			}
			if want := list(m.Remove); !slices.Equal(d.Remove, want) {
				t.Errorf("%s / %s: remove %q, the verified captures use %q", d.Vendor, d.Type, d.Remove, want)
			}
		}
	})
}

// list reads a manifest selector field: null, a string or a list.
func list(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil && one != "" {
		return []string{one}
	}
	var many []string
	_ = json.Unmarshal(raw, &many)
	return many
}
