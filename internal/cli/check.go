package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/toswatch/toswatch/internal/browser"
	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/pdf"
	"github.com/toswatch/toswatch/internal/store"
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
	t, err := newTracker(cfg, st, a)
	if err != nil {
		return err
	}
	defer t.Close()
	queueNotifications(t, cfg)
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

// newTracker wires a tracker from the configuration.
func newTracker(cfg *config.Config, st *store.Store, a *app) (*tracker.Tracker, error) {
	f := cfg.Settings.Fetch
	client, err := fetch.New(tracker.FetchOptions(cfg.Settings))
	if err != nil {
		return nil, err
	}
	t := &tracker.Tracker{
		Store:            st,
		Fetch:            client,
		Compare:          clause.Compare,
		Analysis:         clause.Revision,
		ConfirmDelay:     f.ConfirmDelay,
		FailureThreshold: f.FailureThreshold,
		Log:              a.log,
		PDF:              pdf.New(),
		Budget:           tracker.BudgetFor(client.Options(), f.ConfirmDelay, f.Timeout),
	}
	// The browser starts lazily, on the first page that needs it; without a
	// Chromium, such pages fail with a message saying how to get one.
	b := cfg.Settings.Browser
	if _, err := browser.Find(b.Path); err == nil {
		t.Browser = browser.New(browser.Options{Path: b.Path, Tabs: b.Tabs, Timeout: f.Timeout,
			UserAgent: cfg.Settings.UserAgent, Log: a.log})
	}
	return t, nil
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
		line += ": " + sanitize(*r.Error)
	}
	if r.Resumed {
		line += " (tracking resumed)"
	}
	fmt.Fprintln(w, line)
}
