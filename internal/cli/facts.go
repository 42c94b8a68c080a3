package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/facts"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
)

// factsJSON is one document's facts as `facts --json` prints them.
type factsJSON struct {
	Vendor      string               `json:"vendor"`
	Document    string               `json:"document"`
	Version     *int64               `json:"version"` // the latest version's id; null: none recorded yet
	Number      int                  `json:"number,omitempty"`
	Read        bool                 `json:"read"` // false: facts not read yet (toswatch reanalyze)
	Cap         *model.Cap           `json:"cap"`
	Protects    model.Party          `json:"protects"`
	ScopedCaps  []model.ScopedCap    `json:"scoped_caps"`
	CarveOuts   []string             `json:"carve_outs"`
	Exclusions  []string             `json:"exclusions"`
	Indemnities []model.Indemnity    `json:"indemnities"`
	ChangedAt   map[string]string    `json:"changed_at"`
	Timeline    []factsTimelineEvent `json:"timeline"`
}

type factsTimelineEvent struct {
	At       string `json:"at"`
	Version  int64  `json:"version"`
	Number   int    `json:"number"`
	ChangeID *int64 `json:"change_id"`
	Fact     string `json:"fact"`
	Before   string `json:"before"`
	After    string `json:"after"`
}

func toFactsJSON(s facts.Sheet) factsJSON {
	out := factsJSON{Vendor: s.Vendor, Document: s.Document, Number: s.Number, ScopedCaps: []model.ScopedCap{},
		CarveOuts: []string{}, Exclusions: []string{}, Indemnities: []model.Indemnity{}, ChangedAt: map[string]string{},
		Timeline: []factsTimelineEvent{}}
	if s.Version != 0 {
		v := s.Version
		out.Version = &v
	}
	if f := s.Facts; f != nil {
		out.Read = true
		out.Cap, out.Protects = f.Cap, f.Protects
		out.ScopedCaps = append(out.ScopedCaps, f.ScopedCaps...)
		out.CarveOuts = append(out.CarveOuts, f.CarveOuts...)
		out.Exclusions = append(out.Exclusions, f.Exclusions...)
		for _, i := range f.Indemnities {
			out.Indemnities = append(out.Indemnities, model.Indemnity{Direction: i.Direction, Covers: append([]string{}, i.Covers...)})
		}
	}
	for name, at := range s.ChangedAt {
		out.ChangedAt[name] = at.UTC().Format(time.RFC3339)
	}
	for _, e := range s.Timeline {
		ev := factsTimelineEvent{At: e.At.UTC().Format(time.RFC3339), Version: e.VersionID, Number: e.Number,
			Fact: e.Fact, Before: e.Before, After: e.After}
		if e.ChangeID != 0 {
			id := e.ChangeID
			ev.ChangeID = &id
		}
		out.Timeline = append(out.Timeline, ev)
	}
	return out
}

func runFacts(ctx context.Context, a *app, args []string) error {
	fs := a.flags("facts")
	asJSON := fs.Bool("json", false, "print a JSON array, one object per document")
	asCSV := fs.Bool("csv", false, "print CSV, one row per document")
	filter := fs.String("filter", "", "only "+filterNames()+"")
	pos, err := a.parse(fs, args, 0, 1, "[VENDOR] [--json|--csv] [--filter F]")
	if err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return usagef("--json and --csv: choose one")
	}
	if !facts.ValidFilter(*filter) {
		return usagef("invalid --filter %q: want %s", *filter, filterNames())
	}
	vendor := ""
	if len(pos) == 1 {
		vendor = pos[0]
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if vendor != "" {
		if _, err := a.vendorDocuments(ctx, st, vendor); err != nil {
			return err
		}
	}
	sheets, err := facts.Load(ctx, st, vendor)
	if err != nil {
		return err
	}
	kept, apart := facts.Select(sheets, *filter, facts.SortVendor)
	switch {
	case *asJSON:
		out := []factsJSON{}
		for _, s := range append(kept, apart...) {
			out = append(out, toFactsJSON(s))
		}
		return a.printJSON(out)
	case *asCSV:
		return writeFactsCSV(a, append(kept, apart...))
	}
	a.printFacts(kept)
	if len(apart) > 0 {
		fmt.Fprintln(a.env.Stdout, "\nCaps that cannot be compared with 12 months of fees:")
		a.printFacts(apart)
	}
	if len(kept)+len(apart) == 0 {
		fmt.Fprintln(a.env.Stdout, "no document matches")
	}
	return nil
}

