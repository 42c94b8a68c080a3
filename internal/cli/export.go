package cli

import (
	"bufio"
	"context"

	"github.com/toswatch/toswatch/internal/export"
	"github.com/toswatch/toswatch/internal/store"
)

func runExport(ctx context.Context, a *app, args []string) error {
	fs := a.flags("export")
	since := fs.String("since", "", "only changes recorded within this `DURATION` (e.g. 90d)")
	vendor := fs.String("vendor", "", "only changes of this vendor")
	format := fs.String("format", "csv", "csv (RFC 4180, fixed columns) or json (JSON Lines, one change per line)")
	bom := fs.Bool("bom", false, "start the CSV with a UTF-8 byte order mark (for spreadsheets that need it)")
	if _, err := a.parse(fs, args, 0, 0, "[--since DURATION] [--vendor V] [--format csv|json] [--bom]"); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return usagef("invalid --format %q: want csv or json", *format)
	}
	if *bom && *format != "csv" {
		return usagef("--bom is for --format csv")
	}
	f := store.ChangeFilter{Vendor: *vendor}
	changes, err := a.recordedChanges(ctx, f, *since)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.env.Stdout)
	if *format == "json" {
		err = export.JSONLines(w, changes)
	} else {
		err = export.CSV(w, changes, *bom)
	}
	if err != nil {
		return err
	}
	return w.Flush()
}
