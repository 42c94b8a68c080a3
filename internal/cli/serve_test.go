package cli

import (
	"fmt"
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
	for _, tc := range []struct{ web, addr, want string }{
		{"    token_env: WEB_TOKEN\n", "0.0.0.0:0", "set settings.web.base_url"},
		{"    token_env: NO_TOKEN\n    require_token_for_reads: true\n", "127.0.0.1:0", "require_token_for_reads needs the access token"},
		{"    require_token_for_reads: true\n", "127.0.0.1:0", `require_token_for_reads: needs "token_env"`},
	} {
		write(tc.web)
		if _, errOut, code := e.run("serve", "--addr", tc.addr); code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("serve --addr %s with\n%s: exit %d, %q; want 2 and %q", tc.addr, tc.web, code, errOut, tc.want)
		}
	}
}
