package clause

import (
	"regexp"
	"slices"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// Carve-outs: what a limitation leaves uncapped. They are read only from
// the exceptions to it ("EXCEPT FOR …, OUR LIABILITY …", "this limitation
// does not apply to …", "nothing in these terms limits our liability for
// …", "Excluded Claims" and their definition), never from a list of the
// damages it excludes nor from "no warranty, indemnity or support".

// carveOutOrder is the fixed vocabulary of carve-outs, in the order they
// are reported; the lexicon's [carve-out] entries are named after them.
var carveOutOrder = []string{model.CarveIndemnification, model.CarveConfidentiality, model.CarveIP,
	model.CarveGrossNegligence, model.CarveFraud, model.CarvePayment, model.CarveDeath, model.CarveDataProtection}

// carveOutKinds returns the kinds of liability text names, in the
// vocabulary's order.
func carveOutKinds(fr *factReader, text string) []string {
	names := fr.scan(text).names("carve-out")
	slices.SortFunc(names, func(a, b string) int { return slices.Index(carveOutOrder, a) - slices.Index(carveOutOrder, b) })
	return names
}

// readCarveOuts returns the carve-outs of a liability clause, from its
// statements and, for a defined term such as "Excluded Claims", from the
// term's definition anywhere in doc.
func readCarveOuts(fr *factReader, doc string, stmts []capStmt) []string {
	var b strings.Builder
	if len(stmts) > 0 && stmts[0].ctx != "" {
		b.WriteString(stmts[0].ctx)
		b.WriteByte('\n')
	}
	for _, st := range stmts {
		b.WriteString(strings.ReplaceAll(st.low, "\n", " "))
		b.WriteByte('\n')
	}
	return carveOutsOf(fr, b.String(), doc)
}

// findCarveOuts returns the carve-outs stated in low (lower case), one
// sentence or list item a line.
func findCarveOuts(low string) []string { return carveOutsOf(newFactReader(), low, "") }

func carveOutsOf(fr *factReader, low, doc string) []string {
	var scope strings.Builder
	var others []string
	listOpen := false
	for low != "" {
		unit, rest := nextUnit(low)
		low = rest
		t := strings.TrimSpace(unit)
		switch {
		case t == "":
		case isException(fr, t):
			phrases, other := exceptionPhrases(fr, t)
			for _, p := range phrases {
				scope.WriteString(p)
				scope.WriteByte('\n')
				if doc != "" {
					scope.WriteString(definitionOf(p, doc))
				}
			}
			others = append(others, other...)
			listOpen = strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";")
		case listOpen && (listStart().MatchString(t) || strings.HasSuffix(t, ";") || strings.HasSuffix(t, ".")):
			scope.WriteString(t)
			scope.WriteByte('\n')
			listOpen = !strings.HasSuffix(t, ".")
		default:
			listOpen = false
		}
	}
	if scope.Len() == 0 {
		return nil
	}
	text := scope.String()
	out := carveOutKinds(fr, text)
	for _, o := range others {
		out = appendUnique(out, o)
	}
	return out
}

// isException reports whether sentence t (lower case) makes an exception
// to the limitation whose carve-outs it names: its exception words are
// made to a cap ("except for X, our liability shall not exceed …"), or
// to the limitation as a whole ("this limitation does not apply to …",
// "nothing in these terms limits …", "unlimited liability for …"), or
// name a defined term of uncapped claims. An exception to something else
// ("will not have any liability on account of such termination except to
// refund amounts paid") carves nothing out of the cap.
func isException(fr *factReader, t string) bool {
	sc := fr.scan(t)
	if !sc.has("cap.exception") {
		return false
	}
	return sc.has("cap.exception-to-limit") || definedTermNeedles.in(t) && definedTerms().MatchString(t) ||
		sc.has("cap.limit") && hasMeasure(fr, t) || blanketExclusion(t)
}

// nextUnit cuts the first sentence or line off s.
func nextUnit(s string) (unit, rest string) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return s[:i], s[i+1:]
		case '.':
			if i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\n') && i > 2 && s[i-2] != ' ' && s[i-2] != '(' {
				return s[:i+1], s[i+1:]
			}
		}
	}
	return s, ""
}

