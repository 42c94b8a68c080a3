package cli

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/toswatch/toswatch/internal/export"
)

// hookReceiver is a webhook endpoint on 127.0.0.1 that verifies each
// request's signature the way a receiver must, and keeps the changes.
type hookReceiver struct {
	mu      sync.Mutex
	secret  string
	status  int // answered to every request
	changes []export.Change
	bad     []string
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.secret != "" {
		m := hmac.New(sha256.New, []byte(h.secret))
		m.Write(body)
		if want := "sha256=" + hex.EncodeToString(m.Sum(nil)); !hmac.Equal([]byte(r.Header.Get("X-Toswatch-Signature")), []byte(want)) {
			h.bad = append(h.bad, "bad signature")
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var c export.Change
		if err := json.Unmarshal(body, &c); err != nil {
			h.bad = append(h.bad, err.Error())
		}
		h.changes = append(h.changes, c)
	}
	w.WriteHeader(h.status)
}

func (h *hookReceiver) got() ([]export.Change, []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]export.Change(nil), h.changes...), append([]string(nil), h.bad...)
}

// TestCheckNotifies: a change recorded by `check` reaches a signed webhook
// with its URL; a Slack target that keeps failing is reported on stderr
// and by `status`; `reanalyze` queues nothing.
func TestCheckNotifies(t *testing.T) {
	e := newEnv(t)
	hook := &hookReceiver{secret: "k3y", status: http.StatusNoContent}
	hookSrv := httptest.NewServer(hook)
	t.Cleanup(hookSrv.Close)
	broken := &hookReceiver{status: http.StatusBadGateway}
	brokenSrv := httptest.NewServer(broken)
	t.Cleanup(brokenSrv.Close)
	e.vars = map[string]string{"HOOK_URL": hookSrv.URL + "/toswatch", "HOOK_KEY": "k3y", "SLACK_URL": brokenSrv.URL}
	cfg := fmt.Sprintf(`settings:
  fetch: {host_delay: 0s, retries: 0, confirm_delay: 10ms}
  web: {base_url: "https://toswatch.example"}
  notify:
    - {type: webhook, url_env: HOOK_URL, secret_env: HOOK_KEY}
    - {type: slack, url_env: SLACK_URL, min_severity: high}
vendors:
  - name: Acme
    documents:
      - type: Terms of Service
        url: %s/terms
        select: [".terms"]
`, e.url)
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	e.check(0)
	if got, _ := hook.got(); len(got) != 0 {
		t.Fatalf("the first version notified %d times; only changes notify", len(got))
	}
	e.site.serve("terms-v2.html")
	out, errOut, code := e.run("check")
	if code != 0 || !strings.Contains(out, "changed") {
		t.Fatalf("check: exit %d: %s %s", code, out, errOut)
	}
	got, bad := hook.got()
	if len(bad) > 0 || len(got) != 1 {
		t.Fatalf("webhook got %d changes, problems %v; want 1, none", len(got), bad)
	}
	c := got[0]
	if c.Vendor != "Acme" || c.URL != fmt.Sprintf("https://toswatch.example/changes/%d", c.ID) || len(c.ClauseChanges) == 0 || c.ReviewState != "unreviewed" {
		t.Errorf("webhook payload: %+v", c)
	}
	if !strings.Contains(errOut, "1 notification not delivered yet") {
		t.Errorf("check does not say the Slack notification is pending: %q", errOut)
	}
	out, _, code = e.run("status")
	if code != 0 || !strings.Contains(out, "NOTIFICATIONS FAILING") || !strings.Contains(out, "slack:SLACK_URL: 1 being retried") ||
		!strings.Contains(out, "HTTP 502") || strings.Contains(out, brokenSrv.URL) {
		t.Errorf("status does not report the failing target (or gives its URL away):\n%s", out)
	}
	out, _, _ = e.run("status", "--json")
	var rows []statusJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		t.Errorf("status --json changed shape: %v: %s", err, out)
	}

	if _, errOut, code := e.run("reanalyze", "--all"); code != 0 {
		t.Fatalf("reanalyze: exit %d: %s", code, errOut)
	}
	e.check(0) // unchanged: delivers whatever is due
	if got, _ := hook.got(); len(got) != 1 {
		t.Errorf("after reanalyze and another check the webhook got %d changes, want still 1", len(got))
	}

	delete(e.vars, "HOOK_KEY")
	if _, errOut, code := e.run("check"); code != 2 || !strings.Contains(errOut, "HOOK_KEY is empty") {
		t.Errorf("check without the webhook secret: exit %d, %q; want 2 and a message", code, errOut)
	}
}
