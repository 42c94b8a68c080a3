package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// fullWant is what testdata/full.yaml and full.json must load to.
func fullWant(path string) *Config {
	return &Config{
		Path: path,
		Settings: Settings{
			Schedule:  12 * time.Hour,
			UserAgent: "acme-legal/2.0",
			Fetch: Fetch{
				Timeout: 20 * time.Second, DialTimeout: 5 * time.Second, MaxBody: 512 << 10,
				PerHost: 1, HostDelay: 2 * time.Second, Concurrency: 4, Retries: 3,
				RetryBase: 500 * time.Millisecond, MaxRetryAfter: 2 * time.Minute,
				AllowPrivateRedirects: true, ConfirmDelay: 10 * time.Second, ConfirmChecks: DefaultConfirmChecks, FailureThreshold: 5,
			},
			Browser: Browser{Path: "/usr/bin/chromium-headless-shell", Tabs: 3},
			Web:     Web{Addr: "0.0.0.0:9090", BaseURL: "https://toswatch.example.com", TokenEnv: "TOSWATCH_WEB_TOKEN"},
			Digest: Digest{
				To:   []string{"legal@example.com", "Ops <ops@example.com>"},
				From: "toswatch@example.com", At: "07:30", Timezone: "Europe/Madrid", SendEmpty: true,
				SMTP: SMTP{Host: "smtp.example.com", Port: 465, Username: "toswatch", PasswordEnv: "TOSWATCH_SMTP_PASSWORD", TLS: "tls"},
			},
		},
		Vendors: []model.Vendor{
			{Name: "Salesforce", Documents: []model.Document{
				{
					Vendor: "Salesforce", Type: "Main Services Agreement",
					URL:    "https://www.salesforce.com/company/legal/agreements/",
					Select: []string{".legal-content"}, Remove: []string{".cookie-banner", "nav"},
					Schedule: 24 * time.Hour, Render: "browser",
				},
				{
					Vendor: "Salesforce", Type: "Data Processing Addendum",
					URL: "https://example.com/dpa/1", Render: "auto",
					Combine: []model.Part{
						{URL: "https://example.com/dpa/1", Select: []string{".part"}},
						{URL: "https://example.com/dpa/2", Remove: []string{".x"}},
					},
				},
			}},
			{Name: "Stripe", Documents: []model.Document{
				{Vendor: "Stripe", Type: "Services Agreement", URL: "https://stripe.com/legal/ssa", Render: "http",
					Select: []string{"h1"}, Ranges: []model.Range{{StartAfter: "#preamble", EndBefore: "footer"}}},
				{
					Vendor: "Stripe", Type: "Terms", URL: "https://example.com/terms", Render: "auto",
					Select: []string{"main"},
					Combine: []model.Part{
						{URL: "https://example.com/terms", Select: []string{"main"}},
						{URL: "https://example.com/terms/annex", Select: []string{"main"}},
					},
				},
			}},
		},
	}
}

func TestLoadFull(t *testing.T) {
	for _, name := range []string{"full.yaml", "full.json"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			got, err := Load(path)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if want := fullWant(path); !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// TestByteOrderMark: a vendors.yaml saved with a UTF-8 byte order mark
// (Windows editors write one) loads like the same file without it, with
// the same positions in errors; YAML and JSON allow one at the start.
func TestByteOrderMark(t *testing.T) {
	for _, name := range []string{"full.yaml", "full.json"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(path, append([]byte("\ufeff"), raw...))
			if err != nil {
				t.Fatalf("Parse with a BOM: %v", err)
			}
			if want := fullWant(path); !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, want)
			}
		})
	}
	_, err := Parse("v.yaml", []byte("\ufeffvendors:\n  - nme: Acme\n"))
	if got, want := errString(err), "v.yaml:2:5: unknown key"; !strings.HasPrefix(got, want) {
		t.Errorf("error = %q, want it to start with %q", got, want)
	}
}

