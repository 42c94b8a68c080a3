package clause

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toswatch/toswatch/internal/model"
)

// Cap reading: the caps of one liability clause, read the way a lawyer
// reads them. Every sentence of the clause that limits liability to a
// measure (an amount, the fees paid, a share of them) is a cap statement;
// so is a sentence that excludes liability altogether. Each statement is
// cut where a scope begins ("…, or, for free services, $50"), and each
// part yields one cap: the general one goes in Cap, those limited to a
// scope (free services, beta features, your liability, a region, a named
// product, claims of a kind) in Cap.Scoped. Carve-outs are read from the
// exceptions to the limitation only (carveout.go).

// liabilityClause makes the liability clause of adjacent sentences hits,
// its caps read from them and from the section after them, up to byte
// until (where the next clause starts).
func liabilityClause(fr *factReader, doc *plainDoc, hits []sentenceHit, until int) model.Clause {
	cl := clauseOf(doc.text, model.Liability, hits)
	sents := make([]span, len(hits))
	lows := make([]string, len(hits)) // each sentence lower-cased, once for capAbove and the statements
	for i, h := range hits {
		sents[i] = doc.spanAt(h.span)
		lows[i] = strings.ToLower(doc.plain[sents[i].start:sents[i].end])
		if !h.cap && capAbove(fr, lows[i]) {
			cl.Cues = appendUnique(cl.Cues, "amount above cap")
		}
	}
	var end int
	cl.Cap, cl.Protects, end = readCaps(fr, doc.plain, sents, lows, doc.at(until))
	if end = doc.endIn(end); end > cl.End {
		cl.End = end
		cl.Text = doc.text[cl.Start:cl.End]
	}
	if cl.Cap != nil && cl.Cap.Amount != nil {
		cl.Cues = appendUnique(cl.Cues, "cap amount")
	}
	return cl
}

// capStmt is one statement of a clause that may state a cap: a sentence,
// run on over the lines it is broken across, with the lead-in of the list
// it is an item of.
type capStmt struct {
	text       string // original case
	low        string // lower case
	ctx        string // lower-cased lead-in of its list, "" when none
	start, end int    // in the document
	carveOnly  bool   // after the clause in its section: read for carve-outs only
}

// capPart is one cap a statement states.
type capPart struct {
	cap   model.ScopedCap // Scope "" for a general cap
	party model.Party
}

// readCaps reads the caps of the liability clause made of sents (spans of
// doc, in order; lows, the same lower-cased) and of the rest of its
// section before byte until. It
// returns the cap (nil when the clause states none and no carve-out),
// whose liability the clause limits, and where the clause ends once a
// cap sentence broken over lines, or a last list item, is read.
func readCaps(fr *factReader, doc string, sents []span, lows []string, until int) (*model.Cap, model.Party, int) {
	stmts := capStatements(fr, doc, sents, lows)
	stmts = append(stmts, sectionTail(fr, doc[:until], stmts[len(stmts)-1])...)
	owner := ownerName(stmts)
	var parts []capPart
	clauseEnd := sents[len(sents)-1].end
	for _, st := range stmts {
		if st.carveOnly {
			continue
		}
		ps := statementCaps(fr, st, owner)
		if len(ps) > 0 && st.end > clauseEnd {
			clauseEnd = st.end // a cap sentence broken over lines is part of the clause
		}
		parts = append(parts, ps...)
	}
	generalCap := hasGeneralCap(parts)
	cp := &model.Cap{}
	var protects model.Party
	general := false
	for _, p := range parts {
		c := p.cap
		if c.Scope == "" && p.party == model.PartyYou {
			c.Scope = scopeYourLiability
		}
		if c.Scope == "" && c.Basis == model.BasisExcluded && (general || generalCap) {
			// Beside a cap, an exclusion says what the cap is not for;
			// stated twice, it is one exclusion.
			continue
		}
		if c.Scope == "" && !general {
			general = true
			cp.Amount, cp.Currency, cp.FeePeriodMonths, cp.Basis = c.Amount, c.Currency, c.FeePeriodMonths, c.Basis
			protects = p.party
			continue
		}
		if c.Scope == "" {
			if sameScoped(model.ScopedCap{Amount: cp.Amount, Currency: cp.Currency, FeePeriodMonths: cp.FeePeriodMonths, Basis: cp.Basis}, c) {
				continue // the general cap stated again
			}
			c.Scope = scopeOtherCap
		}
		if !slices.ContainsFunc(cp.Scoped, func(o model.ScopedCap) bool { return sameScoped(o, c) && o.Scope == c.Scope }) {
			cp.Scoped = append(cp.Scoped, c)
		}
	}
	if protects == "" {
		protects = clauseParty(fr, stmts)
	}
	cp.CarveOuts = readCarveOuts(fr, doc, stmts)
	if cp.Basis == "" && len(cp.Scoped) == 0 && len(cp.CarveOuts) == 0 {
		cp = nil
	}
	return cp, protects, clauseEnd
}

