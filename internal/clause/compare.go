package clause

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/toswatch/toswatch/internal/model"
)

// Compare classifies how the clauses moved between two texts (Markdown).
// It returns one ClauseChange per clause type that changed, liability
// first; nil when none did.
//
// Clauses are compared as multisets of sentences, so a paragraph that only
// moved is no change, and an edit elsewhere in the document is none
// either. When the sentences differ only in case, punctuation, numbering
// or whitespace the change is cosmetic (not material, low severity).
//
// The change carries facts, not prose: the caps and parties before and
// after, the findings of what moved, and the names of the severity rules
// that fired (rules.go); internal/present composes the summary.
func Compare(oldText, newText string) []model.ClauseChange {
	ccs, _ := compare(oldText, newText, false)
	return ccs
}

// CompareFacts is Compare, and Facts of newText too: a check that records
// a changed version reads its text once, and the sections the comparison
// read the facts of are not read again.
func CompareFacts(oldText, newText string) ([]model.ClauseChange, model.DocFacts) {
	return compare(oldText, newText, true)
}

func compare(oldText, newText string, facts bool) ([]model.ClauseChange, model.DocFacts) {
	// The two versions are read side by side: on long documents reading
	// is most of the time (seconds for 10 MB), and the two are independent.
	var a scanned
	read := make(chan struct{})
	memo := &cueMemo{} // the versions share most sentences: each is matched once
	go func() {
		defer close(read)
		a = scan(oldText, shippedModel(), memo)
	}()
	b := scan(newText, shippedModel(), memo)
	<-read
	own := b // the new version's clause sentences as Analyze finds them, before harmonise
	norms := newNormMemo()
	harmonise(&a, &b, norms)
	var out []model.ClauseChange
	memos := map[string]factMemo{}
	for _, typ := range []string{model.Liability, model.Indemnification} {
		hb, ha := a.hitsOf(typ), b.hitsOf(typ)
		// The facts of a clause type (caps, parties) are read only when
		// its sentences changed: most changes leave the clauses alone.
		if slices.Equal(sentencesIn(merge(oldText, typ, hb, nil, nil), nil).sentences(false), sentencesIn(merge(newText, typ, ha, nil, nil), nil).sentences(false)) {
			continue
		}
		memo := factMemo{} // the sections both versions share are read once
		memos[typ] = memo
		if ch, ok := compareType(typ, oldText, newText, merge(oldText, typ, hb, a.plain, memo), merge(newText, typ, ha, b.plain, memo), norms); ok {
			out = append(out, ch)
		}
	}
	if !facts {
		return out, model.DocFacts{}
	}
	return out, factsOf(newText, own.clauses(memos))
}

// hitsOf returns the clause sentences of one type.
func (s *scanned) hitsOf(typ string) []sentenceHit {
	if typ == model.Indemnification {
		return s.indem
	}
	return s.liab
}

// normalise keeps only the words of a sentence: lower case, without
// punctuation, Markdown emphasis, numbering or extra spaces.
func normalise(s string) string {
	if strings.Contains(s, "](") || strings.Contains(s, "{#") {
		// Link targets and heading anchors are not wording: a changed
		// anchor ("#indemnification" → "#indemnity") is no change.
		s = dropLinkTargets(s)
	}
	t := wordsOf(s)
	// Leading numbering: "7 2", "a", "iv", "14".
	for {
		f, rest, ok := strings.Cut(t, " ")
		if !ok || !(isNumbering(f) || allDigits(f)) {
			break
		}
		t = rest
	}
	if strings.ContainsAny(t, "0123456789") {
		t = foldCrossRefs(t)
	}
	return t
}

// wordsOf returns the letters and digits of s, lower case, one blank
// between runs of them. It reads s once, lower-casing rune by rune as
// strings.ToLower does and ASCII without a table: every sentence of both
// versions of a document goes through here.
func wordsOf(s string) string {
	b := make([]byte, 0, len(s))
	space := true
	for _, r := range s {
		if r < utf8.RuneSelf {
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			default:
				if !space {
					b = append(b, ' ')
					space = true
				}
				continue
			}
			b = append(b, c)
			space = false
			continue
		}
		if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = utf8.AppendRune(b, r)
			space = false
		} else if !space {
			b = append(b, ' ')
			space = true
		}
	}
	return strings.TrimSpace(string(b))
}

