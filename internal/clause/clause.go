// Package clause finds the limitation-of-liability and indemnification
// clauses of a terms document and tells how they moved between two
// versions.
//
// Detection (detect.go) starts with rules: lexicons of legal phrasing,
// one file per language (lexicon/*.lex: English, Spanish, French, German,
// Italian and Polish), matched sentence by sentence, with the section
// heading above a sentence as context. For
// liability and indemnification in English, German, Italian and Polish
// documents a linear model per clause type over those cues, the context
// and the words (learned.go, weights_gen.go) makes the final call. Every clause carries the names of
// the cues that made it one, so a reviewer can judge it.
package clause

import (
	"slices"
	"strings"
	"sync"

	"github.com/toswatch/toswatch/internal/model"
)

// sentenceHit is one sentence found to be part of a clause.
type sentenceHit struct {
	span
	index int // position in the document's sentence sequence
	cues  []string
	cap   bool // the sentence states a cap on total liability
}

// Analyze finds the liability and indemnification clauses in text
// (Markdown or plain text). Start and End are byte offsets into text.
func Analyze(text string) []model.Clause {
	return analyze(text, shippedModel())
}

func analyze(text string, lm *learnedModels) []model.Clause {
	return scan(text, lm, nil).clauses(nil)
}

// scanned is one document's clause sentences before they are merged into
// clauses.
type scanned struct {
	text        string
	recs        []sentenceRec
	liab, indem []sentenceHit
	keys        map[int]string // normalised sentences by index; set by harmonise
	// plain is the text as facts read it, made the first time a clause's
	// facts are read, once for both clause types and both the comparison
	// and the facts of a changed version.
	plain func() *plainDoc
}

// scan reads text's clause sentences; memo, when not nil, holds the cues
// of the sentences of the version it is compared with (ruleScan).
func scan(text string, lm *learnedModels, memo *cueMemo) scanned {
	recs, lang := ruleScan(text, memo)
	liab, indem := decide(text, recs, lang, lm)
	plain := sync.OnceValue(func() *plainDoc { return newPlainDoc(text) })
	return scanned{text: text, recs: recs, liab: liab, indem: indem, plain: plain}
}

// clauses merges the clause sentences into clauses and reads their
// facts; memos, when not nil, hold the facts already read of sections,
// by clause type.
func (s scanned) clauses(memos map[string]factMemo) []model.Clause {
	out := make([]model.Clause, 0, len(s.liab)+len(s.indem))
	out = append(out, merge(s.text, model.Liability, s.liab, s.plain, memos[model.Liability])...)
	out = append(out, merge(s.text, model.Indemnification, s.indem, s.plain, memos[model.Indemnification])...)
	sortClauses(out)
	return out
}

// harmonise makes two versions agree on the sentences they share: a
// sentence found to be part of a clause in one version is part of it in
// the other too. The model reads context (the heading, the neighbours),
// so an edit next to an unchanged sentence may tip its score; without
// this, that unchanged sentence would show up as a clause change.
// norms keeps the sentences' words for the rest of the comparison.
func harmonise(a, b *scanned, norms *normMemo) {
	a.keys, b.keys = a.sentenceKeys(norms), b.sentenceKeys(norms)
	a.liab, b.liab = unionHits(a, a.liab, b, b.liab, true), unionHits(b, b.liab, a, a.liab, true)
	a.indem, b.indem = unionHits(a, a.indem, b, b.indem, false), unionHits(b, b.indem, a, a.indem, false)
}

// sentenceKeys returns the words of each sentence of the document
// (normalised: no case, punctuation or numbering), by sentence index.
func (s *scanned) sentenceKeys(norms *normMemo) map[int]string {
	keys := make(map[int]string, len(s.recs))
	for _, r := range s.recs {
		keys[r.index] = norms.normalise(s.text[r.start:r.end])
	}
	return keys
}

// unionHits returns hits of document d plus a hit for every other sentence
// of d whose words are those of a hit in document o (both documents'
// keys set).
func unionHits(d *scanned, hits []sentenceHit, o *scanned, other []sentenceHit, liab bool) []sentenceHit {
	cuesOf := make(map[string][]string, len(other))
	for _, h := range other {
		cuesOf[o.keys[h.index]] = h.cues
	}
	have := make(map[int]bool, len(hits))
	for _, h := range hits {
		have[h.index] = true
	}
	out := hits
	added := false
	for _, r := range d.recs {
		if have[r.index] {
			continue
		}
		cues, ok := cuesOf[d.keys[r.index]]
		if !ok {
			continue
		}
		h := sentenceHit{span: r.span, index: r.index, cues: cues}
		if liab {
			h.cap = r.cap
		}
		if !added {
			out = slices.Clone(hits)
			added = true
		}
		out = append(out, h)
	}
	if added {
		slices.SortFunc(out, func(x, y sentenceHit) int { return x.index - y.index })
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// merge joins adjacent sentences of one type into clauses. With plain
// (the text as facts read it, see scanned), a liability clause has its
// caps read and an indemnification clause is one per undertaking, with
// its direction and cover; with nil, the clauses only hold their
// sentences (enough to tell whether a clause type changed at all). memo,
// when not nil, keeps the facts of each run of sentences by its text, for
// the other version of a comparison.
func merge(text, typ string, hits []sentenceHit, plain func() *plainDoc, memo factMemo) []model.Clause {
	var out []model.Clause
	var fr *factReader
	facts := plain != nil
	if facts {
		fr = newFactReader()
	}
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && hits[j].index == hits[j-1].index+1 {
			j++
		}
		if !facts {
			out = append(out, clauseOf(text, typ, hits[i:j]))
			i = j
			continue
		}
		// Facts are read from the run, the list lead-in above it and the
		// section after it, up to the next clause.
		base, until := lineBefore(text, hits[i].start), len(text)
		if j < len(hits) {
			until = hits[j].start
		}
		run := hits[i:j]
		out = append(out, memo.clauses(text, base, until, run, func() []model.Clause {
			defer fr.forget()
			doc := plain()
			if typ == model.Indemnification {
				return indemnityClauses(fr, doc, run)
			}
			return []model.Clause{liabilityClause(fr, doc, run, until)}
		})...)
		i = j
	}
	return out
}

func sortClauses(cs []model.Clause) {
	slices.SortStableFunc(cs, func(a, b model.Clause) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return strings.Compare(a.Type, b.Type)
	})
}
