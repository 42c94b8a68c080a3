package web

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium binary: $TOSWATCH_CHROMIUM, then the usual
// places of Debian's chromium-headless-shell and chromium.
func chromium() string {
	if p := os.Getenv("TOSWATCH_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell",
		"/usr/bin/chromium", "/usr/lib/chromium/chromium"} {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium for the test, stopped at its end.
func newBrowser(t *testing.T, path string) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	return bctx
}

// TestBrowserReview reviews a change the way a person does, in a real
// browser: the page must work without JavaScript under its strict CSP.
func TestBrowserReview(t *testing.T) {
	path := chromium()
	if path == "" {
		t.Skip("no Chromium found (install chromium-headless-shell or set TOSWATCH_CHROMIUM)")
	}
	f := newFixture(t).history().serve(Options{})
	bctx := newBrowser(t, path)

	const highClause = "article.clause.sev-high"
	changeURL := f.srv.URL + "/changes/" + itoa(f.capChange)
	if err := chromedp.Do(bctx,
		chromedp.Navigate(changeURL),
		chromedp.WaitVisible(chromedp.CSS(highClause+" .summary")),
	); err != nil {
		t.Fatalf("open %s: %v", changeURL, err)
	}
	summary, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(highClause+" .summary")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(summary) != capSummary {
		t.Errorf("highlighted clause summary: got %q, want %q", summary, capSummary)
	}
	// The style sheet loaded despite the CSP: the high-severity box is red.
	styles, err := chromedp.Run(bctx, chromedp.ComputedStyle(chromedp.CSS(highClause)))
	if err != nil {
		t.Fatal(err)
	}
	border := ""
	for _, p := range styles {
		if p.Name == "border-top-color" {
			border = p.Value
		}
	}
	if want := "rgb(180, 35, 24)"; border != want {
		t.Errorf("high clause border colour: got %q, want %q (style sheet not applied?)", border, want)
	}

	if err := chromedp.Do(bctx,
		chromedp.SendKeys(chromedp.CSS("#by"), "Alice Example"),
		chromedp.SendKeys(chromedp.CSS("#note"), "Cap lowered; accepted by legal."),
		chromedp.Click(chromedp.CSS(`#review button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".reviewed")),
	); err != nil {
		t.Fatalf("submit the review: %v", err)
	}
	reviewed, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(".reviewed")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(reviewed, "Current state: acknowledged, reviewed by Alice Example on 2026-") {
		t.Errorf("after the review: got %q, want \"Current state: acknowledged, reviewed by Alice Example on …\"", reviewed)
	}
	note, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(".review .note")))
	if err != nil {
		t.Fatal(err)
	}
	if note != "Cap lowered; accepted by legal." {
		t.Errorf("note: got %q", note)
	}
	loc, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if want := changeURL + "#review"; loc != want {
		t.Errorf("location after the review: got %q, want %q", loc, want)
	}
}
