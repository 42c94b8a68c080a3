package config

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// TestFormatVendorsRoundTrip: what FormatVendors writes loads back to the
// same vendors, whatever the strings hold.
func TestFormatVendorsRoundTrip(t *testing.T) {
	ranges := []model.Range{{StartAfter: "h1#top", EndBefore: "footer"}, {StartBefore: "#a > p", EndAfter: "[data-x='1']"}}
	vendors := []model.Vendor{
		{Name: "Acme: Cloud #1", Documents: []model.Document{
			{Vendor: "Acme: Cloud #1", Type: "Terms of Service", URL: "https://acme.example/terms?x=1&y=2#top", Render: "browser",
				Select: []string{".terms", "main > article"}, Ranges: ranges, Remove: []string{".cookie-banner"}, Schedule: 12 * time.Hour},
			{Vendor: "Acme: Cloud #1", Type: "yes", URL: "http://acme.example/yes", Render: "http", Ranges: ranges[:1]},
		}},
		{Name: "- Ünïcode \"quoted\" 'name' ", Documents: []model.Document{
			{Vendor: "- Ünïcode \"quoted\" 'name'", Type: "Data Processing Addendum", URL: "https://u.example/1", Render: "auto",
				Select: []string{"main"}, Remove: []string{"nav", ".ad"},
				Combine: []model.Part{
					{URL: "https://u.example/1", Select: []string{"main"}, Remove: []string{"nav", ".ad"}},
					{URL: "https://u.example/2", Ranges: ranges[1:], Remove: []string{"nav", ".ad"}},
					{URL: "https://u.example/3", Select: []string{}, Remove: []string{}},
				}},
		}},
	}
	out := FormatVendors(vendors, 2)
	c, err := Parse("vendors.yaml", []byte("vendors:\n"+out))
	if err != nil {
		t.Fatalf("formatted vendors do not load: %v\n%s", err, out)
	}
	// Names are trimmed on load.
	vendors[1].Name = strings.TrimSpace(vendors[1].Name)
	if !reflect.DeepEqual(c.Vendors, vendors) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v\nfrom:\n%s", c.Vendors, vendors, out)
	}
	if !strings.Contains(out, "\n        url: http://acme.example/yes\n") || !strings.Contains(out, "- type: \"yes\"\n") {
		t.Errorf("want plain URLs and a quoted \"yes\":\n%s", out)
	}
}

const existing = `# My vendors. Keep this comment.
vendors:
  # Team A's vendors
  - name: Acme   # the cloud one
    documents:
      - type: Terms of Service
        url: https://acme.example/terms
        # select: main   (tried, did not work)

  - name: Globex
    documents:
      - type: Privacy Policy
        url: https://globex.example/privacy
      # - type: DPA (page moved)

# Settings after the vendors, on purpose.
settings:
  schedule: 12h   # twice a day
`

func TestAppendVendors(t *testing.T) {
	imports := []model.Vendor{
		{Name: "ACME", Documents: []model.Document{
			{Type: "terms of service", URL: "https://acme.example/tos"},
			{Type: "Privacy Policy", URL: "https://acme.example/privacy", Select: []string{"main"}},
		}},
		{Name: "Initech", Documents: []model.Document{{Type: "Terms", URL: "https://initech.example/terms", Render: "browser"}}},
		{Name: "Globex", Documents: []model.Document{{Type: "DPA", URL: "https://globex.example/dpa", Ranges: []model.Range{{StartAfter: "h1", EndBefore: "footer"}}}}},
		{Name: "initech", Documents: []model.Document{
			{Type: "TERMS", URL: "https://initech.example/t2"},
			{Type: "Privacy", URL: "https://initech.example/privacy"},
		}},
	}
	res, err := AppendVendors("vendors.yaml", []byte(existing), imports)
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.Data)
	assertKeepsLines(t, existing, got)
	if want := []string{"Acme / Privacy Policy", "Initech", "Globex / DPA"}; !reflect.DeepEqual(res.Added, want) {
		t.Errorf("added: got %q, want %q", res.Added, want)
	}
	if want := []string{"Acme / terms of service (already in vendors.yaml)", "initech / TERMS (imported twice)"}; !reflect.DeepEqual(res.Skipped, want) {
		t.Errorf("skipped: got %q, want %q", res.Skipped, want)
	}
	c, err := Parse("vendors.yaml", res.Data)
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	var docs []string
	for _, v := range c.Vendors {
		for _, d := range v.Documents {
			docs = append(docs, v.Name+"/"+d.Type+"/"+d.URL)
		}
	}
	want := []string{
		"Acme/Terms of Service/https://acme.example/terms",
		"Acme/Privacy Policy/https://acme.example/privacy",
		"Globex/Privacy Policy/https://globex.example/privacy",
		"Globex/DPA/https://globex.example/dpa",
		"Initech/Terms/https://initech.example/terms",
		"Initech/Privacy/https://initech.example/privacy",
	}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("documents:\ngot  %q\nwant %q\nfile:\n%s", docs, want, got)
	}
	if c.Settings.Schedule != 12*time.Hour {
		t.Errorf("settings lost: schedule %s", c.Settings.Schedule)
	}
	// A comment inside the last document stays with it.
	if !strings.Contains(got, "        # select: main   (tried, did not work)\n      - type: Privacy Policy\n") {
		t.Errorf("new document not after the comment of the one before:\n%s", got)
	}
	// New entries go before the comment that introduces the settings.
	if i, j := strings.Index(got, "name: Initech"), strings.Index(got, "# Settings after"); i < 0 || i > j {
		t.Errorf("new vendor not before the settings comment:\n%s", got)
	}
}

