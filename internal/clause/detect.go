package clause

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
	ctxLiab      bool     // the nearest heading above is a liability heading
	ctxIndem     bool     // the nearest heading above is an indemnification heading (a model feature)
	indemSection bool     // ctxIndem, ended early by a titled line too
	rawIndem     []string // every indemnification cue that matched, decisive or not
	indemExcept  bool     // the indemnity is named in an exception to a limitation
	heading      span     // the nearest heading above; empty when none
	sinceHeading int      // sentences between that heading and this one
	firstInLine  bool
	listItem     bool   // it reads as an item of an enumeration (listItem)
	prevIndex    int    // index of the sentence before, across bare list markers; -10 after a heading
	cont         string // how it continues the liability sentence before it, if it does (a model feature)
	contIndem    string // how it continues the indemnification sentence before it, if it does
}

// ruleScan classifies every sentence of text by the rules and returns the
// document's main language. The cues found in a sentence are taken from
// memo when the other version of a comparison matched them already; nil:
// matched here.
func ruleScan(text string, memo *cueMemo) ([]sentenceRec, string) {
	langs, main := docLanguages(text)
	lines := splitLines(text)
	found := matchSentences(text, lines, langs, memo)
	var recs []sentenceRec
	var ctxLiab, ctxIndem bool
	indemSection := false // ctxIndem, ended early by a titled line too
	var heading span
	index, since := 0, 0
	prevLiab, prevIndem := -2, -2 // index of the last hit of each type
	prevOpen := false             // the last liability sentence announced a list
	indemOpen := false            // the last indemnification sentence announced a list
	prevSent := ""                // the sentence before, when no heading came between
	prevIndex := -10              // index of that sentence
	for _, l := range lines {
		if l.heading && bareMarker().MatchString(text[l.start:l.end]) {
			// A list marker alone on its line ("4.", "1.") neither
			// titles a section nor ends the list it numbers.
			index += 2
			continue
		}
		if l.heading {
			ctxLiab, ctxIndem = headingKind(headingText(text[l.start:l.end]))
			indemSection = ctxIndem
			heading = l.span
			index += 2 // a heading separates clauses
			since = 0
			prevSent = ""
			prevIndex = -10
			continue
		}
		if len(l.sentences) == 1 && titledLine(text[l.start:l.end]) {
			_, indemSection = headingKind(headingText(text[l.start:l.end]))
		}
		for k, s := range l.sentences {
			sent := text[s.start:s.end]
			m := found[0]
			found = found[1:]
			lc, isLiab, isCap := m.liability(ctxLiab)
			ic, isIndem := m.indemnity(indemSection, isLiab)
			frag := k == 0 && prevSent != "" && fragment(prevSent, sent)
			isItem := listItem(sent)
			item := isItem || (k == 0 && l.indented)
			cont := ""
			if !isLiab && prevLiab == prevIndex && prevIndex >= 0 && !(m.indemStrong && !m.liabStrongAny) {
				switch {
				case frag:
					cont = "fragment"
				case prevOpen && item:
					cont = "item"
				case prevOpen && len(l.sentences) == 1 && len(sent) < 400:
					cont = "line"
				case m.followUp:
					cont = "follow-up"
				}
				if cont != "" {
					isLiab = true
					lc = append(lc, "continues clause")
				}
			}
			contIndem := ""
			if !isIndem && prevIndem == prevIndex && prevIndex >= 0 {
				switch {
				case frag:
					contIndem = "fragment"
				case indemOpen && item:
					contIndem = "item"
				case m.indemWeakAny && !isLiab:
					contIndem = "weak cue"
				}
				if contIndem != "" {
					isIndem = true
					ic = append(ic, "continues clause")
				}
			}
			if isLiab {
				prevLiab = index
				prevOpen = opensList(sent) || (prevOpen && cont != "" && cont != "follow-up")
			}
			if isIndem {
				prevIndem = index
				indemOpen = strings.HasSuffix(strings.TrimRight(sent, " *_"), ":") || (indemOpen && item)
			}
			recs = append(recs, sentenceRec{
				span: s, index: index, ruleLiab: isLiab, liabCues: lc, cap: isCap,
				rawCues: m.rawLiab, notMine: m.notMine, warranty: m.warranty,
				anyLiabCue: len(m.rawLiab) > 0,
				speaksLiab: m.liabStrongAny || slices.Contains(m.rawLiab, "liability"),
				indem:      isIndem, indemStrong: m.indemStrong, indemCues: ic,
				ctxLiab: ctxLiab, ctxIndem: ctxIndem, heading: heading, sinceHeading: since,
				indemSection: indemSection, rawIndem: m.rawIndem, indemExcept: m.exceptIndem,
				firstInLine: k == 0, listItem: isItem, cont: cont, contIndem: contIndem, prevIndex: prevIndex,
			})
			prevSent = sent
			prevIndex = index
			index++
			since++
		}
	}
	return recs, main
}

