package clause

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// Amounts written in digits, with the currency before or after.
var (
	moneyBefore = regexp.MustCompile(`(u\.?s\.?\s?\$|us\s\$|au?\$|ca?\$|\$|€|£|¥|\b(?:usd|eur|gbp|chf|cad|aud|pln|jpy|inr)\b)\s?(\d(?:[\d.,\x{00a0}\x{202f} ]*\d)?)`)
	moneyAfter  = regexp.MustCompile(`(\d(?:[\d.,\x{00a0}\x{202f} ]*\d)?)\s?(\$|€|£|zł|\b(?:usd|eur|gbp|chf|cad|aud|pln|jpy|inr|euros?|dollars?|dólares|dollari|dolar\pL*|pounds?|libras?|sterling|złotych|zlotych|franken|francs?)\b)`)
	moneyWords  = regexp.MustCompile(`((?:[\pL]+[\s-]+){1,4}?)((?:u\.?s\.?\s|american\s|us\s|canadian\s|australian\s)?(?:dollars?|dólares|dollari|dolar\pL*|euros?|pounds?|libras?|sterling|złotych|zlotych))`)
	percentRe   = regexp.MustCompile(`\d+\s?%`)
)

// numberWords are the words for the numbers caps are written in.
var numberWords = map[string]float64{
	"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "twenty": 20, "twenty-five": 25, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 1e6,
	"un": 1, "uno": 1, "una": 1, "dos": 2, "cinco": 5, "diez": 10, "cincuenta": 50, "cien": 100, "ciento": 100,
	"doscientos": 200, "quinientos": 500, "mil": 1000, "millón": 1e6, "millones": 1e6,
	"une": 1, "deux": 2, "cinq": 5, "dix": 10, "cinquante": 50, "cent": 100, "cents": 100, "mille": 1000,
	"ein": 1, "eine": 1, "eins": 1, "zwei": 2, "fünf": 5, "zehn": 10, "fünfzig": 50, "hundert": 100,
	"einhundert": 100, "zweihundert": 200, "fünfhundert": 500, "tausend": 1000, "eintausend": 1000,
	"due": 2, "cinque": 5, "dieci": 10, "cinquanta": 50, "cento": 100, "duecento": 200, "cinquecento": 500,
	"jeden": 1, "dwa": 2, "pięć": 5, "dziesięć": 10, "pięćdziesiąt": 50, "sto": 100, "stu": 100,
	"dwieście": 200, "pięćset": 500, "tysiąc": 1000, "tysięcy": 1000, "tysiąca": 1000,
}

// monthWords are the words for fee periods.
var monthWords = map[string]int{
	"one": 1, "three": 3, "six": 6, "twelve": 12, "twenty-four": 24, "eighteen": 18,
	"un": 1, "tres": 3, "seis": 6, "doce": 12, "trois": 3, "douze": 12,
	"ein": 1, "einen": 1, "drei": 3, "sechs": 6, "zwölf": 12, "uno": 1, "tre": 3, "sei": 6, "dodici": 12,
	"jeden": 1, "trzech": 3, "sześciu": 6, "dwunastu": 12, "trzy": 3, "sześć": 6, "dwanaście": 12,
}

var (
	monthsRe = regexp.MustCompile(`(\d{1,2}|[\pL-]+)\s*(?:\((\d{1,2})\)\s*)?[\s-]?(?:months?|meses|mois|monate?n?|monats|mesi|miesi\pL*)`)
	yearRe   = regexp.MustCompile(`\b(?:one|1)[\s-]year\b|\b(?:twelve|12)[\s-]month|\bannual\b|un\s+\(?1?\)?\s*año|un\s+an\b|einem\s+jahr|eines\s+jahres|un\s+anno|jednego\s+roku|\bone\s+\(1\)\s+year`)
	feesRe   = regexp.MustCompile(`\bfees?\b|\bpaid\b|\bpayable\b|\bcharges\b|\bprice\b|amounts?\s+(?:\pL+\s+){0,4}pa(?:id|y)|tarifa|pagad|cuotas?|precio|frais|payé|montant|prix|gebühr|entgelt|gezahlt|bezahlt|vergütung|preis|corrispettiv|pagat|canon|importo|prezzo|opłat|zapłac|cen[ay]\b|kwot`)
	// feesNeedles are literals one of which every match of feesRe
	// contains; feesRe runs only around them.
	feesNeedles = strings.Split("fee|paid|payable|charges|price|amount|tarifa|pagad|cuota|precio|frais|payé|montant|prix|gebühr|entgelt|gezahlt|bezahlt|vergütung|preis|corrispettiv|pagat|canon|importo|prezzo|opłat|zapłac|cena|ceny|kwot", "|")
	lesserRe    = regexp.MustCompile(`\blesser\b|\blower\b|\bsmaller\b|but (?:not|no) (?:more|greater) than|menor|sin exceder|moins élevé|plus faible|le plus bas|sans (?:pouvoir )?excéder|dans la limite de|geringer|niedriger|kleiner|höchstens jedoch|jedoch höchstens|maximal jedoch|minore|più basso|ma non oltre|mniejsz|niższ|nie więcej niż`)
)

