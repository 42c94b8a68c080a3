package tracker_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/toswatch/toswatch/internal/bench"
	"github.com/toswatch/toswatch/internal/capture"
	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/tracker"
)

// served is a fetcher that serves one text, which the benchmark changes.
type served struct {
	mu   sync.Mutex
	text string
}

func (s *served) Fetch(ctx context.Context, req fetch.Request) (*fetch.Response, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &fetch.Response{URL: req.URL, Status: 200, MediaType: "text/plain", Body: []byte(s.text)}, nil
}

// BenchmarkRecordARewritten10MiBDocument records, check after check, the
// change of a 10 MiB document rewritten from end to end (and back): the
// capture, its confirmation, the clause analysis and the diff recorded in
// pages, all within the check's time budget with the default settings
// (budget-s).
func BenchmarkRecordARewritten10MiBDocument(b *testing.B) {
	var texts [2]string
	for i := range texts {
		var err error
		if texts[i], err = bench.Terms(uint64(i+1), 10<<20); err != nil {
			b.Fatal(err)
		}
	}
	st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "toswatch.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	f := &served{text: texts[0]}
	c, err := capture.New(capture.Options{Fetch: f})
	if err != nil {
		b.Fatal(err)
	}
	defaults := config.Defaults()
	budget := capture.BudgetFor(capture.FetchOptions(defaults), defaults.Fetch.ConfirmDelay, defaults.Fetch.Timeout)
	tr, err := tracker.New(st, c, tracker.Options{Compare: func(o, n string) ([]model.ClauseChange, model.DocFacts) {
		return present.Summarise(clause.Compare(o, n)), model.DocFacts{}
	}, Analysis: clause.Revision, Budget: budget})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	doc := model.Document{Vendor: "Acme", Type: "Terms", URL: "http://127.0.0.1:1/terms"}
	if r := tr.Check(ctx, doc); r.Status != model.OutcomeNew {
		b.Fatalf("first check: %+v", r)
	}
	var costs []bench.Cost
	for i := 0; b.Loop(); i++ {
		f.mu.Lock()
		f.text = texts[(i+1)%2]
		f.mu.Unlock()
		var r tracker.Result
		costs = append(costs, bench.Measure(func() { r = tr.Check(ctx, doc) }))
		if r.Status != model.OutcomeChanged {
			b.Fatalf("check %d: %+v", i, r)
		}
	}
	bench.ReportCosts(b, costs)
	b.ReportMetric(budget.Seconds(), "budget-s")
}
