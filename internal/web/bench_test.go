package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/bench"
	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/corpustest"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
)

// manyChanges fills a store with n changes over 20 documents, one in five
// moving a liability clause with a high severity, half of those reviewed.
func manyChanges(b *testing.B, n int) http.Handler {
	b.Helper()
	f := newFixture(b)
	clause := strings.Repeat("Our liability is limited to the fees paid. ", 20)
	for i := range n {
		vendor := fmt.Sprintf("Vendor %d", i%20)
		kind := model.KindChange
		if i < 20 {
			kind = model.KindFirst
		}
		var ccs []model.ClauseChange
		if i%5 == 0 && kind == model.KindChange {
			ccs = []model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Material: true,
				Severity: model.SeverityHigh, Summary: "cap lowered", Before: clause, After: clause + "Or $100."}}
		}
		id := f.record(vendor, "Terms", kind, fmt.Sprintf("%s\n\nversion %d\n", clause, i), ccs...)
		if ccs != nil && i%10 == 0 {
			if _, err := f.st.AddReview(b.Context(), id, model.Review{By: "Rita"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	h, err := New(Options{Store: f.st})
	if err != nil {
		b.Fatal(err)
	}
	return h
}

func benchGet(b *testing.B, h http.Handler, path string) {
	b.Helper()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 {
			b.Fatalf("%s: got status %d", path, rec.Code)
		}
	}
}

// BenchmarkDashboard measures the dashboard over 3,000 changes, 600 of
// them high-severity liability changes.
func BenchmarkDashboard(b *testing.B) {
	h := manyChanges(b, 3000)
	b.Run("page1", func(b *testing.B) { benchGet(b, h, "/") })
	b.Run("page10", func(b *testing.B) { benchGet(b, h, "/?page=10") })
	b.Run("feed", func(b *testing.B) { benchGet(b, h, "/feed.xml") })
}

// BenchmarkChangePage renders a change between two real versions of a
// BenchmarkChangePage renders the change between the first two versions
// of PayPal's terms (170 kB each) from the corpus.
func BenchmarkChangePage(b *testing.B) {
	dir := filepath.Join(corpustest.Dir(b, "versions"), "PayPal_-_Terms_of_Service")
	var texts []string
	for _, name := range []string{"0000.md", "0001.md"} {
		t, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	f := newFixture(b)
	f.record("PayPal", "Terms", model.KindFirst, texts[0])
	id := f.record("PayPal", "Terms", model.KindChange, texts[1])
	h, err := New(Options{Store: f.st})
	if err != nil {
		b.Fatal(err)
	}
	benchGet(b, h, "/changes/"+itoa(id))
}

// BenchmarkChangePageOfARewritten10MiBDocument serves the change page of a
// 10 MiB document rewritten from end to end, from the diff and clause
// analysis recorded with the change: its first page and one in the middle
// (the target: 1 s and 100 MB of heap above idle per request).
func BenchmarkChangePageOfARewritten10MiBDocument(b *testing.B) {
	var texts [2]string
	for i := range texts {
		var err error
		if texts[i], err = bench.Terms(uint64(i+1), 10<<20); err != nil {
			b.Fatal(err)
		}
	}
	f := newFixture(b)
	f.record("Acme", "Terms", model.KindFirst, texts[0])
	id := f.record("Acme", "Terms", model.KindChange, texts[1], present.Summarised(clause.Compare)(texts[0], texts[1])...)
	h, err := New(Options{Store: f.st})
	if err != nil {
		b.Fatal(err)
	}
	c, err := f.st.Change(b.Context(), id)
	if err != nil {
		b.Fatal(err)
	}
	sum, _ := diff.SummaryOf(c)
	for _, page := range []int{1, sum.Pages / 2} {
		b.Run(fmt.Sprintf("page%d", page), func(b *testing.B) {
			path := fmt.Sprintf("/changes/%d?page=%d", id, page)
			var costs []bench.Cost
			for b.Loop() {
				rec := httptest.NewRecorder()
				costs = append(costs, bench.Measure(func() { h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil)) }))
				if rec.Code != 200 {
					b.Fatalf("%s: got status %d", path, rec.Code)
				}
			}
			bench.ReportCosts(b, costs)
			b.ReportMetric(float64(sum.Pages), "diff-pages")
		})
	}
}
