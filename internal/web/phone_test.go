package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/toswatch/toswatch/internal/model"
)

// TestPhoneLayout opens every page at a phone's width (375 px) in a real
// browser: nothing makes the page wider than the screen (tables scroll
// inside their own box), and no text is set to break words anywhere.
func TestPhoneLayout(t *testing.T) {
	path := chromium()
	if path == "" {
		t.Skip("no Chromium found (install chromium-headless-shell or set TOSWATCH_CHROMIUM)")
	}
	f := newFixture(t).history()
	// Long words and long rows, as real terms have: a URL, a table, a
	// heading of many words.
	long := "# Acme Terms of Service for Enterprise Customers and Their Affiliates Worldwide\n\n" +
		"Read https://acme.example/legal/terms-of-service/enterprise/2026/archive/previous-versions/addendum-data-processing.pdf first.\n\n" +
		"| Plan | Monthly fee | Liability cap | Support | Uptime commitment | Notice period |\n" +
		"| Enterprise Unlimited | $12,000 | the greater of $1,000,000 or 12 months of fees | 24/7 | 99.99% | 90 days |\n"
	f.withFacts(model.DocFacts{Cap: capBefore, Protects: model.PartyMutual, CarveOuts: []string{model.CarveIndemnification, model.CarveGrossNegligence, model.CarveDataProtection},
		Exclusions:  []string{"indirect damages", "consequential damages", "lost profits", "loss of data"},
		ScopedCaps:  []model.ScopedCap{{Scope: model.ScopeFree, Amount: money(50), Currency: "USD", Basis: model.BasisFixed}},
		Indemnities: []model.Indemnity{{Direction: model.PartyYou, Covers: []string{model.CoversContent, model.CoversBreach, model.CoversUse, model.CoversLaw}}}})
	f.record("Acme", "Terms of Service", model.KindChange, long, model.ClauseChange{Type: model.Liability,
		Kind: model.ChangeModified, Severity: model.SeverityMedium, Summary: "liability cap raised for Enterprise Unlimited customers of the managed service plans"})
	f.serve(Options{})
	pages := []string{"/", "/changes", "/vendors", "/vendors/Acme", "/vendors/Acme/Terms%20of%20Service",
		"/changes/" + itoa(f.capChange), "/changes/" + itoa(f.flipChange), "/versions/" + itoa(f.heads[f.docs["Acme/Terms of Service"]]),
		"/versions/" + itoa(f.acmeV1), "/vendors/Initech", "/facts", "/facts/Acme", "/login", "/no/such/page"}
	bctx := newBrowser(t, path)
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(375, 812)); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if err := chromedp.Do(bctx, chromedp.Navigate(f.srv.URL+p), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		width, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		breakers, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("body *")).filter(e => {
				if (e.closest("code")) return false;
				const s = getComputedStyle(e);
				return s.overflowWrap === "anywhere" || s.wordBreak === "break-all" || s.wordBreak === "break-word";
			}).map(e => e.tagName + "." + e.className)`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if width > 375 {
			t.Errorf("%s: page is %d px wide at a 375 px viewport", p, width)
		}
		if len(breakers) > 0 {
			t.Errorf("%s: text set to break words anywhere: %s", p, strings.Join(breakers, ", "))
		}
	}
}
