package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/demo"
	"github.com/toswatch/toswatch/internal/metrics"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

func TestDemoHistory(t *testing.T) {
	site, stop, err := startDemoSite()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	var out bytes.Buffer
	a := &app{env: Env{Stdout: &out, Stderr: io.Discard, Getenv: func(string) string { return "" }}}
	a.setupLog()
	ctx := context.Background()
	_, st, err := a.demoHistory(ctx, t.TempDir(), site, metrics.New())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	changes, err := st.Changes(ctx, store.ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	summaries := map[string][]model.ClauseChange{}
	reverts := 0
	for _, c := range changes {
		summaries[c.Vendor] = append(summaries[c.Vendor], c.ClauseChanges...)
		if c.RevertsTo != nil {
			reverts++
		}
	}
	// Acme: the cap lowered, then an unrelated payment-term edit. Globex: the
	// indemnity broadened. Initech: support hours changed, a cosmetic change
	// in the liability clause, then both rolled back (a flip-flop).
	if got := len(changes); got != 6 {
		t.Errorf("got %d changes, want 6:\n%s", got, out.String())
	}
	if reverts != 1 {
		t.Errorf("got %d flip-flops, want 1", reverts)
	}
	want := map[string]string{"Acme CRM": "liability/high", "Globex Mail": "indemnification/high", "Initech Cloud": "liability/low"}
	for vendor, w := range want {
		found := false
		for _, cc := range summaries[vendor] {
			if cc.Type+"/"+cc.Severity == w {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: clause changes %+v lack a %s change", vendor, summaries[vendor], w)
		}
	}
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.Contains(l, "check 2:") && !regexp.MustCompile(`check 2: \d+ unchanged(, \d+ failed)?$`).MatchString(l) {
			t.Errorf("noise-only re-check recorded something: %q", l)
		}
	}
	if strings.Contains(out.String(), "map[") {
		t.Errorf("the demo prints a Go value:\n%s", out.String())
	}
	docs, _ := st.ListDocuments(ctx, "Hooli Docs")
	if len(docs) != 1 || docs[0].Failures < 2 {
		t.Errorf("the page that went missing should be failing: %+v", docs)
	}
}

func TestDemoServesTheWebUI(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"demo", "--addr", "127.0.0.1:0"}, Env{Stdout: pw, Stderr: io.Discard, Getenv: func(string) string { return "" }})
		pw.Close()
	}()
	url := ""
	buf := make([]byte, 4096)
	var seen strings.Builder
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(seen.String(), "export --format json\n") && time.Now().Before(deadline) {
		n, err := pr.Read(buf)
		seen.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if m := regexp.MustCompile(`open (http://\S+/)`).FindStringSubmatch(seen.String()); m != nil {
		url = m[1]
	}
	go io.Copy(io.Discard, pr)
	if url == "" {
		t.Fatalf("no URL printed:\n%s", seen.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// A change without clause changes is summarised from its recorded diff.
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Acme CRM") || !strings.Contains(string(body), "lowered") ||
		!strings.Contains(string(body), "text changed (1 paragraph)") {
		t.Errorf("dashboard: %d\n%.2000s", resp.StatusCode, body)
	}
	resp, err = http.Get(url + "metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "toswatch_checks_total") {
		t.Errorf("/metrics: %d\n%.500s", resp.StatusCode, body)
	}
	// The commands it suggests work on its database while it runs.
	m := regexp.MustCompile(`(?m)^  toswatch --db (\S+) --config (\S+) changes$`).FindStringSubmatch(seen.String())
	if m == nil {
		t.Fatalf("the demo does not print its database and commands to try:\n%s", seen.String())
	}
	var out bytes.Buffer
	if code := Run(ctx, []string{"--db", m[1], "--config", m[2], "changes", "--json"},
		Env{Stdout: &out, Stderr: io.Discard, Getenv: func(string) string { return "" }}); code != 0 || !strings.Contains(out.String(), `"vendor": "Acme CRM"`) {
		t.Errorf("toswatch --db %s changes --json: exit %d\n%.500s", m[1], code, out.String())
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("demo exit %d after cancel, want 0", code)
	}
}

// TestValidateDemoVendors runs validate on the demo site's declarations, as
// CI's check that the demo vendors stay valid.
func TestValidateDemoVendors(t *testing.T) {
	site, stop, err := startDemoSite()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	cfg := filepath.Join(t.TempDir(), "vendors.yaml")
	if err := os.WriteFile(cfg, []byte(demo.Config(site.url, site.Pages())), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"validate", "--interval", "20ms", "--config", cfg},
		Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("validate on the demo vendors: exit %d\n%s%s", code, out.String(), errb.String())
	}
	for _, vendor := range []string{"Acme CRM", "Globex Mail", "Initech Cloud", "Hooli Docs"} {
		if !strings.Contains(out.String(), vendor) {
			t.Errorf("report lacks %s:\n%s", vendor, out.String())
		}
	}
	// At revision 2 the Hooli page is gone: validate must fail.
	site.SetRevision(2)
	out.Reset()
	code = Run(context.Background(), []string{"validate", "--interval", "20ms", "--config", cfg},
		Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	if code != 1 || !strings.Contains(out.String(), "404") {
		t.Errorf("validate with a missing page: exit %d\n%s", code, out.String())
	}
}
