package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/export"
)

// TestExport exports a real recorded change with its reviews, and reads
// the CSV back with encoding/csv and the JSON Lines with a JSON decoder.
func TestExport(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	e.site.serve("terms-v2.html")
	e.check(0)
	out, _, _ := e.run("changes", "--json")
	var changes []export.Change
	if err := json.Unmarshal([]byte(out), &changes); err != nil || len(changes) != 1 {
		t.Fatalf("changes --json: %v: %s", err, out)
	}
	id := fmt.Sprint(changes[0].ID)
	for _, r := range [][]string{{"--by", "Ana", "--decision", "needs-follow-up", "--note", "=SUM(A1), ask \"legal\""}, {"--by", "Bob"}} {
		if _, errOut, code := e.run(append([]string{"review", id}, r...)...); code != 0 {
			t.Fatalf("review: exit %d: %s", code, errOut)
		}
	}

	out, errOut, code := e.run("export", "--bom")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	body, ok := strings.CutPrefix(out, "\ufeff")
	if !ok {
		t.Errorf("--bom: no BOM")
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want a header and one change", len(rows))
	}
	cell := map[string]string{}
	for i, col := range rows[0] {
		cell[col] = rows[1][i]
	}
	for col, want := range map[string]string{"change_id": id, "vendor": "Acme", "document": "Terms of Service",
		"liability_severity": "high", "review_state": "acknowledged", "reviewed_by": "Bob"} {
		if cell[col] != want {
			t.Errorf("%s: got %q, want %q", col, cell[col], want)
		}
	}
	if !strings.HasPrefix(cell["liability_summary"], "liability cap") || cell["liability_cap_before"] == "" {
		t.Errorf("liability: summary %q, cap before %q", cell["liability_summary"], cell["liability_cap_before"])
	}
	hist := strings.Split(cell["review_history"], "\n")
	if len(hist) != 2 || !strings.Contains(hist[0], "Ana: needs-follow-up — =SUM(A1), ask \"legal\"") || !strings.Contains(hist[1], "Bob: acknowledged") {
		t.Errorf("review_history: %q", cell["review_history"])
	}

	out, errOut, code = e.run("export", "--format", "json", "--vendor", "acme", "--since", "1d")
	if code != 0 {
		t.Fatalf("export --format json: exit %d: %s", code, errOut)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var c export.Change
	if err := dec.Decode(&c); err != nil {
		t.Fatal(err)
	}
	if dec.More() {
		t.Errorf("more than one line for one change")
	}
	if c.ReviewState != "acknowledged" || len(c.Reviews) != 2 || c.Reviews[0].Note != "=SUM(A1), ask \"legal\"" || len(c.ClauseChanges) == 0 {
		t.Errorf("exported change: %+v", c)
	}

	for _, args := range [][]string{{"--format", "xml"}, {"--vendor", "Nobody"}, {"--format", "json", "--bom"}, {"--since", "soon"}} {
		if _, errOut, code := e.run(append([]string{"export"}, args...)...); code != 2 || errOut == "" {
			t.Errorf("export %v: exit %d, %q; want 2 and a message", args, code, errOut)
		}
	}
}
