package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/digest"
	"github.com/toswatch/toswatch/internal/export"
	"github.com/toswatch/toswatch/internal/feed"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/tracker"
)

// vendor is a loopback vendor site serving the pages of testdata/, with
// every per-request value (nonces, visitor ids, redirect tokens, times,
// request ids) new on every request, and misbehaving as a test asks.
type vendor struct {
	mu      sync.Mutex
	page    string  // file under testdata/, without ".html"
	cut     float64 // serve only this share of the body (0: all of it)
	updated string  // the "Last updated" date
	entity  string  // the contracting entity (A/B variants)
	extra   string  // HTML added at the end of the terms
	etag    string  // sent as ETag; a request with it gets 304 ("": none)
	force   int     // the next requests answered 304 whatever they ask
	// visits makes a link carry a per-visit value that looks like words
	// ("otter-ibis-3"), which only comparing with the latest text tells.
	visits bool
	served int
}

func newVendor(t *testing.T) (*vendor, *httptest.Server) {
	v := &vendor{page: "terms", updated: "May 1, 2025", entity: "Acme Cloud Inc."}
	srv := httptest.NewServer(v)
	t.Cleanup(srv.Close)
	return v, srv
}

func (v *vendor) set(f func(v *vendor)) {
	v.mu.Lock()
	defer v.mu.Unlock()
	f(v)
}

