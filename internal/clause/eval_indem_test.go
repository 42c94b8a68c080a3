package clause

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
)

// indemFloor is the lowest indemnification F1 accepted on the labelled
// versions, just under what the detector reaches.
const indemFloor = 0.93

// sentenceKey names a sentence by its normalised words, as
// testdata/indemnity-labels.tsv does.
func sentenceKey(s string) string {
	sum := sha256.Sum256([]byte(normalise(s)))
	return hex.EncodeToString(sum[:6])
}

// TestEvalIndemnification measures indemnification detection on one
// version of each real SaaS history, against labels read by hand
// (testdata/indemnity-labels.tsv) by the scheme of the corpus's
// consistent labels: a core sentence must be found, a part sentence may
// be, and a sentence detected but not labelled counts as a false
// positive (every candidate was labelled).
func TestEvalIndemnification(t *testing.T) {
	corpustest.Dir(t, "versions")
	f, err := os.Open(filepath.Join("testdata", "indemnity-labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type docKey struct{ dir, version string }
	labels := map[docKey]map[string]goldLabel{}
	var order []docKey
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 4 {
			t.Fatalf("bad label line %q", line)
		}
		l, ok := map[string]goldLabel{"core": goldCore, "part": goldPart, "no": goldNo}[cols[3]]
		if !ok {
			t.Fatalf("bad label %q in line %q", cols[3], line)
		}
		k := docKey{cols[0], cols[1]}
		if labels[k] == nil {
			labels[k] = map[string]goldLabel{}
			order = append(order, k)
		}
		labels[k][cols[2]] = l
	}
	var c prf
	verbose := os.Getenv("CLAUSE_EVAL_VERBOSE") == "indem"
	for _, k := range order {
		b, err := os.ReadFile(filepath.Join(versionsDir, k.dir, k.version+".md"))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		pred, seen := map[string]bool{}, map[string]bool{}
		for _, cl := range Analyze(text) {
			if cl.Type != "indemnification" {
				continue
			}
			for _, l := range splitLines(cl.Text) {
				for _, s := range l.sentences {
					pred[sentenceKey(cl.Text[s.start:s.end])] = true
				}
			}
		}
		for _, r := range scanSentences(text) {
			h := sentenceKey(r)
			if seen[h] {
				continue
			}
			seen[h] = true
			gold, labelled := labels[k][h]
			switch {
			case gold == goldPart:
			case pred[h] && gold == goldCore:
				c.tp++
			case pred[h]:
				c.fp++
				if verbose {
					t.Logf("FP %s %s %s labelled=%v %.160s", k.dir, k.version, h, labelled, r)
				}
			case gold == goldCore:
				c.fn++
				if verbose {
					t.Logf("FN %s %s %s %.160s", k.dir, k.version, h, r)
				}
			}
		}
		for h, gold := range labels[k] {
			if gold != goldNo && !seen[h] {
				t.Errorf("%s %s: labelled sentence %s not found: the segmenter or the corpus changed", k.dir, k.version, h)
			}
		}
	}
	t.Logf("indemnification, %d SaaS terms versions: %v", len(order), c)
	if _, _, f1 := c.scores(); f1 < indemFloor {
		t.Errorf("indemnification f1 = %.3f, want >= %.2f", f1, indemFloor)
	}
}

// scanSentences returns the text of every sentence of text, as Analyze
// splits it.
func scanSentences(text string) []string {
	var out []string
	for _, l := range splitLines(text) {
		for _, s := range l.sentences {
			out = append(out, text[s.start:s.end])
		}
	}
	return slices.Clip(out)
}