// exceptionHead finds the exceptions that open a sentence and are followed
// by the limitation they are made to: "except for your payment
// obligations, neither party's liability …".
var exceptionHead = lazyRE(`^(?:\(?[a-z0-9ivx]{1,4}[.)]\s+)?(?:[-*•]\s+)?(?:\*\*)?(?:except|excluding|other than|save for|with the exception of|excepto|salvo|con excepción de|sauf|à l'exception de|hormis|außer|ausgenommen|mit ausnahme|eccetto|ad eccezione|z wyjątkiem)\b`)

// mainClause finds where the limitation an opening exception is made to
// begins.
var mainClause = lazyRE(`,\s*(?:and\s+)?(?:in no event|under no circumstances|neither|each party|either party|(?:our|your|its|their|the|\pL+(?:'s|’s))\s+(?:\S+\s+){0,3}?liabilit|we\b|(?:\pL+\s+){0,2}(?:shall|will|is|are)\s+not\s+(?:be\s+)?liable|en ningún caso|la responsabilidad|en aucun cas|la responsabilité|die haftung|in keinem fall|in nessun caso|la responsabilità|w żadnym (?:wypadku|przypadku)|odpowiedzialność)`)

// postponed are the words after which a sentence names its exceptions
// before them ("… bleibt unberührt"). Plain words, found in one pass,
// where a pattern of their alternatives tried every position of every
// exception (5% of reading a dense page's facts).
var postponed = literalsOf("unberührt|unbeschränkt|unbegrenzt|unlimited|without limit|illimitat|nieograniczon")

// exceptionPhrases returns the parts of a sentence that state exceptions
// to a limitation, and the exceptions named in words outside the fixed
// vocabulary ("other: …"). An opening exception ends where the limitation
// begins; one that comes later runs to the end of the sentence; a German
// "bleibt unberührt" or an "unlimited" names its exceptions before it, so
// the whole sentence counts.
func exceptionPhrases(fr *factReader, t string) (phrases, others []string) {
	if exceptionHead().MatchString(t) {
		p := t
		if m := mainClause().FindStringIndex(t); m != nil {
			p = t[:m[0]]
		}
		return []string{p}, otherCarveOuts(fr, p)
	}
	if postponed.in(t) {
		return []string{t}, nil
	}
	p := t
	if m := fr.scan(t).first("cap.exception"); m != nil {
		p = t[m[0]:]
	}
	if e := mainClause().FindStringIndex(p); e != nil {
		p = p[:e[0]]
	}
	if strings.HasPrefix(p, "nothing") || strings.HasPrefix(p, "nada") || strings.HasPrefix(p, "rien") || strings.HasPrefix(p, "nulla") || strings.HasPrefix(p, "aucune") {
		return []string{p}, nil
	}
	if applyRe().MatchString(p) || strings.HasPrefix(p, "except") || strings.HasPrefix(p, "excluding") || strings.HasPrefix(p, "other than") {
		return []string{p}, otherCarveOuts(fr, p)
	}
	return []string{p}, nil
}

// withoutException returns a statement without the exception that opens
// it: "except for liability arising from death …, our liability …" is
// read from "our liability".
func withoutException(low string) string {
	if !exceptionHead().MatchString(low) {
		if i := strings.Index(low, ", except"); i < 0 {
			return low
		}
	}
	if m := mainClause().FindStringIndex(low); m != nil {
		return low[m[0]+1:]
	}
	if verbSecondNeedles.in(low) {
		if m := verbSecondMain().FindStringIndex(low); m != nil {
			return low[m[0]+1:]
		}
	}
	return low
}

// withoutException is withoutException(low), read once per text: a
// statement is read without its exception for the scope of its cap and
// for whose liability it limits.
func (r *factReader) withoutException(low string) string {
	if r == nil {
		return withoutException(low)
	}
	sc := r.scan(low)
	if sc.main == nil {
		m := withoutException(low)
		sc.main = &m
	}
	return *sc.main
}

// verbSecondMain finds the limitation after an opening exception in
// German, which puts the verb right after the exception, with no comma:
// "mit ausnahme der freistellungspflichten jeder partei ist die haftung
// von acme …".
var verbSecondMain = lazyRE(`\s(?:ist|sind|wird|werden|bleibt)\s+(?:\S+\s+){0,3}?(?:gesamt)?haftung\b|\s(?:haftet|haften)\s`)

