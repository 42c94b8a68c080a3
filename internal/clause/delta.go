package clause

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toswatch/toswatch/internal/model"
)

// delta is what moved between two versions of one clause type: the facts
// the severity rules read.
type delta struct {
	typ, kind     string
	cosmetic      bool      // only case, punctuation, numbering, spacing or a name moved
	renamed       [2]string // the name that changed, from and to; empty when none
	before, after []model.Clause
	sentB, sentA  *versionSentences // their sentences
	norms         *normMemo         // the comparison's normalised words

	// Liability.
	caps           []capPair    // general caps, paired by section
	scoped         []scopedPair // caps limited to a scope, paired by scope
	protB, protA   model.Party  // whose liability the limitation protects
	carveB, carveA []string     // what the caps leave uncapped
	exclB, exclA   []string     // kinds of damages excluded

	// Indemnification.
	youB, youA   side // the indemnities you give (alone or both parties)
	provB, provA side // those the provider gives you

	added       []string // sentences that reword none of the other version
	dropped     []string // sentences gone without a rewording
	conditioned []string // sentences that now hold only under a condition
}

// side is the indemnities one party gives in one version.
type side struct {
	present bool
	party   model.Party // the direction of the first of them
	covers  []string
}

// scopedPair is a cap limited to one scope, before and after; either may
// be nil.
type scopedPair struct {
	scope         string
	before, after *model.Cap
}

// read gathers the facts of a material change. oldText and newText are
// the documents, for the lead-ins of lists.
func (d *delta) read(oldText, newText string) {
	d.added = newSentences(d.sentB, d.sentA)
	d.dropped = newSentences(d.sentA, d.sentB)
	d.conditioned = newConditions(d.sentB, d.sentA)
	if d.typ == model.Liability {
		d.caps = pairCaps(d.before, d.after, d.norms)
		d.scoped = pairScoped(d.before, d.after)
		d.protB, d.protA = protects(d.before), protects(d.after)
		d.carveB, d.carveA = carveOutsIn(d.before), carveOutsIn(d.after)
		d.exclB, d.exclA = findExclusions(withLeadIns(oldText, d.before)), findExclusions(withLeadIns(newText, d.after))
		return
	}
	d.youB, d.provB = sides(d.before)
	d.youA, d.provA = sides(d.after)
}

// unrated returns findings for what moved that no rule described: a cap
// that moved neither up nor down, and, when nothing else was found, the
// sentences added, dropped or reworded, so that every material change
// names what moved.
func (d *delta) unrated(found []model.Finding) []model.Finding {
	if d.cosmetic {
		return nil
	}
	var out []model.Finding
	for _, p := range d.caps {
		if capsDiffer(p.before, p.after) && !mentions(found, p.before, p.after) {
			out = append(out, model.Finding{What: model.MovedCapChanged, Before: p.before, After: p.after})
		}
	}
	if len(found) > 0 || len(out) > 0 {
		return out
	}
	if len(d.added) > 0 {
		out = append(out, model.Finding{What: model.MovedSentencesAdded, Quote: d.added[0], More: len(d.added) - 1})
	}
	if len(d.dropped) > 0 {
		out = append(out, model.Finding{What: model.MovedSentencesDropped, Quote: d.dropped[0], More: len(d.dropped) - 1})
	}
	if len(out) == 0 {
		if n, o, ok := firstRewording(d.sentB, d.sentA); ok {
			out = append(out, model.Finding{What: model.MovedReworded, Quote: n, Items: []string{o}})
		}
	}
	return out
}

// mentions reports whether a finding is about the cap pair b, a.
func mentions(found []model.Finding, b, a *model.Cap) bool {
	for _, f := range found {
		if sameCap(f.Before, b) && sameCap(f.After, a) || b != nil && sameCap(f.Before, b) && f.After == nil || a != nil && sameCap(f.After, a) && f.Before == nil {
			return true
		}
	}
	return false
}

// capsDiffer reports whether two paired general caps differ.
func capsDiffer(b, a *model.Cap) bool {
	if hasCap(b) != hasCap(a) {
		return true
	}
	return hasCap(b) && compareCaps(b, a) != capSame
}

// protects says whose liability the limitation of one version protects:
// that of the clause holding its general cap, else of its first clause;
// "" without a clause.
func protects(cs []model.Clause) model.Party {
	for _, c := range cs {
		if hasCap(c.Cap) {
			return c.Protects
		}
	}
	if len(cs) > 0 {
		return cs[0].Protects
	}
	return ""
}

// carveOutsIn returns the carve-outs of all clauses, each once.
func carveOutsIn(cs []model.Clause) []string {
	var out []string
	for _, c := range cs {
		if c.Cap == nil {
			continue
		}
		for _, k := range c.Cap.CarveOuts {
			out = appendUnique(out, k)
		}
	}
	return out
}

