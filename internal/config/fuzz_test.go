package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/full.yaml", "testdata/full.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"",
		vendorA,
		"vendors: [{name: A, documents: [{type: T, url: 'https://a.example/', select: [main, '.x'], combine: [{url: 'http://b.example/'}]}]}]",
		"settings: {fetch: {max_body: 10MiB, timeout: 5s}, digest: {to: a@b.c, at: '08:00'}}\nvendors: []",
		"a: &a [*a]\nvendors: *a\n",
		"vendors:\n  - &v {name: A, documents: [{<<: {type: T}, url: 'https://a/'}]}\n  - *v\n",
		"{\"vendors\": [{\"name\": 1, \"documents\": null}]}",
		"- [\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yaml", data)
		if (c == nil) == (err == nil) {
			t.Fatalf("got config %v and error %v, want exactly one", c, err)
		}
		if err != nil {
			var errs *Errors
			if !errors.As(err, &errs) || len(errs.List) == 0 {
				t.Fatalf("got %T %v, want a non-empty *Errors", err, err)
			}
			for _, e := range errs.List {
				if e.File != "f.yaml" || e.Msg == "" || e.Line < 0 || e.Column < 0 {
					t.Errorf("malformed error %+v", e)
				}
			}
			return
		}
		if len(c.Vendors) == 0 {
			t.Fatal("a config without vendors loaded")
		}
		for _, v := range c.Vendors {
			if v.Name == "" || len(v.Documents) == 0 {
				t.Errorf("vendor %+v: want a name and documents", v)
			}
			for _, d := range v.Documents {
				if d.Vendor != v.Name || d.Type == "" || httpURL(d.URL) != nil {
					t.Errorf("document %+v: want vendor, type and an http(s) URL", d)
				}
				if d.Render != RenderAuto && d.Render != RenderHTTP && d.Render != RenderBrowser {
					t.Errorf("document %+v: bad render", d)
				}
			}
		}
		if c.Settings.Schedule <= 0 || c.Settings.Fetch.MaxBody <= 0 || strings.ContainsAny(c.Settings.UserAgent, "\r\n") {
			t.Errorf("settings %+v: defaults missing or bad user agent", c.Settings)
		}
	})
}

func TestAliasExpansionIsBounded(t *testing.T) {
	// Each level multiplies by 30: fully expanded, this is 30^5 selectors.
	src := `
vendors: &vs [*v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v, *v]
`
	l := func(name, item string) string {
		return name + ": &" + name + " [" + strings.Repeat("*"+item+", ", 29) + "*" + item + "]\n"
	}
	prefix := "x:\n" +
		"  - &s main\n" +
		"  - " + l("ss", "s") +
		"  - &p {url: 'https://a.example/', select: *ss}\n" +
		"  - " + l("ps", "p") +
		"  - &d {type: T, combine: *ps}\n" +
		"  - " + l("ds", "d") +
		"  - &v {name: A, documents: *ds}\n"
	_, err := Parse("vendors.yaml", []byte(prefix+src))
	if err == nil || !strings.Contains(err.Error(), "too many nodes after expanding aliases") {
		t.Fatalf("got %v, want a too-many-nodes error", err)
	}
}

func TestBadAliases(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"settings:\n  user_agent: &a *a\n" + vendorA, "vendors.yaml:2:18: invalid YAML: unexpected scalar value type"},
		{"settings:\n  user_agent: *nope\n" + vendorA, `vendors.yaml:2:15: unknown alias "nope"`},
		{"settings:\n  user_agent: *later\n  schedule: &later 1h\n" + vendorA, `vendors.yaml:2:15: unknown alias "later"`},
	} {
		_, err := Parse("vendors.yaml", []byte(tc.src))
		if got := errString(err); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.src, got, tc.want)
		}
	}
}
