package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/bench"
)

// BenchmarkCompareRewritten10MiB runs `toswatch compare` on two 10 MiB
// texts, the second a rewrite of the first from end to end (the target:
// 5 s and 300 MB).
func BenchmarkCompareRewritten10MiB(b *testing.B) {
	dir := b.TempDir()
	var files []string
	for i := range 2 {
		text, err := bench.Terms(uint64(i+1), 10<<20)
		if err != nil {
			b.Fatal(err)
		}
		name := filepath.Join(dir, []string{"old.md", "new.md"}[i])
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, name)
	}
	for _, format := range []string{"text", "json"} {
		b.Run(format, func(b *testing.B) {
			args := append([]string{"compare"}, files...)
			if format == "json" {
				args = append(args, "--json")
			}
			var costs []bench.Cost
			for b.Loop() {
				var code int
				costs = append(costs, bench.Measure(func() {
					code = Run(context.Background(), args, Env{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }})
				}))
				if code != 0 {
					b.Fatalf("compare exit %d", code)
				}
			}
			bench.ReportCosts(b, costs)
		})
	}
}
