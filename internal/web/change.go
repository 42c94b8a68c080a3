package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
)

// Limits of a review form.
const (
	maxReviewBody = 64 << 10
	maxReviewer   = 200   // runes
	maxNote       = 10000 // runes
)

type changePage struct {
	Title     string
	Change    changeRow
	From, To  model.Version
	Clauses   []clauseView
	Paras     []diffPara
	Diff      diff.Summary
	Page      int // of the diff, from 1
	Prev      int // 0: none
	Next      int // 0: none
	CSRF      string
	NeedToken bool
	Decisions []string
}

// change shows a change: its clause changes and one page of its diff, both
// as recorded with it, so that the cost of a view does not grow with the
// documents.
func (s *server) change(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	page, ok := s.pageParam(w, r, diff.PageLines)
	if !ok {
		return
	}
	ctx := r.Context()
	c, err := s.st.Change(ctx, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	from, err := s.st.VersionInfo(ctx, c.FromVersion)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	to, err := s.st.VersionInfo(ctx, c.ToVersion)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	load := func(n int) ([]byte, error) { return s.st.DiffPage(ctx, c.ID, n) }
	var p diff.Page
	if _, recorded := diff.SummaryOf(c); recorded {
		p, err = diff.PageOf(c, page-1, load, nil, nil)
	} else if !s.heavily(w, r, func() {
		// Recorded before diffs were kept: both versions are compared.
		p, err = diff.PageOf(c, page-1, load, func() (string, string, error) { return s.st.ChangeTexts(ctx, c.ID) },
			clause.NewMarker(c.ClauseChanges).TypeOf)
	}) {
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if page > 1 && page > p.Pages {
		s.notFound(w, r)
		return
	}
	// The page carries a form token bound to a cookie: it must not be cached.
	w.Header().Set("Cache-Control", "no-store")
	row := newChangeRow(c)
	row.Summary = present.Headline(c, p.Summary.Lines)
	data := changePage{
		Title:     fmt.Sprintf("%s — %s: change %d", c.Vendor, c.Document, c.ID),
		Change:    row,
		From:      from,
		To:        to,
		Clauses:   clauseViews(c.ClauseChanges),
		Paras:     diffParas(p.Lines, c.ClauseChanges),
		Diff:      p.Summary,
		Page:      page,
		CSRF:      s.csrf.token(w, r),
		NeedToken: s.opts.Token != "" && !s.hasSession(r),
		Decisions: model.Decisions(),
	}
	if page > 1 {
		data.Prev = page - 1
	}
	if page < p.Pages {
		data.Next = page + 1
	}
	s.render(w, r, http.StatusOK, "change", data)
}

func (s *server) review(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxReviewBody)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The review form could not be read.")
		return
	}
	viaHeader := false
	if s.opts.Token != "" && !s.hasSession(r) {
		var ok bool
		if viaHeader, ok = bearer(r, s.opts.Token); !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="toswatch"`)
			s.fail(w, r, http.StatusUnauthorized, "A review needs the access token of this toswatch server.")
			return
		}
	}
	// A bearer header cannot be sent by a cross-site form, so it needs no
	// CSRF token (scripts and curl post with it).
	if !viaHeader {
		if err := s.csrf.check(r); err != nil {
			s.fail(w, r, http.StatusForbidden, "The review was refused: "+err.Error()+". Reload the change page and submit the form again.")
			return
		}
	}
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	by := strings.TrimSpace(r.PostFormValue("by"))
	// Browsers send a textarea's line breaks as CRLF: kept as LF.
	note := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("note"), "\r\n", "\n"))
	decision := r.PostFormValue("decision")
	if decision == "" {
		decision = model.DecisionAcknowledged
	}
	switch {
	case !model.ValidDecision(decision):
		s.fail(w, r, http.StatusBadRequest, "Unknown decision: choose one of "+strings.Join(model.Decisions(), ", ")+".")
		return
	case by == "":
		s.fail(w, r, http.StatusBadRequest, "Please give your name: a review records who reviewed the change.")
		return
	case utf8.RuneCountInString(by) > maxReviewer:
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("The name is too long (at most %d characters).", maxReviewer))
		return
	case utf8.RuneCountInString(note) > maxNote:
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("The note is too long (at most %d characters).", maxNote))
		return
	case !utf8.ValidString(by) || !utf8.ValidString(note):
		s.fail(w, r, http.StatusBadRequest, "The name and note must be UTF-8 text.")
		return
	}
	if _, err := s.st.AddReview(r.Context(), id, model.Review{By: by, Decision: decision, Note: note}); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.log.Info("change reviewed", slog.Int64("change", id), slog.String("by", by), slog.String("decision", decision))
	http.Redirect(w, r, present.ChangeURL(s.root, id)+"#review", http.StatusSeeOther)
}
