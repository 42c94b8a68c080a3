package cli

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

type changeJSON struct {
	ID            int64                `json:"id"`
	Vendor        string               `json:"vendor"`
	Document      string               `json:"document"`
	FromVersion   int64                `json:"from_version"`
	ToVersion     int64                `json:"to_version"`
	RecordedAt    string               `json:"recorded_at"`
	RevertsTo     *int64               `json:"reverts_to"`
	ClauseChanges []model.ClauseChange `json:"clause_changes"`
	ReviewedBy    string               `json:"reviewed_by,omitempty"`
	ReviewedAt    string               `json:"reviewed_at,omitempty"`
	ReviewNote    string               `json:"review_note,omitempty"`
}

func toChangeJSON(c model.Change) changeJSON {
	out := changeJSON{ID: c.ID, Vendor: c.Vendor, Document: c.Document, FromVersion: c.FromVersion, ToVersion: c.ToVersion,
		RecordedAt: c.RecordedAt.UTC().Format(time.RFC3339), RevertsTo: c.RevertsTo, ClauseChanges: nonNil(c.ClauseChanges),
		ReviewedBy: c.ReviewedBy, ReviewNote: c.ReviewNote}
	if c.ReviewedAt != nil {
		out.ReviewedAt = c.ReviewedAt.UTC().Format(time.RFC3339)
	}
	return out
}

func runChanges(ctx context.Context, a *app, args []string) error {
	fs := a.flags("changes")
	since := fs.String("since", "", "only changes recorded within this `DURATION` (e.g. 24h, 7d)")
	vendor := fs.String("vendor", "", "only changes of this vendor")
	clauseType := fs.String("clause", "", "only changes that moved a liability or indemnification clause")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if _, err := a.parse(fs, args, 0, 0, "[--since DURATION] [--vendor V] [--clause liability|indemnification] [--json]"); err != nil {
		return err
	}
	f := store.ChangeFilter{Vendor: *vendor}
	switch *clauseType {
	case "", model.Liability, model.Indemnification:
		f.Clause = *clauseType
	default:
		return usagef("invalid --clause %q: want liability or indemnification", *clauseType)
	}
	if *since != "" {
		d, err := parseDuration(*since)
		if err != nil {
			return err
		}
		f.Since = time.Now().Add(-d)
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if *vendor != "" {
		if _, err := a.vendorDocuments(ctx, st, *vendor); err != nil {
			return err
		}
	}
	changes, err := st.Changes(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		out := []changeJSON{}
		for _, c := range changes {
			out = append(out, toChangeJSON(c))
		}
		return a.printJSON(out)
	}
	if len(changes) == 0 {
		fmt.Fprintln(a.env.Stdout, "no changes recorded")
		return nil
	}
	w := a.env.Stdout
	for _, c := range changes {
		note := ""
		if c.RevertsTo != nil {
			note = fmt.Sprintf(" (back to the text of version %d)", *c.RevertsTo)
		}
		reviewed := ""
		if c.ReviewedAt != nil {
			reviewed = fmt.Sprintf(" — reviewed by %s", sanitize(c.ReviewedBy))
		}
		fmt.Fprintf(w, "#%d %s %s / %s: version %d → %d%s%s\n", c.ID, c.RecordedAt.Format("2006-01-02 15:04"),
			sanitize(c.Vendor), sanitize(c.Document), c.FromVersion, c.ToVersion, note, reviewed)
		for _, cc := range c.ClauseChanges {
			fmt.Fprintf(w, "    [%s] %s: %s\n", cc.Severity, cc.Type, sanitize(cc.Summary))
		}
	}
	return nil
}

func runReview(ctx context.Context, a *app, args []string) error {
	fs := a.flags("review")
	by := fs.String("by", "", "who reviewed the change (required)")
	note := fs.String("note", "", "a note on the review")
	pos, err := a.parse(fs, args, 1, 1, "CHANGE_ID --by NAME [--note TEXT]")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usagef("invalid change id %q: want a positive number (see toswatch changes)", pos[0])
	}
	if *by == "" {
		return usagef("--by NAME is required: say who reviewed the change")
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Review(ctx, id, *by, *note); err != nil {
		if isNotFound(err) {
			return usagef("change %d does not exist (see toswatch changes)", id)
		}
		return err
	}
	fmt.Fprintf(a.env.Stdout, "change %d marked reviewed by %s\n", id, *by)
	return nil
}