func hasGeneralCap(parts []capPart) bool {
	for _, p := range parts {
		if p.cap.Scope == "" && p.party != model.PartyYou && p.cap.Basis != model.BasisExcluded {
			return true
		}
	}
	return false
}

func sameScoped(a, b model.ScopedCap) bool {
	return (a.Amount == nil) == (b.Amount == nil) && (a.Amount == nil || *a.Amount == *b.Amount) &&
		a.Currency == b.Currency && a.FeePeriodMonths == b.FeePeriodMonths && a.Basis == b.Basis
}

// Scopes that are not read from the statement's own words.
const (
	scopeYourLiability = model.ScopeYourLiability
	scopeOtherCap      = model.ScopeFurtherCap
	scopeFree          = model.ScopeFree
)

// capStatements gathers the statements of a clause: each sentence, run on
// to the end of a sentence broken over lines, with the lead-in of the list
// it belongs to; a lead-in that announces a cap ("… shall not exceed the
// lesser of:") is one statement with all its items.
func capStatements(fr *factReader, doc string, sents []span, lows []string) []capStmt {
	lead := leadInBefore(doc, sents[0].start)
	var out []capStmt
	consumed := 0
	capList := -1 // the statement whose list states one cap, while its items go on
	for i, s := range sents {
		if s.start < consumed {
			continue
		}
		e := runOn(doc, s.end)
		consumed = e
		t := doc[s.start:e]
		low := lows[i]
		if e != s.end {
			low = strings.ToLower(t)
		}
		st := capStmt{text: t, low: low, start: s.start, end: e}
		item := listItem(t)
		switch {
		case item && lead != "":
			st.ctx = lead
		case !item:
			lead, capList = "", -1
		}
		if item && capList >= 0 {
			// An item of a list that states one cap: read with it.
			prev := &out[capList]
			prev.text += " " + t
			prev.low += " " + st.low
			prev.end = e
			continue
		}
		out = append(out, st)
		if stmtOpensList(t) {
			lead = st.low
			if capLead(fr, lead) {
				capList = len(out) - 1
			}
		}
	}
	if lead != "" && len(out) > 0 && out[0].ctx == lead && capLead(fr, lead) {
		// The clause is the items of a list whose lead-in, outside it,
		// announces one cap: read them as one statement.
		first := out[0]
		for _, st := range out[1:] {
			if st.ctx != lead {
				break
			}
			first.text += " " + st.text
			first.low += " " + st.low
			first.end = st.end
		}
		first.text, first.low, first.ctx = lead+" "+first.text, lead+" "+first.low, ""
		out = append([]capStmt{first}, out...)
	}
	return out
}

