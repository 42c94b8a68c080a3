package clause

import "github.com/toswatch/toswatch/internal/model"

// Facts reads what a document says about liability and indemnities: its
// general cap and whose liability it protects, the caps limited to a
// scope, the carve-outs, the kinds of damages excluded, and the
// indemnities each party gives with what they cover. It is read once per
// recorded version (and again by reanalyze), never per page view.
func Facts(text string) model.DocFacts {
	return factsOf(text, Analyze(text))
}

func factsOf(text string, cs []model.Clause) model.DocFacts {
	var liab, indem []model.Clause
	for _, c := range cs {
		switch c.Type {
		case model.Liability:
			liab = append(liab, c)
		case model.Indemnification:
			indem = append(indem, c)
		}
	}
	f := model.DocFacts{
		Protects:   protects(liab),
		CarveOuts:  carveOutsIn(liab),
		Exclusions: findExclusions(withLeadIns(text, liab)),
	}
	for _, c := range liab {
		if c.Cap == nil {
			continue
		}
		if f.Cap == nil && hasCap(c.Cap) {
			general := *c.Cap
			general.Scoped, general.CarveOuts = nil, nil
			f.Cap = &general
		}
		f.ScopedCaps = append(f.ScopedCaps, c.Cap.Scoped...)
	}
	for _, c := range indem {
		i := indemnityOf(&f, c.Direction)
		for _, k := range c.Covers {
			i.Covers = appendUnique(i.Covers, k)
		}
	}
	return f
}

// indemnityOf returns the entry of f for the indemnities party gives,
// adding it the first time.
func indemnityOf(f *model.DocFacts, party model.Party) *model.Indemnity {
	for i := range f.Indemnities {
		if f.Indemnities[i].Direction == party {
			return &f.Indemnities[i]
		}
	}
	f.Indemnities = append(f.Indemnities, model.Indemnity{Direction: party})
	return &f.Indemnities[len(f.Indemnities)-1]
}
