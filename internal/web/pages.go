package web

import (
	"context"
	"errors"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
)

const (
	// pageSize is the number of changes per dashboard page.
	pageSize = 100
	// needsReviewLimit bounds the "needs review" and "open follow-ups"
	// blocks; older ones are still listed in the changes below them.
	needsReviewLimit = 200
	// vendorVersions is the number of latest versions per document on a
	// vendor page; the document page lists them all.
	vendorVersions = 10
	// documentChecks is the number of latest checks on a document page.
	documentChecks = 20
)

// changeRow is a change as listed: its headline and top severity.
type changeRow struct {
	model.Change
	Summary  string
	Severity string
	// Alternation says how the change belongs to a flip-flop ("" when it
	// does not): the one alert, or a further flip alerted no more.
	Alternation string
}

func newChangeRow(c model.Change) changeRow {
	r := changeRow{Change: c, Summary: present.Headline(c, diff.ChangedParagraphs(c)), Severity: c.Severity}
	if top := present.TopClause(c.ClauseChanges); top != nil && !c.DateOnly {
		r.Severity = top.Severity
	}
	if c.Alert != model.AlertChange {
		r.Alternation = present.ChangeSummary(c)
	}
	return r
}

type dashboardPage struct {
	Title       string
	NeedsReview []changeRow
	FollowUps   []changeRow
	Changes     []changeRow
	Failing     []failingDoc
	NotifyFails []store.NotifyTrouble
	Threshold   int
	Page        int
	Prev, Next  int // 0: none
	// All is set on /changes, the list of every change without the
	// dashboard's blocks (the digest's "All changes" link).
	All bool
}

func (s *server) dashboard(w http.ResponseWriter, r *http.Request) {
	all := r.URL.Path == "/changes"
	page, ok := s.pageParam(w, r, pageSize)
	if !ok {
		return
	}
	ctx := r.Context()
	// One more row than a page tells whether a next page exists.
	changes, err := s.st.Changes(ctx, store.ChangeFilter{Limit: pageSize + 1, Offset: (page - 1) * pageSize})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(changes) == 0 && page > 1 {
		s.notFound(w, r)
		return
	}
	data := dashboardPage{Title: "Changes", Threshold: s.opts.FailureThreshold, Page: page, All: all}
	if all {
		data.Title = "All changes"
	}
	if page > 1 {
		data.Prev = page - 1
	}
	if len(changes) > pageSize {
		data.Next = page + 1
		changes = changes[:pageSize]
	}
	for _, c := range changes {
		data.Changes = append(data.Changes, newChangeRow(c))
	}
	if page == 1 && !all {
		// One entry per alert: further flips of a flip-flop are not
		// reviewed again, and a date-only change is low severity.
		if data.NeedsReview, err = s.changeRows(ctx, store.ChangeFilter{Severity: model.SeverityHigh, Unreviewed: true, Alerting: true, NotDateOnly: true, Limit: needsReviewLimit}); err != nil {
			s.serverError(w, r, err)
			return
		}
		if data.FollowUps, err = s.changeRows(ctx, store.ChangeFilter{ReviewStates: model.OpenDecisions(), Limit: needsReviewLimit}); err != nil {
			s.serverError(w, r, err)
			return
		}
		if data.Failing, err = s.failing(ctx); err != nil {
			s.serverError(w, r, err)
			return
		}
		if data.NotifyFails, err = s.st.NotifyTroubles(ctx); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "dashboard", data)
}

// changeRows returns the rows of the changes f selects: the dashboard's
// "needs review" (unreviewed, with a high-severity clause change) and
// "open follow-ups" blocks.
func (s *server) changeRows(ctx context.Context, f store.ChangeFilter) ([]changeRow, error) {
	cs, err := s.st.Changes(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]changeRow, 0, len(cs))
	for _, c := range cs {
		out = append(out, newChangeRow(c))
	}
	return out, nil
}

// failingDoc is a failing document and how long it has been failing.
type failingDoc struct {
	store.DocInfo
	For string // "3 days", "5 hours"
}

// failing returns the documents whose last FailureThreshold checks or more failed.
func (s *server) failing(ctx context.Context) ([]failingDoc, error) {
	docs, err := s.st.FailingDocuments(ctx, s.opts.FailureThreshold)
	if err != nil {
		return nil, err
	}
	var out []failingDoc
	for _, d := range docs {
		fd := failingDoc{DocInfo: d}
		if d.FailingSince != nil {
			fd.For = since(s.opts.Now().Sub(*d.FailingSince))
		}
		out = append(out, fd)
	}
	return out, nil
}

// since says roughly how long a duration is, for people.
func since(d time.Duration) string {
	unit := func(n int, name string) string {
		if n == 1 {
			return "1 " + name
		}
		return strconv.Itoa(n) + " " + name + "s"
	}
	switch {
	case d < time.Hour:
		return unit(max(int(d/time.Minute), 0), "minute")
	case d < 48*time.Hour:
		return unit(int(d/time.Hour), "hour")
	}
	return unit(int(d/(24*time.Hour)), "day")
}