func TestAppendVendorsLayouts(t *testing.T) {
	add := []model.Vendor{
		{Name: "A", Documents: []model.Document{{Type: "Privacy", URL: "https://a.example/p"}}},
		{Name: "B", Documents: []model.Document{{Type: "Terms", URL: "https://b.example/t"}}},
	}
	for _, tc := range []struct{ name, src string }{
		{"indentless lists", "vendors:\n- name: A\n  documents:\n  - type: Terms\n    url: https://a.example/t\n"},
		{"no final newline", "vendors:\n  - name: A\n    documents:\n      - type: Terms\n        url: https://a.example/t"},
		{"wide indent", "vendors:\n    -   name: A\n        documents:\n            -   type: Terms\n                url: https://a.example/t\n"},
		{"block literal last", "vendors:\n  - name: A\n    documents:\n      - type: |-\n          Terms\n        url: https://a.example/t\n        select: |\n          main\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := AppendVendors("vendors.yaml", []byte(tc.src), add)
			if err != nil {
				t.Fatalf("%v", err)
			}
			assertKeepsLines(t, tc.src, string(res.Data))
			c, err := Parse("vendors.yaml", res.Data)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Vendors) != 2 || len(c.Vendors[0].Documents) != 2 || c.Vendors[0].Documents[1].Type != "Privacy" || c.Vendors[1].Name != "B" {
				t.Errorf("got %+v from:\n%s", c.Vendors, res.Data)
			}
		})
	}
}

func TestAppendVendorsRefuses(t *testing.T) {
	add := []model.Vendor{{Name: "B", Documents: []model.Document{{Type: "Terms", URL: "https://b.example/t"}}}}
	for _, tc := range []struct {
		name, src string
		want      error
	}{
		{"flow list", "vendors: [{name: A, documents: [{type: T, url: 'https://a.example/'}]}]\n", ErrCannotAppend},
		{"json", `{"vendors": [{"name": "A", "documents": [{"type": "T", "url": "https://a.example/"}]}]}`, ErrCannotAppend},
		{"invalid file", "vendors:\n  - name: A\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := AppendVendors("vendors.yaml", []byte(tc.src), add)
			if err == nil {
				t.Fatal("got no error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
			var errs *Errors
			if tc.want == nil && !errors.As(err, &errs) {
				t.Errorf("got %T %v, want the file's *Errors", err, err)
			}
		})
	}
}

// assertKeepsLines checks that every line of before is in after, in order
// and unchanged: appending must not rewrite what was there.
func assertKeepsLines(t *testing.T, before, after string) {
	t.Helper()
	rest := strings.Split(after, "\n")
	for _, l := range strings.Split(strings.TrimSuffix(before, "\n"), "\n") {
		i := 0
		for i < len(rest) && rest[i] != l {
			i++
		}
		if i == len(rest) {
			t.Fatalf("line %q of the original is missing or out of order in:\n%s", l, after)
		}
		rest = rest[i+1:]
	}
}

func TestAppendToShippedVendors(t *testing.T) {
	data, err := os.ReadFile("../../vendors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	before, err := Parse("vendors.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	first := before.Vendors[0]
	add := []model.Vendor{
		{Name: strings.ToUpper(first.Name), Documents: []model.Document{
			{Type: first.Documents[0].Type, URL: "https://dup.example/"},
			{Type: "Imported Policy", URL: "https://new.example/policy"},
		}},
		{Name: "Imported Vendor", Documents: []model.Document{{Type: "Terms of Service", URL: "https://imported.example/terms"}}},
	}
	res, err := AppendVendors("vendors.yaml", data, add)
	if err != nil {
		t.Fatal(err)
	}
	assertKeepsLines(t, string(data), string(res.Data))
	after, err := Parse("vendors.yaml", res.Data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(after.Vendors), len(before.Vendors)+1; got != want {
		t.Errorf("got %d vendors, want %d", got, want)
	}
	if got, want := len(after.Vendors[0].Documents), len(first.Documents)+1; got != want {
		t.Errorf("%s: got %d documents, want %d", first.Name, got, want)
	}
	if len(res.Skipped) != 1 {
		t.Errorf("skipped: got %q, want the one duplicate", res.Skipped)
	}
}
