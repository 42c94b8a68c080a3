package clause

import (
	"iter"
	"strconv"
	"strings"
)

// Amounts written in digits with the currency before them; after them,
// and in words, the currency names come from the lexicon (factlex.go).
var (
	moneyBefore = lazyRE(`(u\.?s\.?\s?\$|us\s\$|au?\$|ca?\$|\$|€|£|¥|\b(?:usd|eur|gbp|chf|cad|aud|pln|jpy|inr)\b)\s?(\d(?:[\d.,\x{00a0}\x{202f} ]*\d)?)`)
	percentRe   = lazyRE(`\d+\s?%`)
)

// capAboveRe finds caps stated as the amounts the provider is not liable
// for ("not liable … for any amounts that exceed the fees paid …"). It
// runs only on sentences already found to limit liability, where it
// tells that the sentence sets a cap. It is searched from where its
// matches can start ("amount", "sum", "up to", …): from every position
// of a dense page's sentences it was a fifth of reading their facts.
var capAboveRe = lazySearch(`\b(?:amounts?|sums?)\s+(?:\S+\s+){0,4}(?:in excess of|that exceeds?|which exceeds?|exceeding|greater than)\s|\bup to\s+(?:an?\s+|the\s+)?(?:amount|sum|total)\s+(?:equal|equivalent)` +
	`|(?:cantidad|importe|monto|suma)\S*\s+(?:\pL+\s+){0,4}(?:que exced|superior|en exceso)` +
	`|(?:montant|somme)\S*\s+(?:\pL+\s+){0,4}(?:excéd|supérieur|dépass)` +
	`|(?:betr(?:a|ä)g|summe)\S*\s+(?:\S+\s+){0,6}(?:übersteig|hinausgeh)` +
	`|(?:importi|importo|somm[ae])\s+(?:\pL+\s+){0,4}(?:eccedent|superior|che ecced)` +
	`|(?:kwot|sum)\S*\s+(?:\pL+\s+){0,4}(?:przekraczając|wyższ)`)

// capAboveNeedles are literals one of which every match of capAboveRe
// contains.
var capAboveNeedles = literalsOf("exceed|excess|greater than|equal|equivalent|exced|superior|exceso|excéd|supérieur|dépass|übersteig|hinausgeh|eccedent|ecced|przekracza|wyższ")

func capAbove(fr *factReader, low string) bool {
	if !facts().capAmounts.in(low) && !fr.scan(low).has("cap.fees") {
		return false // a cap names an amount or the fees
	}
	return capAboveNeedles.in(low) && capAboveRe().MatchString(low)
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
	fl := facts()
	for _, m := range fl.moneyWords.FindAllStringSubmatchIndex(s, -1) {
		if v, ok := parseNumberWords(s[m[2]:m[3]]); ok {
			return v, fl.currency(s[m[4]:m[5]], s[:m[0]]), true
		}
	}
	return 0, "", false
}

// findDigits returns the first amount of money written in digits in s.
func findDigits(s string) (float64, string, bool) {
	// The patterns run from where the first amount may begin: run over a
	// whole sentence, they tried every position of it (16 µs a sentence
	// of 270 bytes), and most sentences with digits have no amount
	// ("thirty (30) days", "section 9"): a fifth of the reading of a
	// dense page's caps.
	from := amountFrom(s)
	if from < 0 {
		return 0, "", false
	}
	best := -1
	var amt float64
	var cur string
	if m := moneyBefore().FindStringSubmatchIndex(s[from:]); m != nil {
		if v, ok := parseNumber(s[from+m[4] : from+m[5]]); ok {
			best, amt, cur = from+m[0], v, facts().currency(s[from+m[2]:from+m[3]], s[:from+m[0]])
		}
	}
	if m := facts().moneyAfter.FindStringSubmatchIndex(s[from:]); m != nil && (best < 0 || from+m[0] < best) {
		if v, ok := parseNumber(s[from+m[2] : from+m[3]]); ok {
			best, amt, cur = from+m[0], v, facts().currency(s[from+m[4]:from+m[5]], s[:from+m[0]])
		}
	}
	return amt, cur, best >= 0
}