// capAboveRe finds caps stated as the amounts the provider is not liable
// for ("not liable … for any amounts that exceed the fees paid …"). It
// runs only on sentences already found to limit liability, where it
// tells that the sentence sets a cap.
var capAboveRe = regexp.MustCompile(`\b(?:amounts?|sums?)\s+(?:\S+\s+){0,4}(?:in excess of|that exceeds?|which exceeds?|exceeding|greater than)\s|\bup to\s+(?:an?\s+|the\s+)?(?:amount|sum|total)\s+(?:equal|equivalent)` +
	`|(?:cantidad|importe|monto|suma)\S*\s+(?:\pL+\s+){0,4}(?:que exced|superior|en exceso)` +
	`|(?:montant|somme)\S*\s+(?:\pL+\s+){0,4}(?:excéd|supérieur|dépass)` +
	`|(?:betr(?:a|ä)g|summe)\S*\s+(?:\S+\s+){0,6}(?:übersteig|hinausgeh)` +
	`|(?:importi|importo|somm[ae])\s+(?:\pL+\s+){0,4}(?:eccedent|superior|che ecced)` +
	`|(?:kwot|sum)\S*\s+(?:\pL+\s+){0,4}(?:przekraczając|wyższ)`)

// capAboveNeedles are literals one of which every match of capAboveRe
// contains.
var capAboveNeedles = strings.Split("exceed|excess|greater than|equal|equivalent|exced|superior|exceso|excéd|supérieur|dépass|übersteig|hinausgeh|eccedent|ecced|przekracza|wyższ", "|")

func capAbove(low string) bool {
	if !strings.ContainsAny(low, "0123456789$€£") && !hasCurrencyWord(low) && !containsAny(low, feesNeedles) {
		return false // a cap names an amount or the fees
	}
	return containsAny(low, capAboveNeedles) && capAboveRe.MatchString(low)
}

// extractCap reads the cap stated in capText (the sentences with a cap
// cue) and the carve-outs stated anywhere in the clause.
func extractCap(capText, clauseText string) *model.Cap {
	low := strings.ToLower(capText)
	cp := &model.Cap{}
	if amt, cur, ok := findAmount(low); ok {
		cp.Amount = &amt
		cp.Currency = cur
	}
	fees := matchNeedles(feesRe, feesNeedles, low)
	if fees {
		cp.FeePeriodMonths = findMonths(low)
	}
	switch {
	case cp.Amount != nil && fees && lesserRe.MatchString(low):
		cp.Basis = model.BasisLesser
	case cp.Amount != nil && fees:
		// "the greater of" is the common form; an amount offered beside
		// the fees ("$1,000 or the fees you paid") reads as an alternative
		// floor, so it is a greater-of cap too.
		cp.Basis = model.BasisGreater
	case cp.Amount != nil:
		cp.Basis = model.BasisFixed
	case fees || percentRe.MatchString(low):
		cp.Basis = model.BasisFees
	}
	cp.CarveOuts = findCarveOuts(strings.ToLower(clauseText))
	if cp.Amount == nil && cp.Basis == "" && len(cp.CarveOuts) == 0 {
		return nil
	}
	return cp
}

