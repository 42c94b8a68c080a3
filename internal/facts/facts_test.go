package facts

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

func money(v float64) *float64 { return &v }

var (
	t0         = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	twelve     = &model.Cap{FeePeriodMonths: 12, Basis: model.BasisFees}
	hundred    = &model.Cap{Amount: money(100), Currency: "USD", Basis: model.BasisFixed}
	six        = &model.Cap{FeePeriodMonths: 6, Basis: model.BasisFees}
	youIndem   = []model.Indemnity{{Direction: model.PartyYou, Covers: []string{model.CoversContent}}}
	provIndem  = []model.Indemnity{{Direction: model.PartyProvider, Covers: []string{model.CoversIP}}}
	exclusions = []string{"lost profits"}
)

type fixture struct {
	t   testing.TB
	st  *store.Store
	now time.Time
}

func newFixture(t testing.TB) *fixture {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "toswatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{t: t, st: st, now: t0}
	st.Now = func() time.Time { return f.now }
	return f
}

// history records one version a day per facts given (nil: a version whose
// facts were not read); it returns the change ids (0 for the first).
func (f *fixture) history(vendor string, fs ...*model.DocFacts) []int64 {
	f.t.Helper()
	ctx := context.Background()
	doc, err := f.st.SyncDocument(ctx, model.Document{Vendor: vendor, Type: "Terms", URL: "http://127.0.0.1/" + vendor})
	if err != nil {
		f.t.Fatal(err)
	}
	var head int64
	var ids []int64
	for i, df := range fs {
		f.now = f.now.Add(24 * time.Hour)
		nv := store.NewVersion{Kind: model.KindFirst, Text: vendor + " text " + string(rune('a'+i)), ExtractKey: "k"}
		if i > 0 {
			nv.Kind = model.KindChange
		}
		if df != nil {
			nv.Facts, _ = json.Marshal(df)
			nv.FactsAnalysis = 1
		}
		rec, err := f.st.RecordCheck(ctx, store.Check{DocumentID: doc, StartedAt: f.now, Outcome: model.OutcomeChanged, ExpectLatest: head, New: []store.NewVersion{nv}})
		if err != nil {
			f.t.Fatal(err)
		}
		head = rec.VersionID
		var id int64
		if i > 0 {
			c, err := f.st.ChangeForVersion(ctx, head)
			if err != nil {
				f.t.Fatal(err)
			}
			id = c.ID
		}
		ids = append(ids, id)
	}
	return ids
}

// TestCapChangedTwice: a vendor's cap went from 12 months of fees to $100,
// then to 6 months of fees; its exclusions never moved. The timeline has
// both moves with their changes, and each fact says since when it holds.
func TestCapChangedTwice(t *testing.T) {
	f := newFixture(t)
	ids := f.history("Acme",
		&model.DocFacts{Cap: twelve, Exclusions: exclusions, Indemnities: youIndem},
		&model.DocFacts{Cap: hundred, Exclusions: exclusions, Indemnities: youIndem},
		nil, // a version recorded before facts were kept: passed over
		&model.DocFacts{Cap: six, Exclusions: exclusions, Indemnities: youIndem})
	sheets, err := Load(context.Background(), f.st, "acme")
	if err != nil || len(sheets) != 1 {
		t.Fatalf("Load: %v, %v", sheets, err)
	}
	s := sheets[0]
	if s.Number != 4 || s.Facts == nil || s.Facts.Cap.FeePeriodMonths != 6 {
		t.Errorf("today: v%d %+v, want v4 with 6 months of fees", s.Number, s.Facts)
	}
	day := func(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }
	for name, want := range map[string]time.Time{model.FactCap: day(4), model.FactExclusions: day(1), model.FactIndemnities: day(1)} {
		if got := s.ChangedAt[name]; !got.Equal(want) {
			t.Errorf("%s changed at %v, want %v", name, got, want)
		}
	}
	want := []Event{
		{At: day(2), Number: 2, ChangeID: ids[1], Fact: model.FactCap, Before: "12 months of fees", After: "$100"},
		{At: day(4), Number: 4, ChangeID: ids[3], Fact: model.FactCap, Before: "$100", After: "6 months of fees"},
	}
	for i := range s.Timeline {
		s.Timeline[i].VersionID = 0
	}
	if !reflect.DeepEqual(s.Timeline, want) {
		t.Errorf("timeline:\n got %+v\nwant %+v", s.Timeline, want)
	}
}

func TestSelect(t *testing.T) {
	f := newFixture(t)
	for vendor, df := range map[string]*model.DocFacts{
		"Fees12":   {Cap: twelve},
		"Fees24":   {Cap: &model.Cap{FeePeriodMonths: 24, Basis: model.BasisFees}},
		"FeesAny":  {Cap: &model.Cap{Basis: model.BasisFees}}, // the fees paid, no period: incomparable
		"Lesser":   {Cap: &model.Cap{Amount: money(500), Currency: "USD", FeePeriodMonths: 24, Basis: model.BasisLesser}},
		"Greater":  {Cap: &model.Cap{Amount: money(500), Currency: "USD", FeePeriodMonths: 12, Basis: model.BasisGreater}},
		"Fixed":    {Cap: hundred},
		"Excluded": {Cap: &model.Cap{Basis: model.BasisExcluded}},
		"NoCap":    {Indemnities: provIndem},
		"YouIndem": {Cap: twelve, Indemnities: youIndem},
		"Mutual":   {Indemnities: []model.Indemnity{{Direction: model.PartyMutual}}},
		"Unknown":  {Indemnities: []model.Indemnity{{Covers: []string{model.CoversUse}}}}, // who gives it: not found
	} {
		f.history(vendor, df)
	}
	f.history("NotRead", nil)
	sheets, err := Load(context.Background(), f.st, "")
	if err != nil {
		t.Fatal(err)
	}
	names := func(ss []Sheet) (out []string) {
		for _, s := range ss {
			out = append(out, s.Vendor)
		}
		return out
	}
	for _, tc := range []struct {
		filter      string
		kept, apart []string
	}{
		{FilterCapTwelve, []string{"Excluded", "Fees12", "Fixed", "Lesser", "YouIndem"}, []string{"FeesAny"}},
		{FilterYouIndemnify, []string{"Mutual", "YouIndem"}, nil},
		{FilterNoCap, []string{"Mutual", "NoCap", "Unknown"}, nil},
	} {
		kept, apart := Select(sheets, tc.filter, SortVendor)
		if !reflect.DeepEqual(names(kept), tc.kept) || !reflect.DeepEqual(names(apart), tc.apart) {
			t.Errorf("%s: kept %v, apart %v; want %v, %v", tc.filter, names(kept), names(apart), tc.kept, tc.apart)
		}
	}
	if all, _ := Select(sheets, FilterAll, SortVendor); len(all) != 12 {
		t.Errorf("every document: %d, want 12", len(all))
	}
}