func (v *vendor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.served++
	n := v.served
	if v.force > 0 {
		v.force--
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if v.etag != "" {
		if r.Header.Get("If-None-Match") == v.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", v.etag)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", v.page+".html"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	body := strings.NewReplacer(
		"{{updated}}", v.updated,
		"{{entity}}", v.entity,
		"{{extra}}", v.extra,
		"{{nonce}}", fmt.Sprintf("n%08xQ", n*7919),
		"{{did}}", fmt.Sprintf("%08x-4e13-4a6b-a010-%012x", uint32(n*2654435761), n*40503),
		"{{fbh}}", fmt.Sprintf("AT%dzQk9Lm3Zp%dRq1Vt", n, n*31),
		"{{usg}}", fmt.Sprintf("AOvVaw%dx%d", n, n*17),
		"{{visit}}", visit(v.visits, n),
		"{{time}}", fmt.Sprintf("%02d:%02d:%02d", n%24, n*7%60, n*13%60),
		"{{rid}}", fmt.Sprintf("%016x", uint64(n)*0x9e3779b97f4a7c15),
	).Replace(string(raw))
	if v.cut > 0 {
		body = body[:int(v.cut*float64(len(body)))]
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, body)
}

func visit(rotate bool, n int) string {
	if !rotate {
		n = 0
	}
	words := []string{"otter", "heron", "lynx", "marten", "ibis"}
	return fmt.Sprintf("%s-%s-%d", words[n%5], words[(n+2)%5], n)
}

// env is a configuration, a database and a pipeline checking one document
// of the vendor site.
type env struct {
	t   *testing.T
	ctx context.Context
	st  *store.Store
	p   *Pipeline
	doc model.Document
}

// newEnv loads a vendors.yaml with the document's extra lines (indented
// under the document) and opens a database in a temporary directory.
func newEnv(t *testing.T, url, docYAML string) *env {
	t.Helper()
	dir := t.TempDir()
	src := fmt.Sprintf(`settings:
  fetch:
    host_delay: 0s
    retries: 0
    confirm_delay: 0s
vendors:
  - name: Acme
    documents:
      - type: Customer Terms
        url: %s
%s`, url, docYAML)
	path := filepath.Join(dir, "vendors.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "toswatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, ctx: context.Background(), st: st}
	e.configure(cfg)
	return e
}

// configure wires the pipeline of cfg, as a restart after an edit of
// vendors.yaml does.
func (e *env) configure(cfg *config.Config) {
	e.t.Helper()
	p, err := New(cfg, Options{Store: e.st})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { p.Close() })
	docs, err := cfg.Documents()
	if err != nil {
		e.t.Fatal(err)
	}
	e.p, e.doc = p, docs[0]
}

// check checks the document and wants the given outcome.
func (e *env) check(want model.Outcome) tracker.Result {
	e.t.Helper()
	r := e.p.Tracker.Check(e.ctx, e.doc)
	if r.Status != want {
		e.t.Fatalf("check: %s (error %s), want %s", r.Status, deref(r.Error), want)
	}
	return r
}

func (e *env) versions() []model.Version {
	e.t.Helper()
	d, err := e.st.FindDocument(e.ctx, e.doc.Vendor, e.doc.Type)
	if err != nil {
		e.t.Fatal(err)
	}
	vs, err := e.st.Versions(e.ctx, d.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return vs
}

func (e *env) changes(f store.ChangeFilter) []model.Change {
	e.t.Helper()
	cs, err := e.st.Changes(e.ctx, f)
	if err != nil {
		e.t.Fatal(err)
	}
	return cs
}

func deref(s *string) string {
	if s == nil {
		return "none"
	}
	return *s
}

const selectTerms = "        select: .terms\n"

// A maintenance page or an error page answered with 200 in place of the
// terms is a failed check of kind unavailable, never a version, and the
// terms coming back are no change either.
func TestErrorPagesAreUnavailable(t *testing.T) {
	for _, page := range []string{"maintenance", "unavailable"} {
		t.Run(page, func(t *testing.T) {
			v, srv := newVendor(t)
			e := newEnv(t, srv.URL+"/terms", selectTerms)
			e.check(model.OutcomeNew)
			v.set(func(v *vendor) { v.page = page })
			r := e.check(model.OutcomeFailed)
			if r.Failure != model.FailureUnavailable || !strings.HasPrefix(deref(r.Error), "unavailable: the page says") {
				t.Errorf("failure %q, error %s; want kind unavailable", r.Failure, deref(r.Error))
			}
			v.set(func(v *vendor) { v.page = "terms" })
			e.check(model.OutcomeUnchanged)
			if n := len(e.versions()); n != 1 {
				t.Errorf("%d versions, want 1", n)
			}
		})
	}
	// A first capture that is such a page is no first version either.
	v, srv := newVendor(t)
	v.set(func(v *vendor) { v.page = "maintenance" })
	e := newEnv(t, srv.URL+"/terms", selectTerms)
	if r := e.check(model.OutcomeFailed); r.Failure != model.FailureUnavailable {
		t.Errorf("first capture: failure %q, want unavailable", r.Failure)
	}
}

// A response cut at 60% or 90% of the page is not recorded, not even when
// the immediate re-fetch and the next check get the same cut page: the
// check that would record it must be the third in a row to see it.
func TestTruncatedResponsesAreNotRecorded(t *testing.T) {
	for _, cut := range []float64{0.6, 0.9} {
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			v, srv := newVendor(t)
			e := newEnv(t, srv.URL+"/terms", selectTerms)
			e.check(model.OutcomeNew)
			v.set(func(v *vendor) { v.cut = cut })
			r := e.check(model.OutcomeUnconfirmed)
			if r.Failure != model.FailureUnconfirmed || !strings.Contains(deref(r.Error), "cut short") {
				t.Errorf("error %s, want an unconfirmed truncation", deref(r.Error))
			}
			e.check(model.OutcomeUnconfirmed)
			v.set(func(v *vendor) { v.cut = 0 })
			e.check(model.OutcomeUnchanged)
			if n := len(e.versions()); n != 1 {
				t.Errorf("%d versions, want 1", n)
			}
			if cs := e.changes(store.ChangeFilter{}); len(cs) != 0 {
				t.Errorf("%d changes recorded, want none", len(cs))
			}
		})
	}
}

// A real shortening that persists is recorded, by the third check in a
// row that sees it (confirm_checks: 2).
func TestRealShorteningIsRecordedOnceConfirmed(t *testing.T) {
	v, srv := newVendor(t)
	e := newEnv(t, srv.URL+"/terms", selectTerms)
	e.check(model.OutcomeNew)
	v.set(func(v *vendor) { v.page = "shortened" })
	e.check(model.OutcomeUnconfirmed)
	e.check(model.OutcomeUnconfirmed)
	r := e.check(model.OutcomeChanged)
	if r.Version == nil {
		t.Fatal("no version recorded")
	}
	vs := e.versions()
	if len(vs) != 2 || vs[1].Kind != model.KindChange {
		t.Fatalf("versions %+v, want the first and the change", vs)
	}
	e.check(model.OutcomeUnchanged)
}

