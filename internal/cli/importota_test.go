package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/config"
)

// runToswatch runs toswatch with args and no environment.
func runToswatch(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }})
	return out.String(), errb.String(), code
}

func TestImportOTAPrints(t *testing.T) {
	dir := filepath.Join("..", "ota", "testdata", "declarations")
	out, errOut, code := runToswatch("import-ota", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	c, err := config.Parse("vendors.yaml", []byte("vendors:\n"+out))
	if err != nil {
		t.Fatalf("output is not a vendors list: %v\n%s", err, out)
	}
	var got []string
	for _, v := range c.Vendors {
		for _, d := range v.Documents {
			got = append(got, v.Name+"/"+d.Type+"/"+d.Render)
		}
	}
	want := []string{
		"Acme Cloud/Terms of Service/auto",
		"Acme Cloud/Privacy Policy/browser",
		"Acme Cloud/Acceptable Use Policy/auto",
		"Acme Cloud/Data Processing Agreement/browser",
		"Globex/Terms of Service/auto",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents:\ngot  %q\nwant %q", got, want)
	}
	for _, line := range []string{
		"# Imported by toswatch import-ota from 2 Open Terms Archive declaration(s).",
		"# Warnings (5):",
		"#   " + filepath.Join(dir, "Acme.json") + ": Acceptable Use Policy: filter [removeSessionIds, removeQueryParams] not imported",
		"#   " + filepath.Join(dir, "Globex.json") + `: unknown key "importedFrom" ignored`,
	} {
		if !strings.Contains(out, line) {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
	if strings.Contains(out, "old-tos") {
		t.Errorf("the history file was imported:\n%s", out)
	}
}

func TestImportOTAMalformed(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.json")
	bad := filepath.Join(dir, "b.json")
	writeTestFile(t, good, `{"name": "A", "terms": {"Terms": {"fetch": "https://a.example/t"}}}`)
	writeTestFile(t, bad, "{\"name\": \"B\",\n \"terms\": {\"Terms\": {\"fetch\": \"https://b.example/t\"}}\n")
	for _, args := range [][]string{{"import-ota", dir}, {"import-ota", good, bad}} {
		out, errOut, code := runToswatch(args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		if want := "toswatch: " + bad + ": invalid declaration: malformed JSON"; !strings.HasPrefix(errOut, want) {
			t.Errorf("%q: stderr %q, want it to start %q", args, errOut, want)
		}
		if out != "" {
			t.Errorf("%q: printed %q despite the error", args, out)
		}
	}
	if _, errOut, code := runToswatch("import-ota", filepath.Join(dir, "missing.json")); code != 2 || !strings.Contains(errOut, "missing.json") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
	// Two declarations of one service become one vendor.
	writeTestFile(t, bad, `{"name": "a", "terms": {"Terms": {"fetch": "https://a.example/t2"}, "Privacy": {"fetch": "https://a.example/p"}}}`)
	out, errOut, code := runToswatch("import-ota", dir)
	c, err := config.Parse("vendors.yaml", []byte("vendors:\n"+out))
	if code != 0 || err != nil || len(c.Vendors) != 1 || len(c.Vendors[0].Documents) != 2 || !strings.Contains(out, "a: Terms: declared twice") {
		t.Errorf("same service twice: exit %d, stderr %s, load error %v, output:\n%s", code, errOut, err, out)
	}
	if _, _, code := runToswatch("import-ota"); code != 2 {
		t.Errorf("no arguments: exit %d, want 2", code)
	}
}

const existingVendors = `# Our vendors. This comment must survive.
settings:
  schedule: 12h   # twice a day
  fetch:
    host_delay: 0s

vendors:
  # Cloud
  - name: ACME CLOUD   # spelled as legal likes it
    documents:
      - type: terms of service
        url: https://acme.example/legal/terms
        select: main   # checked 2025-01
`

func TestImportOTAWriteMerges(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "vendors.yaml")
	writeTestFile(t, cfgPath, existingVendors)
	decl := filepath.Join(dir, "decl")
	if err := os.Mkdir(decl, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(decl, "Acme.json"), `{"name": "Acme Cloud", "terms": {
		"Terms of Service": {"fetch": "https://acme.example/other", "select": "article"},
		"Privacy Policy": {"fetch": "https://acme.example/privacy", "select": [{"startAfter": "h1", "endBefore": "footer"}], "filter": ["dropDates"]}}}`)
	writeTestFile(t, filepath.Join(decl, "Globex.json"), `{"name": "Globex", "documents": {
		"Terms of Service": {"fetch": "https://globex.example/tos", "executeClientScripts": true}}}`)

	out, errOut, code := runToswatch("import-ota", decl, "--write", "--config", cfgPath)
	if code != 0 {
		t.Fatalf("exit %d; stderr %s; stdout %s", code, errOut, out)
	}
	for _, want := range []string{
		"skipped ACME CLOUD / Terms of Service (already in " + cfgPath + ")",
		"added ACME CLOUD / Privacy Policy",
		"added Globex",
		cfgPath + ": 2 added, 1 skipped.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, `Privacy Policy: filter [dropDates] not imported`) {
		t.Errorf("stderr lacks the filter warning: %s", errOut)
	}
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), existingVendors) {
		t.Errorf("the existing content changed:\n%s", data)
	}
	c, err := config.Load(cfgPath)
	if err != nil {
		t.Fatalf("merged file does not load: %v\n%s", err, data)
	}
	var got []string
	for _, v := range c.Vendors {
		for _, d := range v.Documents {
			got = append(got, v.Name+"/"+d.Type+"/"+d.URL)
		}
	}
	want := []string{
		"ACME CLOUD/terms of service/https://acme.example/legal/terms",
		"ACME CLOUD/Privacy Policy/https://acme.example/privacy",
		"Globex/Terms of Service/https://globex.example/tos",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents:\ngot  %q\nwant %q\n%s", got, want, data)
	}
	if r := c.Vendors[0].Documents[1].Ranges; len(r) != 1 || r[0].StartAfter != "h1" {
		t.Errorf("the range was not written: %+v", r)
	}
	if c.Vendors[1].Documents[0].Render != "browser" {
		t.Errorf("executeClientScripts did not become render: browser")
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".vendors.yaml.*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %q", leftovers)
	}

	// Importing again adds nothing and leaves the file alone.
	out, _, code = runToswatch("import-ota", decl, "--write", "--config", cfgPath)
	again, _ := os.ReadFile(cfgPath)
	if code != 0 || !bytes.Equal(again, data) || !strings.Contains(out, "Nothing new") {
		t.Errorf("second import: exit %d, file changed %v, stdout:\n%s", code, !bytes.Equal(again, data), out)
	}
}