// findAmount returns the first amount of money in s.
func findAmount(s string) (float64, string, bool) {
	best := -1
	var amt float64
	var cur string
	if m := moneyBefore.FindStringSubmatchIndex(s); m != nil {
		if v, ok := parseNumber(s[m[4]:m[5]]); ok {
			best, amt, cur = m[0], v, currencyCode(s[m[2]:m[3]], s[:m[0]])
		}
	}
	if m := moneyAfter.FindStringSubmatchIndex(s); m != nil && (best < 0 || m[0] < best) {
		if v, ok := parseNumber(s[m[2]:m[3]]); ok {
			best, amt, cur = m[0], v, currencyCode(s[m[4]:m[5]], s[:m[0]])
		}
	}
	if best >= 0 {
		return amt, cur, true
	}
	if !hasCurrencyWord(s) {
		return 0, "", false
	}
	for _, m := range moneyWords.FindAllStringSubmatchIndex(s, -1) {
		if v, ok := parseNumberWords(s[m[2]:m[3]]); ok {
			return v, currencyCode(s[m[4]:m[5]], s[:m[0]]), true
		}
	}
	return 0, "", false
}

// containsAny reports whether s contains one of needles: the cheap test
// that spares a regexp most sentences.
func containsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// hasCurrencyWord reports whether s names a currency in words: only then
// is the slower moneyWords search worth running.
func hasCurrencyWord(s string) bool { return containsAny(s, currencyWords) }

var currencyWords = []string{"dollar", "dólar", "euro", "pound", "libra", "sterling", "złot", "zlot"}

// currencyCode maps a symbol or word to ISO 4217; before is the text
// preceding it, which may qualify a dollar ("Canadian").
func currencyCode(sym, before string) string {
	sym = strings.TrimSpace(sym)
	tail := before
	if len(tail) > 20 {
		tail = tail[len(tail)-20:]
	}
	switch {
	case strings.HasPrefix(sym, "au") || strings.HasPrefix(sym, "a$") || strings.Contains(sym, "australian"):
		return "AUD"
	case strings.HasPrefix(sym, "ca") && strings.Contains(sym, "$") || sym == "c$" || strings.Contains(sym, "canadian") || strings.Contains(tail, "canadian"):
		return "CAD"
	case strings.Contains(sym, "$") || strings.HasPrefix(sym, "dol") || strings.Contains(sym, "dólar") || strings.Contains(sym, "usd"):
		return "USD"
	case sym == "€" || strings.HasPrefix(sym, "eur"):
		return "EUR"
	case sym == "£" || strings.HasPrefix(sym, "gbp") || strings.HasPrefix(sym, "pound") || strings.HasPrefix(sym, "libra") || sym == "sterling":
		return "GBP"
	case sym == "¥" || sym == "jpy":
		return "JPY"
	case sym == "zł" || sym == "pln" || strings.HasPrefix(sym, "zł") || strings.HasPrefix(sym, "zlot"):
		return "PLN"
	case sym == "chf" || sym == "franken" || strings.HasPrefix(sym, "franc"):
		return "CHF"
	}
	return strings.ToUpper(sym)
}

// parseNumber reads "1,000", "1.000", "1 000", "1,000.00", "1.000,00" and
// "100,00": a separator followed by exactly three digits groups
// thousands, any other is the decimal mark.
func parseNumber(s string) (float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	s = strings.TrimRight(s, ".,")
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case lastDot >= 0 && lastComma >= 0:
		if lastDot > lastComma {
			s = strings.ReplaceAll(s, ",", "")
		} else {
			s = strings.ReplaceAll(s, ".", "")
			s = strings.Replace(s, ",", ".", 1)
		}
	case lastComma >= 0:
		s = normaliseSeparator(s, ",")
	case lastDot >= 0:
		s = normaliseSeparator(s, ".")
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func normaliseSeparator(s, sep string) string {
	parts := strings.Split(s, sep)
	thousands := len(parts[0]) <= 3 && len(parts[0]) > 0
	for _, p := range parts[1:] {
		if len(p) != 3 {
			thousands = false
		}
	}
	if thousands {
		return strings.Join(parts, "")
	}
	return strings.Join(parts, ".")
}

// parseNumberWords reads the last run of number words in s ("the sum of
// one thousand").
func parseNumberWords(s string) (float64, bool) {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '\t' })
	// Take the trailing run of number words, skipping "and"/"y"/"et".
	start := len(words)
	for start > 0 {
		w := words[start-1]
		if _, ok := numberWords[w]; ok || (start < len(words) && (w == "and" || w == "y" || w == "et" || w == "und" || w == "e")) {
			start--
			continue
		}
		break
	}
	run := words[start:]
	if len(run) == 0 || (len(run) == 1 && run[0] == "a") {
		return 0, false
	}
	var total, cur float64
	for _, w := range run {
		v, ok := numberWords[w]
		if !ok {
			continue
		}
		switch {
		case v >= 1000:
			if cur == 0 {
				cur = 1
			}
			total += cur * v
			cur = 0
		case v == 100:
			if cur == 0 {
				cur = 1
			}
			cur *= 100
		default:
			cur += v
		}
	}
	total += cur
	return total, total > 0
}

