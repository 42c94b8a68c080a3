package extract

import (
	"path/filepath"
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
// replay sequence (110–240 KB pages), with selectors and without.
func BenchmarkCorpus(b *testing.B) {
	for _, m := range corpustest.Replays(b) {
		body, err := readGzip(filepath.Join(m.Dir, m.Snapshots[len(m.Snapshots)-1].File))
		if err != nil {
			b.Fatal(err)
		}
		for _, mode := range []struct {
			name string
			opts Options
		}{
			{"select", Options{Select: corpustest.Selectors(m.Select), Remove: corpustest.Selectors(m.Remove), BaseURL: m.URL}},
			{"auto", Options{BaseURL: m.URL}},
		} {
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
