package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFactsJSON(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want []string // substrings of the JSON
	}{
		{"indemnity without cover", Clause{Type: Indemnification, Direction: PartyYou}, []string{`"direction":"you"`, `"covers":[]`}},
		{"liability", Clause{Type: Liability, Protects: PartyMutual}, []string{`"protects":"mutual"`}},
		{"change without rules", ClauseChange{Type: Liability}, []string{`"rules":[]`, `"direction_before":null`, `"protects_after":null`}},
		{"change", ClauseChange{Type: Indemnification, DirectionBefore: PartyProvider, Rules: RuleNames{RuleProviderIndemnityRemoved}},
			[]string{`"direction_before":"provider"`, `"rules":["provider-indemnity-removed"]`}},
	}
	for _, tt := range tests {
		js, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(js), w) {
				t.Errorf("%s: %s lacks %s", tt.name, js, w)
			}
		}
	}
	if js, _ := json.Marshal(Clause{Type: Liability}); strings.Contains(string(js), "covers") || strings.Contains(string(js), "direction") {
		t.Errorf("liability clause %s carries indemnity fields", js)
	}
}
