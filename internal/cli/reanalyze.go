package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/tracker"
)

func runReanalyze(ctx context.Context, a *app, args []string) error {
	fs := a.flags("reanalyze")
	all := fs.Bool("all", false, "reclassify every recorded change, not only those an older analyser judged")
	asJSON := fs.Bool("json", false, "print the counts as JSON")
	if _, err := a.parse(fs, args, 0, 0, "[--all] [--json]"); err != nil {
		return err
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	last := time.Now()
	progress := func(done, total int) {
		if time.Since(last) >= time.Second || done == total {
			fmt.Fprintf(a.env.Stderr, "reanalysed %d/%d changes\n", done, total)
			last = time.Now()
		}
	}
	done, differed, err := reanalyse(ctx, st, *all, progress)
	if err != nil {
		return err
	}
	facts, err := readFacts(ctx, st, *all)
	if err != nil {
		return err
	}
	if *asJSON {
		return a.printJSON(struct {
			Reanalysed int `json:"reanalysed"`
			Differed   int `json:"differed"`
			Revision   int `json:"revision"`
			Facts      int `json:"facts"` // versions whose facts were read again
		}{done, differed, clause.Revision, facts})
	}
	if done == 0 {
		fmt.Fprintf(a.env.Stdout, "every change is classified by the current analyser (revision %d)\n", clause.Revision)
	} else {
		fmt.Fprintf(a.env.Stdout, "reanalysed %d changes with analyser revision %d: %d classified differently\n",
			done, clause.Revision, differed)
	}
	if facts > 0 {
		fmt.Fprintf(a.env.Stdout, "read the clause facts of %d versions\n", facts)
	}
	return nil
}

// readFacts reads the facts of the versions whose facts are missing or
// were read by an older analyser (every version with all), one version
// at a time so that an interrupted run keeps what it did.
func readFacts(ctx context.Context, st *store.Store, all bool) (int, error) {
	rev := clause.Revision
	if all {
		rev++
	}
	ids, err := st.VersionsWithoutFacts(ctx, rev)
	if err != nil {
		return 0, err
	}
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		v, err := st.Version(ctx, id)
		if err != nil {
			return i, err
		}
		js, err := json.Marshal(clause.Facts(v.Text))
		if err != nil {
			return i, err
		}
		if err := st.SetFacts(ctx, id, clause.Revision, js); err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

// reanalyse classifies again the changes an older analyser judged (every
// change with all), from the two stored versions of each, and reports how
// many it classified and how many came out differently. Each change is
// written on its own, so an interrupted run keeps what it did.
func reanalyse(ctx context.Context, st *store.Store, all bool, progress func(done, total int)) (done, differed int, err error) {
	rev := clause.Revision
	if all {
		rev++ // every change is older than that
	}
	ids, err := st.ChangesAnalysedBefore(ctx, rev)
	if err != nil {
		return 0, 0, err
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return done, differed, err
		}
		from, to, err := st.ChangeTexts(ctx, id)
		if err != nil {
			return done, differed, err
		}
		ccs, d := tracker.Analyse(present.Summarised(clause.Compare), from, to)
		changed, err := st.SetClauseChanges(ctx, id, ccs, clause.Revision, d)
		if err != nil {
			return done, differed, err
		}
		done++
		if changed {
			differed++
		}
		if progress != nil {
			progress(done, len(ids))
		}
	}
	return done, differed, nil
}
