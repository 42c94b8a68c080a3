package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/toswatch/toswatch/internal/export"
)

// vendorSite serves the pages under testdata/site like a real vendor:
// every response carries fresh noise (CSP nonce, cache-busting query
// strings, tracking ids, a timestamp, a re-keyed obfuscated email).
type vendorSite struct {
	mu       sync.Mutex
	page     string // file under testdata/site
	etag     string // when set, sent and honoured
	requests atomic.Int32
	notMod   atomic.Int32
}

func (v *vendorSite) serve(page string) {
	v.mu.Lock()
	v.page = page
	v.mu.Unlock()
}

func (v *vendorSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.requests.Add(1)
	v.mu.Lock()
	page, etag := v.page, v.etag
	v.mu.Unlock()
	if etag != "" {
		if r.Header.Get("If-None-Match") == etag {
			v.notMod.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "site", page))
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	noise := strings.NewReplacer(
		"{{NONCE}}", randHex(8), "{{TRACKING}}", randHex(6), "{{CACHEBUST}}", randHex(4),
		"{{TIMESTAMP}}", randHex(10), "{{CFEMAIL}}", cfEmail("legal@acme.example"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	noise.WriteString(w, string(b))
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// cfEmail obfuscates an address as Cloudflare does, with a random key.
func cfEmail(addr string) string {
	key := make([]byte, 1)
	rand.Read(key)
	out := []byte{key[0]}
	for i := 0; i < len(addr); i++ {
		out = append(out, addr[i]^key[0])
	}
	return hex.EncodeToString(out)
}

type env struct {
	t      *testing.T
	dir    string
	config string
	db     string
	site   *vendorSite
	url    string
	// vars are the environment variables the commands see.
	vars map[string]string
}

func newEnv(t *testing.T) *env {
	site := &vendorSite{page: "terms-v1.html"}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	e := &env{t: t, dir: dir, config: filepath.Join(dir, "vendors.yaml"), db: filepath.Join(dir, "toswatch.db"), site: site, url: srv.URL}
	e.writeConfig(`select: [".terms"]`)
	return e
}

func (e *env) writeConfig(docExtra string) {
	cfg := fmt.Sprintf(`settings:
  fetch:
    host_delay: 0s
    retries: 0
    confirm_delay: 10ms
vendors:
  - name: Acme
    documents:
      - type: Terms of Service
        url: %s/terms
        %s
`, e.url, docExtra)
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// run runs toswatch with the test's config and database.
func (e *env) run(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	args = append(args, "--config", e.config, "--db", e.db)
	code = Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return e.vars[k] }})
	return out.String(), errb.String(), code
}

type checkRow struct {
	Vendor, Document, Status string
	Version                  *int64
	RevertsTo                *int64 `json:"reverts_to"`
	Error                    *string
}

func (e *env) check(wantCode int) checkRow {
	e.t.Helper()
	out, errOut, code := e.run("check", "--json")
	if code != wantCode {
		e.t.Fatalf("check exit %d, want %d; stderr: %s; stdout: %s", code, wantCode, errOut, out)
	}
	var rows []checkRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		e.t.Fatalf("check --json: %v: %q", err, out)
	}
	return rows[0]
}

func (e *env) history() []versionJSON {
	e.t.Helper()
	out, errOut, code := e.run("history", "acme", "TERMS OF SERVICE", "--json")
	if code != 0 {
		e.t.Fatalf("history exit %d: %s", code, errOut)
	}
	var vs []versionJSON
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		e.t.Fatalf("history --json: %v: %q", err, out)
	}
	return vs
}

