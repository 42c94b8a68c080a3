package notify

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/export"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

const secret = "whsec-test-key"

func money(v float64) *float64 { return &v }

var capLowered = model.ClauseChange{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
	Summary:   "liability cap lowered from $1,000 to $100 <@here> & co",
	CapBefore: &model.Cap{Amount: money(1000), Currency: "USD", Basis: model.BasisFixed},
	CapAfter:  &model.Cap{Amount: money(100), Currency: "USD", Basis: model.BasisFixed}}

// receiver is a webhook endpoint on 127.0.0.1 that records what it got;
// it answers 500 to the first failFirst requests.
type receiver struct {
	*httptest.Server
	mu        sync.Mutex
	failFirst int
	got       []request
}

type request struct {
	body   []byte
	header http.Header
}

func newReceiver(t *testing.T, failFirst int) *receiver {
	r := &receiver{failFirst: failFirst}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got = append(r.got, request{b, req.Header.Clone()})
		if len(r.got) <= r.failFirst {
			http.Error(w, "try later", http.StatusInternalServerError)
			return
		}
		w.Write([]byte("ok"))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) requests() []request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]request(nil), r.got...)
}

type fixture struct {
	t    *testing.T
	st   *store.Store
	path string
	doc  int64
	head int64
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, path: filepath.Join(t.TempDir(), "toswatch.db")}
	f.open()
	var err error
	f.doc, err = f.st.SyncDocument(context.Background(), model.Document{Vendor: "Acme", Type: "Terms of Service", URL: "http://127.0.0.1/terms"})
	if err != nil {
		t.Fatal(err)
	}
	f.record(model.KindFirst, "v1", nil)
	return f
}

func (f *fixture) open() {
	st, err := store.Open(context.Background(), f.path)
	if err != nil {
		f.t.Fatal(err)
	}
	f.st = st
	f.t.Cleanup(func() { st.Close() })
}

// record records a version; a change is queued for the targets in notify.
func (f *fixture) record(kind, text string, notify []string, ccs ...model.ClauseChange) int64 {
	f.t.Helper()
	ctx := context.Background()
	rec, err := f.st.RecordCheck(ctx, store.Check{DocumentID: f.doc, StartedAt: f.st.Now(), Outcome: model.OutcomeChanged,
		ExpectLatest: f.head, New: []store.NewVersion{{Kind: kind, Text: text, ExtractKey: "k", ClauseChanges: ccs, Notify: notify}}})
	if err != nil {
		f.t.Fatal(err)
	}
	f.head = rec.VersionID
	if kind != model.KindChange {
		return 0
	}
	c, err := f.st.ChangeForVersion(ctx, rec.VersionID)
	if err != nil {
		f.t.Fatal(err)
	}
	return c.ID
}

func webhook(url string) Target {
	return Target{NotifyTarget: config.NotifyTarget{Type: config.NotifyWebhook, URLEnv: "HOOK_URL", SecretEnv: "HOOK_KEY", MinSeverity: "low"},
		URL: url, Secret: []byte(secret)}
}

