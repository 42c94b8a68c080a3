package cli

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/browser"
)

// jsTerms is a page whose terms only exist once its script has run.
const jsTerms = `<!doctype html><html><head><title>Terms</title></head><body>
<div id="app">Loading…</div>
<script>
setTimeout(function () {
  var main = document.createElement("main");
  main.className = "terms";
  main.innerHTML = "<h1>Terms of Service</h1>" +
    "<h2>Limitation of Liability</h2><p>Our total liability will not exceed the fees you paid in the twelve (12) months before the claim.</p>" +
    "<h2>Indemnification</h2><p>You agree to indemnify and hold us harmless from any claim arising from your use of the service.</p>";
  document.getElementById("app").replaceWith(main);
}, 200);
</script></body></html>`

func TestCheckAndValidateRenderJavaScriptPages(t *testing.T) {
	if _, err := browser.Find(""); err != nil {
		t.Skip("no Chromium on this machine (install chromium-headless-shell; .ci/run does):", err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(jsTerms))
	}))
	defer srv.Close()
	for _, render := range []string{"browser", "auto"} {
		t.Run(render, func(t *testing.T) {
			e := newEnv(t)
			e.url = srv.URL
			e.writeConfig("select: [\".terms\"]\n        render: " + render)
			if r := e.check(0); r.Status != "new" {
				t.Fatalf("check: %+v", r)
			}
			out, _, _ := e.run("show", "Acme", "Terms of Service")
			if !strings.Contains(out, "twelve (12) months") || strings.Contains(out, "Loading") {
				t.Errorf("rendered text:\n%s", out)
			}
			out, errOut, code := e.run("validate", "--interval", "10ms")
			if code != 0 || !strings.Contains(out, "1 liability, 1 indemnification clause(s)") {
				t.Errorf("validate: exit %d\n%s%s", code, out, errOut)
			}
		})
	}
}
