package clause

import "strings"

// docLanguages guesses which languages a document is written in (by the
// [language] words of the lexicons), and which one is its main language
// ("" when no common word was seen; the first language file in name order
// on a tie). Short texts get every language for the rules: they are cheap to scan
// and too short to tell.
func docLanguages(text string) (map[string]bool, string) {
	langs := map[string]bool{"all": true}
	var sample string
	if len(text) < 24<<10 {
		sample = strings.ToLower(" " + strings.ReplaceAll(text, "\n", " ") + " ")
	} else {
		sample = strings.ToLower(chunk(text, 0) + chunk(text, len(text)/2) + chunk(text, len(text)-8<<10))
	}
	score := map[string]int{}
	best, main := 0, ""
	lx := lex()
	for _, l := range lx.order {
		for _, w := range lx.langWords[l] {
			score[l] += strings.Count(sample, w)
		}
		if score[l] > best {
			best, main = score[l], l
		}
	}
	for l, s := range score {
		if s*4 >= best || len(text) < 4<<10 {
			langs[l] = true
		}
	}
	return langs, main
}

func chunk(text string, at int) string {
	at = max(at, 0)
	end := min(at+8<<10, len(text))
	return " " + text[at:end] + " "
}
