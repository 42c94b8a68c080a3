package clause

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

const unfairTOSDir = "../../../shared/corpus/unfair-tos"

// cvFolds is the number of folds of the cross-validation.
const cvFolds = 5

type labelledSentence struct {
	Doc  string `json:"doc"`
	Line int    `json:"line"`
	Text string `json:"text"`
	LTD  int    `json:"ltd"`
}

// loadDocs reads a sentences-LANG.jsonl file grouped by document, in
// line order.
func loadDocs(t testing.TB, path string) (order []string, docs map[string][]labelledSentence) {
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

// predictDoc runs analyze with model lm on the whole document, one
// sentence per line as the corpus gives them, and reports which lines a
// liability clause covers. Running on the whole document mirrors real
// use: headings and neighbouring sentences are context.
func predictDoc(d corpusDoc, lm *linearModel) []bool {
	pred := make([]bool, len(d.sents))
	for _, cl := range analyze(d.text, lm) {
		if cl.Type != model.Liability {
			continue
		}
		for i := range d.sents {
			end := d.starts[i] + len(d.sents[i].Text)
			if d.starts[i] < cl.End && end > cl.Start {
				pred[i] = true
			}
		}
	}
	return pred
}

// prf counts a detector's hits on labelled lines.
type prf struct{ tp, fp, fn int }

func (c *prf) add(t *testing.T, d corpusDoc, pred []bool, what string) {
	verbose := os.Getenv("CLAUSE_EVAL_VERBOSE") == what
	for i, s := range d.sents {
		gold := s.LTD > 0
		switch {
		case pred[i] && gold:
			c.tp++
		case pred[i]:
			c.fp++
			if verbose {
				t.Logf("FP %s %s:%d %.200s", d.lang, d.name, s.Line, s.Text)
			}
		case gold:
			c.fn++
			if verbose {
				t.Logf("FN %s %s:%d %.200s", d.lang, d.name, s.Line, s.Text)
			}
		}
	}
}

func (c prf) scores() (p, r, f1 float64) {
	p, r = ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn)
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

func (c prf) String() string {
	p, r, f1 := c.scores()
	return fmt.Sprintf("precision=%.3f recall=%.3f f1=%.3f (tp=%d fp=%d fn=%d)", p, r, f1, c.tp, c.fp, c.fn)
}

// TestEvalUnfairTOS measures liability detection against the lawyers'
// labels (the ltd tags), for report only: those tags disagree across
// documents on identical wording, and a perfect model of consistent labels
// scores about .70 on them, so no floor is set on them. Three ways: the rules alone, the model cross-validated by
// document (folds by document name, so that no translation of a held-out
// document is trained on), and the shipped model on the whole corpus.
func TestEvalUnfairTOS(t *testing.T) {
	docs := loadCorpus(t)
	rules, cv, full := map[string]*prf{}, map[string]*prf{}, map[string]*prf{}
	for _, l := range trainLangs {
		rules[l], cv[l], full[l] = &prf{}, &prf{}, &prf{}
	}
	exs := make([][]example, len(docs))
	for i, d := range docs {
		exs[i] = examplesOf(d)
		rules[d.lang].add(t, d, predictDoc(d, nil), "rules")
		full[d.lang].add(t, d, predictDoc(d, shippedModel()), "full")
	}
	if !testing.Short() {
		cv = crossValidate(t, docs, exs, shippedConfig, 0)
		// One fold assignment and one training order are one sample:
		// the figure moves by ±0.02 between samples. The mean over
		// several is the steadier estimate.
		mean := map[string]float64{}
		const assignments, orders = 3, 2
		for a := range assignments {
			for o := range orders {
				cfg := shippedConfig
				cfg.seed = uint64(1 + 4*o)
				for l, c := range crossValidate(t, docs, exs, cfg, uint64(a)) {
					_, _, f1 := c.scores()
					mean[l] += f1 / (assignments * orders)
				}
			}
		}
		for _, l := range trainLangs {
			t.Logf("liability %s model, mean F1 over %d fold assignments × %d training orders: %.3f", l, assignments, orders, mean[l])
		}
	}
	for _, l := range trainLangs {
		t.Logf("liability %s rules only:              %v", l, rules[l])
		t.Logf("liability %s shipped model, full corpus (optimistic, trained on it): %v", l, full[l])
		if !testing.Short() {
			t.Logf("liability %s model, %d-fold CV by document: %v", l, cvFolds, cv[l])
		}
	}
}

// crossValidate trains on all folds but one and tests on that one, in
// turn; folds are by document name, so that no translation of a held-out
// document is trained on. Assignment 0 deals the names in sorted order,
// any other shuffles them with that seed first.
func crossValidate(t *testing.T, docs []corpusDoc, exs [][]example, cfg trainConfig, assignment uint64) map[string]*prf {
	set := map[string]bool{}
	for _, d := range docs {
		set[d.name] = true
	}
	order := slices.Sorted(maps.Keys(set))
	if assignment > 0 {
		r := rand.New(rand.NewPCG(assignment, 7))
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	names := map[string]int{}
	for i, n := range order {
		names[n] = i % cvFolds
	}
	out := map[string]*prf{}
	for _, l := range trainLangs {
		out[l] = &prf{}
	}
	for fold := range cvFolds {
		var train []*example
		for i, d := range docs {
			if names[d.name] != fold {
				for j := range exs[i] {
					train = append(train, &exs[i][j])
				}
			}
		}
		lm := trainModel(train, trainLangs, cfg)
		for i, d := range docs {
			if names[d.name] != fold {
				continue
			}
			pred := make([]bool, len(d.sents))
			for _, ex := range exs[i] {
				if ex.open && lm.score(ex.feats) > 0 {
					pred[ex.line] = true
				}
			}
			out[d.lang].add(t, d, pred, "cv")
		}
	}
	return out
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