// pairScoped pairs the scoped caps of two versions by their scope, in the
// order they appear.
func pairScoped(before, after []model.Clause) []scopedPair {
	collect := func(cs []model.Clause) (out []scopedPair) {
		for _, c := range cs {
			if c.Cap == nil {
				continue
			}
			for _, s := range c.Cap.Scoped {
				out = append(out, scopedPair{scope: s.Scope, before: scopedAsCap(s)})
			}
		}
		return out
	}
	bs, as := collect(before), collect(after)
	zeroB, zeroA := freeIsZero(before), freeIsZero(after)
	used := make([]bool, len(as))
	var out []scopedPair
	for _, b := range bs {
		p := scopedPair{scope: b.scope, before: b.before}
		for j, a := range as {
			if !used[j] && a.scope == b.scope {
				used[j], p.after = true, a.before
				break
			}
		}
		if p.after == nil && p.scope == scopeFree && zeroA {
			p.after = nothingPaid(p.before)
		}
		out = append(out, p)
	}
	for j, a := range as {
		if !used[j] {
			p := scopedPair{scope: a.scope, after: a.before}
			if p.scope == scopeFree && zeroB {
				p.before = nothingPaid(p.after)
			}
			out = append(out, p)
		}
	}
	return out
}

// freeIsZero reports whether the general cap of a version is the fees
// paid alone: for free services, which are not paid for, it is nothing.
// A cap for free services added beside it then raises their cap from
// nothing, and one removed lowers it to nothing.
func freeIsZero(cs []model.Clause) bool {
	c := mainCap(cs)
	return c != nil && c.Basis == model.BasisFees
}

// nothingPaid is the cap of free services under a cap of the fees paid:
// no money, in the currency of the cap it is compared with.
func nothingPaid(other *model.Cap) *model.Cap {
	zero := 0.0
	return &model.Cap{Amount: &zero, Currency: other.Currency, Basis: model.BasisFixed}
}

func scopedAsCap(s model.ScopedCap) *model.Cap {
	return &model.Cap{Amount: s.Amount, Currency: s.Currency, FeePeriodMonths: s.FeePeriodMonths, Basis: s.Basis}
}

// sides sums up the indemnities of one version: those you give and those
// the provider gives, a mutual one counting for both.
func sides(cs []model.Clause) (you, provider side) {
	for _, c := range cs {
		for _, sd := range []struct {
			s     *side
			party model.Party
		}{{&you, model.PartyYou}, {&provider, model.PartyProvider}} {
			if !c.Direction.Gives(sd.party) {
				continue
			}
			if !sd.s.present {
				sd.s.present, sd.s.party = true, c.Direction
			}
			for _, k := range c.Covers {
				sd.s.covers = appendUnique(sd.s.covers, k)
			}
		}
	}
	return you, provider
}

// changedDirection says who gives the indemnity of cs that changed: the
// first clause with a sentence the other version lacks, else the first
// clause; "" without a clause. s are the sentences of cs.
func changedDirection(cs []model.Clause, s, other *versionSentences) model.Party {
	if len(cs) == 0 {
		return ""
	}
	have := other.set()
	for k, c := range cs {
		if s.clauseLacks(k, have) {
			return c.Direction
		}
	}
	return cs[0].Direction
}

// narrowing is a sentence that narrows an indemnity.
type narrowing struct {
	quote string   // the sentence, from a few words before what narrows it
	kinds []string // what narrows it, new to it: "condition", "exception", "limit"
}

// narrowings returns the sentences of the indemnities party gives, after
// the change, that narrow them: a rewording of one of their sentences
// that adds a condition, an exception or a limit of amount ("…, provided
// that Vendor's obligations do not apply to claims arising from …", "…
// up to $10,000"), or a sentence new to them that is no undertaking of
// its own ("These obligations do not apply to …").
func (d *delta) narrowings(party model.Party) []narrowing {
	sb, sa := d.sentB.normalised(), d.sentA.normalised()
	have, kept := sb.set(), sa.set()
	var gone []string // the sentences of before that after lacks
	for i, raw := range sb.raw {
		if n := sb.norm[i]; n != "" && !kept[n] {
			gone = append(gone, raw)
		}
	}
	var out []narrowing
	for k, c := range d.after {
		if !c.Direction.Gives(party) {
			continue
		}
		for i := sa.rawAt[k]; i < sa.rawAt[k+1]; i++ {
			n, raw := sa.norm[i], sa.raw[i]
			if n == "" || have[n] {
				continue
			}
			low := plainLower(raw)
			sc := facts().scan(low)
			now := sc.names("indemnity.limit")
			if len(now) == 0 {
				continue
			}
			var was []string
			if old, ok := rewordedFrom(n, gone, d.norms); ok {
				was = facts().scan(plainLower(old)).names("indemnity.limit")
			} else if _, undertaking := indemnityDirection(nil, low); undertaking {
				continue // a new undertaking: it adds, whatever its conditions
			}
			kinds := setMinus(now, was)
			if len(kinds) == 0 {
				continue
			}
			out = append(out, narrowing{quote: quoteFrom(raw, low, sc.firstNamed("indemnity.limit", kinds)[0]), kinds: kinds})
		}
	}
	return out
}

