package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// TestServeRefusesUnsafeSettings: the web UI does not start where the Host
// check or the token could not protect it.
func TestServeRefusesUnsafeSettings(t *testing.T) {
	e := newEnv(t)
	write := func(web string) {
		cfg := fmt.Sprintf("settings:\n  web:\n%svendors:\n  - name: Acme\n    documents:\n      - {type: Terms, url: \"%s/terms\"}\n", web, e.url)
		if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e.vars = map[string]string{"WEB_TOKEN": "t0ken"}
	e.check(0) // the database exists: what is refused is the settings
	for _, tc := range []struct{ web, addr, want string }{
		{"    token_env: WEB_TOKEN\n", "0.0.0.0:0", "set settings.web.base_url"},
		{"    token_env: NO_TOKEN\n    require_token_for_reads: true\n", "127.0.0.1:0", "require_token_for_reads needs the access token: the environment variable NO_TOKEN (settings.web.token_env) is not set"},
		{"    token_env: NO_TOKEN\n    base_url: http://toswatch.example\n", "0.0.0.0:0", "the environment variable NO_TOKEN (settings.web.token_env) is not set"},
		{"    require_token_for_reads: true\n", "127.0.0.1:0", `require_token_for_reads: needs "token_env"`},
	} {
		write(tc.web)
		if _, errOut, code := e.run("serve", "--addr", tc.addr); code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("serve --addr %s with\n%s: exit %d, %q; want 2 and %q", tc.addr, tc.web, code, errOut, tc.want)
		}
	}
}

// TestServeNeedsADatabase: serve reads what check and run record; a --db
// that does not exist (a typo) is refused like in status or changes,
// instead of serving an empty database it creates.
func TestServeNeedsADatabase(t *testing.T) {
	e := newEnv(t)
	// An address that cannot be listened on: serve stops either way, and
	// what it says first tells whether it looked at the database.
	_, errOut, code := e.run("serve", "--addr", "no-port")
	if code != 2 || !strings.Contains(errOut, "does not exist yet") {
		t.Errorf("serve without a database: exit %d, %q; want 2 and what to do", code, errOut)
	}
	if _, err := os.Stat(e.db); err == nil {
		t.Errorf("serve created %s", e.db)
	}
}

// TestHeadersEnv: an intranet page that needs an Authorization header is
// checked with the value from the environment; without it, check stops
// with a configuration error instead of recording a login wall.
func TestHeadersEnv(t *testing.T) {
	e := newEnv(t)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer intranet-t0ken" {
			http.Error(w, "sign in", http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, `<html><body><main class="terms"><h1>Intranet terms</h1><p>`+strings.Repeat("These are the terms of the intranet service. ", 10)+`</p></main></body></html>`)
	}))
	t.Cleanup(site.Close)
	cfg := fmt.Sprintf("settings:\n  fetch: {host_delay: 0s, retries: 0}\nvendors:\n  - name: Intra\n    documents:\n      - type: Terms\n        url: %s/terms\n        render: http\n        headers_env: {Authorization: INTRA_AUTH}\n", site.URL)
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := e.run("check"); code != 2 || !strings.Contains(errOut, "INTRA_AUTH") {
		t.Errorf("check without INTRA_AUTH: exit %d, %q; want 2 naming the variable", code, errOut)
	}
	e.vars = map[string]string{"INTRA_AUTH": "Bearer intranet-t0ken"}
	if r := e.check(0); r.Status != "new" {
		t.Errorf("check with INTRA_AUTH: %+v, want new", r)
	}
}
