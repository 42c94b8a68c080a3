package clause

import (
	"regexp"
	"strings"
)

// cueKind says what a cue is evidence of and how strong.
type cueKind int

const (
	liabStrong  cueKind = iota // on its own makes a liability sentence
	liabWeak                   // needs another cue or a heading
	indemStrong                // on its own makes an indemnification sentence
	indemWeak                  // needs an indemnification heading or a strong cue
)

// cue is one lexical pattern. need lists literals of which one must occur
// in the lower-cased sentence before re is run: most sentences of a
// document are rejected by a few strings.Contains calls, which keeps
// Analyze fast on long documents.
type cue struct {
	lang string // "en", "es", …; "all" for cues of every language
	name string
	kind cueKind
	need []string
	// pattern is compiled into re on first use (see allCues): compiling
	// the whole lexicon costs milliseconds that a process which never
	// analyses text (most `toswatch check` runs) should not pay.
	pattern string
	re      *regexp.Regexp
}

func c(lang, name string, kind cueKind, need string, pattern string) cue {
	return cue{lang: lang, name: name, kind: kind, need: strings.Split(need, "|"), pattern: pattern}
}

// Patterns run on lower-cased text. \w and \b are ASCII-only in Go, so the
// non-English patterns use \pL and explicit spaces instead.
const (
	gap3 = `(?:[^\s.;:]+\s+){0,3}`
	gap6 = `(?:[^\s.;:]+\s+){0,6}`
)

