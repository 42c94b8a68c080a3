package bench

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/extract"
)

// microText is the size of the texts diff.Compute and clause.Analyze are
// timed on.
const microText = 300 << 10

// microRuns is how many times each is run; the median is reported.
const microRuns = 7

// micro times diff.Compute on two versions of a 300 KB document (a few
// sentences edited), clause.Analyze on one and clause.Compare on both, and
// returns the medians in milliseconds and the text size. The texts are
// what the extractor makes of generated pages (dense ones with dense), so
// they have the pipeline's real shape.
func micro(seed int64, dense bool) (diffMS, analyzeMS, compareMS float64, size int, err error) {
	old, new, err := microPair(seed, dense)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	diffMS = median(func() { diff.Compute(old, new) })
	analyzeMS = median(func() { clause.Analyze(new) })
	compareMS = median(func() { clause.Compare(old, new) })
	return diffMS, analyzeMS, compareMS, len(old), nil
}

// microPair returns the texts micro times: a generated page's text of
// 300 KB to within 5%, and the same with a few sentences edited.
func microPair(seed int64, dense bool) (old, new string, err error) {
	rng := rand.New(rand.NewPCG(uint64(seed), 11))
	seed2 := rng.Uint64()
	target := microText * 2
	for try := 0; ; try++ {
		// The text is about a fixed share of the page: scale the page
		// until the text is 300 KB to within 5%.
		p := newPage(0, 0, "Microbench", seed2, target, dense)
		if old, err = textOf(p); err != nil {
			return "", "", err
		}
		if try < 5 && (len(old) < microText || len(old) > microText*21/20) {
			target = int(float64(target) * float64(microText) * 1.02 / float64(len(old)))
			continue
		}
		for i := 0; i < 5; i++ {
			p.edit(rng)
		}
		new, err = textOf(p)
		return old, new, err
	}
}

func textOf(p *page) (string, error) {
	text, err := extract.HTML(p.html(nil), extract.Options{BaseURL: "http://127.0.0.1" + p.path})
	if err != nil {
		return "", fmt.Errorf("bench: extracting a generated page: %w", err)
	}
	return text, nil
}

func median(f func()) float64 {
	ms := make([]float64, microRuns)
	for i := range ms {
		start := time.Now()
		f()
		ms[i] = float64(time.Since(start)) / float64(time.Millisecond)
	}
	slices.Sort(ms)
	return ms[len(ms)/2]
}

// Terms returns about size bytes of generated terms text, as the extractor
// makes of generated pages: the texts of pages of 300 KB one after the
// other, each with its liability and indemnification sections. Another
// seed gives an unrelated text: a document rewritten from end to end.
func Terms(seed uint64, size int) (string, error) {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		text, err := textOf(newPage(i, 0, vendorName(rand.New(rand.NewPCG(seed, uint64(i)))), seed*1_000_003+uint64(i), 2*microText, false))
		if err != nil {
			return "", err
		}
		b.WriteString(text)
		b.WriteString("\n")
	}
	return b.String(), nil
}