type vendorGroup struct {
	Name string
	Docs []docView
}

type docView struct {
	store.DocInfo
	Versions      []versionRow // newest first
	TotalVersions int
}

type versionRow struct {
	model.Version
	ChangeID int64 // 0: the version recorded no change (first or technical)
}

type vendorsPage struct {
	Title   string
	Vendors []vendorGroup
}

func (s *server) vendors(w http.ResponseWriter, r *http.Request) {
	docs, err := s.st.ListDocuments(r.Context(), "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := vendorsPage{Title: "Vendors"}
	for _, d := range docs {
		if n := len(data.Vendors); n == 0 || !strings.EqualFold(data.Vendors[n-1].Name, d.Vendor) {
			data.Vendors = append(data.Vendors, vendorGroup{Name: d.Vendor})
		}
		g := &data.Vendors[len(data.Vendors)-1]
		g.Docs = append(g.Docs, docView{DocInfo: d})
	}
	s.render(w, r, http.StatusOK, "vendors", data)
}

type vendorPage struct {
	Title  string
	Vendor vendorGroup
}

func (s *server) vendor(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	docs, err := s.st.ListDocuments(ctx, r.PathValue("vendor"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(docs) == 0 {
		s.notFound(w, r)
		return
	}
	g := vendorGroup{Name: docs[0].Vendor}
	changes, err := s.changeIDs(ctx, store.ChangeFilter{Vendor: g.Name})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, d := range docs {
		vs, err := s.versions(ctx, d.ID, changes)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		g.Docs = append(g.Docs, docView{DocInfo: d, Versions: vs[:min(len(vs), vendorVersions)], TotalVersions: len(vs)})
	}
	s.render(w, r, http.StatusOK, "vendor", vendorPage{Title: g.Name, Vendor: g})
}

type documentPage struct {
	Title  string
	Doc    docView
	Checks []store.CheckInfo
}

func (s *server) document(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := s.st.FindDocument(ctx, r.PathValue("vendor"), r.PathValue("document"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	changes, err := s.changeIDs(ctx, store.ChangeFilter{Vendor: d.Vendor, Document: d.Type})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	vs, err := s.versions(ctx, d.ID, changes)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	checks, err := s.st.Checks(ctx, d.ID, documentChecks)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(checks) > 0 {
		d.LastCheck = &checks[0]
	}
	s.render(w, r, http.StatusOK, "document", documentPage{
		Title:  d.Vendor + " — " + d.Type,
		Doc:    docView{DocInfo: d, Versions: vs, TotalVersions: len(vs)},
		Checks: checks,
	})
}

// changeIDs maps the versions that recorded a change to the change.
func (s *server) changeIDs(ctx context.Context, f store.ChangeFilter) (map[int64]int64, error) {
	cs, err := s.st.Changes(ctx, f)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]int64, len(cs))
	for _, c := range cs {
		m[c.ToVersion] = c.ID
	}
	return m, nil
}

// versions returns a document's versions newest first, with their changes.
func (s *server) versions(ctx context.Context, docID int64, changes map[int64]int64) ([]versionRow, error) {
	vs, err := s.st.Versions(ctx, docID)
	if err != nil {
		return nil, err
	}
	out := make([]versionRow, len(vs))
	for i, v := range vs {
		out[len(vs)-1-i] = versionRow{Version: v, ChangeID: changes[v.ID]}
	}
	return out, nil
}

type versionPage struct {
	Title    string
	Version  model.Version
	Text     template.HTML // the text rendered from its Markdown
	ChangeID int64
}

func (s *server) version(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	v, err := s.st.Version(ctx, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	data := versionPage{Title: v.Vendor + " — " + v.Document + ", " + present.VersionLabel(v.Number), Version: v}
	c, err := s.st.ChangeForVersion(ctx, id)
	switch {
	case err == nil:
		data.ChangeID = c.ID
	case !errors.Is(err, store.ErrNotFound):
		s.serverError(w, r, err)
		return
	}
	var html []byte
	build := func() {
		// Line numbers match the diff's, so a change page can point at a line.
		data.Text = renderMarkdown(v.Text)
		html, err = s.page("version", data)
	}
	if len(v.Text) < heavyText {
		build()
	} else if !s.heavily(w, r, build) {
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.write(w, r, http.StatusOK, html)
}

// pageParam reads the ?page= of a list of perPage items a page: 1 when
// absent. It answers the request itself (400, or 404 for a page whose
// offset would overflow: far past the last one anyway) when ok is false.
func (s *server) pageParam(w http.ResponseWriter, r *http.Request, perPage int) (page int, ok bool) {
	p := r.URL.Query().Get("page")
	if p == "" {
		return 1, true
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 {
		s.fail(w, r, http.StatusBadRequest, "The page number must be a whole number from 1 up.")
		return 0, false
	}
	if n > math.MaxInt64/perPage {
		s.notFound(w, r)
		return 0, false
	}
	return n, true
}

// pathID reads the {id} of the path: a positive integer.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}
