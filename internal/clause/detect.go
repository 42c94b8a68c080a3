package clause

import (
	"regexp"
	"slices"
	"strings"
)

// Clause detection: every sentence is matched against the cue lexicons
// (lexicon/*.lex) with its section heading and neighbours as context
// (ruleScan), then the learned model or the rules decide (decide).

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
	enabled := make([]bool, len(lex().cues.cues))
	for i, cu := range lex().cues.cues {
		enabled[i] = langs[cu.lang]
	}
	found := make([]bool, len(lex().cues.needles))
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
	if !lex().cues.find(low, found) {
		return m
	}
	for i := range lex().cues.cues {
		cu := &lex().cues.cues[i]
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
	m.warranty = containsAny(low, lex().warranty)
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
	if m.liabWeakAny && !m.liabStrongAny && containsAny(low, lex().disclaimer) {
		// A warranty disclaimer ("AS IS", "to the extent permitted by
		// law, no warranties") is not a liability clause on its own.
		m.liabWeak, m.liabWeakAny, m.liabWord = nil, false, false
	}
	for _, w := range m.liabWeak {
		if w == "this limitation" || w == "lost profits" {
			m.followUp = true
		}
	}
	if m.indemStrong && m.liabStrongAny && lex().exceptIndem.MatchString(low) {
		m.exceptIndem = true
	}
	return m
}

// limitsNothing reports whether the liability words of a sentence are
// about someone other than the provider, or about a company form.
func limitsNothing(low string, langs map[string]bool) bool {
	for _, l := range lex().order {
		if re := lex().notLimitation[l]; re != nil && langs[l] && re.MatchString(low) {
			return true
		}
	}
	return false
}

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
