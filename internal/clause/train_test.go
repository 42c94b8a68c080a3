package clause

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// The liability and indemnification models are trained here, from the
// consistently labelled sentences of ../shared/corpus/unfair-tos
// (liability-gold.jsonl, indemnification-gold.jsonl), and
// written to weights_gen.go by
//
//	go generate ./internal/clause
var trainFlag = flag.Bool("train", false, "train the clause models on the unfair-tos corpus and rewrite weights_gen.go")

// trainConfig holds the training settings.
type trainConfig struct {
	epochs    int
	posWeight float64 // a missed limitation costs more than a false one: positives are rare
	margin    float64
	cut       float64 // decision threshold on the score
	seed      uint64  // of the shuffling between epochs; 0 is 1
	bags      int     // perceptrons averaged, each shuffling with its own seed (seed, seed+1, …); 0 is 1
}

// shippedConfig and shippedIndemConfig were chosen by the
// cross-validated F1 of TestEvalUnfairTOS.
var (
	shippedConfig      = trainConfig{epochs: 4, posWeight: 2.5, margin: 0.5, bags: 5}
	shippedIndemConfig = trainConfig{epochs: 4, posWeight: 2.5, margin: 0.5, bags: 5}
)

var trainLangs = []string{"en", "de", "it", "pl"}

// example is one candidate sentence with its features and label.
type example struct {
	feats []uint32
	label bool
	line  int  // index into corpusDoc.sents
	open  bool // the model's call decides (see decide): otherwise the sentence is no limitation
}

// examplesOf returns the candidate sentences of a document for clause
// type typ with their features, labelled by the consistent labels of the
// line they fall in; part and heading lines, which may be flagged or not,
// are left out.
func examplesOf(d corpusDoc, recs []sentenceRec, typ string) []example {
	var fb featureBuf
	var out []example
	gold := d.liab
	if typ == model.Indemnification {
		gold = d.indem
	}
	for i := range recs {
		r := &recs[i]
		if typ == model.Liability && (!candidate(recs, i) || r.attached()) ||
			typ == model.Indemnification && (!indemCandidate(recs, i) || r.attachedIndem()) {
			continue
		}
		line := sort.SearchInts(d.starts, r.start+1) - 1
		if gold[line] != goldCore && gold[line] != goldNo {
			continue
		}
		// The model is keyed by the detected language, as Analyze will
		// see it; the corpus language is the truth.
		open := true
		if typ == model.Liability {
			fb.extract(d.text, recs, i, d.lang)
			open = r.ruleLiab || r.speaksLiab
		} else {
			fb.extractIndem(d.text, recs, i, d.lang)
		}
		out = append(out, example{feats: slices.Clone(fb.idx), label: gold[line] == goldCore, line: line, open: open})
	}
	return out
}

// trainModel fits cfg.bags averaged perceptrons, each visiting the
// examples in its own order, and averages them into one table: a single
// perceptron's weights depend on the order it met the examples in, and
// the average of several is steadier (cross-validated F1 up .006 for
// liability, .008 for indemnification, with 5). Cheap enough to run once
// per cross-validation fold inside a test.
func trainModel(exs []*example, langs []string, cfg trainConfig) *linearModel {
	bags := max(cfg.bags, 1)
	sum := make([]float64, 1<<tableBits)
	for j := range bags {
		c := cfg
		c.seed = max(cfg.seed, 1) + uint64(j)
		for i, v := range trainPerceptron(exs, c) {
			sum[i] += v
		}
	}
	lm := &linearModel{w: make([]float32, len(sum)), langs: map[string]bool{}, cut: float32(cfg.cut)}
	for i, v := range sum {
		lm.w[i] = float32(v / float64(bags))
	}
	for _, l := range langs {
		lm.langs[l] = true
	}
	return quantize(lm)
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

// trainPerceptron returns the weights of an averaged perceptron.
func trainPerceptron(exs []*example, cfg trainConfig) []float64 {
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
				if f&wordFlag != 0 {
					s += w[f&^wordFlag] * wordScale
				} else {
					s += w[f]
				}
			}
			y, eta := -1.0, 1.0
			if ex.label {
				y, eta = 1, cfg.posWeight
			}
			if y*s <= cfg.margin {
				for _, f := range ex.feats {
					v := 1.0
					if f&wordFlag != 0 {
						f, v = f&^wordFlag, wordScale
					}
					w[f] += y * eta * v
					u[f] += c * y * eta * v
				}
			}
			c++
		}
	}
	for i := range w {
		w[i] -= u[i] / c
	}
	return w
}