// Two texts alternating (a CDN or A/B variant): every distinct text is a
// version and each return says so, but there is one alert for the first
// change and one for the alternation, in the feed and the digest.
func TestAlternationAlertsOnce(t *testing.T) {
	v, srv := newVendor(t)
	e := newEnv(t, srv.URL+"/terms", selectTerms)
	for i := 0; i < 10; i++ {
		v.set(func(v *vendor) {
			v.entity = []string{"Acme Cloud Inc.", "Acme Cloud Europe B.V."}[i%2]
		})
		want := model.OutcomeChanged
		if i == 0 {
			want = model.OutcomeNew
		}
		r := e.check(want)
		if i >= 2 && r.RevertsTo == nil {
			t.Errorf("check %d: no reverts_to", i+1)
		}
	}
	if n := len(e.versions()); n != 10 {
		t.Errorf("%d versions, want 10", n)
	}
	all := e.changes(store.ChangeFilter{})
	alerts := e.changes(store.ChangeFilter{Alerting: true})
	if len(all) != 9 || len(alerts) != 2 {
		t.Fatalf("%d changes, %d alerting; want 9 and 2", len(all), len(alerts))
	}
	if a := alerts[0]; a.Alert != model.AlertAlternation || a.AlternatesSince == nil {
		t.Errorf("latest alert %+v, want the alternation with its start", a)
	}
	if s := export.FromChange(alerts[0]).Summary; !strings.HasPrefix(s, "alternates between v1 and v2 since ") {
		t.Errorf("summary %q", s)
	}
	f, err := feed.Build(e.ctx, e.st, feed.Options{BaseURL: "http://toswatch.example"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 {
		t.Errorf("%d feed items, want 2", len(f.Items))
	}
	d, err := digest.Build(e.ctx, e.st, digest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Changes != 2 {
		t.Errorf("the digest lists %d changes, want 2", d.Changes)
	}
	// A new text is a change again, and a flip back to it alternates anew.
	v.set(func(v *vendor) { v.entity = "Acme Cloud Asia Pte. Ltd." })
	e.check(model.OutcomeChanged)
	if n := len(e.changes(store.ChangeFilter{Alerting: true})); n != 3 {
		t.Errorf("%d alerts after a new text, want 3", n)
	}
}

// Editing a document's url drops the validators of the old page: a server
// that answers the new url's request with 304 to the old ETag would
// otherwise keep the new page from ever being read. The new page, mostly
// the same text, is a technical version.
func TestURLEditDropsStaleValidators(t *testing.T) {
	v, srv := newVendor(t)
	v.set(func(v *vendor) { v.etag = `"same-etag"` })
	e := newEnv(t, srv.URL+"/terms", selectTerms)
	e.check(model.OutcomeNew)
	e.check(model.OutcomeUnchanged) // 304
	v.set(func(v *vendor) { v.extra = "<p>Section 11. Acme may list Customer as a customer on its website.</p>" })
	e.doc.URL = srv.URL + "/legal/terms-2025"
	r := e.check(model.OutcomeTechnical)
	vs := e.versions()
	if len(vs) != 2 || vs[1].Kind != model.KindTechnical || r.Version == nil || *r.Version != vs[1].ID {
		t.Fatalf("versions %+v, want the new url's text as a technical version", vs)
	}
	e.check(model.OutcomeUnchanged)

	// Moved again, to a page with the same text: nothing to record; the
	// next real edit there is a change, not a technical version.
	e.doc.URL = srv.URL + "/legal/terms"
	e.check(model.OutcomeUnchanged)
	v.set(func(v *vendor) {
		v.extra += "<p>Section 12. Acme may subcontract the hosting of the services.</p>"
		v.etag = `"edited"`
	})
	e.check(model.OutcomeChanged)
}

// A selector edited so that it matches nothing fails the check, even
// while the server answers 304: the stored page is extracted again.
func TestSelectorEditUnder304Fails(t *testing.T) {
	v, srv := newVendor(t)
	v.set(func(v *vendor) { v.etag = `"v1"` })
	e := newEnv(t, srv.URL+"/terms", selectTerms)
	e.check(model.OutcomeNew)
	e.doc.Select = []string{".terms-v2"}
	r := e.check(model.OutcomeFailed)
	if r.Failure != model.FailureSelectorMissing {
		t.Errorf("failure %q (%s), want selector_missing", r.Failure, deref(r.Error))
	}
}

// A server that answers the very first request 304 (no version to fall
// back on) is asked again without validators.
func TestFirstAnswer304IsRetried(t *testing.T) {
	v, srv := newVendor(t)
	v.set(func(v *vendor) { v.force = 1 })
	e := newEnv(t, srv.URL+"/terms", selectTerms)
	e.check(model.OutcomeNew)
	if n := len(e.versions()); n != 1 {
		t.Errorf("%d versions, want 1", n)
	}
	// Always 304: a failed check, not an "unchanged" document without text.
	v2, srv2 := newVendor(t)
	v2.set(func(v *vendor) { v.force = 100 })
	e2 := newEnv(t, srv2.URL+"/terms", selectTerms)
	if r := e2.check(model.OutcomeFailed); r.Failure != model.FailureHTTPStatus {
		t.Errorf("always 304: failure %q, want http_status", r.Failure)
	}
}

// Rotating visitor ids and tokens in links and redirect wrappers,
// generated-at times and request ids in the content: none of them is a
// change, with selectors or without.
func TestPerRequestNoiseIsNoChange(t *testing.T) {
	for _, sel := range []string{selectTerms, ""} {
		t.Run(fmt.Sprintf("select=%t", sel != ""), func(t *testing.T) {
			v, srv := newVendor(t)
			v.set(func(v *vendor) { v.visits = true })
			e := newEnv(t, srv.URL+"/terms", sel)
			e.check(model.OutcomeNew)
			for range 4 {
				e.check(model.OutcomeUnchanged)
			}
			text := e.versions()[0]
			got, err := e.st.Text(e.ctx, text.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"Page generated at [time] · Request ID: [id]", "[Data Processing Addendum](https://acme.example/dpa)"} {
				if !strings.Contains(got, want) {
					t.Errorf("stored text lacks %q:\n%s", want, got)
				}
			}
		})
	}
}

// An edit of the "Last updated" date alone is recorded, as a low change
// that only the date changed, out of needs-review.
func TestDateOnlyEdit(t *testing.T) {
	v, srv := newVendor(t)
	e := newEnv(t, srv.URL+"/terms", selectTerms)
	e.check(model.OutcomeNew)
	v.set(func(v *vendor) { v.updated = "June 3, 2025" })
	e.check(model.OutcomeChanged)
	cs := e.changes(store.ChangeFilter{})
	if len(cs) != 1 {
		t.Fatalf("%d changes, want 1", len(cs))
	}
	got := export.FromChange(cs[0])
	if !got.DateOnly || got.Severity != model.SeverityLow || got.Summary != "only the date changed" {
		t.Errorf("change %+v, want date_only, severity low, summary \"only the date changed\"", got)
	}
	if n := len(e.changes(store.ChangeFilter{Severity: model.SeverityHigh, Unreviewed: true, Alerting: true, NotDateOnly: true})); n != 0 {
		t.Errorf("%d changes need review, want none", n)
	}
	d, err := digest.Build(e.ctx, e.st, digest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.HighSeverity != 0 || !strings.Contains(d.Text, "only the date changed") {
		t.Errorf("digest: %d high-severity, text:\n%s", d.HighSeverity, d.Text)
	}
}

// Noise toswatch does not know (a visitor counter) is a change at every
// check, until the user ignores it; adding the pattern re-extracts the
// stored page: a technical version, then no more changes.
func TestIgnorePatterns(t *testing.T) {
	v, srv := newVendor(t)
	counter := 0
	bump := func() {
		counter++
		v.set(func(v *vendor) { v.extra = fmt.Sprintf("<p>Visitors this week: %d</p>", 1000+counter) })
	}
	bump()
	e := newEnv(t, srv.URL+"/terms", selectTerms)
	e.check(model.OutcomeNew)
	bump()
	e.check(model.OutcomeChanged)

	e.doc.Ignore = []string{`^Visitors this week: \d+$`}
	bump()
	e.check(model.OutcomeTechnical)
	for range 3 {
		bump()
		e.check(model.OutcomeUnchanged)
	}
	vs := e.versions()
	if len(vs) != 3 || vs[2].Kind != model.KindTechnical {
		t.Errorf("versions %+v, want first, change, technical", vs)
	}
}
