package clause

import (
	"regexp"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// Carve-outs: what a limitation leaves uncapped. They are read only from
// the exceptions to it ("EXCEPT FOR …, OUR LIABILITY …", "this limitation
// does not apply to …", "nothing in these terms limits our liability for
// …", "Excluded Claims" and their definition), never from a list of the
// damages it excludes nor from "no warranty, indemnity or support".

// carveOut is one kind of liability a limitation may leave uncapped.
type carveOut struct {
	name string // from the fixed vocabulary (model.Carve*)
	re   *regexp.Regexp
	need []string // literals one of which a match contains
}

// carveOuts are in the order they are reported.
var carveOuts = []carveOut{
	{model.CarveIndemnification, regexp.MustCompile(`indemnif|indemnit|indemniz|indemnis|freistell|manlev|indenni`), strings.Split("indemn|freistell|manlev|indenni", "|")},
	{model.CarveConfidentiality, regexp.MustCompile(`confidential|confidencial|vertraulich|geheimhaltung|riservatezz|poufno`), strings.Split("confiden|vertraulich|geheimhaltung|riservatezz|poufno", "|")},
	{model.CarveIP, regexp.MustCompile(`infring|misappropriat|intellectual\s+property|infracci[oó]n\s+de\s+(?:la\s+)?propiedad|propiedad\s+intelectual|contrefaçon|propriété\s+intellectuelle|(?:geistig\S*\s+eigentum|schutzrecht)|proprietà\s+intellettuale|własności\s+intelektualnej`), strings.Split("infring|misappropriat|intellectual|propiedad|contrefaçon|propriété|geistig|schutzrecht|proprietà|własności", "|")},
	{model.CarveGrossNegligence, regexp.MustCompile(`gross(?:ly)?\s+negligen|wil?lful|intentional\s+misconduct|misconduct|negligencia\s+grave|\bdolo\b|conducta\s+dolosa|faute\s+(?:lourde|intentionnelle|dolosive)|négligence\s+grave|\bdol\b|grob\S*\s+fahrlässig|vorsatz|vorsätzlich|colpa\s+grave|negligenza\s+grave|rażąc\S*\s+niedbal|rażąc\S*\s+zaniedb|umyśl|winy\s+umyślnej`), strings.Split("neglig|wilful|willful|misconduct|dolo|faute|dol|fahrläss|vorsatz|vorsätz|colpa|niedbal|zaniedb|umyśl", "|")},
	{model.CarveFraud, regexp.MustCompile(`fraud|fraude|betrug|arglist|\bfrode|oszust`), strings.Split("fraud|betrug|arglist|frode|oszust", "|")},
	{model.CarvePayment, regexp.MustCompile(`payment\s+obligations?|obligations?\s+to\s+pay|amounts?\s+(?:due|owed|payable)|fees\s+(?:due|owed|payable)|obligaciones\s+de\s+pago|obligations?\s+de\s+paiement|zahlungspflicht|obblighi\s+di\s+pagamento|zobowiąza\S*\s+(?:do\s+)?płatnicz|obowiąz\S*\s+(?:zapłaty|płatności)`), strings.Split("pay|amount|fees|pago|paiement|zahlung|pagamento|płatn|zapłaty", "|")},
	{model.CarveDeath, regexp.MustCompile(`death|personal\s+injur|bodily\s+injur|injury\s+to\s+(?:life|body|health)|muerte|lesiones\s+personales|daños\s+personales|décès|dommages?\s+corporels?|atteinte\s+à\s+la\s+(?:vie|personne)|\btod\b|körperverletzung|leben,\s+(?:des\s+)?körper|verletzung\s+des\s+lebens|\bmorte\b|lesioni\s+personali|danni\s+alla\s+persona|śmier|obrażeni\S*\s+ciała|uszczerb\S*\s+na\s+zdrowiu`), strings.Split("death|injur|muerte|lesiones|personales|décès|corporel|atteinte|tod|körper|leben|morte|lesioni|persona|śmier|obrażeni|uszczerb", "|")},
	{model.CarveDataProtection, regexp.MustCompile(`data\s+protection|data\s+processing|personal\s+data|protección\s+de\s+datos|protection\s+des\s+données|données\s+personnelles|datenschutz|protezione\s+dei\s+dati|dati\s+personali|ochron\S*\s+danych|danych\s+osobowych`), strings.Split("data|datos|données|datenschutz|dati|danych", "|")},
}

// readCarveOuts returns the carve-outs of a liability clause, from its
// statements and, for a defined term such as "Excluded Claims", from the
// term's definition anywhere in doc.
func readCarveOuts(doc string, stmts []capStmt) []string {
	var b strings.Builder
	if len(stmts) > 0 && stmts[0].ctx != "" {
		b.WriteString(stmts[0].ctx)
		b.WriteByte('\n')
	}
	for _, st := range stmts {
		b.WriteString(strings.ReplaceAll(st.low, "\n", " "))
		b.WriteByte('\n')
	}
	return carveOutsOf(b.String(), doc)
}

// findCarveOuts returns the carve-outs stated in low (lower case), one
// sentence or list item a line.
func findCarveOuts(low string) []string { return carveOutsOf(low, "") }

func carveOutsOf(low, doc string) []string {
	var scope strings.Builder
	var others []string
	listOpen := false
	for low != "" {
		unit, rest := nextUnit(low)
		low = rest
		t := strings.TrimSpace(unit)
		switch {
		case t == "":
		case containsAny(t, exceptionNeedles) && exceptionRe.MatchString(t) && exceptionToLimit(t):
			phrases, other := exceptionPhrases(t)
			for _, p := range phrases {
				scope.WriteString(p)
				scope.WriteByte('\n')
				if doc != "" {
					scope.WriteString(definitionOf(p, doc))
				}
			}
			others = append(others, other...)
			listOpen = strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";")
		case listOpen && (listStart.MatchString(t) || strings.HasSuffix(t, ";") || strings.HasSuffix(t, ".")):
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
	var out []string
	for _, co := range carveOuts {
		if matchNeedles(co.re, co.need, text) {
			out = append(out, co.name)
		}
	}
	for _, o := range others {
		out = appendUnique(out, o)
	}
	return out
}

// exceptionToLimit reports whether the exceptions of sentence t are made
// to a cap or to the limitation as a whole: t states a cap itself
// ("except for X, our liability shall not exceed …"), or speaks of the
// limitation ("this limitation does not apply to …", "nothing in these
// terms limits …", "unlimited liability for …"), or names a defined term
// of uncapped claims. An exception to something else ("will not have any
// liability on account of such termination except to refund amounts
// paid") carves nothing out of the cap.
func exceptionToLimit(t string) bool {
	return limitationException.MatchString(t) || definedTerms.MatchString(t) ||
		hasLimitPhrase(t) && hasMeasure(t) || blanketExclusion(t)
}

var limitationException = regexp.MustCompile(`\b(?:limitations?|exclusions?|caps?|limits?|disclaimers?)\b[^.;]{0,80}\b(?:do|does|shall|will|would|may)\s+not\s+apply|\bnot\s+apply\s+to\b|\bnothing\s+in\b[^.;]{0,80}\b(?:limits?|excludes?|restricts?|limit|exclude|restrict|affects?)\b|\bunlimited\b|\bwithout\s+limit|\b(?:cannot|can't|may\s+not|(?:are|is)\s+not\s+entitled\s+to)\s+claim\s+(?:any\s+)?(?:damages|compensation)\b[^.;]{0,40}\bexcept|\bno\s+(?:limitation|cap)\s+(?:shall\s+)?appl` +
	`|(?:limitaci|exclusi)\S*\s+(?:\S+\s+){0,6}?no\s+(?:se\s+)?(?:aplica|aplicar)|nada\s+en\b|ilimitad` +
	`|(?:limitation|exclusion)s?\s+(?:\S+\s+){0,6}?ne\s+s'appliqu|aucune\s+disposition|rien\s+dans|illimité` +
	`|gilt\s+nicht|gelten\s+nicht|unberührt|unbeschränkt|unbegrenzt` +
	`|(?:limitazion|esclusion)\S*\s+(?:\S+\s+){0,6}?non\s+si\s+applica|nulla\s+(?:di\s+quanto|in)|illimitat` +
	`|nie\s+(?:dotyczy|dotyczą|ma\s+zastosowania|mają\s+zastosowania)|nie\s+wyłącza|nie\s+ogranicza|nieograniczon`)

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

// exceptionNeedles are literals one of which every match of exceptionRe
// contains: most sentences are rejected by these cheap searches.
var exceptionNeedles = strings.Split("except|exclu|other than|save |apply|not limit|not restrict|nothing|unlimit|without limit|unless|excepto|salvo|excepci|aplica|nada en|sauf|hormis|s'appli|aucune dispo|rien dans|außer|ausgenommen|ausnahme|gilt nicht|gelten nicht|unberührt|unbeschränkt|unbegrenzt|es sei denn|eccett|eccezion|si applica|nulla|illimitat|wyjątk|nie dotyczy|nie wyłącza|nie ogranicza|chyba że|nieograniczon", "|")

// exceptionRe finds the words that take something out of a limitation, in
// every language of the lexicon.
var exceptionRe = regexp.MustCompile(`\b(?:except|excluding|other than|save for|save in|with the exception|does not apply|do not apply|shall not apply|will not apply|not (?:limit|exclude|restrict)|nothing in|unlimited|without limit|unless)\b|excepto|salvo|con excepción|no se aplica|nada en|sauf|à l'exception|hormis|ne s'applique|aucune disposition|rien dans|außer|ausgenommen|mit ausnahme|gilt nicht|gelten nicht|unberührt|unbeschränkt|unbegrenzt|es sei denn|eccetto|ad eccezione|non si applica|nulla (?:di quanto|in)|illimitat|wyjątkiem|nie dotyczy|nie wyłącza|nie ogranicza|chyba że|nieograniczon`)

// exceptionHead finds the exceptions that open a sentence and are followed
// by the limitation they are made to: "except for your payment
// obligations, neither party's liability …".
var exceptionHead = regexp.MustCompile(`^(?:\(?[a-z0-9ivx]{1,4}[.)]\s+)?(?:[-*•]\s+)?(?:\*\*)?(?:except|excluding|other than|save for|with the exception of|excepto|salvo|con excepción de|sauf|à l'exception de|hormis|außer|ausgenommen|mit ausnahme|eccetto|ad eccezione|z wyjątkiem)\b`)

// mainClause finds where the limitation an opening exception is made to
// begins.
var mainClause = regexp.MustCompile(`,\s*(?:and\s+)?(?:in no event|under no circumstances|neither|each party|either party|(?:our|its|their|the|\pL+(?:'s|’s))\s+(?:\S+\s+){0,3}?liabilit|we\b|(?:\pL+\s+){0,2}(?:shall|will|is|are)\s+not\s+(?:be\s+)?liable|en ningún caso|la responsabilidad|en aucun cas|la responsabilité|die haftung|in keinem fall|in nessun caso|la responsabilità|w żadnym (?:wypadku|przypadku)|odpowiedzialność)`)

// postponed finds the words after which a sentence names its exceptions
// before them ("… bleibt unberührt").
var postponed = regexp.MustCompile(`unberührt|unbeschränkt|unbegrenzt|unlimited|without limit|illimitat|nieograniczon`)

// exceptionPhrases returns the parts of a sentence that state exceptions
// to a limitation, and the exceptions named in words outside the fixed
// vocabulary ("other: …"). An opening exception ends where the limitation
// begins; one that comes later runs to the end of the sentence; a German
// "bleibt unberührt" or an "unlimited" names its exceptions before it, so
// the whole sentence counts.
func exceptionPhrases(t string) (phrases, others []string) {
	if exceptionHead.MatchString(t) {
		p := t
		if m := mainClause.FindStringIndex(t); m != nil {
			p = t[:m[0]]
		}
		return []string{p}, otherCarveOuts(p)
	}
	if postponed.MatchString(t) {
		return []string{t}, nil
	}
	m := exceptionRe.FindStringIndex(t)
	p := t[m[0]:]
	if e := mainClause.FindStringIndex(p); e != nil {
		p = p[:e[0]]
	}
	if strings.HasPrefix(p, "nothing") || strings.HasPrefix(p, "nada") || strings.HasPrefix(p, "rien") || strings.HasPrefix(p, "nulla") || strings.HasPrefix(p, "aucune") {
		return []string{p}, nil
	}
	if applyRe.MatchString(p) || strings.HasPrefix(p, "except") || strings.HasPrefix(p, "excluding") || strings.HasPrefix(p, "other than") {
		return []string{p}, otherCarveOuts(p)
	}
	return []string{p}, nil
}

// withoutException returns a statement without the exception that opens
// it: "except for liability arising from death …, our liability …" is
// read from "our liability".
func withoutException(low string) string {
	if !exceptionHead.MatchString(low) {
		if i := strings.Index(low, ", except"); i < 0 {
			return low
		}
	}
	if m := mainClause.FindStringIndex(low); m != nil {
		return low[m[0]+1:]
	}
	return low
}

var applyRe = regexp.MustCompile(`^(?:does|do|shall|will) not apply`)

// otherCarveOuts returns, as "other: <words>", the items of an exception
// phrase that no word of the vocabulary names.
func otherCarveOuts(p string) []string {
	body := exceptionLead.ReplaceAllString(p, "")
	var out []string
	for _, item := range itemSplit.Split(body, -1) {
		item = strings.Trim(item, " ,;:.()*_-\"“”")
		words := strings.Fields(item)
		if len(words) < 2 || len(words) > 10 || boilerplate.MatchString(item) || definedTerms.MatchString(item) {
			continue
		}
		named := false
		for _, co := range carveOuts {
			if matchNeedles(co.re, co.need, item) {
				named = true
				break
			}
		}
		if named {
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
	exceptionLead = regexp.MustCompile(`^(?:\(?[a-z0-9ivx]{1,4}[.)]\s+)?(?:[-*•]\s+)?(?:\*\*)?(?:except|excluding|other than|save for|with the exception of|(?:does|do|shall|will) not apply)\s+(?:(?:for|to|with respect to|in the case of|in respect of|as to)\s+)?(?:(?:any|the)\s+)?(?:liability\s+(?:for|arising from)\s+)?`)
	itemSplit     = regexp.MustCompile(`,|;|\band\b|\bor\b|\([a-z0-9ivx]{1,4}\)`)
	boilerplate   = regexp.MustCompile(`\blaw\b|\blaws\b|permitted|prohibited|required|provided|set forth|expressly|otherwise|foregoing|stated|described|applicable|extent|above|below|herein|this section|these terms|this agreement|consumer|resid|jurisdiction|country|countries|state|states`)
)

// definedTerms are the names terms give the claims they leave uncapped.
var definedTerms = regexp.MustCompile(`(?:excluded|uncapped|unlimited|exempt)\s+(?:claims|liabilities|matters|obligations|damages)`)

// definitionOf returns, lower-cased, the definition in doc of a defined
// term an exception phrase uses ("except for Excluded Claims"): the line
// that defines it and the list items below it; "" when the phrase uses
// none or doc does not define it.
func definitionOf(phrase, doc string) string {
	term := definedTerms.FindString(phrase)
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
		if i > 0 && t != "" && !listStart.MatchString(t) && !strings.HasSuffix(t, ";") {
			break
		}
		b.WriteString(t)
		b.WriteByte('\n')
	}
	return b.String()
}