// sectionTail returns what the lines after a clause, up to the next
// heading, add to it: the items of a list the clause leaves open (the
// detector may stop before a last item that states the cap), and the
// sentences that make exceptions to the limitation (carve-outs are read
// from the section, not from the sentences the detector took alone).
func sectionTail(fr *factReader, doc string, last capStmt) []capStmt {
	lead := last.ctx
	if stmtOpensList(last.text) {
		lead = last.low
	}
	var out []capStmt
	pos := last.end
	for n := 0; n < 12 && pos < len(doc); n++ {
		nl := strings.IndexByte(doc[pos:], '\n')
		end := len(doc)
		if nl >= 0 {
			end = pos + nl
		}
		s, e := trimSpan(doc, pos, end)
		pos = end + 1
		if s >= e {
			continue
		}
		t := doc[s:e]
		if isHeading(t) && !leadIn(t) {
			break
		}
		if lead != "" && listItem(t) {
			out = append(out, capStmt{text: t, low: strings.ToLower(t), ctx: lead, start: s, end: e})
			continue
		}
		lead = ""
		for _, sp := range splitSentences(doc, s, e) {
			low := strings.ToLower(doc[sp.start:sp.end])
			if isException(fr, low) {
				out = append(out, capStmt{text: doc[sp.start:sp.end], low: low, start: sp.start, end: sp.end, carveOnly: true})
			}
		}
	}
	return out
}

// stmtOpensList is opensList for a statement of a clause. A list's
// lead-in holds a colon, most statements none: the test of the word
// after their last blank, a pattern, is spared them.
func stmtOpensList(t string) bool {
	return strings.IndexByte(t, ':') >= 0 && opensList(t)
}

// leadInBefore returns the lower-cased line before offset at of doc when
// it announces a list (ends with a colon), else "".
func leadInBefore(doc string, at int) string {
	before := strings.TrimRight(doc[:at], " \t\n")
	lead := strings.TrimSpace(before[strings.LastIndexByte(before, '\n')+1:])
	if !strings.HasSuffix(strings.TrimRight(lead, " *_"), ":") || strings.HasPrefix(lead, "#") {
		return ""
	}
	return strings.ToLower(lead)
}

// capLead reports whether a list's lead-in announces a cap its items
// state: a limiting phrase and no measure of its own.
func capLead(fr *factReader, low string) bool {
	return hasLimitPhrase(fr, low) && !hasMeasure(fr, low)
}

// runOn returns where the sentence ending at end really ends: a line that
// stops without a full stop, colon or semicolon (text from a PDF, a
// sentence broken over lines) runs on to the lines right below it.
func runOn(doc string, end int) int {
	for range 3 {
		rest := doc[end:]
		nl := strings.IndexByte(rest, '\n')
		if nl < 0 || strings.TrimSpace(rest[:nl]) != "" {
			return end
		}
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(doc[:end], " \t*_\"”'"))
		if strings.ContainsRune(".;:!?", last) {
			return end
		}
		next := rest[nl+1:]
		if i := strings.IndexByte(next, '\n'); i >= 0 {
			next = next[:i]
		}
		t := strings.TrimRight(next, " \t\r")
		first, _ := utf8.DecodeRuneInString(t)
		if t == "" || !(unicode.IsLetter(first) || unicode.IsDigit(first) || strings.ContainsRune("$€£(", first)) || isHeading(t) || listStart().MatchString(t) {
			return end
		}
		end += nl + 1 + len(t)
	}
	return end
}

// statementCaps returns the caps one statement states, one per part of it
// that a scope begins. owner is the provider's name where the clause
// gives it ("Acme's liability"), "" otherwise.
func statementCaps(fr *factReader, st capStmt, owner string) []capPart {
	low := st.low
	if notLimitedNeedles.in(low) {
		low = notLimitedTo().ReplaceAllString(low, "")
	}
	// Most sentences of a limitation state no cap: one pass over their
	// bytes finds the literals of the vocabulary, and the patterns run
	// only when a limit and a measure may be there.
	sc := fr.scan(low)
	capish := mayMeasure(low, sc.anyFound("cap.fees")) && sc.has("cap.limit")
	if !capish && !exclusionNeedles.in(low) && !sc.anyFound("scope.free") && !sc.anyFound("scope.beta") {
		return nil
	}
	var out []capPart
	segs := capSegments(low, sc)
	for _, seg := range segs {
		text := low[seg.start:seg.end]
		scope := seg.scope
		// The statement limits liability to a measure as a whole; each
		// part names its own ("…, or, for free services, $50").
		c, ok := model.ScopedCap{}, false
		if capish && (len(segs) == 1 || hasMeasure(fr, text)) {
			c, ok = segmentCap(fr, text)
		}
		if !ok {
			if !blanketExclusion(text) {
				continue
			}
			c = model.ScopedCap{Basis: model.BasisExcluded}
		}
		if scope == "" {
			scope = subjectScope(fr.withoutException(low), owner)
		}
		c.Scope = scope
		out = append(out, capPart{cap: c})
	}
	if len(out) == 0 {
		// "We will have no liability arising out of beta services": no
		// liability at all within a scope the terms name by a fixed word.
		for _, seg := range segs {
			if (seg.scope == scopeFree || seg.scope == model.ScopeBeta) && exclusionSentenceRe().MatchString(low) && !yourExemption().MatchString(low) && !containsAny(low, notExclusionNeedles) {
				out = append(out, capPart{cap: model.ScopedCap{Basis: model.BasisExcluded, Scope: seg.scope}})
				break
			}
		}
	}
	if len(out) > 0 {
		party := statementParty(fr, st)
		for i := range out {
			out[i].party = party
		}
	}
	return out
}