// sameContentWords reports whether normalised words a and b are the same
// but for the small words ("that", "with", "the", …): an edit that only
// adds or drops such words ("the terms the third party provided you" →
// "the terms that the third party provided you with") moves no wording.
// It reads both word by word, without copying them: they are whole
// clause texts, and splitting and joining both was a twentieth of a
// comparison of two dense pages.
func sameContentWords(a, b string) bool {
	for i, j := 0, 0; ; {
		var x, y string
		x, i = nextContentWord(a, i)
		y, j = nextContentWord(b, j)
		if x != y {
			return false
		}
		if x == "" {
			return true
		}
	}
}

// nextContentWord returns the first word of s from i on (as
// strings.Fields splits) that is not a small word, and where it ends; ""
// when there is none.
func nextContentWord(s string, i int) (string, int) {
	for {
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i == len(s) {
			return "", i
		}
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if w := s[start:i]; !smallFunctionWords[w] {
			return w, i
		}
	}
}

var smallFunctionWords = wordSet0(`the a an of to and or that which who whom with by for in on at as be is are was were been this these those it its any all such there then than so`)

// dropLinkTargets replaces the link targets of Markdown ("](url)",
// `](url "title")`) and its heading anchors ("{#id}") with "]", as the
// pattern `\]\([^)\s]*(?:\s+"[^"]*")?\)|\{#[^}]*\}` would, by hand: clause
// texts are normalised whole, and a regular expression over a long one
// with many links took a third of a comparison.
func dropLinkTargets(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		end := -1
		switch {
		case strings.HasPrefix(s[i:], "]("):
			end = linkTargetEnd(s, i+2)
		case strings.HasPrefix(s[i:], "{#"):
			if j := strings.IndexByte(s[i+2:], '}'); j >= 0 {
				end = i + 2 + j + 1
			}
		}
		if end < 0 {
			i++
			continue
		}
		b.WriteString(s[done:i])
		b.WriteByte(']')
		done, i = end, end
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// linkTargetEnd returns where a link target that starts at p (after "](")
// ends: after its ")", past an optional quoted title; -1 when it does not.
func linkTargetEnd(s string, p int) int {
	q := p
	for q < len(s) && s[q] != ')' && !reSpace(s[q]) {
		q++
	}
	if q < len(s) && s[q] == ')' {
		return q + 1
	}
	w := q
	for w < len(s) && reSpace(s[w]) {
		w++
	}
	if w == q || w >= len(s) || s[w] != '"' {
		return -1
	}
	k := strings.IndexByte(s[w+1:], '"')
	if k < 0 {
		return -1
	}
	if e := w + 1 + k + 1; e < len(s) && s[e] == ')' {
		return e + 1
	}
	return -1
}

// reSpace is \s of a regular expression: ASCII blanks.
func reSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// foldCrossRefs replaces the numbers of references to numbered parts of
// a document ("section 12 1 12 8", normalised: words one blank apart)
// with "#": "Section 13" renumbered "Section 14" is numbering too. The
// words after a reference are kept (splitting t into words and folding
// them in place overwrote them all with "#": "section 9 … we are liable"
// and "section 9 … we are not liable" were the same words). It copies t
// only from the first reference on: whole clause texts hold a digit, and
// splitting and joining all their words was a tenth of a comparison of
// two dense pages.
func foldCrossRefs(t string) string {
	var b []byte // t[:done] folded, once a reference was found
	done := 0
	for i := 0; i < len(t); {
		end := wordEnd(t, i)
		// A reference is followed by a number: the next word's first
		// byte is tested before the word is looked up (most words are
		// none, and the look-up was most of the fold).
		if end+1 >= len(t) || t[end+1] < '0' || t[end+1] > '9' || !refWords[t[i:end]] || !refNumber(t[end+1:wordEnd(t, end+1)]) {
			i = end + 1
			continue
		}
		// The numbers after the word, up to the next word that is none.
		next := end + 1
		for next < len(t) {
			e := wordEnd(t, next)
			if !refNumber(t[next:e]) {
				break
			}
			next = e + 1
		}
		b = append(b, t[done:end]...)
		b = append(b, " #"...)
		done = min(next-1, len(t)) // the blank before the next word, if any
		i = next
	}
	if b == nil {
		return t
	}
	return string(append(b, t[done:]...))
}

// wordEnd returns where the word of t that starts at i ends.
func wordEnd(t string, i int) int {
	if j := strings.IndexByte(t[i:], ' '); j >= 0 {
		return i + j
	}
	return len(t)
}

// refNumber reports whether w numbers a part: "12", "4a".
func refNumber(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return i == len(w)-1 && w[i] >= 'a' && w[i] <= 'z'
		}
	}
	return true
}

var refWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`section sections clause clauses paragraph paragraphs article articles item items
		schedule schedules annex exhibit exhibits abschnitt abschnitte ziffer ziffern artikel sección seccion secciones
		cláusula cláusulas apartado apartados artículo artículos paragraphe paragraphes articolo articoli paragrafo
		paragrafi punkt punktu ust rozdział sekcja sekcji`) {
		m[w] = true
	}
	return m
}()

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func compareType(typ, oldText, newText string, before, after []model.Clause, norms *normMemo) (model.ClauseChange, bool) {
	sb, sa := sentencesIn(before, norms), sentencesIn(after, norms)
	if slices.Equal(sb.sentences(false), sa.sentences(false)) {
		return model.ClauseChange{}, false
	}
	ch := model.ClauseChange{
		Type:      typ,
		Kind:      model.ChangeModified,
		Before:    joinTexts(before),
		After:     joinTexts(after),
		CapBefore: mainCap(before),
		CapAfter:  mainCap(after),
	}
	switch {
	case len(before) == 0:
		ch.Kind = model.ChangeAdded
	case len(after) == 0:
		ch.Kind = model.ChangeRemoved
	}
	d := &delta{typ: typ, kind: ch.Kind, before: before, after: after, sentB: sb, sentA: sa, norms: norms}
	// The second test catches edits that change where sentences split,
	// such as a switch from capitals to lower case.
	nb, na := normalise(ch.Before), normalise(ch.After)
	d.cosmetic = ch.Kind == model.ChangeModified && (slices.Equal(sb.sentences(true), sa.sentences(true)) ||
		nb == na || sameContentWords(nb, na))
	if !d.cosmetic {
		if from, to, ok := renamed(ch.Before, ch.After, nb, na); ok {
			d.cosmetic, d.renamed = true, [2]string{from, to}
		} else {
			d.read(oldText, newText)
		}
	}
	ch.Material = !d.cosmetic
	ch.Rules, ch.Findings, ch.Severity = judge(d)
	ch.Findings = append(ch.Findings, d.unrated(ch.Findings)...)
	if ch.Severity == "" {
		ch.Severity = model.SeverityMedium // material, and no rule rates it
	}
	if ch.Rules == nil {
		ch.Rules = model.RuleNames{}
	}
	for _, p := range d.caps {
		if capsDiffer(p.before, p.after) {
			// Report the caps of the section that changed, not the
			// first cap of each text.
			ch.CapBefore, ch.CapAfter = p.before, p.after
			break
		}
	}
	if typ == model.Liability {
		ch.ProtectsBefore, ch.ProtectsAfter = d.protB, d.protA
	} else {
		ch.DirectionBefore, ch.DirectionAfter = changedDirection(before, sb, sa), changedDirection(after, sa, sb)
	}
	return ch, true
}

func joinTexts(cs []model.Clause) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Text
	}
	return strings.Join(parts, "\n")
}

// mainCap is the first cap with a basis (the cap on total liability),
// else the first cap stated at all.
func mainCap(cs []model.Clause) *model.Cap {
	var first *model.Cap
	for _, c := range cs {
		if c.Cap == nil {
			continue
		}
		if c.Cap.Basis != "" {
			return c.Cap
		}
		if first == nil {
			first = c.Cap
		}
	}
	return first
}

