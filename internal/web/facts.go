package web

import (
	"net/http"
	"time"

	"github.com/toswatch/toswatch/internal/facts"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
)

// factCell is one fact of a document in words, with since when it holds
// (not said of a fact that was not found).
type factCell struct {
	Name, Label, Text string
	Since             time.Time
}

// Shown reports whether the cell says since when: the fact was found.
func (c factCell) Shown() bool { return !c.Since.IsZero() && c.Text != present.NotFound }

// factsRow is one document on the facts pages.
type factsRow struct {
	facts.Sheet
	Cells []factCell // nil when the facts were not read yet
}

func newFactsRow(s facts.Sheet) factsRow {
	r := factsRow{Sheet: s}
	if s.Facts == nil {
		return r
	}
	for _, name := range model.FactNames() {
		r.Cells = append(r.Cells, factCell{Name: name, Label: present.FactLabel(name), Text: present.Fact(name, *s.Facts), Since: s.ChangedAt[name]})
	}
	return r
}

func factsRows(sheets []facts.Sheet) []factsRow {
	out := make([]factsRow, 0, len(sheets))
	for _, s := range sheets {
		out = append(out, newFactsRow(s))
	}
	return out
}

type factsPage struct {
	Title       string
	Rows, Apart []factsRow
	Filters     [][2]string
	Filter      string
	FilterLabel string
	Sort        string
	Labels      []string // the column heads, in model.FactNames order
}

// factsTable is the cross-vendor table, filtered and sorted on the server
// (?filter=, ?sort=): the page needs no script.
func (s *server) factsTable(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	filter, sortBy := q.Get("filter"), q.Get("sort")
	if !facts.ValidFilter(filter) || !facts.ValidSort(sortBy) {
		s.fail(w, r, http.StatusBadRequest, "Unknown filter or sort order: choose one from the form on the facts page.")
		return
	}
	sheets, err := facts.Load(r.Context(), s.st, "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	kept, apart := facts.Select(sheets, filter, sortBy)
	data := factsPage{Title: "Clause facts", Rows: factsRows(kept), Apart: factsRows(apart), Filters: facts.Filters(),
		Filter: filter, Sort: sortBy}
	for _, f := range data.Filters {
		if f[0] == filter {
			data.FilterLabel = f[1]
		}
	}
	for _, name := range model.FactNames() {
		data.Labels = append(data.Labels, present.FactLabel(name))
	}
	s.render(w, r, http.StatusOK, "facts", data)
}

type vendorFactsPage struct {
	Title  string
	Vendor string
	Docs   []factsRow
}

// vendorFacts is one vendor's facts, document by document, with since
// when each holds and the timeline of its cap and indemnity moves.
func (s *server) vendorFacts(w http.ResponseWriter, r *http.Request) {
	sheets, err := facts.Load(r.Context(), s.st, r.PathValue("vendor"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(sheets) == 0 {
		s.notFound(w, r)
		return
	}
	s.render(w, r, http.StatusOK, "factsvendor", vendorFactsPage{Title: sheets[0].Vendor + " — clause facts",
		Vendor: sheets[0].Vendor, Docs: factsRows(sheets)})
}
