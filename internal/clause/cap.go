package clause

import (
	"regexp"
	"strconv"
	"strings"
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
	"a": 1, "one": 1, "two": 2, "three": 3, "six": 6, "twelve": 12, "twenty-four": 24, "eighteen": 18,
	"dos": 2, "deux": 2, "zwei": 2, "due": 2, "dwa": 2, "dwóch": 2,
	"un": 1, "tres": 3, "seis": 6, "doce": 12, "trois": 3, "douze": 12,
	"ein": 1, "einen": 1, "drei": 3, "sechs": 6, "zwölf": 12, "uno": 1, "tre": 3, "sei": 6, "dodici": 12,
	"jeden": 1, "trzech": 3, "sześciu": 6, "dwunastu": 12, "trzy": 3, "sześć": 6, "dwanaście": 12,
}

var (
	// A period is a number in words or digits (or both: "twelve (12)"),
	// maybe an adjective ("douze (12) derniers mois"), then months or
	// years: the unit is found first, then the number before it.
	periodUnit   = regexp.MustCompile(`\b(?:months?|meses|mois|monate?n?|monats|mesi|miesi\pL*|years?|años?|ans?|années?|jahre?n?|jahres|anni|anno|lat|lata|roku|rok)\b`)
	periodNumber = regexp.MustCompile(`(\d{1,2}|[\pL-]+)\s*(?:\((\d{1,2})\)\s*)?[\s-]?(?:(?:derniers|dernières|précédents|últimos|anteriores|letzten|vergangenen|ultimi|precedenti|ostatnich|poprzednich|calendar|preceding|previous|prior|past|consecutive)\s+)?$`)
	yearRe       = regexp.MustCompile(`\b(?:one|1)[\s-]year\b|\b(?:twelve|12)[\s-]month|\bannual\b|un\s+\(?1?\)?\s*año|un\s+an\b|einem\s+jahr|eines\s+jahres|un\s+anno|jednego\s+roku|\bone\s+\(1\)\s+year|(?:the|last|past|preceding|previous|prior)\s+(?:calendar\s+|contract\s+)?year|(?:l'|la\s+dernière\s+)année|(?:im|des|dem)\s+(?:letzten|vergangenen|laufenden)\s+(?:kalender|vertrags)?jahr|(?:el\s+)?(?:último|ultimo)\s+año|(?:l'|nell')ultimo\s+anno|(?:ostatni|poprzedni)\S*\s+rok`)
	feesRe       = regexp.MustCompile(`\bfees?\b|\bpaid\b|\bpayable\b|\bcharges\b|\bprice\b|amounts?\s+(?:\pL+\s+){0,4}pa(?:id|y)|tarifa|pagad|abonad|cuotas?|precio|frais|payé|versée?s?\b|acquitt|prix|gebühr|entgelt|gezahlt|bezahlt|vergütung|preis|corrispettiv|pagat|canon|prezzo|opłat|zapłac|uiszczon|cen[ay]\b`)
	// feesNeedles are literals one of which every match of feesRe
	// contains; feesRe runs only around them.
	feesNeedles = strings.Split("fee|paid|payable|charges|price|amount|tarifa|pagad|abonad|cuota|precio|frais|payé|versé|acquitt|prix|gebühr|entgelt|gezahlt|bezahlt|vergütung|preis|corrispettiv|pagat|canon|prezzo|opłat|zapłac|uiszczon|cena|ceny", "|")
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

// findAmount returns the first amount of money in s.
func findAmount(s string) (float64, string, bool) {
	if strings.ContainsAny(s, "0123456789") {
		if amt, cur, ok := findDigits(s); ok {
			return amt, cur, true
		}
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

// findDigits returns the first amount of money written in digits in s.
func findDigits(s string) (float64, string, bool) {
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
	return amt, cur, best >= 0
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

// findMonths returns the fee period named in s, in months: "twelve (12)
// months", "les douze (12) derniers mois", "two years", "the prior
// calendar year".
func findMonths(s string) int {
	if containsAny(s, periodNeedles) {
		for _, u := range periodUnit.FindAllStringIndex(s, -1) {
			m := periodNumber.FindStringSubmatch(s[max(0, u[0]-40):u[0]])
			if m == nil {
				continue
			}
			n := 0
			if m[2] != "" {
				n, _ = strconv.Atoi(m[2])
			} else if v, err := strconv.Atoi(m[1]); err == nil {
				n = v
			} else {
				n = monthWords[m[1]]
			}
			if n <= 0 {
				continue
			}
			if !monthUnit(s[u[0]:u[1]]) {
				n *= 12
			}
			return n
		}
	}
	return yearMonths(s)
}

// periodNeedles are literals one of which every match of periodRe holds.
var periodNeedles = strings.Split("month|mes|mois|miesi|monat|year|año|ans|année| an|jahr|anni|anno| lat|roku| rok", "|")

func monthUnit(u string) bool {
	for _, p := range []string{"mon", "mes", "mois", "miesi"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return false
}

func yearMonths(s string) int {
	if yearRe.MatchString(s) {
		return 12
	}
	return 0
}

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

// firstNear returns the span of the first match of re in s, running re
// only on windows around the literals need (one of which every match of
// re holds); nil when there is none.
func firstNear(re *regexp.Regexp, need []string, s string) []int {
	const before, after = 120, 200
	var best []int
	for _, n := range need {
		for off := 0; ; {
			i := strings.Index(s[off:], n)
			if i < 0 || best != nil && off+i > best[1] {
				break
			}
			i += off
			from := max(0, i-before)
			if m := re.FindStringIndex(s[from:min(len(s), i+len(n)+after)]); m != nil {
				if best == nil || m[0]+from < best[0] {
					best = []int{m[0] + from, m[1] + from}
				}
				break
			}
			off = i + len(n)
		}
	}
	return best
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