func hasCap(c *model.Cap) bool { return c != nil && c.Basis != "" }

// withLeadIns returns the texts of clauses as facts read them (lower
// case, no emphasis marks: plainLower), each clause that
// opens with a list item preceded by the line that announces the list
// ("… except for damages which we cause due to:"): what the items are
// carved out of is said there.
func withLeadIns(doc string, cs []model.Clause) string {
	var b strings.Builder
	for _, c := range cs {
		if first, _, _ := strings.Cut(c.Text, "\n"); listStart().MatchString(strings.TrimSpace(first)) {
			before := strings.TrimRight(doc[:c.Start], " \t\n")
			lead := before[strings.LastIndexByte(before, '\n')+1:]
			if strings.HasSuffix(lead, ":") {
				b.WriteString(plainLower(lead))
				b.WriteByte('\n')
			}
		}
		b.WriteString(plainLower(c.Text))
		b.WriteByte('\n')
	}
	return b.String()
}

// exclusions are the kinds of damages a limitation may exclude.
var exclusions = []struct {
	name string
	re   func() *startSearch
	need []string
}{
	{"indirect damages", lazySearch(`\bindirect|indirect[oa]s|indirects|indirekt|mittelbar|indirett|pośredni`), strings.Split("indirect|indirekt|mittelbar|indirett|pośredni", "|")},
	{"consequential damages", lazySearch(`consequential|consecuen|consécutif|folgeschäd|consequenzial|conseguent|wynikow|następcz`), strings.Split("consequen|consecuen|consécutif|folgeschäd|conseguent|wynikow|następcz", "|")},
	{"incidental damages", lazySearch(`incidental|incidentales|accessoire|beiläufig|zufällig|incidental|accidental|przypadkow`), strings.Split("incident|accessoire|beiläufig|zufällig|accidental|przypadkow", "|")},
	{"special damages", lazySearch(`\bspecial\b[\s,]+(?:\S+\s+){0,4}damages|especiales|spéciaux|besondere|speciali|szczególn`), strings.Split("special|especiales|spéciaux|besondere|speciali|szczególn", "|")},
	{"punitive damages", lazySearch(`punitive|exemplary|punitivos|punitifs|strafschad|punitivi|retorsyjn`), strings.Split("punitiv|exemplary|punitifs|strafschad|retorsyjn", "|")},
	{"lost profits", lazySearch(`lost\s+profits|loss\s+of\s+(?:\S+\s+){0,2}profits|lucro cesante|beneficios|manque à gagner|entgangen\S*\s+gewinn|lucro cessante|mancato guadagno|utracon\S*\s+korzy|utrat\S*\s+zysk`), strings.Split("profit|lucro|beneficios|manque|gewinn|guadagno|korzy|zysk", "|")},
	{"loss of data", lazySearch(`(?:loss|corruption)\s+of\s+(?:\S+\s+){0,2}data|lost data|pérdida de datos|perte de données|datenverlust|verlust von daten|perdita di dati|utrat\S*\s+danych`), strings.Split("data|datos|données|daten|dati|danych", "|")},
	{"loss of goodwill", lazySearch(`goodwill|fondo de comercio|clientèle|geschäftswert|firmenwert|avviamento|reputacj|dobrego imienia`), strings.Split("goodwill|fondo de comercio|clientèle|geschäftswert|firmenwert|avviamento|reputacj|dobrego imienia", "|")},
	{"business interruption", lazySearch(`business interruption|interrupción del negocio|interruption d'activité|betriebsunterbrechung|interruzione dell'attività|przerw\S*\s+w\s+działalności`), strings.Split("interrup|unterbrechung|przerw", "|")},
}

