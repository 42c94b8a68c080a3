package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

const termsBody = `<p>These terms govern your use of the Acme services. By using the services you agree to them.</p>
<h2>10. Limitation of liability</h2>
<p>IN NO EVENT SHALL ACME BE LIABLE FOR ANY INDIRECT, INCIDENTAL, SPECIAL OR CONSEQUENTIAL DAMAGES. ACME'S TOTAL LIABILITY ARISING OUT OF THESE TERMS SHALL NOT EXCEED THE FEES PAID BY YOU IN THE TWELVE MONTHS BEFORE THE CLAIM.</p>
<h2>11. Indemnification</h2>
<p>You agree to indemnify, defend and hold harmless Acme and its affiliates from and against any claims, losses and expenses arising from your use of the services or your breach of these terms.</p>`

const plainBody = `<p>Welcome to the Acme help centre. Here you find articles about getting started, billing, and the settings of your account.</p>
<p>Our support team answers questions on weekdays from nine to five, and the community forum is open around the clock.</p>`

func page(title, inner string) string {
	return "<!doctype html><html><head><title>" + title + "</title></head><body><nav>Home Pricing Sign in</nav><main class=terms><h1>" + title + "</h1>" + inner + "</main></body></html>"
}

// validateSite serves one page per path: good, changing, wall and plain.
func validateSite(t *testing.T) (url string, hits *atomic.Int32) {
	hits = new(atomic.Int32)
	mux := http.NewServeMux()
	serve := func(path string, body func() string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body())
		})
	}
	serve("/terms", func() string { return page("Acme Terms of Service", termsBody) })
	serve("/changing", func() string {
		n := hits.Add(1)
		return page("Acme Terms of Service", termsBody+fmt.Sprintf("<p>Last updated: revision %d of these terms.</p>", n))
	})
	serve("/wall", func() string {
		return `<!doctype html><html><head><title>Just a moment...</title></head><body><p>Checking your browser before accessing acme.example.</p></body></html>`
	})
	serve("/help", func() string { return page("Acme Help", plainBody) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL, hits
}

func validateConfig(t *testing.T, url string) string {
	path := filepath.Join(t.TempDir(), "vendors.yaml")
	writeTestFile(t, path, fmt.Sprintf(`settings:
  fetch:
    host_delay: 0s
    retries: 0
vendors:
  - name: Good
    documents:
      - type: Terms of Service
        url: %[1]s/terms
        select: .terms
  - name: Ranged
    documents:
      - type: Terms of Service
        url: %[1]s/terms
        select:
          - h1
          - {start_before: "h2", end_after: "main > p:last-child"}
  - name: Missing
    documents:
      - type: Terms of Service
        url: %[1]s/terms
        select: .terms-body
  - name: Changing
    documents:
      - type: Terms of Service
        url: %[1]s/changing
        select: .terms
  - name: Walled
    documents:
      - type: Terms of Service
        url: %[1]s/wall
  - name: Plain
    documents:
      - type: Terms of Service
        url: %[1]s/help
        select: main
      - type: Privacy Policy
        url: %[1]s/help
`, url))
	return path
}

func TestValidate(t *testing.T) {
	url, _ := validateSite(t)
	cfg := validateConfig(t, url)
	for _, tc := range []struct {
		vendor   string
		wantCode int
		want     []string // lines of the report
		notWant  []string
	}{
		{"good", 0, []string{
			"Good / Terms of Service: ok\n",
			"  ✓ fetch: 200, text/html, ",
			"  ✓ selectors: 1 CSS selector(s) matched\n",
			"  ✓ not a wall: ",
			"  ✓ length: ",
			"  ✓ stable: same text 10ms later\n",
			"  ✓ clauses: 1 liability, 1 indemnification clause(s)\n",
		}, []string{"✗", "!"}},
		{"ranged", 0, []string{
			"  ✓ selectors: 1 CSS selector(s) matched, 1 range(s) found\n",
			"  ✓ clauses: 1 liability, 1 indemnification clause(s)\n",
		}, []string{"✗", "!"}},
		{"missing", 1, []string{
			"Missing / Terms of Service: FAILED\n",
			`  ✗ selectors: selector_missing: selector ".terms-body" matched nothing` + "\n",
		}, []string{"✓ selectors", "stable"}},
		{"changing", 1, []string{
			"Changing / Terms of Service: FAILED\n",
			"  ✓ selectors: ",
			`  ✗ unstable: the text changed between two fetches 10ms apart: line 7 was "Last updated: revision`,
			"; if that is noise, leave it out with ignore: (a pattern) or remove: (a CSS selector)\n",
		}, []string{"✓ stable"}},
		{"walled", 1, []string{
			"Walled / Terms of Service: FAILED\n",
			"  ✗ blocked: challenge page (title \"just a moment...\")",
		}, []string{"✓"}},
		{"plain", 0, []string{
			"Plain / Terms of Service: ok, with warnings\n",
			"  ✓ stable: ",
			"  ! clauses: no liability or indemnification clause found: usually a wrong selector\n",
			"Plain / Privacy Policy: ok\n",
			"  ✓ clauses: none found, and none expected in a Privacy Policy\n",
		}, []string{"✗"}},
	} {
		t.Run(tc.vendor, func(t *testing.T) {
			out, errOut, code := runToswatch("validate", tc.vendor, "--interval", "10ms", "--config", cfg)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr %s", code, tc.wantCode, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("report lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("report has %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestValidateAll(t *testing.T) {
	url, _ := validateSite(t)
	cfg := validateConfig(t, url)
	out, _, code := runToswatch("validate", "--interval", "10ms", "--config", cfg)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if want := "\n7 document(s): 4 passed, 3 failed; 1 with warnings.\n"; !strings.HasSuffix(out, want) {
		t.Errorf("summary: want %q at the end of:\n%s", want, out)
	}
	// Reports come in file order whatever order the checks finish in.
	var order []string
	for _, l := range strings.Split(out, "\n") {
		if l != "" && !strings.HasPrefix(l, " ") && strings.Contains(l, " / ") {
			order = append(order, strings.Fields(l)[0])
		}
	}
	if got, want := strings.Join(order, ","), "Good,Ranged,Missing,Changing,Walled,Plain,Plain"; got != want {
		t.Errorf("order: got %s, want %s", got, want)
	}
}

func TestValidateUsage(t *testing.T) {
	url, _ := validateSite(t)
	cfg := validateConfig(t, url)
	for _, args := range [][]string{
		{"validate", "Nobody", "--config", cfg},
		{"validate", "--interval", "soon", "--config", cfg},
		{"validate", "--interval", "-1s", "--config", cfg},
	} {
		if _, errOut, code := runToswatch(args...); code != 2 {
			t.Errorf("%q: exit %d, want 2 (stderr %s)", args, code, errOut)
		}
	}
}

// A page that is currently a maintenance or error page fails validate,
// saying so; the ignore patterns of a document are shown.
func TestValidateUnavailableAndIgnore(t *testing.T) {
	maintenance, err := os.ReadFile("../pipeline/testdata/maintenance.html") // the vendor pages of the pipeline tests
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/maintenance", func(w http.ResponseWriter, r *http.Request) { w.Write(maintenance) })
	mux.HandleFunc("/terms", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Acme Terms of Service", termsBody+"<p>Visitors this week: 1234</p>"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	cfg := filepath.Join(t.TempDir(), "vendors.yaml")
	writeTestFile(t, cfg, fmt.Sprintf(`settings:
  fetch: {host_delay: 0s, retries: 0}
vendors:
  - name: Down
    documents:
      - type: Terms of Service
        url: %[1]s/maintenance
        select: .terms
  - name: Counted
    documents:
      - type: Terms of Service
        url: %[1]s/terms
        select: .terms
        ignore: ['^Visitors this week: \d+$']
`, srv.URL))
	out, _, code := runToswatch("validate", "--interval", "10ms", "--config", cfg)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"Down / Terms of Service: FAILED\n",
		`  ✗ available: the page says "we'll be back soon" and has only `,
		"Counted / Terms of Service: ok\n",
		`  ✓ ignore: 1 pattern(s) removed from each line before comparing: "^Visitors this week: \\d+$"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