// matchSentences returns the cues found in each sentence of the lines
// that are no headings, in order: the cues of the languages langs, taken
// from memo (when not nil) for the sentences the other version of a
// comparison has matched, and added to it.
func matchSentences(text string, lines []line, langs map[string]bool, memo *cueMemo) []matches {
	cues := lex().cues
	enabled := make([]bool, len(cues.cues))
	for i, cu := range cues.cues {
		enabled[i] = langs[cu.lang]
	}
	var sents []span
	for _, l := range lines {
		if !l.heading {
			sents = append(sents, l.sentences...)
		}
	}
	out := make([]matches, len(sents))
	hits := cues.newHits()
	reader, shared := memo.join(langs)
	for k := range sents {
		if reader == 1 {
			// The other version is read from its first sentence on:
			// this one from its last, so that the two meet in the
			// middle rather than match the same sentences at once.
			k = len(sents) - 1 - k
		}
		low := strings.ToLower(text[sents[k].start:sents[k].end])
		if m, ok := memo.get(low, reader, shared); ok {
			out[k] = m
			continue
		}
		out[k] = match(low, enabled, hits)
		memo.put(low, reader, shared, out[k])
	}
	return out
}

// cueMemo holds the cues found in the sentences of the two versions of a
// comparison, read side by side: most of their sentences are the same,
// and each is matched once. Safe for concurrent use; a nil *cueMemo
// holds nothing.
type cueMemo struct {
	mu      sync.Mutex
	readers int
	langs   map[string]bool // whose cues are matched: the first reader's languages
	found   map[string]memoEntry
}

type memoEntry struct {
	m      matches
	reader int // who matched it: a reader takes only the other's, so that its own repeated sentences cost what they cost alone
}

