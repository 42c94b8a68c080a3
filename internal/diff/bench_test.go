package diff

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
)

func benchCompute(b *testing.B, old, new string) {
	b.Helper()
	b.SetBytes(int64(len(old) + len(new)))
	b.ReportAllocs()
	b.ResetTimer()
	var r Result
	for b.Loop() {
		r = Compute(old, new)
	}
	b.ReportMetric(float64(len(r.Lines)), "lines")
}

// About 300 KB and 2,000 paragraphs, with a few dozen edits.
func BenchmarkComputeRealistic(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	a := genDoc(rng, 2000)
	benchCompute(b, joinDoc(a), joinDoc(mutate(rng, a, realistic)))
}

func BenchmarkComputeIdentical(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	doc := joinDoc(genDoc(rng, 2000))
	benchCompute(b, doc, strings.Clone(doc))
}

// Two unrelated documents of 2,000 paragraphs each.
func BenchmarkComputeUnrelated(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	benchCompute(b, joinDoc(genDoc(rng, 2000)), joinDoc(genDoc(rng, 2000)))
}

// A whole 300 KB document on one line, with a few edits.
func BenchmarkComputeOneLongLine(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	a := genDoc(rng, 2000)
	m := mutate(rng, a, mutation{changes: 20})
	benchCompute(b, strings.Join(a, " "), strings.Join(m, " "))
}

// Ten times the realistic case: 3 MB, 20,000 paragraphs, 10 times the edits.
func BenchmarkComputeHuge(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	a := genDoc(rng, 20000)
	benchCompute(b, joinDoc(a), joinDoc(mutate(rng, a, mutation{200, 50, 50, 30, 20})))
}

// Every revision of a real document history in the corpus, in turn.
func BenchmarkComputeCorpus(b *testing.B) {
	dir := filepath.Join(corpustest.Dir(b, "versions"), "PayPal_-_Terms_of_Service")
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) < 2 {
		b.Fatalf("fewer than two versions in %s", dir)
	}
	var texts []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	b.SetBytes(int64(2 * size))
	b.ReportAllocs()
	for b.Loop() {
		for i := 1; i < len(texts); i++ {
			Compute(texts[i-1], texts[i])
		}
	}
	b.ReportMetric(float64(len(texts)-1), "diffs/op")
}

func BenchmarkWords(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	p := genParagraph(rng)
	q := editWords(rng, p, 3)
	b.ReportAllocs()
	for b.Loop() {
		Words(p, q)
	}
}