// shippedModels trains the shipped models on the training split (the
// frozen split is held out).
func shippedModels(t testing.TB) (*learnedModels, int) {
	var liab, indem []*example
	for _, d := range scanCorpus(loadCorpus(t)) {
		if frozenDocs[d.name] {
			continue
		}
		liab, indem = appendExamples(liab, d.exs), appendExamples(indem, d.exsIndem)
	}
	return &learnedModels{
		liab:  trainModel(liab, trainLangs, shippedConfig),
		indem: trainModel(indem, trainLangs, shippedIndemConfig),
	}, len(liab) + len(indem)
}

func appendExamples(to []*example, exs []example) []*example {
	for j := range exs {
		to = append(to, &exs[j])
	}
	return to
}

// shippedWeights renders the shipped models as weights_gen.go. Documents
// come in sorted order and the shuffles have fixed seeds, so the output
// is the same byte for byte on every run.
func shippedWeights(t testing.TB) ([]byte, int) {
	lms, n := shippedModels(t)
	src, err := weightsSource(lms, trainLangs)
	if err != nil {
		t.Fatal(err)
	}
	return src, n
}

// TestTrainWeights trains the shipped model and writes weights_gen.go
// (go generate ./internal/clause). It runs only with -train.
func TestTrainWeights(t *testing.T) {
	if !*trainFlag {
		t.Skip("run with -train (go generate ./internal/clause) to retrain the clause models")
	}
	src, n := shippedWeights(t)
	if err := os.WriteFile("weights_gen.go", src, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("trained on %d candidate sentences; wrote weights_gen.go (%d bytes)", n, len(src))
}

// TestWeightsReproducible fails when training again gives other weights
// than weights_gen.go: the weights were edited by hand, trained on other
// data, or the features changed without retraining. .ci/run runs it
// apart, without the race detector, which slows training tenfold.
func TestWeightsReproducible(t *testing.T) {
	if raceEnabled {
		t.Skip("run without -race (.ci/run does)")
	}
	want, err := os.ReadFile("weights_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := shippedWeights(t); !bytes.Equal(got, want) {
		t.Errorf("training gives other weights than weights_gen.go: run go generate ./internal/clause and commit the result")
	}
}

// weightsSource renders quantised models as Go source: int8 weights
// with their scale.
func weightsSource(lms *learnedModels, langs []string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go generate ./internal/clause (TestTrainWeights); DO NOT EDIT.\n\n")
	b.WriteString("package clause\n\n")
	fmt.Fprintf(&b, "const genLangs = %q\n\n", strings.Join(langs, ","))
	writeTable(&b, "", lms.liab)
	writeTable(&b, "Indem", lms.indem)
	return format.Source(b.Bytes())
}

func writeTable(b *bytes.Buffer, name string, lm *linearModel) {
	fmt.Fprintf(b, "const (\n\tgen%sScale = %g\n\tgen%sCut = %g\n)\n\n", name, lm.scale, name, lm.cut)
	fmt.Fprintf(b, "var gen%sWeights = [1 << tableBits]int8{", name)
	for i, v := range lm.w {
		if i%24 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%d,", int(math.Round(float64(v)*lm.scale)))
	}
	b.WriteString("\n}\n\n")
}