// segmentCap reads the cap one part of a statement states; the caller
// has checked that it limits liability to a measure.
func segmentCap(fr *factReader, low string) (model.ScopedCap, bool) {
	var c model.ScopedCap
	if amt, cur, ok := fr.amount(low); ok {
		c.Amount, c.Currency = &amt, cur
	}
	sc := fr.scan(low)
	fees := sc.has("cap.fees")
	if fees {
		c.FeePeriodMonths = findMonths(fr, low)
	}
	switch {
	case c.Amount != nil && fees:
		// "the greater of" is the common form; an amount offered beside
		// the fees without a word for which ("$1,000 or the fees you
		// paid") reads as an alternative floor, a greater-of cap too.
		c.Basis = model.BasisGreater
		if l, g := sc.first("cap.lesser"), sc.first("cap.greater"); l != nil && (g == nil || l[0] <= g[0]) {
			c.Basis = model.BasisLesser
		}
	case c.Amount != nil:
		c.Basis = model.BasisFixed
	case fees || percentRe().MatchString(low):
		c.Basis = model.BasisFees
	default:
		return model.ScopedCap{}, false
	}
	return c, true
}

// mayMeasure reports whether s holds a literal that every measure of a
// cap holds: a money sign or word, a currency code, a word for the fees
// (fees: the fees' literals were found).
func mayMeasure(s string, fees bool) bool {
	return fees || facts().measures.in(s)
}

// hasMeasure reports whether s names what a cap is measured in: an
// amount of money, the fees or price paid, or a percentage.
func hasMeasure(fr *factReader, s string) bool {
	if facts().measures.in(s) {
		if _, _, ok := fr.amount(s); ok || strings.Contains(s, "%") {
			return true
		}
	}
	return fr.scan(s).has("cap.fees")
}

var currencyCodes = strings.Split("usd|eur|gbp|chf|cad|aud|pln|jpy|inr|zł", "|")

// hasLimitPhrase reports whether s limits something to a measure: "shall
// not exceed", "limited to", "capped at", "the lesser of", "höchstens", …
func hasLimitPhrase(fr *factReader, s string) bool {
	return fr.scan(s).has("cap.limit")
}

var notLimitedNeedles = literalsOf("not limited|being limited|without limitation|sin limitarse|s'y limiter|ohne darauf|a titolo")

// notLimitedTo removes the phrases in which "limited to" limits nothing.
var notLimitedTo = lazyRE(`(?:including,?\s+)?(?:but\s+)?(?:not|without\s+being)\s+limited\s+to|without\s+limitation|sin\s+limitarse\s+a|sans\s+s'y\s+limiter|ohne\s+darauf\s+beschränkt|a\s+titolo\s+esemplificativo`)

// capSegment is a part of a statement and the scope it begins with.
type capSegment struct {
	start, end int
	scope      string
}

