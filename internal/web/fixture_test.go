package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/tracker"
)

// Texts of the fixture's Acme terms: v2 lowers the liability cap (and
// edits an unrelated paragraph), v3 edits
// another paragraph, v4 brings v2's text back (a flip-flop).
const (
	acmeV1 = "# Acme Terms of Service\n\n1. Use of the service. You may use the service for your internal business purposes.\n\n2. Limitation of liability. Our total liability is limited to the greater of $1,000 or the fees you paid in the 12 months before the claim.\n\n3. Governing law. These terms are governed by the laws of Delaware.\n"
	acmeV2 = "# Acme Terms of Service\n\n1. Use of the service. You may use the service for any lawful purpose.\n\n2. Limitation of liability. Our total liability is limited to $100.\n\n3. Governing law. These terms are governed by the laws of Delaware.\n"
	acmeV3 = "# Acme Terms of Service\n\n1. Use of the service. You may use the service for any lawful purpose.\n\n2. Limitation of liability. Our total liability is limited to $100.\n\n3. Governing law. These terms are governed by the laws of New York.\n"

	globexV1 = "# Globex Data Processing Addendum\n\nCustomer shall indemnify Globex against claims arising from Customer Data.\n"
	globexV2 = "# Globex Data Processing Addendum\n\nCustomer shall indemnify, defend and hold harmless Globex against all claims arising from Customer Data or its use of the service.\n"

	capSummary    = "liability cap lowered from the greater of $1,000 or 12 months of fees to $100"
	indemnSummary = "customer's indemnity broadened"
)

func money(v float64) *float64 { return &v }

var (
	capBefore = &model.Cap{Amount: money(1000), Currency: "USD", FeePeriodMonths: 12, Basis: model.BasisGreater}
	capAfter  = &model.Cap{Amount: money(100), Currency: "USD", Basis: model.BasisFixed}
)

// fixture is a database with known history behind the web UI.
type fixture struct {
	t    testing.TB
	st   *store.Store
	now  time.Time
	srv  *httptest.Server
	h    *server
	opts Options
	// host is the Host requests are sent with: the base URL's, when the
	// server has one, as a reverse proxy would send it.
	host string
	// nextFacts are the facts of the next version record makes.
	nextFacts *model.DocFacts
	docs      map[string]int64 // by "Vendor/Type"
	heads     map[int64]int64  // latest version of each document
	texts     map[int64]string // its text
	// legacy records changes without their diff, as toswatch did before
	// diffs were kept.
	legacy bool
	// Named changes and versions of the standard history.
	capChange, lawChange, flipChange, indemnChange int64
	acmeV1, acmeV2                                 int64
}

func newStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "toswatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newFixture makes an empty fixture; history() fills the standard history.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, st: newStore(t), now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		docs: map[string]int64{}, heads: map[int64]int64{}, texts: map[int64]string{}}
	f.st.Now = func() time.Time { return f.now }
	return f
}

func (f *fixture) doc(vendor, typ string) int64 {
	f.t.Helper()
	key := vendor + "/" + typ
	if id, ok := f.docs[key]; ok {
		return id
	}
	id, err := f.st.SyncDocument(context.Background(), model.Document{Vendor: vendor, Type: typ, URL: "http://127.0.0.1/" + strings.ToLower(vendor)})
	if err != nil {
		f.t.Fatal(err)
	}
	f.docs[key] = id
	return id
}

// record records a successful check an hour after the previous one, with
// a new version of kind when kind is not "". It returns the change's id
// for a KindChange version, else the version's id.
// withFacts makes the next recorded version carry these facts, as the
// tracker stores them.
func (f *fixture) withFacts(df model.DocFacts) *fixture {
	f.nextFacts = &df
	return f
}

func (f *fixture) record(vendor, typ, kind, text string, ccs ...model.ClauseChange) int64 {
	f.t.Helper()
	ctx := context.Background()
	f.now = f.now.Add(time.Hour)
	doc := f.doc(vendor, typ)
	c := store.Check{DocumentID: doc, StartedAt: f.now, Duration: 1200 * time.Millisecond, HTTPStatus: 200,
		Outcome: model.OutcomeUnchanged, ExpectLatest: f.heads[doc]}
	if kind != "" {
		c.Outcome = model.OutcomeChanged
		c.New = []store.NewVersion{{Kind: kind, Text: text, ExtractKey: "k1", ClauseChanges: ccs}}
		if kind == model.KindChange && !f.legacy {
			// Recorded as the tracker records it, the given clause changes
			// marking the diff.
			_, c.New[0].Diff = tracker.Analyse(func(string, string) []model.ClauseChange { return ccs }, f.texts[doc], text)
		}
		f.texts[doc] = text
		if f.nextFacts != nil {
			c.New[0].Facts, _ = json.Marshal(f.nextFacts)
			c.New[0].FactsAnalysis = 1
			f.nextFacts = nil
		}
	}
	rec, err := f.st.RecordCheck(ctx, c)
	if err != nil {
		f.t.Fatal(err)
	}
	f.heads[doc] = rec.VersionID
	if kind != model.KindChange {
		return rec.VersionID
	}
	ch, err := f.st.ChangeForVersion(ctx, rec.VersionID)
	if err != nil {
		f.t.Fatal(err)
	}
	return ch.ID
}

