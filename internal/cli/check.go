package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/pipeline"
	"github.com/toswatch/toswatch/internal/tracker"
)

func runCheck(ctx context.Context, a *app, args []string) error {
	fs := a.flags("check")
	asJSON := fs.Bool("json", false, "print a JSON array, one object per document")
	if a.logLevel == "" {
		a.logLevel = "error" // every check's outcome is printed already
	}
	vendors, err := a.parse(fs, args, 0, -1, "[VENDOR...] [--json]")
	if err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	docs, err := cfg.Documents(vendors...)
	if err != nil {
		return usageError{err}
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := a.notifier(cfg, st)
	if err != nil {
		return err
	}
	p, err := a.pipeline(cfg, pipeline.Options{Store: st, Log: a.log})
	if err != nil {
		return err
	}
	defer p.Close()
	t := p.Tracker
	var progress func(int, tracker.Result)
	if !*asJSON {
		progress = func(done int, r tracker.Result) { printResult(a.env.Stdout, done, len(docs), r) }
	}
	results := t.CheckAll(ctx, docs, cfg.Settings.Fetch.Concurrency, progress)
	if n != nil {
		a.drainNotifications(ctx, n)
	}
	if *asJSON {
		if err := a.printJSON(results); err != nil {
			return err
		}
	}
	return checkStatus(results)
}

// checkStatus is what a check command returns after printing its results:
// nil, errFailed when checks failed, or, since it could not be written to
// the database, the database's own failure (exit status 3, which wins).
func checkStatus(results []tracker.Result) error {
	failed, unrecorded := false, 0
	var msgs []string
	for _, r := range results {
		failed = failed || r.Status.Failed()
		if r.Failure == model.FailureDatabase {
			unrecorded++
			if !slices.Contains(msgs, *r.Error) {
				msgs = append(msgs, *r.Error)
			}
		}
	}
	switch {
	case unrecorded > 0:
		return fmt.Errorf("%s (%d of %d checks could not be recorded)", strings.Join(msgs, "; "), unrecorded, len(results))
	case failed:
		return errFailed
	}
	return nil
}

func printResult(w io.Writer, done, total int, r tracker.Result) {
	line := fmt.Sprintf("[%d/%d] %s / %s: %s", done, total, r.Vendor, r.Document, r.Status)
	if r.Version != nil && r.Status != model.OutcomeFailed {
		line += fmt.Sprintf(" (version %d", *r.Version)
		if r.RevertsTo != nil {
			line += fmt.Sprintf(", same text as version %d", *r.RevertsTo)
		}
		line += ")"
	}
	if r.Error != nil {
		// The error starts with its kind, which for an unconfirmed check
		// is the outcome the line has just said.
		line += ": " + sanitize(strings.TrimPrefix(*r.Error, string(r.Status)+": "))
	}
	if r.Resumed {
		line += " (tracking resumed)"
	}
	fmt.Fprintln(w, line)
}
