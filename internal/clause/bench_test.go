package clause

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchText returns a real terms document of about size bytes from the
// versions corpus, or a synthetic one when the corpus is absent.
func benchText(b *testing.B, size int) string {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(versionsDir, "*", "*.md"))
	var sb strings.Builder
	for _, f := range files {
		if sb.Len() >= size {
			break
		}
		data, err := os.ReadFile(f)
		if err == nil {
			sb.Write(data)
			sb.WriteByte('\n')
		}
	}
	if sb.Len() == 0 {
		for sb.Len() < size {
			sb.WriteString(docHead + capHigh + indem + tail)
		}
	}
	s := sb.String()
	if len(s) > size {
		s = s[:size]
	}
	return s
}

func BenchmarkAnalyze100KB(b *testing.B) {
	text := benchText(b, 100<<10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Analyze(text)
	}
}

func BenchmarkAnalyze300KB(b *testing.B) {
	text := benchText(b, 300<<10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Analyze(text)
	}
}

func BenchmarkCompare300KB(b *testing.B) {
	old := benchText(b, 300<<10)
	nw := strings.Replace(old, "liable", "responsible", 3)
	b.SetBytes(int64(len(old)))
	for b.Loop() {
		Compare(old, nw)
	}
}
