package web

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/toswatch/toswatch/internal/model"
)

// factsFixture records four vendors' facts: Acme's cap lowered from 12
// months of fees to $100 (you indemnify it), Globex's greater-of cap (it
// indemnifies you), Initech without a cap (mutual indemnities), Hooli's
// facts not read yet.
func factsFixture(t *testing.T) (*fixture, int64) {
	f := newFixture(t)
	you := []model.Indemnity{{Direction: model.PartyYou, Covers: []string{model.CoversContent, model.CoversBreach}}}
	f.withFacts(model.DocFacts{Cap: &model.Cap{FeePeriodMonths: 12, Basis: model.BasisFees}, Protects: model.PartyProvider,
		Exclusions: []string{"lost profits"}, Indemnities: you}).record("Acme", "Terms of Service", model.KindFirst, acmeV1)
	capChange := f.withFacts(model.DocFacts{Cap: capAfter, Protects: model.PartyProvider, Exclusions: []string{"lost profits"},
		CarveOuts: []string{model.CarveFraud}, Indemnities: you}).record("Acme", "Terms of Service", model.KindChange, acmeV2)
	f.withFacts(model.DocFacts{Cap: capBefore, Protects: model.PartyProvider,
		Indemnities: []model.Indemnity{{Direction: model.PartyProvider, Covers: []string{model.CoversIP}}}}).
		record("Globex", "Data Processing Addendum", model.KindFirst, globexV1)
	f.withFacts(model.DocFacts{Indemnities: []model.Indemnity{{Direction: model.PartyMutual}}}).
		record("Initech", "Terms", model.KindFirst, "Initech terms.\n")
	f.record("Hooli", "Terms", model.KindFirst, "Hooli terms.\n")
	return f.serve(Options{}), capChange
}

var factsVendorCell = regexp.MustCompile(`<td><a href="/facts/([^"]+)">`)

func factsVendors(body string) []string {
	var out []string
	for _, m := range factsVendorCell.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestFactsPages(t *testing.T) {
	f, capChange := factsFixture(t)
	_, body := f.get(nil, "/facts")
	if got := strings.Join(factsVendors(body), ","); got != "Acme,Globex,Hooli,Initech" {
		t.Errorf("every document: %s", got)
	}
	for _, want := range []string{"$100", "the greater of $1,000 or 12 months of fees", "you indemnify the provider (your content, your breach)",
		"the provider indemnifies you (third-party IP claims)", "both parties indemnify each other", "facts not read yet", "not found"} {
		if !strings.Contains(body, want) {
			t.Errorf("/facts lacks %q", want)
		}
	}
	for _, tc := range []struct{ query, want string }{
		{"?filter=you-indemnify", "Acme,Initech"},
		{"?filter=no-cap", "Initech"},
		{"?filter=cap-12-months", "Acme"},
		{"?filter=you-indemnify&sort=changed", "Initech,Acme"}, // Initech's facts were read after Acme's last moved
	} {
		resp, body := f.get(nil, "/facts"+tc.query)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", tc.query, resp.StatusCode)
		}
		if got := strings.Join(factsVendors(body), ","); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.query, got, tc.want)
		}
	}
	if resp, _ := f.get(nil, "/facts?filter=cheap"); resp.StatusCode != 400 {
		t.Errorf("unknown filter: %d, want 400", resp.StatusCode)
	}
	resp, body := f.get(nil, "/facts/acme")
	if resp.StatusCode != 200 {
		t.Fatalf("/facts/acme: %d", resp.StatusCode)
	}
	for _, want := range []string{"Acme: clause facts", "<dt>liability cap</dt><dd>$100", "<td>12 months of fees</td>\n<td>$100</td>",
		`href="/changes/` + itoa(capChange) + `">change ` + itoa(capChange) + `</a>`, "<dt>carve-outs</dt><dd>fraud"} {
		if !strings.Contains(body, want) {
			t.Errorf("/facts/acme lacks %q", want)
		}
	}
	if resp, _ := f.get(nil, "/facts/Nobody"); resp.StatusCode != 404 {
		t.Errorf("/facts/Nobody: %d, want 404", resp.StatusCode)
	}
}

// TestBrowserFactsFilter filters the facts table the way a person does,
// in a real browser without JavaScript: "you indemnify the vendor" keeps
// the vendors you indemnify, alone or mutually.
func TestBrowserFactsFilter(t *testing.T) {
	path := chromium()
	if path == "" {
		t.Skip("no Chromium found (install chromium-headless-shell or set TOSWATCH_CHROMIUM)")
	}
	f, _ := factsFixture(t)
	bctx := newBrowser(t, path)
	if err := chromedp.Do(bctx,
		chromedp.Navigate(f.srv.URL+"/facts"),
		chromedp.WaitVisible(chromedp.CSS("#filter")),
		chromedp.SetValue(chromedp.CSS("#filter"), "you-indemnify"),
		chromedp.Click(chromedp.CSS(`.facts-filter button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	// The submitted form loads a new page: wait (bounded) until it is there.
	// While the old page is being replaced, reading the location can fail
	// ("Inspected target navigated or closed"): that is the navigation
	// itself, so ask again.
	loc, lastErr := "", error(nil)
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(loc, "filter=you-indemnify") && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if l, err := chromedp.Run(bctx, chromedp.Location()); err != nil {
			lastErr = err
		} else {
			loc = l
		}
	}
	if !strings.Contains(loc, "filter=you-indemnify") {
		t.Fatalf("the form went to %q (last error: %v)", loc, lastErr)
	}
	if err := chromedp.Do(bctx, chromedp.WaitReady(chromedp.CSS("#matches"))); err != nil {
		t.Fatal(err)
	}
	vendors, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("table.facts tbody tr td:first-child")).map(td => td.textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(vendors, ","); got != "Acme,Initech" {
		t.Errorf("you indemnify the vendor: %s, want Acme,Initech", got)
	}
	heading, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#matches")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(heading) != "you indemnify the vendor: 2" {
		t.Errorf("heading %q", heading)
	}
}