// fail records a failed check.
func (f *fixture) fail(vendor, typ, msg string) {
	f.t.Helper()
	f.now = f.now.Add(time.Hour)
	doc := f.doc(vendor, typ)
	_, err := f.st.RecordCheck(context.Background(), store.Check{DocumentID: doc, StartedAt: f.now, HTTPStatus: 503,
		Outcome: model.OutcomeFailed, Error: msg, ExpectLatest: f.heads[doc]})
	if err != nil {
		f.t.Fatal(err)
	}
}

// history records the standard history:
//   - Acme / Terms of Service: first, cap lowered (high, unreviewed),
//     governing law edited (no clause), flip-flop back to v2's text;
//   - Globex / Data Processing Addendum: first, indemnity broadened (high),
//     which is reviewed;
//   - Initech / Terms: first, then three failed checks.
func (f *fixture) history() *fixture {
	f.t.Helper()
	const acme, tos = "Acme", "Terms of Service"
	f.acmeV1 = f.record(acme, tos, model.KindFirst, acmeV1)
	f.record("Globex", "Data Processing Addendum", model.KindFirst, globexV1)
	f.record("Initech", "Terms", model.KindFirst, "Initech terms.\n")
	f.capChange = f.record(acme, tos, model.KindChange, acmeV2, model.ClauseChange{
		Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
		Summary:   capSummary,
		Before:    "2. Limitation of liability. Our total liability is limited to the greater of $1,000 or the fees you paid in the 12 months before the claim.",
		After:     "2. Limitation of liability. Our total liability is limited to $100.",
		CapBefore: capBefore, CapAfter: capAfter,
	})
	f.acmeV2 = f.heads[f.docs[acme+"/"+tos]]
	f.indemnChange = f.record("Globex", "Data Processing Addendum", model.KindChange, globexV2, model.ClauseChange{
		Type: model.Indemnification, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
		Summary: indemnSummary,
		Before:  "Customer shall indemnify Globex against claims arising from Customer Data.",
		After:   "Customer shall indemnify, defend and hold harmless Globex against all claims arising from Customer Data or its use of the service.",
	})
	if _, err := f.st.AddReview(context.Background(), f.indemnChange, model.Review{By: "Rita", Note: "accepted by legal"}); err != nil {
		f.t.Fatal(err)
	}
	f.lawChange = f.record(acme, tos, model.KindChange, acmeV3)
	f.flipChange = f.record(acme, tos, model.KindChange, acmeV2)
	for i := range 3 {
		f.fail("Initech", "Terms", "fetch http://127.0.0.1/initech: 503 Service Unavailable (try "+string(rune('1'+i))+")")
	}
	return f
}

// serve starts the web UI on a loopback test server.
func (f *fixture) serve(opts Options) *fixture {
	f.t.Helper()
	opts.Store = f.st
	h, err := New(opts)
	if err != nil {
		f.t.Fatal(err)
	}
	f.opts = opts
	f.h = h.(*server)
	f.srv = httptest.NewServer(h)
	f.t.Cleanup(f.srv.Close)
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil {
			f.t.Fatal(err)
		}
		f.host = u.Host
	}
	return f
}

// serveOnListener starts the web UI as toswatch serve does, with the
// listen address it got, so that the Host check answers only that address
// (and its loopback names) and the base URL's.
func (f *fixture) serveOnListener(opts Options) *fixture {
	f.t.Helper()
	opts.Store = f.st
	f.srv = httptest.NewUnstartedServer(nil)
	opts.Addr = f.srv.Listener.Addr().String()
	h, err := New(opts)
	if err != nil {
		f.t.Fatal(err)
	}
	f.opts = opts
	f.srv.Config.Handler = h
	f.srv.Start()
	f.t.Cleanup(f.srv.Close)
	return f
}

// client returns a client with a cookie jar that does not follow redirects.
func (f *fixture) client() *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		f.t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// get fetches a path and returns the response and its body.
func (f *fixture) get(c *http.Client, path string, header ...string) (*http.Response, string) {
	f.t.Helper()
	if c == nil {
		c = f.client()
	}
	req, err := http.NewRequest(http.MethodGet, f.srv.URL+path, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	f.setHeaders(req, header)
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp, string(b)
}

// setHeaders sets the fixture's Host and header pairs on a request; a
// "Host" pair sets the Host.
func (f *fixture) setHeaders(req *http.Request, header []string) {
	if f.host != "" {
		req.Host = f.host
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrfToken opens a change page with c and returns the form's token.
func (f *fixture) csrfToken(c *http.Client, change int64) string {
	f.t.Helper()
	_, body := f.get(c, "/changes/"+itoa(change))
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		f.t.Fatalf("no csrf field on the change page")
	}
	return m[1]
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