var cues = []cue{
	// English.
	c("en", "not liable", liabStrong, "liab|respons",
		`\b(?:not|nor|never|no event|no case|no circumstances?|cannot|can't|won't|isn't|aren't)\s+`+gap6+`(?:liable|responsible)\b`),
	c("en", "no liability", liabStrong, "liabil|responsib",
		`\b(?:no|not|without|disclaims?|disclaimed|disclaiming|excludes?|excluded|excluding|limits?|limiting|waives?)\s+`+gap3+`(?:liability|liabilities|responsibility)\b`),
	c("en", "limitation of liability", liabStrong, "liabil",
		`\blimitations?\s+(?:of|on)\s+(?:our\s+|its\s+|the\s+)?liabilit|\bexclusions?\s+(?:or\s+limitations?\s+)?of\s+(?:our\s+)?liabilit`),
	c("en", "cap on total liability", liabStrong, "liabil",
		`\b(?:total|aggregate|maximum|cumulative|entire|collective|combined|overall)\s+(?:\S+\s+){0,2}liabilit|\bliabilit(?:y|ies)\s+(?:\S+\s+){0,12}(?:shall|will|does|may)\s+not\s+exceed|\bliabilit(?:y|ies)\s+(?:\S+\s+){0,6}(?:is|are|be|shall be|will be)\s+limited\s+to`),
	c("en", "no claim for damages", liabStrong, "claim|recover|seek",
		`\b(?:cannot|can't|may not|shall not|will not|won't|not be entitled to|not entitled to)\s+(?:\S+\s+){0,2}(?:claim|recover|seek)\s+(?:any\s+)?(?:damages|compensation)\b`),
	c("en", "liable only", liabStrong, "liable",
		`\b(?:only|solely)\s+(?:be\s+)?liable\b|\bliable\s+only\b`),
	c("en", "consequential damages", liabStrong, "damage|loss",
		`\b(?:indirect|incidental|consequential|special|punitive|exemplary|reliance)\b[\w\s,()/-]{0,60}\b(?:damages|loss|losses)\b`),
	c("en", "release of claims", liabStrong, "releas|waive",
		`\b(?:release|releases|releasing)\b[^.;]{0,80}\bfrom\b[^.;]{0,60}\b(?:claims?|liabilit\w*|demands|damages|responsibility)\b|\bwaives?\s+(?:any\s+and\s+all\s+|all\s+|any\s+)claims?\s+against`),
	c("en", "lost profits", liabWeak, "loss|lost",
		`\b(?:loss(?:es)?\s+of\s+(?:\w+\s+){0,3}(?:profits?|revenues?|data|goodwill|business|income|savings|use)|lost\s+(?:profits?|revenues?|data|business))\b`),
	c("en", "extent permitted by law", liabWeak, "permitted|allowed|maximum extent|fullest extent",
		`\b(?:extent|degree)\s+(?:\S+\s+){0,3}(?:permitted|allowed|authori[sz]ed|permissible)`),
	c("en", "own risk", liabWeak, "risk", `\b(?:own|sole)\s+risk\b`),
	c("en", "force majeure", liabWeak, "majeure|control", `force majeure|beyond (?:our|its|their|the) (?:\w+ )?control`),
	c("en", "liability", liabWeak, "", `liable|liabilit|responsible|responsibilit`),
	c("en", "damages", liabWeak, "", `damage|loss`),
	c("en", "this limitation", liabWeak, "limitation|exclusion|foregoing",
		`\b(?:this|these|such|the foregoing|above)\s+(?:\w+\s+)?(?:limitations?|exclusions?|disclaimers?)\b`),

	// Spanish.
	c("es", "not liable", liabStrong, "respons",
		`\bno\s+`+gap6+`(?:responsables?|responsabilidad(?:es)?)`),
	c("es", "no liability", liabStrong, "respons",
		`(?:ninguna|ningún tipo de|toda|cualquier)\s+responsabilidad|(?:excluye|exime|limita|limitan|rechaza|declina)\S*\s+`+gap3+`responsabilidad|en ningún caso[^.;]{0,120}respons`),
	c("es", "limitation of liability", liabStrong, "limitaci|exclusi",
		`(?:limitaci[oó]n|limitaciones|exclusi[oó]n)\s+de\s+(?:la\s+)?responsabilidad`),
	c("es", "cap on total liability", liabStrong, "responsabilidad",
		`responsabilidad\s+(?:total|m[aá]xima|agregada|acumulada|conjunta)|responsabilidad[^.;]{0,120}(?:se limita|limitada|exceder[aá]|superar[aá])`),
	c("es", "consequential damages", liabStrong, "daño|perjuicio|lucro",
		`(?:daños|perjuicios)\s+(?:\pL+\s+){0,2}(?:indirectos|consecuentes|consecuenciales|incidentales|especiales|punitivos|emergentes|ejemplares)|lucro cesante`),
	c("es", "lost profits", liabWeak, "pérdida", `pérdidas?\s+de\s+(?:beneficios|datos|ganancias|ingresos|negocio)`),
	c("es", "extent permitted by law", liabWeak, "medida|permitid", `(?:medida|máximo)\s+(?:\pL+\s+){0,3}permitid[oa]`),
	c("es", "own risk", liabWeak, "riesgo", `(?:su|tu)\s+(?:\pL+\s+){0,3}riesgo`),
	c("es", "force majeure", liabWeak, "fuerza mayor", `fuerza mayor`),
	c("es", "this limitation", liabWeak, "limitaci|exclusi",
		`(?:esta|estas|dicha|dichas|la presente|las anteriores)\s+(?:\pL+\s+)?(?:limitaci[oó]n|limitaciones|exclusi[oó]n|exclusiones)`),
	c("es", "liability", liabWeak, "respons", `responsab`),
	c("es", "damages", liabWeak, "daño|pérdida|perjuicio", `daños?|pérdidas?|perjuicios?`),

	// French.
	c("fr", "not liable", liabStrong, "respons",
		`\b(?:ne|n')\s*`+gap6+`(?:pas|aucunement|nullement|jamais)\s+`+gap3+`(?:tenue?s?\s+)?responsables?|ne\s+saurai(?:t|ent)\s+`+gap6+`responsables?|en aucun cas[^.;]{0,120}responsab`),
	c("fr", "no liability", liabStrong, "respons",
		`aucune\s+(?:\pL+\s+)?responsabilit|(?:décline|déclinons|déclinent|exclut|excluons|limite|limitons|rejette|exclure|limiter)\S*\s+`+gap3+`(?:la\s+|toute\s+|notre\s+|sa\s+)?responsabilit`),
	c("fr", "limitation of liability", liabStrong, "limitation|exclusion",
		`(?:limitations?|exclusions?)\s+de\s+(?:la\s+)?responsabilit`),
	c("fr", "cap on total liability", liabStrong, "responsabilit",
		`responsabilit\S*\s+(?:totale|globale|cumulée|maximale)|responsabilit[^.;]{0,120}(?:limitée|plafonnée|exc[eé]der|dépasser)`),
	c("fr", "consequential damages", liabStrong, "dommage|préjudice|manque",
		`(?:dommages|préjudices)\s+(?:\pL+\s+){0,2}(?:indirects|consécutifs|immatériels|spéciaux|punitifs|accessoires)|manque à gagner`),
	c("fr", "lost profits", liabWeak, "perte", `pertes?\s+de\s+(?:profits?|bénéfices?|données|chiffre|revenus|clientèle)`),
	c("fr", "extent permitted by law", liabWeak, "mesure|limite", `(?:mesure|limite)s?\s+(?:\pL+\s+){0,3}(?:permise|autorisée)`),
	c("fr", "own risk", liabWeak, "risque", `(?:vos|ses|tes|leurs)\s+(?:propres\s+)?risques`),
	c("fr", "force majeure", liabWeak, "majeure", `force majeure`),
	c("fr", "this limitation", liabWeak, "limitation|exclusion",
		`(?:cette|ces|la présente|les présentes)\s+(?:\pL+\s+)?(?:limitations?|exclusions?)`),
	c("fr", "liability", liabWeak, "respons", `responsab`),
	c("fr", "damages", liabWeak, "dommage|perte|préjudice", `dommages?|pertes?|préjudices?`),

	// German.
	c("de", "not liable", liabStrong, "haft|verantwort",
		`\bhaft(?:e|et|en|est)\b[^.;]{0,80}\b(?:nicht|keine[nm]?|keinerlei)\b|\b(?:nicht|keine[nm]?|keinerlei|weder)\b\s+`+gap6+`(?:haftbar|haftung|verantwortlich|verantwortung|gewähr)`),
	c("de", "no liability", liabStrong, "haftung",
		`haftung[^.;]{0,80}(?:ausgeschlossen|beschränkt|begrenzt|\baus\b)|(?:schlie(?:ß|ss)\S*|lehn\S*|beschränk\S*|begrenz\S*)\s+`+gap6+`haftung|haftungsausschl|haftungsbeschränk|haftungsbegrenz|haftungsfreistell`),
	c("de", "limitation of liability", liabStrong, "haftung", `haftungsbeschränkung|haftungsbegrenzung|haftungsausschl`),
	c("de", "cap on total liability", liabStrong, "haftung|haftet|haften",
		`gesamthaftung|(?:maximale|gesamte|höchste)\s+haftung|haft(?:ung|et|en)[^.;]{0,120}(?:höhe|höchstens|übersteig|begrenzt auf|beschränkt auf)`),
	c("de", "consequential damages", liabStrong, "schäd|schad|gewinn",
		`folgeschäden|(?:mittelbare|indirekte|beiläufige|zufällige|besondere)\S*\s+(?:\pL+\s+){0,2}schäden|entgangene\S*\s+gewinn`),
	c("de", "limited fault", liabStrong, "fahrlässig|vorsatz|vorsätz",
		`haft[^.;]{0,120}(?:fahrlässig|vorsatz|vorsätz)|(?:fahrlässig|vorsatz|vorsätz)[^.;]{0,120}haft`),
	c("de", "lost profits", liabWeak, "verlust|verlor", `(?:daten|gewinn|umsatz|geschäfts)verlust|verlust\S*\s+von\s+(?:daten|gewinn)`),
	c("de", "extent permitted by law", liabWeak, "zulässig", `(?:gesetzlich|rechtlich)\S*\s+(?:\pL+\s+){0,2}zulässig|zulässigen\s+umfang`),
	c("de", "own risk", liabWeak, "risiko|gefahr", `(?:eigenes|eigene|ihr|dein)\s+(?:\pL+\s+)?(?:risiko|gefahr)`),
	c("de", "force majeure", liabWeak, "gewalt|einfluss", `höhere[rn]?\s+gewalt|keinen einfluss`),
	c("de", "liability", liabWeak, "haft|verantwort", `haft|verantwort`),
	c("de", "damages", liabWeak, "schäd|schad|verlust", `schäden|schaden|verlust`),

	// Italian.
	c("it", "not liable", liabStrong, "respons|rispond",
		`\bnon\s+`+gap6+`(?:responsabil|rispond)|in (?:nessun|alcun) caso[^.;]{0,120}(?:responsabil|rispond)|(?:né|nessuno)\s+`+gap6+`(?:sarà|saranno)\s+responsabil`),
	c("it", "no liability", liabStrong, "responsabilit",
		`(?:nessuna|alcuna|qualsiasi|ogni)\s+(?:\pL+\s+)?responsabilit|(?:declin|esclud|limit|escluder|limitar)\S*\s+`+gap3+`(?:la\s+|ogni\s+|qualsiasi\s+|nostra\s+|propria\s+)?responsabilit`),
	c("it", "limitation of liability", liabStrong, "limitazion|esclusion",
		`(?:limitazion[ei]|esclusion[ei])\s+(?:della\s+|di\s+|delle\s+)?responsabilit`),
	c("it", "cap on total liability", liabStrong, "responsabilit",
		`responsabilit\S*\s+(?:\pL+\s+){0,2}(?:complessiva|totale|massima|aggregata|cumulativa)|responsabilit[^.;]{0,120}(?:limitata a|non potrà superare|non supererà|non potrà eccedere)`),
	c("it", "consequential damages", liabStrong, "dann|lucro",
		`danni\s+(?:\pL+\s+){0,2}(?:indiretti|consequenziali|conseguenti|incidentali|speciali|punitivi|esemplari|accidentali)|lucro cessante`),
	c("it", "lost profits", liabWeak, "perdit", `perdit[ae]\s+(?:di\s+)?(?:\pL+\s+){0,2}(?:profitt|dati|guadagn|ricav|avviamento|reddit)`),
	c("it", "extent permitted by law", liabWeak, "consentit|permess", `misura\s+(?:\pL+\s+){0,3}(?:consentit|permess)|(?:termini|limiti)\s+(?:\pL+\s+){0,2}consentiti`),
	c("it", "own risk", liabWeak, "rischio", `(?:suo|tuo|proprio|vostro)\s+(?:\pL+\s+)?rischio|rischio\s+(?:dell|del)`),
	c("it", "force majeure", liabWeak, "forza maggiore", `forza maggiore`),
	c("it", "liability", liabWeak, "respons|rispond", `responsabil|rispond`),
	c("it", "damages", liabWeak, "dann|perdit", `dann[oi]|perdit[ae]`),

	// Polish.
	c("pl", "not liable", liabStrong, "odpowiedzial|odpowiada",
		`\bnie\s+`+gap6+`(?:ponosi|ponosimy|ponoszą|ponosić|ponosząc|odpowiada|odpowiadamy|odpowiadają|przyjmuje|przyjmujemy|bierze|bierzemy|będzie|będą|będziemy|jest|są|jesteśmy)?\s*`+gap3+`(?:odpowiedzialn|odpowiada)|żadnej\s+(?:\pL+\s+)?odpowiedzialno|w żadnym (?:wypadku|przypadku)[^.;]{0,120}odpowiedzialn`),
	c("pl", "no liability", liabStrong, "odpowiedzialno",
		`(?:wyłącz|wyklucz|ogranicz|zrzeka|zwalnia)\S*\s+`+gap3+`(?:\pL+\s+)?odpowiedzialno`),
	c("pl", "limitation of liability", liabStrong, "odpowiedzialno",
		`(?:ograniczeni|wyłączeni|wykluczeni)\S*\s+(?:\pL+\s+)?odpowiedzialno`),
	c("pl", "cap on total liability", liabStrong, "odpowiedzialno",
		`(?:całkowit|łączn|maksymaln)\S*\s+(?:\pL+\s+)?odpowiedzialno|odpowiedzialno[^.;]{0,120}(?:ograniczona do|nie przekroczy|nie może przekraczać|nie może przekroczyć)`),
	c("pl", "consequential damages", liabStrong, "szkod|strat",
		`(?:szkod|strat)\S*\s+(?:\pL+\s+){0,2}(?:pośredni|wynikow|przypadkow|szczególn|następcz|uboczn|retorsyjn)`),
	c("pl", "lost profits", liabWeak, "utrat|utracon", `utrat\S*\s+(?:\pL+\s+){0,2}(?:zysk|danych|dochod|przychod|reputacj|klient)|utracon\S*\s+korzyś`),
	c("pl", "extent permitted by law", liabWeak, "zakresie", `zakresie\s+(?:\pL+\s+){0,3}(?:dozwolon|dopuszczaln|dopuszczon)`),
	c("pl", "own risk", liabWeak, "ryzyk", `(?:własne|wyłączne|własnym)\s+(?:\pL+\s+)?ryzyk`),
	c("pl", "force majeure", liabWeak, "wyższ|kontrol", `sił\S*\s+wyższ|poza\s+(?:naszą|jego|ich)\s+(?:\pL+\s+)?kontrol`),
	c("pl", "liability", liabWeak, "odpowiedzialn|odpowiada", `odpowiedzialn|odpowiada`),
	c("pl", "damages", liabWeak, "szkod|strat", `szkod|strat`),

	// Indemnification, all languages.
	c("en", "indemnify", indemStrong, "indemnif", `\bindemnif(?:y|ies|ying)\b`),
	c("en", "hold harmless", indemStrong, "harmless", `\bholds?\s+(?:\S+\s+){0,8}harmless\b|\bharmless\s+from\b`),
	c("en", "bears our losses", indemStrong, "incurred|suffered|sustained",
		`\byou\b[^.;]{0,40}\b(?:responsible|liable|pay us|reimburse us|compensate us)\s+(?:to\s+\S+\s+)?for\s+(?:any|all)\b[^.;]{0,120}\b(?:incurred|suffered|sustained)\s+by\s+(?:us\b|[a-xz][^\s.;]*)[^.;]{0,80}\b(?:caused by|arising out of|arising from|resulting from)\s+(?:your|you|any breach|any claims?|the actions)`),
	c("en", "pays our costs", indemStrong, "our costs|our legal",
		`\b(?:if|when)\s+(?:we|\S+)\s+(?:are|is|get|gets)\s+sued\b[^.;]{0,120}\byou\s+(?:have to|must|will|agree to)\s+pay\s+(?:all\s+(?:of\s+)?)?our\s+(?:costs|legal)`),
	c("en", "defend", indemWeak, "defen", `\bdefen(?:d|ds|se|ce)\b`),
	c("en", "reimburse", indemWeak, "reimburs", `\breimburs(?:e|es|ing|ement)\b`),
	c("en", "indemnity", indemWeak, "indemn", `\bindemnit(?:y|ies)\b|\bindemnification\b|\bindemnified\b`),
	c("en", "settlement", indemWeak, "settle", `\bsettle(?:s|d|ment)?\b`),
	c("es", "indemnify", indemStrong, "indemniz", `indemnizar(?:á|án|emos|le|les|nos|los)?\b|\bindemnice\b|\bindemnizará\b`),
	c("es", "hold harmless", indemStrong, "indemne|salvo|exim", `mantener\S*\s+(?:\pL+\s+){0,4}(?:indemnes?|a salvo)|eximir\S*\s+(?:\pL+\s+){0,4}de\s+(?:toda\s+|cualquier\s+)?responsabilidad`),
	c("fr", "indemnify", indemStrong, "indemnis|garanti", `indemniser|\bgarantir\s+(?:\S+\s+){0,6}contre\b|relever\s+et\s+garantir`),
	c("fr", "hold harmless", indemStrong, "indemne|dégager", `tenir\s+(?:\S+\s+){0,3}indemnes?|dégager\s+(?:\S+\s+){0,4}(?:de\s+toute\s+)?responsabilit`),
	c("de", "indemnify", indemStrong, "freist|freizu|schadlos|entschädig", `freist(?:ell|el)|freizustellen|schadlos|entschädigen`),
	c("it", "indemnify", indemStrong, "manlev|indenn", `manlev|tenere\s+(?:\pL+\s+){0,4}indenne|mantenere\s+(?:\pL+\s+){0,4}indenne|indennizzare`),
	c("pl", "indemnify", indemStrong, "zwolni|zabezpiecz|rekompens", `zwolni\S*\s+(?:\pL+\s+){0,5}z\s+(?:wszelkiej\s+)?odpowiedzialno|zabezpiecz\S*\s+(?:[^\s.;]+\s+){0,6}(?:przed|od)\s+(?:wszelkimi\s+)?(?:roszcze|odpowiedzialno|strat|szkod)|zrekompensować`),
	c("all", "claims", indemWeak, "", `claim|reclamaci|demanda|réclamation|ansprüche|pretese|roszcze|klagen|lawsuit`),
	c("all", "defend", indemWeak, "defens|défen|verteidig|difes|obron", `defensa|défense|défendre|verteidig|difes|obron`),
}

// headingKind reads a heading: is it the title of a liability section,
// an indemnification section, both, or neither?
func headingKind(h string) (liab, indem bool) {
	l := strings.ToLower(h)
	for _, k := range indemHeadingWords {
		if strings.Contains(l, k) {
			indem = true
		}
	}
	for _, k := range liabHeadingWords {
		if strings.Contains(l, k) {
			liab = true
		}
	}
	if liab && !indem {
		// "Your responsibilities" is a list of duties, not a limitation.
		for _, k := range dutyHeadingWords {
			if strings.Contains(l, k) {
				liab = false
			}
		}
	}
	return liab, indem
}

var (
	liabHeadingWords = []string{"liabilit", "liable", "haftung", "haftet", "responsabilit", "odpowiedzialno",
		"damages", "schadensersatz", "dommages", "daños", "danni"}
	indemHeadingWords = []string{"indemn", "hold harmless", "freistellung", "schadloshaltung",
		"manleva", "indennizz", "zwolnienie z odpowiedzialno"}
	dutyHeadingWords = []string{"your responsib", "user responsib", "your obligations", "responsabilités de l'utilisateur",
		"vos responsabilit", "sus responsabilidad", "tue responsabilit", "ihre verantwort"}
)
