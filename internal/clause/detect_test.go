package clause

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func types(cs []model.Clause) []string {
	var out []string
	for _, c := range cs {
		out = appendUnique(out, c.Type)
	}
	slices.Sort(out)
	return out
}

func TestAnalyzeDetection(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"en liability", "IN NO EVENT SHALL ACME BE LIABLE FOR ANY INDIRECT, INCIDENTAL OR CONSEQUENTIAL DAMAGES.", []string{model.Liability}},
		{"en liability under heading", "## Limitation of Liability\n\nThe foregoing applies to all damages and losses of any kind.", []string{model.Liability}},
		{"en indemnity", "You agree to indemnify, defend and hold harmless Acme from any claims arising out of your use of the Service.", []string{model.Indemnification}},
		{"es liability", "En ningún caso la responsabilidad total de Acme excederá los mil dólares ($ 1000) o las tarifas pagadas por usted durante los doce (12) meses anteriores.", []string{model.Liability}},
		{"es indemnity", "Usted acepta indemnizar y eximir de responsabilidad a Acme frente a cualquier reclamación.", []string{model.Indemnification}},
		{"fr liability", "Acme ne saurait en aucun cas être tenue responsable des dommages indirects.", []string{model.Liability}},
		{"fr indemnity", "Vous acceptez d'indemniser Acme et de la garantir contre toute réclamation de tiers.", []string{model.Indemnification}},
		{"de liability", "Acme haftet nicht für mittelbare Schäden oder entgangenen Gewinn.", []string{model.Liability}},
		{"de indemnity", "Sie stellen Acme von allen Ansprüchen Dritter frei und verpflichten sich, Acme schadlos zu halten.", []string{model.Indemnification}},
		{"de indemnity, separable verb", "Sie stellen Acme von allen Ansprüchen Dritter frei, die aus Ihrer Nutzung des Dienstes entstehen.", []string{model.Indemnification}},
		{"de 'stellt … frei' that is no indemnity", "Acme stellt Ihnen die Dokumentation auf der Website frei zur Verfügung.", nil},
		{"it liability", "In nessun caso Acme sarà responsabile per danni indiretti.", []string{model.Liability}},
		{"pl liability", "Acme nie ponosi odpowiedzialności za szkody pośrednie.", []string{model.Liability}},
		{"warranty disclaimer alone", "THE SERVICE IS PROVIDED \"AS IS\" AND \"AS AVAILABLE\" WITHOUT WARRANTIES OF ANY KIND.", nil},
		{"indemnified parties not liable", "The indemnified parties will not be liable for any loss arising from the service.", []string{model.Liability}},
		{"refund is neither", "If you cancel within 30 days, we will refund the fees you paid for the current period.", nil},
		{"limited liability company", "Acme Ltd is a limited liability company registered in England.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := types(Analyze(tt.text))
			if !slices.Equal(got, tt.want) {
				t.Errorf("types = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestModelLanguages checks that the learned model judges only the
// languages it was trained on: a model that rejects every sentence
// silences an English document, while Spanish and French documents keep
// their rule-based detection.
func TestModelLanguages(t *testing.T) {
	filler := map[string]string{
		"en": "The service is offered to you by Acme and the terms of this agreement apply to the use of the site.",
		"es": "El servicio es ofrecido por Acme y las condiciones de los servicios se aplican al uso del sitio y de las aplicaciones.",
		"fr": "Le service est fourni par Acme et les conditions des présentes s'appliquent à l'utilisation du site et des applications.",
	}
	clauses := map[string]string{
		"en": "IN NO EVENT SHALL ACME BE LIABLE FOR ANY INDIRECT, INCIDENTAL OR CONSEQUENTIAL DAMAGES.",
		"es": "En ningún caso Acme será responsable de los daños indirectos o del lucro cesante.",
		"fr": "Acme ne saurait en aucun cas être tenue responsable des dommages indirects.",
	}
	rejectAll := &linearModel{w: make([]float32, 1<<tableBits), langs: map[string]bool{"en": true}, cut: 1}
	for _, lang := range []string{"en", "es", "fr"} {
		t.Run(lang, func(t *testing.T) {
			text := strings.Repeat(filler[lang]+"\n", minModelSentences) + clauses[lang] + "\n"
			if _, got := docLanguages(text); got != lang {
				t.Fatalf("main language = %q, want %q", got, lang)
			}
			want := []string{model.Liability}
			if lang == "en" {
				want = nil
			}
			if got := types(analyze(text, &learnedModels{liab: rejectAll})); !slices.Equal(got, want) {
				t.Errorf("with a model rejecting all: types = %v, want %v", got, want)
			}
			if got := types(Analyze(text)); !slices.Equal(got, []string{model.Liability}) {
				t.Errorf("shipped model: types = %v, want [liability]", got)
			}
		})
	}
}

// covered returns the texts of the sentences of text that a clause of
// type typ covers, in order.
func covered(text, typ string) []string {
	var out []string
	for _, cl := range Analyze(text) {
		if cl.Type != typ {
			continue
		}
		for _, l := range splitLines(text) {
			for _, s := range l.sentences {
				if s.start < cl.End && s.end > cl.Start {
					out = append(out, text[s.start:s.end])
				}
			}
		}
	}
	return out
}

// TestLiabilityWordings checks the classes of wording that limit
// liability outside the usual "limitation of liability" sentence, in
// every language where the wording is its own.
func TestLiabilityWordings(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // the sentences found, in order
	}{
		{"en not responsible, outside the liability section",
			"## Third-party links\n\nThe Service links to other sites. Acme is not responsible for third-party content or outages of those sites.",
			[]string{"Acme is not responsible for third-party content or outages of those sites."}},
		{"en without notice or liability",
			"## Termination\n\nWe may suspend or terminate your account at any time, without notice or liability to you.",
			[]string{"We may suspend or terminate your account at any time, without notice or liability to you."}},
		{"en change without liability",
			"## Changes\n\nWe may modify the Service at any time and we will not be liable to you for any modification.",
			[]string{"We may modify the Service at any time and we will not be liable to you for any modification."}},
		{"en release and §1542",
			"## Disputes between users\n\nIf you have a dispute with another user, you release Acme from any and all claims arising from it. If you are a California resident, you waive California Civil Code §1542.",
			[]string{"If you have a dispute with another user, you release Acme from any and all claims arising from it.", "If you are a California resident, you waive California Civil Code §1542."}},
		{"en items of an exclusion list",
			"## Our responsibility\n\nWe do not assume any liability for:\n\na. goods you pay for with the Service;\n\nb. malfunctions of networks we do not control;\n\nc. errors in the information you give us.\n\n## Fees\n\nFees are due monthly.",
			[]string{"We do not assume any liability for:", "a. goods you pay for with the Service;", "b. malfunctions of networks we do not control;", "c. errors in the information you give us."}},
		{"en sole remedy",
			"## Changes\n\nIf you do not agree with a change, your sole and exclusive remedy is to close your account.",
			[]string{"If you do not agree with a change, your sole and exclusive remedy is to close your account."}},
		{"en a sentence broken over two lines",
			"## Liability\n\nIN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES ARISING FROM\nTHE USE OF THE SERVICE OR ANY DATA.",
			[]string{"IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES ARISING FROM", "THE USE OF THE SERVICE OR ANY DATA."}},
		{"es sin responsabilidad",
			"## Terminación\n\nPodemos suspender su cuenta en cualquier momento sin previo aviso ni responsabilidad alguna.",
			[]string{"Podemos suspender su cuenta en cualquier momento sin previo aviso ni responsabilidad alguna."}},
		{"es renuncia",
			"## Disputas\n\nUsted renuncia a cualquier reclamación contra Acme derivada de disputas con otros usuarios.",
			[]string{"Usted renuncia a cualquier reclamación contra Acme derivada de disputas con otros usuarios."}},
		{"fr sans responsabilité",
			"## Résiliation\n\nNous pouvons suspendre votre compte à tout moment, sans préavis ni responsabilité.",
			[]string{"Nous pouvons suspendre votre compte à tout moment, sans préavis ni responsabilité."}},
		{"fr list items",
			"## Responsabilité\n\nAcme ne saurait être tenue responsable :\n\n- des pannes du réseau ;\n\n- des contenus de tiers.",
			[]string{"Acme ne saurait être tenue responsable :", "- des pannes du réseau ;", "- des contenus de tiers."}},
		{"de tiered liability",
			"## Haftung\n\nWir haften unbeschränkt nur bei Vorsatz und grober Fahrlässigkeit. Bei leichter Fahrlässigkeit haften wir nur bei Verletzung wesentlicher Vertragspflichten. Im Übrigen ist die Haftung ausgeschlossen.",
			[]string{"Wir haften unbeschränkt nur bei Vorsatz und grober Fahrlässigkeit.", "Bei leichter Fahrlässigkeit haften wir nur bei Verletzung wesentlicher Vertragspflichten.", "Im Übrigen ist die Haftung ausgeschlossen."}},
		{"de ohne Haftung",
			"## Änderungen\n\nWir können die Website jederzeit ohne Ankündigung oder Haftungsübernahme ändern oder einstellen.",
			[]string{"Wir können die Website jederzeit ohne Ankündigung oder Haftungsübernahme ändern oder einstellen."}},
		{"de nicht … verantwortlich, far apart",
			"## Links\n\nAcme ist nicht für die Folgen von Mitteilungen in den öffentlichen Bereichen der Website verantwortlich.",
			[]string{"Acme ist nicht für die Folgen von Mitteilungen in den öffentlichen Bereichen der Website verantwortlich."}},
		{"de release and §1542",
			"## Streitigkeiten\n\nEinwohner Kaliforniens verzichten auf ihre Rechte gemäß Abschnitt 1542 des Civil Code von Kalifornien.",
			[]string{"Einwohner Kaliforniens verzichten auf ihre Rechte gemäß Abschnitt 1542 des Civil Code von Kalifornien."}},
		{"it senza responsabilità",
			"## Modifiche\n\nPossiamo sospendere il Sito in qualsiasi momento senza preavviso e senza alcuna responsabilità.",
			[]string{"Possiamo sospendere il Sito in qualsiasi momento senza preavviso e senza alcuna responsabilità."}},
		{"pl bez odpowiedzialności",
			"## Zmiany\n\nWitryna może być zawieszona w dowolnym momencie, bez powiadomienia ani ponoszenia odpowiedzialności.",
			[]string{"Witryna może być zawieszona w dowolnym momencie, bez powiadomienia ani ponoszenia odpowiedzialności."}},
		{"es no es responsable, outside the liability section",
			"## Enlaces\n\nEl Servicio enlaza con otros sitios. Acme no es responsable de los contenidos de terceros ni de sus interrupciones.",
			[]string{"Acme no es responsable de los contenidos de terceros ni de sus interrupciones."}},
		{"fr n'est pas responsable, outside the liability section",
			"## Liens\n\nLe Service renvoie vers d'autres sites. Acme n'est pas responsable des contenus de tiers ni de leurs pannes.",
			[]string{"Acme n'est pas responsable des contenus de tiers ni de leurs pannes."}},
		{"fr release",
			"## Litiges entre utilisateurs\n\nVous renoncez à tout recours contre Acme pour les litiges avec d'autres utilisateurs.",
			[]string{"Vous renoncez à tout recours contre Acme pour les litiges avec d'autres utilisateurs."}},
		{"de items of an exclusion list",
			"## Unsere Verantwortung\n\nWir übernehmen keinerlei Haftung für:\n\na. Waren, die Sie über den Dienst bezahlen;\n\nb. Störungen von Netzen außerhalb unserer Kontrolle.",
			[]string{"Wir übernehmen keinerlei Haftung für:", "a. Waren, die Sie über den Dienst bezahlen;", "b. Störungen von Netzen außerhalb unserer Kontrolle."}},
		{"es sin responsabilidad in a change clause",
			"## Cambios\n\nPodemos modificar el Servicio en cualquier momento sin responsabilidad alguna frente a usted.",
			[]string{"Podemos modificar el Servicio en cualquier momento sin responsabilidad alguna frente a usted."}},
		{"a bare 'at your own risk' is no limitation",
			"## Use\n\nYou use the Service at your own risk.",
			nil},
		{"the user's own liability is no limitation",
			"## Your account\n\nYou are solely responsible for the content you post.",
			nil},
		{"an exclusion list ends at the next heading",
			"## Liability\n\nWe are not liable for:\n\n- loss of data;\n\n- loss of profits.\n\n## Contact\n\nWrite to us at any time.",
			[]string{"We are not liable for:", "- loss of data;", "- loss of profits."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := covered(tt.text, model.Liability); !slices.Equal(got, tt.want) {
				t.Errorf("liability sentences = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLeadInIsNoHeading(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"We do not assume any liability for:", false},
		{"The Service Provider shall not be responsible for:", false},
		{"Limitation of Liability:", true},
		{"## Exclusions:", true},
	} {
		if got := splitLines(tt.line)[0].heading; got != tt.want {
			t.Errorf("heading(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestIndemnityWordings checks indemnities in every language, and that a
// release of your own claims is not one.
func TestIndemnityWordings(t *testing.T) {
	tests := []struct {
		name, text  string
		indem, liab bool
	}{
		{"en customer indemnifies", "You agree to indemnify and hold harmless Acme from any claims arising out of your use of the Service.", true, false},
		{"en provider defends", "Acme will defend you against any third-party claim that the Service infringes a patent.", true, false},
		{"en release is no indemnity", "You release Acme from all claims arising from disputes with other users.", false, true},
		{"es indemnizar", "Usted acepta indemnizar y mantener indemne a Acme frente a cualquier reclamación de terceros.", true, false},
		{"fr indemniser", "Vous acceptez d'indemniser Acme et de la garantir contre toute réclamation de tiers.", true, false},
		{"de freistellen von Ansprüchen Dritter", "Sie stellen Acme von allen Ansprüchen Dritter frei, die aus Ihrer Nutzung entstehen.", true, false},
		{"de release: frei and verzichten, no third party", "Sie stellen uns von allen Ansprüchen frei und verzichten auf sämtliche Rechte gegenüber Acme.", false, true},
		{"de schadlos halten", "Sie verpflichten sich, Acme schadlos zu halten.", true, false},
		{"de the indemnified parties are no indemnity", "Acme und die schadlos gehaltenen Parteien sind nicht haftbar für mittelbare Schäden.", false, true},
		{"it tenere indenne", "L'utente accetta di tenere indenni Acme e i suoi dipendenti da qualsiasi pretesa di terzi.", true, false},
		{"it manlevare", "L'utente si impegna a manlevare Acme da ogni pretesa di terzi.", true, false},
		{"it risarcire", "L'utente si impegna a risarcire Acme per tutti i danni derivanti dalla violazione.", true, false},
		{"it indennizzare in every form", "Il Cliente indennizza Acme per le pretese di terzi derivanti dai suoi contenuti.", true, false},
		{"pl zwolnić z odpowiedzialności z tytułu roszczeń", "Użytkownik zobowiązuje się zwolnić Acme z odpowiedzialności z tytułu roszczeń osób trzecich.", true, false},
		{"pl zabezpieczyć przed roszczeniami", "Użytkownik zgadza się zabezpieczyć Acme oraz jej pracowników i dostawców przed wszelkimi roszczeniami.", true, false},
		{"pl exempt providers are no indemnity", "Podmioty Acme są zwolnione z odpowiedzialności za szkody pośrednie.", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(covered(tt.text, model.Indemnification)) > 0; got != tt.indem {
				t.Errorf("indemnification = %v, want %v", got, tt.indem)
			}
			if got := len(covered(tt.text, model.Liability)) > 0; got != tt.liab {
				t.Errorf("liability = %v, want %v", got, tt.liab)
			}
		})
	}
}

// Two versions read side by side with one cueMemo get the records each
// gets alone: versions that share most sentences, versions of different
// languages (which share nothing), and a version read against itself.
func TestRuleScanMemo(t *testing.T) {
	dense := denseText(40 << 10)
	en := docHead + capHigh + indem + tail
	pairs := [][2]string{
		{dense, strings.Replace(dense, "twelve (12) months", "six (6) months", 3)},
		{dense, dense},
		{en, "Die Haftung von Acme ist auf 100 EUR beschränkt. Sie stellen Acme von allen Ansprüchen Dritter frei.\n\n" + strings.Repeat("Der Kunde haftet nicht. ", 40)},
		{en, strings.ToUpper(en)},
	}
	for i, p := range pairs {
		memo := &cueMemo{}
		var a []sentenceRec
		done := make(chan struct{})
		go func() {
			defer close(done)
			a, _ = ruleScan(p[0], memo)
		}()
		b, _ := ruleScan(p[1], memo)
		<-done
		for k, got := range [][]sentenceRec{a, b} {
			want, _ := ruleScan(p[k], nil)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pair %d, version %d: the records read with the memo differ from those read alone", i, k)
			}
		}
	}
}