// TestWebhookSignedPayload: the receiver verifies the HMAC-SHA256 of the
// body with the shared secret, and the body is the change as `changes
// --json` prints it, with its URL.
func TestWebhookSignedPayload(t *testing.T) {
	f := newFixture(t)
	rcv := newReceiver(t, 0)
	hook := webhook(rcv.URL + "/hooks/toswatch")
	id := f.record(model.KindChange, "v2", []string{hook.Name()}, capLowered)
	n := &Notifier{Store: f.st, Targets: []Target{hook}, BaseURL: "https://toswatch.example/legal"}
	sent, failed, err := n.Deliver(context.Background())
	if err != nil || sent != 1 || failed != 0 {
		t.Fatalf("Deliver: sent %d, failed %d, %v; want 1, 0", sent, failed, err)
	}
	got := rcv.requests()
	if len(got) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(got))
	}
	req := got[0]
	sig, ok := strings.CutPrefix(req.header.Get(SignatureHeader), "sha256=")
	if !ok {
		t.Fatalf("%s: %q, want sha256=<hex>", SignatureHeader, req.header.Get(SignatureHeader))
	}
	// What a receiver does: recompute the HMAC of the raw body.
	if want := Sign([]byte(secret), req.body)[len("sha256="):]; !hmac.Equal([]byte(sig), []byte(want)) {
		t.Errorf("signature does not verify with the secret")
	}
	if Sign([]byte("another key"), req.body) == "sha256="+sig {
		t.Errorf("the signature verifies with another key")
	}
	if ct := req.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	dec := json.NewDecoder(strings.NewReader(string(req.body)))
	dec.DisallowUnknownFields()
	var c export.Change
	if err := dec.Decode(&c); err != nil {
		t.Fatal(err)
	}
	if c.ID != id || c.Vendor != "Acme" || c.Document != "Terms of Service" || c.ReviewState != "unreviewed" ||
		c.URL != "https://toswatch.example/legal/changes/"+itoa(id) {
		t.Errorf("payload: %+v", c)
	}
	if len(c.ClauseChanges) != 1 || c.ClauseChanges[0].Summary != capLowered.Summary || *c.ClauseChanges[0].CapAfter.Amount != 100 {
		t.Errorf("payload clause changes: %+v", c.ClauseChanges)
	}
	// Delivered once: nothing is due any more.
	if sent, _, _ := n.Deliver(context.Background()); sent != 0 {
		t.Errorf("a delivered notification was sent again")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestSlackMessage: an incoming-webhook message with the severity, the
// headline (Slack's & < > escaped, so vendor text makes no mention or
// link) and a link to the change.
func TestSlackMessage(t *testing.T) {
	f := newFixture(t)
	rcv := newReceiver(t, 0)
	slack := Target{NotifyTarget: config.NotifyTarget{Type: config.NotifySlack, URLEnv: "SLACK_URL", MinSeverity: "low"}, URL: rcv.URL}
	id := f.record(model.KindChange, "v2", []string{slack.Name()}, capLowered)
	n := &Notifier{Store: f.st, Targets: []Target{slack}, BaseURL: "http://127.0.0.1:8080"}
	if sent, _, err := n.Deliver(context.Background()); err != nil || sent != 1 {
		t.Fatalf("Deliver: sent %d, %v", sent, err)
	}
	req := rcv.requests()[0]
	if req.header.Get(SignatureHeader) != "" {
		t.Errorf("a Slack message carries a webhook signature")
	}
	var msg map[string]any
	if err := json.Unmarshal(req.body, &msg); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"text": "*HIGH* Acme / Terms of Service: liability cap lowered from $1,000 to $100 &lt;@here&gt; &amp; co <http://127.0.0.1:8080/changes/" + itoa(id) + "|change " + itoa(id) + ">"}
	if !reflect.DeepEqual(msg, want) {
		t.Errorf("Slack payload:\n got %v\nwant %v", msg, want)
	}
}

// TestRetriesAReceiverThatFailsTwice: two 500s, then a 200; the
// notification is delivered on the third attempt, the failures are
// counted, and nothing is sent after that.
func TestRetriesAReceiverThatFailsTwice(t *testing.T) {
	f := newFixture(t)
	rcv := newReceiver(t, 2)
	hook := webhook(rcv.URL)
	f.record(model.KindChange, "v2", []string{hook.Name()}, capLowered)
	var mu sync.Mutex
	failures := map[string]int{}
	n := &Notifier{Store: f.st, Targets: []Target{hook}, Backoff: time.Millisecond,
		Failed: func(target string) { mu.Lock(); failures[target]++; mu.Unlock() }}
	pending, err := n.Drain(context.Background(), time.Minute)
	if err != nil || pending != 0 {
		t.Fatalf("Drain: %d pending, %v; want 0", pending, err)
	}
	got := rcv.requests()
	if len(got) != 3 {
		t.Fatalf("receiver got %d requests, want 3 (two failures, then the delivery)", len(got))
	}
	for i, r := range got[1:] {
		if string(r.body) != string(got[0].body) || r.header.Get("X-Toswatch-Delivery") != got[0].header.Get("X-Toswatch-Delivery") {
			t.Errorf("retry %d differs from the first attempt", i+1)
		}
	}
	if failures[hook.Name()] != 2 {
		t.Errorf("failures counted: %v, want 2 for %s", failures, hook.Name())
	}
	troubles, err := f.st.NotifyTroubles(context.Background())
	if err != nil || len(troubles) != 0 {
		t.Errorf("troubles after the delivery: %+v, %v; want none", troubles, err)
	}
}

