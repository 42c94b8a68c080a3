package digest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

// clock is the fake time of a test store.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// testStore is a store on a temporary database whose recorded times come
// from a fake clock.
type testStore struct {
	t     testing.TB
	st    *store.Store
	clock *clock
}

func newTestStore(t testing.TB, now time.Time) *testStore {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "toswatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{t: now}
	st.Now = c.now
	return &testStore{t: t, st: st, clock: c}
}

func (s *testStore) doc(vendor, typ string) int64 {
	s.t.Helper()
	id, err := s.st.SyncDocument(context.Background(), model.Document{Vendor: vendor, Type: typ, URL: "https://" + "vendor.example/" + typ})
	if err != nil {
		s.t.Fatal(err)
	}
	return id
}

// version records a successful check at time at that adds a version.
func (s *testStore) version(doc int64, at time.Time, kind, text string, cc []model.ClauseChange) store.Recorded {
	s.t.Helper()
	latest, err := s.st.Latest(context.Background(), doc)
	if err != nil {
		s.t.Fatal(err)
	}
	var expect int64
	if latest != nil {
		expect = latest.Version.ID
	}
	s.clock.t = at
	rec, err := s.st.RecordCheck(context.Background(), store.Check{
		DocumentID: doc, StartedAt: at, Outcome: model.OutcomeChanged, ExpectLatest: expect,
		New: []store.NewVersion{{Kind: kind, Text: text, ExtractKey: "k", ClauseChanges: cc}},
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return rec
}

// check records a check that added no version: failed when errText is set.
func (s *testStore) check(doc int64, at time.Time, errText string) {
	s.t.Helper()
	latest, err := s.st.Latest(context.Background(), doc)
	if err != nil {
		s.t.Fatal(err)
	}
	var expect int64
	if latest != nil {
		expect = latest.Version.ID
	}
	outcome := model.OutcomeUnchanged
	if errText != "" {
		outcome = model.OutcomeFailed
	}
	s.clock.t = at
	if _, err := s.st.RecordCheck(context.Background(), store.Check{
		DocumentID: doc, StartedAt: at, Outcome: outcome, Error: errText, ExpectLatest: expect,
	}); err != nil {
		s.t.Fatal(err)
	}
}

func usd(v float64) *float64 { return &v }

// The clause changes of the fixture, with the rules the analyser names
// and the summaries present composes.
var (
	capLowered = model.ClauseChange{
		Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
		Summary:   "liability cap lowered from $1,000,000 to $100",
		Rules:     model.RuleNames{model.RuleCapLowered},
		Before:    "In no event shall our total liability exceed $1,000,000.",
		After:     "In no event shall our total liability exceed $100.",
		CapBefore: &model.Cap{Amount: usd(1000000), Currency: "USD", Basis: model.BasisFixed},
		CapAfter:  &model.Cap{Amount: usd(100), Currency: "USD", Basis: model.BasisFixed},
	}
	indemnityBroadened = model.ClauseChange{
		Type: model.Indemnification, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
		Summary: "indemnity broadened: now also covers your use of the service",
		Rules:   model.RuleNames{model.RuleYourIndemnityBroadened},
		Before:  "You will indemnify us against claims arising from your breach of these terms.",
		After:   "You will indemnify us against claims arising from your breach of these terms or your use of the service.",
	}
)

// The fixture's clock: late on 30 November in UTC, already 1 December in
// the digest's time zone (UTC+1), so that the subject's date shows which
// zone it was taken in.
var (
	fixtureNow = time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
	fixtureLoc = time.FixedZone("CET", 3600)
)

type fixture struct {
	*testStore
	capChange, indemnityChange, plainChange, oldChange int64
}

// newFixture records: a capped liability lowered (high) at Acme, an
// indemnity broadened (high) at Beta, an unrelated edit at Gamma, an old
// change at Acme outside the window, a document failing 4 times in a row
// (Delta) and one that failed 3 times and works again (Epsilon).
func newFixture(t testing.TB) *fixture {
	s := newTestStore(t, fixtureNow)
	f := &fixture{testStore: s}
	ago := func(d time.Duration) time.Time { return fixtureNow.Add(-d) }

	acme := s.doc("Acme", "Terms of Service")
	s.version(acme, ago(96*time.Hour), model.KindFirst, "Intro.\n\nIn no event shall our total liability exceed $1,000,000.", nil)
	s.version(acme, ago(72*time.Hour), model.KindChange, "Intro, old edit.\n\nIn no event shall our total liability exceed $1,000,000.", nil)
	s.version(acme, ago(5*time.Hour), model.KindChange, "Intro, old edit.\n\nIn no event shall our total liability exceed $100.", []model.ClauseChange{capLowered})

	beta := s.doc("Beta", "Data Processing Addendum")
	s.version(beta, ago(96*time.Hour), model.KindFirst, "You will indemnify us against claims arising from your breach of these terms.", nil)
	s.version(beta, ago(3*time.Hour), model.KindChange, "You will indemnify us against claims arising from your breach of these terms or your use of the service.", []model.ClauseChange{indemnityBroadened})

	gamma := s.doc("Gamma", "Privacy Policy")
	s.version(gamma, ago(96*time.Hour), model.KindFirst, "We collect data.\n\nWe keep it safe.", nil)
	s.version(gamma, ago(1*time.Hour), model.KindChange, "We collect some data.\n\nWe keep it safe.\n\nContact us.", nil)

	delta := s.doc("Delta", "Terms of Service")
	s.version(delta, ago(96*time.Hour), model.KindFirst, "Delta terms.", nil)
	for i := 4; i >= 1; i-- {
		s.check(delta, ago(time.Duration(i)*6*time.Hour), "fetch https://delta.example/terms: 503 Service Unavailable")
	}

	eps := s.doc("Epsilon", "Terms of Service")
	s.version(eps, ago(96*time.Hour), model.KindFirst, "Epsilon terms.", nil)
	for i := 3; i >= 1; i-- {
		s.check(eps, ago(time.Duration(24+i)*time.Hour), "fetch https://epsilon.example/terms: connection refused")
	}
	s.check(eps, ago(2*time.Hour), "")

	changes, err := s.st.Changes(context.Background(), store.ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		switch {
		case c.Vendor == "Acme" && len(c.ClauseChanges) > 0:
			f.capChange = c.ID
		case c.Vendor == "Acme":
			f.oldChange = c.ID
		case c.Vendor == "Beta":
			f.indemnityChange = c.ID
		case c.Vendor == "Gamma":
			f.plainChange = c.ID
		}
	}
	s.clock.t = fixtureNow
	return f
}

func fixtureOptions() Options {
	return Options{
		Since:            24 * time.Hour,
		BaseURL:          "https://toswatch.example/",
		FailureThreshold: 3,
		Location:         fixtureLoc,
		Now:              func() time.Time { return fixtureNow },
	}
}