// rewordedFrom returns the sentence of old that n (normalised) rewords:
// the one sharing most of its words, at least half.
func rewordedFrom(n string, old []string, norms *normMemo) (string, bool) {
	w := wordsIn(n)
	best, bestSim := "", 0.5
	for _, o := range old {
		if j := jaccard(w, norms.wordSet(o)); j >= bestSim {
			best, bestSim = o, j
		}
	}
	return best, best != ""
}

// quoteFrom returns sentence s (without emphasis marks) from three words
// before offset at of low, its lower-cased plain form, with "…" for the
// words left out.
func quoteFrom(s, low string, at int) string {
	plain, _ := unemphasise(s)
	words := strings.Fields(plain)
	k := len(strings.Fields(low[:at])) - 3
	if k <= 0 {
		return strings.Join(words, " ")
	}
	return "… " + strings.Join(words[k:], " ")
}

// firstRewording returns the first sentence of after that is not in
// before, and the sentence of before it rewords (the dropped sentence
// sharing most of its words).
func firstRewording(before, after *versionSentences) (newS, oldS string, ok bool) {
	have, kept := before.set(), after.set()
	var w map[string]bool
	for i, raw := range after.raw {
		if n := after.norm[i]; n != "" && !have[n] {
			newS, w = raw, wordsIn(n)
			break
		}
	}
	if newS == "" {
		return "", "", false
	}
	best := -1.0
	for i, raw := range before.raw {
		n := before.norm[i]
		if n == "" || kept[n] {
			continue
		}
		if j := jaccard(w, wordsIn(n)); j > best {
			best, oldS = j, raw
		}
	}
	return newS, oldS, true
}

// renamed reports whether the clauses differ only by a name written
// differently everywhere ("Mailgun" → "Sinch Email", up to three such
// substitutions): the provider renamed, the wording unchanged. origB and
// origA are the texts of the clauses, nb and na the same normalised.
func renamed(origB, origA, nb, na string) (from, to string, ok bool) {
	if nb == na {
		return "", "", false
	}
	var froms, tos []string
	for range 2 {
		wb, wa := strings.Fields(nb), strings.Fields(na)
		i := 0
		for i < len(wb) && i < len(wa) && wb[i] == wa[i] {
			i++
		}
		x, y, found := substitution(wb[i:], wa[i:])
		if !found || !isName(x, origB) || !isName(y, origA) {
			return "", "", false
		}
		nb = replaceWords(nb, x, y)
		froms, tos = append(froms, x), append(tos, y)
		if nb == na {
			return strings.Join(froms, ", "), strings.Join(tos, ", "), true
		}
	}
	return "", "", false
}

// isName reports whether phrase (normalised words) is a name in text: no
// digits, no word of the common vocabulary, written with a capital.
func isName(phrase, text string) bool {
	if strings.ContainsAny(phrase, "0123456789") {
		return false
	}
	for _, w := range strings.Fields(phrase) {
		if scopeStopWords[w] || genericObjects[w] || nameStop[w] {
			return false
		}
	}
	first := strings.Fields(phrase)[0]
	for off := 0; ; {
		i := strings.Index(strings.ToLower(text[off:]), first)
		if i < 0 {
			return false
		}
		i += off
		if r, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsUpper(r) {
			return true
		}
		off = i + len(first)
	}
}

var nameStop = wordSet0(`greater lesser more less higher lower not no never may must shall will can cannot would should
	is are be been being was were has have had do does did if unless except only also any some each every one two`)

// substitution finds the shortest phrases x (of b) and y (of a), up to
// four words each, after which b and a go on alike for a few words.
func substitution(b, a []string) (x, y string, ok bool) {
	const resync = 3
	for n := 2; n <= 8; n++ {
		for lx := 1; lx <= 4 && lx < n; lx++ {
			ly := n - lx
			if ly > 4 || lx+resync > len(b) || ly+resync > len(a) {
				continue
			}
			if equalWords(b[lx:lx+resync], a[ly:ly+resync]) {
				return strings.Join(b[:lx], " "), strings.Join(a[:ly], " "), true
			}
		}
	}
	return "", "", false
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// replaceWords replaces every whole-word occurrence of x in s by y.
func replaceWords(s, x, y string) string {
	ws, xs := strings.Fields(s), strings.Fields(x)
	out := make([]string, 0, len(ws))
	for i := 0; i < len(ws); {
		if i+len(xs) <= len(ws) && equalWords(ws[i:i+len(xs)], xs) {
			out = append(out, y)
			i += len(xs)
			continue
		}
		out = append(out, ws[i])
		i++
	}
	return strings.Join(out, " ")
}
