// Package clause finds the limitation-of-liability and indemnification
// clauses of a terms document and tells how they moved between two
// versions.
//
// Detection starts with rules: lexicons of legal phrasing in English,
// Spanish, French, German, Italian and Polish, matched sentence by
// sentence, with the section heading above a sentence as context. For
// liability in English, German, Italian and Polish documents a linear
// model over those cues, the context and the words (learned.go,
// weights_gen.go) makes the final call. Every clause carries the names of
// the cues that made it one, so a reviewer can judge it.
package clause

import (
	"regexp"
	"slices"
	"strings"

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

func analyze(text string, lm *linearModel) []model.Clause {
	return scan(text, lm).clauses()
}

// scanned is one document's clause sentences before they are merged into
// clauses.
type scanned struct {
	text        string
	recs        []sentenceRec
	liab, indem []sentenceHit
	keys        map[int]string // normalised sentences by index; set by harmonise
}

func scan(text string, lm *linearModel) scanned {
	recs, lang := ruleScan(text)
	liab, indem := decide(text, recs, lang, lm)
	return scanned{text: text, recs: recs, liab: liab, indem: indem}
}

func (s scanned) clauses() []model.Clause {
	out := make([]model.Clause, 0, len(s.liab)+len(s.indem))
	out = append(out, merge(s.text, model.Liability, s.liab)...)
	out = append(out, merge(s.text, model.Indemnification, s.indem)...)
	sortClauses(out)
	return out
}

// harmonise makes two versions agree on the sentences they share: a
// sentence found to be part of a clause in one version is part of it in
// the other too. The model reads context (the heading, the neighbours),
// so an edit next to an unchanged sentence may tip its score; without
// this, that unchanged sentence would show up as a clause change.
func harmonise(a, b *scanned) {
	a.keys, b.keys = a.sentenceKeys(), b.sentenceKeys()
	a.liab, b.liab = unionHits(a, a.liab, b, b.liab, true), unionHits(b, b.liab, a, a.liab, true)
	a.indem, b.indem = unionHits(a, a.indem, b, b.indem, false), unionHits(b, b.indem, a, a.indem, false)
}

// sentenceKeys returns the words of each sentence of the document
// (normalised: no case, punctuation or numbering), by sentence index.
func (s *scanned) sentenceKeys() map[int]string {
	keys := make(map[int]string, len(s.recs))
	for _, r := range s.recs {
		keys[r.index] = normalise(s.text[r.start:r.end])
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

// sentenceRec is what the rules found in one sentence, with its place in
// the document: the learned model reads these as features.
type sentenceRec struct {
	span
	index        int // position in the document's sentence sequence
	ruleLiab     bool
	liabCues     []string
	anyLiabCue   bool     // some liability cue matched, strong or weak
	speaksLiab   bool     // a strong liability cue or the word itself ("liable", "responsible", …) matched
	rawCues      []string // every liability cue that matched, decisive or not
	notMine      bool
	warranty     bool
	cap          bool
	indem        bool
	indemStrong  bool
	indemCues    []string
	ctxLiab      bool // the nearest heading above is a liability heading
	ctxIndem     bool // the nearest heading above is an indemnification heading (a model feature)
	heading      span // the nearest heading above; empty when none
	sinceHeading int  // sentences between that heading and this one
	firstInLine  bool
}

// ruleScan classifies every sentence of text by the rules and returns the
// document's main language.
func ruleScan(text string) ([]sentenceRec, string) {
	langs, main := docLanguages(text)
	enabled := make([]bool, len(allCues().cues))
	for i, cu := range allCues().cues {
		enabled[i] = langs[cu.lang]
	}
	found := make([]bool, len(allCues().needles))
	var recs []sentenceRec
	var ctxLiab, ctxIndem bool
	indemSection := false // ctxIndem, ended early by a titled line too
	var heading span
	index, since := 0, 0
	prevLiab, prevIndem := -2, -2 // index of the last hit of each type
	prevOpen := false             // the last liability sentence announced a list
	indemOpen := false            // the last indemnification sentence announced a list
	for _, l := range splitLines(text) {
		if l.heading {
			ctxLiab, ctxIndem = headingKind(headingText(text[l.start:l.end]))
			indemSection = ctxIndem
			heading = l.span
			index += 2 // a heading separates clauses
			since = 0
			continue
		}
		if len(l.sentences) == 1 && titledLine(text[l.start:l.end]) {
			_, indemSection = headingKind(headingText(text[l.start:l.end]))
		}
		for k, s := range l.sentences {
			sent := text[s.start:s.end]
			m := match(strings.ToLower(sent), langs, enabled, found)
			lc, isLiab, isCap := m.liability(ctxLiab)
			ic, isIndem := m.indemnity(indemSection, isLiab)
			if !isLiab && prevLiab == index-1 && !(m.indemStrong && !m.liabStrongAny) {
				if m.followUp || (prevOpen && listItem(sent)) {
					isLiab = true
					lc = append(lc, "continues clause")
				}
			}
			if !isIndem && prevIndem == index-1 && (m.indemWeakAny && !isLiab || indemOpen && listItem(sent)) {
				isIndem = true
				ic = append(ic, "continues clause")
			}
			if isLiab {
				prevLiab = index
				prevOpen = strings.HasSuffix(strings.TrimRight(sent, " *_"), ":") ||
					strings.HasSuffix(strings.TrimRight(sent, " *_"), ";") || (prevOpen && listItem(sent))
			}
			if isIndem {
				prevIndem = index
				indemOpen = strings.HasSuffix(strings.TrimRight(sent, " *_"), ":") || (indemOpen && listItem(sent))
			}
			recs = append(recs, sentenceRec{
				span: s, index: index, ruleLiab: isLiab, liabCues: lc, cap: isCap,
				rawCues: m.rawLiab, notMine: m.notMine, warranty: m.warranty,
				anyLiabCue: len(m.rawLiab) > 0,
				speaksLiab: m.liabStrongAny || slices.Contains(m.rawLiab, "liability"),
				indem:      isIndem, indemStrong: m.indemStrong, indemCues: ic,
				ctxLiab: ctxLiab, ctxIndem: ctxIndem, heading: heading, sinceHeading: since,
				firstInLine: k == 0,
			})
			index++
			since++
		}
	}
	return recs, main
}

// decide turns the rule records into clause sentences. Liability is
// decided by the learned model for the languages it was trained on, by
// the rules otherwise; indemnification by the rules.
func decide(text string, recs []sentenceRec, lang string, lm *linearModel) (liab, indem []sentenceHit) {
	useModel := lm != nil && lm.langs[lang] && len(recs) >= minModelSentences
	var fb featureBuf
	for i := range recs {
		r := &recs[i]
		isLiab, cues := r.ruleLiab, r.liabCues
		if useModel {
			isLiab = false
			if candidate(recs, i) && (r.ruleLiab || r.speaksLiab) {
				fb.extract(text, recs, i, lang)
				isLiab = lm.score(fb.idx) > 0
			}
			if isLiab && !r.ruleLiab {
				cues = appendUnique(slices.Clone(cues), "learned model")
			}
		}
		if isLiab {
			liab = append(liab, sentenceHit{span: r.span, index: r.index, cues: cues, cap: r.cap})
		}
		if r.indem {
			indem = append(indem, sentenceHit{span: r.span, index: r.index, cues: r.indemCues})
		} else if lang == "de" && !isLiab && germanRelease.MatchString(strings.ToLower(text[r.start:r.end])) {
			indem = append(indem, sentenceHit{span: r.span, index: r.index, cues: []string{"indemnify"}})
		}
	}
	return liab, indem
}

// germanRelease finds the separable "stellen … frei" ("Sie stellen Acme
// von allen Ansprüchen Dritter frei"): an indemnity. It is checked here,
// after the rules, and not as a cue: the learned model reads the rules'
// indemnity flags, and a change to them moves its liability calls.
var germanRelease = regexp.MustCompile(`\bstell\S*\s+(?:\S+\s+){0,8}?(?:von|gegenüber)\s+(?:\S+\s+){0,6}?(?:ansprüch|forderung|schäd|kosten|haftung)\S*\s+(?:\S+\s+){0,4}?frei\b`)

// listItem reports whether a sentence reads as an item of an enumeration
// ("(b) loss of data;", "d. services provided by …").
func listItem(s string) bool {
	t := strings.TrimSpace(s)
	if len(t) > 300 {
		return false
	}
	return listStart.MatchString(t) || (strings.HasSuffix(t, ";") && len(t) < 120)
}

var listStart = regexp.MustCompile(`^(?:[-*•]\s|\(?[a-zA-Z0-9ivx]{1,4}[.)]\s)`)

// matches holds which cues matched one sentence.
type matches struct {
	liabStrong, liabWeak       []string
	indemStrong, indemWeakAny  bool
	indemCues                  []string
	liabStrongAny, liabWeakAny bool
	liabWord                   bool
	capCue                     bool
	exceptIndem                bool
	followUp                   bool // refers back to a limitation or lists damages
	// What the filters below threw away, kept for the learned model.
	rawLiab  []string // liability cues before filtering
	notMine  bool     // the liability words are about the user or a company form
	warranty bool     // a warranty word is there
}

func match(low string, langs map[string]bool, enabled []bool, found []bool) matches {
	var m matches
	if !allCues().find(low, found) {
		return m
	}
	for i := range allCues().cues {
		cu := &allCues().cues[i]
		if !enabled[i] || !anyFound(found, cu.needs) || (cu.re != nil && !matchNear(cu, low, found)) {
			continue
		}
		switch cu.kind {
		case liabStrong:
			m.liabStrong = appendUnique(m.liabStrong, cu.name)
			m.liabStrongAny = true
			if cu.name == "cap on total liability" {
				m.capCue = true
			}
		case liabWeak:
			m.liabWeak = appendUnique(m.liabWeak, cu.name)
			m.liabWeakAny = true
			if cu.name == "liability" {
				m.liabWord = true
			}
		case indemStrong:
			m.indemStrong = true
			m.indemCues = appendUnique(m.indemCues, cu.name)
		case indemWeak:
			m.indemWeakAny = true
			m.indemCues = appendUnique(m.indemCues, cu.name)
		}
	}
	m.rawLiab = append(slices.Clip(m.liabStrong), m.liabWeak...)
	m.warranty = strings.Contains(low, "warrant") || strings.Contains(low, "gewährleist") || strings.Contains(low, "garanzi") || strings.Contains(low, "gwarancj")
	if m.liabWord && limitsNothing(low, langs) {
		m.notMine = true
	}
	if m.liabWord && !m.liabStrongAny && m.notMine {
		// "a limited liability company", "you are solely liable": the
		// word is there, but not a limitation of the provider's liability.
		m.liabWord = false
		m.liabWeak = slices.DeleteFunc(m.liabWeak, func(s string) bool { return s == "liability" })
		m.liabWeakAny = len(m.liabWeak) > 0
	}
	if m.liabWeakAny && !m.liabStrongAny && strings.Contains(low, "warrant") {
		// A warranty disclaimer ("AS IS", "to the extent permitted by
		// law, no warranties") is not a liability clause on its own.
		m.liabWeak, m.liabWeakAny, m.liabWord = nil, false, false
	}
	for _, w := range m.liabWeak {
		if w == "this limitation" || w == "lost profits" {
			m.followUp = true
		}
	}
	if m.indemStrong && m.liabStrongAny && exceptIndem.MatchString(low) {
		m.exceptIndem = true
	}
	return m
}

// notLimitation finds uses of "liability" that limit nothing.
var notLimitation = []struct {
	lang string
	re   *regexp.Regexp
}{
	{"en", regexp.MustCompile(`limited liability (?:company|partnership|corporation)|\byou\s+(?:\S+\s+){0,4}(?:responsible|liable)\b|\byour\s+(?:\S+\s+)?liability\b|\b(?:user|customer|member)s?\s+(?:\S+\s+){0,3}(?:responsible|liable)\b`)},
	{"de", regexp.MustCompile(`\b(?:sie|du)\s+(?:\S+\s+){0,3}(?:haften|haftest|haftbar|verantwortlich)|haften sie|(?:ihre|deine|ihrer|deiner)\s+haftung|beschränkter haftung`)},
	{"es", regexp.MustCompile(`(?:usted|tú)\s+(?:\S+\s+){0,2}(?:es|eres|será|serás)\s+(?:el\s+único\s+)?responsable`)},
	{"fr", regexp.MustCompile(`(?:vous|tu)\s+(?:\S+\s+){0,2}(?:êtes|es|serez|seras)\s+(?:seul\s+)?responsable|votre responsabilité`)},
	{"it", regexp.MustCompile(`l'utente\s+(?:\S+\s+){0,2}(?:è|sarà)\s+(?:\S+\s+)?responsabile|(?:sei|siete)\s+(?:\S+\s+)?responsabil`)},
	{"pl", regexp.MustCompile(`użytkownik\s+(?:\S+\s+){0,2}ponosi|ponosisz|ponosicie|jesteś\s+(?:\S+\s+)?odpowiedzialn`)},
}

// limitsNothing reports whether the liability words of a sentence are
// about someone other than the provider, or about a company form.
func limitsNothing(low string, langs map[string]bool) bool {
	for _, n := range notLimitation {
		if langs[n.lang] && n.re.MatchString(low) {
			return true
		}
	}
	return false
}

// exceptIndem finds an indemnity named only as an exception to a
// limitation ("except for your indemnification obligations").
var exceptIndem = regexp.MustCompile(`(?:except|excluding|other than|exception|save for|does not apply to|ausgenommen|außer|excepto|salvo|sauf|eccezione|wyjątkiem)[^.;]{0,100}(?:indemn|freistell|manlev|indenn)`)

// liability decides whether the sentence limits liability and returns the
// cues that say so.
func (m matches) liability(ctx bool) (cuesOut []string, ok, isCap bool) {
	// An undertaking to indemnify is full of "claims, damages and
	// liabilities"; only a real limitation cue makes it a liability clause.
	if m.indemStrong && !m.liabStrongAny {
		return nil, false, false
	}
	weak := len(m.liabWeak)
	switch {
	case m.liabStrongAny:
		ok = true
	case ctx && weak >= 1:
		ok = true
	case weak >= 2 && m.liabWord:
		ok = true
	}
	if !ok {
		return nil, false, false
	}
	cuesOut = append(cuesOut, m.liabStrong...)
	cuesOut = append(cuesOut, m.liabWeak...)
	if ctx {
		cuesOut = append(cuesOut, "limitation heading")
	}
	return cuesOut, true, m.capCue
}

// indemnity decides whether the sentence sets up an indemnity.
func (m matches) indemnity(ctx, isLiab bool) ([]string, bool) {
	switch {
	case m.indemStrong && !m.exceptIndem:
	case ctx && m.indemWeakAny && !isLiab:
	default:
		return nil, false
	}
	c := append([]string(nil), m.indemCues...)
	if ctx {
		c = append(c, "indemnification heading")
	}
	return c, true
}

// matchNear runs a cue's pattern on windows of a long sentence around the
// occurrences of its literals: the patterns span at most a few hundred
// bytes, and short inputs keep the regexp package on its fast path.
func matchNear(cu *compiledCue, low string, found []bool) bool {
	const before, after = 130, 180
	if len(low) <= before+after {
		return cu.re.MatchString(low)
	}
	for _, j := range cu.needs {
		if !found[j] {
			continue
		}
		n := allCues().needles[j]
		for off := 0; ; {
			i := strings.Index(low[off:], n)
			if i < 0 {
				break
			}
			i += off
			from, to := max(0, i-before), min(len(low), i+len(n)+after)
			if cu.re.MatchString(low[from:to]) {
				return true
			}
			off = i + len(n)
		}
	}
	return false
}

func anyFound(found []bool, idx []int) bool {
	for _, i := range idx {
		if found[i] {
			return true
		}
	}
	return false
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// merge joins adjacent sentences of one type into clauses.
func merge(text, typ string, hits []sentenceHit) []model.Clause {
	var out []model.Clause
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && hits[j].index == hits[j-1].index+1 {
			j++
		}
		cl := model.Clause{Type: typ, Start: hits[i].start, End: hits[j-1].end}
		cl.Text = text[cl.Start:cl.End]
		var capText []string
		for _, h := range hits[i:j] {
			for _, c := range h.cues {
				cl.Cues = appendUnique(cl.Cues, c)
			}
			if h.cap {
				capText = append(capText, text[h.start:h.end])
			} else if typ == model.Liability && capAbove(strings.ToLower(text[h.start:h.end])) {
				capText = append(capText, text[h.start:h.end])
				cl.Cues = appendUnique(cl.Cues, "amount above cap")
			}
		}
		if typ == model.Liability && len(capText) > 0 {
			cl.Cap = extractCap(strings.Join(capText, " "), cl.Text)
			if cl.Cap != nil && cl.Cap.Amount != nil {
				cl.Cues = appendUnique(cl.Cues, "cap amount")
			}
		}
		out = append(out, cl)
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