// TestGivesUpAndReportsTrouble: a receiver that always fails is given up
// after Attempts, and the failure is reported with its error.
func TestGivesUpAndReportsTrouble(t *testing.T) {
	f := newFixture(t)
	rcv := newReceiver(t, 1000)
	hook := webhook(rcv.URL)
	f.record(model.KindChange, "v2", []string{hook.Name()}, capLowered)
	n := &Notifier{Store: f.st, Targets: []Target{hook}, Backoff: time.Millisecond, Attempts: 3}
	if pending, err := n.Drain(context.Background(), time.Minute); err != nil || pending != 0 {
		t.Fatalf("Drain: %d pending, %v", pending, err)
	}
	if got := len(rcv.requests()); got != 3 {
		t.Errorf("attempts: got %d, want 3", got)
	}
	troubles, err := f.st.NotifyTroubles(context.Background())
	if err != nil || len(troubles) != 1 {
		t.Fatalf("troubles: %+v, %v", troubles, err)
	}
	if tr := troubles[0]; tr.Target != hook.Name() || tr.GaveUp != 1 || tr.Retrying != 0 || tr.LastError != "POST to HOOK_URL: HTTP 500" {
		t.Errorf("trouble: %+v", tr)
	}
	if strings.Contains(troubles[0].LastError, rcv.URL) {
		t.Errorf("the error gives the target's URL away")
	}
}

// TestPendingNotificationsSurviveARestart: queued with the change, sent by
// the next process.
func TestPendingNotificationsSurviveARestart(t *testing.T) {
	f := newFixture(t)
	rcv := newReceiver(t, 0)
	hook := webhook(rcv.URL)
	f.record(model.KindChange, "v2", []string{hook.Name()}, capLowered)
	f.st.Close()
	f.open()
	n := &Notifier{Store: f.st, Targets: []Target{hook}}
	if sent, _, err := n.Deliver(context.Background()); err != nil || sent != 1 || len(rcv.requests()) != 1 {
		t.Errorf("after a restart: sent %d, %v, receiver got %d", sent, err, len(rcv.requests()))
	}
}

func TestWants(t *testing.T) {
	targets := []config.NotifyTarget{
		{Type: config.NotifyWebhook, URLEnv: "ALL", MinSeverity: "low"},
		{Type: config.NotifySlack, URLEnv: "HIGH", MinSeverity: "high"},
		{Type: config.NotifySlack, URLEnv: "ACME_MEDIUM", MinSeverity: "medium", Vendors: []string{"acme"}},
	}
	med := model.ClauseChange{Type: model.Indemnification, Severity: model.SeverityMedium}
	high := model.ClauseChange{Type: model.Liability, Severity: model.SeverityHigh}
	for _, tc := range []struct {
		name   string
		vendor string
		ccs    []model.ClauseChange
		want   []string
	}{
		{"no clause change is low", "Acme", nil, []string{"webhook:ALL"}},
		{"medium", "Acme", []model.ClauseChange{med}, []string{"webhook:ALL", "slack:ACME_MEDIUM"}},
		{"highest clause counts", "ACME", []model.ClauseChange{med, high}, []string{"webhook:ALL", "slack:HIGH", "slack:ACME_MEDIUM"}},
		{"other vendor", "Globex", []model.ClauseChange{high}, []string{"webhook:ALL", "slack:HIGH"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Wants(targets, tc.vendor, tc.ccs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	env := map[string]string{"HOOK_URL": "https://hooks.example/x", "HOOK_KEY": "k", "BAD_URL": "ftp://x"}
	ts := []config.NotifyTarget{
		{Type: config.NotifyWebhook, URLEnv: "HOOK_URL", SecretEnv: "HOOK_KEY"},
		{Type: config.NotifyWebhook, URLEnv: "HOOK_URL", SecretEnv: "NO_KEY"},
		{Type: config.NotifySlack, URLEnv: "NO_URL"},
		{Type: config.NotifySlack, URLEnv: "BAD_URL"},
	}
	got, err := Resolve(ts, func(k string) string { return env[k] })
	if len(got) != 1 || got[0].URL != "https://hooks.example/x" || string(got[0].Secret) != "k" {
		t.Errorf("resolved: %+v", got)
	}
	for _, want := range []string{"NO_KEY is empty", "NO_URL is empty", "BAD_URL does not hold an http(s) URL"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

// TestSlackSeverityIsTheChanges: the label is the change's own severity
// (low for a date-only change, whatever its clauses say), else its
// highest clause severity, else low.
func TestSlackSeverityIsTheChanges(t *testing.T) {
	for _, tc := range []struct {
		c    model.Change
		want string
	}{
		{model.Change{Severity: model.SeverityLow, DateOnly: true, ClauseChanges: []model.ClauseChange{capLowered}}, "*LOW*"},
		{model.Change{ClauseChanges: []model.ClauseChange{capLowered}}, "*HIGH*"},
		{model.Change{}, "*LOW*"},
	} {
		if got := SlackMessage(tc.c, "http://127.0.0.1/changes/1").Text; !strings.HasPrefix(got, tc.want) {
			t.Errorf("%+v: %q, want it to start with %s", tc.c, got, tc.want)
		}
	}
}
