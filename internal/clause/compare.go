package clause

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
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
// Severity is judged from the customer's side:
//   - liability: high when a limitation or cap is added, a cap is lowered
//     or removed, an exclusion of damages is widened, a carve-out that
//     leaves the customer's own obligations uncapped (payment, indemnity,
//     IP infringement) is added, or a carve-out that protected the
//     customer (gross negligence, wilful misconduct, fraud, death or
//     personal injury, confidentiality, data protection) is removed;
//   - indemnification: high when an indemnity by the customer (or a mutual
//     one) is added, or the customer's indemnity is broadened;
//   - every other material change is medium.
func Compare(oldText, newText string) []model.ClauseChange {
	a, b := scan(oldText, shippedModel()), scan(newText, shippedModel())
	harmonise(&a, &b)
	before, after := a.clauses(), b.clauses()
	var out []model.ClauseChange
	for _, typ := range []string{model.Liability, model.Indemnification} {
		if ch, ok := compareType(typ, oldText, newText, ofType(before, typ), ofType(after, typ)); ok {
			out = append(out, ch)
		}
	}
	return out
}

func ofType(cs []model.Clause, typ string) []model.Clause {
	var out []model.Clause
	for _, c := range cs {
		if c.Type == typ {
			out = append(out, c)
		}
	}
	return out
}

