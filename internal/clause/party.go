package clause

import (
	"slices"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// Who owes what: the direction of each indemnity (who gives it) and what
// it covers. An indemnification section that holds your indemnity of the
// provider and the provider's indemnity of you is two clauses, one per
// undertaking; "mutual" is one undertaking that binds both parties.

// indemnityClauses cuts a run of adjacent indemnification sentences into
// one clause per undertaking: a sentence that sets up an indemnity in
// another direction than the one before starts a new clause, and so does
// one that undertakes anew in the same direction ("L'Utente si obbliga a
// manlevare il Fornitore …" after "L'Utente si impegna a tenere indenne
// il Fornitore …"); procedure and scope sentences stay with the
// undertaking they follow.
func indemnityClauses(fr *factReader, doc *plainDoc, run []sentenceHit) []model.Clause {
	var out []model.Clause
	var cur []sentenceHit
	var dir model.Party
	flush := func() {
		if len(cur) == 0 {
			return
		}
		cl := clauseOf(doc.text, model.Indemnification, cur)
		cl.Direction = dir
		if cl.Direction == "" {
			cl.Direction = model.PartyYou // an indemnity in a user's terms is most often theirs
		}
		cl.Covers = indemnityCovers(fr, strings.ToLower(doc.plain[doc.at(cl.Start):doc.at(cl.End)]))
		out = append(out, cl)
	}
	for _, h := range run {
		ps := doc.spanAt(h.span)
		low := strings.ToLower(doc.plain[ps.start:ps.end])
		d, undertakes, ok := indemnityUndertaking(fr, low)
		if ok && dir != "" && (d != dir || undertakes) {
			flush()
			cur, dir = nil, ""
		}
		if ok && dir == "" {
			dir = d
		}
		cur = append(cur, h)
	}
	flush()
	return out
}

// clauseOf makes the clause of adjacent sentences hits.
func clauseOf(text, typ string, hits []sentenceHit) model.Clause {
	cl := model.Clause{Type: typ, Start: hits[0].start, End: hits[len(hits)-1].end}
	cl.Text = text[cl.Start:cl.End]
	for _, h := range hits {
		for _, c := range h.cues {
			cl.Cues = appendUnique(cl.Cues, c)
		}
	}
	return cl
}

// indemnityDirection says who gives the indemnity a sentence sets up, and
// whether it sets one up at all (a notice or settlement sentence does
// not). low is the sentence in lower case.
func indemnityDirection(fr *factReader, low string) (model.Party, bool) {
	p, _, ok := indemnityUndertaking(fr, low)
	return p, ok
}

// indemnityUndertaking is indemnityDirection, and whether the sentence
// is an undertaking of its own: a party commits itself ("will", "agrees
// to", "si obbliga a", "zobowiązuje się", "stellen … frei") to indemnify
// a party it names, with a verb of indemnity proper (not only "defend").
// A sentence that refers to the undertaking ("any matter for which you
// are required to indemnify us") is none.
func indemnityUndertaking(fr *factReader, low string) (party model.Party, undertakes, ok bool) {
	sc := fr.scan(low)
	v := sc.first("indemnity.verb")
	if v == nil {
		return "", false, false
	}
	undertakes = strongIndemnity().MatchString(low) && commits(low[:v[0]], low[v[0]:v[1]])
	if sc.has("party.mutual") {
		return model.PartyMutual, undertakes, true
	}
	// The party indemnified is the surest sign: it follows the verb
	// ("indemnify Acme", "hold you harmless", "stellen uns … frei") or,
	// in French, Spanish and Italian, may come before it as a pronoun
	// ("vous indemniser", "ti manleverà").
	if p, ok := cliticObject(low[:v[0]], low[v[0]:v[1]]); ok {
		return p, undertakes, true
	}
	if verb := low[v[0]:v[1]]; verb == "freizustellen" || verb == "schadlos" {
		// German puts the object of an infinitive before it: "…, Acme
		// von allen Ansprüchen freizustellen".
		return objectBefore(low[:v[0]]), undertakes, true
	}
	if p, ok := objectAfter(low[v[1]:]); ok {
		return p, undertakes, true
	}
	if p, ok := subjectBefore(low[:v[0]]); ok {
		return p, false, true
	}
	return model.PartyYou, false, true
}

// commits reports whether the words before an indemnity verb (or the
// verb itself, finite) commit a party to it: "you will also hold …",
// "customer agrees to indemnify", "l'utente si obbliga a manlevare",
// "użytkownik zobowiązuje się zwolnić", "sie stellen …", "acme
// indemnizará".
func commits(before, verb string) bool {
	if strings.HasPrefix(verb, "stell") || finiteIndemnity().MatchString(verb) {
		return true
	}
	words := strings.Fields(before)
	for i := len(words) - 1; i >= 0 && i >= len(words)-6; i-- {
		if commitWords[strings.Trim(words[i], ",;:")] {
			return true
		}
	}
	return false
}

// finiteIndemnity finds an indemnity verb in the future tense, which
// commits by itself: "indemnizará", "indemniserez", "manleverà".
var finiteIndemnity = lazyRE(`(?:á|à|ra|rez|ront|rons|rán|ranno)$`)

var commitWords = wordSet0(`will shall must agree agrees undertake undertakes hereby
	acepta aceptas aceptan compromete comprometen deberá deberán debe deben
	engage engagez acceptez accepte devez devra devront
	verpflichtet verpflichten verpflichte
	impegna impegnano obbliga obbligano accetta accettate dovrà dovranno deve
	zobowiązuje zobowiązują zobowiązany zobowiązana musi`)

// Words for the parties, lower case. youParty are the customer or user;
// providerParty the provider when it speaks of itself.
var (
	youParty      = wordSet0(`you your yourself customer customers user users licensee licensees subscriber subscribers member members client clients usted ustedes usuario usuarios cliente clientes vous utilisateur utilisateurs client clients sie du dich kunde kunden kundin nutzer nutzerin utente utenti l'utente dell'utente all'utente użytkownik użytkownika użytkownikowi użytkowników klient klienta klientowi`)
	providerParty = wordSet0(`we us our ourselves nosotros nos nous wir uns noi ci my nas nam company provider`)
)

// chainWords may stand between an indemnity verb and the party it names:
// "indemnify, defend and hold harmless Acme".
var chainWords = wordSet0(`and or , to fully keep save protect release defend defends indemnify indemnifies hold holds harmless
	y o e et und oder e a al à mantener indemne indemnes eximir garantir tenir manlevare tenere indenne i oraz
	will shall agree agrees undertake undertakes also further at its own expense sole and/or`)

// objectAfter finds the party named right after an indemnity verb.
func objectAfter(after string) (model.Party, bool) {
	words := strings.FieldsFunc(after, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' || r == '\t' })
	for i, w := range words {
		if i > 8 {
			break
		}
		w = strings.Trim(w, `"“”()*_`)
		switch {
		case chainWords[w]:
			continue
		case youParty[w]:
			return model.PartyProvider, true
		case providerParty[w]:
			return model.PartyYou, true
		case objectStop[w]:
			return "", false
		}
		if i == 0 && (w == "the" || w == "la" || w == "le" || w == "der" || w == "die" || w == "il" || w == "el") {
			continue
		}
		// A name ("Acme", "the Company", "Usługodawcę"): the provider is
		// indemnified.
		if w == "the" || w == "its" {
			continue
		}
		return model.PartyYou, true
	}
	return "", false
}

// objectStop ends the search for a named party: the indemnity's scope
// begins.
var objectStop = wordSet0(`against from for in if any all claims contra de von gegen contre da przed z od w that which this these such`)

// cliticObject reads a pronoun object placed before the verb in French,
// Spanish and Italian: "vous indemniser" (you are indemnified: the
// provider gives the indemnity), "nous indemniser", "ti manleverà".
func cliticObject(before, verb string) (model.Party, bool) {
	t := strings.TrimRight(before, " ")
	i := strings.LastIndexByte(t, ' ')
	w := t[i+1:]
	switch w {
	case "vous":
		if strings.HasSuffix(verb, "ez") {
			return "", false // "vous indemniserez": you, the subject
		}
		return model.PartyProvider, true
	case "te", "ti", "vi", "os", "le", "les", "lo":
		return model.PartyProvider, true
	case "nous", "nos", "ci":
		return model.PartyYou, true
	}
	return "", false
}

// objectBefore reads the object of a German infinitive in the words
// between the last comma and the verb: you, us, or a name (the
// provider).
func objectBefore(before string) model.Party {
	part := before[strings.LastIndexByte(before, ',')+1:]
	for _, w := range strings.Fields(part) {
		w = strings.Trim(w, `"“”()*_`)
		switch {
		case youParty[w]:
			return model.PartyProvider
		case providerParty[w]:
			return model.PartyYou
		}
	}
	return model.PartyYou
}

// subjectBefore finds the party that speaks before an indemnity verb.
func subjectBefore(before string) (model.Party, bool) {
	words := strings.Fields(before)
	for i := len(words) - 1; i >= 0 && i >= len(words)-12; i-- {
		w := strings.Trim(words[i], `,"“”()*_`)
		switch {
		case youParty[w]:
			return model.PartyYou, true
		case providerParty[w]:
			return model.PartyProvider, true
		}
	}
	return "", false
}

// coversOrder is the fixed vocabulary of what an indemnity covers, in
// the order it is reported; other kinds the lexicon names follow, as
// "other: <name>".
var coversOrder = []string{model.CoversIP, model.CoversContent, model.CoversBreach, model.CoversUse, model.CoversLaw}

// indemnityCovers returns what an indemnity (lower-cased text) covers,
// from the fixed vocabulary plus "other: …".
func indemnityCovers(fr *factReader, low string) []string {
	var known, other []string
	for _, name := range fr.scan(low).names("covers") {
		if slices.Contains(coversOrder, name) {
			known = append(known, name)
		} else {
			other = append(other, model.OtherPrefix+name)
		}
	}
	slices.SortFunc(known, func(a, b string) int { return slices.Index(coversOrder, a) - slices.Index(coversOrder, b) })
	return append(known, other...)
}

// coversMinus returns what covers a has and b does not, a kind that b
// covers within a wider one not counting: claims that you infringed
// someone's intellectual property are claims that you breached a third
// party's rights.
func coversMinus(a, b []string) []string {
	out := setMinus(a, b)
	if slices.Contains(b, otherThirdPartyRights) {
		out = slices.DeleteFunc(out, func(s string) bool { return s == model.CoversIP })
	}
	return out
}

const otherThirdPartyRights = model.OtherPrefix + "third-party rights"
