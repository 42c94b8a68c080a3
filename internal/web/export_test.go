package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/export"
)

// TestExportDownload: the changes page links to the downloads, which
// parse back (CSV with a BOM for spreadsheets, JSON Lines).
func TestExportDownload(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	for _, page := range []string{"/", "/changes"} {
		_, body := f.get(nil, page)
		for _, link := range []string{`href="/export.csv"`, `href="/export.jsonl"`} {
			if !strings.Contains(body, link) {
				t.Errorf("%s lacks the download link %s", page, link)
			}
		}
	}
	resp, body := f.get(nil, "/export.csv")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
		t.Errorf("Content-Disposition %q", cd)
	}
	csvBody, ok := strings.CutPrefix(body, "\ufeff")
	if !ok {
		t.Errorf("the CSV download has no BOM")
	}
	rows, err := csv.NewReader(strings.NewReader(csvBody)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 { // a header, Acme's three changes and Globex's
		t.Fatalf("got %d rows, want 5", len(rows))
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] == itoa(f.indemnChange) {
			found = true
			if r[len(r)-4] != "acknowledged" || r[len(r)-3] != "Rita" {
				t.Errorf("Globex's change: review state %q by %q", r[len(r)-4], r[len(r)-3])
			}
		}
	}
	if !found {
		t.Errorf("the reviewed change is missing")
	}
	_, body = f.get(nil, "/export.jsonl?vendor=Globex")
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	var c export.Change
	if err := dec.Decode(&c); err != nil {
		t.Fatal(err)
	}
	if c.ID != f.indemnChange || c.Vendor != "Globex" || len(c.Reviews) != 1 || dec.More() {
		t.Errorf("?vendor=Globex: got %+v (more: %v), want Globex's one change", c, dec.More())
	}
}
