package clause

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
	"github.com/toswatch/toswatch/internal/model"
)

// Clause detection is measured on the 100 terms of ../shared/corpus/unfair-tos
// (25 documents, each in English, German, Italian and Polish), against the
// labels of one written guideline (liability-gold.jsonl,
// indemnification-gold.jsonl). A corpus line is flagged when a clause span
// of that type overlaps it; a flagged core line is a true positive, an
// unflagged one a false negative, a flagged unlabelled line a false
// positive; part and heading lines count for neither. See
// docs/EVALUATION.md.

var unfairTOSDir = corpustest.Path("unfair-tos")

// frozenDocs are the documents of the frozen held-out split: every fifth
// name of the sorted list, fixed before any figure was read on the
// consistent labels. The shipped model is not trained on them, no tuning
// looks at them (CLAUSE_EVAL_VERBOSE lists no sentence of theirs), and
// their figure is reported apart. A document's four translations are in
// the same split.
var frozenDocs = map[string]bool{"Booking": true, "GooglePayments": true, "MyHeritage": true, "Revolut": true, "Weebly": true}

// cvFolds is the number of folds of the cross-validation; cvAssignments
// the number of fold assignments whose spread sets the floors.
const (
	cvFolds       = 5
	cvAssignments = 5
)

// goldLabel is a sentence's label in the consistent labels.
type goldLabel uint8

const (
	goldNo      goldLabel = iota // not listed: must not be flagged
	goldCore                     // must be flagged
	goldPart                     // may be flagged
	goldHeading                  // ignored
)

type labelledSentence struct {
	Doc  string `json:"doc"`
	Line int    `json:"line"`
	Text string `json:"text"`
	LTD  int    `json:"ltd"`
}

