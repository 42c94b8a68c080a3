package clause

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The liability model is trained here, from the lawyer-labelled sentences
// of ../shared/corpus/unfair-tos, and written to weights_gen.go:
//
//	go test ./internal/clause -run '^TestTrainWeights$' -train
var trainFlag = flag.Bool("train", false, "train the liability model on the unfair-tos corpus and rewrite weights_gen.go")

// trainConfig holds the training settings.
type trainConfig struct {
	epochs    int
	posWeight float64 // a missed limitation costs more than a false one: positives are rare
	margin    float64
	cut       float64 // decision threshold on the score
	seed      uint64  // of the shuffling between epochs; 0 is 1
}

// shippedConfig was chosen by the cross-validated F1 of TestEvalUnfairTOS.
var shippedConfig = trainConfig{epochs: 4, posWeight: 2.5, margin: 0.5}

var trainLangs = []string{"en", "de", "it", "pl"}

// corpusDoc is one labelled document, laid out as predictDoc lays it out.
type corpusDoc struct {
	lang, name string
	sents      []labelledSentence
	text       string
	starts     []int // byte offset of each sentence's line in text
}

// example is one candidate sentence with its features and label.
type example struct {
	feats []uint32
	label bool
	line  int  // index into corpusDoc.sents
	open  bool // the model's call decides (see decide): otherwise the sentence is no limitation
}

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

// loadCorpus reads every training language; it skips the test when the
// corpus is absent.
func loadCorpus(t testing.TB) []corpusDoc {
	t.Helper()
	if _, err := os.Stat(unfairTOSDir); err != nil {
		t.Skipf("corpus %s absent: %v", unfairTOSDir, err)
	}
	var out []corpusDoc
	for _, lang := range trainLangs {
		order, docs := loadDocs(t, filepath.Join(unfairTOSDir, "sentences-"+lang+".jsonl"))
		for _, name := range order {
			d := corpusDoc{lang: lang, name: name, sents: docs[name]}
			d.text, d.starts = docText(d.sents)
			out = append(out, d)
		}
	}
	return out
}

// examplesOf runs the rules over a document and returns its candidate
// sentences with features, labelled by the line they fall in.
func examplesOf(d corpusDoc) []example {
	recs, lang := ruleScan(d.text)
	if lang != d.lang {
		// The model is keyed by the detected language, as Analyze will
		// see it; the corpus language is the truth.
		lang = d.lang
	}
	var fb featureBuf
	var out []example
	for i := range recs {
		if !candidate(recs, i) {
			continue
		}
		fb.extract(d.text, recs, i, lang)
		line := sort.SearchInts(d.starts, recs[i].start+1) - 1
		out = append(out, example{feats: slices.Clone(fb.idx), label: d.sents[line].LTD > 0, line: line,
			open: recs[i].ruleLiab || recs[i].speaksLiab})
	}
	return out
}

// trainModel fits an averaged perceptron: cheap enough to run once per
// cross-validation fold inside a test.
func trainModel(exs []*example, langs []string, cfg trainConfig) *linearModel {
	return quantize(trainPerceptron(exs, langs, cfg))
}

// quantLevels is the largest weight magnitude of the shipped table: small
// integers keep weights_gen.go short, and rounding the smallest weights
// to zero drops them from it. Cross-validation measures the quantised
// model, as shipped.
const quantLevels = 127

// quantize rounds a model's weights to multiples of max|w|/quantLevels.
func quantize(lm *linearModel) *linearModel {
	var maxAbs float64
	for _, v := range lm.w {
		maxAbs = max(maxAbs, math.Abs(float64(v)))
	}
	if maxAbs == 0 {
		return lm
	}
	lm.scale = quantLevels / maxAbs
	for i, v := range lm.w {
		lm.w[i] = float32(math.Round(float64(v)*lm.scale) / lm.scale)
	}
	return lm
}

func trainPerceptron(exs []*example, langs []string, cfg trainConfig) *linearModel {
	n := 1 << tableBits
	w := make([]float64, n)
	u := make([]float64, n) // step-weighted sum of updates, for averaging
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	seed := max(cfg.seed, 1)
	rng := rand.New(rand.NewPCG(seed, seed+1))
	c := 1.0
	for range cfg.epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := exs[k]
			var s float64
			for _, f := range ex.feats {
				s += w[f]
			}
			y, eta := -1.0, 1.0
			if ex.label {
				y, eta = 1, cfg.posWeight
			}
			if y*s <= cfg.margin {
				for _, f := range ex.feats {
					w[f] += y * eta
					u[f] += c * y * eta
				}
			}
			c++
		}
	}
	lm := &linearModel{w: make([]float32, n), langs: map[string]bool{}}
	for i := range w {
		lm.w[i] = float32(w[i] - u[i]/c)
	}
	for _, l := range langs {
		lm.langs[l] = true
	}
	lm.cut = float32(cfg.cut)
	return lm
}

// TestTrainWeights trains the shipped model on the whole corpus and writes
// weights_gen.go. It runs only with -train.
func TestTrainWeights(t *testing.T) {
	if !*trainFlag {
		t.Skip("run with -train to retrain the liability model")
	}
	docs := loadCorpus(t)
	var exs []*example
	for _, d := range docs {
		for _, ex := range examplesOf(d) {
			exs = append(exs, &ex)
		}
	}
	lm := trainModel(exs, trainLangs, shippedConfig)
	src, err := weightsSource(lm, trainLangs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("weights_gen.go", src, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("trained on %d candidate sentences; wrote weights_gen.go (%d bytes)", len(exs), len(src))
}

// weightsSource renders a quantised model as Go source: int8 weights
// with their scale.
func weightsSource(lm *linearModel, langs []string) ([]byte, error) {
	scale := lm.scale
	var b bytes.Buffer
	b.WriteString("// Code generated by go test -run TestTrainWeights -train; DO NOT EDIT.\n\n")
	b.WriteString("package clause\n\n")
	fmt.Fprintf(&b, "const (\n\tgenScale = %g\n\tgenCut = %g\n\tgenLangs = %q\n)\n\n", scale, lm.cut, strings.Join(langs, ","))
	b.WriteString("var genWeights = [1 << tableBits]int8{")
	for i, v := range lm.w {
		if i%24 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d,", int(math.Round(float64(v)*scale)))
	}
	b.WriteString("\n}\n")
	return format.Source(b.Bytes())
}
