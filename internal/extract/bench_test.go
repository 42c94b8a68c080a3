package extract

import (
	"slices"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
)

// BenchmarkHTML measures one extraction of a project page, so that the
// benchmark runs everywhere.
func BenchmarkHTML(b *testing.B) {
	body := readPage(b, "terms-v1.html")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := HTML(body, Options{Select: []string{".terms"}, BaseURL: goldenBase}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpus measures extraction of the last capture of each real
// replay sequence (110–240 KB pages), with selectors and without. With
// selectors it takes the last capture they are expected to match: the
// captures of expected_failed_at (a redesigned site) fail by design.
func BenchmarkCorpus(b *testing.B) {
	for _, m := range corpustest.Replays(b) {
		for _, mode := range []struct {
			name string
			opts Options
			skip []string // fetched_at of the captures not to measure
		}{
			{"select", Options{Select: corpustest.Selectors(m.Select), Remove: corpustest.Selectors(m.Remove), BaseURL: m.URL}, m.ExpectedFailedAt},
			{"auto", Options{BaseURL: m.URL}, nil},
		} {
			i := len(m.Snapshots) - 1
			for i >= 0 && slices.Contains(mode.skip, m.Snapshots[i].FetchedAt) {
				i--
			}
			if i < 0 {
				continue // every capture is expected to fail
			}
			body, err := m.Snapshot(i)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(m.Service+"/"+mode.name, func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if _, err := HTML(body, mode.opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