// join registers a reader of a document of languages langs and returns
// its number, and whether it shares the memo: only readers of the same
// languages do.
func (c *cueMemo) join(langs map[string]bool) (reader int, shared bool) {
	if c == nil {
		return 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	reader = c.readers
	c.readers++
	if c.langs == nil {
		c.langs, c.found = langs, map[string]memoEntry{}
	}
	return reader, maps.Equal(c.langs, langs)
}

// get returns the cues the other reader found in sentence low.
func (c *cueMemo) get(low string, reader int, shared bool) (matches, bool) {
	if !shared {
		return matches{}, false
	}
	c.mu.Lock()
	e, ok := c.found[low]
	c.mu.Unlock()
	return e.m, ok && e.reader != reader
}

// put records the cues reader found in sentence low.
func (c *cueMemo) put(low string, reader int, shared bool, m matches) {
	if !shared {
		return
	}
	c.mu.Lock()
	if _, ok := c.found[low]; !ok {
		c.found[low] = memoEntry{m, reader}
	}
	c.mu.Unlock()
}

// attached reports whether the sentence is a limitation only as the rest
// of the one before it (a fragment, a list item), by the rules.
func (r *sentenceRec) attached() bool {
	return r.cont == "fragment" || r.cont == "item" || r.cont == "line"
}

// attachedIndem reports whether the sentence is an indemnity only as the
// rest of the one before it, by the rules: a fragment, a list item, or
// the procedure that follows an undertaking (notice, defence,
// settlement).
func (r *sentenceRec) attachedIndem() bool {
	return r.contIndem != ""
}

// decide turns the rule records into clause sentences. Each clause type
// is decided by its learned model for the languages it was trained on,
// by the rules otherwise.
func decide(text string, recs []sentenceRec, lang string, lms *learnedModels) (liab, indem []sentenceHit) {
	liabD, indemD := typeDecider{last: -2, extract: (*featureBuf).extract}, typeDecider{last: -2, extract: (*featureBuf).extractIndem}
	var words wordFeatures // a sentence's words are read once for both models
	liabD.fb.words, indemD.fb.words = &words, &words
	if lms != nil && len(recs) >= minModelSentences {
		liabD.model, indemD.model = lms.liab.forLang(lang), lms.indem.forLang(lang)
	}
	for i := range recs {
		r := &recs[i]
		if ok, cues := liabD.decide(text, recs, i, lang, r.ruleLiab, r.attached(),
			candidate(recs, i) && (r.ruleLiab || r.speaksLiab), r.liabCues); ok {
			liab = append(liab, sentenceHit{span: r.span, index: r.index, cues: cues, cap: r.cap})
		}
		if ok, cues := indemD.decide(text, recs, i, lang, r.indem, r.attachedIndem(), indemCandidate(recs, i), r.indemCues); ok {
			indem = append(indem, sentenceHit{span: r.span, index: r.index, cues: cues})
		}
	}
	return liab, indem
}

// typeDecider decides the sentences of one clause type in turn.
type typeDecider struct {
	model   *linearModel // nil: the rules decide
	extract func(fb *featureBuf, text string, recs []sentenceRec, i int, lang string)
	fb      featureBuf
	last    int // index of the last sentence of the type
}

// decide returns whether recs[i] is of the type, and its cues: the rules'
// call without a model; for a sentence the rules attach to the one
// before (a fragment, a list item: no sense of its own), that sentence's
// decision; otherwise the model's, for a candidate.
func (d *typeDecider) decide(text string, recs []sentenceRec, i int, lang string, rule, attached, candidate bool, cues []string) (bool, []string) {
	r := &recs[i]
	ok := rule
	switch {
	case d.model == nil:
	case attached:
		ok = d.last == r.prevIndex
	default:
		ok = false
		if candidate {
			d.extract(&d.fb, text, recs, i, lang)
			ok = d.model.score(d.fb.idx) > 0
		}
		if ok && !rule {
			cues = appendUnique(slices.Clone(cues), "learned model")
		}
	}
	if ok {
		d.last = r.index
	}
	return ok, cues
}

// listItem reports whether a sentence reads as an item of an enumeration
// ("(b) loss of data;", "d. services provided by …").
func listItem(s string) bool {
	t := strings.TrimSpace(s)
	if len(t) > 300 {
		return false
	}
	return listStart().MatchString(t) || (strings.HasSuffix(t, ";") && len(t) < 120)
}

var listStart = lazyRE(`^(?:[-*•–]\s|\(?[a-zA-Z0-9ivx]{1,4}[.)]\s)`)

// opensList reports whether a sentence announces a list: it ends with a
// colon.
func opensList(s string) bool {
	t := strings.TrimRight(s, " *_")
	if i := strings.LastIndexByte(t, ' '); i >= 0 && bareMarker().MatchString(t[i+1:]) {
		t = strings.TrimRight(t[:i], " ") // "… liable for: 8." with the next item's number
	}
	return strings.HasSuffix(t, ":")
}

// fragment reports whether sent is no sentence of its own but the rest of
// prev: the text was broken inside a sentence (a page or line break of a
// PDF, a segmenter fooled by an abbreviation or a section number). Then
// prev ends without any punctuation, or sent starts with a small letter
// after a prev that did not end with a full stop, or prev ends with a
// number or an abbreviation and a stop.
func fragment(prev, sent string) bool {
	t := strings.TrimSpace(sent)
	r, _ := utf8.DecodeRuneInString(t)
	p := strings.TrimRight(prev, " *_\"\u201d)")
	last, _ := utf8.DecodeLastRuneInString(p)
	switch {
	case last == utf8.RuneError:
		return false
	case unicode.IsLetter(last) || unicode.IsDigit(last):
		return true
	case last == '.':
		before := p[:len(p)-1]
		i := strings.LastIndexAny(before, " (\t")
		w := before[i+1:]
		if (unicode.IsDigit(r) || unicode.IsLower(r)) && w != "" && allDigitsOrDots(w) {
			// "in section 8." + "6 …": "8.6" broken; "…; 8." + "loss of
			// data": the number of the next item ended the line.
			return true
		}
		return w != "" && !allDigitsOrDots(w) && lex().abbreviations[strings.ToLower(w)] && utf8.RuneCountInString(w) > 1
	case last == '!' || last == '?':
		return false
	}
	return unicode.IsLower(r) && !listStart().MatchString(t)
}

func allDigitsOrDots(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) && r != '.' {
			return false
		}
	}
	return true
}

// bareMarker is a list marker alone on its line ("a.", "(b)", "6.", "4.;").
var bareMarker = lazyRE(`^\(?[a-zA-Z0-9ivx]{1,3}[.)]?[.;]?$`)

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
	rawIndem []string // indemnification cues before filtering
	notMine  bool     // the liability words are about the user or a company form
	warranty bool     // a warranty word is there
}

func match(low string, enabled []bool, hits *cueHits) matches {
	var m matches
	cues := lex().cues
	if !cues.find(low, hits) {
		return m
	}
	notMine := false // a [not-limitation] pattern matched
	for i := range cues.cues {
		cu := &cues.cues[i]
		if !enabled[i] || !cues.matches(cu, low, hits) {
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
		case notLimit:
			notMine = true
		}
	}
	m.rawLiab = append(slices.Clip(m.liabStrong), m.liabWeak...)
	m.rawIndem = slices.Clip(m.indemCues)
	m.warranty = containsAny(low, lex().warranty)
	if m.liabWord && notMine {
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
	if m.indemStrong && slices.Contains(m.liabStrong, "release of claims") && !containsAny(low, lex().thirdParty) {
		// "Sie stellen uns von allen Ansprüchen frei und verzichten auf
		// …": a release of your own claims, not an indemnity against
		// someone else's.
		m.indemStrong = false
		m.indemCues = nil
	}
	if m.indemStrong && m.liabStrongAny && lex().exceptIndem.in(low) {
		m.exceptIndem = true
	}
	return m
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