// amountFrom returns where in s the first match of moneyBefore or
// moneyAfter may begin, at the latest: every amount they find has a digit
// with a currency (a sign, a code or a name) right before or after it,
// one blank at most between, and begins at most 8 bytes before the
// number that digit ends or begins. The place returned follows a byte
// that is no letter or digit, so that a \b there means what it means in
// s. -1: s holds no amount in digits.
func amountFrom(s string) int {
	fl := facts()
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		before, after := s[:i], s[i+1:]
		if !endsWithAny(before, moneySignsBefore) && !(len(before) > 0 && isBlank(before[len(before)-1]) && endsWithAny(before[:len(before)-1], moneySignsBefore)) &&
			!currencyFirst(fl, after) && !(len(after) > 0 && isBlank(after[0]) && currencyFirst(fl, after[1:])) {
			continue
		}
		// Back over the number (digits, separators, blanks: every byte
		// of a no-break space is above 0x7f), over a currency sign, and
		// to the end of the word before.
		for i > 0 && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '.' || s[i-1] == ',' || s[i-1] == ' ' || s[i-1] >= 0x80) {
			i--
		}
		i = max(0, i-8)
		for i > 0 && (s[i-1] >= 0x80 || isWordByte(s[i-1])) {
			i--
		}
		return i
	}
	return -1
}

func currencyFirst(fl *factLex, s string) bool {
	return startsWithAny(s, moneySignsAfter) || startsWithAny(s, fl.currencyStems)
}

// The currency signs and codes moneyBefore allows before an amount and
// moneyAfter after one (the names after one are facts().currencyStems).
var (
	moneySignsBefore = []string{"$", "€", "£", "¥", "usd", "eur", "gbp", "chf", "cad", "aud", "pln", "jpy", "inr"}
	moneySignsAfter  = []string{"$", "€", "£", "zł", "usd", "eur", "gbp", "chf", "cad", "aud", "pln", "jpy", "inr"}
)

// isWordByte reports whether b is a byte of the class \w.
func isWordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
}

// isBlank reports whether b is a byte of the class \s.
func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }

func endsWithAny(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func startsWithAny(s string, prefixes []string) bool {
	for _, x := range prefixes {
		if strings.HasPrefix(s, x) {
			return true
		}
	}
	return false
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
// is the slower search for an amount in words worth running.
func hasCurrencyWord(s string) bool { return facts().currencyNames.in(s) }

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
		if _, ok := facts().numbers[w]; ok || (start < len(words) && (w == "and" || w == "y" || w == "et" || w == "und" || w == "e")) {
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
		v, ok := facts().numbers[w]
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
// calendar year". The unit is found first, then the number before it.
func findMonths(fr *factReader, s string) int {
	fl := facts()
	for u := range fl.units(s) {
		m := fl.periodNumber.FindStringSubmatch(s[max(0, u[0]-40):u[0]])
		if m == nil {
			continue
		}
		n := 0
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		} else if v, err := strconv.Atoi(m[1]); err == nil {
			n = v
		} else {
			n = fl.periodNumbers[m[1]]
		}
		if n > 0 {
			return n * fl.unitMonths[s[u[0]:u[1]]]
		}
	}
	if fr.scan(s).has("period.year") {
		return 12
	}
	return 0
}

// units yields the units of periods in s, as periodUnit.FindAllString
// finds them. Each begins a word with a letter of ASCII, so the pattern
// runs, anchored, only where a word begins with a unit's first bytes: run
// over a whole part of a statement, it tried every position of it (a
// tenth of reading a dense page's caps).
func (fl *factLex) units(s string) iter.Seq[[]int] {
	return func(yield func([]int) bool) {
		if fl.unitStarts == nil {
			for _, u := range fl.periodUnit.FindAllStringIndex(s, -1) {
				if !yield(u) {
					return
				}
			}
			return
		}
		for p := 0; p < len(s); p++ {
			// \b before a letter of ASCII: no letter, digit or _ of
			// ASCII before it.
			if p > 0 && isWordByte(s[p-1]) || !fl.unitStarts.at(s, p) {
				continue
			}
			if m := fl.unitAt.FindStringIndex(s[p:]); m != nil {
				if !yield([]int{p, p + m[1]}) {
					return
				}
				p += m[1] - 1
			}
		}
	}
}