// corpusDoc is one labelled document, one sentence per line as the corpus
// gives them.
type corpusDoc struct {
	lang, name  string
	sents       []labelledSentence
	text        string
	starts      []int       // byte offset of each sentence's line in text
	liab, indem []goldLabel // consistent labels, by sentence
	ltd         []goldLabel // the lawyers' tags, as labels
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

// loadGold reads a consistent-labels file: label by language, document
// and line.
func loadGold(t testing.TB, name string) map[string]goldLabel {
	t.Helper()
	f, err := os.Open(filepath.Join(unfairTOSDir, name))
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	out := map[string]goldLabel{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g struct {
			Doc, Lang, Label string
			Line             int
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		l, ok := map[string]goldLabel{"core": goldCore, "part": goldPart, "heading": goldHeading}[g.Label]
		if !ok {
			t.Fatalf("%s: unknown label %q", name, g.Label)
		}
		out[goldKey(g.Lang, g.Doc, g.Line)] = l
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return out
}

func goldKey(lang, doc string, line int) string { return fmt.Sprintf("%s/%s/%d", lang, doc, line) }

// docText joins a document's sentences one per line.
func docText(sents []labelledSentence) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(sents))
	for i, s := range sents {
		starts[i] = b.Len()
		b.WriteString(strings.ReplaceAll(s.Text, "\n", " "))
		b.WriteByte('\n')
	}
	return b.String(), starts
}

// loadCorpus reads every training language with its labels, documents
// in sorted order; it skips the test when the corpus is absent.
func loadCorpus(t testing.TB) []corpusDoc {
	t.Helper()
	corpustest.Dir(t, "unfair-tos")
	liab, indem := loadGold(t, "liability-gold.jsonl"), loadGold(t, "indemnification-gold.jsonl")
	var out []corpusDoc
	for _, lang := range trainLangs {
		_, docs := loadDocs(t, filepath.Join(unfairTOSDir, "sentences-"+lang+".jsonl"))
		for _, name := range slices.Sorted(maps.Keys(docs)) {
			d := corpusDoc{lang: lang, name: name, sents: docs[name]}
			d.text, d.starts = docText(d.sents)
			for _, s := range d.sents {
				d.liab = append(d.liab, liab[goldKey(lang, name, s.Line)])
				d.indem = append(d.indem, indem[goldKey(lang, name, s.Line)])
				d.ltd = append(d.ltd, map[bool]goldLabel{true: goldCore, false: goldNo}[s.LTD > 0])
			}
			out = append(out, d)
		}
	}
	return out
}

// flagged returns, for each line of d, whether a clause of type typ
// overlaps it.
func flagged(d corpusDoc, cls []model.Clause, typ string) []bool {
	pred := make([]bool, len(d.sents))
	for _, cl := range cls {
		if cl.Type != typ {
			continue
		}
		for i := range d.sents {
			if end := d.starts[i] + len(d.sents[i].Text); d.starts[i] < cl.End && end > cl.Start {
				pred[i] = true
			}
		}
	}
	return pred
}

// prf counts a detector's hits on labelled lines.
type prf struct{ tp, fp, fn int }

// add counts the lines of d. Lines of frozen documents are never listed,
// so that no tuning looks at them.
func (c *prf) add(t *testing.T, d corpusDoc, pred []bool, gold []goldLabel, what string) {
	verbose := what != "" && os.Getenv("CLAUSE_EVAL_VERBOSE") == what && !frozenDocs[d.name]
	for i, s := range d.sents {
		switch {
		case gold[i] == goldCore && pred[i]:
			c.tp++
		case gold[i] == goldCore:
			c.fn++
			if verbose {
				t.Logf("FN %s %s:%d %.200s", d.lang, d.name, s.Line, s.Text)
			}
		case gold[i] == goldNo && pred[i]:
			c.fp++
			if verbose {
				t.Logf("FP %s %s:%d %.200s", d.lang, d.name, s.Line, s.Text)
			}
		}
	}
}

func (c *prf) plus(o prf) { c.tp, c.fp, c.fn = c.tp+o.tp, c.fp+o.fp, c.fn+o.fn }

func (c prf) scores() (p, r, f1 float64) {
	p, r = ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn)
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

func (c prf) f1() float64 { _, _, f := c.scores(); return f }

func (c prf) String() string {
	p, r, f1 := c.scores()
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (positives %d; tp %d fp %d fn %d)", p, r, f1, c.tp+c.fn, c.tp, c.fp, c.fn)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// byLang holds counts by language, "all" pooling them.
type byLang map[string]*prf

func newByLang() byLang {
	m := byLang{"all": &prf{}}
	for _, l := range trainLangs {
		m[l] = &prf{}
	}
	return m
}

func (m byLang) add(t *testing.T, d corpusDoc, pred []bool, gold []goldLabel, what string) {
	var c prf
	c.add(t, d, pred, gold, what)
	m[d.lang].plus(c)
	m["all"].plus(c)
}

// evalLangs are the rows of every figure.
var evalLangs = append(slices.Clone(trainLangs), "all")

// scannedDoc is a corpus document after the rules: what training and
// cross-validation reuse.
type scannedDoc struct {
	corpusDoc
	recs     []sentenceRec
	lang     string    // as Analyze detects it
	exs      []example // liability examples
	exsIndem []example
}

func scanCorpus(docs []corpusDoc) []scannedDoc {
	out := make([]scannedDoc, len(docs))
	for i, d := range docs {
		recs, lang := ruleScan(d.text, nil)
		out[i] = scannedDoc{corpusDoc: d, recs: recs, lang: lang,
			exs: examplesOf(d, recs, model.Liability), exsIndem: examplesOf(d, recs, model.Indemnification)}
	}
	return out
}

// predict runs detection with model lm on a scanned document (what
// Analyze does, without scanning again).
func (d scannedDoc) predict(lm *learnedModels) (liab, indem []bool) {
	sc := scanned{text: d.text, recs: d.recs}
	sc.liab, sc.indem = decide(d.text, d.recs, d.lang, lm)
	cls := sc.clauses(nil)
	return flagged(d.corpusDoc, cls, model.Liability), flagged(d.corpusDoc, cls, model.Indemnification)
}

// split returns the documents of the training split (frozen false) or of
// the frozen split.
func split(docs []scannedDoc, frozen bool) []scannedDoc {
	var out []scannedDoc
	for _, d := range docs {
		if frozenDocs[d.name] == frozen {
			out = append(out, d)
		}
	}
	return out
}

// crossValidate trains on all folds but one and tests on that one, in
// turn, over the training split; folds are by document name, so that no
// translation of a held-out document is trained on. Assignment 0 deals
// the sorted names in turn, any other shuffles them with that seed first.
func crossValidate(t *testing.T, docs []scannedDoc, cfg, cfgIndem trainConfig, assignment uint64) (liab, indem byLang) {
	order := slices.Sorted(maps.Keys(names(docs)))
	if assignment > 0 {
		r := rand.New(rand.NewPCG(assignment, 7))
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	fold := map[string]int{}
	for i, n := range order {
		fold[n] = i % cvFolds
	}
	liab, indem = newByLang(), newByLang()
	for k := range cvFolds {
		var train, trainIndem []*example
		for i := range docs {
			if fold[docs[i].name] != k {
				train, trainIndem = appendExamples(train, docs[i].exs), appendExamples(trainIndem, docs[i].exsIndem)
			}
		}
		lm := &learnedModels{liab: trainModel(train, trainLangs, cfg), indem: trainModel(trainIndem, trainLangs, cfgIndem)}
		for _, d := range docs {
			if fold[d.name] == k {
				pl, pi := d.predict(lm)
				if assignment == 0 { // list the errors of one assignment only
					liab.add(t, d.corpusDoc, pl, d.liab, "liability")
					indem.add(t, d.corpusDoc, pi, d.indem, "indemnification")
				} else {
					liab.add(t, d.corpusDoc, pl, d.liab, "")
					indem.add(t, d.corpusDoc, pi, d.indem, "")
				}
			}
		}
	}
	return liab, indem
}

func names(docs []scannedDoc) map[string]bool {
	out := map[string]bool{}
	for _, d := range docs {
		out[d.name] = true
	}
	return out
}

// spread is the mean and sample standard deviation of F1 over fold
// assignments.
type spread struct{ mean, sd float64 }

func spreadOf(f1s []float64) spread {
	var s spread
	for _, f := range f1s {
		s.mean += f / float64(len(f1s))
	}
	for _, f := range f1s {
		s.sd += (f - s.mean) * (f - s.mean)
	}
	if len(f1s) > 1 {
		s.sd = math.Sqrt(s.sd / float64(len(f1s)-1))
	}
	return s
}

// cvFloors are the lowest cross-validated F1 accepted, by clause type and
// language: the mean minus two standard deviations over the fold
// assignments when they were set (docs/EVALUATION.md), only ever raised.
var cvFloors = map[string]map[string]float64{
	model.Liability:       {"en": 0.857, "de": 0.824, "it": 0.833, "pl": 0.801, "all": 0.834},
	model.Indemnification: {"en": 0.979, "de": 0.900, "it": 0.925, "pl": 0.853, "all": 0.918},
}

// TestEvalUnfairTOS measures liability and indemnification detection
// against the consistent labels: cross-validated by document over the
// training split (several fold assignments: mean, spread, floors), and the
// shipped model on the frozen split. The lawyers' ltd tags are reported
// beside, as the anchor figure, without a floor: they disagree across
// documents on identical wording, and a perfect model of the consistent
// labels scores about .70 on them.
func TestEvalUnfairTOS(t *testing.T) {
	docs := scanCorpus(loadCorpus(t))
	train, frozen := split(docs, false), split(docs, true)

	rules, anchor := newByLang(), newByLang()
	for _, d := range train {
		pl, _ := d.predict(nil)
		rules.add(t, d.corpusDoc, pl, d.liab, "rules")
	}
	for _, d := range docs {
		pl, _ := d.predict(shippedModel())
		anchor.add(t, d.corpusDoc, pl, d.ltd, "ltd")
	}
	held := map[string]byLang{model.Liability: newByLang(), model.Indemnification: newByLang()}
	for _, d := range frozen {
		pl, pi := d.predict(shippedModel())
		held[model.Liability].add(t, d.corpusDoc, pl, d.liab, "")
		held[model.Indemnification].add(t, d.corpusDoc, pi, d.indem, "")
	}

	assignments := cvAssignments
	f1s := map[string]map[string][]float64{model.Liability: {}, model.Indemnification: {}}
	var first map[string]byLang
	for a := range assignments {
		liab, indem := crossValidate(t, train, shippedConfig, shippedIndemConfig, uint64(a))
		if a == 0 {
			first = map[string]byLang{model.Liability: liab, model.Indemnification: indem}
		}
		for _, l := range evalLangs {
			f1s[model.Liability][l] = append(f1s[model.Liability][l], liab[l].f1())
			f1s[model.Indemnification][l] = append(f1s[model.Indemnification][l], indem[l].f1())
		}
	}
	for _, typ := range []string{model.Liability, model.Indemnification} {
		for _, l := range evalLangs {
			s := spreadOf(f1s[typ][l])
			t.Logf("%s %-3s CV by document, assignment 0: %v", typ, l, first[typ][l])
			t.Logf("%s %-3s CV F1 over %d fold assignments: mean %.3f sd %.3f (mean-2sd %.3f)", typ, l, assignments, s.mean, s.sd, s.mean-2*s.sd)
			t.Logf("%s %-3s frozen split, shipped model: %v", typ, l, held[typ][l])
			if floor, ok := cvFloors[typ][l]; ok && s.mean < floor {
				t.Errorf("%s %s: cross-validated mean F1 = %.3f, want >= %.3f", typ, l, s.mean, floor)
			}
		}
	}
	for _, l := range evalLangs {
		t.Logf("liability %-3s rules only, training split: %v", l, rules[l])
		t.Logf("liability %-3s anchor: shipped model against the lawyers' ltd tags, all documents: %v", l, anchor[l])
	}
}