// verbSecondNeedles are literals one of which every match of
// verbSecondMain holds: a verb and the blank after it. Most exceptions
// are English; the pattern, which starts with a blank, tried every
// position of each.
var verbSecondNeedles = newLiterals(func() []string {
	var out []string
	for _, verb := range []string{"ist", "sind", "wird", "werden", "bleibt", "haftet", "haften"} {
		for _, blank := range []string{" ", "\t", "\n", "\f", "\r"} {
			out = append(out, verb+blank)
		}
	}
	return out
}())

var applyRe = lazyRE(`^(?:does|do|shall|will) not apply`)

// otherCarveOuts returns, as "other: <words>", the items of an exception
// phrase that no word of the vocabulary names.
func otherCarveOuts(fr *factReader, p string) []string {
	body := exceptionLead().ReplaceAllString(p, "")
	var out []string
	for _, item := range itemSplit().Split(body, -1) {
		item = strings.Trim(item, " ,;:.()*_-\"“”")
		words := strings.Fields(item)
		if len(words) < 2 || len(words) > 10 || isBoilerplate(item) || definedTermNeedles.in(item) && definedTerms().MatchString(item) {
			continue
		}
		if fr.scan(item).has("carve-out") {
			continue
		}
		if len(words) > 6 {
			words = words[:6]
		}
		out = append(out, model.OtherPrefix+strings.Join(words, " "))
	}
	return out
}

var (
	exceptionLead = lazyRE(`^(?:\(?[a-z0-9ivx]{1,4}[.)]\s+)?(?:[-*•]\s+)?(?:\*\*)?(?:except|excluding|other than|save for|with the exception of|(?:does|do|shall|will) not apply)\s+(?:(?:for|to|with respect to|in the case of|in respect of|as to)\s+)?(?:(?:any|the)\s+)?(?:liability\s+(?:for|arising from)\s+)?`)
	itemSplit     = lazyRE(`,|;|\band\b|\bor\b|\([a-z0-9ivx]{1,4}\)`)
)

// isBoilerplate reports whether an item of an exception is a word of
// the law or of the terms themselves ("as permitted by law", "this
// section"), not a kind of liability: plain words found in one pass,
// and "law" and "laws" as whole words. A pattern of their alternatives
// tried every position of every item.
func isBoilerplate(item string) bool {
	return boilerplateWords.in(item) || hasWord(item, "law") || hasWord(item, "laws")
}

var boilerplateWords = literalsOf("permitted|prohibited|required|provided|set forth|expressly|otherwise|foregoing|stated|described|applicable|extent|above|below|herein|this section|these terms|this agreement|consumer|resid|jurisdiction|country|countries|state")

// hasWord reports whether s holds w as a word: with no letter, digit or _
// of ASCII right before or after it (what \b tells).
func hasWord(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		if (i == 0 || !isWordByte(s[i-1])) && (i+len(w) == len(s) || !isWordByte(s[i+len(w)])) {
			return true
		}
		off = i + 1
	}
}

var definedTermNeedles = literalsOf("excluded|uncapped|unlimited|exempt")

// definedTerms are the names terms give the claims they leave uncapped.
var definedTerms = lazyRE(`(?:excluded|uncapped|unlimited|exempt)\s+(?:claims|liabilities|matters|obligations|damages)`)

// definitionOf returns, lower-cased, the definition in doc of a defined
// term an exception phrase uses ("except for Excluded Claims"): the line
// that defines it and the list items below it; "" when the phrase uses
// none or doc does not define it.
func definitionOf(phrase, doc string) string {
	term := definedTerms().FindString(phrase)
	if term == "" {
		return ""
	}
	low := strings.ToLower(doc)
	def := regexp.MustCompile(`["“]?` + regexp.QuoteMeta(term) + `["”]?\s*(?:means|shall mean|refers to|is defined as|are)\b|\((?:collectively,?\s*)?(?:the\s+)?["“]` + regexp.QuoteMeta(term) + `["”]\)`)
	m := def.FindStringIndex(low)
	if m == nil {
		return ""
	}
	start := strings.LastIndexByte(low[:m[0]], '\n') + 1
	var b strings.Builder
	rest := low[start:]
	for i := 0; i < 12 && rest != ""; i++ {
		line, r, _ := strings.Cut(rest, "\n")
		rest = r
		t := strings.TrimSpace(line)
		if i > 0 && t != "" && !listStart().MatchString(t) && !strings.HasSuffix(t, ";") {
			break
		}
		b.WriteString(t)
		b.WriteByte('\n')
	}
	return b.String()
}
