package ota

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/model"
)

func TestParseFile(t *testing.T) {
	d, err := ParseFile(filepath.Join("testdata", "declarations", "Acme.json"))
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, term := range d.Terms {
		types = append(types, term.Type)
	}
	// File order, not map order.
	if want := []string{"Terms of Service", "Privacy Policy", "Acceptable Use Policy", "Data Processing Agreement", "Trackers Policy"}; !reflect.DeepEqual(types, want) {
		t.Errorf("terms: got %q, want %q", types, want)
	}
	yes := true
	for _, tc := range []struct {
		term int
		want Term
	}{
		{0, Term{Type: "Terms of Service", Page: Page{Fetch: "https://acme.example/legal/terms",
			Select: []Selector{{CSS: ".terms-content"}}, Remove: []Selector{{CSS: ".cookie-banner"}, {CSS: "nav"}}}}},
		{1, Term{Type: "Privacy Policy", Page: Page{Fetch: "https://acme.example/legal/privacy",
			Select:               []Selector{{CSS: "h1"}, {Range: &model.Range{StartAfter: "#toc", EndBefore: "#footer-links"}}},
			ExecuteClientScripts: &yes}}},
		{2, Term{Type: "Acceptable Use Policy", Page: Page{Fetch: "https://acme.example/legal/aup",
			Select: []Selector{{Range: &model.Range{StartBefore: "h1", EndAfter: ".last-clause"}}},
			Remove: []Selector{{CSS: ".ad"}, {Range: &model.Range{StartBefore: "#promo-start", EndBefore: "#promo-end"}}},
			Filter: []string{"removeSessionIds", "removeQueryParams"}}}},
		{3, Term{Type: "Data Processing Agreement",
			Page: Page{Select: []Selector{{CSS: "main"}}, Remove: []Selector{{CSS: ".print-button"}}},
			Combine: []Page{
				{Fetch: "https://acme.example/dpa"},
				{Fetch: "https://acme.example/dpa/annex-1", Select: []Selector{{CSS: "#annex"}}},
				{Fetch: "https://acme.example/dpa/annex-2", Remove: []Selector{{CSS: ".sidebar"}}, ExecuteClientScripts: &yes},
			}}},
		{4, Term{Type: "Trackers Policy", Page: Page{Fetch: "https://acme.example/cookies",
			Select: []Selector{{CSS: "div:contains-text(cookies)"}}, Unknown: []string{"ignoreThisKey"}}}},
	} {
		t.Run(tc.want.Type, func(t *testing.T) {
			if got := d.Terms[tc.term]; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
	if d.Name != "Acme Cloud" || d.File != filepath.Join("testdata", "declarations", "Acme.json") {
		t.Errorf("got name %q file %q", d.Name, d.File)
	}
}

func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		file      string
		want      model.Vendor
		wantWarns []string
	}{
		{
			file: "Acme.json",
			want: model.Vendor{Name: "Acme Cloud", Documents: []model.Document{
				{Vendor: "Acme Cloud", Type: "Terms of Service", URL: "https://acme.example/legal/terms", Render: "auto",
					Select: []string{".terms-content"}, Remove: []string{".cookie-banner", "nav"}},
				{Vendor: "Acme Cloud", Type: "Privacy Policy", URL: "https://acme.example/legal/privacy", Render: "browser",
					Select: []string{"h1"}, Ranges: []model.Range{{StartAfter: "#toc", EndBefore: "#footer-links"}}},
				{Vendor: "Acme Cloud", Type: "Acceptable Use Policy", URL: "https://acme.example/legal/aup", Render: "auto",
					Ranges: []model.Range{{StartBefore: "h1", EndAfter: ".last-clause"}}, Remove: []string{".ad"}},
				{Vendor: "Acme Cloud", Type: "Data Processing Agreement", URL: "https://acme.example/dpa", Render: "browser",
					Select: []string{"main"}, Remove: []string{".print-button"},
					Combine: []model.Part{
						{URL: "https://acme.example/dpa", Select: []string{"main"}, Remove: []string{".print-button"}},
						{URL: "https://acme.example/dpa/annex-1", Select: []string{"#annex"}, Remove: []string{".print-button"}},
						{URL: "https://acme.example/dpa/annex-2", Select: []string{"main"}, Remove: []string{".sidebar"}},
					}},
			}},
			wantWarns: []string{
				`testdata/declarations/Acme.json: Acceptable Use Policy: remove: range {startBefore: "#promo-start", endBefore: "#promo-end"} not imported: toswatch removes CSS matches only, so the text may hold more than Open Terms Archive's`,
				`testdata/declarations/Acme.json: Acceptable Use Policy: filter [removeSessionIds, removeQueryParams] not imported: toswatch has no filter functions, so the text may differ from Open Terms Archive's`,
				`testdata/declarations/Acme.json: Trackers Policy: select: CSS selector "div:contains-text(cookies)" is not supported (unknown pseudoclass or pseudoelement :contains-text); not imported`,
				`testdata/declarations/Acme.json: Trackers Policy: unknown key "ignoreThisKey" ignored`,
			},
		},
		{
			file: "Globex.json",
			want: model.Vendor{Name: "Globex", Documents: []model.Document{
				{Vendor: "Globex", Type: "Terms of Service", URL: "https://www.globex.example/tos", Render: "auto",
					Select: []string{"article.terms", "#last-updated"}},
			}},
			wantWarns: []string{`testdata/declarations/Globex.json: unknown key "importedFrom" ignored`},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			d, err := ParseFile("testdata/declarations/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			got, warns := Convert(d)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, tc.want)
			}
			var msgs []string
			for _, w := range warns {
				msgs = append(msgs, w.String())
			}
			if !reflect.DeepEqual(msgs, tc.wantWarns) {
				t.Errorf("warnings:\ngot  %q\nwant %q", msgs, tc.wantWarns)
			}
			// What Convert gives is what vendors.yaml loads, once written.
			yaml := config.FormatVendors([]model.Vendor{got}, 2)
			c, err := config.Parse("vendors.yaml", []byte("vendors:\n"+yaml))
			if err != nil {
				t.Fatalf("written vendor does not load: %v\n%s", err, yaml)
			}
			if !reflect.DeepEqual(c.Vendors[0], got) {
				t.Errorf("loaded back:\ngot  %+v\nwant %+v\nfrom\n%s", c.Vendors[0], got, yaml)
			}
		})
	}
}

