package bench

import (
	"testing"

	"github.com/toswatch/toswatch/internal/clause"
)

// microTexts returns two versions of a generated text of about 300 KB,
// as the bench times them.
func microTexts(b *testing.B, dense bool) (old, new string) {
	b.Helper()
	old, new, err := microPair(1, dense)
	if err != nil {
		b.Fatal(err)
	}
	return old, new
}

func benchmarkAnalyze(b *testing.B, dense bool) {
	_, text := microTexts(b, dense)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		clause.Analyze(text)
	}
}

func benchmarkCompare(b *testing.B, dense bool) {
	old, new := microTexts(b, dense)
	b.SetBytes(int64(len(old)))
	for b.Loop() {
		clause.Compare(old, new)
	}
}

// The analyser on a 300 KB text extracted from a generated page, dense
// with legal vocabulary or not (toswatch bench --dense):
//
//	go test -run XXX -bench 'Analyze|Compare' ./internal/bench/
func BenchmarkAnalyzePage300KB(b *testing.B)      { benchmarkAnalyze(b, false) }
func BenchmarkAnalyzeDensePage300KB(b *testing.B) { benchmarkAnalyze(b, true) }
func BenchmarkComparePage300KB(b *testing.B)      { benchmarkCompare(b, false) }
func BenchmarkCompareDensePage300KB(b *testing.B) { benchmarkCompare(b, true) }
