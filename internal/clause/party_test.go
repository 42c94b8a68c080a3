package clause

import (
	"slices"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// indemnityHeaded puts an indemnity under the heading of its language.
func indemnityHeaded(lang, body string) string {
	h := map[string]string{"en": "Indemnification", "es": "Indemnización", "fr": "Indemnisation", "de": "Freistellung",
		"it": "Manleva", "pl": "Zwolnienie z odpowiedzialności"}[lang]
	return "## " + h + "\n\n" + body + "\n"
}

// TestIndemnityDirection reads who gives an indemnity, both ways, in
// every language.
func TestIndemnityDirection(t *testing.T) {
	tests := []struct {
		lang, text string
		want       model.Party
	}{
		{"en", "You agree to indemnify, defend and hold harmless Acme and its affiliates from any claim arising from your use of the Service.", model.PartyYou},
		{"en", "Customer shall indemnify Acme against any third-party claim.", model.PartyYou},
		{"en", "Acme will defend you against any claim that the Service infringes a third party's patent.", model.PartyProvider},
		{"en", "Acme agrees to indemnify the Customer for any damages resulting from a claim that the Service infringes a copyright.", model.PartyProvider},
		{"en", "Each party will indemnify and defend the other party against third-party claims arising from its breach.", model.PartyMutual},
		{"es", "Usted acepta indemnizar y mantener indemne a Acme frente a cualquier reclamación derivada de su uso del servicio.", model.PartyYou},
		{"es", "Acme le indemnizará frente a cualquier reclamación de terceros por infracción de la propiedad intelectual.", model.PartyProvider},
		{"es", "Cada una de las partes indemnizará a la otra frente a las reclamaciones de terceros.", model.PartyMutual},
		{"fr", "Vous acceptez d'indemniser Acme contre toute réclamation liée à votre utilisation du service.", model.PartyYou},
		{"fr", "Acme s'engage à vous indemniser contre toute réclamation de tiers pour contrefaçon.", model.PartyProvider},
		{"fr", "Vous garantirez Acme contre toute réclamation de tiers.", model.PartyYou},
		{"de", "Sie stellen uns von allen Ansprüchen Dritter frei, die aus Ihrer Nutzung des Dienstes entstehen.", model.PartyYou},
		{"de", "Wir stellen Sie von allen Ansprüchen Dritter wegen der Verletzung von Schutzrechten frei.", model.PartyProvider},
		{"de", "Der Nutzer verpflichtet sich, Acme von sämtlichen Ansprüchen Dritter freizustellen.", model.PartyYou},
		{"de", "Acme verpflichtet sich, den Nutzer von sämtlichen Ansprüchen Dritter freizustellen.", model.PartyProvider},
		{"it", "L'utente si impegna a manlevare e tenere indenne Acme da qualsiasi pretesa di terzi.", model.PartyYou},
		{"it", "Acme si impegna a tenere indenne l'utente da qualsiasi pretesa di terzi per violazione dei diritti di proprietà intellettuale.", model.PartyProvider},
		{"pl", "Użytkownik zobowiązuje się zwolnić Usługodawcę z odpowiedzialności z tytułu roszczeń osób trzecich.", model.PartyYou},
		{"pl", "Usługodawca zobowiązuje się zwolnić Użytkownika z odpowiedzialności z tytułu roszczeń osób trzecich.", model.PartyProvider},
		{"pl", "Użytkownik zobowiązuje się zabezpieczyć Usługodawcę przed roszczeniami osób trzecich.", model.PartyYou},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			var got []model.Party
			for _, c := range Analyze(indemnityHeaded(tt.lang, tt.text)) {
				if c.Type == model.Indemnification {
					got = append(got, c.Direction)
				}
			}
			if !slices.Equal(got, []model.Party{tt.want}) {
				t.Errorf("directions = %v, want [%s]", got, tt.want)
			}
		})
	}
}

