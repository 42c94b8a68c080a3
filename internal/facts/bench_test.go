package facts

import (
	"context"
	"fmt"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// BenchmarkLoad reads the facts of 40 documents of 30 versions each, as
// the /facts page does on every view (no text is analysed).
func BenchmarkLoad(b *testing.B) {
	f := newFixture(b)
	for d := range 40 {
		var hist []*model.DocFacts
		for v := range 30 {
			hist = append(hist, &model.DocFacts{Cap: &model.Cap{FeePeriodMonths: 1 + v/10, Basis: model.BasisFees},
				Exclusions: exclusions, CarveOuts: []string{model.CarveFraud}, Indemnities: youIndem})
		}
		f.history(fmt.Sprintf("Vendor%02d", d), hist...)
	}
	b.ResetTimer()
	for b.Loop() {
		sheets, err := Load(context.Background(), f.st, "")
		if err != nil || len(sheets) != 40 {
			b.Fatal(err)
		}
	}
}