func TestImportOTAWriteRefuses(t *testing.T) {
	decl := filepath.Join(t.TempDir(), "a.json")
	writeTestFile(t, decl, `{"name": "A", "terms": {"Terms": {"fetch": "https://a.example/t"}}}`)
	for _, tc := range []struct{ name, config, wantErr string }{
		{"invalid config", "vendors:\n  - name: X\n", `no documents`},
		{"flow-style config", "vendors: [{name: X, documents: [{type: T, url: 'https://x.example/'}]}]\n", "not a block list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfgPath := filepath.Join(t.TempDir(), "vendors.yaml")
			writeTestFile(t, cfgPath, tc.config)
			_, errOut, code := runToswatch("import-ota", decl, "--write", "--config", cfgPath)
			if code != 2 || !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.wantErr)
			}
			if data, _ := os.ReadFile(cfgPath); string(data) != tc.config {
				t.Errorf("the config changed:\n%s", data)
			}
		})
	}
}

func TestImportOTAWriteCreates(t *testing.T) {
	dir := t.TempDir()
	decl := filepath.Join(dir, "a.json")
	writeTestFile(t, decl, `{"name": "A", "terms": {"Terms": {"fetch": "https://a.example/t"}}}`)
	cfgPath := filepath.Join(dir, "new.yaml")
	if _, errOut, code := runToswatch("import-ota", decl, "--write", "--config", cfgPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	c, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Vendors) != 1 || c.Vendors[0].Documents[0].URL != "https://a.example/t" {
		t.Errorf("got %+v", c.Vendors)
	}
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
