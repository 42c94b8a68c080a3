package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/export"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
)

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
	changes, err := a.recordedChanges(ctx, f, *since)
	if err != nil {
		return err
	}
	if *asJSON {
		out := []export.Change{}
		for _, c := range changes {
			out = append(out, export.FromChange(c))
		}
		return a.printJSON(out)
	}
	if len(changes) == 0 {
		fmt.Fprintln(a.env.Stdout, "no changes recorded")
		return nil
	}
	w := a.env.Stdout
	for _, c := range changes {
		// Versions by their number within the document, as the alerts,
		// the web UI and the feeds name them; the ids that diff and show
		// take follow in brackets.
		note := ""
		if c.RevertsTo != nil {
			note = fmt.Sprintf(", back to the text of %s", present.VersionLabel(c.RevertsToNumber))
		}
		reviewed := ""
		if r := c.LastReview(); r != nil {
			reviewed = fmt.Sprintf(" — %s by %s", r.Decision, sanitize(r.By))
		}
		fmt.Fprintf(w, "#%d %s %s / %s: %s → %s (version ids %d → %d)%s%s\n", c.ID, c.RecordedAt.Format("2006-01-02 15:04"),
			sanitize(c.Vendor), sanitize(c.Document), present.VersionLabel(c.FromNumber), present.VersionLabel(c.ToNumber),
			c.FromVersion, c.ToVersion, note, reviewed)
		if s := present.ChangeSummary(c); s != "" {
			fmt.Fprintf(w, "    %s\n", s)
		}
		for _, cc := range c.ClauseChanges {
			fmt.Fprintf(w, "    [%s] %s: %s\n", cc.Severity, cc.Type, sanitize(cc.Summary))
		}
	}
	return nil
}

func runReview(ctx context.Context, a *app, args []string) error {
	fs := a.flags("review")
	by := fs.String("by", "", "who reviewed the change (required)")
	decision := fs.String("decision", model.DecisionAcknowledged, "the decision: "+strings.Join(model.Decisions(), ", "))
	note := fs.String("note", "", "a note on the review")
	pos, err := a.parse(fs, args, 1, 1, "CHANGE_ID --by NAME [--decision D] [--note TEXT]")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usagef("invalid change id %q: want a positive number (see toswatch changes)", pos[0])
	}
	if strings.TrimSpace(*by) == "" {
		return usagef("--by NAME is required: say who reviewed the change")
	}
	if !model.ValidDecision(*decision) {
		return usagef("invalid --decision %q: want one of %s", *decision, strings.Join(model.Decisions(), ", "))
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := st.AddReview(ctx, id, model.Review{By: strings.TrimSpace(*by), Decision: *decision, Note: *note})
	if err != nil {
		if isNotFound(err) {
			return usagef("change %d does not exist (see toswatch changes)", id)
		}
		return err
	}
	c, err := st.Change(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.env.Stdout, "change %d: %s by %s (review %d of this change; earlier reviews are kept)\n",
		id, r.Decision, sanitize(r.By), len(c.Reviews))
	return nil
}

// recordedChanges returns the changes f selects, newest first, recorded
// within since (a duration such as "7d"; "" for all); a vendor the
// database does not know is a usage error.
func (a *app) recordedChanges(ctx context.Context, f store.ChangeFilter, since string) ([]model.Change, error) {
	if since != "" {
		d, err := parseDuration(since)
		if err != nil {
			return nil, err
		}
		f.Since = time.Now().Add(-d)
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if f.Vendor != "" {
		if _, err := a.vendorDocuments(ctx, st, f.Vendor); err != nil {
			return nil, err
		}
	}
	return st.Changes(ctx, f)
}
