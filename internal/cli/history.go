package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

type versionJSON struct {
	ID         int64  `json:"id"`
	Number     int    `json:"number"` // within the document: v1, v2, …
	Vendor     string `json:"vendor"`
	Document   string `json:"document"`
	RecordedAt string `json:"recorded_at"`
	SHA256     string `json:"sha256"`
	Kind       string `json:"kind"`
	RevertsTo  *int64 `json:"reverts_to"`
}

func runHistory(ctx context.Context, a *app, args []string) error {
	fs := a.flags("history")
	asJSON := fs.Bool("json", false, "print a JSON array of versions")
	pos, err := a.parse(fs, args, 1, 2, "VENDOR [DOCUMENT] [--json]")
	if err != nil {
		return err
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var docs []store.DocInfo
	if len(pos) == 2 {
		d, err := a.findDocument(ctx, st, pos[0], pos[1])
		if err != nil {
			return err
		}
		docs = []store.DocInfo{d}
	} else if docs, err = a.vendorDocuments(ctx, st, pos[0]); err != nil {
		return err
	}
	out := []versionJSON{}
	for _, d := range docs {
		vs, err := st.Versions(ctx, d.ID)
		if err != nil {
			return err
		}
		for _, v := range vs {
			out = append(out, versionJSON{v.ID, v.Number, v.Vendor, v.Document, v.RecordedAt.UTC().Format(time.RFC3339), v.SHA256, v.Kind, v.RevertsTo})
		}
	}
	if *asJSON {
		return a.printJSON(out)
	}
	if len(out) == 0 {
		fmt.Fprintln(a.env.Stdout, "no versions recorded yet")
		return nil
	}
	tw := tabwriter.NewWriter(a.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tRECORDED (UTC)\tKIND\tVENDOR\tDOCUMENT\tNOTE")
	for _, v := range out {
		note := ""
		if v.RevertsTo != nil {
			note = fmt.Sprintf("same text as version %d", *v.RevertsTo)
		}
		fmt.Fprintf(tw, "%d\tv%d\t%s\t%s\t%s\t%s\t%s\n", v.ID, v.Number, v.RecordedAt, v.Kind, sanitize(v.Vendor), sanitize(v.Document), note)
	}
	return tw.Flush()
}

func runShow(ctx context.Context, a *app, args []string) error {
	fs := a.flags("show")
	versionFlag := fs.String("version", "", "version `ID` to print (default: the latest)")
	pos, err := a.parse(fs, args, 2, 2, "VENDOR DOCUMENT [--version ID]")
	if err != nil {
		return err
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
	var v model.Version
	if *versionFlag != "" {
		if v, err = a.documentVersion(ctx, st, d, *versionFlag); err != nil {
			return err
		}
	} else {
		head, err := st.Latest(ctx, d.ID)
		if err != nil {
			return err
		}
		if head == nil {
			return usagef("%s / %s has no version yet: run toswatch check first", d.Vendor, d.Type)
		}
		if v, err = st.Version(ctx, head.Version.ID); err != nil {
			return err
		}
	}
	text := v.Text
	if isTerminal(a.env.Stdout) {
		text = sanitize(text)
	}
	fmt.Fprint(a.env.Stdout, text)
	if !strings.HasSuffix(text, "\n") {
		fmt.Fprintln(a.env.Stdout)
	}
	return nil
}

// findDocument resolves VENDOR DOCUMENT names (case-insensitive) to a
// recorded document, with a clear message when there is none.
func (a *app) findDocument(ctx context.Context, st *store.Store, vendor, doc string) (store.DocInfo, error) {
	d, err := st.FindDocument(ctx, vendor, doc)
	if errors.Is(err, store.ErrNotFound) {
		docs, verr := a.vendorDocuments(ctx, st, vendor)
		if verr != nil {
			return d, verr
		}
		var names []string
		for _, x := range docs {
			names = append(names, x.Type)
		}
		if len(names) == 0 {
			return d, usagef("%s has no recorded documents yet: run toswatch check first", vendor)
		}
		return d, usagef("unknown document %q of %s (known: %s)", doc, vendor, strings.Join(names, ", "))
	}
	return d, err
}

// vendorDocuments returns the recorded documents of a vendor. A vendor that
// is configured but never checked has none; an unknown vendor is an error.
func (a *app) vendorDocuments(ctx context.Context, st *store.Store, vendor string) ([]store.DocInfo, error) {
	docs, err := st.ListDocuments(ctx, vendor)
	if err != nil || len(docs) > 0 {
		return docs, err
	}
	if cfg, cerr := a.loadConfig(); cerr == nil {
		if _, cerr := cfg.Documents(vendor); cerr == nil {
			return nil, nil
		}
	}
	all, err := st.ListDocuments(ctx, "")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var names []string
	for _, d := range all {
		if !seen[d.Vendor] {
			seen[d.Vendor] = true
			names = append(names, d.Vendor)
		}
	}
	if len(names) == 0 {
		return nil, usagef("unknown vendor %q: nothing has been recorded yet", vendor)
	}
	return nil, usagef("unknown vendor %q (known: %s)", vendor, strings.Join(names, ", "))
}

// documentVersion parses a version id and checks that it belongs to the document.
func (a *app) documentVersion(ctx context.Context, st *store.Store, d store.DocInfo, id string) (model.Version, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return model.Version{}, usagef("invalid version id %q: want a positive number (see toswatch history)", id)
	}
	v, err := st.Version(ctx, n)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (!strings.EqualFold(v.Vendor, d.Vendor) || !strings.EqualFold(v.Document, d.Type))) {
		return v, usagef("version %d is not a version of %s / %s (see toswatch history %q %q)", n, d.Vendor, d.Type, d.Vendor, d.Type)
	}
	return v, err
}