// capSegments cuts a statement where a scope begins: "our liability will
// not exceed $100 (or, for free services, $10)" is a general part and a
// part for free services. A scope at the head of the statement ("For free
// services, …") makes the whole of it scoped.
func capSegments(low string, sc *factScan) []capSegment {
	type mark struct {
		at    int
		scope string
	}
	var marks []mark
	for _, fixed := range []struct{ section, scope string }{{"scope.free", scopeFree}, {"scope.beta", model.ScopeBeta}} {
		for _, at := range sc.all(fixed.section) {
			if !excludingScope(low[:at]) {
				marks = append(marks, mark{at, fixed.scope})
			}
		}
	}
	if regionNeedles.in(low) {
		for _, m := range regionRe().FindAllStringSubmatchIndex(low, -1) {
			if !excludingScope(low[:m[0]]) {
				marks = append(marks, mark{m[0], "users in " + regionName(low[m[2]:m[3]])})
			}
		}
	}
	slices.SortFunc(marks, func(a, b mark) int { return a.at - b.at })
	segs := []capSegment{{start: 0}}
	for _, m := range marks {
		last := &segs[len(segs)-1]
		from := max(last.start, m.at-60)
		cut := last.start
		if i := strings.LastIndexAny(low[from:m.at], ",;:(—"); i >= 0 {
			cut = from + i
		} else if m.at-last.start > 60 {
			cut = m.at
		}
		if cut == last.start {
			if last.scope == "" {
				last.scope = m.scope
			}
			continue
		}
		segs = append(segs, capSegment{start: cut, scope: m.scope})
	}
	for i := range segs {
		segs[i].end = len(low)
		if i+1 < len(segs) {
			segs[i].end = segs[i+1].start
		}
	}
	return segs
}

// excludingScope reports whether the text before a scope takes the scope
// out of a cap rather than giving it one: "other than for free
// services".
func excludingScope(before string) bool {
	t := strings.TrimRight(before, " ,(")
	for _, w := range []string{"including", "other than", "excluding", "even", "incluidos", "y", "und", "et", "e"} {
		if strings.HasSuffix(t, " "+w) || t == w {
			return true
		}
	}
	return false
}

// regionRe finds a scope that is a region ("for users in the EU"),
// named in English words.
var (
	regionNeedles = literalsOf(" eu| eea|european| uk|united| usa|germany|france|spain|italy|poland|australia|canada|zealand|japan|brazil|india|switzerland|quebec|california|ireland|austria|netherlands")
	regionRe      = lazyRE(`\b(?:users?|customers?|consumers?|residents?|you)\b\s+(?:\S+\s+){0,4}?(?:in|of)\s+(?:the\s+)?(eu|eea|european union|european economic area|uk|united kingdom|united states|usa|germany|france|spain|italy|poland|australia|canada|new zealand|japan|brazil|india|switzerland|quebec|california|ireland|austria|netherlands)\b`)
)

func regionName(r string) string {
	switch r {
	case "eu", "eea", "uk", "usa":
		return "the " + strings.ToUpper(r)
	case "european union", "european economic area", "united kingdom", "united states", "netherlands":
		return "the " + titleWords(r)
	}
	return titleWords(r)
}

func titleWords(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

// subjectScope reads the scope a statement gives its cap in its subject:
// "Acme's aggregate liability for Marketplace purchases shall not exceed
// $50" caps only what is bought on the marketplace; "our liability for
// all claims arising out of these terms" is the general cap.
func subjectScope(low, owner string) string {
	if !strings.Contains(low, "liabilit") && !containsAny(low[:min(len(low), 24)], scopeHeads) {
		return ""
	}
	m := subjectScopeMatch(low)
	if m == nil {
		return ""
	}
	phrase := m[1]
	if phrase == "" {
		phrase = m[2]
	}
	var keep []string
	for _, w := range strings.Fields(strings.NewReplacer(",", " ", "(", " ", ")", " ", "\"", " ", "“", " ", "”", " ").Replace(phrase)) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if scopeStopWords[w] || w == owner {
			continue
		}
		keep = append(keep, w)
	}
	specific := false
	for _, w := range keep {
		if !genericObjects[w] {
			specific = true
		}
	}
	if !specific {
		return ""
	}
	if len(keep) > 6 {
		keep = keep[:6]
	}
	return strings.Join(keep, " ")
}