// findExclusions returns the kinds of damages low (the liability clauses,
// lower case) excludes. An exclusion's pattern runs on windows of the text
// around the occurrences of its literals (need), each literal's found from
// the end of the one before; on a long text that is far faster than
// running it on all of it. The occurrences of every literal are found in
// one pass over the text: a strings.Index of each over a dense page's
// clauses, most of them absent, cost more than all the patterns.
func findExclusions(low string) []string {
	const before, after = 160, 160
	ex := exclusionLiterals()
	found := make([]bool, len(exclusions))
	next := make([]int, len(ex.needs)) // where the next occurrence of each literal may start
	left := len(exclusions)
	for i := 0; i < len(low) && left > 0; i++ {
		if !ex.all.at(low, i) {
			continue
		}
		for k, nd := range ex.needs {
			if found[nd.exclusion] || i < next[k] || !strings.HasPrefix(low[i:], nd.text) {
				continue
			}
			next[k] = i + len(nd.text)
			if exclusions[nd.exclusion].re().MatchString(low[max(0, i-before):min(len(low), i+len(nd.text)+after)]) {
				found[nd.exclusion] = true
				left--
			}
		}
	}
	var out []string
	for e, f := range found {
		if f {
			out = append(out, exclusions[e].name)
		}
	}
	return out
}

// exclusionLiterals are the literals of every exclusion, each with the
// exclusion it is of, and all of them as one set.
var exclusionLiterals = sync.OnceValue(func() (ex struct {
	needs []exclusionNeed
	all   *literals
}) {
	var all []string
	for e, x := range exclusions {
		for _, n := range x.need {
			ex.needs = append(ex.needs, exclusionNeed{text: n, exclusion: e})
			all = append(all, n)
		}
	}
	ex.all = newLiterals(all)
	return ex
})

// exclusionNeed is a literal of an exclusion.
type exclusionNeed struct {
	text      string
	exclusion int // index in exclusions
}

// newSentences returns the sentences of after that reword no sentence of
// before (share less than half of their words with each): new
// obligations or limitations, not edits of old ones. Only the sentences
// of before that after lacks can have been reworded, so each new
// sentence is measured against those few, not against every sentence.
func newSentences(before, after *versionSentences) []string {
	have := before.set()
	old := goneSentences(before, after, nil)
	var out []string
	norm := after.normalised().norm
	for i, raw := range after.raw {
		n := norm[i]
		if n == "" || have[n] || rewords(after.norms.wordSet(n), old) {
			continue
		}
		have[n] = true
		out = append(out, raw)
	}
	return out
}

// goneSentences returns the word sets of the sentences of before that
// after lacks, except those skip rejects.
func goneSentences(before, after *versionSentences, skip func(string) bool) []map[string]bool {
	kept := after.set()
	var old []map[string]bool
	for _, s := range before.sentences(true) {
		if !kept[s] && (skip == nil || !skip(s)) {
			old = append(old, before.norms.wordSet(s))
		}
	}
	return old
}

// newConditions returns the sentences of after that reword a sentence of
// before (share at least half of its words) and, unlike it, open with a
// condition: "If you are not a consumer, you must indemnify …" for "You
// must indemnify …" limits the obligation to some cases.
func newConditions(before, after *versionSentences) []string {
	old := goneSentences(before, after, conditionRe().MatchString)
	if len(old) == 0 {
		return nil
	}
	var out []string
	norm := after.normalised().norm
	for i, raw := range after.raw {
		if n := norm[i]; conditionRe().MatchString(n) && rewords(after.norms.wordSet(n), old) {
			out = append(out, raw)
		}
	}
	return out
}

// rewords reports whether a sentence's words w share at least half with
// one of the old sentences.
func rewords(w map[string]bool, old []map[string]bool) bool {
	for _, o := range old {
		if jaccard(w, o) >= 0.5 {
			return true
		}
	}
	return false
}

// strongIndemnity is an undertaking to indemnify, defend or hold harmless
// (lower-cased text), in every language of the lexicon. It is searched
// from where its matches can start: from every position of a sentence it
// was a third of reading an indemnity's direction.
var strongIndemnity = lazySearch(`indemnif|hold\s+(?:\S+\s+){0,8}harmless|indemniz|indemnis|freist|freizu|\bstell(?:e|en|t|st)\s+(?:\S+\s+){0,8}?frei\b|schadlos|manlev|indenn|zwolni|zabezpiecz\S*\s+(?:\S+\s+){0,3}?przed`)

