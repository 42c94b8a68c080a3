package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The attacks of a hostile vendors.yaml on the YAML parser: each is refused
// with a message before the parser sees it.
func TestHostileConfigIsRefusedBeforeParsing(t *testing.T) {
	nested := func(open, close string, n int) string {
		return "vendors: " + strings.Repeat(open, n) + strings.Repeat(close, n) + "\n"
	}
	var indented strings.Builder
	for i := range 70 {
		indented.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	for _, tc := range []struct {
		name, src, want string
	}{
		// 100,000 nested brackets in 200 KB took the parser 15 GB.
		{"nested bracket bomb", nested("[", "]", 100_000), "vendors.yaml:1:73: nested deeper than 64 levels"},
		{"nested brace bomb", nested("{a: ", "}", 65), "vendors.yaml:1:"},
		{"nested indentation", indented.String(), "vendors.yaml:65:65: nested deeper than 64 levels"},
		{"compact entries", "vendors:\n" + strings.Repeat("- ", 64) + "x\n", "vendors.yaml:2:129: nested deeper than 64 levels"},
		{"brackets behind a tag", "vendors: !!seq " + strings.Repeat("[", 70) + "\n", "nested deeper than 64 levels"},
		{"oversized file", vendorA + "# " + strings.Repeat("x", MaxFileSize) + "\n", "vendors.yaml: file is larger than 1048576 bytes (1 MiB)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("vendors.yaml", []byte(tc.src))
			if got := errString(err); !strings.Contains(got, tc.want) || strings.Contains(got, "invalid YAML") {
				t.Errorf("got %.200q, want %q", got, tc.want)
			}
		})
	}
}

// What nests only in appearance, inside quotes, comments and block
// scalars, or as brackets in a plain scalar (CSS selectors), is no nesting.
func TestPrescanReadsOnlyRealNesting(t *testing.T) {
	deep := strings.Repeat("[", 70)
	src := `# ` + deep + `
settings:
  user_agent: "` + deep + `\" ` + deep + `" # ` + deep + `
vendors:
  - name: 'A''s ` + deep + `'
    documents:
      - type: >-
          ` + deep + `
          ` + deep + `
        url: https://a.example/t
        select: [main, "div[data-x='` + deep + `']", 'a[x]', {start_after: h1, end_before: "footer"}]
        remove: div[class*=banner] p
      - type: it's [ a plain scalar
        url: https://a.example/t2
`
	c, err := Parse("vendors.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Vendors[0].Documents[1].Type; got != "it's [ a plain scalar" {
		t.Errorf("type = %q", got)
	}
	// The shipped and sample configurations pass.
	for _, name := range []string{"../../vendors.yaml", "../../contrib/vendors.yaml", "testdata/full.yaml", "testdata/full.json"} {
		if _, err := Load(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestLoadReadsNoMoreThanTheLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vendors.yaml")
	if err := os.WriteFile(path, []byte(vendorA+"#"+strings.Repeat("x", 3*MaxFileSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if got := errString(err); !strings.Contains(got, "larger than 1048576 bytes") {
		t.Errorf("got %q", got)
	}
}