// subjectScopeMatch returns the first match of subjectScopeRe in low.
// Its matches start at the start of low or at a "liabilit" followed by
// one of its connectors ("for", "arising", …): the pattern, anchored,
// runs only there, from the first such place on, not from every
// position of the statement (4% of a dense cold round). Anchored at a
// "liabilit" past the start, its ^ cannot match, nor its second
// alternative, which starts with a scope's head word.
func subjectScopeMatch(low string) []string {
	if startsWithAny(low, subjectScopeHeads) {
		if m := subjectScopeAt().FindStringSubmatch(low); m != nil {
			return m
		}
	}
	for off := 0; ; {
		i := strings.Index(low[off:], "liabilit")
		if i < 0 {
			return nil
		}
		p := off + i
		if scopeConnects(low[p+len("liabilit"):]) {
			if m := subjectScopeAt().FindStringSubmatch(low[p:]); m != nil {
				return m
			}
		}
		off = p + 1
	}
}

// scopeConnects reports whether s, the text after a "liabilit", may go on
// as subjectScopeRe's first alternative does: "y" or "ies", white space,
// then "to you" or "of …" or a connector. It is true of every text the
// pattern matches there, and false of most others ("liability shall").
func scopeConnects(s string) bool {
	switch {
	case strings.HasPrefix(s, "y"):
		s = s[1:]
	case strings.HasPrefix(s, "ies"):
		s = s[3:]
	default:
		return false
	}
	n := 0
	for n < len(s) && strings.IndexByte("\t\n\f\r ", s[n]) >= 0 {
		n++
	}
	return n > 0 && startsWithAny(s[n:], scopeConnectors)
}

// scopeConnectors are the words that begin what subjectScopeRe's first
// alternative takes after "liability" and its white space.
var scopeConnectors = []string{"to", "of", "for", "with respect to", "in respect of", "regarding", "in relation to", "arising ",
	"in connection with", "relating to", "related to", "under"}

// subjectScopeHeads are the words subjectScopeRe's second alternative
// starts with.
var subjectScopeHeads = []string{"for", "with respect to", "in respect of", "in the case of", "as to", "regarding", "in relation to"}

var scopeHeads = strings.Split("for |with respect|in respect|in the case|as to|regarding|in relation", "|")

const subjectScopePattern = `liabilit(?:y|ies)\s+(?:to\s+you\s+|of\s+\S+\s+)?(?:for|with respect to|in respect of|regarding|in relation to|arising (?:out of|from|under)|in connection with|relating to|related to|under)\s+(.{3,90}?)\s+(?:shall|will|is|are|may|does|must|cannot|can|in no event|in the aggregate|exceeds?)\b` +
	`|^(?:for|with respect to|in respect of|in the case of|as to|regarding|in relation to)\s+([^,]{3,90}?),`

var subjectScopeRe = lazyRE(subjectScopePattern)

// subjectScopeAt is subjectScopeRe anchored at the start of the text.
var subjectScopeAt = lazyRE(`^(?:` + subjectScopePattern + `)`)

var scopeStopWords = wordSet0(`the a an any all and or of to in on with from out under connection respect relation relating related arising
	these this that your our its their such each every other whether including claims claim causes cause action actions damages damage
	losses loss liability liabilities incident incidents event events kind kinds nature whatsoever contract tort negligence otherwise theory
	theories breach you us we me hereunder herein thereof way manner basis reason reasons aggregate total amount amounts by for as per
	including without limitation strict warranty statute equity legal connected respecting concerning regard relation whatsoever
	whether based liable party parties either neither both`)

var genericObjects = wordSet0(`terms agreement agreements service services site sites website websites platform platforms software product products use
	uses application applications app apps eula tos conditions offerings offering account accounts content materials policy policies
	subscription subscriptions order orders form forms documentation features feature tool tools access`)

