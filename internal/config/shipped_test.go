package config

import (
	"bufio"
	"os"
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
		byURL := map[string]corpustest.Replay{}
		for _, m := range corpustest.Replays(t) {
			byURL[m.URL] = m
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
			if want := corpustest.Selectors(m.Select); !slices.Equal(d.Select, want) {
				t.Errorf("%s / %s: select %q, the verified captures use %q", d.Vendor, d.Type, d.Select, want)
			}
			if want := corpustest.Selectors(m.Remove); !slices.Equal(d.Remove, want) {
				t.Errorf("%s / %s: remove %q, the verified captures use %q", d.Vendor, d.Type, d.Remove, want)
			}
		}
	})
}