// findMonths returns the fee period named in s, in months.
func findMonths(s string) int {
	if !strings.Contains(s, "mon") && !strings.Contains(s, "mes") && !strings.Contains(s, "mois") && !strings.Contains(s, "miesi") {
		// None of the words monthsRe ends with: spare its slow scan.
		return yearMonths(s)
	}
	for _, m := range monthsRe.FindAllStringSubmatch(s, -1) {
		if m[2] != "" {
			if n, err := strconv.Atoi(m[2]); err == nil {
				return n
			}
		}
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
		if n, ok := monthWords[m[1]]; ok {
			return n
		}
	}
	return yearMonths(s)
}

func yearMonths(s string) int {
	if yearRe.MatchString(s) {
		return 12
	}
	return 0
}

// carveOut is one kind of liability left outside a cap. customer marks
// those that widen the customer's own exposure when the cap stops
// covering them (the provider can then claim them from the customer
// without limit); the others are protections the customer loses when
// they are taken out of the carve-outs.
type carveOut struct {
	name     string
	customer bool
	re       *regexp.Regexp
	need     []string // literals one of which a match contains
}

var carveOuts = []carveOut{
	{"gross negligence", false, regexp.MustCompile(`gross(?:ly)?\s+negligen|negligencia\s+grave|faute\s+lourde|négligence\s+grave|grob\S*\s+fahrlässig|grobe\S*\s+fahrlässigkeit|colpa\s+grave|negligenza\s+grave|rażąc\S*\s+niedbal|rażąc\S*\s+zaniedb`), strings.Split("neglig|fahrläss|faute lourde|colpa grave|niedbal|zaniedb", "|")},
	{"wilful misconduct", false, regexp.MustCompile(`wil?lful\s+misconduct|intentional\s+misconduct|wilful|willful|dolo\b|conducta\s+dolosa|faute\s+(?:intentionnelle|dolosive)|dol\b|vorsatz|vorsätzlich|umyśl`), strings.Split("wilful|willful|misconduct|dol|intentionn|vorsatz|vorsätz|umyśl", "|")},
	{"fraud", false, regexp.MustCompile(`fraud|fraude|betrug|arglist|frode|oszust`), strings.Split("fraud|betrug|arglist|frode|oszust", "|")},
	{"death or personal injury", false, regexp.MustCompile(`death|personal\s+injur|bodily\s+injur|injury\s+to\s+(?:life|body|health)|muerte|lesiones\s+personales|décès|dommages?\s+corporels?|tod\b|körperverletzung|leben,\s+(?:des\s+)?körper|verletzung\s+des\s+lebens|morte|lesioni\s+personali|śmier|obrażeni\S*\s+ciała|uszczerb\S*\s+na\s+zdrowiu`), strings.Split("death|injur|muerte|lesiones|décès|corporel|tod|körper|leben|morte|lesioni|śmier|obrażeni|uszczerb", "|")},
	{"indemnification obligations", true, regexp.MustCompile(`indemnif|indemnit|indemniz|indemnis|freistell|manlev|indenni`), strings.Split("indemn|freistell|manlev|indenni", "|")},
	{"payment obligations", true, regexp.MustCompile(`payment\s+obligations?|obligations?\s+to\s+pay|amounts?\s+(?:due|owed)|fees\s+(?:due|owed)|obligaciones\s+de\s+pago|obligations?\s+de\s+paiement|zahlungspflicht|obblighi\s+di\s+pagamento|zobowiąza\S*\s+(?:do\s+)?płatnicz`), strings.Split("pay|amount|fees|pago|paiement|zahlung|pagamento|płatnicz", "|")},
	{"confidentiality", false, regexp.MustCompile(`confidential|confidencial|vertraulich|geheimhaltung|riservatezz|poufno`), strings.Split("confiden|vertraulich|geheimhaltung|riservatezz|poufno", "|")},
	{"intellectual property infringement", true, regexp.MustCompile(`infringement|misappropriat|infracci[oó]n\s+de\s+(?:la\s+)?propiedad|contrefaçon|verletzung\s+(?:von\s+)?(?:geistig|schutzrecht)|violazione\s+(?:dei\s+)?diritti\s+di\s+proprietà|naruszeni\S*\s+(?:praw\s+)?własności`), strings.Split("infring|misappropriat|infracci|contrefaçon|verletzung|violazione|naruszeni", "|")},
	{"data protection", false, regexp.MustCompile(`data\s+protection|data\s+processing|protección\s+de\s+datos|protection\s+des\s+données|datenschutz|protezione\s+dei\s+dati|ochron\S*\s+danych`), strings.Split("data|datos|données|datenschutz|dati|danych", "|")},
}

