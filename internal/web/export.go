package web

import (
	"net/http"

	"github.com/toswatch/toswatch/internal/export"
	"github.com/toswatch/toswatch/internal/store"
)

type exportFormat int

const (
	exportCSV exportFormat = iota
	exportJSON
)

// export serves every change (of ?vendor= only, when given) as the
// download `toswatch export` writes: CSV with a BOM, which spreadsheets
// need to read UTF-8, or JSON Lines.
func (s *server) export(format exportFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		changes, err := s.st.Changes(r.Context(), store.ChangeFilter{Vendor: r.URL.Query().Get("vendor")})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		if format == exportJSON {
			h.Set("Content-Type", "application/jsonl; charset=utf-8")
			h.Set("Content-Disposition", `attachment; filename="toswatch-changes.jsonl"`)
			err = export.JSONLines(w, changes)
		} else {
			h.Set("Content-Type", "text/csv; charset=utf-8; header=present")
			h.Set("Content-Disposition", `attachment; filename="toswatch-changes.csv"`)
			err = export.CSV(w, changes, true)
		}
		if err != nil {
			s.log.Warn("export interrupted", "error", err)
		}
	}
}
