package clause

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// Experiments: EXP_CFG="epochs,pos,margin,cut;..." runs the CV of both
// types for each indemnification config.
func TestExp(t *testing.T) {
	spec := os.Getenv("EXP_CFG")
	if spec == "" {
		t.Skip()
	}
	docs := scanCorpus(loadCorpus(t))
	train := split(docs, false)
	for _, c := range strings.Split(spec, ";") {
		f := strings.Split(c, ",")
		e, _ := strconv.Atoi(f[0])
		p, _ := strconv.ParseFloat(f[1], 64)
		m, _ := strconv.ParseFloat(f[2], 64)
		cut, _ := strconv.ParseFloat(f[3], 64)
		cfg := trainConfig{epochs: e, posWeight: p, margin: m, cut: cut}
		f1s := map[string]map[string][]float64{model.Liability: {}, model.Indemnification: {}}
		for a := range cvAssignments {
			liab, indem := crossValidate(t, train, shippedConfig, cfg, uint64(a))
			for _, l := range evalLangs {
				f1s[model.Liability][l] = append(f1s[model.Liability][l], liab[l].f1())
				f1s[model.Indemnification][l] = append(f1s[model.Indemnification][l], indem[l].f1())
			}
		}
		var b strings.Builder
		for _, typ := range []string{model.Liability, model.Indemnification} {
			b.WriteString(typ[:4] + ":")
			for _, l := range evalLangs {
				s := spreadOf(f1s[typ][l])
				b.WriteString(" " + l + " " + strconv.FormatFloat(s.mean, 'f', 3, 64) + "±" + strconv.FormatFloat(s.sd, 'f', 3, 64))
			}
			b.WriteString("  ")
		}
		t.Logf("%s  %s", c, b.String())
	}
}