// findCarveOuts returns the carve-outs stated in low: the kinds of
// liability named in a sentence that makes an exception to a limitation
// ("except for …", "nothing in these terms limits …", "does not apply
// to …"), or in the list items such a sentence announces. A kind merely
// mentioned ("no liability under this indemnification paragraph") is
// not one.
func findCarveOuts(low string) []string {
	var scope strings.Builder
	listOpen := false
	for low != "" {
		unit, rest := nextUnit(low)
		low = rest
		t := strings.TrimSpace(unit)
		switch {
		case t == "":
		case containsAny(t, exceptionNeedles) && exceptionRe.MatchString(t):
			scope.WriteString(t)
			scope.WriteByte('\n')
			listOpen = strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";")
		case listOpen && (listStart.MatchString(t) || strings.HasSuffix(t, ";")):
			scope.WriteString(t)
			scope.WriteByte('\n')
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
	return out
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

// exceptionNeedles are literals one of which every match of exceptionRe
// contains: most sentences are rejected by these cheap searches.
var exceptionNeedles = strings.Split("except|exclu|other than|save |apply|not limit|not restrict|nothing|unlimit|notwithstanding|unless|excepto|salvo|excepci|aplica|applica|nada en|sauf|hormis|s'appli|aucune dispo|rien dans|außer|ausgenommen|ausnahme|gilt nicht|unberührt|unbeschränkt|unbegrenzt|es sei denn|eccett|eccezion|nulla|illimitat|wyjątk|nie dotyczy|nie wyłącza|nie ogranicza|chyba że|nieograniczon", "|")

// exceptionRe finds the sentences that take something out of a
// limitation, in every language of the lexicon.
var exceptionRe = regexp.MustCompile(`\b(?:except|excluding|other than|save for|save in|with the exception|does not apply|do not apply|shall not apply|will not apply|not (?:limit|exclude|restrict)|nothing in|unlimited|notwithstanding|unless)\b|excepto|salvo|con excepción|no se aplica|nada en|sauf|à l'exception|hormis|ne s'applique|aucune disposition|rien dans|außer|ausgenommen|mit ausnahme|gilt nicht|unberührt|unbeschränkt|unbegrenzt|es sei denn|eccetto|ad eccezione|non si applica|nulla (?:di quanto|in)|illimitat|wyjątkiem|nie dotyczy|nie wyłącza|nie ogranicza|chyba że|nieograniczon`)

// matchNeedles runs re on windows of s around the occurrences of the
// literals need: on a long text that is far faster than running re on
// all of it.
func matchNeedles(re *regexp.Regexp, need []string, s string) bool {
	const before, after = 160, 160
	for _, n := range need {
		for off := 0; ; {
			i := strings.Index(s[off:], n)
			if i < 0 {
				break
			}
			i += off
			if re.MatchString(s[max(0, i-before):min(len(s), i+len(n)+after)]) {
				return true
			}
			off = i + len(n)
		}
	}
	return false
}

// matchLines runs re on each paragraph of s: short inputs let the regexp
// package use its fast backtracker instead of the slower NFA.
func matchLines(re *regexp.Regexp, s string) bool {
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		if re.MatchString(line) {
			return true
		}
		s = rest
	}
	return false
}

// customerCarveOut reports whether a carve-out is one that, added, widens
// the customer's exposure.
func customerCarveOut(name string) bool {
	for _, co := range carveOuts {
		if co.name == name {
			return co.customer
		}
	}
	return false
}
