package clause

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

const unfairTOSDir = "../../../shared/corpus/unfair-tos"

// evalFloors are the lowest liability F1 accepted per language, set just
// under what the detector reaches so that a regression fails the test.
var evalFloors = map[string]float64{"en": 0.72, "de": 0.63, "it": 0.67, "pl": 0.63}

type labelledSentence struct {
	Doc  string `json:"doc"`
	Line int    `json:"line"`
	Text string `json:"text"`
	LTD  int    `json:"ltd"`
}

// loadDocs reads a sentences-LANG.jsonl file grouped by document, in
// line order.
func loadDocs(t *testing.T, path string) (order []string, docs map[string][]labelledSentence) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	docs = map[string][]labelledSentence{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var s labelledSentence
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if _, ok := docs[s.Doc]; !ok {
			order = append(order, s.Doc)
		}
		docs[s.Doc] = append(docs[s.Doc], s)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return order, docs
}

// predictDoc runs Analyze on the whole document, one sentence per line as
// the corpus gives them, and reports which lines a liability clause
// covers. Running on the whole document mirrors real use: headings and
// neighbouring sentences are context.
func predictDoc(sents []labelledSentence) []bool {
	var b strings.Builder
	starts := make([]int, len(sents))
	for i, s := range sents {
		starts[i] = b.Len()
		b.WriteString(strings.ReplaceAll(s.Text, "\n", " "))
		b.WriteByte('\n')
	}
	pred := make([]bool, len(sents))
	for _, cl := range Analyze(b.String()) {
		if cl.Type != model.Liability {
			continue
		}
		for i := range sents {
			end := starts[i] + len(sents[i].Text)
			if starts[i] < cl.End && end > cl.Start {
				pred[i] = true
			}
		}
	}
	return pred
}

func TestEvalUnfairTOS(t *testing.T) {
	if _, err := os.Stat(unfairTOSDir); err != nil {
		t.Skipf("corpus %s absent: %v", unfairTOSDir, err)
	}
	for _, lang := range []string{"en", "de", "it", "pl"} {
		t.Run(lang, func(t *testing.T) {
			order, docs := loadDocs(t, filepath.Join(unfairTOSDir, "sentences-"+lang+".jsonl"))
			var tp, fp, fn int
			for _, d := range order {
				sents := docs[d]
				pred := predictDoc(sents)
				for i, s := range sents {
					gold := s.LTD > 0
					switch {
					case pred[i] && gold:
						tp++
					case pred[i]:
						fp++
						if os.Getenv("CLAUSE_EVAL_VERBOSE") != "" {
							t.Logf("FP %s:%d %.160s", d, s.Line, s.Text)
						}
					case gold:
						fn++
						if os.Getenv("CLAUSE_EVAL_VERBOSE") != "" {
							t.Logf("FN %s:%d %.160s", d, s.Line, s.Text)
						}
					}
				}
			}
			p := ratio(tp, tp+fp)
			r := ratio(tp, tp+fn)
			f1 := 0.0
			if p+r > 0 {
				f1 = 2 * p * r / (p + r)
			}
			t.Logf("liability %s: precision=%.3f recall=%.3f f1=%.3f (tp=%d fp=%d fn=%d)", lang, p, r, f1, tp, fp, fn)
			if f1 < evalFloors[lang] {
				t.Errorf("liability %s: f1 = %.3f, want >= %.2f", lang, f1, evalFloors[lang])
			}
		})
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