func TestYAMLAndJSONEqual(t *testing.T) {
	y, err := Load("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/full.json")
	if err != nil {
		t.Fatal(err)
	}
	// JSON as machines write it, not only as the file is laid out.
	var compact, tabs bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&tabs, raw, "", "\t"); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"as written": raw, "compact": compact.Bytes(), "tab-indented": tabs.Bytes()} {
		t.Run(name, func(t *testing.T) {
			j, err := Parse(y.Path, data)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(y, j) {
				t.Errorf("yaml and json differ:\n%+v\n%+v", y, j)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	c, err := Parse("vendors.yaml", []byte("vendors:\n  - name: A\n    documents:\n      - type: T\n        url: https://a.example/t\n        select: main\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{
		Schedule:  6 * time.Hour,
		UserAgent: "toswatch/1.0 (+https://github.com/toswatch/toswatch)",
		Fetch: Fetch{
			Timeout: 30 * time.Second, DialTimeout: 10 * time.Second, MaxBody: 10 << 20,
			PerHost: 2, HostDelay: time.Second, Concurrency: 8, Retries: 2, RetryBase: time.Second,
			MaxRetryAfter: 60 * time.Second, ConfirmDelay: 5 * time.Second, ConfirmChecks: DefaultConfirmChecks, FailureThreshold: 3,
		},
		Browser: Browser{Tabs: 2},
		Web:     Web{Addr: "127.0.0.1:8080"},
	}
	if !reflect.DeepEqual(c.Settings, want) {
		t.Errorf("settings: got %+v, want %+v", c.Settings, want)
	}
	doc := c.Vendors[0].Documents[0]
	if got, want := doc.Select, []string{"main"}; !reflect.DeepEqual(got, want) {
		t.Errorf("select: got %q, want %q", got, want)
	}
	if doc.Render != "auto" || doc.Vendor != "A" || doc.Schedule != 0 {
		t.Errorf("document: got render %q vendor %q schedule %v, want auto, A, 0", doc.Render, doc.Vendor, doc.Schedule)
	}
}

func TestSMTPDefaults(t *testing.T) {
	for _, tc := range []struct {
		tls      string
		wantTLS  string
		wantPort int
	}{
		{"", "starttls", 587},
		{"tls: tls", "tls", 465},
		{"tls: none", "none", 25},
		{"tls: STARTTLS", "starttls", 587},
	} {
		t.Run(tc.wantTLS, func(t *testing.T) {
			src := "settings:\n  digest:\n    smtp:\n      host: mail.example.com\n      " + tc.tls + "\nvendors:\n  - name: A\n    documents:\n      - {type: T, url: 'https://a.example/'}\n"
			c, err := Parse("vendors.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Settings.Digest.SMTP; got.TLS != tc.wantTLS || got.Port != tc.wantPort {
				t.Errorf("got tls %q port %d, want %q %d", got.TLS, got.Port, tc.wantTLS, tc.wantPort)
			}
		})
	}
}

func TestAnchorsAndMergeKeys(t *testing.T) {
	src := `
common: &common
  select: article
  remove: [.banner]
vendors:
  - name: A
    documents:
      - <<: *common
        type: T
        url: https://a.example/t
      - <<: *common
        type: U
        url: https://a.example/u
        select: main
`
	// "common" is not a known top-level key; anchors must live somewhere
	// known, so this must fail exactly there and nowhere else.
	_, err := Parse("vendors.yaml", []byte(src))
	if got, want := errString(err), `vendors.yaml:2:1: unknown key "common" (known keys: settings, vendors)`; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	src = `
vendors:
  - name: A
    documents:
      - &base
        type: T
        url: https://a.example/t
        select: article
        remove: [.banner]
      - <<: *base
        type: U
        select: main
`
	c, err := Parse("vendors.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	u := c.Vendors[0].Documents[1]
	want := model.Document{Vendor: "A", Type: "U", URL: "https://a.example/t", Select: []string{"main"}, Remove: []string{".banner"}, Render: "auto"}
	if !reflect.DeepEqual(u, want) {
		t.Errorf("got %+v, want %+v", u, want)
	}
}

func TestDocuments(t *testing.T) {
	c, err := Load("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		names []string
		want  []string // vendor/type
	}{
		{nil, []string{"Salesforce/Main Services Agreement", "Salesforce/Data Processing Addendum", "Stripe/Services Agreement", "Stripe/Terms"}},
		{[]string{"stripe"}, []string{"Stripe/Services Agreement", "Stripe/Terms"}},
		{[]string{"STRIPE", "salesforce"}, []string{"Salesforce/Main Services Agreement", "Salesforce/Data Processing Addendum", "Stripe/Services Agreement", "Stripe/Terms"}},
		{[]string{"Salesforce", "salesForce"}, []string{"Salesforce/Main Services Agreement", "Salesforce/Data Processing Addendum"}},
	} {
		t.Run(strings.Join(tc.names, ","), func(t *testing.T) {
			docs, err := c.Documents(tc.names...)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range docs {
				got = append(got, d.Vendor+"/"+d.Type)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDocumentsUnknownVendor(t *testing.T) {
	c, err := Load("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Documents("stripe", "Acme", "acme", "Initech")
	if !errors.Is(err, ErrUnknownVendor) {
		t.Fatalf("got %v, want ErrUnknownVendor", err)
	}
	if got, want := err.Error(), `unknown vendor "Acme", "Initech" (known vendors: Salesforce, Stripe)`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vendors.yaml")
	_, err := Load(path)
	if got, want := errString(err), path+": no such file; create one (see README) or pass --config"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v, want an fs.ErrNotExist", err)
	}
}

func TestLoadErrorsKeepPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my.yaml")
	if err := os.WriteFile(path, []byte("vendors: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %T %v, want *Errors", err, err)
	}
	if got, want := err.Error(), path+":1:10: no vendors configured"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var one *Error
	if !errors.As(err, &one) || one.Line != 1 || one.Column != 10 || one.File != path {
		t.Errorf("errors.As *Error: got %+v", one)
	}
}

// TestShippedVendors loads the vendors.yaml that ships with toswatch.
func TestShippedVendors(t *testing.T) {
	c, err := Load("../../vendors.yaml")
	if err != nil {
		t.Fatalf("the shipped vendors.yaml must load:\n%v", err)
	}
	docs, err := c.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Vendors) < 30 || len(docs) < len(c.Vendors) {
		t.Errorf("got %d vendors and %d documents, want at least 30 vendors with a document each", len(c.Vendors), len(docs))
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../../vendors.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("vendors.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSwitchableSettingsKeepAnExplicitZero(t *testing.T) {
	cfg, err := Parse("vendors.yaml", []byte("settings:\n  fetch:\n    retries: 0\n    host_delay: 0s\n    confirm_delay: 0s\nvendors:\n  - name: A\n    documents:\n      - type: T\n        url: https://a.example/t\n"))
	if err != nil {
		t.Fatal(err)
	}
	f := cfg.Settings.Fetch
	if f.Retries != 0 || f.HostDelay != 0 || f.ConfirmDelay != 0 {
		t.Errorf("explicit zeros became retries=%d host_delay=%s confirm_delay=%s", f.Retries, f.HostDelay, f.ConfirmDelay)
	}
	cfg, err = Parse("vendors.yaml", []byte("vendors:\n  - name: A\n    documents:\n      - type: T\n        url: https://a.example/t\n"))
	if err != nil {
		t.Fatal(err)
	}
	f = cfg.Settings.Fetch
	if f.Retries != DefaultRetries || f.HostDelay != DefaultHostDelay || f.ConfirmDelay != DefaultConfirmDelay {
		t.Errorf("left out: retries=%d host_delay=%s confirm_delay=%s, want the defaults", f.Retries, f.HostDelay, f.ConfirmDelay)
	}
}

func TestSampleConfigLoads(t *testing.T) {
	c, err := Load("../../contrib/vendors.yaml")
	if err != nil {
		t.Fatalf("contrib/vendors.yaml must load:\n%v", err)
	}
	if c.Settings.Digest.SMTP.PasswordEnv == "" || c.Settings.Web.TokenEnv == "" {
		t.Errorf("the sample should show password_env and token_env: %+v", c.Settings)
	}
}

func TestNotifyTargets(t *testing.T) {
	c, err := Parse("vendors.yaml", []byte(`
settings:
  notify:
    - type: webhook
      url_env: HOOK_URL
      secret_env: HOOK_KEY
      min_severity: high
      vendors: [a]
    - type: Slack
      url_env: SLACK_URL
vendors:
  - name: A
    documents:
      - type: T
        url: https://a.example/t
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []NotifyTarget{
		{Type: NotifyWebhook, URLEnv: "HOOK_URL", SecretEnv: "HOOK_KEY", MinSeverity: "high", Vendors: []string{"a"}},
		{Type: NotifySlack, URLEnv: "SLACK_URL", MinSeverity: "low"},
	}
	if !reflect.DeepEqual(c.Settings.Notify, want) {
		t.Errorf("got %+v, want %+v", c.Settings.Notify, want)
	}
	if got := c.Settings.Notify[1].Name(); got != "slack:SLACK_URL" {
		t.Errorf("Name() = %q", got)
	}
}
