package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/tracker"
)

func runDiff(ctx context.Context, a *app, args []string) error {
	fs := a.flags("diff")
	fromFlag := fs.String("from", "", "older version `ID` (default: the version before --to)")
	toFlag := fs.String("to", "", "newer version `ID` (default: the latest)")
	format := fs.String("format", "text", "output format: text or json")
	pos, err := a.parse(fs, args, 2, 2, "VENDOR DOCUMENT [--from ID] [--to ID] [--format text|json]")
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("invalid --format %q: want text or json", *format)
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := a.findDocument(ctx, st, pos[0], pos[1])
	if err != nil {
		return err
	}
	from, to, err := a.diffVersions(ctx, st, d, *fromFlag, *toFlag)
	if err != nil {
		return err
	}
	changes, res := tracker.Diff(present.Summarised(clause.Compare), from.Text, to.Text)
	if *format == "json" {
		out := struct {
			From          int64                `json:"from"`
			To            int64                `json:"to"`
			ClauseChanges []model.ClauseChange `json:"clause_changes"`
			diff.Result
		}{from.ID, to.ID, nonNil(changes), res}
		return a.printJSON(out)
	}
	w := a.env.Stdout
	fmt.Fprintf(w, "%s / %s: version %d (%s) → version %d (%s)\n", sanitize(d.Vendor), sanitize(d.Type),
		from.ID, from.RecordedAt.Format("2006-01-02 15:04"), to.ID, to.RecordedAt.Format("2006-01-02 15:04"))
	writeClauseChanges(w, changes)
	if !res.Changed() {
		fmt.Fprintln(w, "no differences")
		return nil
	}
	fmt.Fprintln(w)
	return sanitizeDiff(res).WriteText(w, a.useColor(w))
}

// diffVersions picks the two versions to compare: by default the latest
// change (the latest version of kind "change", else the latest version) and
// the version before it.
func (a *app) diffVersions(ctx context.Context, st *store.Store, d store.DocInfo, fromID, toID string) (from, to model.Version, err error) {
	vs, err := st.Versions(ctx, d.ID)
	if err != nil {
		return from, to, err
	}
	if len(vs) == 0 {
		return from, to, usagef("%s / %s has no version yet: run toswatch check first", d.Vendor, d.Type)
	}
	switch {
	case toID != "":
		if to, err = a.documentVersion(ctx, st, d, toID); err != nil {
			return from, to, err
		}
	case fromID == "":
		// The latest change: technical versions are the extraction's doing,
		// not the vendor's.
		latest := vs[len(vs)-1].ID
		for _, v := range vs {
			if v.Kind == model.KindChange {
				latest = v.ID
			}
		}
		if to, err = st.Version(ctx, latest); err != nil {
			return from, to, err
		}
	default:
		if to, err = st.Version(ctx, vs[len(vs)-1].ID); err != nil {
			return from, to, err
		}
	}
	if fromID != "" {
		from, err = a.documentVersion(ctx, st, d, fromID)
		return from, to, err
	}
	prev := int64(0)
	for _, v := range vs {
		if v.ID == to.ID {
			break
		}
		prev = v.ID
	}
	if prev == 0 {
		return from, to, usagef("version %d is the first version of %s / %s: nothing to compare it with (see toswatch history)", to.ID, d.Vendor, d.Type)
	}
	from, err = st.Version(ctx, prev)
	return from, to, err
}

func writeClauseChanges(w io.Writer, changes []model.ClauseChange) {
	if len(changes) == 0 {
		return
	}
	fmt.Fprintln(w, "Clause changes:")
	for _, c := range changes {
		fmt.Fprintf(w, "  [%s] %s %s: %s\n", c.Severity, c.Type, c.Kind, sanitize(c.Summary))
	}
}

// sanitizeDiff strips control sequences from the vendor text in a diff.
func sanitizeDiff(r diff.Result) diff.Result {
	out := r
	out.Lines = make([]diff.Line, len(r.Lines))
	for i, l := range r.Lines {
		l.Old, l.New = sanitize(l.Old), sanitize(l.New)
		words := make([]diff.Word, len(l.Words))
		for j, wd := range l.Words {
			wd.Text = sanitize(wd.Text)
			words[j] = wd
		}
		l.Words = words
		out.Lines[i] = l
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
