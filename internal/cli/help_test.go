package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

func runArgs(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }})
	return out.String(), errb.String(), code
}

// TestHelpListsEveryCommand: --help, -h, help and no arguments list every
// command on one line each.
func TestHelpListsEveryCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{{[]string{"--help"}, 0}, {[]string{"-h"}, 0}, {[]string{"help"}, 0}, {nil, 2}} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, _, code := runArgs(tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			for _, c := range commands() {
				line := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(c.name) + ` +(.+)$`).FindStringSubmatch(out)
				if line == nil || line[1] != c.summary {
					t.Errorf("no line %q followed by its summary in:\n%s", c.name, out)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, errOut, code := runArgs(args...)
		if code != 0 || !regexp.MustCompile(`^toswatch \S+, commit \S+`).MatchString(out) {
			t.Errorf("%v: exit %d, %q %q; want \"toswatch VERSION, commit COMMIT\"", args, code, out, errOut)
		}
	}
}

// TestStatusListsDocumentsNotCheckedYet: every configured document is
// listed, also before the database exists and those no check reached.
func TestStatusListsDocumentsNotCheckedYet(t *testing.T) {
	e := newEnv(t)
	cfg := fmt.Sprintf(`settings:
  fetch: {host_delay: 0s, retries: 0}
vendors:
  - name: Acme
    documents:
      - {type: Terms of Service, url: "%s/terms", select: [".terms"]}
  - name: Beta
    documents:
      - {type: DPA, url: "%s/dpa"}
`, e.url, e.url)
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	status := func() []statusJSON {
		t.Helper()
		out, errOut, code := e.run("status", "--json")
		var rows []statusJSON
		if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
			t.Fatalf("status: exit %d: %s %s", code, out, errOut)
		}
		return rows
	}
	rows := status()
	if len(rows) != 2 || rows[0].Outcome != "not checked yet" || rows[1].Outcome != "not checked yet" {
		t.Errorf("before any check: %+v, want both documents not checked yet", rows)
	}
	if _, err := os.Stat(e.db); err == nil {
		t.Errorf("status created the database")
	}
	if _, errOut, code := e.run("check", "Acme"); code != 0 {
		t.Fatalf("check Acme: exit %d: %s", code, errOut)
	}
	rows = status()
	if len(rows) != 2 || rows[0].Vendor != "Acme" || rows[0].Outcome != "new" || rows[1].Vendor != "Beta" || rows[1].Outcome != "not checked yet" {
		t.Errorf("after checking Acme: %+v", rows)
	}
	out, _, _ := e.run("status")
	if !regexp.MustCompile(`(?m)^Beta +DPA +- +not checked yet`).MatchString(out) {
		t.Errorf("status text lacks Beta's line:\n%s", out)
	}
}

// TestMissingConfigIsAUsageError: a vendors.yaml that does not exist is a
// configuration error (exit 2, saying what to do), not an internal one.
func TestMissingConfigIsAUsageError(t *testing.T) {
	missing := t.TempDir() + "/vendors.yaml"
	for _, cmd := range []string{"check", "validate", "serve"} {
		_, errOut, code := runArgs(cmd, "--config", missing, "--db", t.TempDir()+"/toswatch.db")
		if code != 2 || !strings.Contains(errOut, "no such file; create one") {
			t.Errorf("%s with a missing --config: exit %d, %q; want 2 and what to do", cmd, code, errOut)
		}
	}
}

// TestDigestSendBadRecipients: recipients that cannot be mailed (none
// configured nor given, or a --to that is no address) are a usage error,
// exit 2, like any bad argument; not an internal one.
func TestDigestSendBadRecipients(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	cfg := fmt.Sprintf("settings:\n  fetch: {host_delay: 0s, retries: 0}\n  digest:\n    from: toswatch@example.com\n    smtp: {host: 127.0.0.1, port: 1, tls: none}\nvendors:\n  - name: Acme\n    documents:\n      - {type: Terms of Service, url: \"%s/terms\", select: [\".terms\"]}\n", e.url)
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"digest", "--send"}, "no digest recipients"},
		{[]string{"digest", "--send", "--to", "not an address"}, `invalid e-mail address "not an address"`},
	} {
		_, errOut, code := e.run(tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestStatusWithABrokenConfig: status says what is wrong with vendors.yaml
// rather than "run toswatch check first" (which would fail on it too), and
// with a database it shows the checks with a warning that the file has
// errors.
func TestStatusWithABrokenConfig(t *testing.T) {
	e := newEnv(t)
	good, err := os.ReadFile(e.config)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.config, []byte("vendors:\n  - nme: Acme\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := e.run("status"); code != 2 || !strings.Contains(errOut, `unknown key "nme"`) {
		t.Errorf("status, broken config, no database: exit %d, %q; want 2 and the config's error", code, errOut)
	}
	if err := os.WriteFile(e.config, good, 0o644); err != nil {
		t.Fatal(err)
	}
	e.check(0)
	if err := os.WriteFile(e.config, []byte("vendors:\n  - nme: Acme\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := e.run("status")
	if code != 0 || !strings.Contains(out, "Acme") || !strings.Contains(errOut, `unknown key "nme"`) {
		t.Errorf("status, broken config, a database: exit %d, %q, %q; want the checks and a warning naming the error", code, out, errOut)
	}
}

// TestParseDuration: days past what a time.Duration holds (about 292
// years) are refused; they wrapped around to a window that silently left
// changes out.
func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"24h", 24 * time.Hour, true},
		{"7d", 7 * 24 * time.Hour, true},
		{"0d", 0, true},
		{"106751d", 106751 * 24 * time.Hour, true},
		{"106752d", 0, false},
		{"99999999d", 0, false},
		{"-1d", 0, false},
		{"-5h", 0, false},
		{"1w", 0, false},
	} {
		got, err := parseDuration(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}
