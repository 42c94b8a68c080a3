package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/store"
)

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

type statusJSON struct {
	Vendor       string  `json:"vendor"`
	Document     string  `json:"document"`
	URL          string  `json:"url"`
	LastCheck    *string `json:"last_check"`
	Outcome      string  `json:"outcome"`
	Error        string  `json:"error,omitempty"`
	Failures     int     `json:"failures"`
	FailingSince *string `json:"failing_since"`
	Failing      bool    `json:"failing"`
}

func runStatus(ctx context.Context, a *app, args []string) error {
	fs := a.flags("status")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if _, err := a.parse(fs, args, 0, 0, "[--json]"); err != nil {
		return err
	}
	threshold := config.DefaultFailureThreshold
	cfg, cfgErr := a.loadConfig()
	if cfgErr == nil {
		threshold = cfg.Settings.Fetch.FailureThreshold
	}
	_, statErr := os.Stat(store.File(a.dbPath))
	if cfgErr != nil && statErr != nil {
		return cfgErr // nothing to show: what is wrong is the configuration
	}
	var ce *config.Errors
	if errors.As(cfgErr, &ce) {
		// The database still says how the checks went; the documents not
		// checked yet cannot be listed.
		fmt.Fprintf(a.env.Stderr, "toswatch: warning: %s has errors, documents not checked yet are not listed:\n%v\n", a.configPath, cfgErr)
	}
	var st *store.Store
	var docs []store.DocInfo
	if statErr == nil || cfgErr != nil {
		var err error
		if st, err = a.openExisting(ctx); err != nil {
			return err
		}
		defer st.Close()
		if docs, err = st.ListDocuments(ctx, ""); err != nil {
			return err
		}
	}
	rows := []statusJSON{}
	known := map[string]bool{}
	for _, d := range docs {
		known[docKey(d.Vendor, d.Type)] = true
		r := statusJSON{Vendor: d.Vendor, Document: d.Type, URL: d.URL, Outcome: notCheckedYet, Failures: d.Failures,
			Failing: d.Failures >= threshold}
		if c := d.LastCheck; c != nil {
			t := c.StartedAt.UTC().Format(time.RFC3339)
			r.LastCheck, r.Outcome, r.Error = &t, string(c.Outcome), c.Error
		}
		if d.FailingSince != nil {
			t := d.FailingSince.UTC().Format(time.RFC3339)
			r.FailingSince = &t
		}
		rows = append(rows, r)
	}
	// Configured documents the database has not seen yet are listed too.
	if cfgErr == nil {
		for _, v := range cfg.Vendors {
			for _, d := range v.Documents {
				if !known[docKey(d.Vendor, d.Type)] {
					rows = append(rows, statusJSON{Vendor: d.Vendor, Document: d.Type, URL: d.URL, Outcome: notCheckedYet})
				}
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if a, b := strings.ToLower(rows[i].Vendor), strings.ToLower(rows[j].Vendor); a != b {
			return a < b
		}
		return strings.ToLower(rows[i].Document) < strings.ToLower(rows[j].Document)
	})
	if *asJSON {
		return a.printJSON(rows)
	}
	tw := tabwriter.NewWriter(a.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VENDOR\tDOCUMENT\tLAST CHECK (UTC)\tOUTCOME\tSINCE")
	for _, r := range rows {
		last, since := "-", ""
		if r.LastCheck != nil {
			last = *r.LastCheck
		}
		outcome := r.Outcome
		if r.Failing {
			outcome = fmt.Sprintf("FAILING (%d in a row)", r.Failures)
			since = *r.FailingSince
		}
		if r.Error != "" {
			outcome += ": " + sanitize(excerpt(r.Error, 80))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", sanitize(r.Vendor), sanitize(r.Document), last, outcome, since)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if st == nil {
		return nil
	}
	return a.printNotifyTroubles(ctx, st)
}

// notCheckedYet is the outcome of a document without any check.
const notCheckedYet = "not checked yet"

func docKey(vendor, typ string) string {
	return strings.ToLower(vendor) + "\x00" + strings.ToLower(typ)
}

// printNotifyTroubles lists the notification targets whose deliveries fail.
func (a *app) printNotifyTroubles(ctx context.Context, st *store.Store) error {
	troubles, err := st.NotifyTroubles(ctx)
	if err != nil || len(troubles) == 0 {
		return err
	}
	fmt.Fprintln(a.env.Stdout, "\nNOTIFICATIONS FAILING")
	for _, t := range troubles {
		fmt.Fprintf(a.env.Stdout, "%s: %d being retried, %d given up; last failure %s: %s\n", t.Target, t.Retrying, t.GaveUp,
			t.LastFailure.UTC().Format(time.RFC3339), sanitize(excerpt(t.LastError, 120)))
	}
	return nil
}

func runBackup(ctx context.Context, a *app, args []string) error {
	fs := a.flags("backup")
	pos, err := a.parse(fs, args, 1, 1, "FILE")
	if err != nil {
		return err
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(a.env.Stdout, "backed up %s to %s\n", a.dbPath, pos[0])
	return nil
}
