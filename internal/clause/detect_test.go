package clause

import (
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
			if got := types(analyze(text, rejectAll)); !slices.Equal(got, want) {
				t.Errorf("with a model rejecting all: types = %v, want %v", got, want)
			}
			if got := types(Analyze(text)); !slices.Equal(got, []string{model.Liability}) {
				t.Errorf("shipped model: types = %v, want [liability]", got)
			}
		})
	}
}