// conditionRe finds a sentence (normalised) that opens with a condition.
var conditionRe = lazyRE(`^(?:if|where|when|unless|to the extent|provided that|insofar as|si|cuando|en la medida|wenn|sofern|soweit|falls|se|qualora|nella misura|jeżeli|jeśli|o ile)\b`)

// Results of compareCaps.
const (
	capSame = iota
	capLowered
	capRaised
	capChanged
)

// compareCaps says whether cap b is lower or higher than cap a: a smaller
// amount in the same currency, a shorter fee period or a lesser-of basis
// instead of a greater-of one all lower it.
func compareCaps(a, b *model.Cap) int {
	var lower, higher, other bool
	note := func(d float64) {
		if d < 0 {
			lower = true
		} else if d > 0 {
			higher = true
		}
	}
	switch {
	case a.Amount != nil && b.Amount != nil && a.Currency == b.Currency:
		note(*b.Amount - *a.Amount)
	case (a.Amount == nil) != (b.Amount == nil) || a.Currency != b.Currency:
		other = true
	}
	if a.FeePeriodMonths > 0 && b.FeePeriodMonths > 0 {
		note(float64(b.FeePeriodMonths - a.FeePeriodMonths))
	}
	if a.Basis != b.Basis {
		switch {
		case a.Basis == model.BasisGreater && b.Basis != model.BasisGreater:
			lower = true
		case b.Basis == model.BasisGreater && a.Basis != model.BasisGreater:
			higher = true
		default:
			other = true
		}
	}
	switch {
	case lower && !higher:
		return capLowered
	case higher && !lower:
		return capRaised
	case lower || higher || other:
		return capChanged
	}
	return capSame
}

// capPair is the cap of one liability section before and after; either
// may be nil when the section or its cap is new or gone.
type capPair struct{ before, after *model.Cap }

// pairCaps pairs the capped liability clauses of two versions by the
// likeness of their words, so that a document with several liability
// sections (the platform's and a product's, say) compares each cap with
// its own section's, not with the first cap of the other text.
func pairCaps(before, after []model.Clause, norms *normMemo) []capPair {
	capped := func(cs []model.Clause) (out []model.Clause) {
		for _, c := range cs {
			if hasCap(c.Cap) {
				out = append(out, c)
			}
		}
		return out
	}
	cb, ca := capped(before), capped(after)
	wb, wa := make([]map[string]bool, len(cb)), make([]map[string]bool, len(ca))
	kb, ka := make([]string, len(cb)), make([]string, len(ca)) // their wordsKey
	for i, c := range cb {
		wb[i], kb[i] = norms.wordSet(c.Text), norms.wordsKey(c.Text)
	}
	for i, c := range ca {
		wa[i], ka[i] = norms.wordSet(c.Text), norms.wordsKey(c.Text)
	}
	used := make([]bool, len(ca))
	var out []capPair
	paired := make([]bool, len(cb))
	same := sameWords(ka)
	for i := range cb {
		// A section with the same words is as like as sections get, and
		// the first of equals wins: it is the one likest would pick,
		// found without comparing every pair (on a dense page with
		// hundreds of capped sections, that was a seventh of a
		// comparison).
		best := same.take(kb[i], wb[i], used)
		if best < 0 {
			best = likest(wb[i], wa, used)
		}
		if best >= 0 {
			used[best], paired[i] = true, true
			out = append(out, capPair{before: cb[i].Cap, after: ca[best].Cap})
		}
	}
	// A cap section rewritten beyond recognition still replaces the old
	// one: the caps left over on both sides pair in document order, so
	// the change reads "cap lowered from … to …", not "removed" and
	// "added".
	j := 0
	for i := range cb {
		if paired[i] {
			continue
		}
		for j < len(ca) && used[j] {
			j++
		}
		if j < len(ca) {
			used[j] = true
			out = append(out, capPair{before: cb[i].Cap, after: ca[j].Cap})
			continue
		}
		if !sameCapIn(cb[i].Cap, ca) {
			out = append(out, capPair{before: cb[i].Cap})
		}
	}
	for j := range ca {
		if !used[j] && !sameCapIn(ca[j].Cap, cb) {
			out = append(out, capPair{after: ca[j].Cap})
		}
	}
	return out
}

