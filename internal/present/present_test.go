package present

import (
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestHeadline(t *testing.T) {
	rev := int64(7)
	tests := []struct {
		name  string
		c     model.Change
		paras int
		want  string
	}{
		{"no clause", model.Change{}, 3, "text changed (3 paragraphs)"},
		{"one paragraph", model.Change{}, 1, "text changed (1 paragraph)"},
		{"unknown count", model.Change{}, -1, "text changed"},
		{"most severe wins", model.Change{ClauseChanges: []model.ClauseChange{
			{Severity: model.SeverityLow, Summary: "low"}, {Severity: model.SeverityHigh, Summary: "high"}, {Severity: model.SeverityMedium, Summary: "medium"}}}, 1, "high"},
		{"first of equals", model.Change{ClauseChanges: []model.ClauseChange{
			{Severity: model.SeverityMedium, Summary: "a"}, {Severity: model.SeverityMedium, Summary: "b"}}}, 1, "a"},
		{"no summary", model.Change{ClauseChanges: []model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeAdded}}}, 1, "indemnification clause added"},
		{"flip-flop", model.Change{RevertsTo: &rev}, 2, "reverted to the text of version 7 — text changed (2 paragraphs)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Headline(tt.c, tt.paras); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func amount(v float64) *float64 { return &v }

func TestCap(t *testing.T) {
	tests := []struct {
		c    *model.Cap
		want string
	}{
		{nil, "no cap"},
		{&model.Cap{Amount: amount(1000), Currency: "USD", FeePeriodMonths: 12, Basis: model.BasisGreater}, "the greater of $1,000 or 12 months of fees"},
		{&model.Cap{Amount: amount(100), Currency: "EUR", FeePeriodMonths: 6, Basis: model.BasisLesser}, "the lesser of €100 or 6 months of fees"},
		{&model.Cap{Basis: model.BasisFees}, "the fees paid"},
		{&model.Cap{Amount: amount(2500.5), Currency: "PLN", Basis: model.BasisFixed}, "2,500.50 PLN"},
		{&model.Cap{CarveOuts: []string{"fraud"}}, "an unstated amount"},
	}
	for _, tt := range tests {
		if got := Cap(tt.c); got != tt.want {
			t.Errorf("Cap(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

func TestCapMove(t *testing.T) {
	a := &model.Cap{Amount: amount(100), Currency: "USD", Basis: model.BasisFixed}
	b := &model.Cap{Amount: amount(50), Currency: "GBP", Basis: model.BasisFixed}
	tests := []struct {
		name string
		cc   model.ClauseChange
		want string
	}{
		{"none", model.ClauseChange{}, ""},
		{"same", model.ClauseChange{CapBefore: a, CapAfter: a}, ""},
		{"moved", model.ClauseChange{CapBefore: a, CapAfter: b}, "$100 → £50"},
		{"added", model.ClauseChange{CapAfter: b}, "no cap → £50"},
	}
	for _, tt := range tests {
		if got := CapMove(tt.cc); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestChangeURL(t *testing.T) {
	for base, want := range map[string]string{
		"":                          "/changes/42",
		"/toswatch":                 "/toswatch/changes/42",
		"https://toswatch.example/": "https://toswatch.example/changes/42",
		"https://example.org/tw/":   "https://example.org/tw/changes/42",
	} {
		if got := ChangeURL(base, 42); got != want {
			t.Errorf("ChangeURL(%q) = %q, want %q", base, got, want)
		}
	}
}

func TestClauseTitle(t *testing.T) {
	if got := ClauseTitle(model.Liability); got != "Limitation of liability" {
		t.Errorf("got %q", got)
	}
	if got := ClauseTitle(model.Indemnification); got != "Indemnification" {
		t.Errorf("got %q", got)
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**7.2** If you've violated our [Acceptable Use Policy](https://example.com/aup), you pay.", "“If you've violated our Acceptable Use Policy, you pay.”"},
		{"a. We are not liable for outages caused by events beyond our reasonable control and for delays.", "“We are not liable for outages caused by events beyond our reasonable control …”"},
	}
	for _, tt := range tests {
		if got := Quote(tt.in, 80); got != tt.want {
			t.Errorf("Quote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRewordedQuotesShowWhatMoved: two wordings that begin alike are
// quoted from a little before their first difference; quoting both from
// the start showed the same words twice ("now “X …” (was “X …”)").
func TestRewordedQuotesShowWhatMoved(t *testing.T) {
	was := "Vendor will defend Customer against any third-party claim alleging that the Services infringe that party's intellectual property rights, and will pay any damages finally awarded."
	now := "Vendor will defend Customer against any third-party claim alleging that the Services infringe that party's intellectual property rights, provided that Vendor's obligations do not apply to claims arising from Customer's modifications."
	cc := model.ClauseChange{Type: model.Indemnification, Findings: []model.Finding{{What: model.MovedReworded, Quote: now, Items: []string{was}}}}
	want := "indemnification reworded: now “… intellectual property rights, provided that Vendor's obligations do not apply to claims …” (was “… intellectual property rights, and will pay any damages finally awarded.”)"
	if got := Summary(cc); got != want {
		t.Errorf("Summary:\n got %s\nwant %s", got, want)
	}
	// Wordings that differ early keep their quotes from the start.
	cc.Findings[0] = model.Finding{What: model.MovedReworded, Quote: "Acme is not responsible for delays caused by banks or payment networks.", Items: []string{"Acme is not responsible for delays caused by payment networks."}}
	want = "indemnification reworded: now “Acme is not responsible for delays caused by banks or payment networks.” (was “Acme is not responsible for delays caused by payment networks.”)"
	if got := Summary(cc); got != want {
		t.Errorf("Summary:\n got %s\nwant %s", got, want)
	}
}
