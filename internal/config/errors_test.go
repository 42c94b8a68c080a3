package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// vendorA is a valid vendors list to append to settings-only cases.
const vendorA = `
vendors:
  - name: A
    documents:
      - type: T
        url: https://a.example/t
`

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"invalid yaml", "vendors: [a\n", []string{
			"vendors.yaml:1:10: invalid YAML: sequence end token ']' not found",
		}},
		{"duplicate key", "vendors: []\nvendors: []\n", []string{
			`vendors.yaml:2:1: invalid YAML: mapping key "vendors" already defined at [1:1]`,
		}},
		{"empty file", "", []string{"vendors.yaml: no vendors configured"}},
		{"comments only", "# nothing yet\n", []string{"vendors.yaml: no vendors configured"}},
		{"settings only", "settings:\n  schedule: 1h\n", []string{"vendors.yaml: no vendors configured"}},
		{"empty vendor list", "vendors: []\n", []string{"vendors.yaml:1:10: no vendors configured"}},
		{"null vendors", "vendors:\n", []string{"vendors.yaml:1:1: no vendors configured"}},
		{"top level list", "- a\n", []string{"vendors.yaml:1:1: top level: expected a mapping, got a list"}},
		{"two documents", vendorA + "---\n" + vendorA, []string{
			"vendors.yaml:9:1: more than one YAML document; vendors.yaml holds one",
		}},
		{"unknown top key", "vendor:\n  - name: A\n", []string{
			"vendors.yaml: no vendors configured",
			`vendors.yaml:1:1: unknown key "vendor" (did you mean "vendors"?)`,
		}},
		{"unknown document key", `
vendors:
  - name: A
    documents:
      - type: T
        url: https://a.example/t
        selct: main
        foo: bar
`, []string{
			`vendors.yaml:7:9: unknown key "selct" (did you mean "select"?)`,
			`vendors.yaml:8:9: unknown key "foo" (known keys: combine, confirm_checks, headers_env, ignore, remove, render, schedule, select, type, url)`,
		}},
		{"unknown settings keys", "settings:\n  Schedule: 1h\n  fetch:\n    timout: 1s\n  digest:\n    smtp: {hots: x}\n" + vendorA, []string{
			`vendors.yaml:2:3: unknown key "Schedule" (did you mean "schedule"?)`,
			`vendors.yaml:4:5: unknown key "timout" (did you mean "timeout"?)`,
			`vendors.yaml:6:12: unknown key "hots" (did you mean "host"?)`,
		}},
		{"unknown part key", `
vendors:
  - name: A
    documents:
      - type: T
        combine:
          - url: https://a.example/1
            selector: main
`, []string{`vendors.yaml:8:13: unknown key "selector" (did you mean "select"?)`}},
		{"smtp password", "settings:\n  digest:\n    smtp:\n      password: hunter2\n" + vendorA, []string{
			`vendors.yaml:4:17: password: secrets do not belong in vendors.yaml; put it in an environment variable and name that in "password_env"`,
		}},
		{"headers_env", `
vendors:
  - name: A
    documents:
      - type: T
        url: https://a.example/t
        headers_env: {Host: H, "Bad Header": B, Authorization: "not a name", X-Api-Key: [K]}
`, []string{
			`vendors.yaml:7:23: headers_env: "Host" is not a header toswatch can send`,
			`vendors.yaml:7:32: headers_env: "Bad Header" is not a header toswatch can send`,
			`vendors.yaml:7:64: headers_env: Authorization: "not a name" is not an environment variable name`,
			`vendors.yaml:7:89: headers_env: X-Api-Key: expected a string, got a list`,
		}},
		{"reads need a token", "settings:\n  web:\n    require_token_for_reads: true\n" + vendorA, []string{
			`vendors.yaml:3:5: require_token_for_reads: needs "token_env", the environment variable that holds the access token`,
		}},
		{"credentials in URLs", `
settings:
  web:
    base_url: https://admin:s3cret@toswatch.example
vendors:
  - name: A
    documents:
      - type: T
        url: https://bob:hunter2@a.example/t
      - type: U
        combine:
          - url: https://tok@a.example/u
`, []string{
			`vendors.yaml:4:15: base_url: URL https://toswatch.example carries a user name or password (user:password@): credentials do not belong in URLs, which are logged and shown; send them in a header whose value comes from the environment instead (headers_env: {Authorization: ENV_VAR})`,
			`vendors.yaml:9:14: url: URL https://a.example/t carries a user name or password (user:password@): credentials do not belong in URLs, which are logged and shown; send them in a header whose value comes from the environment instead (headers_env: {Authorization: ENV_VAR})`,
			`vendors.yaml:12:18: url: URL https://a.example/u carries a user name or password (user:password@): credentials do not belong in URLs, which are logged and shown; send them in a header whose value comes from the environment instead (headers_env: {Authorization: ENV_VAR})`,
		}},
		{"notify targets", `
settings:
  notify:
    - type: email
      url_env: X
    - type: webhook
      url_env: HOOK
    - type: slack
      url: https://hooks.slack.example/T000/B000/XXXX
      min_severity: critical
    - type: webhook
      url_env: HOOK2
      secret_env: KEY
      vendors: [A, Nobody]
    - type: slack
      url_env: SLACK
      secret_env: KEY
    - type: webhook
      url_env: HOOK2
      secret_env: KEY2
    - url_env: 1X
` + vendorA, []string{
			`vendors.yaml:4:13: type: invalid value "email" (want webhook or slack)`,
			`vendors.yaml:6:7: notify target: a webhook needs "secret_env", the environment variable that holds the key its requests are signed with`,
			`vendors.yaml:8:7: notify target: missing "url_env", the environment variable that holds the URL`,
			`vendors.yaml:9:12: url: a webhook URL is a secret and does not belong in vendors.yaml; put it in an environment variable and name that in "url_env"`,
			`vendors.yaml:10:21: min_severity: invalid value "critical" (want high, medium or low)`,
			`vendors.yaml:14:20: vendors: unknown vendor "Nobody" (known vendors: A)`,
			`vendors.yaml:17:7: secret_env: Slack messages are not signed; remove it`,
			`vendors.yaml:18:13: duplicate notify target "webhook:HOOK2" (first defined at vendors.yaml:11:13)`,
			`vendors.yaml:21:7: notify target: missing "type" (webhook or slack)`,
			`vendors.yaml:21:16: url_env: "1X" is not an environment variable name`,
		}},
		{"wrong types", `
settings:
  schedule: [1h]
  user_agent: {a: b}
  fetch:
    per_host: "2"
    allow_private_redirects: "yes"
    max_body: [1]
  fetch_extra: 1
vendors:
  - name: [A, B]
    documents:
      - type:
          a: b
        url: {u: 1}
        select: {a: b}
        remove: [[x]]
  - name: C
    documents: oops
  - just a string
`, []string{
			`vendors.yaml:3:13: schedule: expected a duration such as "6h" or "90s", got a list`,
			`vendors.yaml:4:15: user_agent: expected a string, got a mapping`,
			`vendors.yaml:6:15: per_host: expected an integer, got a string`,
			`vendors.yaml:7:30: allow_private_redirects: expected true or false, got "yes"`,
			`vendors.yaml:8:15: max_body: expected a size such as "10MiB", got a list`,
			`vendors.yaml:9:3: unknown key "fetch_extra" (known keys: browser, digest, fetch, ignore, notify, schedule, user_agent, web)`,
			`vendors.yaml:11:11: name: expected a string, got a list`,
			`vendors.yaml:14:11: type: expected a string, got a mapping`,
			`vendors.yaml:15:14: url: expected a string, got a mapping`,
			`vendors.yaml:16:17: select: expected a CSS selector, a range or a list of them, got a mapping without start_before, start_after, end_before or end_after`,
			`vendors.yaml:17:18: remove: expected a string, got a list`,
			`vendors.yaml:19:16: documents: expected a list, got a string`,
			`vendors.yaml:20:5: vendor: expected a mapping, got a string`,
		}},
		{"bad durations", "settings:\n  schedule: 6 hours\n  fetch:\n    timeout: 30\n    retry_base: -1s\n" + vendorA + "        schedule: 30s\n", []string{
			`vendors.yaml:2:13: schedule: invalid duration "6 hours" (want a number with a unit, such as "6h", "90m" or "30s")`,
			`vendors.yaml:4:14: timeout: invalid duration "30" (want a number with a unit, such as "6h", "90m" or "30s")`,
			`vendors.yaml:5:17: retry_base: must not be negative, got -1s`,
			`vendors.yaml:12:19: schedule: 30s is too often (at least 1m0s)`,
		}},
		{"negative limits", "settings:\n  fetch:\n    per_host: -1\n    max_body: -5\n    concurrency: -2\n  browser:\n    tabs: -1\n  digest:\n    smtp:\n      port: 70000\n" + vendorA, []string{
			`vendors.yaml:3:15: per_host: must not be negative, got -1`,
			`vendors.yaml:4:15: max_body: must not be negative, got -5`,
			`vendors.yaml:5:18: concurrency: must not be negative, got -2`,
			`vendors.yaml:7:11: tabs: must not be negative, got -1`,
			`vendors.yaml:10:13: port: 70000 is not a TCP port`,
		}},
		{"bad sizes", "settings:\n  fetch:\n    max_body: ten MiB\n" + vendorA, []string{
			`vendors.yaml:3:15: max_body: invalid size "ten MiB" (want bytes, or a number with KiB, MiB or GiB)`,
		}},
		{"missing name type url", `
vendors:
  - documents:
      - type: T
        url: https://a.example/t
  - name: B
    documents:
      - url: https://b.example/t
      - type: U
        select: main
      - type: V
        combine: []
      - type: W
        combine:
          - select: main
  - name: C
  - name:
    documents: []
  - name: D
    documents:
      - type: ""
        url:
`, []string{
			`vendors.yaml:3:5: vendor: missing "name"`,
			`vendors.yaml:8:9: document: missing "type"`,
			`vendors.yaml:9:9: document: missing "url"`,
			`vendors.yaml:12:18: combine: no parts and no "url"`,
			`vendors.yaml:15:13: combine part: missing "url"`,
			`vendors.yaml:16:5: vendor "C": no documents`,
			`vendors.yaml:17:5: name: empty`,
			`vendors.yaml:21:15: type: empty`,
			`vendors.yaml:22:9: url: empty`,
		}},
		{"bad urls", `
vendors:
  - name: A
    documents:
      - type: T1
        url: ftp://a.example/t
      - type: T2
        url: https:///terms
      - type: T3
        url: example.com/terms
      - type: T4
        url: "http://a b.example/%zz"
      - type: T5
        combine:
          - url: mailto:legal@a.example
settings:
  web:
    base_url: /relative
`, []string{
			`vendors.yaml:6:14: url: "ftp://a.example/t" is not an http or https URL`,
			`vendors.yaml:8:14: url: URL "https:///terms" has no host`,
			`vendors.yaml:10:14: url: "example.com/terms" is not an http or https URL`,
			`vendors.yaml:12:14: url: invalid URL "http://a b.example/%zz": invalid character " " in host name`,
			`vendors.yaml:15:18: url: "mailto:legal@a.example" is not an http or https URL`,
			`vendors.yaml:18:15: base_url: "/relative" is not an http or https URL`,
		}},
		{"duplicates", `
vendors:
  - name: Salesforce
    documents:
      - type: Terms
        url: https://a.example/1
      - type: terms
        url: https://a.example/2
  - name: salesforce
    documents:
      - type: Terms
        url: https://a.example/3
`, []string{
			`vendors.yaml:7:15: duplicate document type "terms" (first defined at vendors.yaml:5:15)`,
			`vendors.yaml:9:11: duplicate vendor "salesforce" (first defined at vendors.yaml:3:11)`,
		}},
		{"bad selectors", `
vendors:
  - name: A
    documents:
      - type: T
        url: https://a.example/t
        select: "div["
        remove: [".ok", "p >", ""]
        combine:
          - url: https://a.example/u
            select: ":nope(x)"
`, []string{
			`vendors.yaml:7:17: select: invalid CSS selector "div[": expected identifier, found EOF instead`,
			`vendors.yaml:8:25: remove: invalid CSS selector "p >": expected selector, found EOF instead`,
			`vendors.yaml:8:32: remove: empty CSS selector`,
			`vendors.yaml:11:21: select: invalid CSS selector ":nope(x)": unknown pseudoclass or pseudoelement :nope`,
		}},
		{"bad enums", "settings:\n  digest:\n    smtp:\n      tls: ssl\n" + vendorA + "        render: chrome\n", []string{
			`vendors.yaml:4:12: tls: invalid value "ssl" (want starttls, tls or none)`,
			`vendors.yaml:11:17: render: invalid value "chrome" (want auto, http or browser)`,
		}},
		{"bad digest", `
settings:
  digest:
    to: [legal@example.com, not an address]
    from: nobody
    at: "8am"
    timezone: Mars/Olympus_Mons
  web:
    addr: localhost
    token_env: MY-TOKEN
` + vendorA, []string{
			`vendors.yaml:4:29: to: invalid e-mail address "not an address"`,
			`vendors.yaml:5:11: from: invalid e-mail address "nobody"`,
			`vendors.yaml:6:9: at: invalid time "8am" (want HH:MM, 24-hour, such as "08:00")`,
			`vendors.yaml:7:15: timezone: unknown time zone "Mars/Olympus_Mons" (want an IANA name such as "Europe/Madrid")`,
			`vendors.yaml:9:11: addr: invalid address "localhost" (want host:port, such as 127.0.0.1:8080)`,
			`vendors.yaml:10:16: token_env: "MY-TOKEN" is not an environment variable name`,
		}},
		{"bad clock", "settings:\n  digest:\n    at: \"24:00\"\n" + vendorA, []string{
			`vendors.yaml:3:9: at: invalid time "24:00" (want HH:MM, 24-hour, such as "08:00")`,
		}},
		{"control characters", "vendors:\n  - name: \"A\\nB\"\n    documents:\n      - {type: T, url: \"https://a.example/\"}\n", []string{
			`vendors.yaml:2:11: name: must be a single line without control characters`,
		}},
		{"circular alias", "settings:\n  user_agent: &a [*a]\n" + vendorA, []string{
			`vendors.yaml:2:15: user_agent: expected a string, got a list`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("vendors.yaml", []byte(tc.src))
			if c != nil {
				t.Errorf("got a config %+v, want nil", c)
			}
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %T %v, want *Errors", err, err)
			}
			got := strings.Split(err.Error(), "\n")
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(errs.List) != len(got) {
				t.Errorf("got %d errors in List, want %d", len(errs.List), len(got))
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"10MiB", 10 << 20, true},
		{"512 KiB", 512 << 10, true},
		{"1gib", 1 << 30, true},
		{"2MB", 2e6, true},
		{"4096", 4096, true},
		{"100B", 100, true},
		{"1.5MiB", 0, false},
		{"MiB", 0, false},
		{"9999999999999GiB", 0, false},
		{"-1KiB", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("got %d, %v; want %d, ok %v", got, err, tc.want, tc.ok)
			}
		})
	}
}