// likest returns the section of ws not yet used that shares most words
// with w, the first of equals; -1 when none shares enough.
func likest(w map[string]bool, ws []map[string]bool, used []bool) int {
	best, bestSim := -1, 0.3 // below this the sections are different ones
	for j := range ws {
		if s := jaccard(w, ws[j]); !used[j] && s > bestSim {
			best, bestSim = j, s
		}
	}
	return best
}

// wordGroups lists sections by their words (wordsKey), in document order.
type wordGroups map[string]*wordGroup

type wordGroup struct {
	js   []int
	next int // js[:next] are used
}

// sameWords groups sections by their wordsKey keys.
func sameWords(keys []string) wordGroups {
	g := wordGroups{}
	for j, k := range keys {
		if g[k] == nil {
			g[k] = &wordGroup{}
		}
		g[k].js = append(g[k].js, j)
	}
	return g
}

// take returns the first section not yet used whose words are w (not
// empty: sections without words are like none; key is wordsKey(w)), and
// -1 when there is none.
func (g wordGroups) take(key string, w map[string]bool, used []bool) int {
	e := g[key]
	if len(w) == 0 || e == nil {
		return -1
	}
	for e.next < len(e.js) && used[e.js[e.next]] {
		e.next++
	}
	if e.next == len(e.js) {
		return -1
	}
	return e.js[e.next]
}

func wordsKey(w map[string]bool) string {
	ws := make([]string, 0, len(w))
	for x := range w {
		ws = append(ws, x)
	}
	slices.Sort(ws)
	return strings.Join(ws, " ")
}

// sameCapIn reports whether one of cs states cap c too: a cap section
// that appears twice (a page captured with its old and new text) or
// once instead of twice adds or removes no cap.
func sameCapIn(c *model.Cap, cs []model.Clause) bool {
	for _, o := range cs {
		if compareCaps(c, o.Cap) == capSame {
			return true
		}
	}
	return false
}

// normMemo keeps what normalise and wordSet made of each text during one
// comparison: both versions hold mostly the same sentences and clauses,
// and a comparison asks for the words of each several times (harmonise,
// the sentences of each clause type, their rewordings, the pairing of
// caps); normalising them again each time was a tenth of a comparison of
// two dense pages. The nil memo keeps nothing. A word set it returns is
// shared: it must not be changed.
type normMemo struct {
	norm  map[string]string
	words map[string]map[string]bool
	keys  map[string]string
}

func newNormMemo() *normMemo {
	return &normMemo{norm: map[string]string{}, words: map[string]map[string]bool{}, keys: map[string]string{}}
}

// normalise is normalise(s), made once per memo.
func (m *normMemo) normalise(s string) string {
	if m == nil {
		return normalise(s)
	}
	n, ok := m.norm[s]
	if !ok {
		n = normalise(s)
		m.norm[s] = n
	}
	return n
}

// wordSet returns the words of s (normalised) as a set, made once per
// memo.
func (m *normMemo) wordSet(s string) map[string]bool {
	if m == nil {
		return wordsIn(normalise(s))
	}
	w, ok := m.words[s]
	if !ok {
		w = wordsIn(m.normalise(s))
		m.words[s] = w
	}
	return w
}

// wordsKey is wordsKey(m.wordSet(s)), made once per memo.
func (m *normMemo) wordsKey(s string) string {
	if m == nil {
		return wordsKey(m.wordSet(s))
	}
	k, ok := m.keys[s]
	if !ok {
		k = wordsKey(m.wordSet(s))
		m.keys[s] = k
	}
	return k
}

// wordsIn returns the words of n (normalised) as a set.
func wordsIn(n string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(n) {
		m[w] = true
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