func wordSet0(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// ownerName returns the name a clause gives the provider in a possessive
// before "liability" ("ACME'S TOTAL LIABILITY"), lower case, or "".
func ownerName(stmts []capStmt) string {
	for _, st := range stmts {
		if m := ownerMatch(st.low); m != nil && !youWords[m[1]] && m[1] != "party" {
			return m[1]
		}
	}
	return ""
}

var ownerRe = lazyRE(`\b(\pL[\pL&.-]*)(?:'s|’s)\s+(?:\S+\s+){0,3}?liabilit`)

// ownerMatch returns the first match of ownerRe in low, run from the
// word before the first possessive that "liabilit" begins one of the
// four words after: run over the whole sentence, the pattern tried every
// position of it (7% of reading a dense page's facts, where "Customer's"
// is in most sentences).
func ownerMatch(low string) []string {
	for a := 0; a < len(low); a++ {
		n := 0
		switch {
		case strings.HasPrefix(low[a:], "'s"):
			n = 2
		case strings.HasPrefix(low[a:], "’s"):
			n = len("’s")
		default:
			continue
		}
		if !liabilityWithin4(low[a+n:]) {
			continue
		}
		// Back to the start of the word, and on to a byte that is no
		// letter nor digit, so that \b there means what it means in low.
		from := a
		for from > 0 && (low[from-1] >= 0x80 || isWordByte(low[from-1]) || strings.IndexByte("&.-", low[from-1]) >= 0) {
			from--
		}
		return ownerRe().FindStringSubmatch(low[from:])
	}
	return nil
}

// liabilityWithin4 reports whether s begins with blanks and one of the
// four words after them begins with "liabilit": what ownerRe asks of
// the text after a possessive.
func liabilityWithin4(s string) bool {
	i := 0
	for word := 0; word < 4; word++ {
		start := i
		for i < len(s) && isBlank(s[i]) {
			i++
		}
		if i == start {
			return false
		}
		if strings.HasPrefix(s[i:], "liabilit") {
			return true
		}
		for i < len(s) && !isBlank(s[i]) {
			i++
		}
	}
	return false
}

var youWords = wordSet0(`you your customer customers user users licensee subscriber member client`)

// statementParty says whose liability a statement limits: both parties'
// ("neither party's liability"), yours ("your total liability") or the
// provider's.
func statementParty(fr *factReader, st capStmt) model.Party {
	for _, s := range []string{st.low, st.ctx} {
		if s == "" {
			continue
		}
		if p := fr.limits(s); p != "" {
			return p
		}
		if strings.Contains(st.text, "Ihre Haftung") || strings.Contains(st.text, "Deine Haftung") {
			return model.PartyYou
		}
	}
	return model.PartyProvider
}

// limits says whose liability the limitation a statement (lower case)
// states limits when its words say it: both parties' or yours; "" when
// they do not. It is read once per text: a statement is asked when it
// states a cap and again when the clause's party is read, a lead-in for
// each of its items.
func (r *factReader) limits(s string) model.Party {
	var sc *factScan
	if r != nil {
		if sc = r.scan(s); sc.limits != nil {
			return *sc.limits
		}
	}
	var p model.Party
	lsc := r.scan(limitationPart(r, s))
	switch {
	case lsc.has("party.mutual"):
		p = model.PartyMutual
	case lsc.has("party.you") && !lsc.has("party.provider"):
		p = model.PartyYou
	}
	if sc != nil {
		sc.limits = &p
	}
	return p
}

// limitationPart returns what a statement (lower case) says of the
// limitation itself, without the exceptions made to it: "except for a
// party's indemnification obligations, acme's total liability …" limits
// Acme's liability, whoever the exception names; so does "acme's
// liability … will not exceed $100, except for either party's …".
func limitationPart(fr *factReader, low string) string {
	p := fr.withoutException(low)
	if m := fr.scan(p).first("cap.exception"); m != nil && m[0] > 0 {
		p = p[:m[0]]
	}
	return p
}

// clauseParty says whose liability a clause without a cap limits.
func clauseParty(fr *factReader, stmts []capStmt) model.Party {
	yours := len(stmts) > 0
	for _, st := range stmts {
		switch statementParty(fr, st) {
		case model.PartyMutual:
			return model.PartyMutual
		case model.PartyProvider:
			yours = false
		}
	}
	if yours {
		return model.PartyYou
	}
	return model.PartyProvider
}

// blanketExclusion reports whether s excludes all liability ("we have no
// liability whatsoever"), not liability for something in particular
// ("no liability whatsoever for third-party content").
func blanketExclusion(s string) bool {
	if !exclusionNeedles.in(s) {
		return false
	}
	for _, m := range blanketRe().FindAllStringIndex(s, -1) {
		if genericTail(s[m[1]:]) {
			return true
		}
	}
	return false
}

var exclusionNeedles = literalsOf("whatsoever|of any kind|at all|alguna|ningún tipo|en absoluto|quelque|quelle qu|keinerlei|jegliche|sämtliche|vollständig|alcun|qualsiasi titolo|żadnej|jakiegokolwiek")

var blanketRe = lazyRE(`\bno\s+(?:\S+\s+)?(?:liability|responsibility)\s+(?:\S+\s+){0,3}?(?:whatsoever|of any kind|at all)\b` +
	`|(?:disclaim\S*|exclud\S*|waive\S*|not\s+(?:have|bear|accept|assume|incur)|no)\s+(?:\S+\s+){0,2}?(?:any|all)\s+(?:\S+\s+)?(?:liability|responsibility)\s+(?:\S+\s+){0,3}?(?:whatsoever|of any kind|at all)\b` +
	`|(?:\bnot|in no event|under no circumstances)\s+(?:\S+\s+){0,3}?(?:be\s+)?(?:liable|responsible)\s+(?:to\s+(?:you|anyone|any person|any third party)\s+)?(?:(?:for|in respect of)\s+any\s+(?:loss(?:es)?|damages?|claims?|thing|liability)\s+)?(?:whatsoever|of any kind|at all)\b` +
	`|(?:ninguna|ningún\s+tipo\s+de)\s+responsabilidad\s+(?:\S+\s+){0,2}?(?:alguna|en\s+absoluto|de\s+ningún\s+tipo|de\s+ninguna\s+clase)|no\s+(?:asume|acepta|tendrá|asumirá|aceptará)\s+(?:\S+\s+){0,2}?responsabilidad\s+(?:alguna|de\s+ningún\s+tipo)` +
	`|aucune\s+responsabilit\S*\s+(?:\S+\s+){0,2}?(?:de\s+quelque\s+(?:nature|sorte)\s+que\s+ce\s+soit|quelle\s+qu'elle\s+soit)` +
	`|(?:jegliche|sämtliche)\s+haftung\s+(?:\S+\s+){0,4}?ausgeschlossen|keinerlei\s+haftung|haftung\s+(?:\S+\s+){0,3}?(?:vollständig|gänzlich|vollumfänglich)\s+ausgeschlossen` +
	`|(?:nessuna|alcuna)\s+responsabilit\S*\s+(?:\S+\s+){0,2}?(?:di\s+alcun\s+(?:tipo|genere)|a\s+(?:nessun|qualsiasi)\s+titolo|di\s+qualsiasi\s+(?:tipo|natura))` +
	`|nie\s+ponosi\s+(?:\S+\s+){0,2}?żadnej\s+odpowiedzialności\s+(?:\S+\s+){0,2}?(?:z\s+jakiegokolwiek\s+tytułu)`)

// genericTail reports whether what follows an exclusion leaves it
// general: nothing, or "to you", "for any damages", "arising out of these
// terms", …, rather than "for third-party content".
func genericTail(tail string) bool {
	t := strings.TrimSpace(tail)
	if end := strings.IndexAny(t, ".;"); end >= 0 {
		t = t[:end]
	}
	if t == "" || strings.HasPrefix(t, ",") {
		return true
	}
	words := strings.Fields(strings.NewReplacer(",", " ", "(", " ", ")", " ").Replace(t))
	if len(words) > 12 {
		words = words[:12]
	}
	for _, w := range words {
		if !scopeStopWords[w] && !genericObjects[w] && !tailWords[w] {
			return false
		}
	}
	return true
}

var tailWords = wordSet0(`anyone person persons third thing anything use using law permitted extent maximum fullest applicable
	whatsoever circumstances otherwise en absoluto por ningún concepto frente a usted vous envers gegenüber ihnen nei confronti
	dell'utente wobec użytkownika ani do de la le les du des el los las y et und oder`)