func TestConvertSkips(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		wantDocs   int
		wantWarn   string
	}{
		{"no fetch", `{"name": "X", "terms": {"Terms": {"select": "main"}}}`, 0, `X.json: Terms: no "fetch" URL and no "combine"; not imported`},
		{"not http", `{"name": "X", "terms": {"Terms": {"fetch": "ftp://x.example/t"}}}`, 0, `X.json: Terms: "ftp://x.example/t" is not an http or https URL; not imported`},
		{"part without fetch", `{"name": "X", "terms": {"Terms": {"combine": [{"fetch": "https://x.example/1"}, {"select": "main"}]}}}`, 0, `X.json: Terms: combine[1]: missing "fetch"; not imported`},
		{"empty selector", `{"name": "X", "terms": {"Terms": {"fetch": "https://x.example/t", "select": ["", "main"]}}}`, 1, `X.json: Terms: select: empty selector ignored`},
		{"invalid range side", `{"name": "X", "terms": {"Terms": {"fetch": "https://x.example/t", "select": {"startAfter": "h1[", "endBefore": "p"}}}}`, 0, `X.json: Terms: select: CSS selector "h1[" is not supported`},
		{"nothing left", `{"name": "X", "terms": {}}`, 0, `X.json: no term could be imported`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse([]byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			d.File = "X.json"
			v, warns := Convert(d)
			if len(v.Documents) != tc.wantDocs {
				t.Errorf("got %d documents, want %d", len(v.Documents), tc.wantDocs)
			}
			found := false
			for _, w := range warns {
				found = found || strings.HasPrefix(w.String(), tc.wantWarn)
			}
			if !found {
				t.Errorf("warnings %q lack %q", warns, tc.wantWarn)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"malformed", `{"name": "X", "terms": {"T": {"fetch": "u",}}}`, "invalid declaration: Terms?"},
		{"trailing comma at top", "{\n  \"name\": \"X\",\n}", "invalid declaration: malformed JSON at line 3, column 1: invalid character '}' looking for beginning of object key string"},
		{"truncated", `{"name": "X", "terms": {`, "invalid declaration: malformed JSON: unexpected end of file"},
		{"not an object", `["X"]`, "invalid declaration: expected an object, got a list"},
		{"no name", `{"terms": {}}`, `invalid declaration: missing "name" (is this a .history.json file?)`},
		{"history file", `{"Terms of Service": [{"fetch": "https://x.example/", "validUntil": "2022-01-01"}]}`, `invalid declaration: missing "name"`},
		{"no terms", `{"name": "X"}`, `invalid declaration: missing "terms"`},
		{"terms and documents", `{"name": "X", "terms": {}, "documents": {}}`, `invalid declaration: documents: the declaration also has "terms"; give one`},
		{"name not a string", `{"name": 3, "terms": {}}`, "invalid declaration: name: expected a string, got a number"},
		{"term not an object", `{"name": "X", "terms": {"T": "https://x.example/"}}`, "invalid declaration: T: expected an object, got a string"},
		{"select a number", `{"name": "X", "terms": {"T": {"fetch": "https://x.example/", "select": 3}}}`, "invalid declaration: T: select: expected a CSS selector or a range, got a number"},
		{"range without end", `{"name": "X", "terms": {"T": {"fetch": "https://x.example/", "select": {"startAfter": "h1"}}}}`, "invalid declaration: T: select: range: give exactly one of endBefore and endAfter"},
		{"range with two starts", `{"name": "X", "terms": {"T": {"fetch": "https://x.example/", "select": [{"startAfter": "h1", "startBefore": "h2", "endAfter": "p"}]}}}`, "invalid declaration: T: select: range: give exactly one of startBefore and startAfter"},
		{"range unknown key", `{"name": "X", "terms": {"T": {"fetch": "https://x.example/", "select": {"start": "h1", "endAfter": "p"}}}}`, `invalid declaration: T: select: range: unknown key "start"`},
		{"combine not a list", `{"name": "X", "terms": {"T": {"combine": {}}}}`, "invalid declaration: T: combine: expected a list of pages, got an object"},
		{"combine part", `{"name": "X", "terms": {"T": {"combine": [{"fetch": 1}]}}}`, "invalid declaration: T: combine[0]: fetch: expected a URL string, got a number"},
		{"duplicate key", `{"name": "X", "name": "Y", "terms": {}}`, `invalid declaration: key "name" given twice`},
		{"scripts not a bool", `{"name": "X", "terms": {"T": {"fetch": "https://x.example/", "executeClientScripts": "yes"}}}`, "invalid declaration: T: executeClientScripts: expected true or false, got a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.json))
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
			if strings.HasSuffix(tc.want, "?") {
				return // only the kind is checked
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %q, want %q", err, tc.want)
			}
		})
	}
}

func TestParseFileNamesTheFile(t *testing.T) {
	path := filepath.Join("testdata", "invalid", "malformed.json")
	_, err := ParseFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": invalid declaration: ") || !strings.Contains(err.Error(), "line 6") {
		t.Errorf("got %v, want an error naming %s and the line", err, path)
	}
}
