package clause

// Training the liability and indemnification models (train_test.go) on
// the consistently labelled corpus rewrites weights_gen.go; the same
// command gives the same bytes on every machine (TestWeightsReproducible
// checks it).

//go:generate go test -run ^TestTrainWeights$ -count=1 -train .

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The rules alone over-report liability: "X is not responsible for Y"
// and "at your own risk" are tagged as limitations by lawyers in some
// documents and not in others, and the context (the section, the
// neighbouring sentences, the exact wording) decides. A linear model over
// the rule cues, the heading, the position and the words of a sentence,
// trained on lawyer-labelled terms (see train_test.go), makes that call
// for the languages it was trained on. Indemnities get a model of their
// own, over the indemnification cues: the rules, written from a few
// documents, missed the wordings of others and took releases and
// exceptions for undertakings.

// tableBits sizes the hashed feature table.
const tableBits = 16

// linearModel scores a sentence as the sum of the weights of its hashed
// features; a positive score means a sentence of its clause type.
type linearModel struct {
	w     []float32
	langs map[string]bool // languages the model was trained on
	cut   float32         // decision threshold
	scale float64         // of the quantised weights; set by training
}

func (lm *linearModel) score(idx []uint32) float32 {
	s := -lm.cut
	for _, i := range idx {
		if i&wordFlag != 0 {
			s += lm.w[i&^wordFlag] * wordScale
		} else {
			s += lm.w[i]
		}
	}
	return s
}

// wordFlag marks the features of single words and pairs of words, which
// count wordScale times a cue or context feature: a sentence's words are
// many, and without it they outvote the cues a limitation is made of.
const wordFlag = 1 << 31

const wordScale = 0.5

// forLang returns lm when it judges documents of language lang, nil
// when the rules do.
func (lm *linearModel) forLang(lang string) *linearModel {
	if lm == nil || !lm.langs[lang] {
		return nil
	}
	return lm
}

// learnedModels are the learned decisions of each clause type; a nil
// model leaves its type to the rules.
type learnedModels struct{ liab, indem *linearModel }

// shippedModel expands the generated weight tables once.
var shippedModel = sync.OnceValue(func() *learnedModels {
	return &learnedModels{
		liab:  expandWeights(genWeights[:], genScale, genCut, genLangs),
		indem: expandWeights(genIndemWeights[:], genIndemScale, genIndemCut, genLangs),
	}
})

func expandWeights(q []int8, scale, cut float64, langs string) *linearModel {
	lm := &linearModel{w: make([]float32, len(q)), langs: map[string]bool{}, cut: float32(cut)}
	for i, v := range q {
		lm.w[i] = float32(v) / float32(scale)
	}
	for _, l := range strings.Split(langs, ",") {
		lm.langs[l] = true
	}
	return lm
}

// candidate reports whether a sentence is worth scoring: the model was
// trained only on sentences with some liability cue or context, and every
// other sentence is not a limitation.
func candidate(recs []sentenceRec, i int) bool {
	r := &recs[i]
	if r.anyLiabCue || r.ctxLiab {
		return true
	}
	return i > 0 && recs[i-1].ruleLiab && recs[i-1].index == r.index-1
}

// indemCandidate reports whether a sentence is worth scoring for an
// indemnity: some indemnification cue matched, it is in an
// indemnification section, or it follows an indemnity.
func indemCandidate(recs []sentenceRec, i int) bool {
	r := &recs[i]
	if len(r.rawIndem) > 0 || r.indemSection || r.ctxIndem {
		return true
	}
	return i > 0 && recs[i-1].indem && recs[i-1].index == r.index-1
}

// The model may also call a sentence the rules rejected a limitation,
// but only one that speaks of liability (decide checks speaksLiab): the
// others it would add, on the strength of words like "loss" or "risk"
// alone, were 6 right out of 38 when cross-validated on the lawyers'
// labels.

// minModelSentences is the shortest document the model judges: it was
// trained on whole terms documents, and its features (the heading, the
// position in the section, the neighbours) say little about a snippet,
// which the rules handle as well.
const minModelSentences = 20

// featureBuf holds the hashed features of one sentence; reused between
// sentences to spare allocations.
type featureBuf struct {
	idx []uint32
	// The features of the words, shared by the deciders of a document's
	// clause types, which read the same words of the same sentences;
	// nil: own.
	words    *wordFeatures
	ownWords wordFeatures
}