// sentencesOf returns the distinct sentences of clauses, sorted, so that
// order (a moved paragraph) does not count, nor a section that a capture
// holds twice.
func sentencesOf(cs []model.Clause, norm bool) []string {
	var out []string
	for _, c := range cs {
		for _, l := range splitLines(c.Text) {
			for _, s := range l.sentences {
				t := c.Text[s.start:s.end]
				if norm {
					t = normalise(t)
					if t == "" {
						continue
					}
				}
				out = append(out, t)
			}
			if l.heading {
				out = append(out, c.Text[l.start:l.end])
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// normalise keeps only the words of a sentence: lower case, without
// punctuation, Markdown emphasis, numbering or extra spaces.
func normalise(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	t := strings.TrimSpace(b.String())
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

// foldCrossRefs replaces the numbers of references to numbered parts of
// a document ("section 12 1 12 8", normalised) with "#": "Section 13"
// renumbered "Section 14" is numbering too.
func foldCrossRefs(t string) string {
	words := strings.Split(t, " ")
	out := words[:0]
	for i := 0; i < len(words); i++ {
		out = append(out, words[i])
		if !refWords[words[i]] || i+1 >= len(words) || !refNumber(words[i+1]) {
			continue
		}
		out = append(out, "#")
		for i+1 < len(words) && refNumber(words[i+1]) {
			i++
		}
	}
	return strings.Join(out, " ")
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

func compareType(typ, oldText, newText string, before, after []model.Clause) (model.ClauseChange, bool) {
	if slices.Equal(sentencesOf(before, false), sentencesOf(after, false)) {
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
	if ch.Kind == model.ChangeModified && (slices.Equal(sentencesOf(before, true), sentencesOf(after, true)) ||
		normalise(ch.Before) == normalise(ch.After)) {
		// The second test catches edits that change where sentences
		// split, such as a switch from capitals to lower case.
		ch.Severity = model.SeverityLow
		ch.Summary = typeLabel(typ) + " clause reformatted; wording unchanged"
		return ch, true
	}
	ch.Material = true
	var high bool
	var reasons []string
	if typ == model.Liability {
		pairs := pairCaps(before, after)
		for _, p := range pairs {
			if compareCaps2(p.before, p.after) {
				// Report the caps of the section that changed, not the
				// first cap of each text.
				ch.CapBefore, ch.CapAfter = p.before, p.after
				break
			}
		}
		high, reasons = liabilityChange(ch, pairs, before, after, withLeadIns(oldText, before), withLeadIns(newText, after))
	} else {
		high, reasons = indemnityChange(ch, newSentences(before, after), newConditions(before, after))
	}
	ch.Severity = model.SeverityMedium
	if high {
		ch.Severity = model.SeverityHigh
	}
	ch.Summary = strings.Join(reasons, "; ")
	return ch, true
}

func typeLabel(typ string) string {
	if typ == model.Indemnification {
		return "indemnification"
	}
	return "limitation of liability"
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

// withLeadIns returns the lower-cased texts of clauses, each clause that
// opens with a list item preceded by the line that announces the list
// ("… except for damages which we cause due to:"): what the items are
// carved out of is said there.
func withLeadIns(doc string, cs []model.Clause) string {
	var b strings.Builder
	for _, c := range cs {
		if first, _, _ := strings.Cut(c.Text, "\n"); listStart.MatchString(strings.TrimSpace(first)) {
			before := strings.TrimRight(doc[:c.Start], " \t\n")
			lead := before[strings.LastIndexByte(before, '\n')+1:]
			if strings.HasSuffix(lead, ":") {
				b.WriteString(strings.ToLower(lead))
				b.WriteByte('\n')
			}
		}
		b.WriteString(strings.ToLower(c.Text))
		b.WriteByte('\n')
	}
	return b.String()
}

// liabilityChange describes a material change of the liability clauses;
// lowB and lowA are their lower-cased texts with list lead-ins.
func liabilityChange(ch model.ClauseChange, pairs []capPair, before, after []model.Clause, lowB, lowA string) (high bool, reasons []string) {
	switch ch.Kind {
	case model.ChangeAdded:
		r := "limitation of liability added"
		if hasCap(ch.CapAfter) {
			r += ", capped at " + present.Cap(ch.CapAfter)
		}
		return true, []string{r}
	case model.ChangeRemoved:
		if hasCap(ch.CapBefore) {
			return true, []string{"liability cap removed (was " + present.Cap(ch.CapBefore) + ") with the whole limitation of liability"}
		}
		return false, []string{"limitation of liability removed"}
	}
	for _, p := range pairs {
		h, r := capChange(p.before, p.after)
		high = high || h
		reasons = append(reasons, r...)
	}
	coB, coA := findCarveOuts(lowB), findCarveOuts(lowA)
	addedYours, addedOther := splitCarveOuts(setMinus(coA, coB))
	droppedYours, droppedOther := splitCarveOuts(setMinus(coB, coA))
	if len(addedYours) > 0 {
		high = true
		reasons = append(reasons, "carve-out added: "+strings.Join(addedYours, ", ")+" no longer capped (widens your exposure)")
	}
	if len(addedOther) > 0 {
		reasons = append(reasons, "carve-out added: "+strings.Join(addedOther, ", "))
	}
	if len(droppedOther) > 0 {
		high = true
		reasons = append(reasons, "carve-out removed: "+strings.Join(droppedOther, ", ")+" now limited too")
	}
	if len(droppedYours) > 0 {
		reasons = append(reasons, "carve-out removed: "+strings.Join(droppedYours, ", "))
	}
	exB, exA := findExclusions(lowB), findExclusions(lowA)
	if widened := setMinus(exA, exB); len(widened) > 0 {
		high = true
		reasons = append(reasons, "exclusion widened: now also excludes "+strings.Join(widened, ", "))
	}
	if narrowed := setMinus(exB, exA); len(narrowed) > 0 && len(exA) > 0 {
		// With no exclusion left at all, the limitation is gone or
		// rewritten: the sentences say more than a list of kinds.
		reasons = append(reasons, "exclusion narrowed: no longer excludes "+strings.Join(narrowed, ", "))
	}
	if len(reasons) == 0 {
		// Name what is new or gone rather than "reworded" when whole
		// sentences were added or dropped.
		if added := newSentences(before, after); len(added) > 0 {
			reasons = append(reasons, "limitation extended: "+quoteFirst(added))
		}
		if dropped := newSentences(after, before); len(dropped) > 0 {
			reasons = append(reasons, "limitation dropped: "+quoteFirst(dropped))
		}
	}
	if len(reasons) == 0 {
		reasons = append(reasons, "limitation of liability reworded")
	}
	return high, reasons
}

// setMinus returns the elements of a that b lacks, in a's order.
func setMinus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// splitCarveOuts separates the carve-outs that leave the customer's own
// obligations uncapped from the others.
func splitCarveOuts(cos []string) (yours, others []string) {
	for _, co := range cos {
		if customerCarveOut(co) {
			yours = append(yours, co)
		} else {
			others = append(others, co)
		}
	}
	return yours, others
}

// exclusions are the kinds of damages a limitation may exclude.
var exclusions = []struct {
	name string
	re   *regexp.Regexp
	need []string
}{
	{"indirect damages", regexp.MustCompile(`\bindirect|indirect[oa]s|indirects|indirekt|mittelbar|indirett|pośredni`), strings.Split("indirect|indirekt|mittelbar|indirett|pośredni", "|")},
	{"consequential damages", regexp.MustCompile(`consequential|consecuen|consécutif|folgeschäd|consequenzial|conseguent|wynikow|następcz`), strings.Split("consequen|consecuen|consécutif|folgeschäd|conseguent|wynikow|następcz", "|")},
	{"incidental damages", regexp.MustCompile(`incidental|incidentales|accessoire|beiläufig|zufällig|incidental|accidental|przypadkow`), strings.Split("incident|accessoire|beiläufig|zufällig|accidental|przypadkow", "|")},
	{"special damages", regexp.MustCompile(`\bspecial\b[\s,]+(?:\S+\s+){0,4}damages|especiales|spéciaux|besondere|speciali|szczególn`), strings.Split("special|especiales|spéciaux|besondere|speciali|szczególn", "|")},
	{"punitive damages", regexp.MustCompile(`punitive|exemplary|punitivos|punitifs|strafschad|punitivi|retorsyjn`), strings.Split("punitiv|exemplary|punitifs|strafschad|retorsyjn", "|")},
	{"lost profits", regexp.MustCompile(`lost\s+profits|loss\s+of\s+(?:\S+\s+){0,2}profits|lucro cesante|beneficios|manque à gagner|entgangen\S*\s+gewinn|lucro cessante|mancato guadagno|utracon\S*\s+korzy|utrat\S*\s+zysk`), strings.Split("profit|lucro|beneficios|manque|gewinn|guadagno|korzy|zysk", "|")},
	{"loss of data", regexp.MustCompile(`(?:loss|corruption)\s+of\s+(?:\S+\s+){0,2}data|lost data|pérdida de datos|perte de données|datenverlust|verlust von daten|perdita di dati|utrat\S*\s+danych`), strings.Split("data|datos|données|daten|dati|danych", "|")},
	{"loss of goodwill", regexp.MustCompile(`goodwill|fondo de comercio|clientèle|geschäftswert|firmenwert|avviamento|reputacj|dobrego imienia`), strings.Split("goodwill|fondo de comercio|clientèle|geschäftswert|firmenwert|avviamento|reputacj|dobrego imienia", "|")},
	{"business interruption", regexp.MustCompile(`business interruption|interrupción del negocio|interruption d'activité|betriebsunterbrechung|interruzione dell'attività|przerw\S*\s+w\s+działalności`), strings.Split("interrup|unterbrechung|przerw", "|")},
}

func findExclusions(low string) []string {
	var out []string
	for _, e := range exclusions {
		if matchNeedles(e.re, e.need, low) {
			out = append(out, e.name)
		}
	}
	return out
}

// Indemnity parties and scope.
var (
	customerIndemnifies = regexp.MustCompile(`\b(?:you|user|users|customer|licensee|subscriber|usted|vous|sie|du|l'utente|utente|użytkownik|klient)\b[^.;]{0,80}(?:indemnif|defend|hold\s|harmless|indemniz|eximir|indemnis|garantir|freist|freizu|schadlos|manlev|indenn|zwolni|zabezpiecz)`)
	mutualIndemnity     = regexp.MustCompile(`each party|either party|both parties|cada parte|cada una de las partes|chaque partie|jede partei|jede vertragspartei|ciascuna parte|każda ze stron|każda strona`)
	providerIndemnifies = regexp.MustCompile(`(?:indemnif\S*|defend|hold)\s+(?:and\s+\S+\s+)?(?:the\s+)?(?:you|customer|user|licensee|subscriber)\b|\b(?:we|nosotros|nous|wir|noi)\b[^.;]{0,60}(?:indemnif|defend|hold\s|indemniz|indemnis|garantir|freist|freizu|schadlos|manlev|indenn|zwolni)`)
)

var indemnityScopes = []struct {
	name string
	re   *regexp.Regexp
}{
	{"your use of the service", regexp.MustCompile(`\b(?:your|user's|customer's)\s+(?:access\s+to\s+(?:or|and)\s+)?use\s+of|\buse\s+of\s+the\s+(?:service|services|site|platform|software)|uso\s+(?:que\s+\pL+\s+\pL+\s+)?(?:de\s+los|del)\s+servicio|utilisation\s+(?:du|des)\s+service|nutzung\s+(?:des|der)\s+(?:dienst|service)|utilizzo\s+(?:del|dei)\s+servizi|korzystani\S*\s+z\s+usług`)},
	{"your content", regexp.MustCompile(`\b(?:your|user)\s+(?:\S+\s+)?content|contenido\s+de\s+usuario|su\s+contenido|votre\s+contenu|ihre[rn]?\s+inhalte|deine[rn]?\s+inhalte|contenuti\s+dell'utente|treści\s+użytkownika`)},
	{"breach of these terms", regexp.MustCompile(`\b(?:breach|violation)\s+of\s+(?:these|this|the)\s+(?:terms|agreement)|breach\s+of\s+(?:any\s+)?(?:your\s+)?(?:representations|obligations)|incumplimiento|violation\s+des\s+(?:présentes|conditions)|verstoß\s+gegen\s+diese|verletzung\s+dieser|violazione\s+dei\s+presenti|naruszeni\S*\s+(?:niniejsz|regulamin|warunk)`)},
	{"violation of law", regexp.MustCompile(`\b(?:violation|breach)\s+of\s+(?:any\s+)?(?:applicable\s+)?laws?\b|violación\s+de\s+(?:cualquier\s+)?ley|violation\s+(?:d'une|de\s+la)\s+loi|verstoß\s+gegen\s+(?:geltendes\s+)?(?:recht|gesetz)|violazione\s+di\s+(?:qualsiasi\s+)?legge|naruszeni\S*\s+prawa`)},
	{"third-party rights", regexp.MustCompile(`third[- ]party\s+rights|rights\s+of\s+(?:any\s+)?(?:other\s+)?(?:person|third)|derechos\s+de\s+terceros|droits\s+(?:d'un\s+|de\s+)tiers|rechte\s+dritter|diritti\s+di\s+terzi|praw\s+osób\s+trzecich`)},
	{"your negligence or misconduct", regexp.MustCompile(`\b(?:your|user's)\s+(?:gross\s+)?(?:negligence|misconduct|wil?lful)|negligencia|négligence|fahrlässig|negligenza|zaniedban`)},
	{"your products or services", regexp.MustCompile(`\byour\s+(?:products|services|business)`)},
}

// newSentences returns the sentences of after that reword no sentence of
// before (share less than half of their words with each): new
// obligations or limitations, not edits of old ones.
func newSentences(before, after []model.Clause) []string {
	var old []map[string]bool
	have := map[string]bool{}
	for _, s := range sentencesOf(before, true) {
		old = append(old, wordSet(s))
		have[s] = true
	}
	var out []string
	for _, raw := range clauseSentences(after) {
		n := normalise(raw)
		if n == "" || have[n] || rewords(wordSet(n), old) {
			continue
		}
		have[n] = true
		out = append(out, raw)
	}
	return out
}

// newConditions returns the sentences of after that reword a sentence of
// before (share at least half of its words) and, unlike it, open with a
// condition: "If you are not a consumer, you must indemnify …" for "You
// must indemnify …" limits the obligation to some cases.
func newConditions(before, after []model.Clause) []string {
	var old []map[string]bool
	for _, s := range sentencesOf(before, true) {
		if !conditionRe.MatchString(s) {
			old = append(old, wordSet(s))
		}
	}
	var out []string
	for _, raw := range clauseSentences(after) {
		if n := normalise(raw); conditionRe.MatchString(n) && rewords(wordSet(n), old) {
			out = append(out, raw)
		}
	}
	return out
}

// clauseSentences returns the sentences of clauses, in order.
func clauseSentences(cs []model.Clause) []string {
	var out []string
	for _, c := range cs {
		for _, l := range splitLines(c.Text) {
			for _, sp := range l.sentences {
				out = append(out, c.Text[sp.start:sp.end])
			}
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
// (lower-cased text), in every language of the lexicon.
var strongIndemnity = regexp.MustCompile(`indemnif|hold\s+(?:\S+\s+){0,8}harmless|indemniz|indemnis|freist|freizu|schadlos|manlev|indenn|zwolni`)

// conditionRe finds a sentence (normalised) that opens with a condition.
var conditionRe = regexp.MustCompile(`^(?:if|where|when|unless|to the extent|provided that|insofar as|si|cuando|en la medida|wenn|sofern|soweit|falls|se|qualora|nella misura|jeżeli|jeśli|o ile)\b`)

// indemnityChange describes a material change of the indemnification
// clauses; undertakings are the sentences that add an obligation, and
// conditioned those that now hold only in some cases.
func indemnityChange(ch model.ClauseChange, undertakings, conditioned []string) (high bool, reasons []string) {
	lowB, lowA := strings.ToLower(ch.Before), strings.ToLower(ch.After)
	custB := matchLines(customerIndemnifies, lowB)
	custA := matchLines(customerIndemnifies, lowA)
	mutB, mutA := matchLines(mutualIndemnity, lowB), matchLines(mutualIndemnity, lowA)
	switch ch.Kind {
	case model.ChangeAdded:
		switch {
		case mutA:
			return true, []string{"mutual indemnity added"}
		case custA:
			return true, []string{"indemnity added: you now indemnify the provider"}
		case matchLines(providerIndemnifies, lowA):
			return false, []string{"indemnity by the provider added"}
		}
		return true, []string{"indemnity added"}
	case model.ChangeRemoved:
		if custB || mutB {
			return false, []string{"indemnity removed: you no longer indemnify the provider"}
		}
		return false, []string{"indemnity removed"}
	}
	if mutA && !mutB {
		high = true
		reasons = append(reasons, "mutual indemnity added")
	} else if custA && !custB {
		high = true
		reasons = append(reasons, "indemnity now runs from you to the provider")
	}
	var added, dropped []string
	for _, s := range indemnityScopes {
		b, a := matchLines(s.re, lowB), matchLines(s.re, lowA)
		switch {
		case a && !b:
			added = append(added, s.name)
		case b && !a:
			dropped = append(dropped, s.name)
		}
	}
	if len(added) == 0 {
		for _, u := range undertakings {
			low := strings.ToLower(u)
			if strongIndemnity.MatchString(low) && customerIndemnifies.MatchString(low) && !providerIndemnifies.MatchString(low) {
				high = true
				reasons = append(reasons, "indemnity broadened: you now also undertake "+quote(u, 90))
				break
			}
		}
		if !high {
			for _, u := range undertakings {
				if low := strings.ToLower(u); strongIndemnity.MatchString(low) && providerIndemnifies.MatchString(low) {
					reasons = append(reasons, "provider's indemnity broadened: "+quote(u, 90))
					break
				}
			}
		}
	}
	if len(added) > 0 {
		if custA || mutA {
			high = true
			reasons = append(reasons, "indemnity broadened: now also covers "+strings.Join(added, ", "))
		} else {
			reasons = append(reasons, "provider's indemnity broadened: now also covers "+strings.Join(added, ", "))
		}
	}
	if len(dropped) > 0 {
		reasons = append(reasons, "indemnity narrowed: no longer covers "+strings.Join(dropped, ", "))
	}
	if len(conditioned) > 0 {
		reasons = append(reasons, "indemnity narrowed: now only "+quote(conditioned[0], 90))
	}
	if len(reasons) == 0 {
		reasons = append(reasons, "indemnification clause reworded")
	}
	return high, reasons
}

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

// capChange describes how the cap of one liability section moved.
func capChange(capB, capA *model.Cap) (high bool, reasons []string) {
	switch {
	case hasCap(capB) && !hasCap(capA):
		high = true
		reasons = append(reasons, "liability cap removed (was "+present.Cap(capB)+")")
	case !hasCap(capB) && hasCap(capA):
		high = true
		reasons = append(reasons, "liability cap added: "+present.Cap(capA))
	case hasCap(capB) && hasCap(capA):
		switch compareCaps(capB, capA) {
		case capLowered:
			high = true
			reasons = append(reasons, "liability cap lowered from "+present.Cap(capB)+" to "+present.Cap(capA))
		case capRaised:
			reasons = append(reasons, "liability cap raised from "+present.Cap(capB)+" to "+present.Cap(capA))
		case capChanged:
			reasons = append(reasons, "liability cap changed from "+present.Cap(capB)+" to "+present.Cap(capA))
		}
	}
	return high, reasons
}

// compareCaps2 reports whether two paired caps differ.
func compareCaps2(b, a *model.Cap) bool {
	if hasCap(b) != hasCap(a) {
		return true
	}
	return hasCap(b) && compareCaps(b, a) != capSame
}

// capPair is the cap of one liability section before and after; either
// may be nil when the section or its cap is new or gone.
type capPair struct{ before, after *model.Cap }

// pairCaps pairs the capped liability clauses of two versions by the
// likeness of their words, so that a document with several liability
// sections (the platform's and a product's, say) compares each cap with
// its own section's, not with the first cap of the other text.
func pairCaps(before, after []model.Clause) []capPair {
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
	for i, c := range cb {
		wb[i] = wordSet(c.Text)
	}
	for i, c := range ca {
		wa[i] = wordSet(c.Text)
	}
	used := make([]bool, len(ca))
	var out []capPair
	paired := make([]bool, len(cb))
	for i := range cb {
		best, bestSim := -1, 0.3 // below this the sections are different ones
		for j := range ca {
			if s := jaccard(wb[i], wa[j]); !used[j] && s > bestSim {
				best, bestSim = j, s
			}
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

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(normalise(s)) {
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

// quoteFirst quotes the first of sentences and counts the others:
// "“…” and 2 more".
func quoteFirst(sentences []string) string {
	q := quote(sentences[0], 90)
	if len(sentences) > 1 {
		q += fmt.Sprintf(" and %d more", len(sentences)-1)
	}
	return q
}

// quote shortens s to about n bytes, on a word boundary, in quotes.
func quote(s string, n int) string {
	s = strings.NewReplacer("**", "", "__", "").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	if f, rest, ok := strings.Cut(s, " "); ok && (isNumbering(strings.Trim(f, "().")) || allDigits(strings.Trim(f, "()."))) {
		s = rest
	}
	if len(s) > n {
		cut := strings.LastIndexByte(s[:n], ' ')
		if cut <= 0 {
			cut = n
		}
		s = s[:cut] + " …"
	}
	return "“" + s + "”"
}