func filterNames() string {
	var names []string
	for _, f := range facts.Filters() {
		if f[0] != "" {
			names = append(names, f[0]+" ("+f[1]+")")
		}
	}
	return strings.Join(names, ", ")
}

func (a *app) printFacts(sheets []facts.Sheet) {
	w := a.env.Stdout
	for _, s := range sheets {
		fmt.Fprintf(w, "%s / %s", sanitize(s.Vendor), sanitize(s.Document))
		switch {
		case s.Version == 0:
			fmt.Fprintln(w, ": no version recorded yet")
			continue
		case s.Facts == nil:
			fmt.Fprintf(w, " (%s): facts not read yet (toswatch reanalyze reads them)\n", present.VersionLabel(s.Number))
			continue
		}
		fmt.Fprintf(w, " (%s, recorded %s)\n", present.VersionLabel(s.Number), s.RecordedAt.UTC().Format("2006-01-02"))
		for _, name := range model.FactNames() {
			text, since := present.Fact(name, *s.Facts), ""
			if at, ok := s.ChangedAt[name]; ok && text != present.NotFound {
				since = " (since " + at.UTC().Format("2006-01-02") + ")"
			}
			fmt.Fprintf(w, "  %-26s %s%s\n", present.FactLabel(name)+":", sanitize(text), since)
		}
		for _, e := range s.Timeline {
			ref := present.VersionLabel(e.Number)
			if e.ChangeID != 0 {
				ref = "change " + strconv.FormatInt(e.ChangeID, 10)
			}
			fmt.Fprintf(w, "  %s %s: %s → %s (%s)\n", e.At.UTC().Format("2006-01-02"), present.FactLabel(e.Fact),
				sanitize(e.Before), sanitize(e.After), ref)
		}
	}
}

// factsColumns are the CSV columns of `facts --csv`: the JSON flattened,
// lists one item per line of a cell.
var factsColumns = []string{"vendor", "document", "version", "number", "read",
	"cap", "cap_amount", "cap_currency", "cap_fee_period_months", "cap_basis", "protects",
	"scoped_caps", "carve_outs", "exclusions", "indemnities",
	"cap_changed_at", "protects_changed_at", "scoped_caps_changed_at", "carve_outs_changed_at",
	"exclusions_changed_at", "indemnities_changed_at"}

func writeFactsCSV(a *app, sheets []facts.Sheet) error {
	w := csv.NewWriter(a.env.Stdout)
	w.UseCRLF = true
	if err := w.Write(factsColumns); err != nil {
		return err
	}
	for _, s := range sheets {
		j := toFactsJSON(s)
		row := []string{s.Vendor, s.Document, "", "", strconv.FormatBool(j.Read)}
		if j.Version != nil {
			row[2], row[3] = strconv.FormatInt(*j.Version, 10), strconv.Itoa(j.Number)
		}
		var amount, currency, months, basis, capWords string
		if j.Read {
			capWords = present.FactCap(j.Cap)
		}
		if c := j.Cap; c != nil {
			if c.Amount != nil {
				amount = strconv.FormatFloat(*c.Amount, 'f', -1, 64)
			}
			currency, basis = c.Currency, c.Basis
			if c.FeePeriodMonths > 0 {
				months = strconv.Itoa(c.FeePeriodMonths)
			}
		}
		var indems []string
		for _, i := range j.Indemnities {
			indems = append(indems, string(i.Direction)+": "+strings.Join(i.Covers, ", "))
		}
		row = append(row, capWords, amount, currency, months, basis, string(j.Protects),
			strings.Join(present.ScopedCaps(j.ScopedCaps), "\n"), strings.Join(j.CarveOuts, "\n"),
			strings.Join(j.Exclusions, "\n"), strings.Join(indems, "\n"))
		for _, name := range model.FactNames() {
			row = append(row, j.ChangedAt[name])
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
