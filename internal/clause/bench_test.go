package clause

import (
	"fmt"
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

// denseText returns about size bytes of terms whose every sentence is
// dense with legal vocabulary (liability, damages, limitation, claims,
// indemnify …): the worst case for the detector, whose cues then fire on
// every sentence. Deterministic, so that runs compare.
func denseText(size int) string {
	subjects := []string{"Acme", "The Company", "Our total liability", "Neither party", "You", "The indemnified parties", "Each party's aggregate liability"}
	verbs := []string{"shall not be liable for", "will indemnify, defend and hold harmless the other from", "disclaims all responsibility for",
		"limits its liability for", "releases all claims for", "is responsible for", "shall not exceed the fees paid for"}
	objects := []string{"any indirect, incidental or consequential damages", "loss of profits, revenue or data", "claims arising out of your use of the Service",
		"third-party claims of infringement", "damages beyond the limitation of liability in section 9", "losses caused by force majeure"}
	tails := []string{"to the maximum extent permitted by law", "except for gross negligence or wilful misconduct", "even if advised of the possibility of such damages",
		"whether in contract, tort or otherwise", "in the twelve (12) months before the claim", "subject to the limitations above"}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		if i%40 == 0 {
			fmt.Fprintf(&b, "\n## %d. Limitation of liability and indemnification\n\n", i/40+1)
		}
		fmt.Fprintf(&b, "%s %s %s, %s.", subjects[i%len(subjects)], verbs[(i/3)%len(verbs)], objects[(i/7)%len(objects)], tails[(i/11)%len(tails)])
		if i%4 == 3 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()[:size]
}

func BenchmarkAnalyzeDense300KB(b *testing.B) {
	text := denseText(300 << 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Analyze(text)
	}
}

func BenchmarkCompareDense300KB(b *testing.B) {
	old := denseText(300 << 10)
	nw := strings.Replace(old, "twelve (12) months", "six (6) months", 5)
	b.SetBytes(int64(len(old)))
	for b.Loop() {
		Compare(old, nw)
	}
}