// wordFeatures are the features of the words of the last sentence read
// and of its heading.
type wordFeatures struct {
	sent span
	lang string
	idx  []uint32 // nil: none read yet
	// The features of the last heading read: the sentences of a section
	// share them, and hashing them again for each would make the cost
	// grow with the sentences times the heading.
	heading     span
	headingLang string
	headingIdx  []uint32
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashString(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	return h
}

func (fb *featureBuf) add(h uint32) {
	fb.idx = append(fb.idx, h&(1<<tableBits-1))
}

// wordFeature is the feature of a word or pair of words of hash h.
func wordFeature(h uint32) uint32 { return h&(1<<tableBits-1) | wordFlag }

// addPair adds a feature alone and joined with the language, so that
// what holds in every language is learnt from all of them.
func (fb *featureBuf) addPair(lang, name string) {
	fb.add(hashString(fnvOffset, name))
	fb.add(hashString(hashString(fnvOffset, lang), name))
}

// feature is a named flag of a sentence.
type feature struct {
	on   bool
	name string
}

// flags adds the features that are on.
func (fb *featureBuf) flags(lang string, fs ...feature) {
	for _, f := range fs {
		if f.on {
			fb.addPair(lang, f.name)
		}
	}
}

// names adds one feature per name, after prefix.
func (fb *featureBuf) names(lang, prefix string, names []string) {
	for _, n := range names {
		fb.addPair(lang, prefix+n)
	}
}

// position adds where the sentence stands in its section, apart in a
// section of the model's own clause type (name).
func (fb *featureBuf) position(lang string, r *sentenceRec, ownSection bool, name string) {
	pos := strconv.Itoa(min(r.sinceHeading, 4))
	if ownSection {
		fb.addPair(lang, name+":"+pos)
	} else {
		fb.addPair(lang, "pos:"+pos)
	}
}

// neighbours adds the flags of the sentences right before and after
// recs[i] for the model of one clause type, or that there is none.
func (fb *featureBuf) neighbours(lang string, recs []sentenceRec, i int, indem bool) {
	r := &recs[i]
	switch p := prevRec(recs, i); {
	case p == nil:
		fb.addPair(lang, "prevNone")
	case indem:
		fb.flags(lang, feature{p.indem, "prevRule"}, feature{len(p.rawIndem) > 0, "prevCue"})
	default:
		fb.flags(lang, feature{p.ruleLiab, "prevRule"}, feature{p.anyLiabCue, "prevCue"}, feature{p.indem, "prevIndem"})
	}
	switch {
	case i+1 >= len(recs) || recs[i+1].index != r.index+1:
		fb.addPair(lang, "nextNone")
	case indem:
		n := &recs[i+1]
		fb.flags(lang, feature{n.indem, "nextRule"}, feature{len(n.rawIndem) > 0, "nextCue"})
	default:
		n := &recs[i+1]
		fb.flags(lang, feature{n.ruleLiab, "nextRule"}, feature{n.anyLiabCue, "nextCue"})
	}
}

// prevRec returns the sentence right before recs[i], nil when a heading
// or the start of the text comes between.
func prevRec(recs []sentenceRec, i int) *sentenceRec {
	if i > 0 && recs[i-1].index == recs[i].index-1 {
		return &recs[i-1]
	}
	return nil
}

// extract computes the liability features of recs[i].
func (fb *featureBuf) extract(text string, recs []sentenceRec, i int, lang string) {
	fb.idx = fb.idx[:0]
	r := &recs[i]
	sent := text[r.start:r.end]
	fb.addPair(lang, "bias")
	fb.flags(lang, feature{r.ruleLiab, "rule"}, feature{r.cap, "cap"}, feature{r.indem, "indem"},
		feature{r.indemStrong, "indemStrong"}, feature{r.notMine, "notMine"}, feature{r.warranty, "warranty"},
		feature{r.ctxLiab, "ctxLiab"}, feature{r.ctxIndem, "ctxIndem"}, feature{r.heading.end == 0, "noHeading"},
		feature{r.firstInLine, "firstInLine"}, feature{r.listItem, "listItem"}, feature{mostlyUpper(sent), "upper"})
	fb.names(lang, "cue:", r.rawCues)
	if r.cont != "" {
		fb.addPair(lang, "continues")
		fb.addPair(lang, "continues:"+r.cont)
	}
	fb.position(lang, r, r.ctxLiab, "posLiab")
	fb.neighbours(lang, recs, i, false)
	fb.addPair(lang, "len:"+strconv.Itoa(min(len(sent)/80, 6)))
	fb.sentenceWords(text, r, lang)
}

// extractIndem computes the indemnification features of recs[i].
func (fb *featureBuf) extractIndem(text string, recs []sentenceRec, i int, lang string) {
	fb.idx = fb.idx[:0]
	r := &recs[i]
	sent := text[r.start:r.end]
	fb.addPair(lang, "bias")
	fb.flags(lang, feature{r.indem, "rule"}, feature{r.indemStrong, "strong"}, feature{r.indemExcept, "except"},
		feature{r.ruleLiab, "liab"}, feature{r.ctxIndem, "ctxIndem"}, feature{r.indemSection, "indemSection"},
		feature{r.ctxLiab, "ctxLiab"}, feature{r.heading.end == 0, "noHeading"}, feature{r.firstInLine, "firstInLine"},
		feature{r.listItem, "listItem"})
	fb.names(lang, "cue:", r.rawIndem)
	fb.names(lang, "liabCue:", r.rawCues)
	if r.contIndem != "" {
		fb.addPair(lang, "continues:"+r.contIndem)
	}
	fb.position(lang, r, r.ctxIndem, "posIndem")
	fb.neighbours(lang, recs, i, true)
	fb.addPair(lang, "len:"+strconv.Itoa(min(len(sent)/80, 6)))
	fb.sentenceWords(text, r, lang)
}

// sentenceWords adds the words of the sentence and of its heading.
func (fb *featureBuf) sentenceWords(text string, r *sentenceRec, lang string) {
	w := fb.words
	if w == nil {
		w = &fb.ownWords
	}
	if w.idx == nil || w.sent != r.span || w.lang != lang {
		langH := hashString(fnvOffset, lang)
		w.idx = appendWords(w.idx[:0], text[r.start:r.end], hashString(langH, "w:"), true)
		if r.heading.end > 0 {
			if r.heading != w.heading || lang != w.headingLang {
				w.headingIdx = appendWords(w.headingIdx[:0], headingText(text[r.heading.start:r.heading.end]), hashString(langH, "h:"), false)
				w.heading, w.headingLang = r.heading, lang
			}
			w.idx = append(w.idx, w.headingIdx...)
		}
		w.sent, w.lang = r.span, lang
	}
	fb.idx = append(fb.idx, w.idx...)
}

// appendWords appends to dst the features of the lower-cased word
// unigrams (and bigrams) of s, numbers folded into one token.
func appendWords(dst []uint32, s string, seed uint32, bigrams bool) []uint32 {
	prev := uint32(0)
	havePrev := false
	n := 0
	for i := 0; i < len(s) && n < 120; {
		if c := s[i]; c < utf8.RuneSelf && !isASCIIAlnum(c) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		h := seed
		digits := false
	word:
		for i < len(s) {
			// ASCII first: the letters of most words, which unicode's
			// tables would tell the same of, more slowly.
			if c := s[i]; c < utf8.RuneSelf {
				switch {
				case 'a' <= c && c <= 'z':
					h ^= uint32(c)
					h *= fnvPrime
				case 'A' <= c && c <= 'Z':
					h ^= uint32(c + 'a' - 'A')
					h *= fnvPrime
				case '0' <= c && c <= '9':
					digits = true
				case c != '\'':
					break word
				}
				i++
				continue
			}
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) {
				r = unicode.ToLower(r)
				if r < utf8.RuneSelf {
					h ^= uint32(r)
					h *= fnvPrime
				} else {
					var b [4]byte
					k := utf8.EncodeRune(b[:], r)
					for _, c := range b[:k] {
						h ^= uint32(c)
						h *= fnvPrime
					}
				}
			} else if unicode.IsDigit(r) {
				digits = true
			} else if r != '’' {
				break
			}
			i += size
		}
		if digits {
			h = hashString(seed, "#")
		}
		dst = append(dst, wordFeature(h))
		if bigrams && havePrev {
			dst = append(dst, wordFeature((prev*fnvPrime^h)*fnvPrime))
		}
		prev, havePrev = h, true
		n++
	}
	return dst
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func mostlyUpper(s string) bool {
	up, low := 0, 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				up++
			} else if 'a' <= c && c <= 'z' {
				low++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up > 2*low && up > 10
}