func TestNoiseIsNotAChangeAndWordingIs(t *testing.T) {
	e := newEnv(t)
	if r := e.check(0); r.Status != "new" || r.Version == nil {
		t.Fatalf("first check: %+v, want new", r)
	}
	for i := 0; i < 3; i++ { // nonce, cache buster, tracking ids, timestamp, email key all rotate
		if r := e.check(0); r.Status != "unchanged" {
			t.Fatalf("noise-only check %d: status %q, want unchanged", i, r.Status)
		}
	}
	e.site.serve("terms-v2.html")
	r := e.check(0)
	if r.Status != "changed" || r.RevertsTo != nil {
		t.Fatalf("wording change: %+v, want changed", r)
	}
	if vs := e.history(); len(vs) != 2 || vs[0].Kind != "first" || vs[1].Kind != "change" {
		t.Fatalf("history = %+v, want first + change", vs)
	}

	out, errOut, code := e.run("diff", "Acme", "Terms of Service", "--format", "json")
	if code != 0 {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	var d struct {
		Lines []struct {
			Op    string
			Words []struct{ Op, Text string }
		}
		ClauseChanges []struct{ Type, Severity string } `json:"clause_changes"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	var deleted, inserted []string
	for _, l := range d.Lines {
		if l.Op != "change" {
			t.Errorf("diff line op %q, want only changed paragraphs", l.Op)
		}
		var del, ins []string
		for _, w := range l.Words {
			switch w.Op {
			case "delete":
				del = append(del, strings.Fields(w.Text)...)
			case "insert":
				ins = append(ins, strings.Fields(w.Text)...)
			}
		}
		deleted, inserted = append(deleted, strings.Join(del, " ")), append(inserted, strings.Join(ins, " "))
	}
	// Exactly the changed words: the parentheses, "one", "US $" and the rest are unchanged.
	wantDel := []string{"thirty 30", "greater thousand 1,000 twelve 12"}
	wantIns := []string{"fifteen 15", "lesser hundred 100 six 6"}
	if strings.Join(deleted, "|") != strings.Join(wantDel, "|") || strings.Join(inserted, "|") != strings.Join(wantIns, "|") {
		t.Errorf("diff deleted %q inserted %q, want %q and %q", deleted, inserted, wantDel, wantIns)
	}
	if len(d.ClauseChanges) == 0 || d.ClauseChanges[0].Type != "liability" || d.ClauseChanges[0].Severity != "high" {
		t.Errorf("clause changes = %+v, want a high-severity liability change", d.ClauseChanges)
	}

	out, _, code = e.run("diff", "Acme", "Terms of Service")
	if code != 0 || !strings.Contains(out, "[-thirty-]") || !strings.Contains(out, "{+fifteen+}") {
		t.Errorf("text diff (exit %d) lacks [-thirty-]{+fifteen+} markers:\n%s", code, out)
	}
	// The changed clause is summarised above the diff and its paragraph marked.
	if !strings.Contains(out, "[high] liability modified: liability cap lowered") || strings.Count(out, "· liability clause @@") != 1 {
		t.Errorf("text diff does not summarise and mark the liability change:\n%s", out)
	}

	e.site.serve("terms-v1.html") // the vendor rolls back: a flip-flop
	r = e.check(0)
	if r.Status != "changed" || r.RevertsTo == nil || *r.RevertsTo != 1 {
		t.Fatalf("flip-flop: %+v, want changed with reverts_to 1", r)
	}
	// changes names versions as the alerts do (v1, v2 …), with the ids
	// diff and show take beside them.
	out, _, _ = e.run("changes")
	if !strings.Contains(out, ": v2 → v3 (version ids 2 → 3), back to the text of v1") || !strings.Contains(out, ": v1 → v2 (version ids 1 → 2)") {
		t.Errorf("changes does not name the versions by their numbers:\n%s", out)
	}
}

func TestNotModifiedIsUnchanged(t *testing.T) {
	e := newEnv(t)
	e.site.etag = `"v1"`
	e.check(0)
	if r := e.check(0); r.Status != "unchanged" {
		t.Fatalf("304: status %q, want unchanged", r.Status)
	}
	if got := e.site.notMod.Load(); got != 1 {
		t.Errorf("server answered 304 %d times, want 1", got)
	}
	if vs := e.history(); len(vs) != 1 {
		t.Errorf("got %d versions, want 1", len(vs))
	}
}

func TestSelectorThatStopsMatchingFailsAndRecordsNothing(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	e.writeConfig(`select: [".terms-of-service"]`)
	r := e.check(1)
	if r.Status != "failed" || r.Error == nil || !strings.HasPrefix(*r.Error, "selector_missing") {
		t.Fatalf("got %+v, want failed with selector_missing", r)
	}
	if vs := e.history(); len(vs) != 1 {
		t.Errorf("got %d versions after a failed check, want 1", len(vs))
	}
}

func TestSelectorChangeIsTechnical(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	e.writeConfig("select: [\".terms\"]\n        remove: [\"h1\"]")
	if r := e.check(0); r.Status != "technical" {
		t.Fatalf("after a selector change: status %q, want technical", r.Status)
	}
	vs := e.history()
	if len(vs) != 2 || vs[1].Kind != "technical" {
		t.Fatalf("history = %+v, want first + technical", vs)
	}
	if r := e.check(0); r.Status != "unchanged" {
		t.Errorf("next check: status %q, want unchanged", r.Status)
	}
	out, _, _ := e.run("changes", "--json")
	if strings.Contains(out, `"to_version": 2`) {
		t.Errorf("a technical version was listed as a change: %s", out)
	}
	// After a real change, diff shows it even when a technical version
	// follows it.
	e.site.serve("terms-v2.html")
	e.check(0)
	e.writeConfig("select: [\".terms\"]")
	if r := e.check(0); r.Status != "technical" {
		t.Fatalf("selector change back: %q, want technical", r.Status)
	}
	out, _, _ = e.run("diff", "Acme", "Terms of Service")
	if !strings.Contains(out, "version 2 (") || !strings.Contains(out, "→ version 3 (") || !strings.Contains(out, "{+fifteen+}") {
		t.Errorf("diff does not default to the latest change:\n%s", out)
	}
}

func TestConfigErrorsExit2AndTouchNothing(t *testing.T) {
	e := newEnv(t)
	os.WriteFile(e.config, []byte("vendors:\n  - name: Acme\n    documents:\n      - type: ToS\n        url: ftp://example.com/terms\n"), 0o644)
	_, errOut, code := e.run("check")
	if code != 2 || !strings.Contains(errOut, "vendors.yaml:5:") {
		t.Errorf("exit %d, stderr %q; want 2 and a file:line:column", code, errOut)
	}
	if _, err := os.Stat(e.db); err == nil {
		t.Error("a database was created despite the config error")
	}
	if got := e.site.requests.Load(); got != 0 {
		t.Errorf("%d requests made despite the config error", got)
	}
}

func TestNestedBracketBombExits2BeforeParsing(t *testing.T) {
	e := newEnv(t)
	os.WriteFile(e.config, []byte("vendors: "+strings.Repeat("[", 100_000)+"\n"), 0o644)
	_, errOut, code := e.run("check")
	if code != 2 || !strings.Contains(errOut, "vendors.yaml:1:73: nested deeper than 64 levels") {
		t.Errorf("exit %d, stderr %q; want 2 and the place nesting went too deep", code, errOut)
	}
}

func TestBadCommandLines(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"history", "Nobody"}, "unknown vendor"},
		{[]string{"changes", "--vendor", "Nobody"}, "unknown vendor"},
		{[]string{"export", "--vendor", "Nobody"}, "unknown vendor"},
		{[]string{"feed", "--vendor", "Nobody"}, "unknown vendor"},
		{[]string{"check", "Nobody"}, "Nobody"},
		{[]string{"show", "Acme", "Privacy"}, "unknown document"},
		{[]string{"show", "Acme", "Terms of Service", "--version", "99"}, "not a version"},
		{[]string{"show", "Acme", "Terms of Service", "--version", "x"}, "invalid version"},
		{[]string{"diff", "Acme", "Terms of Service", "--format", "yaml"}, "invalid --format"},
		{[]string{"history"}, "usage"},
		{[]string{"check", "--bogus"}, "bogus"},
		{[]string{"status", "--log-level", "loud"}, "invalid --log-level"},
	} {
		_, errOut, code := e.run(tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
		if strings.Contains(errOut, "goroutine") {
			t.Errorf("%v: stack trace on stderr", tc.args)
		}
	}
}

func TestShowPrintsLatestText(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	out, _, code := e.run("show", "ACME", "terms of service")
	if code != 0 || !strings.Contains(out, "thirty (30) days") || strings.Contains(out, "cookies") {
		t.Errorf("show (exit %d):\n%s", code, out)
	}
}

func TestSanitizeStripsTerminalEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text\n", "plain text\n"},
		{"red \x1b[31mALERT\x1b[0m done", "red ALERT done"},
		{"title \x1b]0;pwned\x07 after", "title  after"},
		{"bell\x07 and nul\x00 and c1\u009b", "bell and nul and c1"},
		{"tab\tkept", "tab\tkept"},
		{"accents é ü 中文", "accents é ü 中文"},
	} {
		if got := sanitize(tc.in); got != tc.want {
			t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReviewStatusBackupAndChanges(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	e.site.serve("terms-v2.html")
	e.check(0)
	out, _, code := e.run("changes", "--clause", "liability", "--json")
	var changes []export.Change
	if code != 0 || json.Unmarshal([]byte(out), &changes) != nil || len(changes) != 1 {
		t.Fatalf("changes --clause liability (exit %d): %s", code, out)
	}
	if out, _, _ := e.run("changes", "--clause", "indemnification", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("changes --clause indemnification: %s, want []", out)
	}
	id := fmt.Sprint(changes[0].ID)
	if _, errOut, code := e.run("review", id, "--by", "Ana", "--note", "cap lowered: tell procurement"); code != 0 {
		t.Fatalf("review: exit %d: %s", code, errOut)
	}
	// A second review adds to the history: Ana's stays.
	if _, errOut, code := e.run("review", id, "--by", "Bob", "--decision", "escalated", "--note", "ask counsel"); code != 0 {
		t.Fatalf("second review: exit %d: %s", code, errOut)
	}
	out, _, _ = e.run("changes", "--json")
	changes = nil
	if err := json.Unmarshal([]byte(out), &changes); err != nil || len(changes) != 1 {
		t.Fatalf("changes --json: %v: %s", err, out)
	}
	c := changes[0]
	if c.ReviewedBy != "Bob" || c.ReviewNote != "ask counsel" || c.ReviewedAt == "" || c.ReviewState != "escalated" {
		t.Errorf("latest review: by %q, note %q, at %q, state %q; want Bob, ask counsel, a time, escalated", c.ReviewedBy, c.ReviewNote, c.ReviewedAt, c.ReviewState)
	}
	if len(c.Reviews) != 2 || c.Reviews[0].By != "Ana" || c.Reviews[0].Decision != "acknowledged" ||
		c.Reviews[0].Note != "cap lowered: tell procurement" || c.Reviews[1].By != "Bob" || c.Reviews[1].Decision != "escalated" {
		t.Errorf("reviews: got %+v, want Ana's (acknowledged) then Bob's (escalated)", c.Reviews)
	}
	if _, errOut, code := e.run("review", id, "--by", "Eve", "--decision", "ignored"); code != 2 || !strings.Contains(errOut, "needs-follow-up") {
		t.Errorf("review with an unknown decision: exit %d, %q", code, errOut)
	}
	if _, errOut, code := e.run("review", "999", "--by", "Ana"); code != 2 || !strings.Contains(errOut, "does not exist") {
		t.Errorf("review of a missing change: exit %d, %q", code, errOut)
	}
	if _, errOut, code := e.run("review", id); code != 2 || !strings.Contains(errOut, "--by") {
		t.Errorf("review without --by: exit %d, %q", code, errOut)
	}

	out, _, code = e.run("status", "--json")
	var status []statusJSON
	if code != 0 || json.Unmarshal([]byte(out), &status) != nil || len(status) != 1 || status[0].Outcome != "changed" {
		t.Errorf("status (exit %d): %s", code, out)
	}

	dest := filepath.Join(e.dir, "copy.db")
	if _, errOut, code := e.run("backup", dest); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errOut)
	}
	var out2, errb bytes.Buffer
	code = Run(context.Background(), []string{"history", "Acme", "--json", "--db", dest, "--config", e.config},
		Env{Stdout: &out2, Stderr: &errb, Getenv: func(k string) string { return e.vars[k] }})
	if code != 0 || strings.Count(out2.String(), `"id"`) != 2 {
		t.Errorf("history of the backup (exit %d): %s %s", code, out2.String(), errb.String())
	}
	if _, _, code := e.run("backup", dest); code == 0 {
		t.Error("backup over an existing file succeeded")
	}
}

func TestStatusReportsFailingDocuments(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	e.writeConfig(`select: [".gone"]`)
	for i := 0; i < 3; i++ {
		e.check(1)
	}
	out, _, _ := e.run("status")
	if !strings.Contains(out, "FAILING (3 in a row)") || !strings.Contains(out, "selector_missing") {
		t.Errorf("status does not show the failing document:\n%s", out)
	}
	e.writeConfig(`select: [".terms"]`)
	out, _, _ = e.run("check")
	if !strings.Contains(out, "tracking resumed") {
		t.Errorf("recovery not noted:\n%s", out)
	}
}

func TestServeRefusesToExposeReviewsWithoutAToken(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	_, errOut, code := e.run("serve", "--addr", "0.0.0.0:0")
	if code != 2 || !strings.Contains(errOut, "token_env") {
		t.Errorf("serve on 0.0.0.0 without a token: exit %d, %q", code, errOut)
	}
}

func TestAnalyzeAndCompareFiles(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.md")
	new := filepath.Join(dir, "new.md")
	os.WriteFile(old, []byte("# Limitación de responsabilidad\nEn ningún caso la responsabilidad total de la Empresa excederá los mil dólares ($ 1000) o las tarifas pagadas por usted durante los doce (12) meses anteriores a la reclamación.\n# Indemnización\nUsted acepta indemnizar y eximir de responsabilidad a la Empresa frente a cualquier reclamación derivada del incumplimiento de estos términos.\n"), 0o644)
	os.WriteFile(new, []byte("# Limitación de responsabilidad\nEn ningún caso la responsabilidad total de la Empresa excederá los cien dólares ($ 100) o las tarifas pagadas por usted durante los seis (6) meses anteriores a la reclamación.\n# Indemnización\nUsted acepta indemnizar y eximir de responsabilidad a la Empresa frente a cualquier reclamación derivada del incumplimiento de estos términos.\n"), 0o644)
	e := newEnv(t)
	out, errOut, code := e.run("analyze", old, "--json")
	if code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errOut)
	}
	var got struct {
		File    string
		Clauses []struct {
			Type       string
			Start, End int
			Cap        *struct {
				Amount          float64
				Currency        string
				FeePeriodMonths int `json:"fee_period_months"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("analyze --json: %v: %s", err, out)
	}
	data, _ := os.ReadFile(old)
	types := map[string]bool{}
	for _, c := range got.Clauses {
		types[c.Type] = true
		if c.Start < 0 || c.End > len(data) || c.Start >= c.End {
			t.Errorf("clause offsets %d–%d outside the file (%d bytes)", c.Start, c.End, len(data))
		}
		if c.Cap != nil && (c.Cap.Amount != 1000 || c.Cap.Currency != "USD" || c.Cap.FeePeriodMonths != 12) {
			t.Errorf("cap = %+v, want 1000 USD over 12 months", *c.Cap)
		}
	}
	if got.File != old || !types["liability"] || !types["indemnification"] {
		t.Errorf("analyze found %+v", got)
	}
	out, _, code = e.run("compare", old, new, "--json")
	var cmp struct {
		Changed       bool
		ClauseChanges []struct{ Type, Kind, Severity string } `json:"clause_changes"`
		Diff          struct{ Lines []struct{ Op string } }
	}
	if code != 0 || json.Unmarshal([]byte(out), &cmp) != nil {
		t.Fatalf("compare (exit %d): %s", code, out)
	}
	if !cmp.Changed || len(cmp.ClauseChanges) != 1 || cmp.ClauseChanges[0].Type != "liability" || cmp.ClauseChanges[0].Severity != "high" || len(cmp.Diff.Lines) != 1 {
		t.Errorf("compare: %+v", cmp)
	}
	if _, errOut, code := e.run("compare", old, filepath.Join(dir, "missing.md")); code != 2 || !strings.Contains(errOut, "missing.md") {
		t.Errorf("compare with a missing file: exit %d, %q", code, errOut)
	}
}

// TestAnalyzeHTMLFile: analyze reads an HTML file through the same
// extraction as check and compare; each clause's text is the extracted
// text and start/end bound the bytes of the file it came from.
func TestAnalyzeHTMLFile(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Terms</title><script>var liable = 1;</script></head><body>
<nav>Home · Liability · Indemnification</nav>
<main><h1>Terms of Service</h1><p>These terms govern your use of the Acme service. Please read them carefully before you start using it.</p>
<h2>Limitation of Liability</h2>
<p>In no event will Acme be liable for any indirect damages &amp; lost profits. Acme&#39;s total liability shall not exceed <b>$100</b>.</p>
<p>Contact us at any time.</p></main></body></html>`
	file := filepath.Join(t.TempDir(), "terms.html")
	os.WriteFile(file, []byte(page), 0o644)
	out, errOut, code := newEnv(t).run("analyze", file, "--json")
	if code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errOut)
	}
	var got struct {
		Clauses []struct {
			Type, Text string
			Start, End int
			Protects   string
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got.Clauses) != 1 {
		t.Fatalf("got %+v, want one clause", got.Clauses)
	}
	c := got.Clauses[0]
	if want := "In no event will Acme be liable for any indirect damages & lost profits. Acme's total liability shall not exceed **$100**."; c.Text != want {
		t.Errorf("text = %q, want the extracted text %q", c.Text, want)
	}
	if span, want := page[c.Start:c.End], "In no event will Acme be liable for any indirect damages &amp; lost profits. Acme&#39;s total liability shall not exceed <b>$100</b>."; span != want {
		t.Errorf("file[start:end] = %q, want %q", span, want)
	}
	if c.Protects != "provider" {
		t.Errorf("protects = %q, want provider", c.Protects)
	}
}

// A file far larger than any document is refused with a message, before
// compare spends minutes and gigabytes on it.
func TestCompareRefusesAFileLargerThanAnyDocument(t *testing.T) {
	dir := t.TempDir()
	small, huge := filepath.Join(dir, "small.md"), filepath.Join(dir, "huge.md")
	os.WriteFile(small, []byte("Terms.\n"), 0o644)
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(maxFile + 1) // sparse: no disk used
	f.Close()
	_, errOut, code := runToswatch("compare", small, huge)
	if want := huge + " is larger than 64 MiB"; code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, want)
	}
}

// The same refusal names standard input as such, not "-".
func TestAnalyzeRefusesStandardInputLargerThanAnyDocument(t *testing.T) {
	var out, errb bytes.Buffer
	huge := io.LimitReader(zeros{}, maxFile+1)
	code := Run(context.Background(), []string{"analyze", "-"}, Env{Stdout: &out, Stderr: &errb, Stdin: huge, Getenv: func(string) string { return "" }})
	if want := "standard input is larger than 64 MiB"; code != 2 || !strings.Contains(errb.String(), want) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, errb.String(), want)
	}
}

// zeros reads as an endless run of spaces.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}