// TestOneClausePerUndertaking: a section holding your indemnity and the
// provider's is two clauses, each with its direction and cover.
func TestOneClausePerUndertaking(t *testing.T) {
	text := indemnityHeaded("en", "You will indemnify Acme against any claim arising from your content or your breach of these Terms. "+
		"You will cooperate with Acme in the defence of such a claim. "+
		"Acme will defend you against any claim that the Service infringes a third party's intellectual property rights, and will pay the damages awarded. "+
		"You must notify Acme of such a claim promptly.")
	var got []model.Clause
	for _, c := range Analyze(text) {
		if c.Type == model.Indemnification {
			got = append(got, c)
		}
	}
	if len(got) != 2 {
		t.Fatalf("got %d indemnification clauses %+v, want 2", len(got), got)
	}
	if got[0].Direction != model.PartyYou || !slices.Equal(got[0].Covers, []string{model.CoversContent, model.CoversBreach}) {
		t.Errorf("first clause: %s %v, want you [your content your breach]", got[0].Direction, got[0].Covers)
	}
	if got[1].Direction != model.PartyProvider || !slices.Equal(got[1].Covers, []string{model.CoversIP}) {
		t.Errorf("second clause: %s %v, want provider [third-party IP claims]", got[1].Direction, got[1].Covers)
	}
}

// TestOneClausePerUndertakingSameParty: two undertakings by the same
// party are two clauses, each with what it covers; the sentences of
// procedure stay with the undertaking they follow.
func TestOneClausePerUndertakingSameParty(t *testing.T) {
	tests := []struct {
		lang, text string
		want       [][]string // the covers of each clause
	}{
		{"en", "You will indemnify Acme against any claim arising from your breach of these Terms. You will also hold Acme harmless from any claim arising from your content. You will cooperate with Acme in the defence of such a claim.",
			[][]string{{model.CoversBreach}, {model.CoversContent}}},
		{"en", "You will indemnify Acme against any claim arising from your breach of these Terms or your content. Acme will notify you of any claim for which it seeks to be indemnified, and you will cooperate in its defence.",
			[][]string{{model.CoversContent, model.CoversBreach}}},
		{"it", "L'Utente si impegna a tenere indenne il Fornitore da qualsiasi pretesa di terzi derivante dalla violazione delle presenti Condizioni.\n\nL'Utente si obbliga a manlevare il Fornitore da ogni danno derivante dai contenuti pubblicati.",
			[][]string{{model.CoversBreach}, {model.CoversContent}}},
		{"pl", "Użytkownik zobowiązuje się zwolnić Usługodawcę z odpowiedzialności z tytułu roszczeń osób trzecich związanych z treściami Użytkownika.\n\nUżytkownik zobowiązuje się zabezpieczyć Usługodawcę przed roszczeniami osób trzecich wynikającymi z naruszenia Regulaminu.",
			[][]string{{model.CoversContent}, {model.CoversBreach}}},
		{"de", "Sie stellen Acme von allen Ansprüchen Dritter frei, die auf Ihrem Verstoß gegen diese Bedingungen beruhen. Sie stellen Acme ferner von allen Ansprüchen Dritter frei, die aus Ihren Inhalten entstehen.",
			[][]string{{model.CoversBreach}, {model.CoversContent}}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var got [][]string
			for _, c := range Analyze(indemnityHeaded(tt.lang, tt.text)) {
				if c.Type == model.Indemnification {
					if c.Direction != model.PartyYou {
						t.Errorf("direction %s, want you: %q", c.Direction, c.Text)
					}
					got = append(got, c.Covers)
				}
			}
			if !slices.EqualFunc(got, tt.want, func(a, b []string) bool { return slices.Equal(a, b) }) {
				t.Errorf("covers of the clauses = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestIndemnityCovers reads what an indemnity covers, in each language.
func TestIndemnityCovers(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string
	}{
		{"en", "You will indemnify Acme against claims arising from your use of the Service, your violation of any applicable law or the rights of any third party.",
			[]string{model.CoversUse, model.CoversLaw, model.OtherPrefix + "third-party rights"}},
		{"es", "Usted indemnizará a Acme frente a las reclamaciones derivadas de su contenido o del incumplimiento de estas condiciones.",
			[]string{model.CoversContent, model.CoversBreach}},
		{"fr", "Vous acceptez d'indemniser Acme contre toute réclamation liée à votre contenu ou à la violation d'une loi.",
			[]string{model.CoversContent, model.CoversLaw}},
		{"de", "Sie stellen uns von allen Ansprüchen Dritter frei, die aus der Nutzung des Dienstes oder einem Verstoß gegen geltendes Recht entstehen.",
			[]string{model.CoversUse, model.CoversLaw}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var got []string
			for _, c := range Analyze(indemnityHeaded(tt.lang, tt.text)) {
				if c.Type == model.Indemnification {
					got = c.Covers
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("covers = %q, want %q", got, tt.want)
			}
		})
	}
}
