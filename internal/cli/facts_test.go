package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// capSite serves a terms page whose liability cap the test changes.
type capSite struct {
	mu  sync.Mutex
	cap string
}

func (s *capSite) set(cap string) { s.mu.Lock(); s.cap = cap; s.mu.Unlock() }

func (s *capSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(w, `<html><body><main class="terms"><h1>Terms of Service</h1>
<p>1. Use. You may use the service for your internal business purposes under these terms.</p>
<p>2. Limitation of Liability. In no event will the Company be liable for any indirect or consequential damages or lost profits. Our total liability arising out of these terms will not exceed %s.</p>
<p>3. Indemnification. You will indemnify and hold harmless the Company from any claims arising from your content.</p>
</main></body></html>`, s.cap)
}

// TestFactsOfACapThatChangedTwice checks a vendor whose cap moves twice,
// with the real pipeline, and reads its facts back as text, JSON and CSV.
func TestFactsOfACapThatChangedTwice(t *testing.T) {
	e := newEnv(t)
	site := &capSite{cap: "the fees you paid us in the twelve (12) months before the claim"}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	cfg := fmt.Sprintf("settings:\n  fetch: {host_delay: 0s, retries: 0, confirm_delay: 10ms}\nvendors:\n  - name: Acme\n    documents:\n      - {type: Terms, url: \"%s/terms\", select: [\".terms\"]}\n", srv.URL)
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	e.check(0)
	site.set("one hundred US dollars (US $100)")
	e.check(0)
	site.set("the fees you paid us in the six (6) months before the claim")
	e.check(0)

	out, errOut, code := e.run("facts", "Acme", "--json")
	if code != 0 {
		t.Fatalf("facts --json: exit %d: %s", code, errOut)
	}
	var docs []factsJSON
	if err := json.Unmarshal([]byte(out), &docs); err != nil || len(docs) != 1 {
		t.Fatalf("facts --json: %v: %s", err, out)
	}
	d := docs[0]
	if !d.Read || d.Cap == nil || d.Cap.FeePeriodMonths != 6 || d.Number != 3 {
		t.Errorf("today's facts: %+v", d)
	}
	if len(d.Indemnities) != 1 || d.Indemnities[0].Direction != "you" {
		t.Errorf("indemnities: %+v, want one you give", d.Indemnities)
	}
	var caps []string
	for _, ev := range d.Timeline {
		if ev.Fact == "cap" {
			if ev.ChangeID == nil {
				t.Errorf("timeline event without its change: %+v", ev)
			}
			caps = append(caps, ev.Before+" → "+ev.After)
		}
	}
	if want := []string{"12 months of fees → $100", "$100 → 6 months of fees"}; strings.Join(caps, "|") != strings.Join(want, "|") {
		t.Errorf("cap timeline: %q, want %q", caps, want)
	}
	if last := d.Timeline[len(d.Timeline)-1]; d.ChangedAt["cap"] != last.At || d.ChangedAt["exclusions"] == "" {
		t.Errorf("changed_at: %v; want the cap's at its last move (%s), and the exclusions'", d.ChangedAt, last.At)
	}

	out, _, _ = e.run("facts")
	for _, want := range []string{"Acme / Terms (v3", "liability cap:", "6 months of fees (since ", "12 months of fees → $100 (change "} {
		if !strings.Contains(out, want) {
			t.Errorf("facts text lacks %q:\n%s", want, out)
		}
	}
	out, _, code = e.run("facts", "--csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 2 || len(rows[1]) != len(factsColumns) {
		t.Fatalf("facts --csv: exit %d, %v: %q", code, err, out)
	}
	cell := map[string]string{}
	for i, c := range rows[0] {
		cell[c] = rows[1][i]
	}
	if cell["cap"] != "6 months of fees" || cell["cap_fee_period_months"] != "6" || cell["cap_basis"] != "fees" || !strings.HasPrefix(cell["indemnities"], "you: ") {
		t.Errorf("facts --csv: %v", cell)
	}
	if out, _, _ := e.run("facts", "--filter", "you-indemnify", "--json"); !strings.Contains(out, `"vendor": "Acme"`) {
		t.Errorf("--filter you-indemnify leaves Acme out: %s", out)
	}
	if out, _, _ := e.run("facts", "--filter", "no-cap", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("--filter no-cap keeps Acme: %s", out)
	}
	for _, args := range [][]string{{"facts", "--filter", "cheap"}, {"facts", "Nobody"}, {"facts", "--json", "--csv"}} {
		if _, errOut, code := e.run(args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, %q; want 2 and a message", args, code, errOut)
		}
	}
	// reanalyze reads every version's facts again with --all.
	out, _, code = e.run("reanalyze", "--all", "--json")
	if code != 0 || !strings.Contains(out, `"facts": 3`) {
		t.Errorf("reanalyze --all --json: exit %d: %s", code, out)
	}
}
