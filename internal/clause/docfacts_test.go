package clause

import (
	"encoding/json"
	"testing"
)

func TestFacts(t *testing.T) {
	text := "# Terms\n\n" +
		"10. Limitation of Liability. In no event will either party be liable for any indirect, consequential or punitive damages, or lost profits. " +
		"Our total liability arising out of these terms will not exceed the fees you paid us in the twelve (12) months before the claim. " +
		"These limitations do not apply to your indemnification obligations or to a party's gross negligence or wilful misconduct.\n\n" +
		"11. Indemnification. You will indemnify, defend and hold harmless the Company from any claims arising from your content or your breach of these terms.\n"
	f := Facts(text)
	js, _ := json.Marshal(f)
	want := `{"cap":{"fee_period_months":12,"basis":"fees"},"protects":"provider","scoped_caps":null,` +
		`"carve_outs":["indemnification obligations","gross negligence or wilful misconduct"],` +
		`"exclusions":["indirect damages","consequential damages","punitive damages","lost profits"],` +
		`"indemnities":[{"direction":"you","covers":["your content","your breach"]}]}`
	if string(js) != want {
		t.Errorf("facts:\n got %s\nwant %s", js, want)
	}
	if none := Facts("# Terms\n\nYou may use the service.\n"); none.Cap != nil || none.Protects != "" || len(none.Indemnities) != 0 {
		t.Errorf("facts of terms without clauses: %+v", none)
	}
}
